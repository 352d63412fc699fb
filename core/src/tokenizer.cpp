#include "lovcen/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <climits>
#include <utility>

#include "lovcen/placeable.h"
#include "lovcen/text.h"

namespace lovcen {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kDate: return "date";
    case TokenKind::kTime: return "time";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
    case TokenKind::kPunctuation: return "punctuation";
    case TokenKind::kCode: return "code";
  }
  return "word";
}

bool IsPlaceable(TokenKind kind) {
  switch (kind) {
    case TokenKind::kNumber:
    case TokenKind::kDate:
    case TokenKind::kTime:
    case TokenKind::kUrl:
    case TokenKind::kEmail:
    case TokenKind::kCode:
      return true;
    case TokenKind::kWord:
    case TokenKind::kPunctuation:
      return false;
  }
  return false;
}

namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20u) >= 'a' && (c | 0x20u) <= 'z');
}

bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

// White space and invisible format characters (ZWSP, BOM, ...): never tokens.
bool IsSkippable(std::int32_t c) {
  if (c < 0) return false;
  return u_hasBinaryProperty(c, UCHAR_WHITE_SPACE) ||
         u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool IsLetterAt(std::string_view t, std::size_t i) {
  if (i >= t.size()) return false;
  const CodePoint cp = DecodeUtf8(t, i);
  return cp.value >= 0 && u_isalpha(cp.value);
}

// The code point that ends just before `i`.
std::int32_t PreviousCodePoint(std::string_view t, std::size_t i) {
  if (i == 0) return -1;
  std::size_t k = i - 1;
  while (k > 0 && i - k < 4 && (static_cast<unsigned char>(t[k]) & 0xC0u) == 0x80u) --k;
  const CodePoint cp = DecodeUtf8(t, k);
  return k + static_cast<std::size_t>(cp.length) == i ? cp.value : -1;
}

bool EqualsAsciiNoCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(a[k]);
    const unsigned char l = (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c | 0x20u) : c;
    if (l != static_cast<unsigned char>(lower[k])) return false;
  }
  return true;
}

// --- URLs and e-mail addresses ---------------------------------------------

bool IsUrlChar(std::string_view t, std::size_t i, std::size_t* len) {
  const unsigned char c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) {
    *len = 1;
    if (IsAsciiAlnum(c)) return true;
    static constexpr std::string_view kAllowed = "-._~:/?#[]@!$&'()*+,;=%";
    return kAllowed.find(static_cast<char>(c)) != std::string_view::npos;
  }
  // Internationalised paths and domains: letters, digits and marks only, so
  // that typographic quotes and dashes end the address.
  const CodePoint cp = DecodeUtf8(t, i);
  *len = static_cast<std::size_t>(cp.length);
  return cp.value >= 0 &&
         (u_isalnum(cp.value) || (U_GET_GC_MASK(cp.value) & U_GC_M_MASK) != 0);
}

// An address at `pos`: "http(s)://", "ftp://", "mailto:" or "www." then URL
// characters, without trailing sentence punctuation or an unbalanced closing
// bracket ("(see https://x.me/a)").
std::size_t MatchUrl(std::string_view t, std::size_t pos) {
  static constexpr std::string_view kSchemes[] = {"https://", "http://", "ftp://", "mailto:"};
  std::size_t body = 0;
  for (std::string_view scheme : kSchemes) {
    if (EqualsAsciiNoCase(t.substr(pos, scheme.size()), scheme)) {
      body = pos + scheme.size();
      break;
    }
  }
  if (body == 0) {
    if (!EqualsAsciiNoCase(t.substr(pos, 4), "www.") || pos + 4 >= t.size() ||
        !IsAsciiAlnum(static_cast<unsigned char>(t[pos + 4]))) {
      return 0;
    }
    body = pos + 4;
  }
  std::size_t end = body;
  int parens = 0, brackets = 0;
  while (end < t.size()) {
    std::size_t len = 1;
    if (!IsUrlChar(t, end, &len)) break;
    const char c = t[end];
    parens += c == '(' ? 1 : c == ')' ? -1 : 0;
    brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
    end += len;
  }
  while (end > body) {
    const char c = t[end - 1];
    if (std::string_view(".,;:!?'\"").find(c) != std::string_view::npos) {
      --end;
    } else if (c == ')' && parens < 0) {
      --end;
      ++parens;
    } else if (c == ']' && brackets < 0) {
      --end;
      ++brackets;
    } else {
      break;
    }
  }
  return end > body ? end - pos : 0;
}

