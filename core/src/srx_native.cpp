#include "srx_native.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <string_view>

#include "srx_class.h"

namespace lovcen::srx_internal {

// Whether a code point is in a class, for the two ranges news text keeps to:
// U+0000-U+07FF (Latin, Greek, Cyrillic) and U+2000-U+207F (quotes, dashes,
// the ellipsis, format characters).
struct NativePattern::Table {
  std::array<uint64_t, 32> low{};
  std::array<uint64_t, 2> punct{};

  static constexpr UChar kPunctFirst = 0x2000;
  static constexpr UChar kPunctEnd = 0x2080;

  // 1 in the class, 0 not, -1 not in the table.
  int Has(UChar c) const {
    if (c < 0x800) return static_cast<int>((low[c >> 6] >> (c & 63)) & 1);
    if (c >= kPunctFirst && c < kPunctEnd) {
      const unsigned k = c - kPunctFirst;
      return static_cast<int>((punct[k >> 6] >> (k & 63)) & 1);
    }
    return -1;
  }
  void Add(UChar32 c) {
    if (c < 0x800) {
      low[c >> 6] |= uint64_t{1} << (c & 63);
    } else {
      const unsigned k = static_cast<unsigned>(c) - kPunctFirst;
      punct[k >> 6] |= uint64_t{1} << (k & 63);
    }
  }
  template <typename F>
  static bool Fill(Table& t, F&& has) {
    for (UChar32 c = 0; c < 0x800; ++c) {
      const int h = has(c);
      if (h < 0) return false;
      if (h) t.Add(c);
    }
    for (UChar32 c = kPunctFirst; c < kPunctEnd; ++c) {
      const int h = has(c);
      if (h < 0) return false;
      if (h) t.Add(c);
    }
    return true;
  }
};

struct NativePattern::Node {
  enum class Kind : uint8_t {
    kClass,
    kLiteral,
    kString,  // literals one after the other, each once
    kGroup,
    kAhead,
    kNotAhead,
    kBehind,
    kNotBehind,
    kStart,
    kBoundary,
    kNotBoundary,
  };
  Kind kind = Kind::kGroup;
  int32_t min = 1;
  int32_t max = 1;  // < 0: unbounded
  UChar literal = 0;
  std::u16string text;  // kString
  const NativePattern::Table* set = nullptr;  // kClass
  int32_t behind_max = 0;  // longest match of a look-behind's body (code points)
  std::vector<std::vector<Node>> alts;
  // What the first code point of each alternative must be, when it must be
  // one (the alternative opens with a literal or a class, at least once):
  // most alternatives are ruled out by one comparison.
  struct First {
    enum class Kind : uint8_t { kAny, kLiteral, kClass } kind = Kind::kAny;
    UChar literal = 0;
    const NativePattern::Table* set = nullptr;
  };
  std::vector<First> firsts;
};

using Node = NativePattern::Node;
using Kind = Node::Kind;
using Seq = std::vector<Node>;

namespace {

// Asks ICU, once per code point of the tables, whether `cls` (one class, as
// written in the pattern) matches it.
bool ProbeClass(const std::string& cls, NativePattern::Table& table) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError error{};
  std::unique_ptr<icu::RegexPattern> pattern(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(cls), 0, error, status));
  if (U_FAILURE(status) || !pattern) return false;
  std::unique_ptr<icu::RegexMatcher> probe(pattern->matcher(status));
  if (U_FAILURE(status)) return false;
  icu::UnicodeString one;
  return NativePattern::Table::Fill(table, [&](UChar32 c) {
    one.setTo(c);
    probe->reset(one);
    status = U_ZERO_ERROR;
    const bool hit = probe->matches(status);
    return U_FAILURE(status) ? -1 : (hit ? 1 : 0);
  });
}

constexpr int32_t kMaxCount = 100000;  // a repetition bound beyond this is refused

// The key of the table of combining and format characters (no class text
// starts with a control character).
constexpr const char* kExtendKey = "\x01extend";

}  // namespace

