// Private to the SRX engine: static facts about a Java-style pattern that let
// the segmenter try rules only where they can match, and the bounded form of a
// before-pattern that ICU accepts inside a look-behind.
#pragma once

#include <unicode/regex.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/srx.h"
#include "lovcen/status.h"

namespace lovcen::srx_internal {

// How far an unbounded repetition in a before-pattern may reach back (code
// points): ICU's look-behind must be bounded. Java SRX engines do the same.
constexpr int kRepeatCap = 100;

// How many code points before a position the suffix test looks at.
constexpr int kSuffixLength = 3;

// One place of a match in PatternFacts::words: the code points it may hold,
// and whether it came from a case-insensitive part of the pattern (where ICU
// folds case fully, so that one text code point such as "ß" may stand for
// two places: such code points are in CaseFoldsToSeveral()).
struct WordItem {
  icu::UnicodeSet set;
  bool case_insensitive = false;
};

// The item of a `^` (without (?m)) or `\A`: matches no code point, only the
// start of the text.
constexpr int kStartOfText = -1;

// The code points whose full case folding is not one code point, or not
// their simple folding ("ß" -> "ss", "İ" -> "i̇"), frozen.
const icu::UnicodeSet& CaseFoldsToSeveral();

struct PatternFacts {
  bool nullable = true;   // may match the empty string
  icu::UnicodeSet first;  // code points a non-empty match may start with
  icu::UnicodeSet last;   // code points a non-empty match may end with
  // suffix[k]: the code points that may stand k+1 places before the end of
  // a match (suffix[0] is `last`); suffix_open[k] when a match may be
  // shorter than k+1, so that any code point (or the start of the text) may
  // stand there.
  std::array<icu::UnicodeSet, kSuffixLength> suffix;
  std::array<bool, kSuffixLength> suffix_open{};
  // suffix_edge[k] when the only matches shorter than k+1 start at the start
  // of the text (`(?:^|[^\p{L}])\p{Ll}\.`): then there is no code point k+1
  // places back, and suffix[k] still holds for every other match.
  std::array<bool, kSuffixLength> suffix_edge{};
  // The same from the start of a match (prefix[0] is `first`).
  std::array<icu::UnicodeSet, kSuffixLength> prefix;
  std::array<bool, kSuffixLength> prefix_open{};
  bool has_backreference = false;
  // When the pattern opens with a one-code-point look-behind, what may stand
  // before a match (and whether the start of the text may).
  bool has_precede = false;
  icu::UnicodeSet precede;
  bool precede_allows_start = false;
  // Longest match of `bounded`, in code points; -1 when unknown.
  long max_length = -1;
  // Shortest match in code points (0 when unknown). Under (?i) a text code
  // point may stand for up to three of the pattern (full case folding: "ß"
  // for "ss"), so the bound is divided by three there.
  long min_length = 0;
  // The pattern with every unbounded repetition (*, +, {n,}) capped at the
  // look-behind limit, for ICU's bounded look-behind. Equals the input when
  // nothing was unbounded.
  icu::UnicodeString bounded;
  // When asked for (AnalyzePattern's `want_words`) and there are few: every
  // string a match of `bounded` can be, as a sequence of places (indices into
  // word_items, or kStartOfText), ignoring look-arounds, \b and `$` (which
  // only narrow the matches down). A superset of the matches, so a text that
  // fits none of the words cannot match. Empty when unknown.
  bool words_known = false;
  std::vector<WordItem> word_items;
  std::vector<std::vector<int>> words;
};

// Character sets the analyser builds from names (\w, \s, \p{L}, ...), kept
// across the patterns of one rule set: building one means ICU walks its
// property data, and a rule set names the same few sets hundreds of times
// (two thirds of a segmenter's start-up before this cache).
class SetCache {
 public:
  const icu::UnicodeSet* Find(const std::u32string& key) const {
    auto it = sets_.find(key);
    return it == sets_.end() ? nullptr : &it->second;
  }
  // Not frozen: callers get copies they may change (a frozen copy would
  // ignore complement() silently).
  const icu::UnicodeSet& Put(const std::u32string& key, icu::UnicodeSet set) {
    return sets_.insert_or_assign(key, std::move(set)).first->second;
  }

 private:
  std::map<std::u32string, icu::UnicodeSet> sets_;
};

// Never fails: where the analyser does not understand a construct it answers
// conservatively (nullable, any first/last code point), which costs speed
// only, never correctness. `cache` (may be null) is shared by the calls for
// one rule set.
PatternFacts AnalyzePattern(std::string_view pattern, int repeat_cap, SetCache* cache = nullptr,
                            bool want_words = false);

// ValidateSrxRule() (lovcen/srx.h) with the analyser's sets shared.
Status ValidateSrxRule(const SrxRule& rule, const std::string& context, SetCache* cache);

// Compiles `pattern` (UTF-8) with ICU; on failure the error says
// "<what> does not compile: <ICU error> at offset N" (offset in code points
// of the pattern as written).
Result<std::unique_ptr<icu::RegexPattern>> CompilePattern(const icu::UnicodeString& pattern,
                                                          uint32_t flags, const std::string& what,
                                                          int offset_shift = 0);

}  // namespace lovcen::srx_internal
