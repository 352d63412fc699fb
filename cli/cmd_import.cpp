// lovcen import FILE...: every file into the TM in one transaction.
#include <optional>
#include <ostream>

#include "cli_common.h"
#include "data_dir.h"
#include "lovcen/formats/add_script.h"
#include "lovcen/formats/importer.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

struct ImportArgs {
  std::vector<std::string> files;
  std::string on_duplicate = "newer-wins";
  std::string story;
  bool all_states = false;
  bool defer_concordance = false;
  bool add_script = false;
  std::string data_dir;
};

void PrintSummary(CliState& state, const WriteSummary& s, std::size_t files,
                  std::size_t transliterated) {
  if (state.global.json) {
    std::ostream& out = *state.out;
    out << "{\"files\":" << files << ",\"added\":" << s.added << ",\"updated\":" << s.updated
        << ",\"transliterated\":" << transliterated
        << ",\"duplicates_skipped\":" << s.duplicates_skipped << ",\"rejected\":[";
    for (std::size_t i = 0; i < s.rejected.size(); ++i) {
      out << (i ? "," : "") << "{\"where\":" << JsonString(s.rejected[i].where)
          << ",\"reason\":" << JsonString(s.rejected[i].reason) << "}";
    }
    out << "]}\n";
    return;
  }
  if (state.global.quiet) return;
  *state.out << "imported " << files << (files == 1 ? " file" : " files") << ": " << s.added
             << " added, " << s.updated << " updated, " << s.duplicates_skipped
             << " duplicates skipped, " << s.rejected.size() << " rejected\n";
  for (const Rejection& r : s.rejected)
    *state.out << "  rejected " << r.where << ": " << r.reason << '\n';
  if (transliterated > 0) {
    *state.out << "  " << transliterated
               << " units given their other Montenegrin script by transliteration\n";
  }
}

void Run(CliState& state, const ImportArgs& args) {
  WriteOptions write;
  auto policy = DuplicatePolicyFromName(args.on_duplicate);
  if (!policy) {
    Fail(state, UsageError("--on-duplicate must be keep-both, newer-wins or skip"));
    return;
  }
  write.on_duplicate = *policy;
  write.update_concordance = !args.defer_concordance;
  if (args.files.empty() && !args.add_script) {
    Fail(state, UsageError("no files to import (only --add-script runs without files)"));
    return;
  }
  std::optional<Transliterator> transliterator;
  if (args.add_script) {
    auto data_dir = ResolveDataDir(args.data_dir);
    if (!data_dir.ok()) return void(Fail(state, data_dir.error()));
    TransliteratorOptions translit_options;
    translit_options.data_dir = *data_dir;
    auto created = Transliterator::Create(translit_options);
    if (!created.ok()) return void(Fail(state, created.error()));
    transliterator.emplace(std::move(*created));
    // Every unit already in the TM is updated in place: newer-wins, whatever
    // --on-duplicate says for files.
    if (args.files.empty()) write.on_duplicate = DuplicatePolicy::kNewerWins;
  }
  auto store = OpenStore(state, true);
  if (!store.ok()) {
    Fail(state, store.error());
    return;
  }
  // Into an empty TM an import is a bulk load: the concordance index is
  // built when it is first searched (or by 'lovcen reindex'), not row by
  // row, which is more than half the time of a large import.
  if (!args.files.empty()) {
    auto max_id = (*store)->MaxUnitId();
    if (!max_id.ok()) return void(Fail(state, max_id.error()));
    if (*max_id == 0) write.update_concordance = false;
  }
  auto writer = (*store)->BeginWrite(write);
  if (!writer.ok()) {
    Fail(state, writer.error());
    return;
  }
  // --add-script: imported units pass through the transliteration on their way in.
  std::size_t transliterated = 0;
  std::unique_ptr<TmWriter> adding;
  if (transliterator) adding = formats::AddScriptWriter(**writer, *transliterator, &transliterated);
  TmWriter& into = adding ? *adding : **writer;
  if (transliterator && args.files.empty()) {
    auto added = formats::AddMissingScriptToStore(**store, into, *transliterator);
    if (!added.ok()) return void(Fail(state, added.error()));
    transliterated = added->variants_added;
    if (added->ambiguous > 0) {
      Warn(state, std::to_string(added->ambiguous) +
                      " units left without their other script: another unit has the same text in "
                      "each of their "
                      "languages");
    }
  }
  Progress progress(state, "importing");
  formats::ImportOptions options;
  options.tags.fold_regions = state.global.fold_regions;
  options.all_states = args.all_states;
  options.story_key = args.story;
  options.progress = [&progress](std::size_t n) { progress.Update(n); };
  options.warn = [&state](const std::string& w) { Warn(state, w); };
  for (const std::string& file : args.files) {
    Status status = formats::ImportInto(file, formats::FileFormat::kUnknown, into, options);
    if (!status.ok()) {
      progress.Finish();
      Fail(state, status.error());
      *state.err << "lovcen: nothing was imported; the translation memory is unchanged\n";
      return;  // the writer rolls back
    }
  }
  if (Status status = (*writer)->Commit(); !status.ok()) {
    progress.Finish();
    Fail(state, status.error());
    return;
  }
  progress.Finish();
  PrintSummary(state, (*writer)->summary(), args.files.size(), transliterated);
}

}  // namespace

void AddImportCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd =
      app.add_subcommand("import", "import TSV, TMX or XLIFF files into the TM (one transaction)");
  cmd->add_option("files", args->files, "files to import (format detected from content)");
  cmd->add_option("--on-duplicate", args->on_duplicate, "keep-both | newer-wins | skip")
      ->capture_default_str();
  cmd->add_option("--story", args->story, "story key for the imported units");
  cmd->add_flag("--all-states", args->all_states, "XLIFF: import targets in any state");
  cmd->add_flag("--defer-concordance", args->defer_concordance,
                "bulk load: leave the concordance index to the next search or 'lovcen reindex' "
                "(always so into an empty TM)");
  cmd->add_flag(
      "--add-script", args->add_script,
      "give every imported unit with cnr-Latn but no cnr-Cyrl (or the reverse) the other script by "
      "transliteration; with no files, every unit already in the TM");
  cmd->add_option("--data-dir", args->data_dir,
                  "directory holding translit/ (default: lovcen's own)");
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
