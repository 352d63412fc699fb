// TMX: parse, parse + convert, import into the SQLite TM, export from it,
// and the writer alone, on a generated trilingual TMX (bench/support/
// tmx_generator.h). Each measurement that touches a file runs in a forked
// child, so its peak RSS is its own: compare the two sizes to see that
// memory does not grow with the file.
// Run: ./build/tmx_bench --benchmark_counters_tabular=true
// Sizes: LOVCEN_BENCH_UNITS (default 1,000,000) and a tenth of it.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include "lovcen/formats/tmx.h"
#include "lovcen/formats/tmx_writer.h"
#include "lovcen/tm_store.h"
#include "support/tm_generator.h"
#include "support/tmx_generator.h"

namespace lovcen::bench {
namespace {

using namespace lovcen::formats;

std::size_t Units() {
  const char* env = std::getenv("LOVCEN_BENCH_UNITS");
  return env ? static_cast<std::size_t>(std::atoll(env)) : 1000000;
}

std::string WorkDir() {
  auto dir = std::filesystem::temp_directory_path() / "lovcen-tmx-bench";
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string TmxPath(std::size_t units) {
  const std::string path = WorkDir() + "/tm-" + std::to_string(units) + ".tmx";
  if (!std::filesystem::exists(path)) WriteTmx(path, units);
  return path;
}

// The same units without the context props: about half the bytes per unit.
std::string LeanTmxPath(std::size_t units) {
  const std::string path = WorkDir() + "/tm-lean-" + std::to_string(units) + ".tmx";
  TmxGeneratorOptions options;
  options.context = false;
  if (!std::filesystem::exists(path)) WriteTmx(path, units, options);
  return path;
}

std::string DbPath(std::size_t units) { return WorkDir() + "/tm-" + std::to_string(units) + ".db"; }

void RemoveDb(const std::string& db) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db + suffix);
}

struct ChildResult {
  bool ok = false;
  double seconds = 0;
  double peak_rss_mib = 0;
  std::uint64_t items = 0;
  char message[512] = {};
};

// Runs `work` in a child process; times it and reads the child's own peak RSS.
template <class Work>
ChildResult InChild(Work&& work) {
  int fds[2];
  ChildResult result;
  if (::pipe(fds) != 0) return result;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ChildResult r;
    const auto start = std::chrono::steady_clock::now();
    Status s = work(r.items);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.ok = s.ok();
    if (!s.ok()) std::strncpy(r.message, s.error().ToString().c_str(), sizeof r.message - 1);
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    r.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
    const bool written = ::write(fds[1], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
    ::_exit(written ? 0 : 1);
  }
  ::close(fds[1]);
  const bool read = ::read(fds[0], &result, sizeof result) == static_cast<ssize_t>(sizeof result);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!read) std::strncpy(result.message, "child died", sizeof result.message - 1);
  return result;
}

void Report(benchmark::State& state, const ChildResult& r, double bytes) {
  if (!r.ok) {
    state.SkipWithError(r.message);
    return;
  }
  state.SetIterationTime(r.seconds);
  state.counters["TUs/s"] = static_cast<double>(r.items) / r.seconds;
  state.counters["MB/s"] = bytes / 1e6 / r.seconds;
  state.counters["file_MB"] = bytes / 1e6;
  state.counters["peak_rss_MiB"] = r.peak_rss_mib;
  state.counters["parent_rss_MiB"] = PeakRssMiB();
}

void BM_TmxParse(benchmark::State& state) {
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  const std::string path = state.range(1) != 0 ? TmxPath(units) : LeanTmxPath(units);
  for (auto _ : state) {
    ChildResult r = InChild([&](std::uint64_t& items) {
      std::size_t text_bytes = 0;
      TmxReadCallbacks callbacks;
      callbacks.on_unit = [&](TmxUnit& u) {
        ++items;
        for (const TmxVariant& v : u.variants) text_bytes += v.segment.text.size();
        return Status::Ok();
      };
      XmlInput input;
      input.path = path;
      Status s = ReadTmx(input, callbacks);
      benchmark::DoNotOptimize(text_bytes);
      return s;
    });
    Report(state, r, static_cast<double>(std::filesystem::file_size(path)));
  }
}

// The ceiling for the two above: Xerces with lovcen's hardening (ParseXml)
// and a handler that only counts <tu>, so the reader's own cost is the
// difference.
void BM_TmxParseXercesOnly(benchmark::State& state) {
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  const std::string path = TmxPath(units);
  struct CountUnits : xercesc::DefaultHandler {
    std::uint64_t* items = nullptr;
    void startElement(const XMLCh* const, const XMLCh* const local, const XMLCh* const,
                      const xercesc::Attributes&) override {
      if (local[0] == 't' && local[1] == 'u' && local[2] == 0) ++*items;
    }
  };
  for (auto _ : state) {
    ChildResult r = InChild([&](std::uint64_t& items) {
      CountUnits handler;
      handler.items = &items;
      XmlInput input;
      input.path = path;
      return ParseXml(input, handler);
    });
    Report(state, r, static_cast<double>(std::filesystem::file_size(path)));
  }
}

