#include "lovcen/placeable.h"

#include <unicode/dtfmtsym.h>
#include <unicode/dtptngen.h>
#include <unicode/fieldpos.h>
#include <unicode/gregocal.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "lovcen/text.h"

namespace lovcen {
namespace {

// ---------------------------------------------------------------------------
// Character helpers. Everything here reads bytes of valid (or at worst
// ill-formed) UTF-8 without allocating.

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t DigitRun(std::string_view t, std::size_t i) {
  std::size_t k = i;
  while (k < t.size() && IsDigit(t[k])) ++k;
  return k - i;
}

int ToInt(std::string_view t, std::size_t i, std::size_t n) {
  int v = 0;
  for (std::size_t k = i; k < i + n; ++k) v = v * 10 + (t[k] - '0');
  return v;
}

bool StartsWith(std::string_view t, std::size_t i, std::string_view prefix) {
  return i <= t.size() && t.substr(i, prefix.size()) == prefix;
}

// One space that may sit inside a date or a time: U+0020, or the no-break
// spaces that careful typesetting puts there (U+00A0, U+202F, U+2009).
std::size_t SpaceAt(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  if (t[i] == ' ') return 1;
  if (StartsWith(t, i, "\xC2\xA0")) return 2;
  if (StartsWith(t, i, "\xE2\x80\xAF") || StartsWith(t, i, "\xE2\x80\x89")) return 3;
  return 0;
}

bool IsLetterLike(std::int32_t c) {
  if (c < 0) return false;
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// True when a letter or digit sits at `i`: a match ending there would cut a
// word or a number in two.
bool ContinuesWord(std::string_view t, std::size_t i) {
  if (i >= t.size()) return false;
  const unsigned char c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) return IsDigit(t[i]) || ((c | 0x20u) >= 'a' && (c | 0x20u) <= 'z') || c == '_';
  const CodePoint cp = DecodeUtf8(t, i);
  return cp.value >= 0 && (u_isalnum(cp.value) || IsLetterLike(cp.value));
}

// End of the run of letters (with combining marks) starting at `i`.
std::size_t WordEnd(std::string_view t, std::size_t i) {
  while (i < t.size()) {
    const CodePoint cp = DecodeUtf8(t, i);
    if (!IsLetterLike(cp.value)) break;
    i += static_cast<std::size_t>(cp.length);
  }
  return i;
}

// ---------------------------------------------------------------------------
// Month names. One table for all languages: a date inside a segment may be
// written in another language's way (a German article quoting "5. aprila
// 2025."), and a month name only counts next to a day number anyway.

enum MonthForm : unsigned {
  kEnFull = 1u << 0,
  kEnAbbr = 1u << 1,
  kDeFull = 1u << 2,
  kDeAbbr = 1u << 3,
  kCnrNomLatn = 1u << 4,  // nominative: datelines ("5. april 2025.")
  kCnrGenLatn = 1u << 5,  // genitive: running text ("5. aprila 2025.")
  kCnrNomCyrl = 1u << 6,
  kCnrGenCyrl = 1u << 7,
};
constexpr unsigned kEnglishForms = kEnFull | kEnAbbr;
constexpr unsigned kAbbreviations = kEnAbbr | kDeAbbr;
constexpr unsigned kCnrForms = kCnrNomLatn | kCnrGenLatn | kCnrNomCyrl | kCnrGenCyrl;
constexpr unsigned kCnrGenitive = kCnrGenLatn | kCnrGenCyrl;

struct MonthName {
  std::string_view name;  // lower case
  int month;
  unsigned forms;
};

constexpr MonthName kMonthNames[] = {
    {"january", 1, kEnFull},
    {"february", 2, kEnFull},
    {"march", 3, kEnFull},
    {"april", 4, kEnFull | kDeFull | kCnrNomLatn},
    {"may", 5, kEnFull | kEnAbbr},
    {"june", 6, kEnFull},
    {"july", 7, kEnFull},
    {"august", 8, kEnFull | kDeFull},
    {"september", 9, kEnFull | kDeFull},
    {"october", 10, kEnFull},
    {"november", 11, kEnFull | kDeFull},
    {"december", 12, kEnFull},
    {"jan", 1, kEnAbbr | kDeAbbr},
    {"feb", 2, kEnAbbr | kDeAbbr},
    {"mar", 3, kEnAbbr},
    {"apr", 4, kEnAbbr | kDeAbbr},
    {"jun", 6, kEnAbbr | kDeAbbr | kCnrNomLatn},
    {"jul", 7, kEnAbbr | kDeAbbr | kCnrNomLatn},
    {"aug", 8, kEnAbbr | kDeAbbr},
    {"sep", 9, kEnAbbr | kDeAbbr},
    {"sept", 9, kEnAbbr | kDeAbbr},
    {"oct", 10, kEnAbbr},
    {"nov", 11, kEnAbbr | kDeAbbr},
    {"dec", 12, kEnAbbr},
    {"januar", 1, kDeFull | kCnrNomLatn},
    {"j\xC3\xA4nner", 1, kDeFull},  // Austrian
    {"februar", 2, kDeFull | kCnrNomLatn},
    {"m\xC3\xA4rz", 3, kDeFull},
    {"mai", 5, kDeFull},
    {"juni", 6, kDeFull},
    {"juli", 7, kDeFull},
    {"oktober", 10, kDeFull},
    {"dezember", 12, kDeFull},
    {"m\xC3\xA4r", 3, kDeAbbr},
    {"mrz", 3, kDeAbbr},
    {"okt", 10, kDeAbbr},
    {"dez", 12, kDeAbbr},
    {"mart", 3, kCnrNomLatn},
    {"maj", 5, kCnrNomLatn},
    {"avgust", 8, kCnrNomLatn},
    {"septembar", 9, kCnrNomLatn},
    {"oktobar", 10, kCnrNomLatn},
    {"novembar", 11, kCnrNomLatn},
    {"decembar", 12, kCnrNomLatn},
    {"januara", 1, kCnrGenLatn},
    {"februara", 2, kCnrGenLatn},
    {"marta", 3, kCnrGenLatn},
    {"aprila", 4, kCnrGenLatn},
    {"maja", 5, kCnrGenLatn},
    {"juna", 6, kCnrGenLatn},
    {"jula", 7, kCnrGenLatn},
    {"avgusta", 8, kCnrGenLatn},
    {"septembra", 9, kCnrGenLatn},
    {"oktobra", 10, kCnrGenLatn},
    {"novembra", 11, kCnrGenLatn},
    {"decembra", 12, kCnrGenLatn},
    {"\xD1\x98\xD0\xB0\xD0\xBD\xD1\x83\xD0\xB0\xD1\x80", 1, kCnrNomCyrl},                  // јануар
    {"\xD1\x84\xD0\xB5\xD0\xB1\xD1\x80\xD1\x83\xD0\xB0\xD1\x80", 2, kCnrNomCyrl},          // фебруар
    {"\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82", 3, kCnrNomCyrl},                                  // март
    {"\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBB", 4, kCnrNomCyrl},                          // април
    {"\xD0\xBC\xD0\xB0\xD1\x98", 5, kCnrNomCyrl},                                          // мај
    {"\xD1\x98\xD1\x83\xD0\xBD", 6, kCnrNomCyrl},                                          // јун
    {"\xD1\x98\xD1\x83\xD0\xBB", 7, kCnrNomCyrl},                                          // јул
    {"\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82", 8, kCnrNomCyrl},                  // август
    {"\xD1\x81\xD0\xB5\xD0\xBF\xD1\x82\xD0\xB5\xD0\xBC\xD0\xB1\xD0\xB0\xD1\x80", 9, kCnrNomCyrl},  // септембар
    {"\xD0\xBE\xD0\xBA\xD1\x82\xD0\xBE\xD0\xB1\xD0\xB0\xD1\x80", 10, kCnrNomCyrl},         // октобар
    {"\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xB5\xD0\xBC\xD0\xB1\xD0\xB0\xD1\x80", 11, kCnrNomCyrl},  // новембар
    {"\xD0\xB4\xD0\xB5\xD1\x86\xD0\xB5\xD0\xBC\xD0\xB1\xD0\xB0\xD1\x80", 12, kCnrNomCyrl},  // децембар
    {"\xD1\x98\xD0\xB0\xD0\xBD\xD1\x83\xD0\xB0\xD1\x80\xD0\xB0", 1, kCnrGenCyrl},          // јануара
    {"\xD1\x84\xD0\xB5\xD0\xB1\xD1\x80\xD1\x83\xD0\xB0\xD1\x80\xD0\xB0", 2, kCnrGenCyrl},  // фебруара
    {"\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0", 3, kCnrGenCyrl},                          // марта
    {"\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBB\xD0\xB0", 4, kCnrGenCyrl},                  // априла
    {"\xD0\xBC\xD0\xB0\xD1\x98\xD0\xB0", 5, kCnrGenCyrl},                                  // маја
    {"\xD1\x98\xD1\x83\xD0\xBD\xD0\xB0", 6, kCnrGenCyrl},                                  // јуна
    {"\xD1\x98\xD1\x83\xD0\xBB\xD0\xB0", 7, kCnrGenCyrl},                                  // јула
    {"\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0", 8, kCnrGenCyrl},          // августа
    {"\xD1\x81\xD0\xB5\xD0\xBF\xD1\x82\xD0\xB5\xD0\xBC\xD0\xB1\xD1\x80\xD0\xB0", 9, kCnrGenCyrl},  // септембра
    {"\xD0\xBE\xD0\xBA\xD1\x82\xD0\xBE\xD0\xB1\xD1\x80\xD0\xB0", 10, kCnrGenCyrl},         // октобра
    {"\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xB5\xD0\xBC\xD0\xB1\xD1\x80\xD0\xB0", 11, kCnrGenCyrl},  // новембра
    {"\xD0\xB4\xD0\xB5\xD1\x86\xD0\xB5\xD0\xBC\xD0\xB1\xD1\x80\xD0\xB0", 12, kCnrGenCyrl},  // децембра
};

// Montenegrin month names as the house writes them, for the formatter. ICU
// 72's sr_Latn_ME/sr_Cyrl_ME have the right nominatives but no genitives
// (CLDR Serbian writes "5. april 2025."), so both sets are set explicitly.
constexpr std::array<std::string_view, 12> kCnrNominativeLatn = {
    "januar", "februar", "mart",      "april",   "maj",      "jun",
    "jul",    "avgust",  "septembar", "oktobar", "novembar", "decembar"};
constexpr std::array<std::string_view, 12> kCnrGenitiveLatn = {
    "januara", "februara", "marta",     "aprila",  "maja",      "juna",
    "jula",    "avgusta",  "septembra", "oktobra", "novembra", "decembra"};

// The Cyrillic rows of kMonthNames, in month order.
std::array<std::string_view, 12> CyrillicMonths(unsigned form) {
  std::array<std::string_view, 12> out{};
  for (const MonthName& m : kMonthNames) {
    if (m.forms == form) out[static_cast<std::size_t>(m.month - 1)] = m.name;
  }
  return out;
}

// Case-insensitive comparison of `word` with a lower-case table entry.
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

struct MonthHit {
  int month = 0;
  unsigned forms = 0;     // every form this spelling has
  std::size_t end = 0;    // end of the word
  bool capitalized = false;
};

// The month name whose word starts at `i`, if any.
MonthHit MonthAt(std::string_view t, std::size_t i) {
  MonthHit hit;
  const std::size_t end = WordEnd(t, i);
  const std::size_t len = end - i;
  if (len < 3 || len > 20) return hit;  // the longest name ("септембра") has 18 bytes
  const std::string_view word = t.substr(i, len);
  for (const MonthName& m : kMonthNames) {
    // Case folding keeps the byte length of every letter in these names.
    if (m.name.size() != len) continue;
    if (EqualsFolded(word, m.name)) {
      hit.month = m.month;
      hit.forms = m.forms;
      break;
    }
  }
  if (hit.month == 0) return hit;
  hit.end = end;
  hit.capitalized = u_isupper(DecodeUtf8(t, i).value) != 0;
  return hit;
}

// A Montenegrin way of writing the month: a lower-case Latin or any Cyrillic
// cnr spelling ("April" is English or German, "april" Montenegrin).
bool IsCnrSpelling(const MonthHit& m) {
  if (m.forms & (kCnrNomCyrl | kCnrGenCyrl)) return true;
  return (m.forms & (kCnrNomLatn | kCnrGenLatn)) != 0 && !m.capitalized;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDays[month - 1]) return false;
  if (month == 2 && day == 29 && year != 0 && !IsLeap(year)) return false;
  return true;
}

// A four-digit year at `i` not running into more digits or letters.
bool YearAt(std::string_view t, std::size_t i, int* year) {
  if (DigitRun(t, i) != 4 || ContinuesWord(t, i + 4)) return false;
  *year = ToInt(t, i, 4);
  return *year > 0;
}

// Montenegrin writes the year of a date as an ordinal, with a dot that also
// ends the sentence when the date does. Never a dot that starts a decimal.
std::size_t YearDot(std::string_view t, std::size_t end, bool cnr) {
  if (cnr && end < t.size() && t[end] == '.' && !(end + 1 < t.size() && IsDigit(t[end + 1]))) {
    return end + 1;
  }
  return end;
}

// "5. April 2025", "5. aprila 2025.", "5 April 2025", "5. Okt. 2025", "5. April".
// `i` is where the month word starts; `dotted` tells whether the day had a dot.
std::size_t DayMonthYear(std::string_view t, std::size_t i, int day, bool dotted,
                         const LanguageTag& language, DateValue* v) {
  const MonthHit m = MonthAt(t, i);
  if (m.month == 0) return 0;
  const bool cnr = language.is_montenegrin() || IsCnrSpelling(m);
  std::size_t end = m.end;
  int year = 0;
  std::size_t after_month = end;
  if ((m.forms & kAbbreviations) && !(m.forms & ~kAbbreviations) && end < t.size() &&
      t[end] == '.') {
    after_month = end + 1;  // "Okt." counts only with a year after it
  }
  const std::size_t sp = SpaceAt(t, after_month);
  if (sp != 0 && YearAt(t, after_month + sp, &year)) {
    end = YearDot(t, after_month + sp + 4, cnr);
  } else {
    year = 0;
  }
  if (!ValidDate(year, m.month, day)) return 0;
  v->year = year;
  v->month = m.month;
  v->day = day;
  if (m.forms & kCnrGenitive) {
    v->style = DateStyle::kRunningText;
  } else if (dotted && cnr) {
    v->style = DateStyle::kDateline;  // cnr nominative: "5. april 2025."
  } else {
    v->style = DateStyle::kRunningText;
  }
  return end;
}

std::size_t MatchDayFirst(std::string_view t, const LanguageTag& language, DateValue* v) {
  const std::size_t n1 = DigitRun(t, 0);
  // ISO 8601: 2025-04-05.
  if (n1 == 4 && StartsWith(t, 4, "-") && DigitRun(t, 5) == 2 && StartsWith(t, 7, "-") &&
      DigitRun(t, 8) == 2 && !ContinuesWord(t, 10)) {
    const int y = ToInt(t, 0, 4), m = ToInt(t, 5, 2), d = ToInt(t, 8, 2);
    if (!ValidDate(y, m, d) || y == 0) return 0;
    *v = DateValue{y, m, d, DateStyle::kIso};
    return 10;
  }
  if (n1 < 1 || n1 > 2) return 0;
  const int day = ToInt(t, 0, n1);
  const std::size_t i = n1;
  if (i >= t.size()) return 0;

  // The house dateline: 05-Apr-2025.
  if (t[i] == '-') {
    const MonthHit m = MonthAt(t, i + 1);
    int year = 0;
    if (m.month == 0 || !StartsWith(t, m.end, "-") || !YearAt(t, m.end + 1, &year)) return 0;
    if (!ValidDate(year, m.month, day)) return 0;
    *v = DateValue{year, m.month, day, DateStyle::kDateline};
    return m.end + 5;
  }

  // Numeric: 05.04.2025, 5. 4. 2025., 4/5/2025.
  if (t[i] == '.' || t[i] == '/') {
    const char sep = t[i];
    const std::size_t sp1 = sep == '.' ? SpaceAt(t, i + 1) : 0;
    const std::size_t j = i + 1 + sp1;
    const std::size_t n2 = DigitRun(t, j);
    if (n2 >= 1 && n2 <= 2 && StartsWith(t, j + n2, std::string_view(&sep, 1))) {
      const std::size_t k = j + n2 + 1;
      const std::size_t sp2 = sep == '.' ? SpaceAt(t, k) : 0;
      int year = 0;
      if ((sp1 == 0) == (sp2 == 0) && YearAt(t, k + sp2, &year)) {
        int a = day, b = ToInt(t, j, n2);
        // Slash dates are month first in English unless that cannot be.
        if (sep == '/' && language.language() == Language::kEnglish && a <= 12) std::swap(a, b);
        if (!ValidDate(year, b, a)) return 0;
        *v = DateValue{year, b, a, DateStyle::kDateline};
        const std::size_t end = k + sp2 + 4;
        return sep == '.' ? YearDot(t, end, language.is_montenegrin()) : end;
      }
    }
    if (sep == '/') return 0;
    const std::size_t sp = SpaceAt(t, i + 1);
    if (sp == 0) return 0;
    return DayMonthYear(t, i + 1 + sp, day, /*dotted=*/true, language, v);
  }

  // British running text: 5 April 2025.
  const std::size_t sp = SpaceAt(t, i);
  if (sp == 0) return 0;
  return DayMonthYear(t, i + sp, day, /*dotted=*/false, language, v);
}

// "April 5, 2025", "Sept. 5, 2025", "April 5".
std::size_t MatchMonthFirst(std::string_view t, DateValue* v) {
  // Cheap look at what follows the word before any table lookup: this runs
  // at every capitalised word of a text.
  std::size_t k = WordEnd(t, 0);
  if (StartsWith(t, k, ".")) ++k;
  const std::size_t gap = SpaceAt(t, k);
  if (gap == 0 || k + gap >= t.size() || !IsDigit(t[k + gap])) return 0;
  const MonthHit m = MonthAt(t, 0);
  if (m.month == 0 || !m.capitalized || !(m.forms & kEnglishForms)) return 0;
  std::size_t i = m.end;
  if (!(m.forms & kEnFull) && StartsWith(t, i, ".")) ++i;
  const std::size_t sp = SpaceAt(t, i);
  if (sp == 0) return 0;
  i += sp;
  const std::size_t nd = DigitRun(t, i);
  if (nd < 1 || nd > 2) return 0;
  const int day = ToInt(t, i, nd);
  std::size_t end = i + nd;
  if (ContinuesWord(t, end)) return 0;  // "April 5th" is not read
  // "April 3,5 Prozent", "April 3.5": a decimal, not a day.
  if (end + 1 < t.size() && (t[end] == ',' || t[end] == '.') && IsDigit(t[end + 1])) return 0;
  int year = 0;
  const std::size_t sp2 = StartsWith(t, end, ",") ? SpaceAt(t, end + 1) : 0;
  if (sp2 != 0 && YearAt(t, end + 1 + sp2, &year)) {
    end += 1 + sp2 + 4;
  } else {
    year = 0;
  }
  if (!ValidDate(year, m.month, day)) return 0;
  *v = DateValue{year, m.month, day, DateStyle::kRunningText};
  return end;
}

// ---------------------------------------------------------------------------
// Times.

// Words after "19" that make it an hour of the clock ("um 19 Uhr", "u 19
// časova"); they stay words of their own. "sati"/"sat" also count hours of
// duration ("trajalo je 19 sati"), so they mark only a time with minutes.
constexpr std::string_view kClockHourWords[] = {
    "Uhr", "\xC4\x8D" "asova",
    "\xD1\x87\xD0\xB0\xD1\x81\xD0\xBE\xD0\xB2\xD0\xB0",  // часова
};

bool WordIn(std::string_view word, const std::string_view* list, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k) {
    if (word == list[k]) return true;
  }
  return false;
}

