#include "lovcen/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "srx_class.h"
#include "srx_native.h"
#include "srx_regex.h"

namespace lovcen {
namespace {

using srx_internal::IsOneClass;
using srx_internal::OneClassLength;

// A set of code points with a bit table for the scripts lovcen's text is
// written in (Latin, Latin Extended, Greek, Cyrillic), so that the gate tests
// at every candidate position are a shift and a mask.
class FastSet {
 public:
  FastSet() = default;
  explicit FastSet(const icu::UnicodeSet& set) : set_(set) {
    set_.freeze();
    // The table from the set's ranges (a contains() per code point made a
    // tenth of the start-up).
    for (int32_t r = 0; r < set_.getRangeCount(); ++r) {
      const UChar32 end = std::min(set_.getRangeEnd(r), kTableSize - 1);
      for (UChar32 c = set_.getRangeStart(r); c <= end; ++c) {
        bits_[c >> 6] |= uint64_t{1} << (c & 63);
      }
    }
  }
  bool contains(UChar32 c) const {
    if (c >= 0 && c < kTableSize) return (bits_[c >> 6] >> (c & 63)) & 1;
    return set_.contains(c);
  }
  static constexpr UChar32 kTableSize = 0x800;

 private:
  std::array<uint64_t, kTableSize / 64> bits_{};
  icu::UnicodeSet set_;
};

// Before-patterns at most this long (code points) run as ICU look-behinds.
constexpr long kShortBefore = 0;

// One compiled rule and the cheap tests that say where it cannot match.
struct CompiledRule {
  bool is_break = true;
  // B (bounded) is tested on regions [s, p) that end at the position, for
  // the starts s within its longest match that hold a code point B can start
  // with. When B's length is unknown, `before_lookbehind` holds "(?<=B)".
  // B's and A's compiled patterns (Impl::slots); -1 when empty. Rules with
  // the same pattern share a slot.
  int before_slot = -1;
  int after_slot = -1;
  bool before_lookbehind = false;
  bool before_nullable = true;
  int32_t before_max = 0;  // longest match of B in code points
  int32_t before_min = 0;  // shortest
  // The code points a match of B may hold in its second and third places
  // (before_prefix_open[k]: any, the analyser cannot tell), tested at a start
  // before ICU is asked.
  std::array<FastSet, srx_internal::kSuffixLength> before_prefix;
  std::array<bool, srx_internal::kSuffixLength> before_prefix_open{};
  icu::UnicodeSet before_first;  // code points a match of B starts with
  FastSet before_first_fast;
  bool has_precede = false;  // B opens with a one-code-point look-behind:
  FastSet precede;           // what may stand before a start
  bool precede_allows_start = false;
  // Starts of B in the current window, when B reaches far back (found once
  // per window, then looked up by binary search).
  bool far_reaching = false;
  // B can start at most letters (a list item "a)" or a word): a table of its
  // starts would hold nearly every position, so none is built and the
  // starts within reach are tried directly (only after A has matched).
  bool dense_starts = false;
  // A short after-pattern is tried before a before-pattern (it is anchored
  // and fails fast); a long one (a word list) after it.
  bool after_first = false;
  // The start group (Impl::start_groups) that lists B's starts in the
  // window, when B is far-reaching and not dense; -1 otherwise.
  int start_group = -1;
  // When B cannot match empty, the code points just before the position
  // must fit B's suffix sets (suffix[0]: its last code point).
  bool gate_prev = false;
  icu::UnicodeSet scan_set;  // `last`, frozen, for scanning a window
  std::array<FastSet, srx_internal::kSuffixLength> suffix;
  std::array<bool, srx_internal::kSuffixLength> suffix_open{};
  // Where the place may also be before the start of the text (a `^`).
  std::array<bool, srx_internal::kSuffixLength> suffix_edge{};
  // Likewise the code points from the position on, when A cannot match empty.
  bool gate_next = false;
  icu::UnicodeSet first;
  std::array<FastSet, srx_internal::kSuffixLength> prefix;
  std::array<bool, srx_internal::kSuffixLength> prefix_open{};
};

// The strings a before-pattern's match can be (PatternFacts::words, a
// superset of its matches), as a trie read backwards from the position: the
// starts it yields are the only ones where ICU can find a match, so that the
// abbreviation lists ("\b(?:Dr|Mr|...)\.") need ICU only where an
// abbreviation stands, not at every full stop.
class TailTrie {
 public:
  // Null when the words are unknown or would make too large a trie.
  static std::unique_ptr<TailTrie> Build(const srx_internal::PatternFacts& facts);

  // Appends to `starts` each s <= p (UTF-16 units) such that u[s, p) spells
  // one of the words, nearest first. False when it cannot tell: a text code
  // point whose case folding is several code points ("ß" for "ss") meets a
  // case-insensitive place.
  bool Starts(const UChar* u, int32_t p, std::vector<int32_t>& starts) const;

