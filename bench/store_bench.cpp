// TM store: TSV import and exact lookup on a generated trilingual TM.
// Run: ./build/store_bench --benchmark_counters_tabular=true
// Sizes: LOVCEN_BENCH_UNITS (default 1,000,000).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "lovcen/formats/importer.h"
#include "lovcen/tm_store.h"
#include "support/tm_generator.h"

namespace lovcen::bench {
namespace {

std::size_t Units() {
  const char* env = std::getenv("LOVCEN_BENCH_UNITS");
  return env ? static_cast<std::size_t>(std::atoll(env)) : 1000000;
}

std::string WorkDir() {
  auto dir = std::filesystem::temp_directory_path() / "lovcen-store-bench";
  std::filesystem::create_directories(dir);
  return dir.string();
}

const std::string& TsvPath() {
  static const std::string path = [] {
    const std::string p = WorkDir() + "/tm-" + std::to_string(Units()) + ".tsv";
    if (!std::filesystem::exists(p)) WriteTsv(p, Units());
    return p;
  }();
  return path;
}

// One full TSV import into a fresh TM per iteration (one transaction).
void BM_ImportTsv(benchmark::State& state) {
  const bool concordance = state.range(0) != 0;
  const std::string tsv = TsvPath();
  const std::string db = WorkDir() + "/import.db";
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db + suffix);
    auto store = OpenSqliteStore(db);
    state.ResumeTiming();
    WriteOptions options;
    options.update_concordance = concordance;
    auto writer = (*store)->BeginWrite(options);
    formats::ImportOptions import;
    if (Status s = formats::ImportInto(tsv, formats::FileFormat::kTsv, **writer, import); !s.ok()) {
      state.SkipWithError(s.error().ToString().c_str());
      return;
    }
    if (Status s = (*writer)->Commit(); !s.ok()) {
      state.SkipWithError(s.error().ToString().c_str());
      return;
    }
    if (!concordance) {
      // Reported beside the import, not inside its time.
      state.PauseTiming();
      const auto start = std::chrono::steady_clock::now();
      if (Status s = (*store)->RebuildConcordanceIndex(); !s.ok()) {
        state.SkipWithError(s.error().ToString().c_str());
        return;
      }
      state.counters["concordance_build_s"] =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      state.ResumeTiming();
    }
  }
  state.counters["TUs/s"] = benchmark::Counter(static_cast<double>(Units()) * state.iterations(),
                                               benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_ImportTsv)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("concordance")
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

// Exact lookups of stored source sentences (hits) and of new ones (misses).
void BM_ExactLookup(benchmark::State& state) {
  const std::string db = WorkDir() + "/lookup-" + std::to_string(Units()) + ".db";
  if (!std::filesystem::exists(db)) {
    auto store = OpenSqliteStore(db);
    WriteOptions options;
    options.update_concordance = false;
    auto writer = (*store)->BeginWrite(options);
    formats::ImportOptions import;
    if (!formats::ImportInto(TsvPath(), formats::FileFormat::kTsv, **writer, import).ok() ||
        !(*writer)->Commit().ok()) {
      state.SkipWithError("building the lookup TM failed");
      return;
    }
  }
  auto store = OpenSqliteStore(db);
  // Queries: every 97th source sentence of the TSV plus as many unseen ones.
  TmGenerator replay;
  TmGenerator fresh(TmGeneratorOptions{7});
  std::vector<Segment> queries;
  for (std::size_t i = 0; i < std::min<std::size_t>(Units(), 200000); ++i) {
    TranslationUnit u = replay.Next();
    if (i % 97 == 0) queries.push_back(u.variants[0].segment);
  }
  const std::size_t stored = queries.size();
  for (std::size_t i = 0; i < stored; ++i)
    queries.push_back({fresh.Sentence(Language::kEnglish), {}});
  const LanguageTag en(Language::kEnglish);
  // range(0) lookups share one ReadSnapshot (as one article's pre-fill
  // does); 1 = each lookup its own read transaction.
  const auto per_snapshot = static_cast<std::size_t>(state.range(0));
  std::size_t i = 0, hits = 0;
  std::unique_ptr<ReadSnapshot> snapshot;
  for (auto _ : state) {
    if (per_snapshot > 1 && i % per_snapshot == 0) {
      snapshot.reset();
      auto begun = (*store)->BeginRead();
      if (begun.ok()) snapshot = std::move(*begun);
    }
    auto found = (*store)->FindExact(en, queries[i++ % queries.size()]);
    hits += found.ok() && !found->empty();
  }
  snapshot.reset();
  state.counters["lookups/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["hit_share"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ExactLookup)->Arg(1)->Arg(1000)->ArgName("per_snapshot")->UseRealTime()->MinTime(3);

// Concordance queries (FTS5 trigram + verification) on the same TM: a word
// prefix of a mid-frequency word and a substring, 20 hits each.
void BM_Concordance(benchmark::State& state) {
  const std::string db = WorkDir() + "/lookup-" + std::to_string(Units()) + ".db";
  auto store = OpenSqliteStore(db);
  if (!store.ok()) {
    state.SkipWithError("run BM_ExactLookup first to build the TM");
    return;
  }
  if ((*store)->Stats()->concordance_stale) {
    const auto start = std::chrono::steady_clock::now();
    if (!(*store)->RebuildConcordanceIndex().ok()) {
      state.SkipWithError("rebuilding the concordance failed");
      return;
    }
    state.counters["concordance_build_s"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  TmGenerator words;
  std::vector<std::string> queries;
  for (int i = 0; i < 200; ++i) {
    const std::string sentence = words.Sentence(Language::kMontenegrinLatin);
    const std::size_t space = sentence.find(' ', sentence.size() / 2);
    const std::string word = sentence.substr(space + 1, sentence.find(' ', space + 1) - space - 1);
    if (word.size() >= 5) queries.push_back(word.substr(0, word.size() - 1));
  }
  ConcordanceQuery q;
  q.mode =
      state.range(0) == 0 ? ConcordanceQuery::Mode::kPrefix : ConcordanceQuery::Mode::kSubstring;
  q.language = LanguageTag(Language::kMontenegrinLatin);
  q.limit = 20;
  std::size_t i = 0, hits = 0;
  for (auto _ : state) {
    q.text = queries[i++ % queries.size()];
    auto found = (*store)->Search(q);
    if (found.ok()) hits += found->size();
  }
  state.counters["queries/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["hits/query"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Concordance)->Arg(0)->Arg(1)->ArgName("substring")->UseRealTime()->MinTime(3);

}  // namespace
}  // namespace lovcen::bench

BENCHMARK_MAIN();