// Words after "10.30" that make it a time; they stay words of their own.
constexpr std::string_view kHourWords[] = {
    "Uhr", "\xC4\x8D" "asova", "\xC4\x8D" "asa", "sati", "sat",
    "\xD1\x87\xD0\xB0\xD1\x81\xD0\xBE\xD0\xB2\xD0\xB0",  // часова
    "\xD1\x87\xD0\xB0\xD1\x81\xD0\xB0",                  // часа
    "\xD1\x81\xD0\xB0\xD1\x82\xD0\xB8",                  // сати
};

// "a.m.", "p.m.", "am", "pm", "AM", "A.M." at `i`: its length, and whether p.m.
// The bare forms count only in English ("10 am Bahnhof" is German).
std::size_t AmPmAt(std::string_view t, std::size_t i, bool english, bool* pm) {
  if (i >= t.size()) return 0;
  const char c = static_cast<char>(t[i] | 0x20);
  if (c != 'a' && c != 'p') return 0;
  *pm = c == 'p';
  if (i + 3 < t.size() && t[i + 1] == '.' && (t[i + 2] | 0x20) == 'm' && t[i + 3] == '.') return 4;
  if (english && i + 1 < t.size() && (t[i + 1] | 0x20) == 'm' && !ContinuesWord(t, i + 2)) {
    return 2;
  }
  return 0;
}