 private:
  struct CodeEdge {
    UChar32 c;
    int32_t child;
    bool operator<(const CodeEdge& o) const { return c < o.c || (c == o.c && child < o.child); }
  };
  struct SetEdge {
    int32_t set;  // index into sets_, or srx_internal::kStartOfText
    int32_t child;
  };
  struct Node {
    bool accept = false;
    bool case_insensitive = false;  // some edge comes from a (?i) place
    std::vector<CodeEdge> codes;    // places of a few code points, sorted
    std::vector<SetEdge> sets;      // larger places (classes)
  };
  static constexpr std::size_t kMaxNodes = 20000;
  // Places with at most this many code points get one CodeEdge each.
  static constexpr int32_t kMaxCodeEdges = 8;
  void Step(const Node& node, UChar32 c, std::vector<int32_t>& next) const;
  std::vector<Node> nodes_;
  std::vector<FastSet> sets_;
  FastSet fold_several_;
  // Scratch for Starts() (the segmenter is used from one thread at a time).
  mutable std::vector<int32_t> active_, next_;
};

std::unique_ptr<TailTrie> TailTrie::Build(const srx_internal::PatternFacts& facts) {
  if (!facts.words_known || facts.words.empty()) return nullptr;
  auto trie = std::make_unique<TailTrie>();
  trie->nodes_.emplace_back();
  std::map<std::pair<int32_t, int>, int32_t> child_of;  // (node, item) -> node
  for (const std::vector<int>& word : facts.words) {
    int32_t node = 0;
    for (auto it = word.rbegin(); it != word.rend(); ++it) {
      auto [at, fresh] = child_of.try_emplace({node, *it}, 0);
      if (fresh) {
        if (trie->nodes_.size() >= kMaxNodes) return nullptr;
        at->second = static_cast<int32_t>(trie->nodes_.size());
        trie->nodes_.emplace_back();
      }
      node = at->second;
    }
    trie->nodes_[static_cast<std::size_t>(node)].accept = true;
  }
  std::map<int, int32_t> set_of;  // item -> index into sets_
  for (const auto& [key, child] : child_of) {
    Node& node = trie->nodes_[static_cast<std::size_t>(key.first)];
    const int item = key.second;
    if (item == srx_internal::kStartOfText) {
      node.sets.push_back({srx_internal::kStartOfText, child});
      continue;
    }
    const srx_internal::WordItem& place = facts.word_items[static_cast<std::size_t>(item)];
    node.case_insensitive = node.case_insensitive || place.case_insensitive;
    if (place.set.size() <= kMaxCodeEdges) {
      for (int32_t r = 0; r < place.set.getRangeCount(); ++r) {
        for (UChar32 c = place.set.getRangeStart(r); c <= place.set.getRangeEnd(r); ++c) {
          node.codes.push_back({c, child});
        }
      }
      continue;
    }
    auto [at, fresh] = set_of.try_emplace(item, static_cast<int32_t>(trie->sets_.size()));
    if (fresh) trie->sets_.emplace_back(place.set);
    node.sets.push_back({at->second, child});
  }
  for (Node& node : trie->nodes_) std::sort(node.codes.begin(), node.codes.end());
  trie->fold_several_ = FastSet(srx_internal::CaseFoldsToSeveral());
  return trie;
}

void TailTrie::Step(const Node& node, UChar32 c, std::vector<int32_t>& next) const {
  auto add = [&](int32_t child) {
    if (std::find(next.begin(), next.end(), child) == next.end()) next.push_back(child);
  };
  auto it = std::lower_bound(node.codes.begin(), node.codes.end(), CodeEdge{c, -1});
  for (; it != node.codes.end() && it->c == c; ++it) add(it->child);
  for (const SetEdge& e : node.sets) {
    if (e.set >= 0 && sets_[static_cast<std::size_t>(e.set)].contains(c)) add(e.child);
  }
}

bool TailTrie::Starts(const UChar* u, int32_t p, std::vector<int32_t>& starts) const {
  active_.assign(1, 0);
  int32_t pos = p;
  for (;;) {
    if (pos == 0) {
      // `^`: a step that reads nothing, only here (active_ grows as it goes).
      for (std::size_t k = 0; k < active_.size(); ++k) {
        for (const SetEdge& e : nodes_[static_cast<std::size_t>(active_[k])].sets) {
          if (e.set == srx_internal::kStartOfText &&
              std::find(active_.begin(), active_.end(), e.child) == active_.end()) {
            active_.push_back(e.child);
          }
        }
      }
    }
    for (int32_t n : active_) {
      if (nodes_[static_cast<std::size_t>(n)].accept) {
        starts.push_back(pos);
        break;
      }
    }
    if (pos == 0) return true;
    UChar32 c;
    U16_PREV(u, 0, pos, c);
    next_.clear();
    for (int32_t n : active_) {
      const Node& node = nodes_[static_cast<std::size_t>(n)];
      if (node.case_insensitive && fold_several_.contains(c)) return false;
      Step(node, c, next_);
    }
    if (next_.empty()) return true;
    active_.swap(next_);
  }
}

// An after-pattern that is a run of one character class followed by a list
// of literal words, in one of three shapes:
//
//   RUN(?!WORDS)   RUN(?=WORDS)   RUN WORDS
//
// where RUN is one class with `+` or `*` (`\s+`, `\s*`, lazy or greedy, not
// possessive) and WORDS is a group `(?:...)` of literal code points, nested
// `(?:...)`, `|` and `?` only (`(?:A(?:bout|fter)|But)`), optionally
// followed by a one-class look-ahead `(?![\p{L}\p{M}\d])` or `(?=[...])`.
// No word is empty and no word opens with a code point of RUN's class, so
// WORDS cannot match inside the run: ICU's backtracking over the run only
// matters at its end. RUN(?!W) then matches when the run is longer than its
// minimum, or exactly that long and W does not match at its end; the other
// two shapes when the run reaches its minimum and W matches at its end. W
// matches when one word equals the text there (case-sensitive, code unit by
// code unit: the same as ICU's literal match) and the look-ahead holds after
// it (the end of the window counts as no code point, as for ICU, whose region
// is the whole window). Both classes are read from tables ICU filled (one
// probe per code point below FastSet::kTableSize); any other code point met
// where it matters means "ask ICU".
struct WordListAfter {
  enum class Kind { kNegative, kPositive, kPlain };
  enum class Tail { kNone, kNot, kIs };
  struct Node {
    std::vector<std::pair<char16_t, int32_t>> edges;
    bool end = false;
  };
  Kind kind = Kind::kPlain;
  Tail tail = Tail::kNone;
  int32_t run_min = 1;
  std::array<uint64_t, FastSet::kTableSize / 64> run_class{};
  std::array<uint64_t, FastSet::kTableSize / 64> tail_class{};
  std::vector<Node> nodes{1};

  static bool Has(const std::array<uint64_t, FastSet::kTableSize / 64>& table, UChar c) {
    return (table[c >> 6] >> (c & 63)) & 1;
  }

  // 1 when the pattern matches at p, 0 when not, -1 when ICU must say.
  int Match(const UChar* u, int32_t length, int32_t p) const {
    const int32_t need = kind == Kind::kNegative ? run_min + 1 : length;
    int32_t q = p;
    int32_t run = 0;
    while (q < length && run < need) {
      const UChar c = u[q];
      if (c >= FastSet::kTableSize) return -1;
      if (!Has(run_class, c)) break;
      ++q;
      ++run;
    }
    if (run < run_min) return 0;
    if (kind == Kind::kNegative && run > run_min) return 1;
    const int words = WordsAt(u, length, q);
    if (words < 0) return -1;
    return kind == Kind::kNegative ? (words == 0 ? 1 : 0) : words;
  }

  // Whether WORDS (with its look-ahead) matches at q: 1, 0, or -1 (unknown).
  int WordsAt(const UChar* u, int32_t length, int32_t q) const {
    bool unknown = false;
    int32_t node = 0;
    for (int32_t at = q;; ++at) {
      const Node& n = nodes[static_cast<std::size_t>(node)];
      if (n.end) {
        if (tail == Tail::kNone) return 1;
        if (at >= length) {
          if (tail == Tail::kNot) return 1;
        } else if (u[at] >= FastSet::kTableSize) {
          unknown = true;
        } else if (Has(tail_class, u[at]) == (tail == Tail::kIs)) {
          return 1;
        }
      }
      if (at >= length) break;
      int32_t child = -1;
      for (const auto& [unit, to] : n.edges) {
        if (unit == u[at]) {
          child = to;
          break;
        }
      }
      if (child < 0) break;
      node = child;
    }
    return unknown ? -1 : 0;
  }
};

// One compiled pattern and its matcher, shared by the rules that have the
// same pattern in the same place (before or after): rule sets repeat their
// patterns (the after-pattern "\s" of most no-break rules, one list of
// sentence-opening words in several rules), and the result at a position is
// the same for all of them, so it is computed once per position.
struct PatternSlot {
  std::unique_ptr<icu::RegexPattern> pattern;
  std::unique_ptr<icu::RegexMatcher> matcher;
  // The matcher is pointed at a new window only when first used in it: most
  // patterns are never tried in a short block.
  uint64_t window_generation = 0;
  uint64_t memo_stamp = 0;  // the Decide() call `memo` was computed in
  bool memo = false;
  // The pattern is one character class (`\s`, `[ \t]`, `\p{Lu}`): whether
  // it matches depends on one code point only, so for code points below
  // FastSet::kTableSize the answer is read from `one_class`, which ICU
  // itself filled (one probe per code point when the rules were compiled).
  bool is_one_class = false;
  std::array<uint64_t, FastSet::kTableSize / 64> one_class{};
  // A before-pattern's words, when known (TailTrie).
  std::unique_ptr<TailTrie> tails;
  // An after-pattern of the WordListAfter form.
  std::unique_ptr<WordListAfter> word_list;
  // The pattern for the segmenter's own matcher, when it fits (srx_native.h).
  std::unique_ptr<srx_internal::NativePattern> native;
  bool OneClassHas(UChar32 c) const { return (one_class[c >> 6] >> (c & 63)) & 1; }
};

// The starts of a far-reaching before-pattern in the current window: the
// positions that hold a code point the pattern can begin with (and, with a
// one-code-point look-behind, follow a fitting one). Rules with the same
// pattern share one group; all groups are filled in one pass over the window.
struct StartGroup {
  FastSet first;
  bool has_precede = false;
  FastSet precede;
  bool precede_allows_start = false;
  std::vector<int32_t> starts;
};

// Fills `table` by asking `pattern` about each code point below the table
// size, so that the table agrees with ICU by construction; false on failure.
bool ProbeTable(const icu::RegexPattern& pattern,
                std::array<uint64_t, FastSet::kTableSize / 64>& table) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> probe(pattern.matcher(status));
  if (U_FAILURE(status)) return false;
  icu::UnicodeString one;
  for (UChar32 c = 0; c < FastSet::kTableSize; ++c) {
    one.setTo(c);
    probe->reset(one);
    status = U_ZERO_ERROR;
    const bool hit = probe->matches(status);
    if (U_FAILURE(status)) return false;
    if (hit) table[c >> 6] |= uint64_t{1} << (c & 63);
  }
  return true;
}

// Fills slot.one_class by asking the slot's own pattern about each code point.
void ProbeOneClass(PatternSlot& slot) {
  if (ProbeTable(*slot.pattern, slot.one_class)) slot.is_one_class = true;
}

// Compiles the one-class pattern `cls` (UTF-8) and fills `table` from it.
bool ProbeClass(std::string_view cls, std::array<uint64_t, FastSet::kTableSize / 64>& table) {
  if (!IsOneClass(cls)) return false;
  UErrorCode status = U_ZERO_ERROR;
  UParseError error{};
  std::unique_ptr<icu::RegexPattern> pattern(icu::RegexPattern::compile(
      icu::UnicodeString::fromUTF8(icu::StringPiece(cls.data(), static_cast<int32_t>(cls.size()))),
      0, error, status));
  return U_SUCCESS(status) && pattern && ProbeTable(*pattern, table);
}

// Reads the literal word list of WordListAfter (after its opening "(?:") up
// to and including the closing parenthesis; nullopt when it holds anything
// else or too many words.
class WordListReader {
 public:
  explicit WordListReader(std::string_view p) : p_(p) {}
  std::size_t at() const { return i_; }

