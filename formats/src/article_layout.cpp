#include "lovcen/formats/article_layout.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace lovcen::formats {
namespace {

// Longest line still taken for a date, byline label or sub-heading, in code
// points; a date line is short, and so is everything judged by shape.
constexpr std::size_t kMaxDateLine = 60;
constexpr std::size_t kMaxSubheading = 80;
constexpr std::size_t kMaxSubheadingWords = 8;
constexpr std::size_t kMaxBylineWordsWithoutColon = 6;

std::string Lower(std::string_view text) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsSpace(UChar32 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c); }

// Letters, with the combining marks of "с́" and "з́".
bool IsWordChar(UChar32 c) {
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

template <std::size_t N>
bool OneOf(std::string_view word, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

constexpr std::string_view kMonths[] = {
    // English, full and abbreviated.
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
    // German (Jänner in Austria), full and abbreviated.
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "mär",
    "mrz", "okt", "dez",
    // Montenegrin, Latin: nominative and the genitive of running dates.
    "mart", "maj", "avgust", "septembar", "oktobar", "novembar", "decembar", "januara",
    "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra",
    "novembra", "decembra",
    // Montenegrin, Cyrillic.
    "јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август", "септембар", "октобар",
    "новембар", "децембар", "јануара", "фебруара", "марта", "априла", "маја", "јуна", "јула",
    "августа", "септембра", "октобра", "новембра", "децембра",
    // Abbreviations in cnr.
    "avg", "јан", "феб", "апр", "авг", "сеп", "окт", "нов", "дец"};

constexpr std::string_view kWeekdaysAndLinks[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "ponedjeljak", "utorak",
    "srijeda", "četvrtak", "petak", "subota", "nedjelja", "понедјељак", "уторак", "сриједа",
    "четвртак", "петак", "субота", "недјеља",
    // Words a date line may hold around a time or year.
    "at", "um", "u", "am", "pm", "h", "uhr", "godine", "god", "године", "год", "г"};

constexpr std::string_view kColonLabels[] = {
    "author", "authors", "autor", "autori", "autorka", "autorin", "autoren", "аутор", "аутори",
    "ауторка", "text", "tekst", "текст", "by", "von", "piše", "pišu", "пише", "пишу"};
constexpr std::string_view kBareLabels[] = {"by", "von", "piše", "pišu", "пише",
                                                         "пишу"};

constexpr std::string_view kCopyrightMarks[] = {
    "©", "(c) ", "copyright", "all rights reserved", "alle rechte vorbehalten",
    "sva prava zadržana", "sva prava su zadržana", "sva prava pridržana", "sva prava zadrzana",
    "сва права задржана", "сва права су задржана", "all right reserved"};

struct Cp {
  UChar32 c;
  std::size_t begin;
  std::size_t end;
};

std::vector<Cp> CodePoints(std::string_view text) {
  std::vector<Cp> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back({c < 0 ? 0xFFFD : c, static_cast<std::size_t>(start), static_cast<std::size_t>(i)});
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::size_t WordCount(std::string_view line) {
  std::size_t words = 0;
  bool in_word = false;
  for (const Cp& cp : CodePoints(line)) {
    if (IsSpace(cp.c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

bool IsDateLine(std::string_view line) {
  line = Trim(line);
  const std::vector<Cp> cps = CodePoints(line);
  if (cps.empty() || cps.size() > kMaxDateLine) return false;

  // The line as a sequence of words, numbers and separators; anything else
  // (quotes, ©, letters of an unknown word) means it is not only a date.
  struct Number {
    int value;
    std::size_t digits;
    bool spaced_before;  // white space since the previous number
  };
  std::vector<Number> numbers;
  bool has_month = false;
  bool spaced = false;
  std::size_t i = 0;
  while (i < cps.size()) {
    const UChar32 c = cps[i].c;
    if (c >= '0' && c <= '9') {
      Number n{0, 0, spaced};
      while (i < cps.size() && cps[i].c >= '0' && cps[i].c <= '9') {
        if (n.digits < 6) n.value = n.value * 10 + static_cast<int>(cps[i].c - '0');
        ++n.digits;
        ++i;
      }
      numbers.push_back(n);
      spaced = false;
    } else if (IsWordChar(c)) {
      const std::size_t begin = cps[i].begin;
      while (i < cps.size() && IsWordChar(cps[i].c)) ++i;
      const std::string word = Lower(line.substr(begin, cps[i - 1].end - begin));
      if (OneOf(word, kMonths)) {
        has_month = true;
      } else if (!OneOf(word, kWeekdaysAndLinks)) {
        return false;
      }
    } else if (IsSpace(c)) {
      spaced = true;
      ++i;
    } else if (c == '.' || c == ',' || c == '-' || c == '/' || c == ':' || c == 0x2013) {
      ++i;
    } else {
      return false;
    }
  }
  if (numbers.empty() || numbers.size() > 5) return false;
  const auto is_year = [](const Number& n) { return n.digits == 4 && n.value >= 1900 && n.value <= 2100; };
  const bool has_year = std::any_of(numbers.begin(), numbers.end(), is_year);
  if (has_month) {
    // "April 5", "5. april 2025.", "05-Apr-2025": a day or a year beside the month.
    return std::any_of(numbers.begin(), numbers.end(),
                       [&](const Number& n) { return is_year(n) || (n.digits <= 2 && n.value >= 1 && n.value <= 31); });
  }
  // All digits: day.month.year, day/month/year or year-month-day, written
  // without spaces between the three parts.
  if (numbers.size() < 3 || numbers[1].spaced_before || numbers[2].spaced_before) return false;
  const Number& a = numbers[0];
  const Number& b = numbers[1];
  const Number& c = numbers[2];
  if (is_year(a)) return b.digits <= 2 && b.value >= 1 && b.value <= 12 && c.digits <= 2 && c.value >= 1 && c.value <= 31;
  if (!has_year) return false;
  return a.digits <= 2 && a.value >= 1 && a.value <= 31 && b.digits <= 2 && b.value >= 1 && b.value <= 12 &&
         (c.digits == 4 || c.digits == 2);
}

std::size_t BylineLabelLength(std::string_view line) {
  const std::vector<Cp> cps = CodePoints(line);
  std::size_t i = 0;
  while (i < cps.size() && IsSpace(cps[i].c)) ++i;
  const std::size_t word_begin = i < cps.size() ? cps[i].begin : line.size();
  while (i < cps.size() && IsWordChar(cps[i].c)) ++i;
  const std::size_t word_end = i < cps.size() ? cps[i].begin : line.size();
  if (word_end == word_begin) return 0;
  const std::string word = Lower(line.substr(word_begin, word_end - word_begin));

  // "Written by" is the one two-word label.
  std::size_t label_end_index = i;
  bool label = OneOf(word, kColonLabels);
  bool bare = OneOf(word, kBareLabels);
  if (!label && word == "written") {
    std::size_t j = i;
    while (j < cps.size() && IsSpace(cps[j].c)) ++j;
    const std::size_t next_begin = j < cps.size() ? cps[j].begin : line.size();
    while (j < cps.size() && IsWordChar(cps[j].c)) ++j;
    const std::size_t next_end = j < cps.size() ? cps[j].begin : line.size();
    if (Lower(line.substr(next_begin, next_end - next_begin)) == "by") {
      label = bare = true;
      label_end_index = j;
    }
  }
  if (!label) return 0;

  std::size_t j = label_end_index;
  while (j < cps.size() && (cps[j].c == ' ' || cps[j].c == '\t')) ++j;
  if (j < cps.size() && cps[j].c == ':') {
    ++j;
    while (j < cps.size() && IsSpace(cps[j].c)) ++j;
    // A label with nothing after it names nobody.
    if (j == cps.size()) return 0;
    return cps[j].begin;
  }
  if (!bare || j == label_end_index || j == cps.size()) return 0;
  const std::string_view trimmed = Trim(line);
  const std::size_t words = WordCount(trimmed);
  const char last = trimmed.empty() ? '\0' : trimmed.back();
  if (words < 2 || words > kMaxBylineWordsWithoutColon || last == '.' || last == '!' || last == '?' ||
      last == ',' || last == ';' || last == ':') {
    return 0;
  }
  return cps[j].begin;
}

bool IsCopyrightLine(std::string_view line) {
  const std::string lower = Lower(line);
  for (std::string_view mark : kCopyrightMarks) {
    if (lower.find(mark) != std::string::npos) return true;
  }
  return false;
}

bool LooksLikeSubheading(std::string_view line) {
  line = Trim(line);
  const std::vector<Cp> cps = CodePoints(line);
  if (cps.empty() || cps.size() > kMaxSubheading) return false;
  const std::size_t words = WordCount(line);
  if (words == 0 || words > kMaxSubheadingWords) return false;
  if (!std::any_of(cps.begin(), cps.end(), [](const Cp& cp) { return u_isalpha(cp.c) != 0; })) return false;
  const UChar32 last = cps.back().c;
  // Sentence punctuation, or a closing quote or bracket that ends a quoted
  // sentence, marks running text.
  const UChar32 kEnders[] = {'.', '!', '?', ':', ';', ',', 0x2026, '"', '\'', ')', ']',
                             0x201C, 0x201D, 0x2019, 0x00BB, 0x00AB, 0x203A};
  return std::find(std::begin(kEnders), std::end(kEnders), last) == std::end(kEnders);
}

}  // namespace lovcen::formats
