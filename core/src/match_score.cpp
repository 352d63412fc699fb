#include "lovcen/match_score.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "lovcen/case_fold.h"
#include "lovcen/text.h"

namespace lovcen {
namespace {

// Class hashes for tokens the index treats as interchangeable. Any value
// works: a collision with a word's hash only weakens the filter.
constexpr std::uint64_t kPunctuationClass = 0x70756e6374000001ull;
constexpr std::uint64_t kCodeClass = 0x636f646500000002ull;
constexpr std::uint64_t kPlaceableClass = 0x706c616365000003ull;

bool HasDigit(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// Unicode punctuation (general category P*) among ASCII; $ + < = > ^ ` | ~
// are symbols (S*), not punctuation. A test checks this against ICU.
constexpr bool IsAsciiPunctuation(unsigned char c) {
  switch (c) {
    case '!': case '"': case '#': case '%': case '&': case '\'': case '(': case ')': case '*':
    case ',': case '-': case '.': case '/': case ':': case ';': case '?': case '@': case '[':
    case '\\': case ']': case '_': case '{': case '}':
      return true;
    default:
      return false;
  }
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string Fold(std::string_view s) {
  if (!IsAscii(s)) return FoldCaseString(s);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

std::string WithoutPunctuation(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!IsAsciiPunctuation(c)) out += static_cast<char>(c);
      ++i;
      continue;
    }
    const CodePoint cp = DecodeUtf8(s, i);
    const std::size_t len = static_cast<std::size_t>(cp.length);
    if (cp.value < 0 || !u_ispunct(cp.value)) out.append(s, i, len);
    i += len;
  }
  return out;
}

std::string CodeIdentity(const InlineCode& code) {
  const char kind = code.kind == CodeKind::kOpen ? 'o' : code.kind == CodeKind::kClose ? 'c' : 's';
  return std::string(1, kind) + code.element;
}

// The class of a non-code token from its kind and bare text.
std::uint64_t ClassOf(TokenKind kind, std::string_view bare) {
  // One class for every placeable, by kind or by digits: the tokenizer
  // decides some kinds from context ("10:30" is a time only after a clock
  // word), and equal text must always land in one class.
  if (IsPlaceable(kind) || HasDigit(bare)) return kPlaceableClass;
  if (bare.empty()) return kPunctuationClass;
  return KeyHash(bare);
}

}  // namespace

std::uint64_t TokenClass(const Segment& segment, const Token& token) {
  if (token.kind == TokenKind::kCode) return kCodeClass;
  if (IsPlaceable(token.kind)) return kPlaceableClass;
  const std::string_view text = token.text(segment.text);
  if (!IsAscii(text)) return ClassOf(token.kind, WithoutPunctuation(Fold(text)));
  // ASCII: fold, drop punctuation and hash in one pass, without allocating
  // (the same bytes KeyHash would see; index builds spend their time here).
  std::uint64_t h = 14695981039346656037ull;
  bool empty = true, digit = false;
  for (unsigned char c : text) {
    if (IsAsciiPunctuation(c)) continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c | 0x20);
    digit |= c >= '0' && c <= '9';
    empty = false;
    h ^= c;
    h *= 1099511628211ull;
  }
  if (digit) return kPlaceableClass;
  return empty ? kPunctuationClass : h;
}

std::vector<ScoreToken> PrepareScoreTokens(const Segment& segment, std::span<const Token> tokens) {
  std::vector<ScoreToken> out;
  out.reserve(tokens.size());
  for (const Token& t : tokens) {
    ScoreToken s;
    s.kind = t.kind;
    s.begin = t.begin;
    s.end = t.end;
    if (t.kind == TokenKind::kCode) {
      if (t.code_index < segment.codes.size()) s.text = CodeIdentity(segment.codes[t.code_index]);
      s.folded = s.text;
      s.norm = kCodeClass;
      out.push_back(std::move(s));
      continue;
    }
    s.text = std::string(t.text(segment.text));
    s.folded = Fold(s.text);
    s.bare = WithoutPunctuation(s.folded);
    s.norm = ClassOf(t.kind, s.bare);
    out.push_back(std::move(s));
  }
  return out;
}

int SubstitutionCost(const ScoreToken& a, const ScoreToken& b) {
  const bool a_code = a.kind == TokenKind::kCode;
  const bool b_code = b.kind == TokenKind::kCode;
  if (a_code || b_code) {
    if (a_code != b_code) return kIndelCost;
    return a.text == b.text ? 0 : 5;
  }
  if (a.text == b.text) return 0;
  if (a.folded == b.folded) return 2;
  if (a.bare == b.bare) return 5;
  return kIndelCost;
}

