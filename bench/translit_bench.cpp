// Transliteration speed, cnr-Latn <-> cnr-Cyrl: the fast engine (tables
// compiled from the rule files) against ICU's rule-based Transliterator built
// from the same rules (the reference), both through the same scanner.
// Input: the corpora's cnr-Latn / cnr-Cyrl articles, repeated to about 8 MB
// (about 256 KB for ICU, which is much slower); the test case list when the
// corpora are absent. Throughput is input bytes per second.
// Run: ./build/translit_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lovcen/transliterator.h"

namespace lovcen::bench {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// All articles of one edition, in story order.
std::string Corpus(Script script) {
  const fs::path root = fs::path(DefaultDataDir()) / ".." / "corpora";
  const std::string suffix = script == Script::kLatin ? ".cnr-Latn.txt" : ".cnr-Cyrl.txt";
  std::vector<fs::path> files;
  if (fs::is_directory(root)) {
    for (const auto& story : fs::directory_iterator(root)) {
      const fs::path file = story.path() / (story.path().filename().string() + suffix);
      if (fs::is_regular_file(file)) files.push_back(file);
    }
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const auto& f : files) text += ReadAll(f) + "\n";
  if (!text.empty()) return text;
  // No corpora: one column of the case list.
  const std::string cases = ReadAll(fs::path(DefaultDataDir()) / ".." / "tests" / "data" / "translit_cases.tsv");
  std::istringstream lines(cases);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    text += (script == Script::kLatin ? line.substr(0, tab) : line.substr(tab + 1)) + "\n";
  }
  return text;
}

std::string Repeat(const std::string& text, std::size_t bytes) {
  std::string out;
  if (text.empty()) return out;
  out.reserve(bytes + text.size());
  while (out.size() < bytes) out += text;
  return out;
}

const Transliterator& Engine() {
  static const Transliterator t = [] {
    TransliteratorOptions options;
    options.with_reference = true;
    auto created = Transliterator::Create(options);
    if (!created.ok()) {
      std::fprintf(stderr, "%s\n", created.error().ToString().c_str());
      std::abort();
    }
    return std::move(*created);
  }();
  return t;
}

void Run(benchmark::State& state, Script from, TranslitEngine engine, TextKind kind,
         std::size_t bytes) {
  const Transliterator& t = Engine();
  const std::string input = Repeat(Corpus(from), bytes);
  const Script to = from == Script::kLatin ? Script::kCyrillic : Script::kLatin;
  std::size_t out_bytes = 0;
  for (auto _ : state) {
    std::string out = t.Transliterate(input, to, kind, engine);
    out_bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
  state.counters["MB_in"] = static_cast<double>(input.size()) / 1e6;
  state.counters["MB_out"] = static_cast<double>(out_bytes) / 1e6;
}

constexpr std::size_t kFastBytes = 8u << 20;
constexpr std::size_t kIcuBytes = 256u << 10;

void BM_LatinToCyrillic_Fast(benchmark::State& s) {
  Run(s, Script::kLatin, TranslitEngine::kFast, TextKind::kPlain, kFastBytes);
}
void BM_CyrillicToLatin_Fast(benchmark::State& s) {
  Run(s, Script::kCyrillic, TranslitEngine::kFast, TextKind::kPlain, kFastBytes);
}
void BM_LatinToCyrillic_Markdown_Fast(benchmark::State& s) {
  Run(s, Script::kLatin, TranslitEngine::kFast, TextKind::kMarkdown, kFastBytes);
}
void BM_LatinToCyrillic_Icu(benchmark::State& s) {
  Run(s, Script::kLatin, TranslitEngine::kReference, TextKind::kPlain, kIcuBytes);
}
void BM_CyrillicToLatin_Icu(benchmark::State& s) {
  Run(s, Script::kCyrillic, TranslitEngine::kReference, TextKind::kPlain, kIcuBytes);
}

// Loading: reading the files, generating the exception rules and compiling
// both directions (without the ICU reference).
void BM_Create(benchmark::State& state) {
  for (auto _ : state) {
    auto t = Transliterator::Create();
    benchmark::DoNotOptimize(t.ok());
  }
}

BENCHMARK(BM_LatinToCyrillic_Fast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CyrillicToLatin_Fast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LatinToCyrillic_Markdown_Fast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LatinToCyrillic_Icu)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CyrillicToLatin_Icu)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Create)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lovcen::bench

BENCHMARK_MAIN();
