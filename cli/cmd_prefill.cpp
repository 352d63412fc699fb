// lovcen prefill ARTICLE --from L --to L[,L]: one pre-filled XLIFF per
// target edition and the analysis report.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>

#include "cli_common.h"
#include "data_dir.h"
#include "lovcen/formats/prefill.h"
#include "lovcen/formats/srx_reader.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

struct PrefillArgs {
  std::string article;
  std::string from;
  std::string to;
  std::string out_dir = ".";
  int threshold = 75;
  std::size_t max_candidates = 5;
  std::string xliff = "1.2";
  std::string report = "text";
  std::string srx;
  std::string data_dir;
  bool transliterate = true;
  bool character_admission = true;
};

// "story.en.txt" -> "story": the article's name without extension and language.
std::string BaseName(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  const std::size_t dot = stem.rfind('.');
  if (dot != std::string::npos && LanguageTag::Parse(stem.substr(dot + 1)).ok()) stem.resize(dot);
  return stem;
}

// Writes every file or none: each goes to a temporary name first and is
// renamed only when all were written.
Status WriteAll(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> temps;
  auto cleanup = [&temps] {
    for (const std::string& t : temps) std::filesystem::remove(t);
  };
  for (const auto& [path, content] : files) {
    const std::string temp = path + ".lovcen-tmp";
    std::ofstream out(temp, std::ios::binary);
    if (out) {
      temps.push_back(temp);
      out << content;
      out.close();
    }
    if (!out) {
      cleanup();
      return IoError("cannot write", path);
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    std::filesystem::rename(temps[i], files[i].first, ec);
    if (ec) {
      cleanup();
      return IoError("cannot write: " + ec.message(), files[i].first);
    }
  }
  return Status::Ok();
}

void Run(CliState& state, const PrefillArgs& args) {
  auto from = ParseLanguage(state, args.from);
  if (!from.ok()) return void(Fail(state, from.error()));
  auto to = ParseLanguageList(state, args.to);
  if (!to.ok()) return void(Fail(state, to.error()));
  formats::XliffVersion version;
  if (args.xliff == "1.2") {
    version = formats::XliffVersion::k12;
  } else if (args.xliff == "2.1" || args.xliff == "2.0") {
    version = args.xliff == "2.1" ? formats::XliffVersion::k21 : formats::XliffVersion::k20;
  } else {
    return void(Fail(state, UsageError("--xliff must be 1.2 or 2.1")));
  }
  if (args.report != "text" && args.report != "json" && args.report != "html") {
    return void(Fail(state, UsageError("--report must be text, json or html")));
  }
  if (args.threshold < 0 || args.threshold > 100) {
    return void(Fail(state, UsageError("--threshold must be between 0 and 100")));
  }
  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec || !std::filesystem::is_directory(args.out_dir)) {
    return void(Fail(state, IoError("cannot create the output directory", args.out_dir)));
  }

  auto job = formats::LoadPrefillInput(args.article, *from, *to);
  if (!job.ok()) return void(Fail(state, job.error()));
  // Only an article is segmented here; an XLIFF comes segmented.
  std::optional<Segmenter> segmenter;
  if (job->article) {
    auto srx = formats::ReadDefaultSrx(args.srx);
    if (!srx.ok()) return void(Fail(state, srx.error()));
    auto created = Segmenter::Create(*srx, *from);
    if (!created.ok()) return void(Fail(state, created.error()));
    segmenter.emplace(std::move(*created));
  }
  auto store = OpenStore(state, false);
  if (!store.ok()) return void(Fail(state, store.error()));
  MatcherOptions options;
  options.threshold = args.threshold;
  options.max_candidates = args.max_candidates;
  options.character_admission = args.character_admission;
  options.db_path = state.DbPath();
  // A Montenegrin edition is offered from TUs that hold only the other script.
  std::optional<Transliterator> transliterator;
  const bool montenegrin = std::any_of(to->begin(), to->end(), [](const LanguageTag& t) {
    return t.language() == Language::kMontenegrinLatin ||
           t.language() == Language::kMontenegrinCyrillic;
  });
  if (montenegrin && args.transliterate) {
    auto data_dir = ResolveDataDir(args.data_dir);
    if (!data_dir.ok()) return void(Fail(state, data_dir.error()));
    TransliteratorOptions translit_options;
    translit_options.data_dir = *data_dir;
    auto created = Transliterator::Create(translit_options);
    if (!created.ok()) return void(Fail(state, created.error()));
    transliterator.emplace(std::move(*created));
    options.transliterator = &*transliterator;
  }
  auto matcher = Matcher::Open(**store, state.DbPath() + ".fuzzy", options);
  if (!matcher.ok()) return void(Fail(state, matcher.error()));
  if (Status s = formats::MatchPrefillJob(*job, segmenter ? &*segmenter : nullptr, *matcher);
      !s.ok()) {
    return void(Fail(state, s.error()));
  }

  std::vector<std::pair<std::string, std::string>> files;
  std::vector<formats::Analysis> analyses;
  const std::string base = (std::filesystem::path(args.out_dir) / BaseName(args.article)).string();
  for (std::size_t t = 0; t < to->size(); ++t) {
    auto doc = formats::BuildPrefillXliff(*job, t, job->xliff ? job->xliff->version : version);
    if (!doc.ok()) return void(Fail(state, doc.error()));
    auto xml = formats::WriteXliff(*doc);
    if (!xml.ok()) return void(Fail(state, xml.error()));
    files.emplace_back(base + "." + std::string((*to)[t].str()) + ".xlf", std::move(*xml));
    analyses.push_back(formats::Analyse(*job, t));
  }
  std::string report_path;
  if (args.report == "html") {
    report_path = base + ".report.html";
    files.emplace_back(report_path, formats::AnalysisHtml(*job, analyses));
  }
  if (Status s = WriteAll(files); !s.ok()) return void(Fail(state, s.error()));

  if (state.global.json || args.report == "json") {
    *state.out << formats::AnalysisJson(*job, analyses);
    return;
  }
  if (state.global.quiet) return;
  *state.out << formats::AnalysisText(*job, analyses);
  for (const auto& [path, content] : files) *state.out << "wrote " << path << '\n';
}

}  // namespace

void AddPrefillCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<PrefillArgs>();
  CLI::App* cmd =
      app.add_subcommand("prefill", "pre-fill an article's translation from the TM into XLIFF");
  cmd->add_option("article", args->article,
                  "article (plain text, Markdown, HTML) or XLIFF to complete")
      ->required();
  cmd->add_option("--from", args->from, "source language")->required();
  cmd->add_option("--to", args->to, "target languages, comma-separated")->required();
  cmd->add_option("-o,--output", args->out_dir, "output directory")->capture_default_str();
  cmd->add_option("--threshold", args->threshold, "lowest fuzzy score offered")
      ->capture_default_str();
  cmd->add_option("--max-candidates", args->max_candidates, "candidates per segment")
      ->capture_default_str();
  cmd->add_option("--xliff", args->xliff, "1.2 or 2.1")->capture_default_str();
  cmd->add_option("--report", args->report, "text | json | html")->capture_default_str();
  cmd->add_option("--srx", args->srx, "segmentation rules (default: lovcen's own)");
  cmd->add_flag(
      "!--no-transliterate", args->transliterate,
      "cnr-Latn / cnr-Cyrl: offer only stored variants, never the other script transliterated");
  cmd->add_flag(
      "!--token-score-only", args->character_admission,
      "offer a fuzzy match only on its token score (design §3), never on its character score");
  cmd->add_option("--data-dir", args->data_dir,
                  "directory holding translit/ (default: lovcen's own)");
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
