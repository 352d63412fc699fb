// Montenegrin transliteration: loading the data files, generating the
// digraph-exception rules, and the scanner that decides what the rules may
// touch. The scanner walks the text once and reports "protected" regions
// (kept as written, or replaced by an explicit form); everything between two
// protected regions is a span handed to a rule engine as a whole, so both
// engines see exactly the same spans and the same span ends.
#include "lovcen/transliterator.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "lovcen/text.h"
#include "transliterator_rules.h"

namespace lovcen {

using translit::CodePointInfo;
using translit::NextCodePoint;
using translit::IsLetterOrMark;
using translit::IsLowerLetter;
using translit::IsUpperLetter;

namespace {

constexpr std::string_view kExceptionMarker = "#@digraph-exceptions";

using translit::kCyrillicAlphabet;
using translit::kCyrillicForeign;
using translit::kLatinAlphabet;
using translit::kLatinForeign;
using translit::kMark;
using translit::kNotLetter;
using translit::LetterClass;
using ClassOfFn = LetterClass (*)(char32_t);
constexpr ClassOfFn ClassOf = translit::LetterClassOf;

bool IsDigit(char32_t c) { return c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit(static_cast<UChar32>(c)); }

inline bool IsAsciiSpace(unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWithIgnoreCase(std::string_view text, std::size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    const auto a = static_cast<unsigned char>(text[pos + k]);
    const auto b = static_cast<unsigned char>(prefix[k]);
    if (std::tolower(a) != std::tolower(b)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Data files.

struct ListLine {
  std::string text;
  int line = 0;
};

Result<std::string> ReadDataFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read transliteration data", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (Status s = ValidateUtf8(text); !s.ok()) return s.error().InFile(path);
  return std::string(StripBom(text));
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Non-empty lines with '#' comments and surrounding white space removed.
std::vector<ListLine> ListLines(std::string_view text) {
  std::vector<ListLine> out;
  int line = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    std::string_view l = text.substr(start, end - start);
    if (auto hash = l.find('#'); hash != std::string_view::npos) l = l.substr(0, hash);
    l = TrimView(l);
    if (!l.empty()) out.push_back({std::string(l), line});
    start = end + 1;
  }
  return out;
}

Error DataError(const std::string& path, int line, std::string message) {
  Error e = BadInput(std::move(message));
  e.file = path;
  e.line = line;
  return e;
}

std::string IcuCase(std::string_view text, int mode) {  // 0 lower, 1 upper, 2 title
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (mode == 0) u.toLower(icu::Locale::getRoot());
  if (mode == 1) u.toUpper(icu::Locale::getRoot());
  if (mode == 2) {
    u.toLower(icu::Locale::getRoot());
    if (!u.isEmpty()) {
      const UChar32 first = u.char32At(0);
      u.replace(0, U16_LENGTH(first), icu::UnicodeString(u_totitle(first)));
    }
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Every code point as an ICU escape: safe inside any rule, for both engines.
std::string EscapeForRule(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  char buf[16];
  while (i < text.size()) {
    const char32_t c = NextCodePoint(text, i);
    if (c > 0xFFFF) {
      std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(c));
    } else {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
    }
    out += buf;
  }
  return out;
}

// Latin-only names, indexed by their first run of letters.
struct LatinOnlyEntry {
  std::string text;  // as listed, or its all-caps form
};

// Canonical Roman numeral (I..MMMCMXCIX) spelled exactly like `s`?
bool IsCanonicalRoman(std::string_view s) {
  if (s.empty() || s.size() > 15) return false;
  auto value = [](char c) {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      case 'D': return 500;
      case 'M': return 1000;
      default: return 0;
    }
  };
  int total = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const int v = value(s[k]);
    if (v == 0) return false;
    const int next = k + 1 < s.size() ? value(s[k + 1]) : 0;
    total += v < next ? -v : v;
  }
  if (total <= 0 || total >= 4000) return false;
  static constexpr std::array<std::pair<int, std::string_view>, 13> kParts{{
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}};
  std::string canonical;
  for (const auto& [v, text] : kParts) {
    while (total >= v) {
      canonical += text;
      total -= v;
    }
  }
  return canonical == s;
}

// Two-letter words and common acronyms that are also valid Roman numerals:
// read as words (MI "we", VI "you", LI, DI; CV, CI).
bool IsRomanLookalikeWord(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kWords{"MI", "VI", "LI", "DI", "CV", "CI"};
  return std::find(kWords.begin(), kWords.end(), s) != kWords.end();
}

constexpr std::array<std::string_view, 41> kTopLevelDomains{
    "com", "net", "org", "info", "biz", "me", "rs", "ba", "hr", "si", "mk", "al", "de", "at",
    "ch", "uk", "eu", "us", "ru", "fr", "it", "es", "nl", "be", "pl", "cz", "sk", "hu", "ro",
    "bg", "gr", "tr", "ua", "io", "tv", "gov", "edu", "int", "co", "ai", "app"};

}  // namespace

std::string_view ScriptTag(Script script) {
  return script == Script::kLatin ? "cnr-Latn" : "cnr-Cyrl";
}

std::string DefaultDataDir() { return LOVCEN_DATA_DIR; }

std::optional<Script> LetterScript(char32_t c) {
  switch (ClassOf(c)) {
    case kLatinAlphabet:
    case kLatinForeign: return Script::kLatin;
    case kCyrillicAlphabet:
    case kCyrillicForeign: return Script::kCyrillic;
    default: return std::nullopt;
  }
}

bool IsMontenegrinLetter(char32_t c, Script script) {
  const LetterClass k = ClassOf(c);
  return script == Script::kLatin ? k == kLatinAlphabet : k == kCyrillicAlphabet;
}

// ---------------------------------------------------------------------------

struct Transliterator::Impl {
  TransliteratorOptions options;
  std::string rules_to_cyrillic;
  std::string rules_to_latin;
  std::optional<translit::RuleMachine> fast_to_cyrillic;
  std::optional<translit::RuleMachine> fast_to_latin;
  std::optional<translit::IcuRuleEngine> reference_to_cyrillic;
  std::optional<translit::IcuRuleEngine> reference_to_latin;
  std::size_t exception_count = 0;

  // Latin-only names by a hash of the first run of letters of the entry
  // (looked up without building a string; the entry text is compared).
  std::unordered_map<std::uint64_t, std::vector<LatinOnlyEntry>> latin_only;
  std::bitset<256> latin_only_first_byte;
  std::unordered_set<std::string> latin_only_exact;  // whole entries, for IsLatinOnlyName
  // Adopted acronyms (Latin form); explicit forms both ways.
  std::unordered_set<std::string> adopt;
  std::unordered_map<std::string, std::string> adopt_to_cyrillic;
  std::unordered_map<std::string, std::string> adopt_to_latin;
  std::vector<std::string> signature_labels;
  std::bitset<256> signature_first_byte;