// `whole_token`: `t` is a token the Tokenizer already cut as a time, so a
// bare "19" or "10.30" needs no hour word after it.
std::size_t MatchTimeImpl(std::string_view t, bool english, bool whole_token, TimeValue* v) {
  const std::size_t n1 = DigitRun(t, 0);
  if (n1 < 1 || n1 > 2) return 0;
  int hour = ToInt(t, 0, n1);
  int minute = 0, second = -1;
  std::size_t i = n1;
  char sep = 0;
  if (i + 2 < t.size() && (t[i] == ':' || t[i] == '.') && DigitRun(t, i + 1) == 2) {
    sep = t[i];
    minute = ToInt(t, i + 1, 2);
    i += 3;
    if (i + 2 < t.size() && t[i] == sep && DigitRun(t, i + 1) == 2) {
      second = ToInt(t, i + 1, 2);
      i += 3;
    }
  }
  if (minute > 59 || second > 59) return 0;
  TimeNotation notation;
  notation.separator = sep == 0 ? ':' : sep;
  notation.pad_hour = n1 == 2 && t[0] == '0';
  notation.minutes = sep != 0;
  const std::size_t sp = SpaceAt(t, i);
  bool pm = false;
  bool marked = false;
  if (const std::size_t ampm = AmPmAt(t, i + sp, english, &pm); ampm != 0) {
    if (hour < 1 || hour > 12) return 0;
    notation.twelve_hour = true;
    notation.suffix.assign(t.substr(i, sp + ampm));
    i += sp + ampm;
    hour = hour % 12 + (pm ? 12 : 0);
  } else if (sep == 0) {
    // A bare number is a time only as an hour before a clock word.
    const std::size_t w = i + sp;
    const bool clock = sp != 0 && WordIn(t.substr(w, WordEnd(t, w) - w), kClockHourWords,
                                         std::size(kClockHourWords));
    if (!clock && !(whole_token && i == t.size())) return 0;
    marked = true;
  } else if (StartsWith(t, i + sp, "h") && !ContinuesWord(t, i + sp + 1)) {
    notation.suffix.assign(t.substr(i, sp + 1));  // "10.30 h", "10:30h"
    i += sp + 1;
  } else {
    const std::size_t w = i + sp;
    const std::size_t wend = WordEnd(t, w);
    bool hour_word = false;
    if (sp != 0) hour_word = WordIn(t.substr(w, wend - w), kHourWords, std::size(kHourWords));
    // "10.30" alone is a number; it is a time only before an hour word.
    if (sep == '.' && !hour_word && !(whole_token && i == t.size())) return 0;
    if (ContinuesWord(t, i) || StartsWith(t, i, ":")) return 0;
    marked = hour_word;
  }
  if (hour > 23) return 0;
  v->marked = marked || second >= 0 || notation.twelve_hour || !notation.suffix.empty();
  v->hour = hour;
  v->minute = minute;
  v->second = second;
  v->notation = std::move(notation);
  return i;
}