bool IsEmailLocalChar(unsigned char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// local@domain.tld with an ASCII local part; the domain may be internationalised.
std::size_t MatchEmail(std::string_view t, std::size_t pos) {
  std::size_t at = pos;
  while (at < t.size() && IsEmailLocalChar(static_cast<unsigned char>(t[at]))) ++at;
  if (at == pos || at >= t.size() || t[at] != '@' || t[at - 1] == '.') return 0;
  std::size_t end = at + 1;
  while (end < t.size()) {
    const unsigned char c = static_cast<unsigned char>(t[end]);
    if (c < 0x80) {
      if (!IsAsciiAlnum(c) && c != '.' && c != '-') break;
      ++end;
    } else {
      const CodePoint cp = DecodeUtf8(t, end);
      if (cp.value < 0 || !u_isalnum(cp.value)) break;
      end += static_cast<std::size_t>(cp.length);
    }
  }
  while (end > at + 1 && (t[end - 1] == '.' || t[end - 1] == '-')) --end;
  const std::string_view domain = t.substr(at + 1, end - at - 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return 0;
  if (domain.find("..") != std::string_view::npos || domain[0] == '.') return 0;
  for (std::size_t k = dot + 1; k < domain.size(); ++k) {
    if (static_cast<unsigned char>(domain[k]) < 0x80 && !IsAsciiAlnum(static_cast<unsigned char>(domain[k]))) return 0;
  }
  return end - pos;
}

// "U.S", "e.g", "d.o.o", "Ph.D": parts of one or two letters joined by dots;
// the dot that follows belongs to it ("U.S.").
bool IsInitialism(std::string_view w) {
  int parts = 0, letters = 0;
  std::size_t i = 0;
  while (i < w.size()) {
    if (w[i] == '.') {
      if (letters == 0) return false;
      ++parts;
      letters = 0;
      ++i;
      continue;
    }
    const CodePoint cp = DecodeUtf8(w, i);
    if (cp.value < 0 || !u_isalpha(cp.value) || ++letters > 2) return false;
    i += static_cast<std::size_t>(cp.length);
  }
  return letters > 0 && parts >= 1;
}

// ICU's word rules count "@" as a letter (for "@handle"); a piece without any
// letter or digit is still punctuation.
bool IsSymbolsOnly(std::string_view piece) {
  if (IsAsciiAlnum(static_cast<unsigned char>(piece[0]))) return false;
  for (std::size_t i = 0; i < piece.size();) {
    const CodePoint cp = DecodeUtf8(piece, i);
    if (cp.value >= 0 && u_isalnum(cp.value)) return false;
    i += static_cast<std::size_t>(cp.length);
  }
  return true;
}

// Words after which a bare "10:30" is a clock time; elsewhere ("won 12:11",
// "sa 12:11", "mit 12:11") it is a score or a ratio: number, ':', number.
constexpr std::string_view kClockWords[] = {
    "at", "from", "until", "till", "by", "before", "after", "since", "to", "around", "between",
    "um", "ab", "bis", "gegen", "von", "seit", "vor", "nach", "zwischen",
    "u", "od", "do", "oko", "poslije", "prije", "nakon", "izme\u0111u",
    "\u0443", "\u043e\u0434", "\u0434\u043e", "\u043e\u043a\u043e",
    "\u043f\u043e\u0441\u043b\u0438\u0458\u0435", "\u043f\u0440\u0438\u0458\u0435",
    "\u043d\u0430\u043a\u043e\u043d", "\u0438\u0437\u043c\u0435\u0452\u0443",
};

// Case-insensitive comparison of `word` with a lower-case entry.
bool EqualsFolded(std::string_view word, std::string_view lower) {
  std::size_t i = 0, j = 0;
  while (i < word.size() && j < lower.size()) {
    const CodePoint a = DecodeUtf8(word, i);
    const CodePoint b = DecodeUtf8(lower, j);
    if (a.value < 0 || u_foldCase(a.value, U_FOLD_CASE_DEFAULT) != b.value) return false;
    i += static_cast<std::size_t>(a.length);
    j += static_cast<std::size_t>(b.length);
  }
  return i == word.size() && j == lower.size();
}

bool IsClockWord(std::string_view word) {
  for (std::string_view w : kClockWords) {
    if (w.size() == word.size() && EqualsFolded(word, w)) return true;
  }
  return false;
}

// Length of a hyphen joining a compound at `i`: U+002D, U+2010, U+2011.
std::size_t HyphenAt(std::string_view t, std::size_t i) {
  if (i < t.size() && t[i] == '-') return 1;
  if (t.substr(i, 3) == "\xE2\x80\x90" || t.substr(i, 3) == "\xE2\x80\x91") return 3;
  return 0;
}

// Walks ICU's boundaries forward. Asking for the first boundary after the
// previous one is ICU's cheap next(); anything else is following().
class Boundaries {
 public:
  Boundaries(icu::BreakIterator& breaker, std::size_t size)
      : breaker_(breaker), size_(size), cur_(breaker.first()) {}

  // The first boundary after `pos`, with its rule status.
  std::size_t After(std::size_t pos, int32_t* status) {
    const auto p = static_cast<int32_t>(pos);
    if (!(query_ <= p && p < cur_)) {
      cur_ = p == cur_ ? breaker_.next() : breaker_.following(p);
      query_ = p;
      status_ = breaker_.getRuleStatus();
    }
    *status = status_;
    return cur_ == icu::BreakIterator::DONE ? size_ : static_cast<std::size_t>(cur_);
  }

 private:
  icu::BreakIterator& breaker_;
  std::size_t size_;
  int32_t cur_;
  int32_t query_ = 0;
  int32_t status_ = 0;
};

bool IsWordStatus(int32_t status) { return status >= UBRK_WORD_LETTER; }
bool IsNumberStatus(int32_t status) {
  return status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT;
}

// ICU break positions are int32; longer text is cut at white space.
constexpr std::size_t kMaxRange = std::size_t{1} << 30;

}  // namespace

struct Tokenizer::Impl {
  LanguageTag language{Language::kEnglish};
  std::unique_ptr<icu::BreakIterator> breaker;

  void TokenizeRange(std::string_view text, std::size_t begin, std::size_t end,
                     std::vector<Token>& out) const;
  void TokenizePiece(std::string_view t, std::size_t base, std::vector<Token>& out) const;
};

void Tokenizer::Impl::TokenizeRange(std::string_view text, std::size_t begin, std::size_t end,
                                    std::vector<Token>& out) const {
  while (end - begin > kMaxRange) {
    std::size_t cut = begin + kMaxRange;
    while (cut < end && !IsAsciiSpace(static_cast<unsigned char>(text[cut]))) ++cut;
    TokenizePiece(text.substr(begin, cut - begin), begin, out);
    begin = cut;
  }
  TokenizePiece(text.substr(begin, end - begin), begin, out);
}

void Tokenizer::Impl::TokenizePiece(std::string_view t, std::size_t base,
                                    std::vector<Token>& out) const {
  if (t.empty()) return;
  const auto emit = [&](TokenKind kind, std::size_t b, std::size_t e) {
    out.push_back(Token{kind, base + b, base + e, 0});
  };
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, t.data(), static_cast<int64_t>(t.size()), &status);
  breaker->setText(&utext, status);  // the iterator keeps a shallow clone
  utext_close(&utext);
  if (U_FAILURE(status)) {
    emit(TokenKind::kWord, 0, t.size());  // only without ICU data; never lose text
    return;
  }
  Boundaries boundaries(*breaker, t.size());
  const bool has_at = t.find('@') != std::string_view::npos;
  const std::size_t first_token = out.size();
  TimeValue time;
  std::size_t pos = 0;
  while (pos < t.size()) {
    const auto c = static_cast<unsigned char>(t[pos]);
    std::size_t len = 0;

    // Placeables ICU would split: tried first, by their first byte.
    if (c >= '0' && c <= '9') {
      if ((len = MatchDate(t.substr(pos), language)) != 0) {
        emit(TokenKind::kDate, pos, pos + len);
      } else if ((len = MatchTime(t.substr(pos), language, &time)) != 0) {
        // A bare "12:11" is a time at the start of the text or after a
        // clock word, and a score otherwise.
        const bool first = out.size() == first_token;
        if (time.marked || first ||
            (out.back().kind == TokenKind::kWord &&
             IsClockWord(t.substr(out.back().begin - base, out.back().size())))) {
          emit(TokenKind::kTime, pos, pos + len);
        } else {
          len = 0;
        }
      }
    } else if (IsAsciiAlnum(c)) {
      const unsigned lower = c | 0x20u;
      if ((lower == 'h' || lower == 'w' || lower == 'f' || lower == 'm') &&
          (len = MatchUrl(t, pos)) != 0) {
        emit(TokenKind::kUrl, pos, pos + len);
      } else if (c <= 'Z' && (len = MatchDate(t.substr(pos), language)) != 0) {
        emit(TokenKind::kDate, pos, pos + len);
      }
    }
    if (len == 0 && has_at && IsEmailLocalChar(c) && (len = MatchEmail(t, pos)) != 0) {
      emit(TokenKind::kEmail, pos, pos + len);
    }
    if (len != 0) {
      pos += len;
      continue;
    }

    // A sign joins the number after it when it cannot be a hyphen or a
    // minus between two operands ("-4.5", "(−3)", but not "2020-2025").
    std::size_t sign = c == '-' || c == '+' ? 1 : t.substr(pos, 3) == "\xE2\x88\x92" ? 3 : 0;
    if (sign != 0 && pos + sign < t.size() && t[pos + sign] >= '0' && t[pos + sign] <= '9') {
      const std::int32_t prev = PreviousCodePoint(t, pos);
      const int8_t type = prev < 0 ? 0 : u_charType(prev);
      if (prev < 0 || IsSkippable(prev) || prev == '"' || prev == '\'' ||
          type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION) {
        int32_t st = 0;
        const std::size_t e = boundaries.After(pos + sign, &st);
        if (IsNumberStatus(st) && IsWellFormedNumber(t.substr(pos + sign, e - pos - sign))) {
          emit(TokenKind::kNumber, pos, e);
          pos = e;
          continue;
        }
      }
    }

    int32_t st = 0;
    std::size_t end = boundaries.After(pos, &st);
    if (IsNumberStatus(st)) {
      emit(IsWellFormedNumber(t.substr(pos, end - pos)) ? TokenKind::kNumber : TokenKind::kWord,
           pos, end);
    } else if (IsWordStatus(st) && !IsSymbolsOnly(t.substr(pos, end - pos))) {
      if (end < t.size() && t[end] == '.' && IsInitialism(t.substr(pos, end - pos))) ++end;
      // Hyphenated compounds stay one word: "U.S.-led", "NATO-a", "de-escalation".
      for (std::size_t h = HyphenAt(t, end); h != 0 && IsLetterAt(t, end + h);
           h = HyphenAt(t, end)) {
        int32_t next_status = 0;
        const std::size_t next_end = boundaries.After(end + h, &next_status);
        if (!IsWordStatus(next_status)) break;
        end = next_end;
      }
      emit(TokenKind::kWord, pos, end);
    } else {
      const CodePoint cp = DecodeUtf8(t, pos);
      if (!(c < 0x80 ? IsAsciiSpace(c) : IsSkippable(cp.value))) {
        emit(TokenKind::kPunctuation, pos, end);
      }
    }
    pos = end;
  }
}

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Result<Tokenizer> Tokenizer::Create(const LanguageTag& language) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(std::string(language.icu_locale()).c_str());
  std::unique_ptr<icu::BreakIterator> breaker(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status) || breaker == nullptr) {
    return BadInput("ICU has no word break rules for " + std::string(language.str()) + ": " +
                    u_errorName(status));
  }
  auto impl = std::make_unique<Impl>();
  impl->language = language;
  impl->breaker = std::move(breaker);
  return Tokenizer(std::move(impl));
}

