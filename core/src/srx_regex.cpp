// A small recursive-descent reader of Java-style regular expressions that
// computes, conservatively, which code points can start and end a match and
// whether the empty string matches; and that caps unbounded repetitions for
// ICU's bounded look-behind. It does not match anything itself: ICU does.
#include "srx_regex.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace lovcen::srx_internal {
namespace {

constexpr UChar32 kMaxCodePoint = 0x10FFFF;

icu::UnicodeSet AnySet() { return icu::UnicodeSet(0, kMaxCodePoint); }

// Thrown inside the analyser only, when it meets a construct it cannot read;
// the caller then answers with the conservative facts.
struct Unreadable {};

// Limits of PatternFacts::words: past them the words are unknown (a longer
// list would cost more to walk than ICU's own search).
constexpr std::size_t kMaxWords = 4096;
constexpr std::size_t kMaxWordLength = 64;

// The strings a match can be (see PatternFacts::words); `known` false when
// there are too many or the analyser cannot tell.
struct Words {
  bool known = true;
  std::vector<std::vector<int>> seqs{{}};  // the empty string only
};

Words UnknownWords() {
  Words w;
  w.known = false;
  w.seqs.clear();
  return w;
}

Words ConcatWords(const Words& a, const Words& b) {
  if (!a.known || !b.known || a.seqs.size() * b.seqs.size() > kMaxWords) return UnknownWords();
  Words out;
  out.seqs.clear();
  out.seqs.reserve(a.seqs.size() * b.seqs.size());
  for (const auto& x : a.seqs) {
    for (const auto& y : b.seqs) {
      if (x.size() + y.size() > kMaxWordLength) return UnknownWords();
      auto& z = out.seqs.emplace_back(x);
      z.insert(z.end(), y.begin(), y.end());
    }
  }
  return out;
}

Words EitherWords(const Words& a, const Words& b) {
  if (!a.known || !b.known || a.seqs.size() + b.seqs.size() > kMaxWords) return UnknownWords();
  Words out = a;
  out.seqs.insert(out.seqs.end(), b.seqs.begin(), b.seqs.end());
  return out;
}

// X{min,max} (max >= 0): every count from min to max.
Words RepeatWords(const Words& x, long min, long max) {
  if (!x.known) return UnknownWords();
  Words all = UnknownWords();
  Words power;  // x^0: the empty string
  for (long n = 0; n <= max; ++n) {
    if (n >= min) {
      all = n == min ? power : EitherWords(all, power);
      if (!all.known) return all;
    }
    if (n == max) break;
    const bool only_empty = power.seqs.size() == 1 && power.seqs[0].empty() && n > 0;
    if (only_empty) return Words{};  // x matches only the empty string, so does x{m,n}
    power = ConcatWords(power, x);
    if (!power.known) return power;
  }
  return all;
}

struct Facts {
  bool nullable = true;
  icu::UnicodeSet first;
  icu::UnicodeSet last;
  long min_len = 0;  // in code points
  long max_len = 0;  // -1: unbounded
  // Possible match lengths below kSuffixLength (bit j: exactly j code
  // points), and bit kSuffixLength for that many or more.
  uint8_t lens = 1;
  // The same for the matches that are not known to start at the start of the
  // text (`^` and `\A` without (?m)); a subset of `lens`.
  uint8_t free_lens = 1;
  Words words;
  // suffix[k]: the code point k+1 places from the end, over the matches
  // that are at least k+1 long.
  std::array<icu::UnicodeSet, kSuffixLength> suffix;
  // prefix[k]: the code point k+1 places from the start, likewise.
  std::array<icu::UnicodeSet, kSuffixLength> prefix;
};

uint8_t AddLens(uint8_t a, uint8_t b) {
  uint8_t out = 0;
  for (int i = 0; i <= kSuffixLength; ++i) {
    if (!(a & (1u << i))) continue;
    for (int j = 0; j <= kSuffixLength; ++j) {
      if (b & (1u << j)) out |= static_cast<uint8_t>(1u << std::min(i + j, kSuffixLength));
    }
  }
  return out;
}

// Suffix sets of X followed by Y.
void ConcatSuffix(const Facts& x, const Facts& y, Facts& out) {
  out.lens = AddLens(x.lens, y.lens);
  for (int k = 0; k < kSuffixLength; ++k) {
    icu::UnicodeSet set;
    if (y.lens >> (k + 1)) set.addAll(y.suffix[k]);  // Y can be long enough
    for (int j = 0; j <= k; ++j) {
      if (y.lens & (1u << j)) set.addAll(x.suffix[k - j]);
    }
    out.suffix[k] = set;
    icu::UnicodeSet pre;
    if (x.lens >> (k + 1)) pre.addAll(x.prefix[k]);  // X can be long enough
    for (int j = 0; j <= k; ++j) {
      if (x.lens & (1u << j)) pre.addAll(y.prefix[k - j]);
    }
    out.prefix[k] = pre;
  }
}

// No item: the words are unknown (the caller did not want them).
constexpr int kNoItem = -2;

Facts CharFacts(const icu::UnicodeSet& set, int item = kNoItem) {
  Facts f;
  f.words = item == kNoItem ? UnknownWords() : Words{true, {{item}}};
  f.nullable = false;
  f.first = set;
  f.last = set;
  f.min_len = 1;
  f.max_len = 1;
  f.lens = 1u << 1;
  f.free_lens = f.lens;
  f.suffix[0] = set;
  f.prefix[0] = set;
  return f;
}

// Anything at all, of any length (back-references).
Facts AnyFacts() {
  Facts f = CharFacts(AnySet());
  f.nullable = true;
  f.min_len = 0;
  f.max_len = -1;
  f.lens = 0xFF;
  f.free_lens = 0xFF;
  for (auto& set : f.suffix) set = AnySet();
  for (auto& set : f.prefix) set = AnySet();
  return f;
}

long AddLen(long a, long b) { return a < 0 || b < 0 ? -1 : a + b; }

Facts Concat(const Facts& a, const Facts& b) {
  Facts f;
  f.min_len = a.min_len + b.min_len;
  f.max_len = AddLen(a.max_len, b.max_len);
  f.nullable = a.nullable && b.nullable;
  f.first = a.first;
  if (a.nullable) f.first.addAll(b.first);
  f.last = b.last;
  if (b.nullable) f.last.addAll(a.last);
  ConcatSuffix(a, b, f);
  // A match of AB starts where A's part does; when that part is empty and
  // free, B's part decides.
  f.free_lens = AddLens(a.free_lens & ~1u, b.lens) | ((a.free_lens & 1u) ? b.free_lens : 0);
  f.words = ConcatWords(a.words, b.words);
  return f;
}

Facts Either(const Facts& a, const Facts& b) {
  Facts f;
  f.min_len = std::min(a.min_len, b.min_len);
  f.max_len = a.max_len < 0 || b.max_len < 0 ? -1 : std::max(a.max_len, b.max_len);
  f.nullable = a.nullable || b.nullable;
  f.first = a.first;
  f.first.addAll(b.first);
  f.last = a.last;
  f.last.addAll(b.last);
  f.lens = a.lens | b.lens;
  f.free_lens = a.free_lens | b.free_lens;
  f.words = EitherWords(a.words, b.words);
  for (int k = 0; k < kSuffixLength; ++k) {
    f.suffix[k] = a.suffix[k];
    f.suffix[k].addAll(b.suffix[k]);
    f.prefix[k] = a.prefix[k];
    f.prefix[k].addAll(b.prefix[k]);
  }
  return f;
}

// A UnicodeSet from an ICU property expression such as "\p{Lu}"; null when
// ICU's set syntax does not know the name (Java-only names like javaLowerCase).
std::optional<icu::UnicodeSet> PropertySet(const std::u32string& name, bool negated) {
  std::u32string expr = name;
  // Java spells scripts IsLatin and blocks InGreek; ICU's sets want sc= / blk=.
  if (expr.size() > 2 && expr[0] == U'I' && expr[1] == U's') {
    expr = U"sc=" + expr.substr(2);
  } else if (expr.size() > 2 && expr[0] == U'I' && expr[1] == U'n') {
    expr = U"blk=" + expr.substr(2);
  }
  icu::UnicodeString pattern(u"[\\p{");
  for (char32_t c : expr) pattern.append(static_cast<UChar32>(c));
  pattern.append(u"}]");
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet set(pattern, status);
  if (U_FAILURE(status)) {
    // "Is" may also prefix a general category or binary property (IsL, IsAlphabetic).
    if (name.size() > 2 && name[0] == U'I' && name[1] == U's') {
      return PropertySet(name.substr(2), negated);
    }
    return std::nullopt;
  }
  if (negated) set.complement();
  return set;
}

icu::UnicodeSet FromPattern(const char16_t* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet set(icu::UnicodeString(pattern), status);
  if (U_FAILURE(status)) return AnySet();
  return set;
}

// ICU's definitions (a superset of Java's ASCII ones, which is what a
// conservative answer needs).
icu::UnicodeSet DigitSet() { return FromPattern(u"[\\p{Nd}]"); }
icu::UnicodeSet SpaceSet() { return FromPattern(u"[\\p{White_Space}\\u001C-\\u001F]"); }
icu::UnicodeSet WordSet() {
  return FromPattern(u"[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200C\\u200D]");
}
icu::UnicodeSet LineBreakSet() { return FromPattern(u"[\\u000A-\\u000D\\u0085\\u2028\\u2029]"); }
icu::UnicodeSet HorizontalSpaceSet() { return FromPattern(u"[\\p{Zs}\\u0009]"); }

// The code points that case folding may change (a superset: every cased
// one), frozen: where to look for those that fold like a given one.
const icu::UnicodeSet& ChangesWhenCaseFolded() {
  static const icu::UnicodeSet set = [] {
    icu::UnicodeSet s = FromPattern(u"[\\p{Changes_When_Casefolded}\\p{Cased}]");
    s.freeze();
    return s;
  }();
  return set;
}

class Analyzer {
 public:
  Analyzer(std::u32string pattern, int cap, SetCache* cache, bool want_words = false)
      : p_(std::move(pattern)), cap_(cap), cache_(cache), want_words_(want_words) {}