// The table for `key` from `tables` or newly filled by `fill`; null when
// filling fails.
template <typename F>
const NativePattern::Table* TableFor(const std::string& key, NativePattern::Tables* tables,
                                     std::vector<std::shared_ptr<const NativePattern::Table>>& keep,
                                     F&& fill) {
  std::shared_ptr<const NativePattern::Table> table;
  if (tables) {
    auto it = tables->find(key);
    if (it != tables->end()) table = it->second;
  }
  if (!table) {
    auto made = std::make_shared<NativePattern::Table>();
    if (!fill(*made)) return nullptr;
    table = made;
    if (tables) tables->emplace(key, table);
  }
  keep.push_back(table);
  return table.get();
}

// Reads the pattern (UTF-8) into nodes; false on anything outside the subset.
class NativeParser {
 public:
  NativeParser(std::string_view p, NativePattern& out, NativePattern::Tables* tables)
      : p_(p), out_(out), tables_(tables) {}

  bool Parse(std::vector<Seq>& alts) { return Alternatives(alts) && i_ == p_.size(); }

 private:
  bool Alternatives(std::vector<Seq>& alts) {
    alts.emplace_back();
    for (;;) {
      if (!Sequence(alts.back())) return false;
      if (i_ < p_.size() && p_[i_] == '|') {
        ++i_;
        alts.emplace_back();
        continue;
      }
      return true;
    }
  }

