// Private to the SRX engine: an exact yes/no matcher for the plain part of
// the pattern language, so that the segmenter asks ICU only about the rest.
//
// SRX rules ask one question per position: is there any match (of a
// before-pattern ending here, of an after-pattern starting here)? Which match
// ICU would pick does not matter, so this matcher explores the choices in any
// order and stops at the first witness. It understands literals, character
// classes, `.`, groups, alternation, greedy and lazy repetitions,
// look-ahead and look-behind, `^`, `\A`, `\b` and `\B`, with no flags. A
// pattern with anything else (flags, back references, possessive or atomic
// parts, `$`, nested bracket classes) is not compiled: Compile() answers null.
//
// Why it agrees with ICU: every class is answered from a table that ICU
// filled by matching the class's own text against each code point once, and
// the rest is ICU's definition of each construct. Code points the tables do
// not hold (outside U+0000-U+07FF and U+2000-U+207F) and texts with code
// points beyond the BMP make the answer kUnknown, and so do searches that
// would take too long; the caller then asks ICU.
#pragma once

#include <unicode/umachine.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lovcen::srx_internal {

class NativePattern {
 public:
  enum class Answer : int8_t { kNo, kYes, kUnknown };
  struct Table;
  // The class tables already filled, by the class's text: shared by the
  // patterns of one rule set, since filling one asks ICU 2,176 times.
  using Tables = std::map<std::string, std::shared_ptr<const Table>>;

  // Null when `pattern` uses anything outside the subset above, or when ICU
  // does not compile one of its classes. `tables` may be null.
  static std::unique_ptr<NativePattern> Compile(const icu::UnicodeString& pattern,
                                                Tables* tables);
  ~NativePattern();
  NativePattern(const NativePattern&) = delete;
  NativePattern& operator=(const NativePattern&) = delete;

  // ICU's lookingAt(start) on `text`: a match begins at `start`. `text` holds
  // BMP code points only (no surrogates).
  Answer LookingAt(const UChar* text, int32_t length, int32_t start) const;

  // ICU's matches() on the region [start, end) of `text` with transparent,
  // non-anchoring bounds: a match spans the region exactly, and look-arounds
  // and `\b` see the text outside it. BMP code points only, as above.
  Answer Matches(const UChar* text, int32_t length, int32_t start, int32_t end) const;

  struct Node;

 private:
  NativePattern();
  std::unique_ptr<Node> root_;
  const Table* word_ = nullptr;       // ICU's word characters, for \b
  const Table* extend_ = nullptr;     // Grapheme_Extend or Cf: \b looks past them
  std::vector<std::shared_ptr<const Table>> keep_;
  friend class NativeParser;
  friend class NativeRun;
};

}  // namespace lovcen::srx_internal