Tokenizer Tokenizer::Clone() const {
  auto impl = std::make_unique<Impl>();
  impl->language = impl_->language;
  impl->breaker.reset(impl_->breaker->clone());
  return Tokenizer(std::move(impl));
}

const LanguageTag& Tokenizer::language() const { return impl_->language; }

std::vector<Token> Tokenizer::Tokenize(std::string_view text) const {
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 4);
  impl_->TokenizeRange(text, 0, text.size(), out);
  return out;
}

std::vector<Token> Tokenizer::Tokenize(const Segment& segment) const {
  const std::string_view text = segment.text;
  std::vector<Token> out;
  out.reserve(text.size() / 5 + segment.codes.size() + 4);
  // Codes are hard boundaries: the text between two code offsets is
  // tokenized on its own, then the codes at the next offset follow.
  std::vector<std::pair<std::size_t, std::size_t>> anchors;  // (offset, code index)
  anchors.reserve(segment.codes.size());
  for (std::size_t k = 0; k < segment.codes.size(); ++k) {
    anchors.emplace_back(std::min(segment.codes[k].offset, text.size()), k);
  }
  std::stable_sort(anchors.begin(), anchors.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t from = 0;
  for (const auto& [offset, index] : anchors) {
    if (offset > from) {
      impl_->TokenizeRange(text, from, offset, out);
      from = offset;
    }
    out.push_back(Token{TokenKind::kCode, offset, offset, index});
  }
  impl_->TokenizeRange(text, from, text.size(), out);
  return out;
}

}  // namespace lovcen
