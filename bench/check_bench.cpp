// lovcen check over a generated 100,000-unit TM (en, de, cnr-Latn, cnr-Cyrl;
// bench/support's generator): reading the pairs from the store, then every
// check over them (transliterator and a small glossary loaded, as the CLI
// does). The target is under 5 s for the whole `lovcen check --tm`.
// Run: ./build/check_bench --benchmark_counters_tabular=true
// Size: LOVCEN_BENCH_UNITS (default 100,000). docs/performance.md has results.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "lovcen/check.h"
#include "lovcen/formats/check_input.h"
#include "lovcen/tm_store.h"
#include "lovcen/transliterator.h"
#include "support/tm_generator.h"

namespace lovcen::bench {
namespace {

std::size_t Units() {
  const char* env = std::getenv("LOVCEN_BENCH_UNITS");
  return env ? static_cast<std::size_t>(std::atoll(env)) : 100000;
}

// The TM file, generated once (kept in the temp directory between runs).
const std::string& DbPath() {
  static const std::string path = [] {
    auto dir = std::filesystem::temp_directory_path() / "lovcen-check-bench";
    std::filesystem::create_directories(dir);
    const std::string p = (dir / ("tm-" + std::to_string(Units()) + ".db")).string();
    if (!std::filesystem::exists(p)) {
      auto store = OpenSqliteStore(p);
      WriteOptions options;
      options.on_duplicate = DuplicatePolicy::kKeepBoth;
      options.update_concordance = false;
      auto writer = (*store)->BeginWrite(options);
      TmGeneratorOptions g;
      g.with_cyrillic = true;
      TmGenerator generator(g);
      for (std::size_t i = 0; i < Units(); ++i) (*writer)->Add(generator.Next()).ok();
      (*writer)->Commit().ok();
    }
    return p;
  }();
  return path;
}

std::vector<CheckItem> ReadPairs(TmStore& store, const formats::CheckInputOptions& input) {
  std::vector<CheckItem> items;
  store
      .ForEachUnit({},
                   [&](const TranslationUnit& unit) {
                     formats::UnitToCheckItems(unit, "", input, &items);
                     return true;
                   })
      .ok();
  return items;
}

CheckContext Context(const Transliterator& translit) {
  CheckContext context;
  context.transliterator = &translit;
  auto tag = [](const char* t) { return *LanguageTag::Parse(t); };
  context.glossary = {
      {"g1", {{tag("en"), "government"}, {tag("de"), "Regierung"}, {tag("cnr-Latn"), "Vlada"}}},
      {"g2",
       {{tag("en"), "ministry"}, {tag("de"), "Ministerium"}, {tag("cnr-Latn"), "ministarstvo"}}},
      {"g3", {{tag("en"), "Moscow"}, {tag("de"), "Moskau"}, {tag("cnr-Latn"), "Moskva"}}}};
  return context;
}

// Reading the en -> de pairs of every unit from the store.
void BM_ReadPairs(benchmark::State& state) {
  auto store = OpenSqliteStore(DbPath());
  formats::CheckInputOptions input;
  input.source = *LanguageTag::Parse("en");
  input.target = *LanguageTag::Parse("de");
  std::size_t n = 0;
  for (auto _ : state) n = ReadPairs(**store, input).size();
  state.counters["pairs"] = static_cast<double>(n);
}
BENCHMARK(BM_ReadPairs)->Unit(benchmark::kMillisecond)->Iterations(3);

// Every check over one language pair (arg 0: en -> de; 1: en -> cnr-Cyrl,
// with script-mismatch doing real work), store read included: what
// `lovcen check --tm --src en --tgt L` does after start-up.
void BM_CheckTm(benchmark::State& state) {
  auto store = OpenSqliteStore(DbPath());
  auto translit = Transliterator::Create();
  const CheckContext context = Context(*translit);
  formats::CheckInputOptions input;
  input.source = *LanguageTag::Parse("en");
  input.target = *LanguageTag::Parse(state.range(0) == 0 ? "de" : "cnr-Cyrl");
  std::size_t findings = 0, pairs = 0;
  for (auto _ : state) {
    auto items = ReadPairs(**store, input);
    CheckRunOptions options;
    options.threshold = Severity::kInfo;
    auto r = RunChecks(items, context, options);
    pairs = items.size();
    findings = r.ok() ? r->size() : 0;
  }
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_CheckTm)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace lovcen::bench

BENCHMARK_MAIN();
