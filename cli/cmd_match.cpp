// lovcen match TEXT: the TM candidates for one source segment, per target
// language, with class, score, origin and (for fuzzy) the differing words.
#include <iomanip>
#include <ostream>
#include <sstream>

#include "cli_common.h"
#include "lovcen/candidate_index.h"
#include "lovcen/matcher.h"
#include "lovcen/text.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

struct MatchArgs {
  std::string text;
  std::string from;
  std::string to;
  int threshold = 75;
  std::size_t max_candidates = 5;
  bool no_pivot = false;
};

std::string Marked(const std::string& text, const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  std::string out;
  std::size_t at = 0;
  for (const auto& [b, e] : spans) {
    if (b < at || e > text.size()) continue;
    out.append(text, at, b - at);
    out += "[";
    out.append(text, b, e - b);
    out += "]";
    at = e;
  }
  out.append(text, at, std::string::npos);
  return out;
}

void PrintJson(std::ostream& out, const MatchArgs& args, const LanguageTag& from, const SegmentMatches& matches) {
  out << "{\"source\":" << JsonString(args.text) << ",\"from\":" << JsonString(from.str()) << ",\"targets\":[";
  for (std::size_t t = 0; t < matches.targets.size(); ++t) {
    const TargetMatches& tm = matches.targets[t];
    out << (t ? "," : "") << "{\"lang\":" << JsonString(tm.language.str()) << ",\"candidates\":[";
    for (std::size_t i = 0; i < tm.candidates.size(); ++i) {
      const Candidate& c = tm.candidates[i];
      out << (i ? "," : "") << "{\"class\":" << JsonString(MatchClassName(c.match_class)) << ",\"score\":" << c.score
          << ",\"target\":" << JsonString(c.target.text) << ",\"tm_source\":" << JsonString(c.tm_source.text)
          << ",\"origin\":{\"unit\":" << c.origin.unit_id << ",\"tuid\":" << JsonString(c.origin.tuid)
          << ",\"story\":" << JsonString(c.origin.story_key) << ",\"date\":" << JsonString(c.origin.changed)
          << ",\"author\":" << JsonString(c.origin.author)
          << ",\"origin\":" << JsonString(OriginName(c.origin.origin));
      if (c.origin.pivot_language) {
        out << ",\"pivot\":" << JsonString(c.origin.pivot_language->str())
            << ",\"pivot_unit\":" << c.origin.pivot_unit_id;
      }
      out << "},\"differing_source\":[";
      for (std::size_t d = 0; d < c.differing_source.size(); ++d) {
        const auto [b, e] = c.differing_source[d];
        out << (d ? "," : "") << "{\"begin\":" << b << ",\"end\":" << e << ",\"text\":"
            << JsonString(std::string_view(args.text).substr(b, e - b)) << "}";
      }
      out << "],\"edits\":[";
      for (std::size_t d = 0; d < c.edits.size(); ++d) {
        const TokenEdit& e = c.edits[d];
        out << (d ? "," : "") << "{\"kind\":" << JsonString(EditKindName(e.kind)) << ",\"source_token\":"
            << e.source_token << ",\"tm_token\":" << e.tm_token << ",\"cost\":" << (e.cost / 10.0) << "}";
      }
      out << "],\"substitutions\":[";
      for (std::size_t d = 0; d < c.substitutions.size(); ++d) {
        const Substitution& s = c.substitutions[d];
        out << (d ? "," : "") << "{\"old_source\":" << JsonString(s.old_source) << ",\"new_source\":"
            << JsonString(s.new_source) << ",\"old_target\":" << JsonString(s.old_target)
            << ",\"new_target\":" << JsonString(s.new_target) << "}";
      }
      out << "]}";
    }
    out << "]}";
  }
  out << "]}\n";
}

void PrintText(std::ostream& out, const MatchArgs& args, const SegmentMatches& matches) {
  for (const TargetMatches& tm : matches.targets) {
    out << tm.language.str() << ": " << tm.candidates.size()
        << (tm.candidates.size() == 1 ? " candidate\n" : " candidates\n");
    for (const Candidate& c : tm.candidates) {
      out << "  " << std::setw(3) << c.score << "  " << MatchClassName(c.match_class) << "  #" << c.origin.unit_id;
      if (!c.origin.story_key.empty()) out << "  " << c.origin.story_key;
      if (!c.origin.changed.empty()) out << "  " << c.origin.changed;
      if (!c.origin.author.empty()) out << "  " << c.origin.author;
      if (c.origin.pivot_language) out << "  via " << c.origin.pivot_language->str() << " #" << c.origin.pivot_unit_id;
      out << "\n     tm: " << c.tm_source.text << "\n     =>  " << c.target.text << '\n';
      if (!c.differing_source.empty()) out << "     differs: " << Marked(args.text, c.differing_source) << '\n';
      for (const Substitution& s : c.substitutions) {
        out << "     " << s.old_source << " -> " << s.new_source << "  (" << s.old_target << " -> " << s.new_target
            << ")\n";
      }
    }
  }
}

void Run(CliState& state, const MatchArgs& args) {
  auto from = ParseLanguage(state, args.from);
  if (!from.ok()) {
    Fail(state, from.error());
    return;
  }
  auto to = ParseLanguageList(state, args.to);
  if (!to.ok()) {
    Fail(state, to.error());
    return;
  }
  for (const LanguageTag& t : *to) {
    if (t == *from) {
      Fail(state, UsageError("--to must differ from --from (" + std::string(t.str()) + ")"));
      return;
    }
  }
  auto text = NormalizeInput(args.text);
  if (!text.ok()) {
    Fail(state, text.error());
    return;
  }
  auto store = OpenStore(state, false);
  if (!store.ok()) {
    Fail(state, store.error());
    return;
  }
  MatcherOptions options;
  options.threshold = args.threshold;
  options.max_candidates = args.max_candidates;
  options.pivot = !args.no_pivot;
  options.db_path = state.DbPath();
  Progress progress(state, "opening the fuzzy index");
  auto matcher = Matcher::Open(**store, DefaultIndexPath(state.DbPath()), options);
  progress.Finish();
  if (!matcher.ok()) {
    Fail(state, matcher.error());
    return;
  }
  Segment segment;
  segment.text = *text;
  auto matches = matcher->MatchSegment(segment, nullptr, nullptr, *from, *to);
  if (!matches.ok()) {
    Fail(state, matches.error());
    return;
  }
  MatchArgs shown = args;
  shown.text = *text;
  if (state.global.json) {
    PrintJson(*state.out, shown, *from, *matches);
  } else {
    PrintText(*state.out, shown, *matches);
  }
}

}  // namespace

void AddMatchCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<MatchArgs>();
  CLI::App* cmd = app.add_subcommand("match", "TM candidates (exact, placeable, fuzzy, pivot) for one segment");
  cmd->add_option("text", args->text, "the source segment")->required();
  cmd->add_option("--from,-f", args->from, "language of TEXT")->required();
  cmd->add_option("--to,-t", args->to, "target language(s), comma-separated")->required();
  cmd->add_option("--threshold", args->threshold, "lowest fuzzy score shown (0-100)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  cmd->add_option("--max-candidates,-k", args->max_candidates, "candidates per target language")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--no-pivot", args->no_pivot, "never look through a third language");
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