  bool Sequence(Seq& seq) {
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      Node node;
      if (!Atom(node)) return false;
      if (!Quantifier(node)) return false;
      const bool once = node.kind == Kind::kLiteral && node.min == 1 && node.max == 1;
      if (once && !seq.empty() && seq.back().kind == Kind::kString) {
        seq.back().text.push_back(node.literal);
      } else if (once && !seq.empty() && seq.back().kind == Kind::kLiteral &&
                 seq.back().min == 1 && seq.back().max == 1) {
        Node& last = seq.back();
        last.kind = Kind::kString;
        last.text = {last.literal, node.literal};
      } else {
        seq.push_back(std::move(node));
      }
    }
    return true;
  }

  bool Atom(Node& node) {
    const char c = p_[i_];
    switch (c) {
      case '(':
        return Group(node);
      case '[': {
        const std::size_t n = OneClassLength(p_.substr(i_));
        if (n == 0) return false;
        return Class(std::string(p_.substr(i_, n)), n, node);
      }
      case '\\':
        return Escape(node);
      case '.':
        return Class(".", 1, node);
      case '^':
        ++i_;
        node.kind = Kind::kStart;
        return true;
      case '$':
      case ')':
      case ']':
      case '{':
      case '}':
      case '?':
      case '*':
      case '+':
      case '|':
        return false;
      default:
        break;
    }
    // A literal code point, as written (BMP only: the matcher compares units).
    UChar32 cp = 0;
    int32_t at = static_cast<int32_t>(i_);
    U8_NEXT(p_.data(), at, static_cast<int32_t>(p_.size()), cp);
    if (cp < 0 || cp > 0xFFFF || U_IS_SURROGATE(cp)) return false;
    i_ = static_cast<std::size_t>(at);
    return Literal(cp, node);
  }

  bool Literal(UChar32 cp, Node& node) {
    if (cp < 0 || cp > 0xFFFF || U_IS_SURROGATE(cp)) return false;
    node.kind = Kind::kLiteral;
    node.literal = static_cast<UChar>(cp);
    return true;
  }

  bool Class(const std::string& text, std::size_t length, Node& node) {
    node.kind = Kind::kClass;
    auto [it, fresh] = out_index_.try_emplace(text, nullptr);
    if (fresh) {
      it->second = TableFor(text, tables_, out_.keep_,
                            [&](NativePattern::Table& t) { return ProbeClass(text, t); });
    }
    if (!it->second) return false;
    node.set = it->second;
    i_ += length;
    return true;
  }

  bool Escape(Node& node) {
    if (i_ + 1 >= p_.size()) return false;
    const char e = p_[i_ + 1];
    switch (e) {
      case 's':
      case 'S':
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return Class(std::string(p_.substr(i_, 2)), 2, node);
      case 'p':
      case 'P': {
        const std::size_t n = OneClassLength(p_.substr(i_));
        if (n == 0) return false;
        return Class(std::string(p_.substr(i_, n)), n, node);
      }
      case 'b':
        i_ += 2;
        node.kind = Kind::kBoundary;
        return true;
      case 'B':
        i_ += 2;
        node.kind = Kind::kNotBoundary;
        return true;
      case 'A':
        i_ += 2;
        node.kind = Kind::kStart;
        return true;
      case 'n':
        i_ += 2;
        return Literal(0x0A, node);
      case 't':
        i_ += 2;
        return Literal(0x09, node);
      case 'r':
        i_ += 2;
        return Literal(0x0D, node);
      case 'f':
        i_ += 2;
        return Literal(0x0C, node);
      case 'e':
        i_ += 2;
        return Literal(0x1B, node);
      case 'a':
        i_ += 2;
        return Literal(0x07, node);
      case 'u': {
        if (i_ + 6 > p_.size()) return false;
        UChar32 cp = 0;
        if (!Hex(p_.substr(i_ + 2, 4), cp)) return false;
        i_ += 6;
        return Literal(cp, node);
      }
      case 'x': {
        UChar32 cp = 0;
        if (i_ + 2 < p_.size() && p_[i_ + 2] == '{') {
          const std::size_t close = p_.find('}', i_ + 3);
          if (close == std::string_view::npos || close == i_ + 3 || close - (i_ + 3) > 6) {
            return false;
          }
          if (!Hex(p_.substr(i_ + 3, close - (i_ + 3)), cp)) return false;
          i_ = close + 1;
        } else {
          if (i_ + 4 > p_.size() || !Hex(p_.substr(i_ + 2, 2), cp)) return false;
          i_ += 4;
        }
        return Literal(cp, node);
      }
      default:
        break;
    }
    // Any other escaped ASCII punctuation or space stands for itself.
    const auto u = static_cast<unsigned char>(e);
    if (u < 0x80 && (std::ispunct(u) || e == ' ')) {
      i_ += 2;
      return Literal(u, node);
    }
    return false;
  }

  static bool Hex(std::string_view digits, UChar32& cp) {
    cp = 0;
    for (const char d : digits) {
      if (!std::isxdigit(static_cast<unsigned char>(d))) return false;
      cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(d))
                          ? d - '0'
                          : std::tolower(static_cast<unsigned char>(d)) - 'a' + 10);
    }
    return true;
  }

  bool Group(Node& node) {
    ++i_;  // '('
    node.kind = Kind::kGroup;
    if (i_ < p_.size() && p_[i_] == '?') {
      const std::string_view rest = p_.substr(i_);
      if (rest.starts_with("?:")) {
        i_ += 2;
      } else if (rest.starts_with("?=")) {
        node.kind = Kind::kAhead;
        i_ += 2;
      } else if (rest.starts_with("?!")) {
        node.kind = Kind::kNotAhead;
        i_ += 2;
      } else if (rest.starts_with("?<=")) {
        node.kind = Kind::kBehind;
        i_ += 3;
      } else if (rest.starts_with("?<!")) {
        node.kind = Kind::kNotBehind;
        i_ += 3;
      } else {
        return false;  // flags, atomic groups, named groups
      }
    }
    if (!Alternatives(node.alts)) return false;
    if (i_ >= p_.size() || p_[i_] != ')') return false;
    ++i_;
    SetFirsts(node);
    if (node.kind == Kind::kBehind || node.kind == Kind::kNotBehind) {
      node.behind_max = MaxLength(node.alts);
      if (node.behind_max < 0) return false;  // ICU refuses it too
    }
    return true;
  }

  bool Quantifier(Node& node) {
    if (i_ >= p_.size()) return true;
    int32_t min = 1;
    int32_t max = 1;
    const char c = p_[i_];
    if (c == '?') {
      min = 0;
      ++i_;
    } else if (c == '*') {
      min = 0;
      max = -1;
      ++i_;
    } else if (c == '+') {
      max = -1;
      ++i_;
    } else if (c == '{') {
      if (!Bounds(min, max)) return false;
    } else {
      return true;
    }
    // Only what consumes text may repeat here.
    if (node.kind != Kind::kClass && node.kind != Kind::kLiteral && node.kind != Kind::kGroup) {
      return false;
    }
    node.min = min;
    node.max = max;
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy: the same matches exist
    // Possessive, or a repetition of a repetition: not here.
    return i_ >= p_.size() || std::string_view("?*+{").find(p_[i_]) == std::string_view::npos;
  }

  bool Bounds(int32_t& min, int32_t& max) {
    std::size_t k = i_ + 1;
    auto number = [&](int32_t& n) {
      const std::size_t first = k;
      n = 0;
      while (k < p_.size() && std::isdigit(static_cast<unsigned char>(p_[k]))) {
        n = n * 10 + (p_[k] - '0');
        if (n > kMaxCount) return false;
        ++k;
      }
      return k > first;
    };
    if (!number(min)) return false;
    max = min;
    if (k < p_.size() && p_[k] == ',') {
      ++k;
      if (k < p_.size() && p_[k] == '}') {
        max = -1;
      } else if (!number(max) || max < min) {
        return false;
      }
    }
    if (k >= p_.size() || p_[k] != '}') return false;
    i_ = k + 1;
    return true;
  }

  static bool ZeroWidth(Kind kind) {
    return kind != Kind::kClass && kind != Kind::kLiteral && kind != Kind::kString &&
           kind != Kind::kGroup;
  }

  static void SetFirsts(Node& node) {
    node.firsts.clear();
    for (const Seq& seq : node.alts) {
      Node::First first;
      // Assertions consume nothing: the first code point is the one of the
      // first node that consumes.
      std::size_t k = 0;
      while (k < seq.size() && ZeroWidth(seq[k].kind)) ++k;
      if (k < seq.size() && seq[k].min >= 1) {
        const Node& n = seq[k];
        if (n.kind == Kind::kString) {
          first.kind = Node::First::Kind::kLiteral;
          first.literal = n.text.front();
        } else if (n.kind == Kind::kLiteral) {
          first.kind = Node::First::Kind::kLiteral;
          first.literal = n.literal;
        } else if (n.kind == Kind::kClass) {
          first.kind = Node::First::Kind::kClass;
          first.set = n.set;
        }
      }
      node.firsts.push_back(first);
    }
  }

 public:
  static void SetRootFirsts(Node& root) { SetFirsts(root); }

 private:
  // The longest match of the alternatives, in code points; -1 when unbounded.
  static int32_t MaxLength(const std::vector<Seq>& alts) {
    int64_t longest = 0;
    for (const Seq& seq : alts) {
      int64_t sum = 0;
      for (const Node& n : seq) {
        int64_t one = 0;
        if (n.kind == Kind::kClass || n.kind == Kind::kLiteral) {
          one = 1;
        } else if (n.kind == Kind::kString) {
          one = static_cast<int64_t>(n.text.size());
        } else if (n.kind == Kind::kGroup) {
          one = MaxLength(n.alts);
          if (one < 0) return -1;
        } else {
          continue;  // look-arounds and anchors consume nothing
        }
        if (n.max < 0 && one > 0) return -1;
        sum += one * std::max<int32_t>(n.max, 0);
        if (sum > kMaxCount) return -1;
      }
      longest = std::max(longest, sum);
    }
    return static_cast<int32_t>(longest);
  }

  std::string_view p_;
  std::size_t i_ = 0;
  NativePattern& out_;
  NativePattern::Tables* tables_;
  std::map<std::string, const NativePattern::Table*> out_index_;  // this pattern's classes
};