  // Chunks (runs without white space) made only of "plain" characters need
  // no decision: lower-case letters of the source script's alphabet, digits
  // and punctuation that cannot start a link or markup. Per direction: the
  // class of each byte (0 plain letter, 5 other plain, 1 white space, 2 look
  // closer, 3 lead byte of a two-byte character, 4 '.' and ':') and, per lead
  // byte, its plain continuations.
  struct PlainTable {
    std::array<std::uint8_t, 256> byte{};
    std::array<std::bitset<64>, 32> second;  // lead bytes 0xC0..0xDF
    std::array<std::bitset<64>, 32> second_lower;  // ... that are lower-case letters
    std::bitset<64> third_after_e2_80;       // U+2000..U+203F punctuation
  };
  PlainTable plain_to_cyrillic, plain_to_latin;
  void BuildPlainTables();
  // End of the run of plain chunks from `i` on one line (before a line
  // break, or where the first chunk that is not plain begins), or npos when
  // the first chunk is not plain; `letter` tells whether the run holds a
  // letter.
  std::size_t PlainChunkEnd(const PlainTable& t, std::string_view text, std::size_t i,
                            bool* letter) const;

  Status Load();
  Status LoadExceptions(const std::string& dir, std::string* generated,
                        const translit::RuleMachine& base);
  Status AddLatinOnly(const std::string& entry, const std::string& where, int line);
  Status AddAdopt(const std::string& entry, const std::string& where, int line);

  // Calls protect(begin, end, replacement-or-null) for each protected region,
  // in order.
  template <class F>
  void Scan(std::string_view text, Script to, TextKind kind, bool at_line_start, F&& protect) const;

  void Convert(std::string_view span, Script to, TranslitEngine engine, std::string& out) const {
    if (span.empty()) return;
    if (engine == TranslitEngine::kReference && reference_to_cyrillic) {
      (to == Script::kCyrillic ? *reference_to_cyrillic : *reference_to_latin).Apply(span, out);
    } else {
      (to == Script::kCyrillic ? *fast_to_cyrillic : *fast_to_latin).Apply(span, out);
    }
  }

  void Run(std::string_view text, Script to, TextKind kind, TranslitEngine engine,
           bool at_line_start, std::string& out) const {
    std::size_t pos = 0;
    Scan(text, to, kind, at_line_start,
         [&](std::size_t begin, std::size_t end, const std::string* replacement) {
           if (begin > pos) Convert(text.substr(pos, begin - pos), to, engine, out);
           if (replacement) {
             out += *replacement;
           } else {
             out.append(text.substr(begin, end - begin));
           }
           pos = end;
         });
    if (pos < text.size()) Convert(text.substr(pos), to, engine, out);
  }