// ---------------------------------------------------------------------------
// Numbers.

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Whether `body` (no sign) is a number with `group` as group separator and
// `decimal` as decimal separator; fills `out` when it is.
bool FitsConvention(std::string_view body, char group, char decimal, NumberValue* out) {
  const std::size_t dpos = body.find(decimal);
  const std::string_view ip = body.substr(0, dpos);
  const std::string_view fp = dpos == std::string_view::npos ? std::string_view() : body.substr(dpos + 1);
  if (dpos != std::string_view::npos && !AllDigits(fp)) return false;
  if (ip.empty()) return false;
  const bool grouped = ip.find(group) != std::string_view::npos;
  if (grouped) {
    // "1,500,000": a first group of 1-3 digits not starting with 0, then
    // groups of exactly three.
    std::size_t start = 0;
    bool first = true;
    while (true) {
      const std::size_t next = ip.find(group, start);
      const std::string_view g = ip.substr(start, next == std::string_view::npos ? ip.size() - start
                                                                                 : next - start);
      if (!AllDigits(g)) return false;
      if (first ? (g.size() > 3 || g[0] == '0') : g.size() != 3) return false;
      first = false;
      if (next == std::string_view::npos) break;
      start = next + 1;
    }
  } else if (!AllDigits(ip)) {
    return false;
  }
  if (out != nullptr) {
    out->integer.clear();
    for (char c : ip) {
      if (c != group) out->integer += c;
    }
    out->fraction.assign(fp);
    out->grouped = grouped;
  }
  return true;
}