// One question to a pattern: explores the choices depth first, each
// continuation on the stack, and stops at the first witness.
class NativeRun {
 public:
  NativeRun(const NativePattern& p, const UChar* u, int32_t length)
      : p_(p), u_(u), length_(length) {}

  NativePattern::Answer Ask(int32_t start, int32_t limit, int32_t end) {
    const bool hit = Any(*p_.root_, start, limit, end);
    if (unknown_) return NativePattern::Answer::kUnknown;
    return hit ? NativePattern::Answer::kYes : NativePattern::Answer::kNo;
  }

 private:
  // Searches this long are left to ICU (its own backtracking is no faster,
  // but the answer is then never in doubt).
  static constexpr int kMaxSteps = 20000;

  struct Cont {
    enum class Kind : uint8_t { kSeq, kRep, kEnd };
    Kind kind;
    const Seq* seq = nullptr;  // kSeq: go on with seq[i]
    std::size_t i = 0;
    const Node* rep = nullptr;  // kRep: one more iteration of rep ended
    int32_t count = 0;          // iterations so far, this one included
    int32_t iter_start = 0;     // where this iteration began
    int32_t end = -1;           // kEnd: where the match must end (-1: anywhere)
    const Cont* next = nullptr;
  };

  // Whether alternative k of `n` may start at pos (false only when sure).
  bool MayStart(const Node& n, std::size_t k, int32_t pos, int32_t limit) const {
    const Node::First& f = n.firsts[k];
    switch (f.kind) {
      case Node::First::Kind::kAny:
        return true;
      case Node::First::Kind::kLiteral:
        return pos < limit && u_[pos] == f.literal;
      case Node::First::Kind::kClass:
        return pos < limit && f.set->Has(u_[pos]) != 0;
    }
    return true;
  }