  // Length of a Latin-only name starting at `pos` (a word start), or 0.
  std::size_t MatchLatinOnly(std::string_view text, std::size_t pos, std::size_t word_end) const;
};

Status Transliterator::Impl::AddLatinOnly(const std::string& entry, const std::string& where,
                                          int line) {
  std::size_t i = 0;
  while (i < entry.size()) {
    std::size_t next = i;
    if (!IsLetterOrMark(NextCodePoint(entry, next))) break;
    i = next;
  }
  if (i == 0) return DataError(where, line, "a Latin-only name must begin with a letter");
  for (const std::string& form : {entry, IcuCase(entry, 1)}) {
    // Index each form by its own first run of letters (the all-caps form
    // may differ in length: ß -> SS).
    std::size_t k = 0;
    while (k < form.size()) {
      std::size_t next = k;
      if (!IsLetterOrMark(NextCodePoint(form, next))) break;
      k = next;
    }
    auto& bucket = latin_only[KeyHash(std::string_view(form).substr(0, k))];
    if (std::none_of(bucket.begin(), bucket.end(),
                     [&](const LatinOnlyEntry& e) { return e.text == form; })) {
      bucket.push_back({form});
      // Longest first, so "Al Jazeera Balkans" wins over "Al Jazeera".
      std::stable_sort(bucket.begin(), bucket.end(), [](const auto& a, const auto& b) {
        return a.text.size() > b.text.size();
      });
    }
    latin_only_first_byte.set(static_cast<unsigned char>(form[0]));
    latin_only_exact.insert(form);
  }
  return Status::Ok();
}

Status Transliterator::Impl::AddAdopt(const std::string& entry, const std::string& where, int line) {
  std::string_view e = entry;
  std::size_t sep = 0;
  while (sep < e.size() && !IsAsciiSpace(static_cast<unsigned char>(e[sep]))) ++sep;
  const std::string latin(e.substr(0, sep));
  const std::string cyrillic(TrimView(e.substr(sep)));
  bool foreign = false;
  std::size_t i = 0;
  while (i < latin.size()) {
    const LetterClass k = ClassOf(NextCodePoint(latin, i));
    if (k != kLatinAlphabet && k != kLatinForeign) {
      return DataError(where, line, "an adopted acronym is written in Latin letters: " + latin);
    }
    foreign |= k == kLatinForeign;
  }
  if (foreign && cyrillic.empty()) {
    return DataError(where, line,
                     "'" + latin + "' has letters outside the alphabet: give its Cyrillic form");
  }
  i = 0;
  while (i < cyrillic.size()) {
    if (ClassOf(NextCodePoint(cyrillic, i)) != kCyrillicAlphabet) {
      return DataError(where, line, "the Cyrillic form must be Cyrillic letters: " + cyrillic);
    }
  }
  adopt.insert(latin);
  if (!cyrillic.empty()) {
    adopt_to_cyrillic[latin] = cyrillic;
    adopt_to_latin[cyrillic] = latin;
  }
  return Status::Ok();
}

Status Transliterator::Impl::LoadExceptions(const std::string& dir, std::string* generated,
                                            const translit::RuleMachine& base) {
  const std::string path = dir + "/digraph-exceptions.txt";
  auto text = ReadDataFile(path);
  if (!text.ok()) return text.error();
  // Each stem becomes a rule that converts the part before the boundary on
  // its own and leaves the rest (the after-context) to the ordinary rules:
  // "od } žal" -> "од", so odžaljen still gets its љ.
  struct Generated {
    std::string pre, post, output;
    bool anywhere;
    int line;
  };
  std::vector<Generated> rules;
  std::unordered_map<std::string, std::size_t> by_key;
  for (const ListLine& l : ListLines(*text)) {
    std::string_view stem = l.text;
    const bool anywhere = !stem.empty() && stem[0] == '*';
    if (anywhere) stem.remove_prefix(1);
    const std::size_t bar = stem.find('|');
    if (bar == std::string_view::npos || bar == 0 || bar + 1 == stem.size() ||
        stem.find('|', bar + 1) != std::string_view::npos) {
      return DataError(path, l.line, "expected one stem with one '|' at the boundary: " + l.text);
    }
    const std::string pre(stem.substr(0, bar));
    const std::string post(stem.substr(bar + 1));
    for (const std::string& part : {pre, post}) {
      std::size_t i = 0;
      while (i < part.size()) {
        if (ClassOf(NextCodePoint(part, i)) != kLatinAlphabet) {
          return DataError(path, l.line, "a stem holds only Montenegrin Latin letters: " + l.text);
        }
      }
    }
    ++exception_count;
    // Lower case, title case and all caps: nadživ, Nadživ, NADŽIV.
    const std::string variants[3][2] = {
        {IcuCase(pre, 0), IcuCase(post, 0)},
        {IcuCase(pre, 2), IcuCase(post, 0)},
        {IcuCase(pre, 1), IcuCase(post, 1)},
    };
    for (const auto& v : variants) {
      Generated g{v[0], v[1], base.Apply(v[0]), anywhere, l.line};
      const std::string key = g.pre + "|" + g.post;
      if (auto found = by_key.find(key); found != by_key.end()) {
        if (rules[found->second].anywhere != anywhere) {
          return DataError(path, l.line, "stem '" + l.text + "' conflicts with line " +
                                             std::to_string(rules[found->second].line));
        }
        continue;
      }
      by_key[key] = rules.size();
      rules.push_back(std::move(g));
    }
  }
  // Longer stems first: ICU refuses a rule that an earlier, shorter one masks.
  std::stable_sort(rules.begin(), rules.end(), [](const Generated& a, const Generated& b) {
    return a.pre.size() + a.post.size() > b.pre.size() + b.post.size();
  });
  for (const Generated& g : rules) {
    *generated += "# line " + std::to_string(g.line) + ": " + g.pre + "|" + g.post + "\n";
    if (!g.anywhere) *generated += "[^[:L:][:M:]] { ";
    *generated += EscapeForRule(g.pre) + " } " + EscapeForRule(g.post) +
                  " > " + EscapeForRule(g.output) + " ;\n";
  }
  return Status::Ok();
}

Status Transliterator::Impl::Load() {
  const std::string dir =
      (options.data_dir.empty() ? DefaultDataDir() : options.data_dir) + "/translit";
  const std::string latin_path = dir + "/cnr-Latn-Cyrl.txt";
  const std::string cyrillic_path = dir + "/cnr-Cyrl-Latn.txt";
  auto to_cyrillic = ReadDataFile(latin_path);
  if (!to_cyrillic.ok()) return to_cyrillic.error();
  auto to_latin = ReadDataFile(cyrillic_path);
  if (!to_latin.ok()) return to_latin.error();

  // The exceptions are converted with the file's own rules, then inserted
  // where the file says.
  auto base = translit::RuleMachine::Compile(*to_cyrillic, latin_path);
  if (!base.ok()) return base.error();
  std::string generated;
  LOVCEN_RETURN_IF_ERROR(LoadExceptions(dir, &generated, *base));
  const std::size_t marker = to_cyrillic->find(kExceptionMarker);
  if (marker == std::string::npos) {
    return DataError(latin_path, 0,
                     "no '" + std::string(kExceptionMarker) + "' line to insert the exceptions at");
  }
  const std::size_t line_end = to_cyrillic->find('\n', marker);
  rules_to_cyrillic = to_cyrillic->substr(0, line_end == std::string::npos ? to_cyrillic->size()
                                                                           : line_end + 1) +
                      generated +
                      (line_end == std::string::npos ? "" : to_cyrillic->substr(line_end + 1));
  rules_to_latin = *to_latin;

  auto fast_c = translit::RuleMachine::Compile(rules_to_cyrillic, latin_path);
  if (!fast_c.ok()) return fast_c.error();
  fast_to_cyrillic.emplace(std::move(*fast_c));
  auto fast_l = translit::RuleMachine::Compile(rules_to_latin, cyrillic_path);
  if (!fast_l.ok()) return fast_l.error();
  fast_to_latin.emplace(std::move(*fast_l));
  if (options.with_reference) {
    auto ref_c = translit::IcuRuleEngine::Create(rules_to_cyrillic, latin_path);
    if (!ref_c.ok()) return ref_c.error();
    reference_to_cyrillic.emplace(std::move(*ref_c));
    auto ref_l = translit::IcuRuleEngine::Create(rules_to_latin, cyrillic_path);
    if (!ref_l.ok()) return ref_l.error();
    reference_to_latin.emplace(std::move(*ref_l));
  }

  const std::string latin_only_path = dir + "/latin-only.txt";
  auto latin_only_text = ReadDataFile(latin_only_path);
  if (!latin_only_text.ok()) return latin_only_text.error();
  for (const ListLine& l : ListLines(*latin_only_text)) {
    LOVCEN_RETURN_IF_ERROR(AddLatinOnly(l.text, latin_only_path, l.line));
  }
  for (const std::string& e : options.extra_latin_only) {
    LOVCEN_RETURN_IF_ERROR(AddLatinOnly(std::string(TrimView(e)), "extra Latin-only name", 0));
  }
  const std::string adopt_path = dir + "/adopt-acronyms.txt";
  auto adopt_text = ReadDataFile(adopt_path);
  if (!adopt_text.ok()) return adopt_text.error();
  for (const ListLine& l : ListLines(*adopt_text)) {
    LOVCEN_RETURN_IF_ERROR(AddAdopt(l.text, adopt_path, l.line));
  }
  for (const std::string& e : options.extra_adopt) {
    LOVCEN_RETURN_IF_ERROR(AddAdopt(std::string(TrimView(e)), "extra adopted acronym", 0));
  }
  const std::string labels_path = dir + "/signature-labels.txt";
  auto labels_text = ReadDataFile(labels_path);
  if (!labels_text.ok()) return labels_text.error();
  for (const ListLine& l : ListLines(*labels_text)) {
    signature_labels.push_back(l.text);
    signature_first_byte.set(static_cast<unsigned char>(l.text[0]));
  }
  BuildPlainTables();
  // Longest first, so "AUTORKA:" is not read as "AUTOR" + "KA:".
  std::stable_sort(signature_labels.begin(), signature_labels.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return Status::Ok();
}

void Transliterator::Impl::BuildPlainTables() {
  for (Script from : {Script::kLatin, Script::kCyrillic}) {
    PlainTable& t = from == Script::kLatin ? plain_to_cyrillic : plain_to_latin;
    auto plain = [&](char32_t c) {
      if (c < 0x80) {
        if (c == '@' || c == '<' || c == '&' || c == '`' || c == '[' ||
            c == ']' || c == '~' || c < 0x20 || c == 0x7F) {
          return false;  // links, markup, controls: the careful path decides
        }
        if (std::isupper(static_cast<int>(c))) return false;
        if (std::islower(static_cast<int>(c))) {
          return from == Script::kCyrillic ||  // Latin words in Cyrillic text are left alone
                 ClassOf(c) == kLatinAlphabet;
        }
        return true;  // digits, space-free punctuation
      }
      if (c == 0x301) return from == Script::kCyrillic;  // с́ з́
      if (IsLetterOrMark(c)) {
        const LetterClass k = ClassOf(c);
        return IsLowerLetter(c) &&
               k == (from == Script::kLatin ? kLatinAlphabet : kCyrillicAlphabet);
      }
      // Quotes and dashes (U+2013..U+201E, U+2026, U+00AB, U+00BB).
      return (c >= 0x2013 && c <= 0x201E) || c == 0x2026 || c == 0xAB || c == 0xBB;
    };
    for (int b = 0; b < 256; ++b) {
      if (b < 0x80) {
        t.byte[b] = IsAsciiSpace(static_cast<unsigned char>(b)) ? 1 : plain(static_cast<char32_t>(b)) ? 0 : 2;
        if (t.byte[b] == 0 && !(b >= 'a' && b <= 'z')) t.byte[b] = 5;  // plain, not a letter
        if (b == '.' || b == ':') t.byte[b] = 4;  // plain unless a link could go on
      } else {
        t.byte[b] = (b >= 0xC2 && b <= 0xDF) ? 3 : 2;  // E2 80 xx: checked in PlainChunkEnd
      }
    }
    for (int lead = 0xC2; lead <= 0xDF; ++lead) {
      for (int cont = 0; cont < 64; ++cont) {
        const char32_t c = (static_cast<char32_t>(lead & 0x1F) << 6) | static_cast<char32_t>(cont);
        t.second[lead - 0xC0][cont] = plain(c);
        t.second_lower[lead - 0xC0][cont] = plain(c) && IsLowerLetter(c);
      }
    }
    for (int cont = 0; cont < 64; ++cont) {
      t.third_after_e2_80[cont] = plain(0x2000 + static_cast<char32_t>(cont));
    }
  }
}

std::size_t Transliterator::Impl::PlainChunkEnd(const PlainTable& t, std::string_view text,
                                                std::size_t i, bool* letter) const {
  const std::size_t n = text.size();
  // Plain letters are lower case (a-z, or a two-byte lower-case letter): a
  // run holding one leaves a lower-case word as the previous word.
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::uint8_t* const byte = t.byte.data();
  const std::size_t start = i;
  std::size_t chunk = i;  // start of the chunk being read
  bool any = false;       // a letter before `chunk`
  bool here = false;      // a letter in the chunk being read
  // Called where the chunk being read turns out not to be plain.
  auto stop = [&]() -> std::size_t {
    *letter = any;
    return chunk > start ? chunk : std::string_view::npos;
  };
  while (i < n) {
    // Plain letters, ASCII or two-byte (Cyrillic, č ć š ž đ): the common
    // case, in a tight loop.
    while (i < n) {
      const std::uint8_t k = byte[s[i]];
      if (k == 0) {
        here = true;
        ++i;
        continue;
      }
      if (k == 3 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80 &&
          t.second_lower[s[i] - 0xC0][s[i + 1] & 0x3F]) {
        here = true;
        i += 2;
        continue;
      }
      break;
    }
    if (i >= n) break;
    const unsigned char b = s[i];
    switch (byte[b]) {
      case 5:  // digits and plain punctuation
        ++i;
        continue;
      case 1:  // white space: the chunk was plain; go on with the next
        if (b == '\n') {
          *letter = any || here;
          return i;
        }
        any |= here;
        here = false;
        ++i;
        chunk = i;
        continue;
      case 4:
        // "kraj." and "rekao je:" are plain; "vijesti.me" and "https:" are not.
        if (i + 1 < n && (IsAsciiAlpha(static_cast<char>(s[i + 1])) || s[i + 1] == '/')) return stop();
        ++i;
        continue;
      case 3:
        if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80 && t.second[b - 0xC0][s[i + 1] & 0x3F]) {
          here |= t.second_lower[b - 0xC0][s[i + 1] & 0x3F];
          i += 2;
          continue;
        }
        return stop();
      default:
        if (b == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
            t.third_after_e2_80[s[i + 2] & 0x3F]) {
          i += 3;
          continue;
        }
        return stop();
    }
  }
  *letter = any || here;
  return i;
}

std::size_t Transliterator::Impl::MatchLatinOnly(std::string_view text, std::size_t pos,
                                                 std::size_t word_end) const {
  auto bucket = latin_only.find(KeyHash(text.substr(pos, word_end - pos)));
  if (bucket == latin_only.end()) return 0;
  for (const LatinOnlyEntry& entry : bucket->second) {
    std::size_t t = pos;
    std::size_t k = 0;
    const std::string& e = entry.text;
    bool ok = true;
    while (k < e.size()) {
      if (e[k] == ' ') {
        // One space in an entry matches any run of white space.
        if (t >= text.size() || !IsAsciiSpace(static_cast<unsigned char>(text[t]))) {
          ok = false;
          break;
        }
        while (t < text.size() && IsAsciiSpace(static_cast<unsigned char>(text[t]))) ++t;
        ++k;
        continue;
      }
      if (t >= text.size() || text[t] != e[k]) {
        ok = false;
        break;
      }
      ++t;
      ++k;
    }
    if (!ok) continue;
    if (t < text.size()) {
      std::size_t next = t;
      const char32_t c = NextCodePoint(text, next);
      if (IsLetterOrMark(c) || IsDigit(c)) continue;  // not a whole word
    }
    return t - pos;
  }
  return 0;
}

namespace {

// Case of a word for the headline test: all caps needs two cased letters.
enum class WordCase { kNone, kAllCaps, kOther };

struct WordInfo {
  std::size_t end = 0;
  bool latin = false;          // has a Latin letter of any kind
  bool latin_foreign = false;  // a Latin letter outside the alphabet, or a mark in a Latin word
  bool cyrillic = false;
  bool cyrillic_foreign = false;
  int upper = 0;
  int lower = 0;
  bool roman_letters = true;  // only I V X L C D M
  WordCase Case() const {
    if (upper >= 2 && lower == 0) return WordCase::kAllCaps;
    return upper + lower > 0 ? WordCase::kOther : WordCase::kNone;
  }
};

WordInfo ReadWord(std::string_view text, std::size_t pos) {
  const std::uint16_t* table = translit::CodePointInfoTable();
  WordInfo w;
  std::size_t i = pos;
  unsigned classes = 0;  // bit k set when a letter of LetterClass k was seen
  std::uint16_t all = translit::kRomanBit;
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t next = i;
    const char32_t c = NextCodePoint(text, next);
    const std::uint16_t bits = CodePointInfo(table, c);
    if (!(bits & translit::kLetterOrMarkBit)) break;
    classes |= 1u << (bits & translit::kScriptMask);
    w.upper += (bits & translit::kUpperBit) != 0;
    w.lower += (bits & translit::kLowerBit) != 0;
    all &= bits;
    i = next;
  }
  w.latin = classes & ((1u << kLatinAlphabet) | (1u << kLatinForeign));
  w.latin_foreign = classes & (1u << kLatinForeign);
  w.cyrillic = classes & ((1u << kCyrillicAlphabet) | (1u << kCyrillicForeign));
  w.cyrillic_foreign = classes & (1u << kCyrillicForeign);
  w.roman_letters = (all & translit::kRomanBit) != 0;
  // A combining mark in a Latin word: not a Montenegrin letter (input is
  // NFC, so ś and ź are precomposed and never reach here as marks).
  if ((classes & (1u << kMark)) && w.latin && !w.cyrillic) w.latin_foreign = true;
  w.end = i;
  return w;
}

// Case of the next word on the same line after `pos`, looking past
// punctuation and spaces (not past a line break).
WordCase NextWordCase(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i < text.size()) {
    if (text[i] == '\n') return WordCase::kNone;
    std::size_t next = i;
    const char32_t c = NextCodePoint(text, next);
    if (IsLetterOrMark(c)) return ReadWord(text, i).Case();
    i = next;
  }
  return WordCase::kNone;
}

// ---- markup ---------------------------------------------------------------


// Length of an HTML/XML character reference at text[i] == '&', or 0.
std::size_t EntityLength(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  if (j < text.size() && text[j] == '#') {
    ++j;
    const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    const std::size_t digits = j;
    while (j < text.size() && (hex ? std::isxdigit(static_cast<unsigned char>(text[j]))
                                   : std::isdigit(static_cast<unsigned char>(text[j])))) {
      ++j;
    }
    if (j == digits) return 0;
  } else {
    const std::size_t name = j;
    while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    if (j == name || !IsAsciiAlpha(text[name])) return 0;
  }
  if (j < text.size() && text[j] == ';') return j + 1 - i;
  return 0;
}

// Length of a tag, comment, declaration or processing instruction at
// text[i] == '<', or 0 when '<' is just a character. Elements whose content
// is code (script, style, code, pre, kbd, samp, textarea) are taken whole.
std::size_t TagLength(std::string_view text, std::size_t i) {
  const std::size_t n = text.size();
  if (i + 1 >= n) return 0;
  if (text.compare(i, 4, "<!--") == 0) {
    const std::size_t end = text.find("-->", i + 4);
    return (end == std::string_view::npos ? n : end + 3) - i;
  }
  const char c = text[i + 1];
  const bool closing = c == '/';
  if (!(IsAsciiAlpha(c) || c == '!' || c == '?' || (closing && i + 2 < n && IsAsciiAlpha(text[i + 2])))) {
    return 0;
  }
  // A tag longer than this is taken for text: it bounds the work on an
  // unclosed quote, so that many of them cannot make the scan quadratic.
  constexpr std::size_t kMaxTag = 8192;
  const std::size_t limit = std::min(n, i + kMaxTag);
  std::size_t j = i + 1;
  char quote = 0;
  while (j < limit) {
    const char d = text[j];
    if (quote) {
      if (d == quote) quote = 0;
    } else if (d == '"' || d == '\'') {
      quote = d;
    } else if (d == '>') {
      break;
    } else if (d == '<') {
      return 0;  // not a tag after all
    }
    ++j;
  }
  if (j >= limit) return 0;
  std::size_t end = j + 1;
  if (!closing && IsAsciiAlpha(c) && text[j - 1] != '/') {
    std::size_t k = i + 1;
    while (k < n && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '-')) ++k;
    std::string name(text.substr(i + 1, k - i - 1));
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    static constexpr std::array<std::string_view, 7> kRaw{"script", "style", "code", "pre",
                                                          "kbd",    "samp",  "textarea"};
    if (std::find(kRaw.begin(), kRaw.end(), name) != kRaw.end()) {
      const std::string close = "</" + name;
      std::size_t p = end;
      while (p < n) {
        if (text[p] == '<' && StartsWithIgnoreCase(text, p, close)) {
          const std::size_t gt = text.find('>', p);
          return (gt == std::string_view::npos ? n : gt + 1) - i;
        }
        ++p;
      }
      return n - i;
    }
  }
  return end - i;
}