std::size_t SignLength(std::string_view t, bool* negative) {
  if (StartsWith(t, 0, "-")) return *negative = true, 1;
  if (StartsWith(t, 0, "\xE2\x88\x92")) return *negative = true, 3;  // U+2212 MINUS SIGN
  if (StartsWith(t, 0, "+")) return *negative = false, 1;
  *negative = false;
  return 0;
}

std::string_view StripLeadingZeros(std::string_view s) {
  while (s.size() > 1 && s[0] == '0') s.remove_prefix(1);
  return s;
}

std::string_view StripTrailingZeros(std::string_view s) {
  while (!s.empty() && s.back() == '0') s.remove_suffix(1);
  return s;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

void AppendTwoDigits(std::string& out, int v, bool pad) {
  if (v >= 10 || pad) out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

}  // namespace

// ---------------------------------------------------------------------------

std::string NumberValue::ToDecimalString() const {
  std::string out;
  out.reserve(integer.size() + fraction.size() + 2);
  if (negative) out += '-';
  out += integer.empty() ? std::string_view("0") : std::string_view(integer);
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

std::size_t MatchDate(std::string_view text, const LanguageTag& language, DateValue* value) {
  if (text.empty()) return 0;
  DateValue v;
  std::size_t len = 0;
  if (IsDigit(text[0])) {
    len = MatchDayFirst(text, language, &v);
  } else if (text[0] >= 'A' && text[0] <= 'Z' && language.language() == Language::kEnglish) {
    // Only English puts the month first ("im April 3,5 Prozent" is no date).
    len = MatchMonthFirst(text, &v);
  }
  if (len != 0 && value != nullptr) *value = v;
  return len;
}

std::size_t MatchTime(std::string_view text, const LanguageTag& language, TimeValue* value) {
  if (text.empty() || !IsDigit(text[0])) return 0;
  TimeValue v;
  const std::size_t len =
      MatchTimeImpl(text, language.language() == Language::kEnglish, /*whole_token=*/false, &v);
  if (len != 0 && value != nullptr) *value = std::move(v);
  return len;
}

bool IsWellFormedNumber(std::string_view text) {
  return FitsConvention(text, ',', '.', nullptr) || FitsConvention(text, '.', ',', nullptr);
}

std::optional<NumberValue> ParseNumber(std::string_view text, const LanguageTag& language) {
  NumberValue v;
  const std::string_view body = text.substr(SignLength(text, &v.negative));
  const bool english = language.language() == Language::kEnglish;
  const char group = english ? ',' : '.';
  const char decimal = english ? '.' : ',';
  if (FitsConvention(body, group, decimal, &v) || FitsConvention(body, decimal, group, &v)) {
    return v;
  }
  return std::nullopt;
}

std::optional<DateValue> ParseDate(std::string_view text, const LanguageTag& language) {
  DateValue v;
  if (!text.empty() && MatchDate(text, language, &v) == text.size()) return v;
  return std::nullopt;
}

std::optional<TimeValue> ParseTime(std::string_view text, const LanguageTag& language) {
  TimeValue v;
  if (text.empty() || !IsDigit(text[0])) return std::nullopt;
  const std::size_t len =
      MatchTimeImpl(text, language.language() == Language::kEnglish, /*whole_token=*/true, &v);
  if (len == text.size()) return v;
  return std::nullopt;
}

Result<PlaceableValue> ParsePlaceable(TokenKind kind, std::string_view text,
                                      const LanguageTag& language) {
  PlaceableValue value;
  value.kind = kind;
  value.text.assign(text);
  bool ok = false;
  switch (kind) {
    case TokenKind::kNumber:
      if (auto n = ParseNumber(text, language)) value.number = std::move(*n), ok = true;
      break;
    case TokenKind::kDate:
      if (auto d = ParseDate(text, language)) value.date = *d, ok = true;
      break;
    case TokenKind::kTime:
      if (auto t = ParseTime(text, language)) value.time = std::move(*t), ok = true;
      break;
    case TokenKind::kUrl:
    case TokenKind::kEmail:
      ok = !text.empty();
      break;
    case TokenKind::kWord:
    case TokenKind::kPunctuation:
    case TokenKind::kCode:
      return BadInput(std::string(TokenKindName(kind)) + " tokens have no placeable value");
  }
  if (!ok) {
    return BadInput("'" + std::string(text) + "' is not a " + std::string(TokenKindName(kind)) +
                    " in " + std::string(language.str()));
  }
  return value;
}

bool SameValue(const NumberValue& a, const NumberValue& b) {
  const std::string_view ai = StripLeadingZeros(a.integer), bi = StripLeadingZeros(b.integer);
  const std::string_view af = StripTrailingZeros(a.fraction), bf = StripTrailingZeros(b.fraction);
  if (ai != bi || af != bf) return false;
  const bool zero = (ai.empty() || ai == "0") && af.empty();
  return zero || a.negative == b.negative;
}

bool SameValue(const PlaceableValue& a, const PlaceableValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case TokenKind::kNumber:
      return SameValue(a.number, b.number);
    case TokenKind::kDate:
      return a.date.year == b.date.year && a.date.month == b.date.month && a.date.day == b.date.day;
    case TokenKind::kTime:
      return a.time.hour == b.time.hour && a.time.minute == b.time.minute &&
             std::max(a.time.second, 0) == std::max(b.time.second, 0);
    default:
      return a.text == b.text;
  }
}

// ---------------------------------------------------------------------------
// Formatter.

struct PlaceableFormatter::Impl {
  LanguageTag target{Language::kEnglish};
  icu::Locale locale;
  icu::number::LocalizedNumberFormatter numbers;
  // Formatters for 0..7 decimals, ungrouped and grouped, made on first use:
  // ICU compiles a formatter only after it has been used a few times, so a
  // fresh one per call would stay on its slow path.
  std::optional<icu::number::LocalizedNumberFormatter> number_cache[8][2];

  icu::number::LocalizedNumberFormatter MakeNumberFormatter(std::size_t decimals,
                                                            bool grouped) const {
    return numbers
        .precision(icu::number::Precision::fixedFraction(
            static_cast<int32_t>(std::min<std::size_t>(decimals, 999))))
        .grouping(grouped ? UNUM_GROUPING_AUTO : UNUM_GROUPING_OFF);
  }
  // Indexed by [style][has year].
  std::unique_ptr<icu::SimpleDateFormat> dates[3][2];
  std::unique_ptr<icu::Calendar> calendar;
};

PlaceableFormatter::PlaceableFormatter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PlaceableFormatter::PlaceableFormatter(PlaceableFormatter&&) noexcept = default;
PlaceableFormatter& PlaceableFormatter::operator=(PlaceableFormatter&&) noexcept = default;
PlaceableFormatter::~PlaceableFormatter() = default;

const LanguageTag& PlaceableFormatter::target() const { return impl_->target; }

namespace {

Result<icu::UnicodeString> DatePattern(const icu::Locale& locale, icu::DateFormat::EStyle style) {
  std::unique_ptr<icu::DateFormat> df(icu::DateFormat::createDateInstance(style, locale));
  auto* sdf = dynamic_cast<icu::SimpleDateFormat*>(df.get());
  if (sdf == nullptr) return BadInput("ICU has no date pattern for " + std::string(locale.getName()));
  icu::UnicodeString pattern;
  sdf->toPattern(pattern);
  return pattern;
}

void SetMonths(icu::DateFormatSymbols& symbols, const std::array<std::string_view, 12>& names) {
  icu::UnicodeString months[12];
  for (std::size_t k = 0; k < 12; ++k) months[k] = FromUtf8(names[k]);
  symbols.setMonths(months, 12, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
  symbols.setMonths(months, 12, icu::DateFormatSymbols::STANDALONE, icu::DateFormatSymbols::WIDE);
}

}  // namespace

Result<PlaceableFormatter> PlaceableFormatter::Create(const LanguageTag& target) {
  auto impl = std::make_unique<Impl>();
  impl->target = target;
  impl->locale = icu::Locale(std::string(target.icu_locale()).c_str());
  impl->numbers = icu::number::NumberFormatter::withLocale(impl->locale);
  const icu::Locale& loc = impl->locale;
  UErrorCode status = U_ZERO_ERROR;
  const auto fail = [&](const char* what) {
    return BadInput(std::string("ICU cannot ") + what + " for " + std::string(target.str()) +
                    ": " + u_errorName(status));
  };

  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(loc, status));
  if (U_FAILURE(status)) return fail("create a date pattern generator");
  const icu::UnicodeString day_month = generator->getBestPattern(u"MMMMd", status);
  if (U_FAILURE(status)) return fail("find a day-month pattern");

  // Running text is ICU's long date everywhere: "MMMM d, y", "d. MMMM y",
  // "d. MMMM y.". Datelines are the newsroom's own: English "05-Apr-2025",
  // German ICU's medium "05.04.2025", Montenegrin the long form with the
  // nominative month ("5. april 2025.").
  auto long_pattern = DatePattern(loc, icu::DateFormat::kLong);
  if (!long_pattern.ok()) return long_pattern.error();
  icu::UnicodeString patterns[3][2];
  patterns[static_cast<int>(DateStyle::kRunningText)][1] = *long_pattern;
  patterns[static_cast<int>(DateStyle::kRunningText)][0] = day_month;
  patterns[static_cast<int>(DateStyle::kIso)][1] = u"yyyy-MM-dd";
  patterns[static_cast<int>(DateStyle::kIso)][0] = u"--MM-dd";
  icu::UnicodeString& dateline = patterns[static_cast<int>(DateStyle::kDateline)][1];
  icu::UnicodeString& dateline_no_year = patterns[static_cast<int>(DateStyle::kDateline)][0];
  switch (target.language()) {
    case Language::kEnglish:
      dateline = u"dd-MMM-y";
      dateline_no_year = u"dd-MMM";
      break;
    case Language::kGerman: {
      auto medium = DatePattern(loc, icu::DateFormat::kMedium);
      if (!medium.ok()) return medium.error();
      dateline = *medium;
      dateline_no_year = generator->getBestPattern(u"ddMM", status);
      if (U_FAILURE(status)) return fail("find a numeric day-month pattern");
      break;
    }
    case Language::kMontenegrinLatin:
    case Language::kMontenegrinCyrillic:
      dateline = *long_pattern;
      dateline_no_year = day_month;
      break;
  }

  icu::DateFormatSymbols nominative(loc, status);
  if (U_FAILURE(status)) return fail("load date symbols");
  icu::DateFormatSymbols genitive(nominative);
  if (target.is_montenegrin()) {
    if (target.is_cyrillic()) {
      SetMonths(nominative, CyrillicMonths(kCnrNomCyrl));
      SetMonths(genitive, CyrillicMonths(kCnrGenCyrl));
    } else {
      SetMonths(nominative, kCnrNominativeLatn);
      SetMonths(genitive, kCnrGenitiveLatn);
    }
  }
  for (int style = 0; style < 3; ++style) {
    for (int with_year = 0; with_year < 2; ++with_year) {
      auto format = std::make_unique<icu::SimpleDateFormat>(patterns[style][with_year], loc, status);
      if (U_FAILURE(status)) return fail("create a date format");
      format->setDateFormatSymbols(style == static_cast<int>(DateStyle::kRunningText) ? genitive
                                                                                      : nominative);
      impl->dates[style][with_year] = std::move(format);
    }
  }
  impl->calendar = std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), loc, status);
  if (U_FAILURE(status)) return fail("create a calendar");
  return PlaceableFormatter(std::move(impl));
}