  bool Any(const Node& n, int32_t pos, int32_t limit, int32_t end) {
    const Cont done{Cont::Kind::kEnd, nullptr, 0, nullptr, 0, 0, end, nullptr};
    for (std::size_t k = 0; k < n.alts.size(); ++k) {
      if (!MayStart(n, k, pos, limit)) continue;
      if (At(n.alts[k], 0, pos, limit, &done)) return true;
      if (unknown_) return false;
    }
    return false;
  }

  bool Continue(const Cont* k, int32_t pos, int32_t limit) {
    switch (k->kind) {
      case Cont::Kind::kEnd:
        return k->end < 0 || pos == k->end;
      case Cont::Kind::kSeq:
        return At(*k->seq, k->i, pos, limit, k->next);
      case Cont::Kind::kRep:
        // An empty iteration: further ones reach nothing new, and the ones
        // still required can be empty too.
        if (pos == k->iter_start) return Continue(k->next, pos, limit);
        return Repeat(*k->rep, k->count, pos, limit, k->next);
    }
    return false;
  }

  bool Repeat(const Node& n, int32_t count, int32_t pos, int32_t limit, const Cont* after) {
    if (n.max < 0 || count < n.max) {
      for (std::size_t k = 0; k < n.alts.size(); ++k) {
        if (!MayStart(n, k, pos, limit)) continue;
        const Cont rep{Cont::Kind::kRep, nullptr, 0, &n, count + 1, pos, -1, after};
        if (At(n.alts[k], 0, pos, limit, &rep)) return true;
        if (unknown_) return false;
      }
    }
    return count >= n.min && Continue(after, pos, limit);
  }

