// Consistency and QA checks for editors (design brief §7; docs/checks.md).
// Each check is a small unit with a stable id and a default severity that
// looks at aligned segment pairs (from XLIFF, TMX, TSV or the TM) and reports
// findings: one line naming the segment, with the offending bytes of source
// and target to highlight. RunChecks() tokenizes every pair once and runs the
// chosen checks over all of them, so checks that compare pairs with each other
// (inconsistent-target, length-ratio) see the whole input. Findings come back
// sorted stably (file, position, check). Pure apart from the objects passed in;
// a check object is immutable and may be shared between runs.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"
#include "lovcen/tokenizer.h"

namespace lovcen {

class Transliterator;

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };
std::string_view SeverityName(Severity severity);  // "info", "warning", "error"
std::optional<Severity> SeverityFromName(std::string_view name);

// One aligned pair to check.
struct CheckItem {
  std::string file;       // where it was read from ("" for the TM)
  std::string unit;       // segment or unit id as the file names it (TM: unit id)
  std::string story;      // story key, may be empty
  std::size_t order = 0;  // position in the input, for stable sorting
  LanguageTag source_language{Language::kEnglish};
  LanguageTag target_language{Language::kEnglish};
  Segment source;
  std::optional<Segment> target;  // nullopt: no target at all
};

// Byte range of Segment::text to highlight.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// One of the texts an inconsistency groups (a target for inconsistent-target,
// a source for inconsistent-source), how often it occurs and where.
struct FindingVariant {
  std::string text;
  std::size_t count = 0;
  std::vector<std::string> stories;  // distinct, in order of first occurrence
  std::vector<std::string> units;    // "file#unit" of each occurrence (at most 20)
};

struct Finding {
  std::string check;  // stable id, e.g. "number-mismatch"
  Severity severity = Severity::kWarning;
  std::string file;
  std::string unit;
  std::string story;
  std::size_t order = 0;
  LanguageTag source_language{Language::kEnglish};
  LanguageTag target_language{Language::kEnglish};
  std::string message;  // one line, without the segment id (Where() adds it)
  std::string source;   // texts as checked
  std::string target;
  std::vector<Span> source_spans;
  std::vector<Span> target_spans;
  std::vector<FindingVariant> variants;  // inconsistencies only
  // Stable across runs: check id and a hash of the languages and the texts
  // the finding is about (FindingKey()). Used to accept a finding.
  std::string key;

  // "file#unit" or "unit" (TM).
  std::string Where() const;
};

// Stable key of a finding: "<check>:<16 hex digits>" over the languages and
// `texts` (each separated so that ("ab","c") and ("a","bc") differ).
std::string FindingKey(std::string_view check, const LanguageTag& source, const LanguageTag& target,
                       const std::vector<std::string_view>& texts);

// A multilingual glossary entry: one concept with its terms per language
// (TBX termEntry, a glossary TSV row).
struct GlossaryEntry {
  std::string id;
  std::vector<std::pair<LanguageTag, std::string>> terms;
};

// What length-ratio knows about one language pair: the sums over
// log((target code points + 1) / (source code points + 1)) of its pairs.
struct LengthRatioStats {
  double sum = 0;
  double sum_sq = 0;
  std::size_t n = 0;
};

// Adds one pair to `stats` when its source is long enough to say anything
// (short headlines and labels vary too much); the rule the check itself
// learns by. Returns whether the pair counted.
bool AddLengthRatioSample(std::string_view source, std::string_view target,
                          LengthRatioStats& stats);

struct CheckContext {
  std::vector<GlossaryEntry> glossary;             // for term-mismatch
  std::set<std::string, std::less<>> allowed;      // words that may stay untranslated
                                                   // (names, brands), as written
  const Transliterator* transliterator = nullptr;  // script-mismatch and the
                                                   // Latin-only allow-list; not owned
  // length-ratio: z-score beyond which a pair is an outlier, and the fewest
  // pairs of a language pair needed to learn its model.
  double length_ratio_z = 3.0;
  std::size_t length_ratio_min_pairs = 30;
  // Learned beforehand from the TM (`lovcen check FILE` with a TM): a language
  // pair found here with at least length_ratio_min_pairs pairs is judged by
  // it; any other pair by what the run itself holds.
  std::map<std::pair<Language, Language>, LengthRatioStats> length_ratio_prior;
};

// A pair with its tokens, computed once per run. The tokens are views into
// the run's own store: the pairs of one unit (en -> de, en -> cnr-Latn, ...)
// share their source's tokens instead of tokenizing and holding it again.
struct CheckedPair {
  const CheckItem* item = nullptr;
  std::span<const Token> source_tokens;
  std::span<const Token> target_tokens;  // empty without a target
  // MatchKey() of the source and target text (empty without a target),
  // computed once per run for every check that compares texts.
  std::string_view source_key;
  std::string_view target_key;
};

// What a check reports into; fills in the fields every finding shares.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void Add(const CheckedPair& pair, std::string message, std::vector<Span> source_spans,
                   std::vector<Span> target_spans, std::vector<FindingVariant> variants = {}) = 0;
};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string_view id() const = 0;
  virtual Severity default_severity() const = 0;
  virtual std::string_view summary() const = 0;  // one line, for --help and the report
  // Reports findings over all pairs of the run (in input order).
  virtual void Run(const std::vector<CheckedPair>& pairs, const CheckContext& context,
                   FindingSink& sink) const = 0;
  // A check that reads the pairs' tokens judges each pair on its own, so the
  // run hands it the pairs in consecutive chunks (several at once, on
  // different threads) and keeps only the chunks' tokens being checked in
  // memory. The others see every pair at once, without tokens.
  virtual bool needs_tokens() const { return false; }
};

// Every check lovcen has, in a fixed order (the order of design brief §7).
std::vector<std::unique_ptr<Check>> BuildCheckRegistry();

// The ids in registry order.
std::vector<std::string> CheckIds();

struct CheckRunOptions {
  // Pairs tokenized and checked as one task (a chunk) by the checks that
  // need tokens; 0 = lovcen's default. Findings are the same whatever the size.
  std::size_t batch = 0;
  std::vector<std::string> checks;       // ids to run; empty = all
  Severity threshold = Severity::kInfo;  // findings below are dropped
  // Threads for tokenizing and checking; 0 = one per core. Findings are the
  // same whatever the count (small runs use one thread anyway).
  unsigned threads = 0;
};

// Runs the chosen checks over `items`. A kUsage error names an unknown check
// id; tokenizers are created per language (an error only when ICU data is
// missing). Findings are sorted by file, order, check id, message.
Result<std::vector<Finding>> RunChecks(const std::vector<CheckItem>& items,
                                       const CheckContext& context,
                                       const CheckRunOptions& options = {});

// Term matching for term-mismatch (docs/checks.md "Stems"): case-folded words,
// with the per-language ending rule. True when `word` is an inflected form of
// `term_word` in `language` (cnr: Moskva ~ Moskvi, Moskvu, Moskvom; de:
// Regierung ~ Regierungen, Ministerium ~ Ministeriums).
bool SameStem(std::string_view term_word, std::string_view word, const LanguageTag& language);

// Byte spans in `text` where the (possibly multi-word) `term` occurs, each
// word by SameStem, consecutive words of the text.
std::vector<Span> FindTerm(std::string_view term, std::string_view text,
                           const LanguageTag& language);

}  // namespace lovcen
