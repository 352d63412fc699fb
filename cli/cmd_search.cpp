// lovcen search TEXT: concordance over the TM, with the other languages of
// each hit.
#include <ostream>

#include "cli_common.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

struct SearchArgs {
  std::string text;
  std::string lang;
  std::string mode = "substring";
  std::size_t limit = 20;
};

std::string Highlight(const std::string& text,
                      const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  std::string out;
  std::size_t at = 0;
  for (const auto& [b, e] : spans) {
    out.append(text, at, b - at);
    out += "[";
    out.append(text, b, e - b);
    out += "]";
    at = e;
  }
  out.append(text, at, std::string::npos);
  return out;
}

void Run(CliState& state, const SearchArgs& args) {
  ConcordanceQuery query;
  query.text = args.text;
  query.limit = args.limit;
  if (args.mode == "word") {
    query.mode = ConcordanceQuery::Mode::kWord;
  } else if (args.mode == "prefix") {
    query.mode = ConcordanceQuery::Mode::kPrefix;
  } else if (args.mode != "substring") {
    Fail(state, UsageError("--mode must be word, prefix or substring"));
    return;
  }
  if (!args.lang.empty()) {
    auto tag = ParseLanguage(state, args.lang);
    if (!tag.ok()) {
      Fail(state, tag.error());
      return;
    }
    query.language = *tag;
  }
  auto store = OpenStore(state, false);
  if (!store.ok()) {
    Fail(state, store.error());
    return;
  }
  // A bulk load leaves the concordance to be built when it is first needed:
  // here, once.
  auto stale = (*store)->ConcordanceStale();
  if (!stale.ok()) return void(Fail(state, stale.error()));
  if (*stale) {
    if (!state.global.quiet) {
      *state.err
          << "lovcen: building the concordance index (the TM was bulk-loaded; this happens once)\n";
    }
    if (Status s = (*store)->RebuildConcordanceIndex(); !s.ok()) {
      Fail(state, s.error());
      *state.err << "lovcen: run 'lovcen reindex' where the TM can be written\n";
      return;
    }
  }
  auto hits = (*store)->Search(query);
  if (!hits.ok()) {
    Fail(state, hits.error());
    return;
  }
  std::ostream& out = *state.out;
  if (state.global.json) {
    out << "{\"query\":" << JsonString(args.text) << ",\"hits\":[";
    bool first = true;
    for (const ConcordanceHit& hit : *hits) {
      out << (first ? "" : ",") << "{\"unit\":" << hit.unit.id
          << ",\"story\":" << JsonString(hit.unit.story_key)
          << ",\"lang\":" << JsonString(hit.language.str()) << ",\"spans\":[";
      for (std::size_t i = 0; i < hit.spans.size(); ++i) {
        out << (i ? "," : "") << "[" << hit.spans[i].first << "," << hit.spans[i].second << "]";
      }
      out << "],\"variants\":{";
      for (std::size_t i = 0; i < hit.unit.variants.size(); ++i) {
        const Variant& v = hit.unit.variants[i];
        out << (i ? "," : "") << JsonString(v.language.str()) << ":" << JsonString(v.segment.text);
      }
      out << "}}";
      first = false;
    }
    out << "]}\n";
    return;
  }
  for (const ConcordanceHit& hit : *hits) {
    out << "#" << hit.unit.id;
    if (!hit.unit.story_key.empty()) out << "  " << hit.unit.story_key;
    out << '\n';
    for (const Variant& v : hit.unit.variants) {
      const bool matched = v.language == hit.language;
      out << "  " << (matched ? '*' : ' ') << ' ' << v.language.str() << "\t"
          << (matched ? Highlight(v.segment.text, hit.spans) : v.segment.text) << '\n';
    }
  }
  if (!state.global.quiet) out << hits->size() << (hits->size() == 1 ? " hit\n" : " hits\n");
}

}  // namespace

void AddSearchCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd =
      app.add_subcommand("search", "concordance search: find TM segments containing TEXT");
  cmd->add_option("text", args->text, "text to find (case-insensitive)")->required();
  cmd->add_option("--lang,-l", args->lang, "only in this language (default: all)");
  cmd->add_option("--mode", args->mode, "word | prefix | substring")->capture_default_str();
  cmd->add_option("--limit", args->limit, "at most this many hits")->capture_default_str();
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