  std::optional<std::vector<std::string>> Group() {
    std::vector<std::string> all;
    for (;;) {
      auto seq = Sequence();
      if (!seq) return std::nullopt;
      all.insert(all.end(), seq->begin(), seq->end());
      if (all.size() > kMaxWords) return std::nullopt;
      if (i_ >= p_.size()) return std::nullopt;
      if (p_[i_] == ')') {
        ++i_;
        return all;
      }
      ++i_;  // '|'
    }
  }

 private:
  static constexpr std::size_t kMaxWords = 4096;
  static constexpr std::size_t kMaxLength = 256;  // bytes

  std::optional<std::vector<std::string>> Sequence() {
    std::vector<std::string> words{std::string()};
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      std::vector<std::string> item;
      const auto c = static_cast<unsigned char>(p_[i_]);
      if (p_.substr(i_, 3) == "(?:") {
        i_ += 3;
        auto inner = Group();
        if (!inner) return std::nullopt;
        item = std::move(*inner);
      } else if (c == '\\' && i_ + 1 < p_.size() && p_[i_ + 1] > 0x20 && p_[i_ + 1] < 0x7F &&
                 !std::isalnum(static_cast<unsigned char>(p_[i_ + 1]))) {
        // An escaped ASCII punctuation mark (`\'`, `\.`) is that mark.
        item.emplace_back(1, p_[i_ + 1]);
        i_ += 2;
      } else if (c >= 0x80) {
        // One code point (its UTF-8 bytes): a quantifier applies to all of it.
        const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (n == 0 || i_ + n > p_.size()) return std::nullopt;
        item.emplace_back(p_.substr(i_, n));
        i_ += n;
      } else if (c < 0x20 || c == 0x7F ||
                 std::string_view("\\[](){}|?*+.^$#").find(static_cast<char>(c)) !=
                     std::string_view::npos) {
        return std::nullopt;
      } else {
        item.emplace_back(1, static_cast<char>(c));
        ++i_;
      }
      if (i_ < p_.size() && p_[i_] == '?') {
        ++i_;
        if (i_ < p_.size() && p_[i_] == '+') return std::nullopt;  // possessive
        if (i_ < p_.size() && p_[i_] == '?') ++i_;                 // lazy: the same words
        item.emplace_back();
      }
      if (i_ < p_.size() && (p_[i_] == '*' || p_[i_] == '+' || p_[i_] == '{')) return std::nullopt;
      if (words.size() * item.size() > kMaxWords) return std::nullopt;
      std::vector<std::string> next;
      next.reserve(words.size() * item.size());
      for (const std::string& w : words) {
        for (const std::string& x : item) {
          if (w.size() + x.size() > kMaxLength) return std::nullopt;
          next.push_back(w + x);
        }
      }
      words = std::move(next);
    }
    return words;
  }

  std::string_view p_;
  std::size_t i_ = 0;
};

// The WordListAfter of `pattern`, or null when it does not have that form.
std::unique_ptr<WordListAfter> BuildWordListAfter(std::string_view pattern) {
  auto out = std::make_unique<WordListAfter>();
  const std::size_t run_length = OneClassLength(pattern);
  if (run_length == 0 || run_length >= pattern.size()) return nullptr;
  if (!ProbeClass(pattern.substr(0, run_length), out->run_class)) return nullptr;
  std::size_t i = run_length;
  if (pattern[i] == '+') {
    out->run_min = 1;
  } else if (pattern[i] == '*') {
    out->run_min = 0;
  } else {
    return nullptr;
  }
  ++i;
  if (i < pattern.size() && pattern[i] == '+') return nullptr;  // possessive
  if (i < pattern.size() && pattern[i] == '?') ++i;             // lazy: the same answer
  std::string_view rest = pattern.substr(i);
  if (rest.substr(0, 3) == "(?!" || rest.substr(0, 3) == "(?=") {
    out->kind = rest[2] == '!' ? WordListAfter::Kind::kNegative : WordListAfter::Kind::kPositive;
    if (rest.back() != ')') return nullptr;
    rest = rest.substr(3, rest.size() - 4);
  }
  if (rest.substr(0, 3) != "(?:") return nullptr;
  WordListReader reader(rest.substr(3));
  auto words = reader.Group();
  if (!words) return nullptr;
  std::string_view tail = rest.substr(3 + reader.at());
  if (!tail.empty()) {
    if (tail.size() < 5 || (tail.substr(0, 3) != "(?!" && tail.substr(0, 3) != "(?=") ||
        tail.back() != ')') {
      return nullptr;
    }
    const std::string_view cls = tail.substr(3, tail.size() - 4);
    if (OneClassLength(cls) != cls.size()) return nullptr;
    if (!ProbeClass(cls, out->tail_class)) return nullptr;
    out->tail = tail[2] == '!' ? WordListAfter::Tail::kNot : WordListAfter::Tail::kIs;
  }
  for (const std::string& word : *words) {
    const icu::UnicodeString w = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    // Not empty, no surrogates (nor U+FFFD from a bad sequence), and not
    // opening with a code point of the run's class.
    if (w.isEmpty() || w.charAt(0) >= FastSet::kTableSize ||
        WordListAfter::Has(out->run_class, w.charAt(0))) {
      return nullptr;
    }
    int32_t node = 0;
    for (int32_t k = 0; k < w.length(); ++k) {
      const UChar unit = w.charAt(k);
      if (U16_IS_SURROGATE(unit) || unit == 0xFFFD) return nullptr;
      int32_t child = -1;
      for (const auto& [edge, to] : out->nodes[static_cast<std::size_t>(node)].edges) {
        if (edge == unit) child = to;
      }
      if (child < 0) {
        child = static_cast<int32_t>(out->nodes.size());
        out->nodes[static_cast<std::size_t>(node)].edges.emplace_back(unit, child);
        out->nodes.emplace_back();
      }
      node = child;
    }
    out->nodes[static_cast<std::size_t>(node)].end = true;
  }
  return out;
}