  Facts Run() {
    LeadingLookbehind();
    Facts f = Alternation(false);
    if (i_ != p_.size()) throw Unreadable{};
    if (top_level_alternation_) has_precede_ = false;
    // "\b(?:Mr|Dr|...)\." and the like: every match starts with a word
    // character right after a non-word one (or at the start), so no other
    // start needs trying — the abbreviation lists are most of the work.
    if (!has_precede_ && EveryAlternativeOpensWithWordBoundary() &&
        Named(U"\\w", WordSet).containsAll(f.first)) {
      precede_ = Named(U"\\w", WordSet);
      precede_.complement(0, kMaxCodePoint);
      precede_allows_start_ = true;
      has_precede_ = true;
    }
    return f;
  }

  // A pattern that opens with (?<=[X]) or (?<![X]) says which code point
  // may stand before a match: the segmenter skips starts where none does.
  bool has_precede() const { return has_precede_; }
  const icu::UnicodeSet& precede() const { return precede_; }
  bool precede_allows_start() const { return precede_allows_start_; }
  bool has_backreference() const { return backref_; }
  bool saw_case_insensitive() const { return saw_case_insensitive_; }
  // Whether Facts::words may be used: some part had no exact word form.
  bool words_failed() const { return words_failed_; }
  std::vector<WordItem> TakeWordItems() { return std::move(items_); }

