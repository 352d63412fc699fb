// Placeables (design brief §3 "placeable"): the values of number, date and
// time tokens, read per language ("1,500" is 1500 in en and 1.5 in de), compared
// by value ("1,500.5" en equals "1.500,5" de) and written for a target
// language in the style the newsroom uses there ("05-Apr-2025" becomes
// "5. april 2025." in cnr-Latn and "05.04.2025" in de). The Match* and Parse*
// functions are pure and thread-safe and never allocate unless they return a
// value that owns text; a PlaceableFormatter holds ICU formatters and must not
// be shared between threads (create one per thread).
// docs/tokenizer.md lists every accepted form.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lovcen/language.h"
#include "lovcen/status.h"
#include "lovcen/tokenizer.h"

namespace lovcen {

// A decimal number exactly as written, without its separators.
struct NumberValue {
  bool negative = false;
  std::string integer;   // integer digits as written, leading zeros kept ("1500", "05")
  std::string fraction;  // fraction digits as written, trailing zeros kept ("5", "50")
  bool grouped = false;  // written with group separators ("1,500", "1.500")

  std::size_t decimals() const { return fraction.size(); }
  // Plain ASCII decimal ("-1500.5"), the form ICU's formatDecimal reads.
  std::string ToDecimalString() const;
};

// How a date is written, which decides how it is written in another language.
enum class DateStyle {
  kDateline,     // numeric or the house dateline: "05-Apr-2025", "05.04.2025",
                 // "5. april 2025." (cnr nominative month), "4/5/2025"
  kRunningText,  // running text: "April 5, 2025", "5. April 2025", "5. aprila 2025."
  kIso,          // "2025-04-05"; written as ISO 8601 in every language
};

struct DateValue {
  int year = 0;  // 0 when the date was written without a year ("April 5")
  int month = 0;  // 1..12
  int day = 0;    // 1..31, valid for the month
  DateStyle style = DateStyle::kDateline;
};

// How a time is written; kept so that a substituted time looks like the one
// it replaces.
struct TimeNotation {
  char separator = ':';        // ':' or '.'
  bool pad_hour = true;        // "09:30" rather than "9:30"
  bool twelve_hour = false;    // written with a.m./p.m.
  bool minutes = true;         // false for an hour-only time ("10 a.m.", "19 Uhr")
  std::string suffix;          // as written after the digits: "", " h", "h", " a.m.", "PM"
};

struct TimeValue {
  int hour = 0;     // 0..23 (12-hour input is converted)
  int minute = 0;   // 0..59
  int second = -1;  // -1 when not written
  // Unmistakably a time: written with a.m./p.m., "h", seconds, or before an
  // hour word ("Uhr", "časova"). A bare "12:11" is not marked: it may be a
  // score, which the Tokenizer decides from the word before it.
  bool marked = false;
  TimeNotation notation;
};

// The value of one placeable token.
struct PlaceableValue {
  TokenKind kind = TokenKind::kNumber;
  NumberValue number;  // kNumber
  DateValue date;      // kDate
  TimeValue time;      // kTime
  std::string text;    // the token as written (the value itself for kUrl and kEmail)
};

// --- Recognisers (used by the Tokenizer) -----------------------------------
// Each returns the length in bytes of the date/time written at the very start
// of `text`, or 0 when none starts there. The caller guarantees that `text`
// starts at a token boundary; the recogniser checks that the match does not
// run into a following letter or digit. `language` decides day/month order of
// slash dates, dateline vs running-text style, and whether a dot after the
// year belongs to the date (it does in Montenegrin: "5. aprila 2025.").
std::size_t MatchDate(std::string_view text, const LanguageTag& language,
                      DateValue* value = nullptr);
std::size_t MatchTime(std::string_view text, const LanguageTag& language,
                      TimeValue* value = nullptr);
// True when `text` (digits with ',' and '.') is a well-formed number in the
// English or the German/Montenegrin convention.
bool IsWellFormedNumber(std::string_view text);

// --- Parsing ---------------------------------------------------------------
// Reads a whole token. A number is read in `language`'s convention first
// (en: ',' groups and '.' is decimal; de, cnr: the reverse) and in the other
// one only when the first does not fit ("3,2" in en is 3.2). A leading
// '-', '+' or U+2212 is the sign.
std::optional<NumberValue> ParseNumber(std::string_view text, const LanguageTag& language);
std::optional<DateValue> ParseDate(std::string_view text, const LanguageTag& language);
// Reads a token the Tokenizer cut as a time: "19" and "10.30" are times here,
// though in running text MatchTime takes them as times only before an hour
// word ("19 Uhr", "10.30 časova").
std::optional<TimeValue> ParseTime(std::string_view text, const LanguageTag& language);
// The value of a token of `kind` (number, date, time, URL or e-mail); a
// kBadInput error when the text is not such a token.
Result<PlaceableValue> ParsePlaceable(TokenKind kind, std::string_view text,
                                      const LanguageTag& language);

// Equal values: numbers numerically ("1,500.50" en == "1.500,5" de), dates by
// year/month/day, times by hour/minute/second, URLs and e-mail addresses by
// text. The notation (style, grouping, decimals written) does not count.
bool SameValue(const NumberValue& a, const NumberValue& b);
bool SameValue(const PlaceableValue& a, const PlaceableValue& b);

// --- Formatting ------------------------------------------------------------
// Writes values for one target language with ICU (numbers: NumberFormatter;
// dates: SimpleDateFormat with the house patterns, with Montenegrin month names
// fixed up: ICU 72's sr_*_ME data has no genitive months). Creating one costs
// under a millisecond (ICU loads its date data); Format() a few microseconds.
// Not thread-safe: one per thread.
class PlaceableFormatter {
 public:
  static Result<PlaceableFormatter> Create(const LanguageTag& target);
  PlaceableFormatter(PlaceableFormatter&&) noexcept;
  PlaceableFormatter& operator=(PlaceableFormatter&&) noexcept;
  ~PlaceableFormatter();