std::string PlaceableFormatter::FormatNumber(const NumberValue& value, bool grouped) const {
  const std::string decimal = value.ToDecimalString();
  const icu::number::LocalizedNumberFormatter* formatter = nullptr;
  std::optional<icu::number::LocalizedNumberFormatter> special;
  if (value.integer.size() > 1 && value.integer[0] == '0') {
    // Leading zeros as written ("05").
    special = impl_->MakeNumberFormatter(value.decimals(), grouped)
                  .integerWidth(icu::number::IntegerWidth::zeroFillTo(
                      static_cast<int32_t>(std::min<std::size_t>(value.integer.size(), 999))));
    formatter = &*special;
  } else if (value.decimals() < 8) {
    auto& slot = impl_->number_cache[value.decimals()][grouped ? 1 : 0];
    if (!slot) slot = impl_->MakeNumberFormatter(value.decimals(), grouped);
    formatter = &*slot;
  } else {
    special = impl_->MakeNumberFormatter(value.decimals(), grouped);
    formatter = &*special;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::number::FormattedNumber formatted = formatter->formatDecimal(
      icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), status);
  icu::UnicodeString out = formatted.toString(status);
  if (U_FAILURE(status)) return decimal;  // only when ICU data is broken
  return ToUtf8(out);
}

