// The registry of checks and the run over all pairs: tokenize once, run each
// chosen check, fill in the shared fields and keys, sort stably.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iterator>
#include <map>
#include <thread>

#include "check_internal.h"
#include "lovcen/text.h"

namespace lovcen {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "info";
}

std::optional<Severity> SeverityFromName(std::string_view name) {
  if (name == "info") return Severity::kInfo;
  if (name == "warning") return Severity::kWarning;
  if (name == "error") return Severity::kError;
  return std::nullopt;
}

std::string Finding::Where() const { return file.empty() ? unit : file + "#" + unit; }

namespace {

// FindingKey() from the texts' match keys.
std::string FindingKeyOfKeys(std::string_view check, const LanguageTag& source,
                             const LanguageTag& target, std::initializer_list<std::string_view> keys) {
  std::string data;
  data += source.str();
  data += '\x1f';
  data += target.str();
  for (std::string_view k : keys) {
    data += '\x1e';
    data += k;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(KeyHash(data)));
  return std::string(check) + ":" + hex;
}

}  // namespace

std::string FindingKey(std::string_view check, const LanguageTag& source, const LanguageTag& target,
                       const std::vector<std::string_view>& texts) {
  std::string data;
  data += source.str();
  data += '\x1f';
  data += target.str();
  for (std::string_view t : texts) {
    data += '\x1e';
    data += MatchKey(t);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(KeyHash(data)));
  return std::string(check) + ":" + hex;
}

std::vector<std::unique_ptr<Check>> BuildCheckRegistry() {
  using namespace internal;
  std::vector<std::unique_ptr<Check>> checks;
  checks.push_back(MakeInconsistentTargetCheck());
  checks.push_back(MakeInconsistentSourceCheck());
  checks.push_back(MakeNumberMismatchCheck());
  checks.push_back(MakeCodeMismatchCheck());
  checks.push_back(MakeUntranslatedCheck());
  checks.push_back(MakePlaceableMismatchCheck());
  checks.push_back(MakePunctuationEndCheck());
  checks.push_back(MakeQuoteStyleCheck());
  checks.push_back(MakeWhitespaceCheck());
  checks.push_back(MakeScriptMismatchCheck());
  checks.push_back(MakeTermMismatchCheck());
  checks.push_back(MakeLengthRatioCheck());
  return checks;
}

std::vector<std::string> CheckIds() {
  std::vector<std::string> ids;
  for (const auto& c : BuildCheckRegistry()) ids.emplace_back(c->id());
  return ids;
}

namespace internal {

std::string Quote(std::string_view text) {
  std::string out = "'";
  std::size_t points = 0, i = 0;
  while (i < text.size() && points < 40) {
    const CodePoint cp = DecodeUtf8(text, i);
    out.append(text.substr(i, static_cast<std::size_t>(cp.length)));
    i += static_cast<std::size_t>(cp.length);
    ++points;
  }
  if (i < text.size()) out += "...";
  return out + "'";
}

}  // namespace internal

namespace {

// Below this many pairs a run is quick enough that threads only add noise.
constexpr std::size_t kParallelFrom = 2000;
// Pairs tokenized at a time: big enough that threads pay off, small enough
// that a batch's tokens stay a few megabytes.
constexpr std::size_t kBatch = 8192;

// Runs fn(0) .. fn(n - 1), each on its own thread (fn(0) on the caller's).
template <class Fn>
void RunOnThreads(std::size_t n, Fn&& fn) {
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < n; ++w) threads.emplace_back([&fn, w] { fn(w); });
  if (n > 0) fn(0);
  for (auto& t : threads) t.join();
}

class VectorSink : public FindingSink {
 public:
  VectorSink(const Check& check, std::vector<Finding>* out) : check_(check), out_(out) {}
  void Add(const CheckedPair& pair, std::string message, std::vector<Span> source_spans,
           std::vector<Span> target_spans, std::vector<FindingVariant> variants) override {
    const CheckItem& item = *pair.item;
    Finding f;
    f.check = std::string(check_.id());
    f.severity = check_.default_severity();
    f.file = item.file;
    f.unit = item.unit;
    f.story = item.story;
    f.order = item.order;
    f.source_language = item.source_language;
    f.target_language = item.target_language;
    f.message = std::move(message);
    f.source = item.source.text;
    f.target = std::string(internal::TargetText(item));
    f.source_spans = std::move(source_spans);
    f.target_spans = std::move(target_spans);
    // An inconsistency is about a group: its key is the shared text alone,
    // so it stays the same when more variants turn up.
    if (f.check == "inconsistent-target") {
      f.key = FindingKeyOfKeys(f.check, f.source_language, f.target_language, {pair.source_key});
    } else if (f.check == "inconsistent-source") {
      f.key = FindingKeyOfKeys(f.check, f.source_language, f.target_language, {pair.target_key});
    } else {
      f.key = FindingKeyOfKeys(f.check, f.source_language, f.target_language,
                               {pair.source_key, pair.target_key});
    }
    f.variants = std::move(variants);
    out_->push_back(std::move(f));
  }

 private:
  const Check& check_;
  std::vector<Finding>* out_;
};

}  // namespace