void BM_TmxParseConvert(benchmark::State& state) {
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  const std::string path = TmxPath(units);
  for (auto _ : state) {
    ChildResult r = InChild([&](std::uint64_t& items) {
      TmxHeader header;
      TmxUnitConverter converter;
      TmxReadCallbacks callbacks;
      callbacks.on_header = [&](const TmxHeader& h) {
        header = h;
        return Status::Ok();
      };
      callbacks.on_unit = [&](TmxUnit& u) {
        ConvertedTmxUnit c = converter.Convert(u, header);
        if (!c.unit) return Status(BadInput("unexpected rejection: " + c.rejection->reason));
        ++items;
        return Status::Ok();
      };
      XmlInput input;
      input.path = path;
      return ReadTmx(input, callbacks);
    });
    Report(state, r, static_cast<double>(std::filesystem::file_size(path)));
  }
}

// Import into a fresh TM; concordance 0 = bulk load (index built by
// `lovcen reindex` later, timed separately by store_bench), 1 = kept current.
void BM_TmxImport(benchmark::State& state) {
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  const bool concordance = state.range(1) != 0;
  const std::string path = TmxPath(units);
  const std::string db = DbPath(units);
  for (auto _ : state) {
    RemoveDb(db);
    ChildResult r = InChild([&](std::uint64_t& items) -> Status {
      auto store = OpenSqliteStore(db);
      if (!store.ok()) return store.error();
      WriteOptions write;
      write.update_concordance = concordance;
      auto summary = ImportTmx(path, **store, {}, write);
      if (!summary.ok()) return summary.error();
      items = summary->added + summary->updated + summary->duplicates_skipped;
      if (!summary->rejected.empty()) return BadInput("rejected: " + summary->rejected[0].reason);
      return Status::Ok();
    });
    Report(state, r, static_cast<double>(std::filesystem::file_size(path)));
  }
}

// Export of the TM BM_TmxImport left behind (all three languages).
void BM_TmxExport(benchmark::State& state) {
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  const std::string db = DbPath(units);
  if (!std::filesystem::exists(db)) {
    state.SkipWithError("run BM_TmxImport first");
    return;
  }
  const std::string out = WorkDir() + "/export-" + std::to_string(units) + ".tmx";
  for (auto _ : state) {
    std::uint64_t bytes = 0;
    ChildResult r = InChild([&](std::uint64_t& items) -> Status {
      auto store = OpenSqliteStore(db);
      if (!store.ok()) return store.error();
      TmxExportOptions options;
      options.targets = {LanguageTag(Language::kGerman), LanguageTag(Language::kMontenegrinLatin)};
      auto summary = ExportTmx(**store, options, out);
      if (!summary.ok()) return summary.error();
      items = summary->units;
      return Status::Ok();
    });
    if (r.ok) bytes = std::filesystem::file_size(out);
    Report(state, r, static_cast<double>(bytes));
  }
}

// The writer alone: TranslationUnits already in memory, written to a file.
void BM_TmxWrite(benchmark::State& state) {
  TmGenerator gen;
  std::vector<TranslationUnit> units;
  for (int i = 0; i < 100000; ++i) {
    units.push_back(gen.Next());
    TranslationUnit& u = units.back();
    u.tuid = "n" + std::to_string(i);
    u.created = u.changed = "2025-04-05T10:15:00Z";
    u.story_key = "story-" + std::to_string(i / 40);
    u.variants[0].context_pre = "The previous sentence of the story, as context.";
    if (i % 7 == 0) {
      for (Variant& v : u.variants) {
        v.segment.codes = {
            {CodeKind::kOpen, 0, "1", "bpt", {{"i", "1"}, {"type", "bold"}}, "&lt;b&gt;"},
            {CodeKind::kClose, 5, "1", "ept", {{"i", "1"}}, "&lt;/b&gt;"}};
      }
    }
  }
  const std::string path = WorkDir() + "/write.tmx";
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    TmxWriterOptions options;
    auto writer = TmxWriter::Create(path, options);
    for (const TranslationUnit& u : units) {
      if (!writer.ok() || !(*writer)->Write(u).ok()) {
        state.SkipWithError("write failed");
        return;
      }
    }
    if (!(*writer)->Finish().ok()) {
      state.SkipWithError("finish failed");
      return;
    }
    bytes += (*writer)->bytes_written();
  }
  state.counters["MB/s"] =
      benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
  state.counters["TUs/s"] = benchmark::Counter(
      static_cast<double>(units.size() * state.iterations()), benchmark::Counter::kIsRate);
}

const std::size_t kSmall = std::max<std::size_t>(Units() / 10, 1);
const std::size_t kLarge = Units();

BENCHMARK(BM_TmxParse)
    ->Args({static_cast<std::int64_t>(kSmall), 1})
    ->Args({static_cast<std::int64_t>(kLarge), 1})
    ->Args({static_cast<std::int64_t>(kLarge), 0})
    ->ArgNames({"units", "context"})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_TmxParseXercesOnly)
    ->Arg(kLarge)
    ->ArgName("units")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_TmxParseConvert)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->ArgName("units")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);
// The concordance variant only at the small size: its cost is the store's
// (store_bench measures it at 1M).
BENCHMARK(BM_TmxImport)
    ->Args({static_cast<std::int64_t>(kSmall), 1})
    ->Args({static_cast<std::int64_t>(kSmall), 0})
    ->Args({static_cast<std::int64_t>(kLarge), 0})
    ->ArgNames({"units", "concordance"})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_TmxExport)
    ->Arg(kSmall)
    ->Arg(kLarge)
    ->ArgName("units")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_TmxWrite)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace lovcen::bench

BENCHMARK_MAIN();
