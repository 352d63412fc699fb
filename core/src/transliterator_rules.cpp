// The two rule engines of the transliterator. RuleMachine reproduces the
// matching of ICU's RuleBasedTransliterator for the subset of the syntax it
// accepts: rules are tried in order at the cursor and the first whose key and
// contexts match is applied; the before-context is matched against the text
// already produced, the after-context against the input still to come; past
// either end of the span only a set containing U+FFFF matches (and does not
// advance); ^ and $ anchor to the span's ends; the cursor then moves past
// the key. A final ":: NFC ;" normalises the span's output.
#include "transliterator_rules.h"

#include <unicode/normalizer2.h>
#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <iterator>
#include <bit>
#include <bitset>
#include <map>
#include <unordered_map>

#include "lovcen/text.h"

namespace lovcen::translit {
namespace {

constexpr char32_t kTableLimit = kInfoTableLimit;  // below: tables; above: ICU properties
constexpr char32_t kEther = 0xFFFF;                // ICU's stand-in for "outside the text"

constexpr std::u32string_view kLatinLetters =
    U"abcčćdđefghijklmnoprsšśtuvzžźABCČĆDĐEFGHIJKLMNOPRSŠŚTUVZŽŹ"
    U"\u01C4\u01C5\u01C6\u01C7\u01C8\u01C9\u01CA\u01CB\u01CC";
constexpr std::u32string_view kCyrillicLetters =
    U"абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ";

// ---------------------------------------------------------------------------
// Parsing the rule text.

struct Item {
  enum class Kind { kChar, kSet, kAnchorStart, kAnchorEnd, kOpenBrace, kCloseBrace };
  Kind kind = Kind::kChar;
  char32_t ch = 0;
  int set = -1;
};

struct Statement {
  std::u32string text;
  int line = 1;  // of its first character
};

bool IsRuleWhiteSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C ||
         c == 0x85 || c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029;
}

bool IsIdentStart(char32_t c) { return (c < 0x80 && (std::isalpha(static_cast<int>(c)) || c == '_')); }
bool IsIdentPart(char32_t c) { return IsIdentStart(c) || (c < 0x80 && std::isdigit(static_cast<int>(c))); }

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) out.push_back(NextCodePoint(s, i));
  return out;
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(out, c);
  return out;
}

int HexValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

class Parser {
 public:
  Parser(std::string_view name) : name_(name) {}

  Error Fail(int line, const std::string& message) const {
    Error e = BadInput(message);
    e.file = std::string(name_);
    e.line = line;
    return e;
  }

  // Splits the text into statements the way ICU's TransliteratorParser
  // does: ';' ends a rule outside quotes and sets, and '#' at the start of a
  // rule comments out the rest of the line.
  Result<std::vector<Statement>> Split(const std::u32string& text) const {
    std::vector<Statement> out;
    std::size_t i = 0;
    int line = 1;
    while (i < text.size()) {
      // Skip white space and comments before a statement.
      while (i < text.size() && (IsRuleWhiteSpace(text[i]) || text[i] == '#')) {
        if (text[i] == '#') {
          while (i < text.size() && text[i] != '\n') ++i;
          continue;
        }
        if (text[i] == '\n') ++line;
        ++i;
      }
      if (i >= text.size()) break;
      Statement st;
      st.line = line;
      bool quote = false;
      int depth = 0;
      while (i < text.size()) {
        const char32_t c = text[i];
        if (c == '\n') ++line;
        if (c == '\\' && i + 1 < text.size()) {
          st.text.push_back(c);
          st.text.push_back(text[i + 1]);
          if (text[i + 1] == '\n') ++line;
          i += 2;
          continue;
        }
        if (c == '\'') quote = !quote;
        if (!quote) {
          if (c == '[') ++depth;
          if (c == ']' && depth > 0) --depth;
          if (c == ';' && depth == 0) {
            ++i;
            break;
          }
        }
        st.text.push_back(c);
        ++i;
      }
      if (quote) return Fail(st.line, "unterminated quote");
      out.push_back(std::move(st));
    }
    return out;
  }

  std::string_view name_;
};

// One compiled set: a bitmap below kTableLimit, ICU above.
struct CompiledSet {
  std::bitset<kTableLimit> low;
  icu::UnicodeSet high;
  bool ether = false;

  bool Contains(char32_t c) const {
    if (c < kTableLimit) return low[c];
    return high.contains(static_cast<UChar32>(c));
  }
};

struct Matcher {
  bool is_set = false;
  char32_t ch = 0;
  const CompiledSet* set = nullptr;  // owned by Tables::sets

  bool Matches(char32_t c) const { return is_set ? set->Contains(c) : c == ch; }
  bool MatchesEther() const { return is_set && set->ether; }
};

struct Rule {
  std::vector<Matcher> before;  // in text order; matched backwards
  std::u32string key;
  std::string key_utf8;  // compared byte-wise: equal UTF-8 <=> equal code points
  std::vector<Matcher> after;
  bool anchor_start = false;
  bool anchor_end = false;
  std::string output;  // UTF-8
  char32_t output_last = 0;  // last code point of the output (when not empty)
  // The output could change under NFC next to its neighbours (its first
  // character combines backwards, or it is not NFC itself).
  bool output_nfc_sensitive = false;
  bool simple = false;  // one-character key, no context, no anchor
  // The first up to 8 bytes that any match must start with (the key and
  // the literal characters of the after-context), as a masked 64-bit word:
  // one comparison rejects almost every candidate.
  std::uint64_t prefix = 0;
  std::uint64_t prefix_mask = 0;
};

// Up to 8 bytes of `s` from `pos` as a little-endian word, zero-padded.
inline std::uint64_t Load8(const char* s, std::size_t pos, std::size_t n) {
  std::uint64_t w = 0;
  if (n - pos >= 8) {
    std::memcpy(&w, s + pos, 8);
  } else {
    std::memcpy(&w, s + pos, n - pos);
  }
  return w;
}

}  // namespace