Result<std::vector<Finding>> RunChecks(const std::vector<CheckItem>& items,
                                       const CheckContext& context,
                                       const CheckRunOptions& options) {
  auto registry = BuildCheckRegistry();
  std::vector<const Check*> chosen;
  if (options.checks.empty()) {
    for (const auto& c : registry) chosen.push_back(c.get());
  } else {
    for (const std::string& id : options.checks) {
      auto it = std::find_if(registry.begin(), registry.end(),
                             [&](const auto& c) { return c->id() == id; });
      if (it == registry.end()) {
        std::string known;
        for (const auto& c : registry) known += (known.empty() ? "" : ", ") + std::string(c->id());
        return UsageError("unknown check '" + id + "' (known: " + known + ")");
      }
      if (std::find(chosen.begin(), chosen.end(), it->get()) == chosen.end()) {
        chosen.push_back(it->get());
      }
    }
  }
  std::vector<const Check*> run;
  for (const Check* check : chosen) {
    if (check->default_severity() >= options.threshold) run.push_back(check);
  }
  // Every stage runs on every core. The checks that see all pairs at once
  // (inconsistencies, length ratios, ...) need no tokens and run first, one
  // check at a time per thread. The checks that read tokens judge pair by
  // pair, so the pairs are tokenized a batch at a time (in contiguous slices,
  // one tokenizer set per thread) and only one batch's tokens are held: on a
  // big TM holding every pair's tokens at once cost more in memory traffic
  // than the tokenizing itself. Findings are joined in registry order, so the
  // result depends neither on the threads nor on the batch size.
  const std::size_t cores = options.threads ? options.threads : std::thread::hardware_concurrency();
  const std::size_t workers = items.size() < kParallelFrom ? 1 : std::max<std::size_t>(1, cores);
  std::vector<std::vector<Finding>> per_check(run.size());
  std::vector<std::size_t> whole, by_pair;  // indexes into run
  for (std::size_t c = 0; c < run.size(); ++c)
    (run[c]->needs_tokens() ? by_pair : whole).push_back(c);

  auto run_checks = [&](const std::vector<std::size_t>& which,
                        const std::vector<CheckedPair>& pairs) {
    std::atomic<std::size_t> next{0};
    RunOnThreads(std::min(workers, which.size()), [&](std::size_t) {
      for (std::size_t n = next++; n < which.size(); n = next++) {
        const std::size_t c = which[n];
        VectorSink sink(*run[c], &per_check[c]);
        run[c]->Run(pairs, context, sink);
      }
    });
  };

  // Match keys, once per text for the whole run (a unit's pairs share their
  // source's), on every core.
  std::vector<std::string> source_keys(items.size()), target_keys(items.size());
  std::vector<std::size_t> source_key_of(items.size());
  RunOnThreads(workers, [&](std::size_t w) {
    const std::size_t begin = items.size() * w / workers, end = items.size() * (w + 1) / workers;
    for (std::size_t i = begin; i < end; ++i) {
      const CheckItem& item = items[i];
      if (i > begin && items[i - 1].source == item.source) {
        source_key_of[i] = source_key_of[i - 1];
      } else {
        source_keys[i] = MatchKey(item.source.text);
        source_key_of[i] = i;
      }
      target_keys[i] = MatchKey(internal::TargetText(item));
    }
  });
  auto keyed = [&](std::size_t i) {
    CheckedPair p;
    p.item = &items[i];
    p.source_key = source_keys[source_key_of[i]];
    p.target_key = target_keys[i];
    return p;
  };

  if (!whole.empty()) {
    std::vector<CheckedPair> pairs(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) pairs[i] = keyed(i);
    run_checks(whole, pairs);
  }

  if (!by_pair.empty()) {
    const std::size_t batch = options.batch ? options.batch : kBatch;
    std::vector<std::map<Language, Tokenizer>> tokenizers(workers);
    std::vector<Status> slice_status(workers, Status::Ok());
    std::vector<CheckedPair> pairs;
    std::vector<std::vector<Token>> source_store, target_store;
    for (std::size_t first = 0; first < items.size(); first += batch) {
      const std::size_t count = std::min(batch, items.size() - first);
      pairs.assign(count, CheckedPair{});
      source_store.resize(count);
      target_store.resize(count);
      auto tokenize_slice = [&](std::size_t w) {
        auto tokenizer = [&](const LanguageTag& tag) -> Result<const Tokenizer*> {
          auto it = tokenizers[w].find(tag.language());
          if (it == tokenizers[w].end()) {
            auto t = Tokenizer::Create(tag);
            if (!t.ok()) return t.error();
            it = tokenizers[w].emplace(tag.language(), std::move(t).value()).first;
          }
          return &it->second;
        };
        const std::size_t begin = count * w / workers, end = count * (w + 1) / workers;
        for (std::size_t i = begin; i < end; ++i) {
          const CheckItem& item = items[first + i];
          CheckedPair& p = pairs[i];
          p = keyed(first + i);
          // A unit's pairs come one after another with the same source.
          if (i > begin && items[first + i - 1].source_language == item.source_language &&
              items[first + i - 1].source == item.source) {
            p.source_tokens = pairs[i - 1].source_tokens;
          } else {
            auto src = tokenizer(item.source_language);
            if (!src.ok()) return void(slice_status[w] = src.error());
            source_store[i] = (*src)->Tokenize(item.source);
            p.source_tokens = source_store[i];
          }
          if (item.target) {
            auto tgt = tokenizer(item.target_language);
            if (!tgt.ok()) return void(slice_status[w] = tgt.error());
            target_store[i] = (*tgt)->Tokenize(*item.target);
            p.target_tokens = target_store[i];
          }
        }
      };
      RunOnThreads(workers, tokenize_slice);
      for (const Status& s : slice_status) {
        if (!s.ok()) return s;
      }
      run_checks(by_pair, pairs);
    }
  }

  std::vector<Finding> findings;
  std::size_t total = 0;
  for (const auto& f : per_check) total += f.size();
  findings.reserve(total);
  for (auto& f : per_check) std::move(f.begin(), f.end(), std::back_inserter(findings));
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.order != b.order) return a.order < b.order;
    if (a.check != b.check) return a.check < b.check;
    return a.message < b.message;
  });
  return findings;
}

}  // namespace lovcen
