// Internal to the transliterator: the two engines that apply one ICU rule
// text to a span of UTF-8. RuleMachine compiles the subset of ICU transform
// syntax that lovcen's rule files use into tables and refuses anything else;
// IcuRuleEngine hands the same text to icu::Transliterator::createFromRules.
// Both treat the span as the whole text: contexts end at its ends, where a
// set containing U+FFFF matches (ICU's "ether").
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/status.h"

namespace lovcen::translit {

// Code-point classes shared by the scanner and the engines: one table for
// the first 0x3000 code points (read inline), ICU properties above.
// Which script a letter is in, and whether it is one of the 32 letters of
// Montenegrin there.
enum LetterClass : std::uint8_t {
  kNotLetter = 0,
  kLatinAlphabet,
  kLatinForeign,
  kCyrillicAlphabet,
  kCyrillicForeign,
  kOtherLetter,
  kMark,
};
enum CodePointBits : std::uint16_t {
  kScriptMask = 0x7,        // the LetterClass
  kLetterOrMarkBit = 0x8,   // General_Category L* or M*
  kMarkBit = 0x10,          // M*
  kUpperBit = 0x20,         // Lu or Lt
  kLowerBit = 0x40,         // Ll
  kNfcSensitiveBit = 0x80,  // ccc != 0 or NFC_Quick_Check != Yes
  kRomanBit = 0x100,        // I V X L C D M (ASCII capitals)
};
inline constexpr char32_t kInfoTableLimit = 0x3000;
std::uint16_t ComputeCodePointInfo(char32_t c);
const std::uint16_t* BuildCodePointInfoTable();
// Bits for every code point below kInfoTableLimit: built once on first use
// (thread-safe static initialisation), read-only afterwards.
inline const std::uint16_t* CodePointInfoTable() {
  static const std::uint16_t* const table = BuildCodePointInfoTable();
  return table;
}
inline std::uint16_t CodePointInfo(const std::uint16_t* table, char32_t c) {
  return c < kInfoTableLimit ? table[c] : ComputeCodePointInfo(c);
}
inline std::uint16_t CodePointInfo(char32_t c) { return CodePointInfo(CodePointInfoTable(), c); }
inline bool IsLetterOrMark(char32_t c) { return CodePointInfo(c) & kLetterOrMarkBit; }
inline bool IsUpperLetter(char32_t c) { return CodePointInfo(c) & kUpperBit; }
inline bool IsLowerLetter(char32_t c) { return CodePointInfo(c) & kLowerBit; }
inline bool IsNfcSensitive(char32_t c) { return c >= 0x300 && (CodePointInfo(c) & kNfcSensitiveBit); }
inline LetterClass LetterClassOf(char32_t c) {
  return static_cast<LetterClass>(CodePointInfo(c) & kScriptMask);
}

// Decodes one code point at `i` and advances `i`. Meant for valid UTF-8; a
// truncated or malformed sequence yields U+FFFD and advances one byte, so
// bad input can never read out of bounds.
char32_t NextCodePointSlow(std::string_view s, std::size_t& i);
inline char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
    const char32_t c = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    i += 2;
    return c;
  }
  return NextCodePointSlow(s, i);
}

// Decodes the code point that ends just before `i` (i > lower bound).
inline char32_t PrevCodePoint(std::string_view s, std::size_t& i) {
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  std::size_t k = j;
  const char32_t c = NextCodePoint(s, k);
  i = j;
  return c;
}

void AppendUtf8(std::string& out, char32_t c);

class RuleMachine {
 public:
  // Compiles `rules`; errors name `name` and the line. Construct-only: the
  // machine is immutable and thread-safe afterwards.
  static Result<RuleMachine> Compile(std::string_view rules, std::string_view name);

  RuleMachine(RuleMachine&&) noexcept;
  RuleMachine& operator=(RuleMachine&&) noexcept;
  ~RuleMachine();

  // Output bytes per input byte, at most (to size buffers once).
  std::size_t max_growth() const;

  // Appends the transliteration of `span` (valid UTF-8) to `out`.
  void Apply(std::string_view span, std::string& out) const;
  std::string Apply(std::string_view span) const {
    std::string out;
    Apply(span, out);
    return out;
  }

 private:
  struct Tables;
  explicit RuleMachine(std::unique_ptr<Tables> tables);
  std::unique_ptr<Tables> tables_;
};

class IcuRuleEngine {
 public:
  static Result<IcuRuleEngine> Create(std::string_view rules, std::string_view name);

  IcuRuleEngine(IcuRuleEngine&&) noexcept;
  IcuRuleEngine& operator=(IcuRuleEngine&&) noexcept;
  ~IcuRuleEngine();

  void Apply(std::string_view span, std::string& out) const;

 private:
  struct State;
  explicit IcuRuleEngine(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace lovcen::translit