  // The pattern with unbounded repetitions capped.
  std::u32string Bounded() const {
    std::u32string out;
    std::size_t at = 0;
    // Whether some match ends at a position does not depend on how often a
    // leading atom repeats beyond its minimum (X+Y ends where XY ends), so a
    // leading repetition shrinks to its minimum: far fewer look-behind starts.
    const bool shrink_leading = !backref_ && !top_level_alternation_;
    for (const Cap& c : caps_) {
      out.append(p_, at, c.begin - at);
      if (c.leading && shrink_leading) {
        out += U"{" + ToU32(std::to_string(c.min)) + U"}";
      } else {
        out += U"{" + ToU32(std::to_string(c.min)) + U"," +
               ToU32(std::to_string(std::max(c.min, cap_))) + U"}";
      }
      at = c.end;
    }
    out.append(p_, at, std::u32string::npos);
    return out;
  }

 private:
  struct Cap {
    std::size_t begin, end;  // the quantifier's text, without a lazy/possessive suffix
    int min;
    bool leading;  // quantifies the first atom of the whole pattern
  };

  static std::u32string ToU32(const std::string& ascii) { return {ascii.begin(), ascii.end()}; }

  bool AtEnd() const { return i_ >= p_.size(); }
  char32_t Peek(std::size_t ahead = 0) const {
    return i_ + ahead < p_.size() ? p_[i_ + ahead] : U'\0';
  }
  char32_t Next() {
    if (AtEnd()) throw Unreadable{};
    return p_[i_++];
  }

  void SkipExtended() {
    if (!extended_) return;
    while (!AtEnd()) {
      char32_t c = Peek();
      if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f') {
        ++i_;
      } else if (c == U'#') {
        while (!AtEnd() && Peek() != U'\n') ++i_;
      } else {
        break;
      }
    }
  }

  Facts Alternation(bool in_group) {
    Facts f = Sequence(in_group);
    while (!AtEnd() && Peek() == U'|') {
      if (!in_group) top_level_alternation_ = true;
      ++i_;
      f = Either(f, Sequence(in_group));
    }
    return f;
  }

  Facts Sequence(bool in_group) {
    Facts f;  // empty: nullable, nothing consumed
    bool first_atom = !in_group && i_ == 0;
    for (;;) {
      SkipExtended();
      if (AtEnd()) break;
      char32_t c = Peek();
      if (c == U'|') break;
      if (c == U')') {
        if (!in_group) throw Unreadable{};
        break;
      }
      Facts atom = Atom();
      atom = Quantified(std::move(atom), first_atom);
      first_atom = false;
      f = Concat(f, atom);
    }
    return f;
  }