std::size_t LineEnd(std::string_view text, std::size_t i) {
  const std::size_t e = text.find('\n', i);
  return e == std::string_view::npos ? text.size() : e;
}

// Markdown constructs whose text must not change, at text[i].
std::size_t MarkdownLength(std::string_view text, std::size_t i, bool line_start) {
  const std::size_t n = text.size();
  const char c = text[i];
  if (line_start) {
    std::size_t j = i;
    while (j < n && j - i < 3 && text[j] == ' ') ++j;
    if (j < n && (text[j] == '`' || text[j] == '~')) {
      const char fence = text[j];
      std::size_t k = j;
      while (k < n && text[k] == fence) ++k;
      const std::size_t width = k - j;
      if (width >= 3) {
        // Up to and including the closing fence line.
        std::size_t p = LineEnd(text, k);
        while (p < n) {
          const std::size_t line = p + 1;
          std::size_t q = line;
          while (q < n && q - line < 3 && text[q] == ' ') ++q;
          std::size_t r = q;
          while (r < n && text[r] == fence) ++r;
          const std::size_t end = LineEnd(text, line);
          if (r - q >= width && TrimView(text.substr(r, end - r)).empty()) return end - i;
          p = end;
        }
        return n - i;
      }
    }
    if (j < n && text[j] == '[') {  // reference definition "[label]: url"
      const std::size_t end = LineEnd(text, j);
      const std::size_t close = text.substr(j, end - j).find(']');
      if (close != std::string_view::npos && j + close + 1 < n && text[j + close + 1] == ':') {
        return end - i;
      }
    }
  }
  if (c == '`') {
    std::size_t k = i;
    while (k < n && text[k] == '`') ++k;
    const std::size_t width = k - i;
    std::size_t p = k;
    while (p < n) {
      if (text[p] == '\n' && p + 1 < n && text[p + 1] == '\n') return 0;  // not across paragraphs
      if (text[p] == '`') {
        std::size_t q = p;
        while (q < n && text[q] == '`') ++q;
        if (q - p == width) return q - i;
        p = q;
      } else {
        ++p;
      }
    }
    return 0;
  }
  if (c == '<') {
    // Autolink <scheme:...> or <user@host>, else a tag.
    std::size_t j = i + 1;
    while (j < n && text[j] != '>' && text[j] != '<' && !IsAsciiSpace(static_cast<unsigned char>(text[j]))) ++j;
    if (j < n && text[j] == '>') {
      const std::string_view inner = text.substr(i + 1, j - i - 1);
      if (inner.find(':') != std::string_view::npos || inner.find('@') != std::string_view::npos) {
        return j + 1 - i;
      }
    }
    return TagLength(text, i);
  }
  if (c == ']' && i + 1 < n && (text[i + 1] == '(' || text[i + 1] == '[')) {
    // Link destination "(...)" (with nested parentheses) or reference "[label]".
    const char open = text[i + 1];
    const char close = open == '(' ? ')' : ']';
    int depth = 0;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (text[j] == '\\') {
        ++j;
        continue;
      }
      if (text[j] == '\n') break;  // a link target or label stays on its line
      if (text[j] == open) ++depth;
      if (text[j] == close && --depth == 0) return j + 1 - i;
    }
    return 0;
  }
  if (c == '&') return EntityLength(text, i);
  return 0;
}

