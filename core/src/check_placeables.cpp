// number-mismatch (numbers, dates and times compared by value, each side read
// in its own language: "1,500.5" en equals "1.500,5" de; "05-Apr-2025" equals
// "5. april 2025.") and placeable-mismatch (URLs and e-mail addresses, which
// must come through as written). Both pair the values of source and target
// as multisets: what the source has and the target lacks is missing, the rest
// of the target is extra.
#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include "check_internal.h"
#include "lovcen/placeable.h"

namespace lovcen::internal {
namespace {

// --- numbers, dates and times ------------------------------------------------
// Values are compared as atoms: a number is one atom (its value, "1,500.5" en
// and "1.500,5" de give the same atom); a time is one atom (hour and minute);
// a date gives an atom for its day and one for its year (as numbers), and its
// month separately. The split lets a range written as two dates in one
// language and as numbers plus one date in another compare equal ("July 5 to
// July 20, 2025" ~ "5. do 20. jula 2025."), while a wrong day, year or month
// still differs. Months are compared as sets (a month named once covers both
// ends of a range). English ordinals ("25th") are numbers; small numbers
// written as words (one..twelve, first..tenth and their de/cnr forms) cancel the
// digit on the other side.

struct Atom {
  std::string value;  // "N:1500.5", "T:19:30", "M:7"
  Span span;
  std::string text;  // the token as written, for the message
};

std::string Canonical(const NumberValue& n) {
  std::string integer = n.integer;
  while (integer.size() > 1 && integer[0] == '0') integer.erase(0, 1);
  std::string fraction = n.fraction;
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (integer.empty()) integer = "0";
  return std::string(n.negative ? "-" : "") + integer + (fraction.empty() ? "" : "." + fraction);
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// 1..12 for a number word of `language` (cnr words by their stem, so that
// inflected forms count: treći, trećeg), else 0.
int NumberWord(std::string_view word, const LanguageTag& language) {
  // Every word of every pair comes here: no allocation, and a table entry is
  // compared only when its length and first byte fit.
  constexpr std::size_t kLongest = 24;  // longer than any entry with its longest ending
  if (word.size() < 3 || word.size() > kLongest) return 0;  // the shortest entry has 3 bytes
  // Every entry starts with one of these (ASCII letters of the tables, and
  // every non-ASCII lead byte, as of č, š, ć and Cyrillic): most words stop here.
  const unsigned char first = static_cast<unsigned char>(word[0]) | 0x20;
  if (first < 0x80 &&
      std::string_view("otfsenzavdjp").find(static_cast<char>(first)) == std::string_view::npos) {
    return 0;
  }
  std::array<char, kLongest> folded;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];  // ASCII letters only, as the tables need
    folded[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view w(folded.data(), word.size());
  struct Entry {
    std::string_view word;
    int value;
  };
  static constexpr Entry kEnglish[] = {
      {"one", 1},     {"two", 2},    {"three", 3}, {"four", 4},   {"five", 5},    {"six", 6},
      {"seven", 7},   {"eight", 8},  {"nine", 9},  {"ten", 10},   {"eleven", 11}, {"twelve", 12},
      {"first", 1},   {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5},   {"sixth", 6},
      {"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}, {"twice", 2}};
  static constexpr Entry kGerman[] = {
      {"zwei", 2},   {"drei", 3},    {"vier", 4},   {"fünf", 5},    {"sechs", 6},   {"sieben", 7},
      {"acht", 8},   {"neun", 9},    {"zehn", 10},  {"elf", 11},    {"zwölf", 12},  {"erste", 1},
      {"ersten", 1}, {"erster", 1},  {"zweite", 2}, {"zweiten", 2}, {"dritte", 3},  {"dritten", 3},
      {"vierte", 4}, {"vierten", 4}, {"fünfte", 5}, {"fünften", 5}, {"zweimal", 2}, {"dreimal", 3}};
  // Stems: the word must start with one and be at most 4 bytes longer.
  static constexpr Entry kLatin[] = {
      {"jedan", 1},     {"dva", 2},   {"dvije", 2}, {"tri", 3},   {"četiri", 4}, {"pet", 5},
      {"šest", 6},      {"sedam", 7}, {"osam", 8},  {"devet", 9}, {"deset", 10}, {"jedanaest", 11},
      {"dvanaest", 12}, {"prv", 1},   {"drug", 2},  {"treć", 3},  {"četvrt", 4}, {"pet", 5},
      {"šest", 6},      {"sedm", 7},  {"osm", 8},   {"devet", 9}, {"deset", 10}};
  static constexpr Entry kCyrillic[] = {
      {"један", 1},  {"два", 2},        {"двије", 2},     {"три", 3},  {"четири", 4},
      {"пет", 5},    {"шест", 6},       {"седам", 7},     {"осам", 8}, {"девет", 9},
      {"десет", 10}, {"једанаест", 11}, {"дванаест", 12}, {"прв", 1},  {"друг", 2},
      {"трећ", 3},   {"четврт", 4},     {"седм", 7},      {"осм", 8}};
  auto exact = [&](const auto& table) {
    for (const Entry& e : table) {
      if (e.word.size() == w.size() && e.word[0] == w[0] && e.word == w) return e.value;
    }
    return 0;
  };
  auto stem = [&](const auto& table) {
    for (const Entry& e : table) {
      const std::string_view s = e.word;
      if (w.size() >= s.size() && w.size() <= s.size() + 6 && s[0] == w[0] &&
          w.substr(0, s.size()) == s)
        return e.value;
    }
    return 0;
  };
  switch (language.language()) {
    case Language::kEnglish:
      return exact(kEnglish);
    case Language::kGerman:
      return exact(kGerman);
    case Language::kMontenegrinLatin:
      return stem(kLatin);
    case Language::kMontenegrinCyrillic:
      return stem(kCyrillic);
  }
  return 0;
}

std::vector<Atom> NumberAtoms(std::span<const Token> tokens, std::string_view text,
                              const LanguageTag& language, std::vector<int>* number_words) {
  std::vector<Atom> out;
  for (const Token& t : tokens) {
    const std::string_view tt = t.text(text);
    const Span span{t.begin, t.end};
    if (t.kind == TokenKind::kWord) {
      // English ordinals: 25th, 1st, 2nd, 3rd.
      if (language.language() == Language::kEnglish && tt.size() > 2 &&
          IsDigits(tt.substr(0, tt.size() - 2))) {
        const std::string_view suffix = tt.substr(tt.size() - 2);
        if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
          NumberValue n;
          n.integer = std::string(tt.substr(0, tt.size() - 2));
          out.push_back({"N:" + Canonical(n), span, std::string(tt)});
          continue;
        }
      }
      if (const int v = NumberWord(tt, language); v > 0) number_words->push_back(v);
      continue;
    }
    if (t.kind != TokenKind::kNumber && t.kind != TokenKind::kDate && t.kind != TokenKind::kTime)
      continue;
    auto v = ParsePlaceable(t.kind, tt, language);
    if (!v.ok()) continue;  // a token the tokenizer cut but no value can be read from
    const std::string written(tt);
    if (t.kind == TokenKind::kNumber) {
      out.push_back({"N:" + Canonical(v->number), span, written});
    } else if (t.kind == TokenKind::kTime) {
      out.push_back({"T:" + std::to_string(v->time.hour) + ":" + std::to_string(v->time.minute),
                     span, written});
    } else {
      out.push_back({"N:" + std::to_string(v->date.day), span, written});
      if (v->date.year != 0) out.push_back({"N:" + std::to_string(v->date.year), span, written});
      out.push_back({"M:" + std::to_string(v->date.month), span, written});
    }
  }
  return out;
}

// A small integer (1..12) atom that a number word on the other side stands for.
bool CoveredByWord(const Atom& a, std::vector<int>& words) {
  if (a.value.size() < 3 || a.value[0] != 'N' || !IsDigits(a.value.substr(2))) return false;
  const int v = std::stoi(a.value.substr(2));
  for (auto it = words.begin(); it != words.end(); ++it) {
    if (*it == v) {
      words.erase(it);
      return true;
    }
  }
  return false;
}

void CompareNumbers(const CheckedPair& pair, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  if (!item.target || item.target->text.empty()) return;  // untranslated reports that
  std::vector<int> src_words, tgt_words;
  auto src = NumberAtoms(pair.source_tokens, item.source.text, item.source_language, &src_words);
  auto tgt = NumberAtoms(pair.target_tokens, item.target->text, item.target_language, &tgt_words);
  if (src.empty() && tgt.empty()) return;
  std::set<std::string> src_months, tgt_months;
  for (const Atom& a : src) {
    if (a.value[0] == 'M') src_months.insert(a.value);
  }
  for (const Atom& a : tgt) {
    if (a.value[0] == 'M') tgt_months.insert(a.value);
  }
  std::vector<bool> used(tgt.size(), false);
  std::vector<Span> missing_spans, extra_spans;
  std::vector<std::string> missing, extra;
  auto note = [](std::vector<std::string>& list, const std::string& text) {
    const std::string q = Quote(text);
    if (std::find(list.begin(), list.end(), q) == list.end()) list.push_back(q);
  };
  auto add_span = [](std::vector<Span>& spans, Span s) {
    if (std::find(spans.begin(), spans.end(), s) == spans.end()) spans.push_back(s);
  };
  for (const Atom& s : src) {
    if (s.value[0] == 'M') continue;
    bool found = false;
    for (std::size_t j = 0; j < tgt.size() && !found; ++j) {
      if (!used[j] && tgt[j].value == s.value) used[j] = found = true;
    }
    if (!found && !CoveredByWord(s, tgt_words)) {
      add_span(missing_spans, s.span);
      note(missing, s.text);
    }
  }
  for (std::size_t j = 0; j < tgt.size(); ++j) {
    if (used[j] || tgt[j].value[0] == 'M') continue;
    if (CoveredByWord(tgt[j], src_words)) continue;
    add_span(extra_spans, tgt[j].span);
    note(extra, tgt[j].text);
  }
  if (!src_months.empty() && !tgt_months.empty() && src_months != tgt_months) {
    for (const Atom& a : src) {
      if (a.value[0] == 'M' && !tgt_months.count(a.value)) {
        add_span(missing_spans, a.span);
        note(missing, a.text);
      }
    }
    for (const Atom& a : tgt) {
      if (a.value[0] == 'M' && !src_months.count(a.value)) {
        add_span(extra_spans, a.span);
        note(extra, a.text);
      }
    }
  }
  if (missing.empty() && extra.empty()) return;
  auto join = [](const std::vector<std::string>& list) {
    std::string out;
    for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
    return out;
  };
  std::string message;
  if (!missing.empty()) message = "number or date missing in target: " + join(missing);
  if (!extra.empty())
    message +=
        (message.empty() ? "" : "; ") + std::string("in target, not in source: ") + join(extra);
  sink.Add(pair, std::move(message), std::move(missing_spans), std::move(extra_spans));
}

// --- URLs and e-mail addresses -------------------------------------------

struct Value {
  PlaceableValue value;
  Span span;
};

// A URL may lose its trailing slash between editions; the check is about the
// address, so it is compared without it.
std::string Address(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

void ComparePlaceables(const CheckedPair& pair, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  if (!item.target || item.target->text.empty()) return;
  auto values = [](std::span<const Token> tokens, std::string_view text) {
    std::vector<std::pair<std::string, Span>> out;
    for (const Token& t : tokens) {
      if (t.kind == TokenKind::kUrl || t.kind == TokenKind::kEmail) {
        out.emplace_back(Address(std::string(t.text(text))), Span{t.begin, t.end});
      }
    }
    return out;
  };
  auto src = values(pair.source_tokens, item.source.text);
  auto tgt = values(pair.target_tokens, item.target->text);
  if (src.empty() && tgt.empty()) return;
  std::vector<bool> used(tgt.size(), false);
  std::vector<Span> missing_spans, extra_spans;
  std::string missing, extra;
  for (const auto& [s, span] : src) {
    bool found = false;
    for (std::size_t j = 0; j < tgt.size() && !found; ++j) {
      if (!used[j] && tgt[j].first == s) used[j] = found = true;
    }
    if (!found) {
      missing_spans.push_back(span);
      missing += (missing.empty() ? "" : ", ") + Quote(s);
    }
  }
  for (std::size_t j = 0; j < tgt.size(); ++j) {
    if (used[j]) continue;
    extra_spans.push_back(tgt[j].second);
    extra += (extra.empty() ? "" : ", ") + Quote(tgt[j].first);
  }
  if (missing.empty() && extra.empty()) return;
  std::string message;
  if (!missing.empty()) message = "URL/e-mail missing in target: " + missing;
  if (!extra.empty())
    message += (message.empty() ? "" : "; ") +
               std::string("URL/e-mail in target, not in source: ") + extra;
  sink.Add(pair, std::move(message), std::move(missing_spans), std::move(extra_spans));
}

}  // namespace

std::unique_ptr<Check> MakeNumberMismatchCheck() {
  return MakePairCheck("number-mismatch", Severity::kError,
                       "numbers, dates or times differ in value between source and target",
                       [](const CheckedPair& p, const CheckContext&, FindingSink& sink) {
                         CompareNumbers(p, sink);
                       });
}

std::unique_ptr<Check> MakePlaceableMismatchCheck() {
  return MakePairCheck("placeable-mismatch", Severity::kError,
                       "URLs or e-mail addresses missing, changed or added in the target",
                       [](const CheckedPair& p, const CheckContext&, FindingSink& sink) {
                         ComparePlaceables(p, sink);
                       });
}

}  // namespace lovcen::internal
