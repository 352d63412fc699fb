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

#include <algorithm>
#include <array>
#include <cctype>
#include <bitset>
#include <map>
#include <unordered_map>

#include "lovcen/text.h"

namespace lovcen::translit {
namespace {

constexpr char32_t kTableLimit = 0x3000;  // below: table lookups; above: ICU properties
constexpr char32_t kEther = 0xFFFF;       // ICU's stand-in for "outside the text"

// Per-code-point classes for the first kTableLimit code points, computed once
// from ICU properties. Immutable after construction (a function-local static,
// so thread-safe to initialise and free of mutable global state).
struct ClassTable {
  enum : std::uint8_t { kLetterOrMark = 1, kUpper = 2, kLower = 4, kNfcSensitive = 8 };
  std::array<std::uint8_t, kTableLimit> bits{};

  ClassTable() {
    for (char32_t c = 0; c < kTableLimit; ++c) bits[c] = Compute(c);
  }

  static std::uint8_t Compute(char32_t c) {
    const auto cp = static_cast<UChar32>(c);
    std::uint8_t b = 0;
    const std::int32_t gc = u_charType(cp);
    const std::uint32_t mask = U_MASK(gc);
    if (mask & (U_GC_L_MASK | U_GC_M_MASK)) b |= kLetterOrMark;
    if (mask & (U_GC_LU_MASK | U_GC_LT_MASK)) b |= kUpper;
    if (mask & U_GC_LL_MASK) b |= kLower;
    if (u_getCombiningClass(cp) != 0 ||
        u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) {
      b |= kNfcSensitive;
    }
    return b;
  }
};

const ClassTable& Classes() {
  static const ClassTable table;
  return table;
}

std::uint8_t ClassOf(char32_t c) {
  if (c < kTableLimit) return Classes().bits[c];
  return ClassTable::Compute(c);
}

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
  while (i < s.size()) out.push_back(DecodeUtf8(s, i));
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
  std::vector<Matcher> after;
  bool anchor_start = false;
  bool anchor_end = false;
  std::string output;  // UTF-8
  bool output_nfc_sensitive = false;
  bool simple = false;  // one-character key, no context, no anchor
};

}  // namespace

bool IsLetterOrMark(char32_t c) { return ClassOf(c) & ClassTable::kLetterOrMark; }
bool IsUpperLetter(char32_t c) { return ClassOf(c) & ClassTable::kUpper; }
bool IsLowerLetter(char32_t c) { return ClassOf(c) & ClassTable::kLower; }
bool IsNfcSensitive(char32_t c) { return c >= 0x300 && (ClassOf(c) & ClassTable::kNfcSensitive); }

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
  std::unordered_map<char32_t, std::vector<std::uint32_t>> high_first;
  bool post_nfc = false;

  bool Match(const Rule& r, std::string_view in, std::size_t pos, const std::string& out,
             std::size_t out_start, std::size_t* key_end) const;
};

namespace {

// Parses a statement's items. `output` selects the right-hand side syntax
// (literal text only).
class StatementParser {
 public:
  StatementParser(const Parser& parser, const Statement& st,
                  const std::map<std::u32string, std::u32string>& variables,
                  std::vector<std::unique_ptr<CompiledSet>>& sets)
      : parser_(parser), st_(st), variables_(variables), sets_(sets) {}

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
                                const std::string& out, std::size_t out_start,
                                std::size_t* key_end) const {
  // Before-context first: it is one code point back and rejects most
  // candidates (the exception stems need a word start).
  std::size_t o = out.size();
  for (auto m = r.before.rbegin(); m != r.before.rend(); ++m) {
    if (o <= out_start) {
      if (m->MatchesEther()) continue;
      return false;
    }
    std::size_t prev = o;
    const char32_t c = DecodeUtf8Before(out, prev);
    if (!m->Matches(c)) return false;
    o = prev;
  }
  if (r.anchor_start && o != out_start) return false;
  std::size_t p = pos;
  for (char32_t k : r.key) {
    if (p >= in.size()) return false;
    if (DecodeUtf8(in, p) != k) return false;
  }
  std::size_t q = p;
  for (const Matcher& m : r.after) {
    if (q >= in.size()) {
      if (m.MatchesEther()) continue;
      return false;
    }
    if (!m.Matches(DecodeUtf8(in, q))) return false;
  }
  if (r.anchor_end && q != in.size()) return false;
  *key_end = p;
  return true;
}

RuleMachine::RuleMachine(std::unique_ptr<Tables> tables) : tables_(std::move(tables)) {}
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
    StatementParser sp(parser, st, variables, tables->sets);
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
      tables->sets.pop_back();
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
    rule.output_nfc_sensitive = std::any_of(output.begin(), output.end(), IsNfcSensitive);
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
  return RuleMachine(std::move(tables));
}

void RuleMachine::Apply(std::string_view in, std::string& out) const {
  const Tables& t = *tables_;
  const std::size_t out_start = out.size();
  bool needs_nfc = false;
  std::size_t i = 0;
  while (i < in.size()) {
    const auto b0 = static_cast<unsigned char>(in[i]);
    std::size_t next = i;
    const char32_t c = DecodeUtf8(in, next);
    const std::uint32_t* cand = nullptr;
    const std::uint32_t* cand_end = nullptr;
    if (c < kTableLimit) {
      cand = t.by_first.data() + t.offsets[c];
      cand_end = t.by_first.data() + t.offsets[c + 1];
    } else if (auto found = t.high_first.find(c); found != t.high_first.end()) {
      cand = found->second.data();
      cand_end = cand + found->second.size();
    }
    bool matched = false;
    for (; cand != cand_end; ++cand) {
      const Rule& r = t.rules[*cand];
      std::size_t key_end = next;
      if (!r.simple && !t.Match(r, in, i, out, out_start, &key_end)) continue;
      out += r.output;
      needs_nfc |= r.output_nfc_sensitive;
      i = key_end;
      matched = true;
      break;
    }
    if (matched) continue;
    if (b0 < 0x80) {
      out.push_back(static_cast<char>(b0));
    } else {
      out.append(in.substr(i, next - i));
      needs_nfc |= IsNfcSensitive(c);
    }
    i = next;
  }
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
