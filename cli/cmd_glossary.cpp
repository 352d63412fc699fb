// lovcen glossary import FILE.tbx|FILE.tsv...: terms into the TM's glossary
// (one transaction per file), for the term-mismatch check.
// lovcen glossary list: the entries with their terms.
#include <ostream>

#include "cli_common.h"
#include "lovcen/formats/tbx.h"
#include "lovcen/glossary_store.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

struct GlossaryArgs {
  std::vector<std::string> files;
};

Result<std::unique_ptr<GlossaryStore>> Open(CliState& state, bool create) {
  auto store = OpenStore(state, create);  // creates or migrates the schema
  if (!store.ok()) return store.error();
  return OpenSqliteGlossaryStore(state.DbPath());
}

void Import(CliState& state, const GlossaryArgs& args) {
  formats::GlossaryReadOptions options;
  options.tags.fold_regions = state.global.fold_regions;
  options.warn = [&state](const std::string& w) { Warn(state, w); };
  // Read every file first: a bad one leaves the glossary unchanged.
  std::vector<std::pair<std::string, std::vector<GlossaryEntry>>> read;
  for (const std::string& file : args.files) {
    auto entries = formats::ReadGlossary(file, options);
    if (!entries.ok()) return static_cast<void>(Fail(state, entries.error()));
    read.emplace_back(file, std::move(entries).value());
  }
  auto store = Open(state, true);
  if (!store.ok()) return static_cast<void>(Fail(state, store.error()));
  if (state.global.json) *state.out << "{\"files\":[";
  for (std::size_t i = 0; i < read.size(); ++i) {
    auto summary = (*store)->AddEntries(read[i].second, read[i].first);
    if (!summary.ok()) return static_cast<void>(Fail(state, summary.error()));
    if (state.global.json) {
      *state.out << (i ? "," : "") << "{\"file\":" << JsonString(read[i].first)
                 << ",\"entries\":" << summary->entries
                 << ",\"terms_added\":" << summary->terms_added
                 << ",\"terms_existing\":" << summary->terms_existing << "}";
    } else if (!state.global.quiet) {
      *state.out << read[i].first << ": " << summary->entries << " entries, "
                 << summary->terms_added << " terms added, " << summary->terms_existing
                 << " already there\n";
    }
  }
  if (state.global.json) *state.out << "]}\n";
}

void List(CliState& state) {
  auto store = Open(state, false);
  if (!store.ok()) return static_cast<void>(Fail(state, store.error()));
  auto entries = (*store)->Entries();
  if (!entries.ok()) return static_cast<void>(Fail(state, entries.error()));
  if (state.global.json) *state.out << "{\"entries\":[";
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const GlossaryEntry& e = (*entries)[i];
    if (state.global.json) {
      *state.out << (i ? "," : "") << "{\"id\":" << JsonString(e.id) << ",\"terms\":[";
      for (std::size_t t = 0; t < e.terms.size(); ++t) {
        *state.out << (t ? "," : "") << "{\"lang\":" << JsonString(e.terms[t].first.str())
                   << ",\"term\":" << JsonString(e.terms[t].second) << "}";
      }
      *state.out << "]}";
    } else {
      *state.out << e.id;
      for (const auto& [tag, term] : e.terms) *state.out << '\t' << tag.str() << '=' << term;
      *state.out << '\n';
    }
  }
  if (state.global.json) *state.out << "]}\n";
}

}  // namespace

void AddGlossaryCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<GlossaryArgs>();
  CLI::App* cmd =
      app.add_subcommand("glossary", "glossary terms in the TM (for the term-mismatch check)");
  cmd->require_subcommand(1);
  CLI::App* import =
      cmd->add_subcommand("import", "read TBX (basic) or TSV glossaries into the TM");
  import->add_option("files", args->files, "FILE.tbx or FILE.tsv")->required();
  import->callback([&state, args] { Import(state, *args);
});
CLI::App* list = cmd->add_subcommand("list", "print the glossary entries");
list->callback([&state] { List(state); });
}  // namespace lovcen::cli

}  // namespace lovcen::cli