  // Reads a quantifier after an atom, if any, and applies it.
  Facts Quantified(Facts atom, bool leading) {
    SkipExtended();
    if (AtEnd()) return atom;
    const std::size_t begin = i_;
    int min = 1;
    long max = 1;  // -1: unbounded
    char32_t c = Peek();
    if (c == U'*') {
      ++i_;
      min = 0;
      max = -1;
    } else if (c == U'+') {
      ++i_;
      max = -1;
    } else if (c == U'?') {
      ++i_;
      min = 0;
    } else if (c == U'{' && IsCounted()) {
      ++i_;
      min = ReadNumber();
      max = min;
      if (Peek() == U',') {
        ++i_;
        max = Peek() == U'}' ? -1 : ReadNumber();
      }
      if (Next() != U'}') throw Unreadable{};
    } else {
      return atom;
    }
    const std::size_t end = i_;
    bool possessive = false;
    if (!AtEnd() && (Peek() == U'?' || Peek() == U'+')) {  // lazy / possessive
      possessive = Peek() == U'+';
      ++i_;
    }
    if (max < 0) caps_.push_back({begin, end, min, leading && !possessive});
    if (max == 0) return Facts{};  // x{0}: matches only the empty string
    Words repeated = max < 0 ? UnknownWords() : RepeatWords(atom.words, min, max);
    atom.words = UnknownWords();  // the powers below need no words
    {
      // Suffix sets of the repetitions: the last few copies decide them, so
      // a few more powers than the minimum cover every count.
      const long top =
          max < 0 ? min + kSuffixLength + 1 : std::min<long>(max, min + kSuffixLength + 1);
      Facts power;  // atom^0
      Facts all;
      bool any = false;
      for (long n = 0; n <= top; ++n) {
        if (n >= min) {
          all = any ? Either(all, power) : power;
          any = true;
        }
        if (n < top) power = Concat(power, atom);
      }
      atom.lens = all.lens;
      atom.free_lens = all.free_lens;
      atom.suffix = all.suffix;
      atom.prefix = all.prefix;
    }
    atom.words = std::move(repeated);
    if (min == 0) atom.nullable = true;
    atom.min_len *= min;
    if (atom.max_len != 0) atom.max_len = max < 0 || atom.max_len < 0 ? -1 : atom.max_len * max;
    return atom;
  }

  bool IsCounted() const {
    // "{n}", "{n,}", "{n,m}"; anything else is a literal brace.
    std::size_t j = i_ + 1;
    std::size_t digits = 0;
    while (j < p_.size() && p_[j] >= U'0' && p_[j] <= U'9') ++j, ++digits;
    if (digits == 0) return false;
    if (j < p_.size() && p_[j] == U'}') return true;
    if (j >= p_.size() || p_[j] != U',') return false;
    ++j;
    while (j < p_.size() && p_[j] >= U'0' && p_[j] <= U'9') ++j;
    return j < p_.size() && p_[j] == U'}';
  }

  int ReadNumber() {
    long value = 0;
    bool any = false;
    while (!AtEnd() && Peek() >= U'0' && Peek() <= U'9') {
      value = value * 10 + static_cast<long>(Next() - U'0');
      if (value > 1000000) throw Unreadable{};
      any = true;
    }
    if (!any) throw Unreadable{};
    return static_cast<int>(value);
  }

  icu::UnicodeSet Single(UChar32 c) const {
    icu::UnicodeSet set(c, c);
    if (case_insensitive_) set.closeOver(USET_CASE_INSENSITIVE);
    return set;
  }

  icu::UnicodeSet Folded(icu::UnicodeSet set) const {
    if (case_insensitive_) set.closeOver(USET_CASE_INSENSITIVE);
    return set;
  }

  Facts Atom() {
    char32_t c = Next();
    switch (c) {
      case U'(':
        return Group();
      case U'[':
        return ClassFacts(Folded(Class()));
      case U'.':
        return ClassFacts(AnySet());
      case U'^':
        return multiline_ ? Facts{} : StartOfTextFacts();
      case U'$':
        return Facts{};
      case U'\\':
        return Escape();
      case U'*':
      case U'+':
      case U'?':
        throw Unreadable{};  // a quantifier with nothing to repeat
      default:
        return LiteralFacts(static_cast<UChar32>(c));
    }
  }

  // `^` (without (?m)) and `\A`: empty, and only at the start of the text.
  static Facts StartOfTextFacts() {
    Facts f;
    f.free_lens = 0;
    f.words.seqs = {{kStartOfText}};
    return f;
  }

  // One code point from a class (already case-closed under (?i)).
  Facts ClassFacts(const icu::UnicodeSet& set) {
    if (!want_words_) return CharFacts(set);
    // A class with strings (from case closure) may match more than one code
    // point: no word form then.
    if (set.hasStrings()) words_failed_ = true;
    return CharFacts(set, Item(set));
  }

  // One literal code point. Under (?i) the place holds every code point that
  // folds as it does, however ICU compiles it (one folded character, a case
  // closed set, or a part of a folded string).
  Facts LiteralFacts(UChar32 c) {
    const icu::UnicodeSet set = Single(c);
    if (!want_words_) return CharFacts(set);
    if (!case_insensitive_) return CharFacts(set, Item(set));
    if (CaseFoldsToSeveral().contains(c) || set.hasStrings()) words_failed_ = true;
    return CharFacts(set, Item(SameFolding(c, set)));
  }