std::uint16_t ComputeCodePointInfo(char32_t c) {
  const auto cp = static_cast<UChar32>(c);
  std::uint16_t b = 0;
  const std::uint32_t mask = U_MASK(u_charType(cp));
  if (mask & (U_GC_LU_MASK | U_GC_LT_MASK)) b |= kUpperBit;
  if (c < 0x80 && std::u32string_view(U"IVXLCDM").find(c) != std::u32string_view::npos) b |= kRomanBit;
  if (mask & U_GC_LL_MASK) b |= kLowerBit;
  if (u_getCombiningClass(cp) != 0 || u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) {
    b |= kNfcSensitiveBit;
  }
  if (mask & (U_GC_L_MASK | U_GC_M_MASK)) {
    b |= kLetterOrMarkBit;
    LetterClass k = kOtherLetter;
    if (mask & U_GC_M_MASK) {
      b |= kMarkBit;
      k = kMark;
    } else {
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(cp, &status);
      if (script == USCRIPT_LATIN) {
        k = kLatinLetters.find(c) != std::u32string_view::npos ? kLatinAlphabet : kLatinForeign;
      } else if (script == USCRIPT_CYRILLIC) {
        k = kCyrillicLetters.find(c) != std::u32string_view::npos ? kCyrillicAlphabet : kCyrillicForeign;
      }
    }
    b |= k;
  }
  return b;
}

const std::uint16_t* BuildCodePointInfoTable() {
  // Called once, from the static initialiser in CodePointInfoTable(); the
  // table lives as long as the program.
  static std::uint16_t table[kInfoTableLimit];
  for (char32_t c = 0; c < kInfoTableLimit; ++c) table[c] = ComputeCodePointInfo(c);
  return table;
}

char32_t NextCodePointSlow(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const std::size_t n = s.size();
  auto cont = [&](std::size_t k) { return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
  auto bits = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k]) & 0x3Fu); };
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
  ++i;  // malformed or truncated: one byte, as U+FFFD
  return 0xFFFD;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

struct RuleMachine::Tables {
  std::vector<std::unique_ptr<CompiledSet>> sets;
  std::vector<Rule> rules;
  // Candidate rules by the first code point of their key, in rule order:
  // rules_by_first[offsets[c] .. offsets[c + 1]) for c < kTableLimit.
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> by_first;
  // For each entry of by_first: where to continue when the rule's one-item
  // before-context fails, past every following rule with the same one (the
  // exception stems of a letter all need a word start: one test for all).
  std::vector<std::uint32_t> skip;
  std::unordered_map<char32_t, std::vector<std::uint32_t>> high_first;

  // What to do at a code point below kTableLimit, decided at compile time
  // so that most characters never reach the rule loop.
  enum class Kind : std::uint8_t {
    kCopy,     // no rule starts with it
    kDirect,   // its first rule is unconditional: write `out`
    kGuarded,  // rules that all share one before-context, then an
               // unconditional one: write `out` unless `guard` holds
    kGeneral,  // anything else: the rule loop
  };
  // kDirect and kGuarded entries may first try up to two context-free
  // two-letter rules (the digraphs: "nj" before "n").
  struct Pair {
    char32_t second = 0;
    std::uint8_t len = 0;
    bool nfc = false;
    char out[8] = {};
    char32_t last = 0;
  };
  struct Entry {
    Kind kind = Kind::kCopy;
    std::uint8_t len = 0;
    bool nfc = false;  // the output is NFC-sensitive
    std::uint8_t pairs = 0;
    char out[8] = {};
    char32_t last = 0;  // last code point of `out`
    Pair pair[2];
    // kGuarded: the group's rules can only match when the byte after this
    // code point is one of these (the stems of "i" all go on with "n").
    std::bitset<256> second;
    // ... and, sharper, when the two bytes after it are one of these pairs
    // ("pod", "pre": "od", "re"); next2_count 0 when some rule's literal
    // prefix is too short to say.
    std::uint16_t next2[6] = {};
    std::uint8_t next2_count = 0;
  };
  std::vector<Entry> entries;              // kTableLimit of them
  std::vector<const Matcher*> guards;      // for kGuarded entries
  // The tight loop's table for code points below U+0800 (ASCII, Latin,
  // Cyrillic), one 8-byte cell each: the output bytes (at most 3) with
  // their count in the top byte (0: leave the tight loop), the last code
  // point written, the filter of a guarded character (0: none), and whether
  // the common guard holds after it. Guarded characters are those without
  // digraphs whose guard is the common one (all the exception stems share
  // [^[:L:][:M:]]) or none; they are written unless the guard and their
  // second-byte filter leave room for a stem.
  // A cell is one 64-bit word: bits 0-31 the output bytes (at most 3) with
  // their count in bits 24-31 (0: leave the tight loop), bits 32-47 the last
  // code point written, bit 48 whether the common guard holds after it, bit
  // 49 a stem filter applies, bit 50 only where the guard holds, bit 51 it
  // has digraphs, bits 56-63 the index into run_specials.
  static constexpr char32_t kRunLimit = 0x800;
  static constexpr std::uint64_t kGuardAfter = std::uint64_t{1} << 48;
  static constexpr std::uint64_t kFiltered = std::uint64_t{1} << 49;
  static constexpr std::uint64_t kNeedsGuard = std::uint64_t{1} << 50;
  static constexpr std::uint64_t kHasPairs = std::uint64_t{1} << 51;
  std::vector<std::uint64_t> run;
  const Matcher* common_guard = nullptr;
  bool common_guard_ether = false;
  // The rare parts of a cell: a guarded character's second-byte filter (a
  // stem may start where the guard holds and the next byte is in it) and up
  // to two digraphs ("nj" for "n"), each with its own output word.
  struct RunSpecial {
    bool filtered = false;
    bool needs_guard = false;
    std::bitset<256> second;
    std::uint16_t next2[6] = {};
    std::uint8_t next2_count = 0;  // 0: use `second`
    char32_t pair_second[2] = {0, 0};  // 0: unused
    std::uint64_t pair_cell[2] = {0, 0};  // as a cell, without the index
  };
  std::vector<RunSpecial> run_specials;  // [0] unused
  // The prefix and mask of each rule, in by_first order, so that the rule
  // loop rejects candidates without touching the rules themselves.
  std::vector<std::uint64_t> by_first_prefix;
  std::vector<std::uint64_t> by_first_mask;
  bool post_nfc = false;
  std::size_t max_growth = 1;  // output bytes per input byte, at most
  // Compiled sets by pattern, so that 150 exception rules share one.
  std::map<std::u32string, int> set_by_pattern;