std::size_t MarkupLength(std::string_view text, std::size_t i, TextKind kind, bool line_start) {
  if (kind == TextKind::kHtml) {
    if (text[i] == '<') return TagLength(text, i);
    if (text[i] == '&') return EntityLength(text, i);
    return 0;
  }
  return MarkdownLength(text, i, line_start);
}

// ---- links ----------------------------------------------------------------

bool IsClosingPunct(char32_t c) {
  switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '\'': case '"':
    case ')': case ']': case '}': case 0x00BB: case 0x201C: case 0x201D: case 0x2019:
    case 0x2026: case 0x203A:
      return true;
    default:
      return false;
  }
}

// Trims trailing punctuation that belongs to the sentence, not the link.
std::size_t TrimLinkEnd(std::string_view text, std::size_t begin, std::size_t end) {
  while (end > begin) {
    std::size_t prev = end;
    const char32_t c = translit::PrevCodePoint(text, prev);
    if (prev < begin || !IsClosingPunct(c)) break;
    if (c == ')') {
      const std::string_view link = text.substr(begin, end - begin);
      const auto opens = std::count(link.begin(), link.end(), '(');
      const auto closes = std::count(link.begin(), link.end(), ')');
      if (closes <= opens) break;  // balanced: part of the URL
    }
    end = prev;
  }
  return end;
}

