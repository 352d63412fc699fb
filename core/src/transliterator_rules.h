// Internal to the transliterator: the two engines that apply one ICU rule
// text to a span of UTF-8. RuleMachine compiles the subset of ICU transform
// syntax that lovcen's rule files use into tables and refuses anything else;
// IcuRuleEngine hands the same text to icu::Transliterator::createFromRules.
// Both treat the span as the whole text: contexts end at its ends, where a
// set containing U+FFFF matches (ICU's "ether").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/status.h"

namespace lovcen::translit {

// Code-point classes shared by the scanner and the engines (tables for the
// first 0x3000 code points, ICU properties above).
bool IsLetterOrMark(char32_t c);       // General_Category L* or M*
bool IsUpperLetter(char32_t c);        // Lu or Lt
bool IsLowerLetter(char32_t c);        // Ll
bool IsNfcSensitive(char32_t c);       // ccc != 0 or NFC_Quick_Check != Yes

// Decodes one code point at `i` and advances `i`. Meant for valid UTF-8; a
// truncated or malformed sequence yields U+FFFD and advances one byte, so
// bad input can never read out of bounds.
inline char32_t DecodeUtf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  const std::size_t n = s.size();
  auto cont = [&](std::size_t k) {
    return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
  };
  auto bits = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k]) & 0x3Fu); };
  if (b0 >= 0xC2 && b0 < 0xE0 && cont(i + 1)) {
    const char32_t c = ((b0 & 0x1Fu) << 6) | bits(i + 1);
    i += 2;
    return c;
  }
  if (b0 >= 0xE0 && b0 < 0xF0 && cont(i + 1) && cont(i + 2)) {
    const char32_t c = ((b0 & 0x0Fu) << 12) | (bits(i + 1) << 6) | bits(i + 2);
    i += 3;
    return c;
  }
  if (b0 >= 0xF0 && b0 < 0xF5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    const char32_t c = ((b0 & 0x07u) << 18) | (bits(i + 1) << 12) | (bits(i + 2) << 6) | bits(i + 3);
    i += 4;
    return c;
  }
  ++i;
  return 0xFFFD;
}

// Decodes the code point that ends just before `i` (i > lower bound).
inline char32_t DecodeUtf8Before(std::string_view s, std::size_t& i) {
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  std::size_t k = j;
  const char32_t c = DecodeUtf8(s, k);
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