  // `set` (c's case closure) and every code point whose simple folding is c's.
  static icu::UnicodeSet SameFolding(UChar32 c, icu::UnicodeSet set) {
    const UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    set.add(folded);
    const icu::UnicodeSet& changing = ChangesWhenCaseFolded();
    for (int32_t r = 0; r < changing.getRangeCount(); ++r) {
      for (UChar32 d = changing.getRangeStart(r); d <= changing.getRangeEnd(r); ++d) {
        if (u_foldCase(d, U_FOLD_CASE_DEFAULT) == folded) set.add(d);
      }
    }
    return set;
  }

  // The index of the place for `set` in items_ (equal places shared).
  int Item(const icu::UnicodeSet& set) {
    for (std::size_t k = 0; k < items_.size(); ++k) {
      if (items_[k].case_insensitive == case_insensitive_ && items_[k].set == set) {
        return static_cast<int>(k);
      }
    }
    items_.push_back({set, case_insensitive_});
    return static_cast<int>(items_.size() - 1);
  }

  Facts Group() {
    const bool saved_ci = case_insensitive_;
    const bool saved_x = extended_;
    const bool saved_m = multiline_;
    bool zero_width = false;
    if (Peek() == U'?') {
      ++i_;
      char32_t k = Next();
      if (k == U':' || k == U'>') {
        // non-capturing or atomic
      } else if (k == U'=' || k == U'!') {
        zero_width = true;
      } else if (k == U'<' && (Peek() == U'=' || Peek() == U'!')) {
        ++i_;
        zero_width = true;
      } else if (k == U'<') {
        while (Next() != U'>') {
        }  // named group
      } else if (k == U'#') {
        while (Next() != U')') {
        }
        return Facts{};
      } else {
        // Flags: (?imsx-imsx) for the rest of the enclosing group, or (?i:...).
        --i_;
        bool on = true;
        for (;;) {
          char32_t f = Next();
          if (f == U')') return Facts{};  // flags apply until the enclosing group ends
          if (f == U':') break;
          if (f == U'-') {
            on = false;
          } else if (f == U'i') {
            case_insensitive_ = on;
            if (on) saw_case_insensitive_ = true;
          } else if (f == U'x') {
            extended_ = on;
          } else if (f == U'm') {
            multiline_ = on;
          } else if (f != U'm' && f != U's' && f != U'u' && f != U'd' && f != U'U' && f != U'w') {
            throw Unreadable{};
          }
        }
        Facts f = Alternation(true);
        if (Next() != U')') throw Unreadable{};
        case_insensitive_ = saved_ci;
        extended_ = saved_x;
        multiline_ = saved_m;
        return f;
      }
    }
    Facts f = Alternation(true);
    if (Next() != U')') throw Unreadable{};
    case_insensitive_ = saved_ci;
    extended_ = saved_x;
    multiline_ = saved_m;
    if (zero_width) return Facts{};
    return f;
  }

  UChar32 HexDigits(int count) {
    UChar32 value = 0;
    for (int k = 0; k < count; ++k) value = value * 16 + HexValue(Next());
    return value;
  }
  static UChar32 HexValue(char32_t c) {
    if (c >= U'0' && c <= U'9') return static_cast<UChar32>(c - U'0');
    if (c >= U'a' && c <= U'f') return static_cast<UChar32>(c - U'a' + 10);
    if (c >= U'A' && c <= U'F') return static_cast<UChar32>(c - U'A' + 10);
    throw Unreadable{};
  }