  bool At(const Seq& s, std::size_t i, int32_t pos, int32_t limit, const Cont* next) {
    if (++steps_ > kMaxSteps) unknown_ = true;
    if (unknown_) return false;
    if (i == s.size()) return Continue(next, pos, limit);
    const Node& n = s[i];
    switch (n.kind) {
      case Kind::kClass:
      case Kind::kLiteral: {
        int32_t count = 0;
        int32_t at = pos;
        while ((n.max < 0 || count < n.max) && at < limit) {
          const int has = n.kind == Kind::kLiteral ? (u_[at] == n.literal ? 1 : 0)
                                                   : n.set->Has(u_[at]);
          if (has < 0) {
            unknown_ = true;
            return false;
          }
          if (has == 0) break;
          ++at;
          ++count;
        }
        for (; count >= n.min; --count, --at) {
          if (At(s, i + 1, at, limit, next)) return true;
          if (unknown_) return false;
        }
        return false;
      }
      case Kind::kString: {
        const auto size = static_cast<int32_t>(n.text.size());
        if (limit - pos < size) return false;
        for (int32_t k = 0; k < size; ++k) {
          if (u_[pos + k] != n.text[static_cast<std::size_t>(k)]) return false;
        }
        return At(s, i + 1, pos + size, limit, next);
      }
      default:
        break;
    }
    // Nodes that go on after themselves through a continuation.
    const Cont after{Cont::Kind::kSeq, &s, i + 1, nullptr, 0, 0, -1, next};
    switch (n.kind) {
      case Kind::kGroup:
        return Repeat(n, 0, pos, limit, &after);
      case Kind::kAhead:
      case Kind::kNotAhead: {
        // Transparent bounds: the look-ahead sees the whole text.
        const bool hit = Any(n, pos, length_, -1);
        if (unknown_ || hit != (n.kind == Kind::kAhead)) return false;
        return Continue(&after, pos, limit);
      }
      case Kind::kBehind:
      case Kind::kNotBehind: {
        bool hit = false;
        for (int32_t start = pos; !hit && start >= 0 && pos - start <= n.behind_max; --start) {
          hit = Any(n, start, pos, pos);
          if (unknown_) return false;
        }
        if (hit != (n.kind == Kind::kBehind)) return false;
        return Continue(&after, pos, limit);
      }
      case Kind::kStart:
        return pos == 0 && Continue(&after, pos, limit);
      case Kind::kClass:
      case Kind::kLiteral:
      case Kind::kString:
        break;
      case Kind::kBoundary:
      case Kind::kNotBoundary: {
        const int b = Boundary(pos);
        if (b < 0) {
          unknown_ = true;
          return false;
        }
        if ((b == 1) != (n.kind == Kind::kBoundary)) return false;
        return Continue(&after, pos, limit);
      }
    }
    return false;
  }

  // ICU's \b: the code point at `pos` and the last one before it that is not
  // a combining or format character differ in being word characters; a
  // combining or format character at `pos` is never a boundary. 1, 0, or -1
  // when a code point there is not in the tables.
  int Boundary(int32_t pos) const {
    bool next_word = false;
    if (pos < length_) {
      const int extend = p_.extend_->Has(u_[pos]);
      if (extend < 0) return -1;
      if (extend == 1) return 0;
      const int word = p_.word_->Has(u_[pos]);
      if (word < 0) return -1;
      next_word = word == 1;
    }
    bool prev_word = false;
    for (int32_t at = pos; at > 0;) {
      --at;
      const int extend = p_.extend_->Has(u_[at]);
      if (extend < 0) return -1;
      if (extend == 1) continue;
      const int word = p_.word_->Has(u_[at]);
      if (word < 0) return -1;
      prev_word = word == 1;
      break;
    }
    return next_word != prev_word ? 1 : 0;
  }

  const NativePattern& p_;
  const UChar* u_;
  int32_t length_;
  int steps_ = 0;
  bool unknown_ = false;
};

NativePattern::NativePattern() = default;
NativePattern::~NativePattern() = default;

std::unique_ptr<NativePattern> NativePattern::Compile(const icu::UnicodeString& pattern,
                                                      Tables* tables) {
  std::string utf8;
  pattern.toUTF8String(utf8);
  std::unique_ptr<NativePattern> out(new NativePattern());
  out->root_ = std::make_unique<Node>();
  NativeParser parser(utf8, *out, tables);
  if (!parser.Parse(out->root_->alts)) return nullptr;
  NativeParser::SetRootFirsts(*out->root_);
  out->word_ = TableFor("\\w", tables, out->keep_,
                        [](Table& t) { return ProbeClass("\\w", t); });
  out->extend_ = TableFor(kExtendKey, tables, out->keep_, [](Table& t) {
    return Table::Fill(t, [](UChar32 c) {
      return u_hasBinaryProperty(c, UCHAR_GRAPHEME_EXTEND) || u_charType(c) == U_FORMAT_CHAR ? 1
                                                                                             : 0;
    });
  });
  if (!out->word_ || !out->extend_) return nullptr;
  return out;
}

NativePattern::Answer NativePattern::LookingAt(const UChar* text, int32_t length,
                                               int32_t start) const {
  return NativeRun(*this, text, length).Ask(start, length, -1);
}

NativePattern::Answer NativePattern::Matches(const UChar* text, int32_t length, int32_t start,
                                             int32_t end) const {
  return NativeRun(*this, text, length).Ask(start, end, end);
}

}  // namespace lovcen::srx_internal