// Reads the code point at s[i] and advances i (ICU's UTF-8 rules; an
// ill-formed sequence reads as U+FFFD). Conversion and offset mapping both go
// through here so that they always agree.
inline UChar32 NextCodePoint(std::string_view s, std::size_t& i) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  if (bytes[i] < 0x80) return bytes[i++];
  int32_t k = static_cast<int32_t>(i);
  const auto length = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_NEXT(bytes, k, length, c);
  i = static_cast<std::size_t>(k);
  return c < 0 ? 0xFFFD : c;
}

// Moves `pos` back to the start of the code point it falls in.
std::size_t AlignBack(std::string_view s, std::size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<uint8_t>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) != 0; }

// [begin, end) without leading and trailing white space; empty when nothing is left.
TextRange Trim(std::string_view text, std::size_t begin, std::size_t end) {
  while (begin < end) {
    std::size_t next = begin;
    if (!IsSpace(NextCodePoint(text, next))) break;
    begin = next;
  }
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<uint8_t>(text[start]) & 0xC0) == 0x80) --start;
    std::size_t probe = start;
    if (!IsSpace(NextCodePoint(text, probe))) break;
    end = start;
  }
  return {begin, end};
}

void AppendRanges(std::string_view text, std::size_t from, const std::vector<std::size_t>& breaks,
                  std::size_t to, std::vector<TextRange>& out) {
  std::size_t start = from;
  auto emit = [&](std::size_t end) {
    TextRange r = Trim(text, start, end);
    if (r.begin < r.end) out.push_back(r);
    start = end;
  };
  for (std::size_t b : breaks) emit(b);
  emit(to);
}

}  // namespace

struct Segmenter::Impl {
  SrxRuleSet rules;
  SegmenterOptions options;
  std::vector<CompiledRule> compiled;
  mutable std::vector<PatternSlot> slots;
  mutable uint64_t decide_stamp = 0;  // counts Decide() calls, see PatternSlot
  // Where a gated break rule (one whose before- or after-pattern cannot
  // match empty) may fire: after a code point of `scan_prev` (the last code
  // points of the before-patterns) or before one of `scan_next` (the first
  // of the after-patterns of rules whose before-pattern may be empty). One
  // pass over the window finds both; a position found is kept when the gates
  // of some break rule fit there.
  std::vector<std::size_t> break_rules;  // indices in `compiled`
  FastSet scan_prev, scan_next;
  // Both sets in one table for the scan's common case: bit 0 scan_next,
  // bit 1 scan_prev, for code points below FastSet::kTableSize.
  std::array<uint8_t, FastSet::kTableSize> scan_kind{};
  // fit_masks[(side * kSuffixLength + k) * kMaskChars + c]: one bit per rule
  // of `compiled` whose gate allows code point c (< kMaskChars) k+1 places
  // before the position (side 0) or k places after it (side 1); edge_masks
  // likewise for the edge of the window. ANDed over the six code points
  // around a position they give exactly the rules whose gates fit, in six
  // look-ups instead of a test per rule. Used when there are at most 64 rules.
  static constexpr UChar32 kMaskChars = FastSet::kTableSize;
  bool use_masks = false;
  std::vector<uint64_t> fit_masks;
  std::array<uint64_t, 2 * srx_internal::kSuffixLength> edge_masks{};
  uint64_t break_bits = 0;  // the gated break rules
  bool every_position = false;
  bool has_break_rule = false;
  mutable icu::UnicodeString window;  // the current window in UTF-16
  // The window holds no surrogate pair: a code point is one UTF-16 unit, so
  // the reach of a before-pattern is known without walking back.
  mutable bool window_bmp_only = true;
  mutable uint64_t generation = 0;  // counts windows, see CompiledRule
  // Far-reaching before-patterns' starts (CompiledRule::start_group), found
  // for all groups at once when the first one is needed in a window.
  mutable std::vector<StartGroup> start_groups;
  mutable uint64_t starts_generation = 0;
  mutable std::vector<int32_t> tail_starts;  // scratch for BeforeMatches
  // start_first[c]: one bit per group (when at most 64) whose pattern can
  // begin with c; start_precede[c]: whose look-behind allows c before the
  // start (every bit for a group without one); start_at_edge: the groups
  // that may start at the window's first unit.
  bool use_start_masks = false;
  std::vector<uint64_t> start_first, start_precede;
  uint64_t start_at_edge = 0;

  // Breaks at byte offsets in (from, end) of `text`, using text[ctx, end) as
  // the window; sorted.
  std::vector<std::size_t> FindBreaks(std::string_view text, std::size_t ctx, std::size_t from,
                                      std::size_t end) const;
  using CodePoints = std::array<UChar32, srx_internal::kSuffixLength>;
  bool Decide(int32_t p, int32_t length) const;
  // Rules whose gates may fit at a position, one bit per rule (all when
  // there are more than 64); `exact` when every set bit means the gates fit.
  uint64_t Possible(const CodePoints& prev, const CodePoints& next, bool& exact) const;
  // Whether a gated break rule may fire at p (never false where one does).
  bool IsCandidate(int32_t p, int32_t length) const;
  bool GatesFit(const CompiledRule& rule, const CodePoints& prev, const CodePoints& next) const;
  // The code points just before p (-1 past the start) and from p on.
  void Around(int32_t p, int32_t length, CodePoints& prev, CodePoints& next) const;
  bool BeforeMatches(const CompiledRule& rule, int32_t p, int32_t length) const;
  // The slot's ICU matcher, pointed at the current window (only when ICU is
  // asked: the segmenter's own matcher answers most questions).
  icu::RegexMatcher& Icu(PatternSlot& slot) const;
  // The slot's own matcher when the window lets it answer (BMP only), or null.
  const srx_internal::NativePattern* Native(const PatternSlot& slot) const {
    return window_bmp_only ? slot.native.get() : nullptr;
  }
  // Whether A matches at p, and B before p; computed once per position for
  // the rules that share a pattern. True when the pattern is empty.
  bool AfterMatches(const CompiledRule& rule, int32_t p) const;
  bool BeforeMatchesOnce(const CompiledRule& rule, int32_t p, int32_t length) const;
  bool HasStartsBefore(const CompiledRule& rule, int32_t p, int32_t length) const;
  void FindStarts(int32_t length) const;
  const std::vector<int32_t>& Starts(const CompiledRule& rule, int32_t length) const {
    FindStarts(length);
    return start_groups[static_cast<std::size_t>(rule.start_group)].starts;
  }
  template <typename Rule>
  bool PrecedeFits(const Rule& rule, int32_t start, int32_t length) const;
  // The lowest start of a match of B that ends at p (in UTF-16 units).
  int32_t LowestStart(const CompiledRule& rule, int32_t p) const {
    return std::max(0, p - (window_bmp_only ? 1 : 2) * rule.before_max);
  }
  std::vector<TextRange> Run(std::string_view text, std::size_t from) const;
};

Segmenter::Segmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Segmenter::Segmenter(Segmenter&&) noexcept = default;
Segmenter& Segmenter::operator=(Segmenter&&) noexcept = default;
Segmenter::~Segmenter() = default;

const SrxRuleSet& Segmenter::rules() const { return impl_->rules; }
const SegmenterOptions& Segmenter::options() const { return impl_->options; }

Result<Segmenter> Segmenter::Create(const SrxDocument& document, const LanguageTag& language,
                                    const SegmenterOptions& options) {
  auto rules = document.RulesFor(language.str());
  if (!rules.ok()) return rules.error();
  return Create(*rules, options);
}