  // An escape that stands for one code point, if the next escape is one.
  std::optional<UChar32> CharEscape(char32_t c) {
    switch (c) {
      case U't':
        return 0x09;
      case U'n':
        return 0x0A;
      case U'r':
        return 0x0D;
      case U'f':
        return 0x0C;
      case U'a':
        return 0x07;
      case U'e':
        return 0x1B;
      case U'0': {
        UChar32 value = 0;
        for (int k = 0; k < 3 && Peek() >= U'0' && Peek() <= U'7'; ++k) {
          value = value * 8 + static_cast<UChar32>(Next() - U'0');
        }
        return value;
      }
      case U'x':
        if (Peek() == U'{') {
          ++i_;
          UChar32 value = 0;
          while (Peek() != U'}') value = value * 16 + HexValue(Next());
          ++i_;
          if (value > kMaxCodePoint) throw Unreadable{};
          return value;
        }
        return HexDigits(2);
      case U'u':
        return HexDigits(4);
      case U'c':
        return static_cast<UChar32>(Next()) ^ 0x40;
      default:
        break;
    }
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9')) {
      return std::nullopt;  // a class, an anchor or a back-reference
    }
    return static_cast<UChar32>(c);  // an escaped literal: \. \? \\ ...
  }

  // \d \s \w \p{..} and their negations, or nullopt.
  std::optional<icu::UnicodeSet> ClassEscape(char32_t c) {
    auto complemented = [](icu::UnicodeSet set) {
      set.complement();
      return set;
    };
    switch (c) {
      case U'd':
        return Named(U"\\d", DigitSet);
      case U'D':
        return complemented(Named(U"\\d", DigitSet));
      case U's':
        return Named(U"\\s", SpaceSet);
      case U'S':
        return complemented(Named(U"\\s", SpaceSet));
      case U'w':
        return Named(U"\\w", WordSet);
      case U'W':
        return complemented(Named(U"\\w", WordSet));
      case U'h':
        return Named(U"\\h", HorizontalSpaceSet);
      case U'H':
        return complemented(Named(U"\\h", HorizontalSpaceSet));
      case U'v':
        return Named(U"\\v", LineBreakSet);
      case U'V':
        return complemented(Named(U"\\v", LineBreakSet));
      case U'X':
        throw Unreadable{};  // a grapheme cluster has no fixed length
      case U'N': {
        if (Peek() != U'{') throw Unreadable{};
        while (Next() != U'}') {
        }
        return AnySet();
      }
      case U'p':
      case U'P': {
        std::u32string name;
        if (Peek() == U'{') {
          ++i_;
          while (Peek() != U'}') name += Next();
          ++i_;
        } else {
          name += Next();
        }
        // Unknown to ICU sets: assume anything.
        icu::UnicodeSet prop = Named(U"\\p{" + name + U"}",
                                     [&] { return PropertySet(name, false).value_or(AnySet()); });
        return c == U'P' && prop != AnySet() ? complemented(std::move(prop)) : prop;
      }
      default:
        return std::nullopt;
    }
  }

  Facts Escape() {
    char32_t c = Next();
    if (c == U'Q') {  // \Q...\E quotes literally
      Facts f;
      while (!AtEnd()) {
        if (Peek() == U'\\' && Peek(1) == U'E') {
          i_ += 2;
          return f;
        }
        f = Concat(f, LiteralFacts(static_cast<UChar32>(Next())));
      }
      return f;
    }
    if (c == U'A') return StartOfTextFacts();
    if (c == U'b' || c == U'B' || c == U'z' || c == U'Z' || c == U'G') return Facts{};
    if (c == U'R') {
      Facts f = CharFacts(LineBreakSet());
      f.max_len = 2;  // \r\n
      f.lens |= 1u << 2;
      f.free_lens = f.lens;
      f.suffix[1] = LineBreakSet();
      f.prefix[1] = LineBreakSet();
      return f;
    }
    if ((c >= U'1' && c <= U'9') || c == U'k') {
      if (c == U'k') {
        while (Next() != U'>') {
        }
      } else {
        while (Peek() >= U'0' && Peek() <= U'9') ++i_;
      }
      backref_ = true;
      return AnyFacts();
    }
    if (auto set = ClassEscape(c)) return ClassFacts(Folded(*set));
    if (auto cp = CharEscape(c)) return LiteralFacts(*cp);
    throw Unreadable{};
  }

  // Inside [...], after the '['.
  icu::UnicodeSet Class() {
    bool negated = false;
    if (Peek() == U'^') {
      ++i_;
      negated = true;
    }
    icu::UnicodeSet set;
    bool first = true;
    for (;;) {
      if (AtEnd()) throw Unreadable{};
      char32_t c = Peek();
      if (c == U']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == U'[') {
        ++i_;
        set.addAll(Class());
        continue;
      }
      if (c == U'&' && Peek(1) == U'&') {
        i_ += 2;
        // The right operand runs to this class's closing bracket.
        icu::UnicodeSet right;
        bool any = false;
        while (Peek() != U']') {
          if (AtEnd()) throw Unreadable{};
          if (Peek() == U'[') {
            ++i_;
            right.addAll(Class());
          } else {
            right.addAll(ClassItem());
          }
          any = true;
        }
        if (any) set.retainAll(right);
        continue;
      }
      set.addAll(ClassItem());
    }
    if (negated) set.complement(0, kMaxCodePoint);
    return set;
  }

  // A single member, a range or an escape class inside [...].
  icu::UnicodeSet ClassItem() {
    auto one = ClassChar();
    if (!one.single) return one.set;
    if (Peek() == U'-' && Peek(1) != U']' && Peek(1) != U'[' && i_ + 1 < p_.size()) {
      ++i_;
      auto hi = ClassChar();
      if (!hi.single || hi.cp < one.cp) throw Unreadable{};
      return icu::UnicodeSet(one.cp, hi.cp);
    }
    return icu::UnicodeSet(one.cp, one.cp);
  }

  struct ClassMember {
    bool single = true;
    UChar32 cp = 0;
    icu::UnicodeSet set;
  };

  ClassMember ClassChar() {
    ClassMember m;
    char32_t c = Next();
    if (c != U'\\') {
      m.cp = static_cast<UChar32>(c);
      return m;
    }
    char32_t e = Next();
    if (e == U'Q') {
      m.single = false;
      while (!(Peek() == U'\\' && Peek(1) == U'E')) m.set.add(static_cast<UChar32>(Next()));
      i_ += 2;
      return m;
    }
    if (auto set = ClassEscape(e)) {
      m.single = false;
      m.set = *set;
      return m;
    }
    if (auto cp = CharEscape(e)) {
      m.cp = *cp;
      return m;
    }
    throw Unreadable{};
  }

  // True when every match of the pattern starts with \b: each top-level
  // alternative opens with \b, or with a group (plain or (?i:...), not
  // optional) of which that holds; a leading (?i) is looked through.
  bool EveryAlternativeOpensWithWordBoundary() const { return OpensWithWordBoundary(p_); }

  static bool OpensWithWordBoundary(std::u32string_view body) {
    if (body.substr(0, 4) == U"(?i)") body.remove_prefix(4);
    // Split at top-level '|'.
    std::vector<std::u32string_view> alternatives;
    int depth = 0;
    std::size_t from = 0;
    for (std::size_t k = 0; k < body.size(); k = Skip(body, k)) {
      if (body[k] == U'(') ++depth;
      if (body[k] == U')') --depth;
      if (body[k] == U'|' && depth == 0) {
        alternatives.push_back(body.substr(from, k - from));
        from = k + 1;
      }
    }
    alternatives.push_back(body.substr(from));
    for (std::u32string_view alt : alternatives) {
      if (alt.substr(0, 2) == U"\\b") continue;
      std::size_t open = 0;
      if (alt.substr(0, 4) == U"(?i:") {
        open = 4;
      } else if (alt.substr(0, 3) == U"(?:") {
        open = 3;
      } else {
        return false;
      }
      const std::size_t close = GroupEnd(alt, 0);
      if (close == std::u32string_view::npos) return false;
      const char32_t quantifier = close + 1 < alt.size() ? alt[close + 1] : U'\0';
      if (quantifier == U'?' || quantifier == U'*' || quantifier == U'{') return false;
      if (!OpensWithWordBoundary(alt.substr(open, close - open))) return false;
    }
    return true;
  }

  // The index just past the element at k: an escape, a whole class, or one
  // code point.
  static std::size_t Skip(std::u32string_view p, std::size_t k) {
    if (p[k] == U'\\') return k + 2;
    if (p[k] != U'[') return k + 1;
    int nest = 1;
    for (++k; k < p.size() && nest > 0; ++k) {
      if (p[k] == U'\\') {
        ++k;
      } else if (p[k] == U'[') {
        ++nest;
      } else if (p[k] == U']') {
        --nest;
      }
    }
    return k;
  }

  // The index of the parenthesis closing the group opened at `open`, or npos.
  static std::size_t GroupEnd(std::u32string_view p, std::size_t open) {
    int depth = 0;
    for (std::size_t k = open; k < p.size(); k = Skip(p, k)) {
      if (p[k] == U'(') ++depth;
      if (p[k] == U')' && --depth == 0) return k;
    }
    return std::u32string_view::npos;
  }

  void LeadingLookbehind() {
    const bool positive = p_.rfind(U"(?<=[", 0) == 0;
    const bool negative = p_.rfind(U"(?<![", 0) == 0;
    if (!positive && !negative) return;
    i_ = 5;
    try {
      icu::UnicodeSet set = Class();
      if (Peek() == U')') {
        if (negative) set.complement(0, kMaxCodePoint);
        precede_ = set;
        precede_allows_start_ = negative;
        has_precede_ = true;
      }
    } catch (const Unreadable&) {
    }
    i_ = 0;
  }

  // A named set through the cache (built by `build` on a miss).
  template <typename Build>
  icu::UnicodeSet Named(const std::u32string& key, Build build) {
    if (cache_ == nullptr) return build();
    if (const icu::UnicodeSet* hit = cache_->Find(key)) return *hit;
    return cache_->Put(key, build());
  }

  std::u32string p_;
  int cap_;
  SetCache* cache_ = nullptr;
  bool has_precede_ = false;
  bool precede_allows_start_ = false;
  icu::UnicodeSet precede_;
  std::size_t i_ = 0;
  bool case_insensitive_ = false;
  bool extended_ = false;
  bool multiline_ = false;  // (?m): `^` also after a line break
  bool backref_ = false;
  bool saw_case_insensitive_ = false;
  bool top_level_alternation_ = false;
  std::vector<Cap> caps_;
  bool want_words_ = false;
  bool words_failed_ = false;
  std::vector<WordItem> items_;
};

