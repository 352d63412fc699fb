// Matcher and candidate index on a generated trilingual TM (en, de,
// cnr-Latn; Zipf vocabulary, ~24-token sentences, 20% near-duplicates).
// Run one benchmark per process to read its peak RSS alone, e.g.
//   ./build/matcher_bench --benchmark_filter=IndexBuild
// Size: LOVCEN_BENCH_UNITS (default 1,000,000). The TM is generated once into
// $TMPDIR/lovcen-matcher-bench/ and reused.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "lovcen/candidate_index.h"
#include "lovcen/match_score.h"
#include "lovcen/matcher.h"
#include "lovcen/tm_store.h"
#include "lovcen/tokenizer.h"
#include "support/tm_generator.h"

namespace lovcen::bench {
namespace {

const LanguageTag kEn(Language::kEnglish);
const LanguageTag kDe(Language::kGerman);
const LanguageTag kCnr(Language::kMontenegrinLatin);

std::size_t Units() {
  const char* env = std::getenv("LOVCEN_BENCH_UNITS");
  return env ? static_cast<std::size_t>(std::atoll(env)) : 1000000;
}

std::string WorkDir() {
  auto dir = std::filesystem::temp_directory_path() / "lovcen-matcher-bench";
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string DbPath() { return WorkDir() + "/tm-" + std::to_string(Units()) + ".db"; }

// The TM, generated once (bulk write, no concordance: not what is measured).
Status EnsureTm() {
  const std::string db = DbPath();
  if (std::filesystem::exists(db)) return Status::Ok();
  const std::string tmp = db + ".part";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(tmp + suffix);
  {
    auto store = OpenSqliteStore(tmp);
    if (!store.ok()) return store.error();
    WriteOptions options;
    options.update_concordance = false;
    options.on_duplicate = DuplicatePolicy::kKeepBoth;
    auto writer = (*store)->BeginWrite(options);
    if (!writer.ok()) return writer.error();
    TmGenerator gen;
    for (std::size_t i = 0; i < Units(); ++i) {
      auto id = (*writer)->Add(gen.Next());
      if (!id.ok()) return id.error();
    }
    LOVCEN_RETURN_IF_ERROR((*writer)->Commit());
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) std::filesystem::remove(tmp + suffix);
  std::filesystem::rename(tmp, db);
  return Status::Ok();
}

// Query segments: stored sentences with one word replaced (as a follow-up
// story edits them), stored sentences verbatim, and new sentences.
struct Queries {
  std::vector<std::string> near, verbatim, fresh;
};

const Queries& GetQueries() {
  static const Queries queries = [] {
    Queries q;
    TmGenerator stored;  // same seed as the TM: replays its units
    std::mt19937_64 rng(99);
    const std::size_t step = std::max<std::size_t>(1, Units() / 1200);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < Units() && q.near.size() < 1000; ++i) {
      const TranslationUnit u = stored.Next();
      if (i % step != 0) continue;
      const std::string& en = u.variants[0].segment.text;
      std::vector<std::string> w;
      std::size_t at = 0;
      while (at < en.size()) {
        const std::size_t space = std::min(en.find(' ', at), en.size());
        w.push_back(en.substr(at, space - at));
        at = space + 1;
      }
      for (const std::string& x : w) words.push_back(x);
      if (q.verbatim.size() < 300) q.verbatim.push_back(en);
      w[rng() % w.size()] = words[rng() % words.size()];
      std::string s;
      for (const std::string& x : w) s += (s.empty() ? "" : " ") + x;
      q.near.push_back(s);
    }
    TmGenerator other(TmGeneratorOptions{7});
    for (int i = 0; i < 1000; ++i) q.fresh.push_back(other.Sentence(Language::kEnglish));
    return q;
  }();
  return queries;
}

Result<TmStore*> Store() {
  static Result<std::unique_ptr<TmStore>> store = OpenSqliteStore(DbPath(), StoreOptions{false, 10000});
  if (!store.ok()) return store.error();
  return store->get();
}

// Opens the matcher once (building the index if there is none).
Matcher* SharedMatcher(bool pivot) {
  static std::unique_ptr<Matcher> with_pivot, without_pivot;
  auto& slot = pivot ? with_pivot : without_pivot;
  if (!slot) {
    MatcherOptions options;
    options.db_path = DbPath();
    options.pivot = pivot;
    options.threshold = 75;
    auto m = Matcher::Open(**Store(), DefaultIndexPath(DbPath()), options);
    if (!m.ok()) return nullptr;
    slot = std::make_unique<Matcher>(std::move(*m));
  }
  return slot.get();
}

bool Prepare(benchmark::State& state) {
  if (Status s = EnsureTm(); !s.ok()) {
    state.SkipWithError(s.error().ToString().c_str());
    return false;
  }
  if (auto store = Store(); !store.ok()) {
    state.SkipWithError(store.error().ToString().c_str());
    return false;
  }
  return true;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Index build from the TM file: the source language alone (what a cold
// `lovcen match --from en` pays), or all three (`lovcen reindex`).
void BM_IndexBuild(benchmark::State& state) {
  if (!Prepare(state)) return;
  const std::string path = WorkDir() + "/build-test.fuzzy";
  for (auto _ : state) {
    auto source = SqliteVariantSource(DbPath());
    IndexOptions options;
    options.languages = {kEn, kDe, kCnr};
    if (state.range(1) == 1) options.languages = {kEn};
    options.threads = static_cast<unsigned>(state.range(0));
    auto index = CandidateIndex::Build(**source, path, options);
    if (!index.ok()) {
      state.SkipWithError(index.error().ToString().c_str());
      return;
    }
    state.counters["variants"] = static_cast<double>(index->stats().segments);
    state.counters["tokens"] = static_cast<double>(index->stats().tokens);
    state.counters["build_s"] = index->stats().seconds;
  }
  double bytes = 0;
  for (const LanguageTag& l : {kEn, kDe, kCnr}) {
    const std::string file = IndexFilePath(path, l);
    if (std::filesystem::exists(file)) bytes += static_cast<double>(std::filesystem::file_size(file));
    std::filesystem::remove(file);
  }
  state.counters["file_MiB"] = bytes / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_IndexBuild)
    ->Args({2, 1})
    ->Args({1, 1})
    ->Args({2, 3})
    ->ArgNames({"threads", "languages"})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

// Opening an up-to-date index: no rebuild, only a map and a version check.
void BM_ColdOpen(benchmark::State& state) {
  Matcher* matcher = Prepare(state) ? SharedMatcher(false) : nullptr;
  if (matcher == nullptr || !matcher->index().Ensure(**SqliteVariantSource(DbPath()), kEn).ok()) {
    if (!state.error_occurred()) state.SkipWithError("cannot open the matcher");
    return;
  }
  for (auto _ : state) {
    auto source = SqliteVariantSource(DbPath());
    IndexOptions options;
    options.lazy = true;  // as the matcher opens it: the languages built so far
    auto index = CandidateIndex::Open(**source, DefaultIndexPath(DbPath()), options);
    if (!index.ok() || index->stats().rebuilt || !index->has(kEn)) {
      state.SkipWithError("index was rebuilt on open");
      return;
    }
  }
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_ColdOpen)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// One segment, en -> de, threshold 75, top 5, no pivot: latency percentiles
// over near-duplicate (state.range(0) == 0) or new (1) sentences.
void BM_FuzzyLookup(benchmark::State& state) {
  if (!Prepare(state)) return;
  Matcher* matcher = SharedMatcher(false);
  if (matcher == nullptr) {
    state.SkipWithError("cannot open the matcher");
    return;
  }
  if (!matcher->index().Ensure(**SqliteVariantSource(DbPath()), kEn).ok()) {
    state.SkipWithError("cannot build the index");
    return;
  }
  const auto& q = GetQueries();
  const std::vector<std::string>& texts = state.range(0) == 0 ? q.near : q.fresh;
  const LanguageTag to[] = {kDe};
  std::vector<double> ms;
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    Segment s;
    s.text = texts[i++ % texts.size()];
    const auto start = std::chrono::steady_clock::now();
    auto r = matcher->MatchSegment(s, nullptr, nullptr, kEn, to);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!r.ok()) {
      state.SkipWithError(r.error().ToString().c_str());
      return;
    }
    found += !r->targets[0].candidates.empty();
  }
  state.counters["p50_ms"] = Percentile(ms, 0.50);
  state.counters["p99_ms"] = Percentile(ms, 0.99);
  state.counters["max_ms"] = Percentile(ms, 1.0);
  state.counters["with_match"] = static_cast<double>(found) / static_cast<double>(ms.size());
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_FuzzyLookup)->Arg(0)->Arg(1)->ArgName("new")->Iterations(2000)->Unit(benchmark::kMicrosecond);

// The index alone (no store access, no verification), near-duplicates.
void BM_IndexLookupOnly(benchmark::State& state) {
  if (!Prepare(state)) return;
  Matcher* matcher = SharedMatcher(false);
  if (matcher == nullptr) {
    state.SkipWithError("cannot open the matcher");
    return;
  }
  if (!matcher->index().Ensure(**SqliteVariantSource(DbPath()), kEn).ok()) {
    state.SkipWithError("cannot build the index");
    return;
  }
  auto tokenizer = Tokenizer::Create(kEn);
  std::vector<std::vector<std::uint64_t>> norms;
  for (const std::string& t : GetQueries().near) {
    Segment s;
    s.text = t;
    std::vector<std::uint64_t> n;
    for (const ScoreToken& st : PrepareScoreTokens(s, tokenizer->Tokenize(s))) n.push_back(st.norm);
    norms.push_back(std::move(n));
  }
  std::size_t i = 0, hits = 0;
  for (auto _ : state) {
    hits += matcher->index().Lookup(kEn, norms[i++ % norms.size()], 75, 64).size();
  }
  state.counters["hits_per_lookup"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_IndexLookupOnly)->Unit(benchmark::kMicrosecond);

// A 1,000-segment article into de and cnr-Latn, pivot on: 40% near
// duplicates, 20% verbatim, 40% new, with in-article repetitions.
void BM_Match1000Segments(benchmark::State& state) {
  if (!Prepare(state)) return;
  Matcher* matcher = SharedMatcher(true);
  if (matcher == nullptr) {
    state.SkipWithError("cannot open the matcher");
    return;
  }
  const auto& q = GetQueries();
  std::vector<Segment> article;
  for (std::size_t i = 0; i < 1000; ++i) {
    Segment s;
    const std::size_t kind = i % 5;
    s.text = kind < 2 ? q.near[i % q.near.size()] : kind == 2 ? q.verbatim[i % q.verbatim.size()]
                                                              : q.fresh[i % q.fresh.size()];
    article.push_back(std::move(s));
  }
  if (!matcher->index().Ensure(**SqliteVariantSource(DbPath()), kEn).ok()) {
    state.SkipWithError("cannot build the index");
    return;
  }
  const LanguageTag to[] = {kDe, kCnr};
  std::size_t matched = 0;
  for (auto _ : state) {
    auto r = matcher->MatchArticle(article, kEn, to);
    if (!r.ok()) {
      state.SkipWithError(r.error().ToString().c_str());
      return;
    }
    matched = 0;
    for (const SegmentMatches& m : *r) matched += !m.targets[0].candidates.empty();
  }
  state.counters["segments_with_match"] = static_cast<double>(matched);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_Match1000Segments)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
}  // namespace lovcen::bench

BENCHMARK_MAIN();