Result<Segmenter> Segmenter::Create(const SrxRuleSet& rules, const SegmenterOptions& options) {
  if (options.window_bytes < 4 * options.context_bytes || options.context_bytes < 1024) {
    return UsageError("segmenter window must be at least four times its context (>= 1 KiB)");
  }
  auto impl = std::make_unique<Impl>();
  impl->rules = rules;
  impl->options = options;
  srx_internal::SetCache sets;
  srx_internal::NativePattern::Tables native_tables;
  std::map<std::string, int> slot_of;  // "B" or "A", then the pattern
  // What decides the starts of each start group (see below).
  struct StartKey {
    icu::UnicodeSet first;
    bool has_precede;
    icu::UnicodeSet precede;
    bool precede_allows_start;
  };
  std::vector<StartKey> start_keys;
  for (std::size_t k = 0; k < rules.rules.size(); ++k) {
    const SrxRule& rule = rules.rules[k];
    const std::string context = "rule " + std::to_string(k + 1) + " of '" +
                                (rules.names.empty() ? std::string("?") : rules.names.front()) +
                                (rules.names.size() > 1 ? "...'" : "'");
    LOVCEN_RETURN_IF_ERROR(srx_internal::ValidateSrxRule(rule, context, &sets));
    CompiledRule c;
    c.is_break = rule.is_break;
    UErrorCode status = U_ZERO_ERROR;
    bool before_nullable = true;
    bool after_nullable = true;
    if (!rule.before.empty()) {
      auto facts = srx_internal::AnalyzePattern(rule.before, srx_internal::kRepeatCap, &sets,
                                                /*want_words=*/true);
      icu::UnicodeString pattern = facts.bounded;
      // Short patterns run as one ICU look-behind (ICU tries the few starts
      // itself, cheaper than one call per start); far-reaching ones are
      // tried only at the starts they can begin with.
      c.before_lookbehind = facts.max_length < 0 || facts.max_length <= kShortBefore;
      if (c.before_lookbehind) {
        pattern = icu::UnicodeString(u"(?<=").append(facts.bounded).append(u')');
      } else {
        c.before_max = static_cast<int32_t>(facts.max_length);
        c.before_min = static_cast<int32_t>(facts.min_length);
        for (int k = 1; k < srx_internal::kSuffixLength; ++k) {
          c.before_prefix[k] = FastSet(facts.prefix[k]);
          c.before_prefix_open[k] = facts.prefix_open[k];
        }
        c.before_first = facts.first;
        c.before_first.freeze();
        c.before_first_fast = FastSet(facts.first);
        c.has_precede = facts.has_precede;
        c.precede = FastSet(facts.precede);
        c.precede_allows_start = facts.precede_allows_start;
        c.far_reaching = c.before_max > 24;
        int ascii_starts = 0;
        for (UChar32 ch = 0x21; ch < 0x7F; ++ch) ascii_starts += facts.first.contains(ch) ? 1 : 0;
        c.dense_starts = ascii_starts >= 20;
      }
      auto [it, fresh] =
          slot_of.try_emplace("B" + rule.before, static_cast<int>(impl->slots.size()));
      c.before_slot = it->second;
      if (fresh) {
        auto compiled = srx_internal::CompilePattern(pattern, 0, context);
        if (!compiled.ok()) return compiled.error();
        PatternSlot& slot = impl->slots.emplace_back();
        slot.pattern = std::move(*compiled);
        slot.matcher.reset(slot.pattern->matcher(status));
        if (U_SUCCESS(status)) {
          // Look-arounds, \b and anchors see the whole window, not the region.
          slot.matcher->useTransparentBounds(true);
          slot.matcher->useAnchoringBounds(false);
        }
        slot.native = srx_internal::NativePattern::Compile(pattern, &native_tables);
      }
      if (fresh && IsOneClass(rule.before)) ProbeOneClass(impl->slots.back());
      if (fresh && !c.before_lookbehind && !impl->slots.back().is_one_class) {
        impl->slots.back().tails = TailTrie::Build(facts);
      }
      if (!c.before_lookbehind && c.far_reaching && !c.dense_starts) {
        // The starts depend only on the first code points and the
        // look-behind before them: patterns that agree there share a group
        // (the two "\bi\s+..." rules of Montenegrin, equal patterns).
        for (std::size_t g = 0; g < start_keys.size(); ++g) {
          if (start_keys[g].first == c.before_first && start_keys[g].has_precede == c.has_precede &&
              start_keys[g].precede == facts.precede &&
              start_keys[g].precede_allows_start == c.precede_allows_start) {
            c.start_group = static_cast<int>(g);
          }
        }
        if (c.start_group < 0) {
          c.start_group = static_cast<int>(impl->start_groups.size());
          start_keys.push_back(
              {c.before_first, c.has_precede, facts.precede, c.precede_allows_start});
          StartGroup& g = impl->start_groups.emplace_back();
          g.first = c.before_first_fast;
          g.has_precede = c.has_precede;
          g.precede = c.precede;
          g.precede_allows_start = c.precede_allows_start;
        }
      }
      before_nullable = facts.nullable;
      c.before_nullable = facts.nullable;
      if (!facts.nullable) {
        c.gate_prev = true;
        c.scan_set = facts.last;
        c.scan_set.freeze();
        for (int k = 0; k < srx_internal::kSuffixLength; ++k)
          c.suffix[k] = FastSet(facts.suffix[k]);
        c.suffix_open = facts.suffix_open;
        c.suffix_edge = facts.suffix_edge;
      }
    }
    if (!rule.after.empty()) {
      auto facts = srx_internal::AnalyzePattern(rule.after, srx_internal::kRepeatCap, &sets);
      auto [it, fresh] =
          slot_of.try_emplace("A" + rule.after, static_cast<int>(impl->slots.size()));
      c.after_slot = it->second;
      if (fresh) {
        auto compiled = srx_internal::CompilePattern(
            icu::UnicodeString::fromUTF8(
                icu::StringPiece(rule.after.data(), static_cast<int32_t>(rule.after.size()))),
            0, context);
        if (!compiled.ok()) return compiled.error();
        PatternSlot& slot = impl->slots.emplace_back();
        slot.pattern = std::move(*compiled);
        slot.matcher.reset(slot.pattern->matcher(status));
        if (U_SUCCESS(status) && IsOneClass(rule.after)) ProbeOneClass(slot);
        if (U_SUCCESS(status) && !slot.is_one_class) {
          slot.word_list = BuildWordListAfter(rule.after);
          slot.native =
              srx_internal::NativePattern::Compile(slot.pattern->pattern(), &native_tables);
        }
      }
      c.after_first = rule.after.size() < 64;
      after_nullable = facts.nullable;
      if (!facts.nullable) {
        c.gate_next = true;
        c.first = facts.first;
        c.first.freeze();
        for (int k = 0; k < srx_internal::kSuffixLength; ++k)
          c.prefix[k] = FastSet(facts.prefix[k]);
        c.prefix_open = facts.prefix_open;
      }
    }
    if (U_FAILURE(status)) return BadInput(context + ": cannot create a matcher");
    if (c.is_break) {
      impl->has_break_rule = true;
      // A break rule that can match empty on both sides may fire anywhere.
      if (before_nullable && after_nullable) impl->every_position = true;
    }
    impl->compiled.push_back(std::move(c));
  }
  icu::UnicodeSet scan_prev, scan_next;
  for (std::size_t r = 0; r < impl->compiled.size(); ++r) {
    const CompiledRule& c = impl->compiled[r];
    if (!c.is_break || !(c.gate_prev || c.gate_next)) continue;
    impl->break_rules.push_back(r);
    if (c.gate_prev) {
      scan_prev.addAll(c.scan_set);
    } else {
      scan_next.addAll(c.first);
    }
  }
  impl->scan_prev = FastSet(scan_prev);
  impl->scan_next = FastSet(scan_next);
  for (UChar32 ch = 0; ch < FastSet::kTableSize; ++ch) {
    impl->scan_kind[static_cast<std::size_t>(ch)] = static_cast<uint8_t>(
        (impl->scan_next.contains(ch) ? 1 : 0) | (impl->scan_prev.contains(ch) ? 2 : 0));
  }
  if (impl->compiled.size() <= 64) {
    constexpr int kLength = srx_internal::kSuffixLength;
    impl->use_masks = true;
    impl->fit_masks.assign(2 * kLength * Impl::kMaskChars, 0);
    for (std::size_t r = 0; r < impl->compiled.size(); ++r) {
      const CompiledRule& c = impl->compiled[r];
      const uint64_t bit = uint64_t{1} << r;
      if (c.is_break && (c.gate_prev || c.gate_next)) impl->break_bits |= bit;
      for (int k = 0; k < kLength; ++k) {
        const bool any_prev = !c.gate_prev || c.suffix_open[k];
        const bool any_next = !c.gate_next || c.prefix_open[k];
        if (any_prev || c.suffix_edge[k]) impl->edge_masks[k] |= bit;
        if (any_next) impl->edge_masks[kLength + k] |= bit;
        uint64_t* prev_row = &impl->fit_masks[k * Impl::kMaskChars];
        uint64_t* next_row = &impl->fit_masks[(kLength + k) * Impl::kMaskChars];
        for (UChar32 ch = 0; ch < Impl::kMaskChars; ++ch) {
          if (any_prev || c.suffix[k].contains(ch)) prev_row[ch] |= bit;
          if (any_next || c.prefix[k].contains(ch)) next_row[ch] |= bit;
        }
      }
    }
  }
  if (!impl->start_groups.empty() && impl->start_groups.size() <= 64) {
    impl->use_start_masks = true;
    impl->start_first.assign(FastSet::kTableSize, 0);
    impl->start_precede.assign(FastSet::kTableSize, 0);
    for (std::size_t g = 0; g < impl->start_groups.size(); ++g) {
      const StartGroup& group = impl->start_groups[g];
      const uint64_t bit = uint64_t{1} << g;
      if (!group.has_precede || group.precede_allows_start) impl->start_at_edge |= bit;
      for (UChar32 ch = 0; ch < FastSet::kTableSize; ++ch) {
        if (group.first.contains(ch)) impl->start_first[ch] |= bit;
        if (!group.has_precede || group.precede.contains(ch)) impl->start_precede[ch] |= bit;
      }
    }
  }
  return Segmenter(std::move(impl));
}