// End of a dotted domain at `i` whose last label is a known top-level
// domain in lower case ("vijesti.me"), or `i` when there is none. With
// `any_tld` (after an '@') any alphabetic top-level domain will do, and
// internationalised names (пример.срб) too.
std::size_t DomainEnd(std::string_view text, std::size_t i, std::size_t limit, bool any_tld) {
  std::size_t j = i;
  while (j < limit) {
    const auto c = static_cast<unsigned char>(text[j]);
    if (std::isalnum(c) || c == '-' || c == '.') {
      ++j;
      continue;
    }
    std::size_t next = j;
    if (!any_tld || c < 0x80 || !IsLetterOrMark(NextCodePoint(text, next))) break;
    j = next;
  }
  while (j > i && (text[j - 1] == '.' || text[j - 1] == '-')) --j;
  const std::string_view domain = text.substr(i, j - i);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return i;
  if (domain.find("..") != std::string_view::npos) return i;
  const std::string_view tld = domain.substr(dot + 1);
  if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), [&](char c) {
        return IsAsciiAlpha(c) || (any_tld && static_cast<unsigned char>(c) >= 0x80);
      })) {
    return i;
  }
  if (!any_tld && std::find(kTopLevelDomains.begin(), kTopLevelDomains.end(), tld) ==
                      kTopLevelDomains.end()) {
    return i;
  }
  return j;
}

// The first URL, e-mail address or bare domain in the chunk [begin, end)
// (a run without white space), as [first, second); {end, end} if none.
// The flags say what the chunk holds: "://", '@', a '.' before a letter, ':'.
struct ChunkFlags {
  bool scheme = false, at = false, dot = false, colon = false;
  bool any() const { return scheme || at || dot || colon; }
};

std::pair<std::size_t, std::size_t> FindLink(std::string_view text, std::size_t begin,
                                             std::size_t end, const ChunkFlags& flags) {
  const bool has_scheme = flags.scheme;
  const bool has_at = flags.at;
  const bool has_dot = flags.dot;
  // Skip opening punctuation: a bare domain starts at its first letter or digit.
  std::size_t s = begin;
  while (s < end) {
    std::size_t next = s;
    const char32_t c = NextCodePoint(text, next);
    if (IsLetterOrMark(c) || IsDigit(c)) break;
    s = next;
  }
  if (s >= end) return {end, end};
  const std::string_view chunk = text.substr(begin, end - begin);
  auto alnum = [&](std::size_t k) { return std::isalnum(static_cast<unsigned char>(text[k])) != 0; };
  // A scheme, "www." or "mailto:" may sit anywhere in the chunk ("[veza](https://...)",
  // "(www.x.me)"): the link starts at the first of them not glued to a word before.
  if (has_scheme) {
    const std::size_t colon = begin + chunk.find("://");
    std::size_t k = colon;
    while (k > begin && (alnum(k - 1) || text[k - 1] == '+' || text[k - 1] == '.' || text[k - 1] == '-')) --k;
    while (k < colon && !IsAsciiAlpha(text[k])) ++k;  // a scheme starts with a letter
    if (k < colon) return {k, TrimLinkEnd(text, k, end)};
  }
  for (std::string_view prefix : {std::string_view("www."), std::string_view("mailto:")}) {
    for (std::size_t k = begin; k + prefix.size() <= end; ++k) {
      if (StartsWithIgnoreCase(text, k, prefix) && (k == begin || !alnum(k - 1))) {
        return {k, TrimLinkEnd(text, k, end)};
      }
    }
  }
  if (has_at) {
    const std::size_t at = begin + chunk.find('@');
    std::size_t k = at;
    while (k > begin && (alnum(k - 1) || std::string_view("._%+-").find(text[k - 1]) != std::string_view::npos)) {
      --k;
    }
    while (k < at && !alnum(k)) ++k;  // not from a dot or dash
    if (k < at) {
      const std::size_t domain_end = DomainEnd(text, at + 1, end, true);
      if (domain_end > at + 1) return {k, domain_end};
    }
  }
  if (has_dot) {
    const std::size_t domain_end = DomainEnd(text, s, end, false);
    if (domain_end > s) {
      if (domain_end < end && text[domain_end] == '/') return {s, TrimLinkEnd(text, s, end)};
      return {s, domain_end};
    }
  }
  return {end, end};
}

// True when the word at `pos` opens a sentence or a line (so its capital
// says nothing about it being a name).
bool SentenceInitial(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  if (i == 0) return true;
  std::size_t prev = i;
  const char32_t c = translit::PrevCodePoint(text, prev);
  return c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == 0x201E ||
         c == 0x201C || c == 0x00AB || c == 0x2026;
}

}  // namespace