std::string PlaceableFormatter::FormatDate(const DateValue& value, DateStyle style) const {
  const int has_year = value.year != 0 ? 1 : 0;
  const icu::SimpleDateFormat& format = *impl_->dates[static_cast<int>(style)][has_year];
  icu::Calendar& calendar = *impl_->calendar;
  calendar.clear();
  // A year-less date is placed in a leap year so that 29 February exists.
  calendar.set(has_year ? value.year : 2000, value.month - 1, value.day);
  icu::UnicodeString out;
  icu::FieldPosition position;
  format.format(calendar, out, position);
  return ToUtf8(out);
}

std::string PlaceableFormatter::FormatTime(const TimeValue& value,
                                           const TimeNotation& notation) const {
  std::string out;
  const bool twelve = notation.twelve_hour && impl_->target.language() == Language::kEnglish;
  if (twelve) {
    const int h12 = value.hour % 12 == 0 ? 12 : value.hour % 12;
    AppendTwoDigits(out, h12, notation.pad_hour);
    if (notation.minutes || value.minute != 0) {
      out += notation.separator;
      AppendTwoDigits(out, value.minute, true);
    }
    // The suffix as the model wrote it ("a.m.", " PM"), with a/p set for this value.
    std::string suffix = notation.suffix.empty() ? std::string(" a.m.") : notation.suffix;
    for (char& c : suffix) {
      if ((c | 0x20) == 'a' || (c | 0x20) == 'p') {
        const bool upper = c >= 'A' && c <= 'Z';
        c = value.hour >= 12 ? (upper ? 'P' : 'p') : (upper ? 'A' : 'a');
        break;
      }
    }
    out += suffix;
    return out;
  }
  const char separator = notation.twelve_hour ? ':' : notation.separator;
  AppendTwoDigits(out, value.hour, notation.pad_hour);
  // An hour-only model ("um 19 Uhr") stays hour-only while the value allows.
  if (!notation.twelve_hour && !notation.minutes && value.minute == 0 && value.second < 0) {
    out += notation.suffix;
    return out;
  }
  out += separator;
  AppendTwoDigits(out, value.minute, true);
  if (value.second >= 0) {
    out += separator;
    AppendTwoDigits(out, value.second, true);
  }
  if (!notation.twelve_hour) out += notation.suffix;
  return out;
}

std::string PlaceableFormatter::FormatTime(const TimeValue& value) const {
  TimeNotation notation = value.notation;
  if (impl_->target.language() == Language::kEnglish && !notation.twelve_hour) {
    notation.separator = ':';  // English writes neither "10.30" nor "10:30 h"
    notation.suffix.clear();
  }
  return FormatTime(value, notation);
}

std::string PlaceableFormatter::Format(const PlaceableValue& value,
                                       const PlaceableValue* model) const {
  if (model != nullptr && model->kind != value.kind) model = nullptr;
  switch (value.kind) {
    case TokenKind::kNumber: {
      bool grouped = value.number.grouped;
      // A model shows its grouping only when it has enough digits to group.
      if (model != nullptr && StripLeadingZeros(model->number.integer).size() >= 4) {
        grouped = model->number.grouped;
      }
      return FormatNumber(value.number, grouped);
    }
    case TokenKind::kDate:
      return FormatDate(value.date, model != nullptr ? model->date.style : value.date.style);
    case TokenKind::kTime:
      return model != nullptr ? FormatTime(value.time, model->time.notation)
                              : FormatTime(value.time);
    default:
      return value.text;
  }
}

}  // namespace lovcen
