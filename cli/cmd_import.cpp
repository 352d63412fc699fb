// lovcen import FILE...: every file into the TM in one transaction.
#include <ostream>

#include "cli_common.h"
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
};

void PrintSummary(CliState& state, const WriteSummary& s, std::size_t files) {
  if (state.global.json) {
    std::ostream& out = *state.out;
    out << "{\"files\":" << files << ",\"added\":" << s.added << ",\"updated\":" << s.updated
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
  for (const Rejection& r : s.rejected) *state.out << "  rejected " << r.where << ": " << r.reason << '\n';
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
  auto store = OpenStore(state, true);
  if (!store.ok()) {
    Fail(state, store.error());
    return;
  }
  auto writer = (*store)->BeginWrite(write);
  if (!writer.ok()) {
    Fail(state, writer.error());
    return;
  }
  Progress progress(state, "importing");
  formats::ImportOptions options;
  options.tags.fold_regions = state.global.fold_regions;
  options.all_states = args.all_states;
  options.story_key = args.story;
  options.progress = [&progress](std::size_t n) { progress.Update(n); };
  options.warn = [&state](const std::string& w) { Warn(state, w); };
  for (const std::string& file : args.files) {
    Status status = formats::ImportInto(file, formats::FileFormat::kUnknown, **writer, options);
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
  PrintSummary(state, (*writer)->summary(), args.files.size());
}

}  // namespace

void AddImportCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand("import", "import TSV, TMX or XLIFF files into the TM (one transaction)");
  cmd->add_option("files", args->files, "files to import (format detected from content)")->required();
  cmd->add_option("--on-duplicate", args->on_duplicate, "keep-both | newer-wins | skip")
      ->capture_default_str();
  cmd->add_option("--story", args->story, "story key for the imported units");
  cmd->add_flag("--all-states", args->all_states, "XLIFF: import targets in any state");
  cmd->add_flag("--defer-concordance", args->defer_concordance,
                "bulk load: skip the concordance index (run 'lovcen reindex' afterwards)");
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