template <class F>
void Transliterator::Impl::Scan(std::string_view text, Script to, TextKind kind,
                                bool at_line_start, F&& protect) const {
  const std::size_t n = text.size();
  std::size_t i = 0;
  bool line_start = at_line_start;
  bool chunk_start = true;
  std::size_t link_begin = n, link_end = n;
  WordCase prev_case = WordCase::kNone;
  const bool to_cyrillic = to == Script::kCyrillic;
  const PlainTable& plain = to_cyrillic ? plain_to_cyrillic : plain_to_latin;
  // The previous word, for a foreign name that spans words (Steve Witkoff).
  struct {
    std::size_t begin = 0, end = 0;
    bool capital = false, latin = false, kept = true;
  } prev;
  // End of the last foreign word kept (or word kept with it): the next
  // capitalised word after one space belongs to the same name (New York Times).
  std::size_t foreign_end = std::string_view::npos;

  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (kind != TextKind::kPlain && (b == '<' || b == '&' || b == '`' || b == ']' || b == '[' ||
                                     b == '~' || (b == ' ' && line_start))) {
      if (const std::size_t m = MarkupLength(text, i, kind, line_start); m > 0) {
        protect(i, i + m, nullptr);
        i += m;
        // In HTML a tag also opens a line of text (<p>AUTOR: ...).
        line_start = text[i - 1] == '\n' || (kind == TextKind::kHtml && text[i - m] == '<');
        chunk_start = true;
        continue;
      }
    }
    if (line_start) {
      line_start = false;
      if (options.keep_signatures) {
        std::size_t j = i;
        while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
        const std::string* label = nullptr;
        if (j < n && signature_first_byte[static_cast<unsigned char>(text[j])])
        for (const std::string& l : signature_labels) {
          if (text.compare(j, l.size(), l) == 0) {
            label = &l;
            break;
          }
        }
        if (label) {
          // The label itself is transliterated; the signature after it is not.
          const std::size_t start = j + label->size();
          std::size_t stop = LineEnd(text, start);
          if (kind != TextKind::kPlain) {  // the signature ends at markup
            const std::size_t lt = text.substr(start, stop - start).find('<');
            if (lt != std::string_view::npos) stop = start + lt;
          }
          while (stop > start && (text[stop - 1] == '\r' || text[stop - 1] == ' ')) --stop;
          if (stop > start) protect(start, stop, nullptr);
          i = stop;
          chunk_start = false;
          continue;
        }
      }
    }
    if (b == '\n') {
      line_start = true;
      chunk_start = true;
      prev_case = WordCase::kNone;
      prev.kept = true;
      foreign_end = std::string_view::npos;
      ++i;
      continue;
    }
    if (IsAsciiSpace(b)) {
      chunk_start = true;
      ++i;
      continue;
    }
    if (chunk_start) {
      // Most chunks are plain words: skip them whole, leaving the word
      // context as the careful path would (a lower-case word, not kept).
      bool letter = false;
      if (const std::size_t plain_end = PlainChunkEnd(plain, text, i, &letter);
          plain_end != std::string_view::npos) {
        if (letter) prev_case = WordCase::kOther;
        if (plain_end > i) {
          prev.kept = true;  // a plain word is never the first half of a foreign name
          foreign_end = std::string_view::npos;
          // At white space, a line break or the start of a chunk that is not
          // plain: in each case the next step starts a chunk.
          chunk_start = true;
          i = plain_end;
          continue;
        }
      }
      // One pass to the end of the chunk, noting what a link would need.
      chunk_start = false;
      ChunkFlags flags;
      std::size_t end = i;
      const bool markup = kind != TextKind::kPlain;
      // 0: ordinary byte, 1: ends the chunk, 2: worth a closer look.
      static constexpr auto kChunkByte = [] {
        std::array<std::uint8_t, 256> t{};
        for (unsigned char b : {' ', '\t', '\n', '\r', '\f', '\v'}) t[b] = 1;
        for (unsigned char b : {':', '@', '.', '<'}) t[b] = 2;
        return t;
      }();
      while (end < n) {
        const auto d = static_cast<unsigned char>(text[end]);
        const std::uint8_t kind_of_byte = kChunkByte[d];
        if (kind_of_byte == 0) {
          ++end;
          continue;
        }
        if (kind_of_byte == 1) break;
        if (d == ':') {
          flags.colon = true;
          if (end + 2 < n && text[end + 1] == '/' && text[end + 2] == '/') flags.scheme = true;
        } else if (d == '@') {
          flags.at = true;
        } else if (d == '.') {
          if (end + 1 < n && IsAsciiAlpha(text[end + 1])) flags.dot = true;
        } else if (d == '<' && markup) {
          break;
        }
        ++end;
      }
      link_begin = link_end = n;
      if (flags.any()) {
        std::tie(link_begin, link_end) = FindLink(text, i, end, flags);
        if (link_begin == end) link_begin = link_end = n;
      }
    }
    if (i == link_begin) {
      protect(link_begin, link_end, nullptr);
      i = link_end;
      link_begin = link_end = n;
      continue;
    }
    std::size_t next = i;
    const char32_t c = NextCodePoint(text, next);
    if (!IsLetterOrMark(c)) {
      i = next;
      continue;
    }

    // A word.
    const WordInfo w = ReadWord(text, i);
    const WordCase word_case = w.Case();
    const std::string_view word = text.substr(i, w.end - i);
    auto isolated = [&] {
      return prev_case != WordCase::kAllCaps && NextWordCase(text, w.end) != WordCase::kAllCaps;
    };
    const bool capital = IsUpperLetter(c);
    if (to_cyrillic) {
      if (w.latin && latin_only_first_byte[b]) {
        if (const std::size_t len = MatchLatinOnly(text, i, w.end); len > 0) {
          protect(i, i + len, nullptr);
          i += len;
          prev_case = WordCase::kOther;
          prev.kept = true;
          foreign_end = std::string_view::npos;
          continue;
        }
      }
      bool kept = false;
      bool foreign = false;
      if (w.latin) {
        if (!adopt_to_cyrillic.empty() && word_case == WordCase::kAllCaps) {
          if (auto found = adopt_to_cyrillic.find(std::string(word)); found != adopt_to_cyrillic.end()) {
            protect(i, w.end, &found->second);
            i = w.end;
            prev_case = word_case;
            prev.kept = true;
            foreign_end = std::string_view::npos;
            continue;
          }
        }
        std::size_t begin = i;
        if (options.keep_foreign_words && w.latin_foreign) {
          kept = foreign = true;
          // A capitalised word just before it, not opening the sentence, is
          // part of the same name: Steve Witkoff.
          if (capital && !prev.kept && prev.capital && prev.latin && prev.end + 1 == i &&
              text[prev.end] == ' ' && !SentenceInitial(text, prev.begin)) {
            begin = prev.begin;
          }
        } else if (options.keep_foreign_words && capital && foreign_end != std::string_view::npos &&
                   foreign_end + 1 == i && text[foreign_end] == ' ') {
          kept = foreign = true;  // New York Times, Washington Post
        } else if (options.keep_roman_numerals && w.roman_letters && word.size() >= 2 &&
                   IsCanonicalRoman(word) && !IsRomanLookalikeWord(word) && isolated()) {
          kept = true;
        } else if (options.acronyms == AcronymPolicy::kAdoptListOnly &&
                   word_case == WordCase::kAllCaps && !adopt.count(std::string(word)) &&
                   isolated()) {
          kept = true;
        }
        if (kept) protect(begin, w.end, nullptr);
      }
      foreign_end = foreign ? w.end : std::string_view::npos;
      prev = {i, w.end, capital, w.latin && !w.latin_foreign, kept};
    } else if (w.cyrillic) {
      if (!adopt_to_latin.empty() && word_case == WordCase::kAllCaps) {
        if (auto found = adopt_to_latin.find(std::string(word));
            found != adopt_to_latin.end() && isolated()) {
          protect(i, w.end, &found->second);
          i = w.end;
          prev_case = word_case;
          continue;
        }
      }
      if (options.keep_foreign_words && w.cyrillic_foreign) protect(i, w.end, nullptr);
    }
    prev_case = word_case;
    i = w.end;
  }
}