  // `last` is the last code point written in this span; `out` the span's
  // output so far (for before-contexts longer than one).
  bool Match(const Rule& r, std::string_view in, std::size_t pos, std::string_view out,
             char32_t last, std::size_t* key_end) const;
};

namespace {

// Parses a statement's items. `output` selects the right-hand side syntax
// (literal text only).
class StatementParser {
 public:
  StatementParser(const Parser& parser, const Statement& st,
                  const std::map<std::u32string, std::u32string>& variables,
                  std::vector<std::unique_ptr<CompiledSet>>& sets,
                  std::map<std::u32string, int>& set_by_pattern)
      : parser_(parser), st_(st), variables_(variables), sets_(sets), set_by_pattern_(set_by_pattern) {}

  int LineAt(std::size_t pos) const {
    int line = st_.line;
    for (std::size_t i = 0; i < pos && i < st_.text.size(); ++i) {
      if (st_.text[i] == '\n') ++line;
    }
    return line;
  }

  Error Fail(std::size_t pos, const std::string& message) const {
    return parser_.Fail(LineAt(pos), message);
  }

  // Reads an escape at text[i] == '\\'; returns the character and advances.
  Result<char32_t> Escape(const std::u32string& t, std::size_t& i) const {
    const std::size_t start = i;
    ++i;
    if (i >= t.size()) return Fail(start, "dangling backslash");
    const char32_t c = t[i++];
    int digits = 0;
    if (c == 'u') digits = 4;
    if (c == 'U') digits = 8;
    if (c == 'x') {
      if (i < t.size() && t[i] == '{') {
        ++i;
        char32_t v = 0;
        int n = 0;
        while (i < t.size() && t[i] != '}') {
          const int h = HexValue(t[i]);
          if (h < 0 || ++n > 6) return Fail(start, "bad \\x{...} escape");
          v = v * 16 + static_cast<char32_t>(h);
          ++i;
        }
        if (i >= t.size() || n == 0) return Fail(start, "bad \\x{...} escape");
        ++i;
        return v;
      }
      digits = 2;
    }
    if (digits == 0) return c;  // \\, \', \{ ... stand for themselves
    char32_t v = 0;
    for (int k = 0; k < digits; ++k) {
      if (i >= t.size() || HexValue(t[i]) < 0) return Fail(start, "bad \\u escape");
      v = v * 16 + static_cast<char32_t>(HexValue(t[i]));
      ++i;
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return Fail(start, "escape out of range");
    return v;
  }

  // The pattern of a set starting at t[i] == '[' (or a variable), with
  // variables substituted; advances past it.
  Result<std::u32string> SetPattern(const std::u32string& t, std::size_t& i) const {
    const std::size_t start = i;
    if (t[i] == '$') {  // a variable standing for a whole set
      std::size_t j = i + 1;
      while (j < t.size() && IsIdentPart(t[j])) ++j;
      const std::u32string name = t.substr(i + 1, j - i - 1);
      auto found = variables_.find(name);
      if (found == variables_.end()) return Fail(i, "undefined variable $" + ToUtf8(name));
      i = j;
      return found->second;
    }
    std::u32string pattern;
    int depth = 0;
    while (i < t.size()) {
      const char32_t c = t[i];
      if (c == '\\' && i + 1 < t.size()) {
        pattern.push_back(c);
        pattern.push_back(t[i + 1]);
        i += 2;
        continue;
      }
      if (c == '$' && i + 1 < t.size() && IsIdentStart(t[i + 1])) {
        std::size_t j = i + 1;
        while (j < t.size() && IsIdentPart(t[j])) ++j;
        const std::u32string name = t.substr(i + 1, j - i - 1);
        auto found = variables_.find(name);
        if (found == variables_.end()) {
          return Fail(i, "undefined variable $" + ToUtf8(name));
        }
        pattern += found->second;
        i = j;
        continue;
      }
      pattern.push_back(c);
      ++i;
      if (c == '[') ++depth;
      if (c == ']' && --depth == 0) return pattern;
    }
    return Fail(start, "unterminated set");
  }

  Result<int> CompileSet(const std::u32string& pattern, std::size_t pos) const {
    if (auto found = set_by_pattern_.find(pattern); found != set_by_pattern_.end()) return found->second;
    const std::string utf8 = ToUtf8(pattern);
    icu::UnicodeString us = icu::UnicodeString::fromUTF8(utf8);
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet set(us, status);
    if (U_FAILURE(status)) {
      return Fail(pos, "bad set " + utf8 + ": " + u_errorName(status));
    }
    auto compiled = std::make_unique<CompiledSet>();
    for (char32_t c = 0; c < kTableLimit; ++c) compiled->low[c] = set.contains(static_cast<UChar32>(c));
    compiled->ether = set.contains(static_cast<UChar32>(kEther));
    compiled->high = set;
    compiled->high.freeze();
    sets_.push_back(std::move(compiled));
    set_by_pattern_[pattern] = static_cast<int>(sets_.size() - 1);
    return static_cast<int>(sets_.size() - 1);
  }

  // Items of a left-hand side (or, with `literal_only`, a right-hand side).
  Result<std::vector<Item>> Items(const std::u32string& t, std::size_t offset,
                                  bool literal_only) const {
    std::vector<Item> items;
    std::size_t i = 0;
    while (i < t.size()) {
      const char32_t c = t[i];
      const std::size_t at = offset + i;
      if (IsRuleWhiteSpace(c)) {
        ++i;
        continue;
      }
      if (c == '\\') {
        auto e = Escape(t, i);
        if (!e.ok()) return e.error();
        items.push_back({Item::Kind::kChar, *e, -1});
        continue;
      }
      if (c == '\'') {
        ++i;
        if (i < t.size() && t[i] == '\'') {  // '' is a quote character
          items.push_back({Item::Kind::kChar, '\'', -1});
          ++i;
          continue;
        }
        while (true) {
          if (i >= t.size()) return Fail(at, "unterminated quote");
          if (t[i] == '\'') {
            if (i + 1 < t.size() && t[i + 1] == '\'') {
              items.push_back({Item::Kind::kChar, '\'', -1});
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          items.push_back({Item::Kind::kChar, t[i], -1});
          ++i;
        }
        continue;
      }
      if (!literal_only) {
        if (c == '{' || c == '}') {
          items.push_back({c == '{' ? Item::Kind::kOpenBrace : Item::Kind::kCloseBrace, 0, -1});
          ++i;
          continue;
        }
        if (c == '^') {
          items.push_back({Item::Kind::kAnchorStart, 0, -1});
          ++i;
          continue;
        }
        if (c == '$') {
          if (i + 1 < t.size() && IsIdentStart(t[i + 1])) {
            auto pattern = SetPattern(t, i);
            if (!pattern.ok()) return pattern.error();
            auto set = CompileSet(*pattern, at);
            if (!set.ok()) return set.error();
            items.push_back({Item::Kind::kSet, 0, *set});
            continue;
          }
          items.push_back({Item::Kind::kAnchorEnd, 0, -1});
          ++i;
          continue;
        }
        if (c == '[') {
          auto pattern = SetPattern(t, i);
          if (!pattern.ok()) return pattern.error();
          auto set = CompileSet(*pattern, at);
          if (!set.ok()) return set.error();
          items.push_back({Item::Kind::kSet, 0, *set});
          continue;
        }
      }
      // ICU reserves every other ASCII punctuation character (segments,
      // quantifiers, cursor, functions); the fast engine supports none.
      if (c >= 0x21 && c <= 0x7E && !std::isalnum(static_cast<int>(c))) {
        return Fail(at, std::string("syntax not supported by the fast engine: '") +
                            static_cast<char>(c) + "'");
      }
      items.push_back({Item::Kind::kChar, c, -1});
      ++i;
    }
    return items;
  }

 private:
  const Parser& parser_;
  const Statement& st_;
  const std::map<std::u32string, std::u32string>& variables_;
  std::vector<std::unique_ptr<CompiledSet>>& sets_;
  std::map<std::u32string, int>& set_by_pattern_;
};

std::u32string Trim(const std::u32string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && IsRuleWhiteSpace(s[b])) ++b;
  while (e > b && IsRuleWhiteSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Position of the first top-level occurrence of `target` (outside quotes,
// sets and escapes), or npos.
std::size_t FindTopLevel(const std::u32string& t, char32_t target) {
  bool quote = false;
  int depth = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char32_t c = t[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '\'') {
      quote = !quote;
      continue;
    }
    if (quote) continue;
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    if (depth == 0 && c == target) return i;
  }
  return std::u32string::npos;
}

}  // namespace

bool RuleMachine::Tables::Match(const Rule& r, std::string_view in, std::size_t pos,
                                std::string_view out, char32_t last, std::size_t* key_end) const {
  if (r.before.size() == 1 && !r.anchor_start) {
    const Matcher& m = r.before[0];
    if (out.empty() ? !m.MatchesEther() : !m.Matches(last)) return false;
  } else if (!r.before.empty() || r.anchor_start) {
    std::size_t o = out.size();
    for (auto m = r.before.rbegin(); m != r.before.rend(); ++m) {
      if (o == 0) {
        if (m->MatchesEther()) continue;
        return false;
      }
      std::size_t prev = o;
      const char32_t c = PrevCodePoint(out, prev);
      if (!m->Matches(c)) return false;
      o = prev;
    }
    if (r.anchor_start && o != 0) return false;
  }
  // The key, byte by byte (keys are short; the first code point is known
  // to match already).
  const std::size_t len = r.key_utf8.size();
  if (in.size() - pos < len) return false;
  const char* a = in.data() + pos;
  const char* b = r.key_utf8.data();
  for (std::size_t k = 0; k < len; ++k) {
    if (a[k] != b[k]) return false;
  }
  std::size_t q = pos + len;
  for (const Matcher& m : r.after) {
    if (q >= in.size()) {
      if (m.MatchesEther()) continue;
      return false;
    }
    if (!m.Matches(NextCodePoint(in, q))) return false;
  }
  if (r.anchor_end && q != in.size()) return false;
  *key_end = pos + len;
  return true;
}

namespace {

// The one before-context item a rule can be skipped on, or null.
const Matcher* SkippableBefore(const Rule& r) {
  return r.before.size() == 1 && !r.anchor_start ? &r.before[0] : nullptr;
}

bool SameMatcher(const Matcher* a, const Matcher* b) {
  return a && b && a->is_set == b->is_set && (a->is_set ? a->set == b->set : a->ch == b->ch);
}

inline void CopyBytes(char* to, const char* from, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k) to[k] = from[k];
}

// Copies up to 8 bytes from a source known to have 8 readable bytes into a
// destination known to have 8 writable ones: one move, whatever `n` is.
inline void Copy8(char* to, const char* from) { std::memcpy(to, from, 8); }

}  // namespace

RuleMachine::RuleMachine(std::unique_ptr<Tables> tables) : tables_(std::move(tables)) {}
std::size_t RuleMachine::max_growth() const { return tables_->max_growth; }
RuleMachine::RuleMachine(RuleMachine&&) noexcept = default;
RuleMachine& RuleMachine::operator=(RuleMachine&&) noexcept = default;
RuleMachine::~RuleMachine() = default;

Result<RuleMachine> RuleMachine::Compile(std::string_view rules, std::string_view name) {
  LOVCEN_RETURN_IF_ERROR(ValidateUtf8(rules).ok() ? Status::Ok()
                                                  : Status(BadInput("rules are not valid UTF-8")));
  auto tables = std::make_unique<Tables>();
  Parser parser(name);
  auto statements = parser.Split(ToU32(rules));
  if (!statements.ok()) return statements.error();
  std::map<std::u32string, std::u32string> variables;
  bool seen_filter = false;

  for (const Statement& st : *statements) {
    const std::u32string text = Trim(st.text);
    if (text.empty()) continue;
    if (seen_filter) return parser.Fail(st.line, "only ':: NFC ;' may close the rules");
    StatementParser sp(parser, st, variables, tables->sets, tables->set_by_pattern);
    if (text.size() >= 2 && text[0] == ':' && text[1] == ':') {
      if (Trim(text.substr(2)) != U"NFC") {
        return parser.Fail(st.line, "the fast engine supports only the final ':: NFC ;'");
      }
      tables->post_nfc = true;
      seen_filter = true;
      continue;
    }
    if (text[0] == '$' && FindTopLevel(text, '=') != std::u32string::npos) {
      const std::size_t eq = FindTopLevel(text, '=');
      const std::u32string name_part = Trim(text.substr(1, eq - 1));
      if (name_part.empty() || !IsIdentStart(name_part[0]) ||
          !std::all_of(name_part.begin(), name_part.end(), IsIdentPart)) {
        return parser.Fail(st.line, "bad variable name");
      }
      std::u32string value = Trim(text.substr(eq + 1));
      std::size_t i = 0;
      if (value.empty() || (value[0] != '[' && value[0] != '$')) {
        return parser.Fail(st.line, "the fast engine supports only variables holding one set");
      }
      auto pattern = sp.SetPattern(value, i);
      if (!pattern.ok()) return pattern.error();
      if (!Trim(value.substr(i)).empty()) {
        return parser.Fail(st.line, "the fast engine supports only variables holding one set");
      }
      auto check = sp.CompileSet(*pattern, 0);  // fails early on a bad set
      if (!check.ok()) return check.error();
      variables[name_part] = *pattern;
      continue;
    }
    for (char32_t op : {U'<', U'\u2190', U'\u2192', U'\u2194'}) {
      if (FindTopLevel(text, op) != std::u32string::npos) {
        return parser.Fail(st.line, "only forward rules 'a > b ;' are supported");
      }
    }
    const std::size_t gt = FindTopLevel(text, '>');
    if (gt == std::u32string::npos) return parser.Fail(st.line, "expected a rule 'a > b ;'");
    auto left = sp.Items(text.substr(0, gt), 0, false);
    if (!left.ok()) return left.error();
    auto right = sp.Items(text.substr(gt + 1), gt + 1, true);
    if (!right.ok()) return right.error();

    Rule rule;
    const auto& items = *left;
    const bool has_open = std::any_of(items.begin(), items.end(),
                                      [](const Item& it) { return it.kind == Item::Kind::kOpenBrace; });
    enum { kBefore, kKey, kAfter } part = has_open ? kBefore : kKey;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const Item& it = items[k];
      switch (it.kind) {
        case Item::Kind::kAnchorStart:
          if (k != 0) return parser.Fail(st.line, "'^' must open the rule");
          rule.anchor_start = true;
          break;
        case Item::Kind::kAnchorEnd:
          if (k + 1 != items.size()) return parser.Fail(st.line, "'$' must close the left side");
          rule.anchor_end = true;
          break;
        case Item::Kind::kOpenBrace:
          if (part != kBefore) return parser.Fail(st.line, "misplaced '{'");
          part = kKey;
          break;
        case Item::Kind::kCloseBrace:
          if (part != kKey) return parser.Fail(st.line, "misplaced '}'");
          part = kAfter;
          break;
        case Item::Kind::kChar:
        case Item::Kind::kSet: {
          Matcher m;
          m.is_set = it.kind == Item::Kind::kSet;
          m.ch = it.ch;
          m.set = m.is_set ? tables->sets[static_cast<std::size_t>(it.set)].get() : nullptr;
          if (part == kBefore) {
            rule.before.push_back(m);
          } else if (part == kAfter) {
            rule.after.push_back(m);
          } else {
            if (m.is_set) return parser.Fail(st.line, "the fast engine needs a literal key");
            rule.key.push_back(m.ch);
          }
          break;
        }
      }
    }
    if (rule.key.empty()) return parser.Fail(st.line, "empty key");
    std::u32string output;
    for (const Item& it : *right) output.push_back(it.ch);
    rule.output = ToUtf8(output);
    rule.key_utf8 = ToUtf8(rule.key);
    {
      std::string literal = rule.key_utf8;
      for (const Matcher& m : rule.after) {
        if (m.is_set) break;
        AppendUtf8(literal, m.ch);
      }
      const std::size_t len = std::min<std::size_t>(literal.size(), 8);
      std::memcpy(&rule.prefix, literal.data(), len);
      rule.prefix_mask = len == 8 ? ~std::uint64_t{0} : ((std::uint64_t{1} << (8 * len)) - 1);
    }
    if (!output.empty()) rule.output_last = output.back();
    rule.output_nfc_sensitive =
        !output.empty() && (IsNfcSensitive(output.front()) || ToNfc(rule.output) != rule.output);
    tables->max_growth = std::max(
        tables->max_growth, (rule.output.size() + rule.key_utf8.size() - 1) / rule.key_utf8.size());
    rule.simple = rule.key.size() == 1 && rule.before.empty() && rule.after.empty() &&
                  !rule.anchor_start && !rule.anchor_end;
    tables->rules.push_back(std::move(rule));
  }

  // Index the rules by the first code point of their key, keeping order.
  tables->offsets.assign(kTableLimit + 1, 0);
  for (const Rule& r : tables->rules) {
    if (r.key[0] < kTableLimit) ++tables->offsets[r.key[0] + 1];
  }
  for (char32_t c = 0; c < kTableLimit; ++c) tables->offsets[c + 1] += tables->offsets[c];
  tables->by_first.assign(tables->offsets[kTableLimit], 0);
  std::vector<std::uint32_t> fill(tables->offsets.begin(), tables->offsets.end() - 1);
  for (std::uint32_t i = 0; i < tables->rules.size(); ++i) {
    const char32_t first = tables->rules[i].key[0];
    if (first < kTableLimit) {
      tables->by_first[fill[first]++] = i;
    } else {
      tables->high_first[first].push_back(i);
    }
  }
  tables->entries.assign(kTableLimit, Tables::Entry{});
  tables->guards.assign(kTableLimit, nullptr);
  for (char32_t c = 0; c < kTableLimit; ++c) {
    Tables::Entry& e = tables->entries[c];
    const std::uint32_t begin = tables->offsets[c], end = tables->offsets[c + 1];
    if (begin == end) continue;  // kCopy
    e.kind = Tables::Kind::kGeneral;
    // A group of rules sharing one before-context (or none), then up to two
    // digraph rules, then an unconditional rule.
    std::uint32_t k = begin;
    const Rule& head = tables->rules[tables->by_first[k]];
    const Matcher* guard = SkippableBefore(head);
    const bool no_before = head.before.empty() && !head.anchor_start;
    auto in_group = [&](const Rule& r) {
      if (r.simple) return false;
      if (guard) return SameMatcher(guard, SkippableBefore(r));
      return no_before && r.before.empty() && !r.anchor_start && r.key.size() >= 3;
    };
    std::bitset<256> second;
    std::vector<std::uint16_t> next2;
    bool next2_usable = true;
    while (k < end && in_group(tables->rules[tables->by_first[k]])) {
      const Rule& r = tables->rules[tables->by_first[k]];
      std::size_t first_len = 0;
      NextCodePoint(r.key_utf8, first_len);
      if (first_len < r.key_utf8.size()) {
        second.set(static_cast<unsigned char>(r.key_utf8[first_len]));
      } else {
        second.set();  // a one-letter key: no filter
      }
      // The literal prefix (key and literal after-context, up to 8 bytes).
      const std::size_t literal = static_cast<std::size_t>(std::popcount(r.prefix_mask)) / 8;
      if (literal >= first_len + 2) {
        const auto pair = static_cast<std::uint16_t>((r.prefix >> (8 * first_len)) & 0xFFFF);
        if (std::find(next2.begin(), next2.end(), pair) == next2.end()) next2.push_back(pair);
      } else {
        next2_usable = false;
      }
      ++k;
    }
    if (next2.size() > std::size(e.next2)) next2_usable = false;
    if (next2_usable) {
      std::copy(next2.begin(), next2.end(), e.next2);
      e.next2_count = static_cast<std::uint8_t>(next2.size());
    }
    const bool guarded = k != begin;
    std::uint8_t pairs = 0;
    Tables::Pair pair[2];
    while (k < end && pairs < 2) {
      const Rule& r = tables->rules[tables->by_first[k]];
      if (r.key.size() != 2 || !r.before.empty() || !r.after.empty() || r.anchor_start ||
          r.anchor_end || r.output.empty() || r.output.size() > sizeof pair[0].out) {
        break;
      }
      Tables::Pair& p = pair[pairs++];
      p.second = r.key[1];
      p.len = static_cast<std::uint8_t>(r.output.size());
      std::memcpy(p.out, r.output.data(), r.output.size());
      p.last = r.output_last;
      p.nfc = r.output_nfc_sensitive;
      ++k;
    }
    if (k == end || !tables->rules[tables->by_first[k]].simple) continue;
    const Rule& fallback = tables->rules[tables->by_first[k]];
    if (fallback.output.size() > sizeof e.out || fallback.output.empty()) continue;
    e.second = second;
    e.pairs = pairs;
    e.pair[0] = pair[0];
    e.pair[1] = pair[1];
    e.kind = guarded ? Tables::Kind::kGuarded : Tables::Kind::kDirect;
    e.len = static_cast<std::uint8_t>(fallback.output.size());
    std::memcpy(e.out, fallback.output.data(), fallback.output.size());
    e.last = fallback.output_last;
    e.nfc = fallback.output_nfc_sensitive;
    if (e.kind == Tables::Kind::kGuarded) tables->guards[c] = guard;
  }
  tables->run.assign(Tables::kRunLimit, 0);
  tables->run_specials.assign(1, Tables::RunSpecial{});
  for (char32_t c = 0; c < Tables::kRunLimit; ++c) {
    if (tables->entries[c].kind == Tables::Kind::kGuarded && tables->guards[c]) {
      tables->common_guard = tables->guards[c];
      break;
    }
  }
  if (tables->common_guard) tables->common_guard_ether = tables->common_guard->MatchesEther();
  auto make_cell = [&](const char* data, std::size_t len, char32_t last) {
    std::uint32_t w = 0;
    std::memcpy(&w, data, len);  // little-endian: low bytes first
    w |= static_cast<std::uint32_t>(len) << 24;
    const bool after = tables->common_guard && tables->common_guard->Matches(last);
    return std::uint64_t{w} | std::uint64_t{last & 0xFFFFu} << 32 | std::uint64_t{after} << 48;
  };
  for (char32_t c = 0; c < Tables::kRunLimit; ++c) {
    const Tables::Entry& e = tables->entries[c];
    std::string bytes;
    char32_t last = c;
    bool guarded = false;
    const bool pairs_fit =
        e.pairs == 0 || std::all_of(e.pair, e.pair + e.pairs, [](const Tables::Pair& p) {
          return p.len <= 3 && !p.nfc && p.last < 0x10000 && p.second < Tables::kRunLimit;
        });
    if (e.kind == Tables::Kind::kCopy && !IsNfcSensitive(c)) {
      AppendUtf8(bytes, c);
    } else if ((e.kind == Tables::Kind::kDirect ||
                (e.kind == Tables::Kind::kGuarded &&
                 (!tables->guards[c] || SameMatcher(tables->guards[c], tables->common_guard)))) &&
               pairs_fit && e.len <= 3 && !e.nfc && e.last < 0x10000) {
      bytes.assign(e.out, e.len);
      last = e.last;
      guarded = e.kind == Tables::Kind::kGuarded;
    } else {
      continue;
    }
    std::uint64_t cell = make_cell(bytes.data(), bytes.size(), last);
    if (guarded || e.pairs > 0) {
      if (tables->run_specials.size() > 255) continue;  // too many to index: the rule loop decides
      Tables::RunSpecial special;
      special.filtered = guarded;
      special.needs_guard = guarded && tables->guards[c] != nullptr;
      special.second = e.second;
      std::copy(std::begin(e.next2), std::end(e.next2), special.next2);
      special.next2_count = e.next2_count;
      for (std::uint8_t k = 0; k < e.pairs; ++k) {
        special.pair_second[k] = e.pair[k].second;
        special.pair_cell[k] = make_cell(e.pair[k].out, e.pair[k].len, e.pair[k].last);
      }
      tables->run_specials.push_back(special);
      cell |= std::uint64_t{tables->run_specials.size() - 1} << 56;
      if (special.filtered) cell |= Tables::kFiltered;
      if (special.needs_guard) cell |= Tables::kNeedsGuard;
      if (e.pairs > 0) cell |= Tables::kHasPairs;
    }
    tables->run[c] = cell;
  }
  tables->by_first_prefix.resize(tables->by_first.size());
  tables->by_first_mask.resize(tables->by_first.size());
  for (std::size_t k = 0; k < tables->by_first.size(); ++k) {
    tables->by_first_prefix[k] = tables->rules[tables->by_first[k]].prefix;
    tables->by_first_mask[k] = tables->rules[tables->by_first[k]].prefix_mask;
  }
  tables->skip.assign(tables->by_first.size(), 0);
  for (char32_t c = 0; c < kTableLimit; ++c) {
    const std::uint32_t begin = tables->offsets[c], end = tables->offsets[c + 1];
    for (std::uint32_t k = end; k-- > begin;) {
      const Matcher* m = SkippableBefore(tables->rules[tables->by_first[k]]);
      const bool same_next =
          k + 1 < end && SameMatcher(m, SkippableBefore(tables->rules[tables->by_first[k + 1]]));
      tables->skip[k] = same_next ? tables->skip[k + 1] : k + 1;
    }
  }
  return RuleMachine(std::move(tables));
}

void RuleMachine::Apply(std::string_view in, std::string& out) const {
  const Tables& t = *tables_;
  // Everything the loop reads, in locals: the output is written through a
  // char pointer, which may alias anything, and would otherwise force the
  // compiler to reload each table pointer after every byte written.
  const std::uint16_t* const info = CodePointInfoTable();
  const Tables::Entry* const entries = t.entries.data();
  const Matcher* const* const guards = t.guards.data();
  const std::uint32_t* const offsets = t.offsets.data();
  const std::uint32_t* const by_first = t.by_first.data();
  const std::uint32_t* const skip = t.skip.data();
  const Rule* const rules = t.rules.data();
  const char* const src = in.data();
  const std::size_t n = in.size();

  const std::size_t out_start = out.size();
  // Write into room sized for the worst case, then trim: no growth checks
  // in the loop.
  out.resize(out_start + n * t.max_growth + 16);
  char* const base = out.data() + out_start;
  std::size_t o = 0;
  char32_t last = 0;
  bool needs_nfc = false;
  const std::uint64_t* const run = t.run.data();
  const Tables::RunSpecial* const specials = t.run_specials.data();
  const std::uint64_t* const prefixes = t.by_first_prefix.data();
  const std::uint64_t* const masks = t.by_first_mask.data();
  const auto* const bytes = reinterpret_cast<const unsigned char*>(src);
  std::size_t i = 0;
  while (i < n) {
    // The tight loop: characters that are copied or always written the same
    // way (most letters, spaces and punctuation), one table word each.
    // `guard_ok` says whether the common guard holds for `last`.
    // `prev` is the cell written last in this loop (0: none yet); `last` and
    // the guard bit are read from it only when needed.
    std::uint64_t prev = 0;
    while (i < n) {
      const unsigned b = bytes[i];
      char32_t cp;
      std::size_t len;
      if (b < 0x80) {
        cp = b;
        len = 1;
      } else if (b >= 0xC2 && b < 0xE0 && i + 1 < n && (bytes[i + 1] & 0xC0) == 0x80) {
        cp = ((b & 0x1Fu) << 6) | (bytes[i + 1] & 0x3Fu);
        len = 2;
      } else {
        break;
      }
      std::uint64_t cell = run[cp];
      if (static_cast<std::uint32_t>(cell) == 0) break;
      std::size_t step = len;
      if (cell & Tables::kFiltered) {
        // Mid-word the guard fails and no stem can start: the usual case.
        const bool guard_ok =
            !(cell & Tables::kNeedsGuard) ||
            (prev != 0 ? (prev & Tables::kGuardAfter) != 0
                       : (o == 0 ? t.common_guard_ether : t.common_guard->Matches(last)));
        if (guard_ok) {
          const Tables::RunSpecial& sp = specials[cell >> 56];
          bool may;
          if (sp.next2_count != 0) {
            // Every stem needs two more bytes: which two decides.
            may = false;
            if (n - (i + len) >= 2) {
              const auto two = static_cast<std::uint16_t>(bytes[i + len] | (bytes[i + len + 1] << 8));
              for (std::uint8_t k = 0; k < sp.next2_count; ++k) may |= sp.next2[k] == two;
            }
          } else {
            may = i + len < n ? sp.second[bytes[i + len]] : sp.second.all();
          }
          if (may) break;  // a stem could start here: the rule loop decides
        }
      }
      if ((cell & Tables::kHasPairs) && i + len < n) {
        // A digraph: the next character decides ("nj" or "n").
        const Tables::RunSpecial& sp = specials[cell >> 56];
        const unsigned b2 = bytes[i + len];
        char32_t cp2 = b2;
        std::size_t len2 = 1;
        if (b2 >= 0x80) {
          if (b2 >= 0xC2 && b2 < 0xE0 && i + len + 1 < n && (bytes[i + len + 1] & 0xC0) == 0x80) {
            cp2 = ((b2 & 0x1Fu) << 6) | (bytes[i + len + 1] & 0x3Fu);
            len2 = 2;
          } else {
            cp2 = 0xFFFFFFFF;  // not a digraph's second letter
          }
        }
        if (cp2 == sp.pair_second[0]) {
          cell = sp.pair_cell[0];
          step = len + len2;
        } else if (cp2 == sp.pair_second[1]) {
          cell = sp.pair_cell[1];
          step = len + len2;
        }
      }
      const auto out_word = static_cast<std::uint32_t>(cell);
      std::memcpy(base + o, &out_word, 4);
      o += out_word >> 24;
      prev = cell;
      i += step;
    }
    if (prev != 0) last = static_cast<char32_t>((prev >> 32) & 0xFFFF);
    if (i >= n) break;
    std::size_t next = i;
    const char32_t c = NextCodePoint(in, next);
    if (c < kTableLimit) {
      const Tables::Entry& e = entries[c];
      bool direct = e.kind == Tables::Kind::kDirect;
      if (e.kind == Tables::Kind::kCopy) {
        if (n - i >= 8) {
          Copy8(base + o, src + i);
        } else {
          CopyBytes(base + o, src + i, next - i);
        }
        o += next - i;
        last = c;
        if (c >= 0x300) needs_nfc |= (info[c] & kNfcSensitiveBit) != 0;
        i = next;
        continue;
      }
      if (e.kind == Tables::Kind::kGuarded) {
        const Matcher* g = guards[c];
        const bool may = (next < n ? e.second[static_cast<unsigned char>(src[next])] : e.second.all()) &&
                         (!g || (o == 0 ? g->MatchesEther() : g->Matches(last)));
        direct = !may;
      }
      if (direct) {
        if (e.pairs > 0 && next < n) {
          std::size_t after = next;
          const char32_t c2 = NextCodePoint(in, after);
          const Tables::Pair* p = c2 == e.pair[0].second ? &e.pair[0]
                                  : (e.pairs > 1 && c2 == e.pair[1].second) ? &e.pair[1]
                                                                             : nullptr;
          if (p) {
            Copy8(base + o, p->out);
            o += p->len;
            last = p->last;
            needs_nfc |= p->nfc;
            i = after;
            continue;
          }
        }
        Copy8(base + o, e.out);
        o += e.len;
        last = e.last;
        needs_nfc |= e.nfc;
        i = next;
        continue;
      }
    }
    const Rule* hit = nullptr;
    std::size_t key_end = next;
    const std::string_view produced(base, o);
    if (c < kTableLimit) {
      std::uint32_t k = offsets[c];
      const std::uint32_t end = offsets[c + 1];
      const std::uint64_t ahead = Load8(src, i, n);
      while (k < end) {
        if ((ahead & masks[k]) != prefixes[k]) {  // cannot match here (nor can a simple rule fail this)
          ++k;
          continue;
        }
        const Rule& r = rules[by_first[k]];
        if (r.simple) {
          hit = &r;
          break;
        }
        if (const Matcher* m = SkippableBefore(r);
            m && (o == 0 ? !m->MatchesEther() : !m->Matches(last))) {
          k = skip[k];  // so do all the rules after it with the same context
          continue;
        }
        if (t.Match(r, in, i, produced, last, &key_end)) {
          hit = &r;
          break;
        }
        ++k;
      }
    } else if (auto found = t.high_first.find(c); found != t.high_first.end()) {
      for (std::uint32_t index : found->second) {
        const Rule& r = rules[index];
        if (r.simple || t.Match(r, in, i, produced, last, &key_end)) {
          hit = &r;
          break;
        }
      }
    }
    if (hit) {
      CopyBytes(base + o, hit->output.data(), hit->output.size());
      o += hit->output.size();
      if (!hit->output.empty()) last = hit->output_last;
      needs_nfc |= hit->output_nfc_sensitive;
      i = key_end;
      continue;
    }
    CopyBytes(base + o, src + i, next - i);
    o += next - i;
    last = c;
    if (c >= 0x300) needs_nfc |= (CodePointInfo(info, c) & kNfcSensitiveBit) != 0;
    i = next;
  }
  out.resize(out_start + o);
  if (t.post_nfc && needs_nfc) {
    std::string normalized = ToNfc(std::string_view(out).substr(out_start));
    out.resize(out_start);
    out += normalized;
  }
}

// ---------------------------------------------------------------------------

struct IcuRuleEngine::State {
  std::unique_ptr<icu::Transliterator> transliterator;
};

IcuRuleEngine::IcuRuleEngine(std::unique_ptr<State> state) : state_(std::move(state)) {}
IcuRuleEngine::IcuRuleEngine(IcuRuleEngine&&) noexcept = default;
IcuRuleEngine& IcuRuleEngine::operator=(IcuRuleEngine&&) noexcept = default;
IcuRuleEngine::~IcuRuleEngine() = default;

Result<IcuRuleEngine> IcuRuleEngine::Create(std::string_view rules, std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(rules.data(), static_cast<int32_t>(rules.size())));
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size()))),
      text, UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || !t) {
    std::string context;
    icu::UnicodeString(parse_error.preContext).toUTF8String(context);
    Error e = BadInput(std::string("ICU rejects the rules: ") + u_errorName(status) +
                       (context.empty() ? "" : " after '" + context + "'"));
    e.file = std::string(name);
    if (parse_error.line > 0) e.line = parse_error.line;
    return e;
  }
  auto state = std::make_unique<State>();
  state->transliterator = std::move(t);
  return IcuRuleEngine(std::move(state));
}

void IcuRuleEngine::Apply(std::string_view span, std::string& out) const {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(span.data(), static_cast<int32_t>(span.size())));
  state_->transliterator->transliterate(u);
  u.toUTF8String(out);
}

}  // namespace lovcen::translit