template <typename Rule>
bool Segmenter::Impl::PrecedeFits(const Rule& rule, int32_t start, int32_t length) const {
  if (!rule.has_precede) return true;
  if (start == 0) return rule.precede_allows_start;
  UChar32 c;
  U16_GET(window.getBuffer(), 0, start - 1, length, c);
  return rule.precede.contains(c);
}

void Segmenter::Impl::FindStarts(int32_t length) const {
  if (starts_generation == generation) return;
  starts_generation = generation;
  const UChar* u = window.getBuffer();
  for (StartGroup& g : start_groups) g.starts.clear();
  // The exact test of one group at k, for what the tables do not cover.
  auto test = [&](StartGroup& g, int32_t k, UChar32 c) {
    if (g.first.contains(c) && PrecedeFits(g, k, length)) g.starts.push_back(k);
  };
  for (int32_t k = 0; k < length;) {
    const UChar unit = u[k];
    if (use_start_masks && unit < FastSet::kTableSize) {
      // The common case: a code point of one unit, one look-up; most
      // positions hold no group's first code point.
      uint64_t bits = start_first[unit];
      if (bits != 0) {
        if (k == 0) {
          bits &= start_at_edge;
        } else if (u[k - 1] < FastSet::kTableSize) {
          bits &= start_precede[u[k - 1]];
        } else {
          // The code point before is outside the tables: test each group.
          for (; bits != 0; bits &= bits - 1) test(start_groups[std::countr_zero(bits)], k, unit);
        }
        for (; bits != 0; bits &= bits - 1)
          start_groups[std::countr_zero(bits)].starts.push_back(k);
      }
      ++k;
      continue;
    }
    int32_t next = k;
    UChar32 c;
    U16_NEXT(u, next, length, c);
    for (StartGroup& g : start_groups) test(g, k, c);
    k = next;
  }
}

bool Segmenter::Impl::HasStartsBefore(const CompiledRule& rule, int32_t p, int32_t length) const {
  if (rule.start_group < 0 || rule.before_nullable) return true;
  const std::vector<int32_t>& starts = Starts(rule, length);
  auto it = std::lower_bound(starts.begin(), starts.end(), p);
  return it != starts.begin() && *(it - 1) >= LowestStart(rule, p);
}

bool Segmenter::Impl::BeforeMatches(const CompiledRule& rule, int32_t p, int32_t length) const {
  PatternSlot& slot = slots[static_cast<std::size_t>(rule.before_slot)];
  const UChar* u = window.getBuffer();
  using Answer = srx_internal::NativePattern::Answer;
  const srx_internal::NativePattern* native = Native(slot);
  if (rule.before_lookbehind) {
    const Answer answer = native ? native->LookingAt(u, window.length(), p) : Answer::kUnknown;
    if (answer != Answer::kUnknown) return answer == Answer::kYes;
    UErrorCode status = U_ZERO_ERROR;
    return Icu(slot).lookingAt(p, status) && U_SUCCESS(status);
  }
  // Whether B spans [start, p) exactly (ICU's region match, transparent bounds).
  auto spans = [&](int32_t start) {
    const Answer answer =
        native ? native->Matches(u, window.length(), start, p) : Answer::kUnknown;
    if (answer != Answer::kUnknown) return answer == Answer::kYes;
    UErrorCode status = U_ZERO_ERROR;
    icu::RegexMatcher& m = Icu(slot);
    m.region(start, p, status);
    const bool hit = m.matches(status);
    return U_SUCCESS(status) && hit;
  };
  if (slot.is_one_class && p > 0 && u[p - 1] < FastSet::kTableSize) {
    // Only [p-1, p) can match (one code point, which the unit is).
    return slot.OneClassHas(u[p - 1]);
  }
  if (slot.tails) {
    tail_starts.clear();
    if (slot.tails->Starts(u, p, tail_starts)) {
      // Only these starts can hold a match; the look-behind test is the one
      // the starts below get too (not at p itself, as there).
      for (int32_t start : tail_starts) {
        if (start < p && !PrecedeFits(rule, start, length)) continue;
        if (spans(start)) return true;
      }
      return false;
    }
  }
  auto try_start = [&](int32_t start) {
    // A region shorter than B's shortest match (in UTF-16 units, so in code
    // points too), or whose second or third code point B cannot hold there,
    // needs no ICU call.
    if (p - start < rule.before_min) return false;
    int32_t at = start;
    UChar32 c;
    if (at < p) U16_NEXT(u, at, p, c);
    for (int k = 1; k < srx_internal::kSuffixLength && at < p; ++k) {
      U16_NEXT(u, at, p, c);
      if (!rule.before_prefix_open[k] && !rule.before_prefix[k].contains(c)) return false;
    }
    return spans(start);
  };
  if (rule.before_nullable && try_start(p)) return true;
  const int32_t lowest = LowestStart(rule, p);
  if (rule.start_group >= 0) {
    const std::vector<int32_t>& starts = Starts(rule, length);
    auto it = std::lower_bound(starts.begin(), starts.end(), p);
    while (it != starts.begin()) {
      --it;
      if (*it < lowest) break;
      if (try_start(*it)) return true;
    }
    return false;
  }
  for (int32_t start = p - 1; start >= lowest; --start) {
    if (U16_IS_TRAIL(u[start]) && start > 0 && U16_IS_LEAD(u[start - 1])) continue;
    UChar32 c;
    U16_GET(u, 0, start, length, c);
    if (rule.before_first_fast.contains(c) && PrecedeFits(rule, start, length) &&
        try_start(start)) {
      return true;
    }
  }
  return false;
}