std::u32string ToU32(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u32string out;
  for (int32_t k = 0; k < u.length();) {
    UChar32 c = u.char32At(k);
    out += static_cast<char32_t>(c);
    k += U16_LENGTH(c);
  }
  return out;
}

icu::UnicodeString FromU32(const std::u32string& s) {
  icu::UnicodeString out;
  for (char32_t c : s) out.append(static_cast<UChar32>(c));
  return out;
}

}  // namespace

const icu::UnicodeSet& CaseFoldsToSeveral() {
  static const icu::UnicodeSet set = [] {
    icu::UnicodeSet out;
    const icu::UnicodeSet& changing = ChangesWhenCaseFolded();
    for (int32_t r = 0; r < changing.getRangeCount(); ++r) {
      for (UChar32 c = changing.getRangeStart(r); c <= changing.getRangeEnd(r); ++c) {
        UChar in[2];
        int32_t n = 0;
        U16_APPEND_UNSAFE(in, n, c);
        UChar folded[8];
        UErrorCode status = U_ZERO_ERROR;
        const int32_t length = u_strFoldCase(folded, 8, in, n, U_FOLD_CASE_DEFAULT, &status);
        UChar32 first = 0;
        int32_t at = 0;
        if (U_SUCCESS(status) && length > 0) U16_NEXT(folded, at, length, first);
        if (U_FAILURE(status) || at != length || first != u_foldCase(c, U_FOLD_CASE_DEFAULT)) {
          out.add(c);
        }
      }
    }
    out.freeze();
    return out;
  }();
  return set;
}