// ---------------------------------------------------------------------------

Transliterator::Transliterator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Transliterator::Transliterator(Transliterator&&) noexcept = default;
Transliterator& Transliterator::operator=(Transliterator&&) noexcept = default;
Transliterator::~Transliterator() = default;

Result<Transliterator> Transliterator::Create(const TransliteratorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  LOVCEN_RETURN_IF_ERROR(impl->Load());
  return Transliterator(std::move(impl));
}

namespace {

// Input is meant to be NFC, but a decomposed diacritic (U+0300..U+036F,
// lead bytes 0xCC and 0xCD) would keep "s" + U+0301 from being read as ś:
// such text is composed first. с́ and з́ (с/з + U+0301) have no precomposed
// form, so they alone do not call for it.
bool MayNeedNfc(std::string_view text) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  // Any of U+0340..U+037F (lead byte 0xCD) is decisive at once.
  if (std::memchr(begin, 0xCD, text.size()) != nullptr) return true;
  const char* p = begin;
  while (p < end) {
    const auto* q = static_cast<const char*>(std::memchr(p, 0xCC, static_cast<std::size_t>(end - p)));
    if (!q) return false;
    // U+0301 is CC 81; с з С З are D1 81, D0 B7, D0 A1, D0 97.
    const bool acute = q + 1 < end && static_cast<unsigned char>(q[1]) == 0x81;
    const auto b2 = q - begin >= 2 ? static_cast<unsigned char>(q[-2]) : 0;
    const auto b1 = q - begin >= 1 ? static_cast<unsigned char>(q[-1]) : 0;
    const bool after_s_or_z =
        (b2 == 0xD1 && b1 == 0x81) || (b2 == 0xD0 && (b1 == 0xB7 || b1 == 0xA1 || b1 == 0x97));
    if (!(acute && after_s_or_z)) return true;
    p = q + 2;
  }
  return false;
}

}  // namespace

std::string Transliterator::Transliterate(std::string_view text, Script to, TextKind kind,
                                          TranslitEngine engine) const {
  std::string composed;
  if (MayNeedNfc(text)) {
    composed = ToNfc(text);
    text = composed;
  }
  std::string out;
  // Room for the worst case up front: the engine then never reallocates.
  const auto& machine = to == Script::kCyrillic ? *impl_->fast_to_cyrillic : *impl_->fast_to_latin;
  out.reserve(text.size() * std::max<std::size_t>(machine.max_growth(), 2) + 64);
  impl_->Run(text, to, kind, engine, true, out);
  return out;
}

Segment Transliterator::Transliterate(const Segment& segment, Script to,
                                      TranslitEngine engine) const {
  Segment result;
  result.codes = segment.codes;
  const std::string_view text = segment.text;
  std::vector<std::size_t> cuts;
  for (const InlineCode& code : segment.codes) cuts.push_back(std::min(code.offset, text.size()));
  cuts.push_back(text.size());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::unordered_map<std::size_t, std::size_t> moved;
  moved[0] = 0;
  std::size_t pos = 0;
  for (std::size_t cut : cuts) {
    if (cut > pos) {
      std::string_view piece = text.substr(pos, cut - pos);
      std::string composed;
      if (MayNeedNfc(piece)) {
        composed = ToNfc(piece);
        piece = composed;
      }
      const bool at_line_start = pos == 0 || text[pos - 1] == '\n';
      impl_->Run(piece, to, TextKind::kPlain, engine, at_line_start, result.text);
    }
    moved[cut] = result.text.size();
    pos = cut;
  }
  for (InlineCode& code : result.codes) code.offset = moved[std::min(code.offset, text.size())];
  return result;
}

bool Transliterator::IsLatinOnlyName(std::string_view name) const {
  return impl_->latin_only_exact.count(std::string(name)) > 0;
}

std::vector<ScriptMismatch> Transliterator::FindScriptMismatches(std::string_view text,
                                                                 Script expected,
                                                                 TextKind kind) const {
  std::vector<ScriptMismatch> found;
  auto check_span = [&](std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    while (i < end) {
      std::size_t next = i;
      const char32_t c = NextCodePoint(text, next);
      if (!IsLetterOrMark(c)) {
        i = next;
        continue;
      }
      const WordInfo w = ReadWord(text.substr(0, end), i);
      const bool wrong = expected == Script::kLatin ? w.cyrillic : w.latin;
      if (wrong) found.push_back({i, w.end, std::string(text.substr(i, w.end - i))});
      i = w.end;
    }
  };
  std::size_t pos = 0;
  impl_->Scan(text, expected, kind, true,
              [&](std::size_t begin, std::size_t end, const std::string* replacement) {
                if (begin > pos) check_span(pos, begin);
                // An explicit adopted form (WADA in Cyrillic text) is itself a mismatch.
                if (replacement) found.push_back({begin, end, std::string(text.substr(begin, end - begin))});
                pos = end;
              });
  if (pos < text.size()) check_span(pos, text.size());
  return found;
}

bool Transliterator::has_reference() const { return impl_->reference_to_cyrillic.has_value(); }

const std::string& Transliterator::rules(Script to) const {
  return to == Script::kCyrillic ? impl_->rules_to_cyrillic : impl_->rules_to_latin;
}

std::size_t Transliterator::exception_count() const { return impl_->exception_count; }

}  // namespace lovcen
