// Tokens of a segment (design brief §2): words, numbers, dates, times, URLs,
// e-mail addresses, punctuation and inline codes; white space is not a token.
// Built on ICU word break for the segment's locale, then numbers with internal
// separators ("1,000.5", "1.000,5"), dates ("05-Apr-2025", "5. april 2025.",
// "05.04.2025", "April 5, 2025"), times, URLs and e-mail addresses are joined
// into single tokens. A Tokenizer is cheap to use but not thread-safe: give
// each thread its own.
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

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::size_t begin = 0;  // byte offsets into the tokenized text
  std::size_t end = 0;
  std::size_t code_index = 0;  // for kCode: index into Segment::codes

  std::size_t size() const { return end - begin; }
};

// True for the kinds a placeable match may substitute (numbers, dates,
// times, URLs, e-mail addresses, inline codes).
bool IsPlaceable(TokenKind kind);

class Tokenizer {
 public:
  static Result<Tokenizer> Create(const LanguageTag& language);
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // Tokens of plain text, in order.
  std::vector<Token> Tokenize(std::string_view text) const;
  // Tokens of a segment: its text's tokens with one kCode token per inline
  // code, placed by offset (begin == end == code offset).
  std::vector<Token> Tokenize(const Segment& segment) const;

  const LanguageTag& language() const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lovcen