PatternFacts AnalyzePattern(std::string_view pattern, int repeat_cap, SetCache* cache,
                            bool want_words) {
  PatternFacts out;
  const std::u32string text = ToU32(pattern);
  Analyzer analyzer(text, repeat_cap, cache);
  try {
    Facts f = analyzer.Run();
    out.nullable = f.nullable;
    out.first = f.first;
    out.last = f.last;
    for (int k = 0; k < kSuffixLength; ++k) {
      // Where a match may be shorter, the code point there is the text's;
      // unless every such match starts at the start of the text.
      const unsigned shorter_mask = (1u << (k + 1)) - 1;
      const bool shorter = (f.lens & shorter_mask) != 0;
      const bool free_shorter = (f.free_lens & shorter_mask) != 0;
      out.suffix[k] = free_shorter ? AnySet() : f.suffix[k];
      out.suffix_open[k] = free_shorter;
      out.suffix_edge[k] = shorter && !free_shorter;
      out.prefix[k] = shorter ? AnySet() : f.prefix[k];
      out.prefix_open[k] = shorter;
    }
    out.min_length = analyzer.saw_case_insensitive() ? f.min_len / 3 : f.min_len;
    out.has_backreference = analyzer.has_backreference();
    out.has_precede = analyzer.has_precede();
    out.precede = analyzer.precede();
    out.precede_allows_start = analyzer.precede_allows_start();
    const std::u32string bounded = analyzer.Bounded();
    out.bounded = FromU32(bounded);
    // The longest match of the bounded form (what a look-behind must scan).
    if (!out.has_backreference) {
      Analyzer again(bounded, repeat_cap, cache, want_words);
      Facts g = again.Run();
      out.max_length = g.max_len;
      if (want_words && g.words.known && !again.words_failed()) {
        out.words_known = true;
        out.words = std::move(g.words.seqs);
        out.word_items = again.TakeWordItems();
        for (WordItem& item : out.word_items) item.set.freeze();
      }
    }
  } catch (const Unreadable&) {
    out.words_known = false;
    out.words.clear();
    out.word_items.clear();
    for (int k = 0; k < kSuffixLength; ++k) {
      out.suffix[k] = AnySet();
      out.suffix_open[k] = true;
      out.suffix_edge[k] = false;
      out.prefix[k] = AnySet();
      out.prefix_open[k] = true;
    }
    out.max_length = -1;
    out.nullable = true;
    out.first = AnySet();
    out.last = AnySet();
    out.bounded = FromU32(text);
  }
  out.first.freeze();
  out.last.freeze();
  out.precede.freeze();
  for (auto& set : out.suffix) set.freeze();
  for (auto& set : out.prefix) set.freeze();
  return out;
}

Result<std::unique_ptr<icu::RegexPattern>> CompilePattern(const icu::UnicodeString& pattern,
                                                          uint32_t flags, const std::string& what,
                                                          int offset_shift) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  std::unique_ptr<icu::RegexPattern> compiled(
      icu::RegexPattern::compile(pattern, flags, parse_error, status));
  if (U_FAILURE(status)) {
    std::string message = what + " does not compile: " + u_errorName(status);
    if (parse_error.offset >= 0) {
      message += " at offset " + std::to_string(std::max(0, parse_error.offset - offset_shift));
    }
    return BadInput(message);
  }
  return compiled;
}

}  // namespace lovcen::srx_internal