bool Segmenter::Impl::GatesFit(const CompiledRule& rule, const CodePoints& prev,
                               const CodePoints& next) const {
  for (int k = 0; k < srx_internal::kSuffixLength; ++k) {
    if (rule.gate_prev && !rule.suffix_open[k] &&
        (prev[k] < 0 ? !rule.suffix_edge[k] : !rule.suffix[k].contains(prev[k]))) {
      return false;
    }
    if (rule.gate_next && !rule.prefix_open[k] &&
        (next[k] < 0 || !rule.prefix[k].contains(next[k]))) {
      return false;
    }
  }
  return true;
}

void Segmenter::Impl::Around(int32_t p, int32_t length, CodePoints& prev, CodePoints& next) const {
  const UChar* u = window.getBuffer();
  int32_t at = p;
  for (auto& c : prev) {
    if (at > 0) {
      U16_PREV(u, 0, at, c);
    } else {
      c = -1;
    }
  }
  at = p;
  for (auto& c : next) {
    if (at < length) {
      U16_NEXT(u, at, length, c);
    } else {
      c = -1;
    }
  }
}

icu::RegexMatcher& Segmenter::Impl::Icu(PatternSlot& slot) const {
  if (slot.window_generation != generation) {
    slot.matcher->reset(window);
    slot.window_generation = generation;
  }
  return *slot.matcher;
}

bool Segmenter::Impl::AfterMatches(const CompiledRule& rule, int32_t p) const {
  if (rule.after_slot < 0) return true;
  PatternSlot& slot = slots[static_cast<std::size_t>(rule.after_slot)];
  if (slot.memo_stamp != decide_stamp) {
    const UChar* u = window.getBuffer();
    const int32_t length = window.length();
    using Answer = srx_internal::NativePattern::Answer;
    if (slot.is_one_class && p < length && u[p] < FastSet::kTableSize) {
      slot.memo = slot.OneClassHas(u[p]);
    } else {
      const int known = slot.word_list ? slot.word_list->Match(u, length, p) : -1;
      const srx_internal::NativePattern* native = Native(slot);
      const Answer answer =
          known < 0 && native ? native->LookingAt(u, length, p) : Answer::kUnknown;
      if (known >= 0) {
        slot.memo = known == 1;
      } else if (answer != Answer::kUnknown) {
        slot.memo = answer == Answer::kYes;
      } else {
        UErrorCode status = U_ZERO_ERROR;
        slot.memo = Icu(slot).lookingAt(p, status) && U_SUCCESS(status);
      }
    }
    slot.memo_stamp = decide_stamp;
  }
  return slot.memo;
}

bool Segmenter::Impl::BeforeMatchesOnce(const CompiledRule& rule, int32_t p, int32_t length) const {
  if (rule.before_slot < 0) return true;
  PatternSlot& slot = slots[static_cast<std::size_t>(rule.before_slot)];
  if (slot.memo_stamp != decide_stamp) {
    slot.memo = BeforeMatches(rule, p, length);
    slot.memo_stamp = decide_stamp;
  }
  return slot.memo;
}

uint64_t Segmenter::Impl::Possible(const CodePoints& prev, const CodePoints& next,
                                   bool& exact) const {
  exact = use_masks;
  if (!use_masks) return ~uint64_t{0};
  constexpr int kLength = srx_internal::kSuffixLength;
  uint64_t possible = ~uint64_t{0};
  for (int side = 0; side < 2; ++side) {
    const CodePoints& around = side == 0 ? prev : next;
    for (int k = 0; k < kLength; ++k) {
      const UChar32 c = around[k];
      const int row = side * kLength + k;
      if (c < 0) {
        possible &= edge_masks[row];
      } else if (c < kMaskChars) {
        possible &= fit_masks[row * kMaskChars + c];
      } else {
        exact = false;  // left to GatesFit
      }
    }
  }
  return possible;
}

bool Segmenter::Impl::IsCandidate(int32_t p, int32_t length) const {
  constexpr int kLength = srx_internal::kSuffixLength;
  const UChar* u = window.getBuffer();
  if (use_masks && p >= kLength && p + kLength <= length) {
    // The common case, called at most white space: six units below the
    // table size are six code points (no surrogates there), looked up
    // directly; most positions fail on the two next to them.
    auto mask = [&](int row, UChar unit) { return fit_masks[row * kMaskChars + unit]; };
    if (u[p - 1] < kMaskChars && u[p] < kMaskChars) {
      uint64_t possible = break_bits & mask(0, u[p - 1]) & mask(kLength, u[p]);
      if (possible == 0) return false;
      bool small = true;
      for (int k = 1; k < kLength; ++k) {
        small = small && u[p - 1 - k] < kMaskChars && u[p + k] < kMaskChars;
      }
      if (small) {
        for (int k = 1; k < kLength; ++k) {
          possible &= mask(k, u[p - 1 - k]) & mask(kLength + k, u[p + k]);
        }
        return possible != 0;
      }
    }
  }
  CodePoints prev, next;
  Around(p, length, prev, next);
  bool exact = false;
  const uint64_t possible = Possible(prev, next, exact);
  if (use_masks) {
    if ((possible & break_bits) == 0) return false;
    if (exact) return true;
  }
  for (std::size_t r : break_rules) {
    if (use_masks && !((possible >> r) & 1)) continue;
    if (GatesFit(compiled[r], prev, next)) return true;
  }
  return false;
}

bool Segmenter::Impl::Decide(int32_t p, int32_t length) const {
  ++decide_stamp;
  CodePoints prev, next;
  Around(p, length, prev, next);
  bool exact = false;
  const uint64_t possible = Possible(prev, next, exact);
  for (std::size_t r = 0; r < compiled.size(); ++r) {
    if (use_masks && !((possible >> r) & 1)) continue;
    const CompiledRule& rule = compiled[r];
    if (!exact && !GatesFit(rule, prev, next)) continue;
    // The cheaper test first: a before-pattern that reaches far back costs
    // more than an anchored after-pattern, a short one usually less.
    if (rule.far_reaching || rule.after_first) {
      if (rule.far_reaching && !HasStartsBefore(rule, p, length)) continue;
      if (!AfterMatches(rule, p)) continue;
      if (!BeforeMatchesOnce(rule, p, length)) continue;
    } else {
      if (!BeforeMatchesOnce(rule, p, length)) continue;
      if (!AfterMatches(rule, p)) continue;
    }
    return rule.is_break;
  }
  return false;
}

