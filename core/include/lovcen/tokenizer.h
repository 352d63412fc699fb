// Tokens of a segment (design brief §2): words, numbers, dates, times, URLs,
// e-mail addresses, punctuation and inline codes; white space is not a token.
// Built on ICU word break for the segment's locale, then numbers with internal
// separators ("1,000.5", "1.000,5"), dates ("05-Apr-2025", "5. april 2025.",
// "05.04.2025", "April 5, 2025"), times, URLs and e-mail addresses are joined
// into single tokens; docs/tokenizer.md has the full rules. Tokenize() is
// linear in the text and allocates only the returned vector. A Tokenizer is
// not thread-safe: give each thread its own (Clone() is cheap).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"

namespace lovcen {

enum class TokenKind { kWord, kNumber, kDate, kTime, kUrl, kEmail, kPunctuation, kCode };

// "word", "number", "date", "time", "url", "email", "punctuation", "code".
std::string_view TokenKindName(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::size_t begin = 0;  // byte offsets into the tokenized text
  std::size_t end = 0;
  std::size_t code_index = 0;  // for kCode: index into Segment::codes

  std::size_t size() const { return end - begin; }
  // The token's text within the text it was read from (empty for kCode).
  std::string_view text(std::string_view source) const {
    return source.substr(begin, end - begin);
  }
  friend bool operator==(const Token&, const Token&) = default;
};

// True for the kinds a placeable match may substitute (numbers, dates,
// times, URLs, e-mail addresses, inline codes).
bool IsPlaceable(TokenKind kind);

class Tokenizer {
 public:
  // Loads ICU's word break rules for language.icu_locale(); an error only
  // when ICU data is missing.
  static Result<Tokenizer> Create(const LanguageTag& language);
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // Another tokenizer for the same language (for another thread), without
  // loading the rules again.
  Tokenizer Clone() const;

  // Tokens of plain UTF-8 text, in order. Invalid UTF-8 does not crash; its
  // bytes become punctuation tokens.
  std::vector<Token> Tokenize(std::string_view text) const;
  // Tokens of a segment: inline codes are hard token boundaries, and each
  // code adds one kCode token at its offset (begin == end == offset), before
  // the text tokens that start there. Codes are taken in Segment::codes order.
  std::vector<Token> Tokenize(const Segment& segment) const;

  const LanguageTag& language() const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lovcen
