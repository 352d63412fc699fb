// Sentence alignment over generated trilingual articles (bench/support's
// ArticleGenerator): one long document through the Aligner (2,000 sentences a
// side; the design expects well under a second), one typical article of three
// editions, the same read and segmented from its files as the CLI does, the
// accuracy against the generator's gold beads over 200 articles (and a check
// that lovcen reads the files into the generator's sentences, so the gold
// holds), and the whole `lovcen align --batch` over an archive of
// LOVCEN_BENCH_ARTICLES stories (default 1,000; target >= 50 articles/s), of
// three editions and of four (cnr-Cyrl beside cnr-Latn).
// Run: ./build/align_bench --benchmark_counters_tabular=true
// The CLI is found as LOVCEN_BINARY, else as `lovcen` beside this program.
// docs/performance.md has results.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "lovcen/aligner.h"
#include "lovcen/formats/align_input.h"
#include "lovcen/formats/article_reader.h"
#include "lovcen/formats/srx_reader.h"
#include "lovcen/segmenter.h"
#include "lovcen/transliterator.h"
#include "support/article_generator.h"
#include "support/tm_generator.h"

namespace lovcen::bench {
namespace {

namespace fs = std::filesystem;

std::size_t Articles() {
  const char* env = std::getenv("LOVCEN_BENCH_ARTICLES");
  return env ? static_cast<std::size_t>(std::atoll(env)) : 1000;
}

fs::path WorkDir() { return fs::temp_directory_path() / "lovcen-align-bench"; }

// The aligner as the CLI sets it up (transliterator for cnr-Cyrl names;
// it lives as long as the program, as the aligner that points to it).
const Transliterator* TheTransliterator() {
  static const Transliterator* tr = [] {
    auto t = Transliterator::Create();
    return t.ok() ? new Transliterator(std::move(*t)) : nullptr;
  }();
  return tr;
}

const Aligner& TheAligner() {
  static const Aligner aligner = Aligner::Create({}, TheTransliterator()).value();
  return aligner;
}

const SrxDocument& TheSrx() {
  static const SrxDocument srx = formats::ReadDefaultSrx().value();
  return srx;
}

// 0: en -> cnr-Latn, 1: en -> de.
std::size_t TargetOf(const benchmark::State& state) { return state.range(0) == 0 ? kCnr : kDe; }

void BM_AlignPair(benchmark::State& state) {
  const int sentences = static_cast<int>(state.range(1));
  const GeneratedArticle doc = ArticleGenerator().GenerateLong("long-document", sentences);
  const std::size_t t = TargetOf(state);
  PairAlignment result;
  for (auto _ : state) {
    result = TheAligner().Align(doc.editions[kEn].edition, doc.editions[t].edition);
    benchmark::DoNotOptimize(result.beads.data());
  }
  state.counters["src_sentences"] = static_cast<double>(doc.editions[kEn].edition.sentences.size());
  state.counters["tgt_sentences"] = static_cast<double>(doc.editions[t].edition.sentences.size());
  state.counters["gold_beads_found"] = BeadAccuracy(GoldBeads(doc, kEn, t), result.beads);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_AlignPair)
    ->ArgNames({"pair", "sentences"})
    ->Args({0, 2000})
    ->Args({1, 2000})
    ->Args({1, 500})
    ->Unit(benchmark::kMillisecond);

// One typical article, three editions, from the generator's sentences.
void BM_AlignThree(benchmark::State& state) {
  const GeneratedArticle a = ArticleGenerator().Generate("story-0000");
  const AlignEdition e[3] = {a.editions[kEn].edition, a.editions[kCnr].edition,
                             a.editions[kDe].edition};
  for (auto _ : state) {
    MultiAlignment m = TheAligner().AlignThree(e);
    benchmark::DoNotOptimize(m.beads.data());
  }
  state.counters["sentences_en"] = static_cast<double>(e[0].sentences.size());
  state.SetItemsProcessed(state.iterations());  // items = articles
}
BENCHMARK(BM_AlignThree)->Unit(benchmark::kMicrosecond);

// One segmenter per edition language, as the CLI keeps them.
std::map<Language, Segmenter> Segmenters() {
  std::map<Language, Segmenter> out;
  for (Language l : {Language::kEnglish, Language::kMontenegrinLatin, Language::kGerman}) {
    out.emplace(l, Segmenter::Create(TheSrx(), LanguageTag(l)).value());
  }
  return out;
}

// An edition's file read and segmented the way `lovcen align` does.
formats::AlignArticle ReadEdition(const GeneratedEdition& e, const std::string& name,
                                  const std::map<Language, Segmenter>& segmenters) {
  formats::ArticleReadOptions read;
  read.language = e.language;
  return formats::SegmentForAlignment(formats::ParseArticle(e.file_text, name, read).value(),
                                      segmenters.at(e.language.language()));
}

bool SameSentences(const AlignEdition& a, const AlignEdition& b, std::size_t* first_difference) {
  for (std::size_t s = 0; s < std::max(a.sentences.size(), b.sentences.size()); ++s) {
    if (s >= a.sentences.size() || s >= b.sentences.size() ||
        a.sentences[s].text != b.sentences[s].text ||
        a.sentences[s].block != b.sentences[s].block) {
      *first_difference = s;
      return false;
    }
  }
  return true;
}

// The same article from its file text: parse, segment each edition, align
// three ways, as `lovcen align` does per story (store writes apart).
void BM_ReadSegmentAlignThree(benchmark::State& state) {
  const GeneratedArticle a = ArticleGenerator().Generate("story-0000");
  const auto segmenters = Segmenters();
  for (auto _ : state) {
    std::vector<formats::AlignArticle> editions;
    for (const GeneratedEdition& g : a.editions)
      editions.push_back(ReadEdition(g, a.key, segmenters));
    const AlignEdition e[3] = {editions[0].edition, editions[1].edition, editions[2].edition};
    MultiAlignment m = TheAligner().AlignThree(e);
    benchmark::DoNotOptimize(m.beads.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadSegmentAlignThree)->Unit(benchmark::kMicrosecond);

// Whether the gold beads hold for the files: the editions (of 3 x 200
// stories) whose sentences lovcen's reader and segmenter cut differently
// from the generator (0 expected; the first three differences are shown).
void BM_ReaderAgreesWithGenerator(benchmark::State& state) {
  const auto segmenters = Segmenters();
  const ArticleGenerator generator;
  std::size_t differ = 0;
  for (auto _ : state) {
    differ = 0;
    for (int k = 0; k < 200; ++k) {
      char key[32];
      std::snprintf(key, sizeof key, "story-%04d", k);
      const GeneratedArticle g = generator.Generate(key);
      for (const GeneratedEdition& e : g.editions) {
        const formats::AlignArticle got = ReadEdition(e, g.key, segmenters);
        std::size_t s = 0;
        if (SameSentences(e.edition, got.edition, &s) || ++differ > 3) continue;
        const auto text = [s](const AlignEdition& x) {
          return s < x.sentences.size() ? x.sentences[s].text : std::string("(none)");
        };
        std::cerr << g.key << " " << e.language.str() << " sentence " << s << ": generated ["
                  << text(e.edition) << "]\n    lovcen read [" << text(got.edition) << "]\n";
      }
    }
  }
  state.counters["editions_read_differently"] = static_cast<double>(differ);
}
BENCHMARK(BM_ReaderAgreesWithGenerator)->Iterations(1)->Unit(benchmark::kMillisecond);

// Accuracy over many articles: share of gold beads the pairwise alignments
// find exactly, and how many beads fall under the review threshold.
void BM_AccuracyOverArticles(benchmark::State& state) {
  const std::size_t n = 200;
  const std::size_t t = TargetOf(state);
  const ArticleGenerator generator;
  std::vector<GeneratedArticle> articles;
  for (std::size_t i = 0; i < n; ++i)
    articles.push_back(generator.Generate("story-" + std::to_string(i)));
  double found = 0, low = 0, beads = 0, min_share = 1, hard = 0, hard_found = 0, gold_beads = 0;
  for (auto _ : state) {
    found = low = beads = hard = hard_found = gold_beads = 0;
    min_share = 1;
    for (const GeneratedArticle& a : articles) {
      const PairAlignment p = TheAligner().Align(a.editions[kEn].edition, a.editions[t].edition);
      const std::vector<Bead> gold = GoldBeads(a, kEn, t);
      found += BeadAccuracy(gold, p.beads);
      // The beads that are not 1-1 (splits, merges, omissions) on their own.
      for (const Bead& g : gold) {
        gold_beads += 1;
        if (g.kind == BeadKind::k1_1) continue;
        hard += 1;
        hard_found += BeadAccuracy({g}, p.beads);
      }
      for (const Bead& b : p.beads) low += b.confidence < 0.5, ++beads;
      min_share = std::min(min_share, p.matched_share);
    }
  }
  state.counters["gold_beads_found"] = found / static_cast<double>(n);
  state.counters["gold_not_1_1"] = hard / gold_beads;
  state.counters["not_1_1_found"] = hard_found / hard;
  state.counters["beads_below_0.5"] = low / beads;
  state.counters["min_matched_share"] = min_share;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_AccuracyOverArticles)
    ->ArgName("pair")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

std::string LovcenBinary() {
  if (const char* env = std::getenv("LOVCEN_BINARY")) return env;
  std::error_code ec;
  return (fs::read_symlink("/proc/self/exe", ec).parent_path() / "lovcen").string();
}

// Bumped when the generator's output changes, so that an old archive is
// not measured.
constexpr int kArchiveVersion = 2;

// The archive, generated once (regenerated when the count or version
// differs): three editions a story, or four with the Cyrillic one.
fs::path Archive(bool four_editions) {
  const std::string name = four_editions ? "archive4" : "archive";
  const fs::path dir = WorkDir() / name;
  const fs::path stamp = WorkDir() / (name + ".count");
  std::ifstream in(stamp);
  std::size_t have = 0;
  int version = 0;
  if (in >> have >> version && have == Articles() && version == kArchiveVersion) return dir;
  fs::remove_all(dir);
  auto written =
      WriteArchive(dir.string(), Articles(), {}, four_editions ? TheTransliterator() : nullptr);
  if (!written.ok()) {
    std::cerr << written.error().ToString() << '\n';
    std::exit(1);
  }
  std::ofstream(stamp) << Articles() << ' ' << kArchiveVersion << '\n';
  return dir;
}

// `lovcen align --batch` as a child process: wall time, and its peak RSS
// (RUSAGE_CHILDREN: the largest child so far, so run this benchmark alone
// with --benchmark_filter for a figure of its own).
void CliAlignBatch(benchmark::State& state, bool four_editions) {
  const fs::path archive = Archive(four_editions);
  const fs::path db = WorkDir() / "tm.db";
  const fs::path log = WorkDir() / "batch.out";
  const std::string command = "'" + LovcenBinary() + "' --db '" + db.string() +
                              "' align --batch '" + archive.string() + "' >'" + log.string() +
                              "' 2>&1";
  double seconds = 0;
  for (auto _ : state) {
    fs::remove(db);
    const auto start = std::chrono::steady_clock::now();
    const int rc = std::system(command.c_str());
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(seconds);
    if (rc != 0) state.SkipWithError(("lovcen failed: see " + log.string()).c_str());
  }
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  state.counters["articles"] = static_cast<double>(Articles());
  state.counters["articles_per_s"] = static_cast<double>(Articles()) / seconds;
  state.counters["cli_peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  // The CLI's summary (aligned N of N stories, marked for review, ...).
  std::ifstream out(log);
  std::string line, last;
  while (std::getline(out, line)) {
    if (line.rfind("aligned ", 0) == 0) last = line;
  }
  std::cerr << "lovcen align --batch: " << last << '\n';
  std::cerr << "manual run: rm -f " << db << " && /usr/bin/time -f '%e s %M KB' " << LovcenBinary()
            << " --db " << db << " align --batch " << archive << '\n';
}
void BM_CliAlignBatch(benchmark::State& state) { CliAlignBatch(state, false); }
BENCHMARK(BM_CliAlignBatch)->UseManualTime()->Iterations(1)->Unit(benchmark::kSecond);
// The newsroom's own layout: en, cnr-Latn, cnr-Cyrl (transliterated) and de.
void BM_CliAlignBatchFourEditions(benchmark::State& state) { CliAlignBatch(state, true); }
BENCHMARK(BM_CliAlignBatchFourEditions)->UseManualTime()->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace lovcen::bench

BENCHMARK_MAIN();
