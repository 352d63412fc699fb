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
                             const LanguageTag& target,
                             std::initializer_list<std::string_view> keys) {
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
// Pairs tokenized and checked as one task: big enough that handing out
// tasks costs nothing, small enough that a chunk's tokens stay a few
// megabytes and the cores finish together.
constexpr std::size_t kChunk = 2048;

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
  // Every stage runs on every core, from one queue of tasks so that no core
  // waits while another finishes a long check. The checks that see all
  // pairs at once (inconsistencies, length ratios, ...) need no tokens and
  // are one task each, queued first. The checks that read tokens judge pair
  // by pair, so the pairs are cut into chunks; a chunk is one task: its
  // pairs tokenized, every such check run on them, its tokens dropped. On a
  // big TM holding every pair's tokens at once cost more in memory traffic
  // than the tokenizing itself. Findings are joined in registry order and,
  // within a check, in chunk order, so the result depends neither on the
  // threads nor on the chunk size.
  const std::size_t cores = options.threads ? options.threads : std::thread::hardware_concurrency();
  const std::size_t workers = items.size() < kParallelFrom ? 1 : std::max<std::size_t>(1, cores);
  std::vector<std::vector<Finding>> per_check(run.size());
  std::vector<std::size_t> whole, by_pair;  // indexes into run
  for (std::size_t c = 0; c < run.size(); ++c)
    (run[c]->needs_tokens() ? by_pair : whole).push_back(c);

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

  std::vector<CheckedPair> all_pairs;
  if (!whole.empty()) {
    all_pairs.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) all_pairs[i] = keyed(i);
  }
  const std::size_t chunk = options.batch ? options.batch : kChunk;
  const std::size_t chunks = by_pair.empty() ? 0 : (items.size() + chunk - 1) / chunk;
  // chunk_findings[k][b]: findings of check by_pair[b] on chunk k.
  std::vector<std::vector<std::vector<Finding>>> chunk_findings(
      chunks, std::vector<std::vector<Finding>>(by_pair.size()));
  std::vector<Status> chunk_status(chunks, Status::Ok());
  std::vector<std::map<Language, Tokenizer>> tokenizers(workers);

  auto check_chunk = [&](std::size_t w, std::size_t k, std::vector<CheckedPair>& pairs,
                         std::vector<std::vector<Token>>& source_store,
                         std::vector<std::vector<Token>>& target_store) -> Status {
    auto tokenizer = [&](const LanguageTag& tag) -> Result<const Tokenizer*> {
      auto it = tokenizers[w].find(tag.language());
      if (it == tokenizers[w].end()) {
        auto t = Tokenizer::Create(tag);
        if (!t.ok()) return t.error();
        it = tokenizers[w].emplace(tag.language(), std::move(t).value()).first;
      }
      return &it->second;
    };
    const std::size_t first = k * chunk, count = std::min(chunk, items.size() - first);
    pairs.assign(count, CheckedPair{});
    source_store.resize(count);
    target_store.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const CheckItem& item = items[first + i];
      CheckedPair& p = pairs[i];
      p = keyed(first + i);
      // A unit's pairs come one after another with the same source.
      if (i > 0 && items[first + i - 1].source_language == item.source_language &&
          items[first + i - 1].source == item.source) {
        p.source_tokens = pairs[i - 1].source_tokens;
      } else {
        auto src = tokenizer(item.source_language);
        if (!src.ok()) return src.error();
        source_store[i] = (*src)->Tokenize(item.source);
        p.source_tokens = source_store[i];
      }
      if (item.target) {
        auto tgt = tokenizer(item.target_language);
        if (!tgt.ok()) return tgt.error();
        target_store[i] = (*tgt)->Tokenize(*item.target);
        p.target_tokens = target_store[i];
      }
    }
    for (std::size_t b = 0; b < by_pair.size(); ++b) {
      VectorSink sink(*run[by_pair[b]], &chunk_findings[k][b]);
      run[by_pair[b]]->Run(pairs, context, sink);
    }
    return Status::Ok();
  };

  std::atomic<std::size_t> next{0};
  const std::size_t tasks = whole.size() + chunks;
  RunOnThreads(workers, [&](std::size_t w) {
    std::vector<CheckedPair> pairs;
    std::vector<std::vector<Token>> source_store, target_store;
    for (std::size_t t = next++; t < tasks; t = next++) {
      if (t < whole.size()) {
        const std::size_t c = whole[t];
        VectorSink sink(*run[c], &per_check[c]);
        run[c]->Run(all_pairs, context, sink);
      } else {
        const std::size_t k = t - whole.size();
        chunk_status[k] = check_chunk(w, k, pairs, source_store, target_store);
      }
    }
  });
  for (const Status& s : chunk_status) {
    if (!s.ok()) return s;
  }
  for (std::size_t b = 0; b < by_pair.size(); ++b) {
    std::vector<Finding>& out = per_check[by_pair[b]];
    for (auto& found : chunk_findings) {
      std::move(found[b].begin(), found[b].end(), std::back_inserter(out));
      std::vector<Finding>().swap(found[b]);
    }
  }

  std::vector<Finding> joined;
  std::size_t total = 0;
  for (const auto& f : per_check) total += f.size();
  joined.reserve(total);
  for (auto& f : per_check) std::move(f.begin(), f.end(), std::back_inserter(joined));
  // Sorted through indexes: a Finding is a dozen strings, too heavy to move
  // at every step of a merge sort over a big TM's findings.
  std::vector<std::uint32_t> order(joined.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    const Finding& a = joined[x];
    const Finding& b = joined[y];
    if (a.file != b.file) return a.file < b.file;
    if (a.order != b.order) return a.order < b.order;
    if (a.check != b.check) return a.check < b.check;
    return a.message < b.message;
  });
  std::vector<Finding> findings;
  findings.reserve(joined.size());
  for (std::uint32_t i : order) findings.push_back(std::move(joined[i]));
  return findings;
}

}  // namespace lovcen