std::vector<std::size_t> Segmenter::Impl::FindBreaks(std::string_view text, std::size_t ctx,
                                                     std::size_t from, std::size_t end) const {
  std::vector<std::size_t> breaks;
  if (!has_break_rule) return breaks;
  // The window in UTF-16 for ICU, remembering where `from` falls.
  window.remove();
  UChar* buffer = window.getBuffer(static_cast<int32_t>(end - ctx) + 1);
  int32_t length = 0;
  int32_t from16 = 0;
  UChar32 highest = 0;
  for (std::size_t i = ctx; i < end;) {
    if (i == from) from16 = length;
    const UChar32 c = NextCodePoint(text, i);
    highest = std::max(highest, c);
    U16_APPEND_UNSAFE(buffer, length, c);
  }
  window_bmp_only = highest <= 0xFFFF;
  if (from >= end) from16 = length;
  window.releaseBuffer(length);

  // Candidate positions: only where some break rule can match at all.
  std::vector<int32_t> candidates;
  const UChar* u = window.getBuffer();
  if (every_position) {
    for (int32_t p = from16 + 1; p < length; ++p) {
      if (!U16_IS_TRAIL(u[p]) || !U16_IS_LEAD(u[p - 1])) candidates.push_back(p);
    }
  } else {
    // A code point that can end a break rule's before-pattern gives the
    // position after it, one that can start an after-pattern the position at
    // it; a position is kept where the gates of some break rule fit (far
    // fewer than the code points found: white space, digits). Positions come
    // in order, each once.
    int32_t examined = from16;  // positions up to here are done
    auto examine = [&](int32_t p) {
      if (p <= examined || p >= length) return;
      examined = p;
      if (IsCandidate(p, length)) candidates.push_back(p);
    };
    for (int32_t k = from16; k < length;) {
      UChar32 c = u[k];
      int32_t after = k + 1;
      if (c < FastSet::kTableSize) {
        const uint8_t kind = scan_kind[static_cast<std::size_t>(c)];
        if (kind == 0) {
          k = after;  // the common case: one table lookup
          continue;
        }
        if (kind & 1) examine(k);
        if (kind & 2) examine(after);
        k = after;
        continue;
      }
      after = k;
      U16_NEXT(u, after, length, c);
      if (scan_next.contains(c)) examine(k);
      if (scan_prev.contains(c)) examine(after);
      k = after;
    }
  }
  if (candidates.empty()) return breaks;

  ++generation;
  std::vector<int32_t> breaks16;
  for (int32_t p : candidates) {
    if (p > from16 && p < length && Decide(p, length)) breaks16.push_back(p);
  }
  // Back to byte offsets: one more walk over the window, in step with UTF-16.
  std::size_t i = ctx;
  int32_t at16 = 0;
  for (int32_t b : breaks16) {
    while (at16 < b) {
      const UChar32 c = NextCodePoint(text, i);
      at16 += U16_LENGTH(c);
    }
    breaks.push_back(i);
  }
  return breaks;
}

std::vector<TextRange> Segmenter::Impl::Run(std::string_view text, std::size_t from) const {
  std::vector<TextRange> out;
  const std::size_t n = text.size();
  if (from >= n) return out;
  std::size_t start = AlignBack(text, from);
  std::size_t window_bytes = options.window_bytes;
  for (;;) {
    const std::size_t ctx =
        start > options.context_bytes ? AlignBack(text, start - options.context_bytes) : 0;
    std::size_t end = std::min(n, start + window_bytes);
    end = AlignBack(text, end);
    const bool final = end >= n;
    std::vector<std::size_t> breaks = FindBreaks(text, ctx, start, final ? n : end);
    if (final) {
      AppendRanges(text, start, breaks, n, out);
      return out;
    }
    // Breaks close to the window's end are decided again in the next window,
    // where patterns can see the text that follows.
    const std::size_t limit = end - options.context_bytes;
    while (!breaks.empty() && breaks.back() > limit) breaks.pop_back();
    if (breaks.empty()) {
      window_bytes *= 2;  // one segment longer than the window: look further
      continue;
    }
    const std::size_t last = breaks.back();
    breaks.pop_back();
    AppendRanges(text, start, breaks, last, out);
    start = last;
    window_bytes = options.window_bytes;
  }
}

std::vector<TextRange> Segmenter::Segment(std::string_view text) const {
  return impl_->Run(text, 0);
}

std::vector<TextRange> Segmenter::Segment(std::string_view text, std::size_t from) const {
  return impl_->Run(text, from);
}

std::vector<TextRange> Segmenter::SegmentSubflow(std::string_view text) const {
  if (impl_->rules.segment_subflows) return Segment(text);
  std::vector<TextRange> out;
  TextRange r = Trim(text, 0, text.size());
  if (r.begin < r.end) out.push_back(r);
  return out;
}

// ---- SegmentStream ----

SegmentStream::SegmentStream(const Segmenter& segmenter, std::size_t max_segment_bytes)
    : segmenter_(segmenter), max_segment_bytes_(std::max<std::size_t>(max_segment_bytes, 1024)) {}

std::vector<StreamedSegment> SegmentStream::Feed(std::string_view piece) {
  buffer_.append(piece);
  const std::size_t threshold = 2 * segmenter_.options().window_bytes;
  if (buffer_.size() - context_ < threshold) return {};
  return Drain(false);
}

std::vector<StreamedSegment> SegmentStream::Finish() {
  auto out = Drain(true);
  buffer_.clear();
  context_ = 0;
  return out;
}

std::vector<StreamedSegment> SegmentStream::Drain(bool final) {
  std::vector<StreamedSegment> out;
  const std::string_view text(buffer_);
  std::vector<TextRange> ranges = segmenter_.Segment(text, context_);
  std::size_t keep_from = context_;  // first byte not given out
  if (final) {
    for (const TextRange& r : ranges) {
      out.push_back(
          {{base_ + r.begin, base_ + r.end}, std::string(text.substr(r.begin, r.size()))});
    }
    return out;
  }
  // A segment is final once the next one starts well before the end of what
  // has arrived: later text can only change breaks near the end.
  const std::size_t margin = segmenter_.options().context_bytes;
  const std::size_t safe = text.size() > margin ? text.size() - margin : 0;
  std::size_t k = 0;
  for (; k + 1 < ranges.size() && ranges[k + 1].begin <= safe; ++k) {
    const TextRange& r = ranges[k];
    out.push_back({{base_ + r.begin, base_ + r.end}, std::string(text.substr(r.begin, r.size()))});
    keep_from = r.end;
  }
  if (out.empty() && safe > context_ + max_segment_bytes_) {
    // No break in sight: cut the over-long segment rather than hold it all.
    const std::size_t cut = AlignBack(text, context_ + max_segment_bytes_);
    TextRange r = Trim(text, context_, cut);
    if (r.begin < r.end) {
      out.push_back(
          {{base_ + r.begin, base_ + r.end}, std::string(text.substr(r.begin, r.size()))});
    }
    keep_from = cut;
  }
  // Keep some context before the rest for the before-patterns.
  const std::size_t context_bytes = segmenter_.options().context_bytes;
  const std::size_t drop =
      keep_from > context_bytes ? AlignBack(text, keep_from - context_bytes) : 0;
  buffer_.erase(0, drop);
  base_ += drop;
  context_ = keep_from - drop;
  return out;
}

// ---- ICU's sentence break, for comparison ----

Result<std::vector<TextRange>> IcuSentenceSegments(std::string_view text,
                                                   const LanguageTag& language, bool suppressions) {
  std::string id(language.icu_locale());
  if (suppressions) id += "@ss=standard";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createSentenceInstance(icu::Locale(id.c_str()), status));
  if (U_FAILURE(status)) return BadInput(std::string("ICU sentence break: ") + u_errorName(status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  bi->setText(ut, status);
  std::vector<TextRange> out;
  if (U_SUCCESS(status)) {
    int32_t start = bi->first();
    for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
      TextRange r = Trim(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end));
      if (r.begin < r.end) out.push_back(r);
    }
  }
  utext_close(ut);
  if (U_FAILURE(status)) return BadInput(std::string("ICU sentence break: ") + u_errorName(status));
  return out;
}

}  // namespace lovcen