  // Target separators, the same number of decimals and leading zeros as
  // written, grouped when `grouped` (ICU decides the target's grouping rule).
  std::string FormatNumber(const NumberValue& value, bool grouped) const;
  std::string FormatNumber(const NumberValue& value) const {
    return FormatNumber(value, value.grouped);
  }
  // The target's form of `style`: dateline en "05-Apr-2025", de "05.04.2025",
  // cnr-Latn "5. april 2025.", cnr-Cyrl "5. април 2025."; running text en
  // "April 5, 2025", de "5. April 2025", cnr-Latn "5. aprila 2025.",
  // cnr-Cyrl "5. априла 2025."; ISO "2025-04-05". Without a year: "April 5",
  // "5. aprila", "05.04.", ...
  std::string FormatDate(const DateValue& value, DateStyle style) const;
  std::string FormatDate(const DateValue& value) const { return FormatDate(value, value.style); }
  // In `notation`; a 12-hour notation is only kept for an English target.
  std::string FormatTime(const TimeValue& value, const TimeNotation& notation) const;
  // Default notation: the value's own, except that a.m./p.m. and the "h"
  // suffix become plain 24-hour "HH:mm" where the target does not use them.
  std::string FormatTime(const TimeValue& value) const;

  // `value` (read from a source segment) written for the target. `model`, if
  // given, is the target-side value that `value` replaces (read from the TM
  // target in the target language): its notation wins (date style, time
  // notation, grouping when its integer part shows it); the digits and the
  // number of decimals always come from `value`. URLs and e-mail addresses
  // are written as they are.
  std::string Format(const PlaceableValue& value, const PlaceableValue* model = nullptr) const;

  const LanguageTag& target() const;

 private:
  struct Impl;
  explicit PlaceableFormatter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lovcen