std::string_view EditKindName(EditKind kind) {
  switch (kind) {
    case EditKind::kSubstitute: return "substitute";
    case EditKind::kCase: return "case";
    case EditKind::kPunctuation: return "punctuation";
    case EditKind::kCode: return "code";
    case EditKind::kInsert: return "insert";
    case EditKind::kDelete: return "delete";
  }
  return "substitute";
}

int ScoreFromDistance(int distance_tenths, std::size_t source_tokens, std::size_t tm_tokens) {
  const long long m = static_cast<long long>(std::max(source_tokens, tm_tokens));
  if (m == 0) return 100;
  // 100 * (1 - (D/10) / m) = 100 - 10*D/m; floor of that is 100 - ceil(10*D/m).
  const long long penalty = (10LL * distance_tenths + m - 1) / m;
  return static_cast<int>(std::max(0LL, 100 - penalty));
}

int MaxDistanceForThreshold(int threshold, std::size_t source_tokens, std::size_t tm_tokens) {
  // score >= t  <=>  ceil(10*D/m) <= 100 - t  <=>  10*D <= (100 - t) * m.
  const long long m = static_cast<long long>(std::max(source_tokens, tm_tokens));
  const long long allowed = (100LL - threshold) * m;
  return allowed < 0 ? -1 : static_cast<int>(allowed / 10);
}

FuzzyScore ScoreFuzzy(std::span<const ScoreToken> s, std::span<const ScoreToken> t) {
  const std::size_t n = s.size(), m = t.size();
  const std::size_t w = m + 1;
  std::vector<int> d((n + 1) * w);
  for (std::size_t j = 0; j <= m; ++j) d[j] = static_cast<int>(j) * kIndelCost;
  for (std::size_t i = 1; i <= n; ++i) {
    d[i * w] = static_cast<int>(i) * kIndelCost;
    for (std::size_t j = 1; j <= m; ++j) {
      const int sub = d[(i - 1) * w + j - 1] + SubstitutionCost(s[i - 1], t[j - 1]);
      const int ins = d[(i - 1) * w + j] + kIndelCost;  // S token not in T
      const int del = d[i * w + j - 1] + kIndelCost;    // T token not in S
      d[i * w + j] = std::min({sub, ins, del});
    }
  }
  FuzzyScore result;
  result.distance = d[n * w + m];
  result.score = ScoreFromDistance(result.distance, n, m);
  std::size_t i = n, j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0) {
      const int cost = SubstitutionCost(s[i - 1], t[j - 1]);
      if (d[i * w + j] == d[(i - 1) * w + j - 1] + cost) {
        if (cost > 0) {
          EditKind kind = EditKind::kSubstitute;
          if (cost == 2) kind = EditKind::kCase;
          if (cost == 5) kind = s[i - 1].kind == TokenKind::kCode ? EditKind::kCode : EditKind::kPunctuation;
          result.edits.push_back({kind, static_cast<int>(i - 1), static_cast<int>(j - 1), cost});
        }
        --i;
        --j;
        continue;
      }
    }
    if (i > 0 && d[i * w + j] == d[(i - 1) * w + j] + kIndelCost) {
      result.edits.push_back({EditKind::kInsert, static_cast<int>(i - 1), -1, kIndelCost});
      --i;
    } else {
      result.edits.push_back({EditKind::kDelete, -1, static_cast<int>(j - 1), kIndelCost});
      --j;
    }
  }
  std::reverse(result.edits.begin(), result.edits.end());
  return result;
}

int PlaceableScore(std::size_t differing_placeables) {
  const std::size_t off = std::min<std::size_t>(differing_placeables, 3);
  return 100 - static_cast<int>(off);
}

double CharacterSimilarity(std::string_view a, std::string_view b) {
  auto code_points = [](std::string_view s) {
    std::vector<std::int32_t> out;
    std::size_t i = 0;
    while (i < s.size()) {
      const CodePoint cp = DecodeUtf8(s, i);
      out.push_back(cp.value);
      i += static_cast<std::size_t>(cp.length);
    }
    return out;
  };
  const std::vector<std::int32_t> x = code_points(a), y = code_points(b);
  const std::size_t longest = std::max(x.size(), y.size());
  if (longest == 0) return 1.0;
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return 1.0 - static_cast<double>(row[y.size()]) / static_cast<double>(longest);
}

}  // namespace lovcen
