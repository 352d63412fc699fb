// lovcen export --format tmx|xliff12|xliff21 --src L --tgt L[,L...] [--story K] -o FILE:
// the TM, or one story of it, as a file (TMX: any number of target languages;
// XLIFF: one). The output appears whole or not at all.
#include <cstdint>
#include <ostream>
#include <vector>

#include "cli_common.h"
#include "lovcen/formats/tmx.h"
#include "lovcen/formats/xliff_tm.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

struct ExportArgs {
  std::string format = "tmx";
  std::string src;
  std::string tgt;
  std::string story;
  std::string output;
};

// What every format's export reports.
struct ExportResult {
  std::size_t units = 0;
  std::uint64_t bytes = 0;
  std::vector<Rejection> skipped;
};

void PrintSummary(CliState& state, const std::string& format, const std::string& path,
                  const ExportResult& s) {
  if (state.global.json) {
    std::ostream& out = *state.out;
    out << "{\"format\":" << JsonString(format) << ",\"file\":" << JsonString(path)
        << ",\"units\":" << s.units << ",\"bytes\":" << s.bytes << ",\"skipped\":[";
    for (std::size_t i = 0; i < s.skipped.size(); ++i) {
      out << (i ? "," : "") << "{\"where\":" << JsonString(s.skipped[i].where)
          << ",\"reason\":" << JsonString(s.skipped[i].reason) << "}";
    }
    out << "]}\n";
    return;
  }
  for (const Rejection& r : s.skipped) Warn(state, "skipped " + r.where + ": " + r.reason);
  if (state.global.quiet) return;
  *state.out << "exported " << s.units << (s.units == 1 ? " unit" : " units") << " to " << path
             << " (" << s.bytes << " bytes, " << format << ")\n";
}

void Run(CliState& state, const ExportArgs& args) {
  if (args.format != "tmx" && args.format != "xliff12" && args.format != "xliff21") {
    Fail(state, UsageError("--format must be tmx, xliff12 or xliff21"));
    return;
  }
  auto source = ParseLanguage(state, args.src);
  if (!source.ok()) {
    Fail(state, source.error());
    return;
  }
  auto targets = ParseLanguageList(state, args.tgt);
  if (!targets.ok()) {
    Fail(state, targets.error());
    return;
  }
  for (const LanguageTag& t : *targets) {
    if (t == *source) {
      Fail(state, UsageError("--tgt " + std::string(t.str()) + " is the source language"));
      return;
    }
  }
  if (args.format != "tmx" && targets->size() != 1) {
    Fail(state, UsageError("XLIFF holds one target language: give --tgt one tag"));
    return;
  }
  auto store = OpenStore(state, false);
  if (!store.ok()) {
    Fail(state, store.error());
    return;
  }
  Progress progress(state, "exporting");
  const auto on_progress = [&progress](std::size_t n) { progress.Update(n); };
  const auto run = [&]() -> Result<ExportResult> {
    if (args.format == "tmx") {
      formats::TmxExportOptions options;
      options.source = *source;
      options.targets = *targets;
      options.story_key = args.story;
      options.progress = on_progress;
      auto summary = formats::ExportTmx(**store, options, args.output);
      if (!summary.ok()) return summary.error();
      return ExportResult{summary->units, summary->bytes, std::move(summary->skipped)};
    }
    formats::XliffExportOptions options;
    options.source = *source;
    options.target = targets->front();
    options.story_key = args.story;
    options.progress = on_progress;
    auto summary = args.format == "xliff12" ? formats::ExportXliff12(**store, options, args.output)
                                            : formats::ExportXliff21(**store, options, args.output);
    if (!summary.ok()) return summary.error();
    return ExportResult{summary->units, summary->bytes, std::move(summary->skipped)};
  };
  const Result<ExportResult> result = run();
  progress.Finish();
  if (!result.ok()) {
    Fail(state, result.error());
    return;
  }
  PrintSummary(state, args.format, args.output, *result);
}

}  // namespace

void AddExportCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "write the TM, or a story of it, as TMX or XLIFF");
  cmd->add_option("--format", args->format, "tmx | xliff12 | xliff21")->capture_default_str();
  cmd->add_option("--src", args->src, "source language")->required();
  cmd->add_option("--tgt", args->tgt, "target language(s); TMX takes a comma-separated list")
      ->required();
  cmd->add_option("--story", args->story, "only the units of this story");
  cmd->add_option("-o,--output", args->output, "output file (written whole or not at all)")
      ->required();
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
