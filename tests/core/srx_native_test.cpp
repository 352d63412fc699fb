// The segmenter's own matcher (srx_native) against ICU: for every pattern of
// the bundled rules and for hand-written ones that use each construct, at
// every position of random texts, the matcher either says it does not know
// or gives exactly ICU's lookingAt() and region matches() (transparent,
// non-anchoring bounds, as the segmenter sets them).
#include <gtest/gtest.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "../../core/src/srx_native.h"
#include "lovcen/formats/srx_reader.h"
#include "lovcen/srx.h"

namespace lovcen::srx_internal {
namespace {

using Answer = NativePattern::Answer;

// Code points that the bundled rules care about, and some they must give up
// on: combining marks, format characters (soft hyphen, ZWJ), NBSP, CJK, a
// line separator.
const std::u16string& Alphabet() {
  static const std::u16string a =
      u"aeiouxvc AEIOUXVT Dr.Mr.St.U.S.e.g.z.B. 1234567890 .,;:!?-()[]\"'\n\t"
      u"\u00A0\u00AD\u0301\u200D\u2013\u2014\u2026\u201E\u201C\u201D\u2019\u00AB\u00BB"
      u"šđčćž ŠĐČĆŽ ß äöü абвгдежзњљ АБВЈ \u2022\u3002\u4E00\u2028";
  return a;
}

icu::UnicodeString RandomText(std::mt19937& rng, int length) {
  const std::u16string& a = Alphabet();
  std::uniform_int_distribution<std::size_t> pick(0, a.size() - 1);
  std::uniform_int_distribution<int> words(0, 9);
  static const char16_t* const kWords[] = {u"Dr. ", u"U.S. ", u"The ", u"Inc. ", u"5. ",
                                           u"aprila ", u"i dr. ", u"Jan. ", u"(a) ", u"... "};
  icu::UnicodeString text;
  while (text.length() < length) {
    if (words(rng) < 3) {
      text.append(icu::UnicodeString(kWords[pick(rng) % 10]));
    } else {
      text.append(static_cast<UChar>(a[pick(rng)]));
    }
  }
  return text;
}

struct Tally {
  long known = 0;
  long unknown = 0;
};

// Compares one pattern on `texts`; returns false (and says where) at the
// first disagreement.
void Compare(const std::string& pattern_utf8, const std::vector<icu::UnicodeString>& texts,
             NativePattern::Tables* tables, Tally& tally) {
  const icu::UnicodeString pattern = icu::UnicodeString::fromUTF8(pattern_utf8);
  UErrorCode status = U_ZERO_ERROR;
  UParseError error{};
  std::unique_ptr<icu::RegexPattern> icu_pattern(
      icu::RegexPattern::compile(pattern, 0, error, status));
  if (U_FAILURE(status)) return;  // ICU refuses it; the segmenter never sees it
  auto native = NativePattern::Compile(pattern, tables);
  if (!native) return;  // outside the subset: ICU answers, nothing to compare
  std::unique_ptr<icu::RegexMatcher> m(icu_pattern->matcher(status));
  ASSERT_TRUE(U_SUCCESS(status));
  m->useTransparentBounds(true);
  m->useAnchoringBounds(false);
  for (const icu::UnicodeString& text : texts) {
    m->reset(text);
    const UChar* u = text.getBuffer();
    const int32_t n = text.length();
    for (int32_t p = 0; p <= n; ++p) {
      status = U_ZERO_ERROR;
      const bool icu_hit = m->lookingAt(p, status);
      ASSERT_TRUE(U_SUCCESS(status));
      const Answer a = native->LookingAt(u, n, p);
      if (a == Answer::kUnknown) {
        ++tally.unknown;
      } else {
        ++tally.known;
        ASSERT_EQ(a == Answer::kYes, icu_hit)
            << "lookingAt of /" << pattern_utf8 << "/ at " << p << " in \""
            << [&] {
                 std::string s;
                 text.toUTF8String(s);
                 return s;
               }()
            << "\"";
      }
      for (int32_t start = std::max(0, p - 24); start <= p; ++start) {
        status = U_ZERO_ERROR;
        m->region(start, p, status);
        const bool icu_region = m->matches(status);
        ASSERT_TRUE(U_SUCCESS(status));
        const Answer r = native->Matches(u, n, start, p);
        if (r == Answer::kUnknown) {
          ++tally.unknown;
          continue;
        }
        ++tally.known;
        ASSERT_EQ(r == Answer::kYes, icu_region)
            << "matches of /" << pattern_utf8 << "/ on [" << start << ", " << p << ") in \""
            << [&] {
                 std::string s;
                 text.toUTF8String(s);
                 return s;
               }()
            << "\"";
      }
    }
  }
}

std::vector<icu::UnicodeString> Texts(int count, int length, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<icu::UnicodeString> texts;
  for (int k = 0; k < count; ++k) texts.push_back(RandomText(rng, length));
  // Edges: empty, one code point, only white space.
  texts.emplace_back();
  texts.emplace_back(u"a");
  texts.emplace_back(u"  \n ");
  return texts;
}

TEST(SrxNative, ConstructsGiveWhatIcuGives) {
  const std::vector<std::string> patterns = {
      "a", "ab|ba", "\\s+\\p{Lu}", "\\s*\\d", "[a-z]\\.\\s+\\p{Ll}", "(?:\\b\\p{L}\\.){2}",
      "\\bDr\\.", "\\b(?:Jan|Feb|Mar)\\.", "\\Bx", "x\\B", "^\\p{Lu}", "\\A\\s", ".", ".+?\\.",
      "a{2,3}", "(?:ab){1,}", "(?:a|ab)(?:c|bcd)", "(a|)+b", "(?:)", "(?=\\s)", "(?!\\p{L})\\S",
      "\\s+(?=\\(?(?:\\d{1,3}|[a-z]|[ivx]{1,5})[.)]\\)?\\s|(?![\\p{Ll}\\p{Lm}.,;:!?…)\\]}]|"
      "[-–—]+(?!\\s*[\\p{Lu}\\d]))\\S)",
      "(?<=\\.)\\s", "(?<![^\\s•])\\d", "(?<=(?:^|[.?!]\\s{0,3}|\\p{L}\\s))\\d{1,3}\\.",
      "[.?!…]+(?:[\"'”“’‘»«)\\]]|</[\\p{L}\\d]{1,10}>){0,4}(?:\\[\\d{1,3}\\]){0,3}",
      "\\u2026", "\\x{201E}\\p{Lu}", "\\x41", "[^\\s]", "\\w\\W", "\\.\\s\\.\\s\\.",
      "[\\p{L}\\d]\\.", "\\p{Lu}\\p{Ll}+(?![\\p{L}\\d@/]|\\.[\\p{L}\\d])", "(?:a*)*b",
      "(?:x?){3}y", "š\\.", "\\s\\n", "[\\n\\r\\u2028]"};
  const auto texts = Texts(60, 40, 7);
  NativePattern::Tables tables;
  Tally tally;
  for (const std::string& p : patterns) {
    SCOPED_TRACE(p);
    Compare(p, texts, &tables, tally);
    if (HasFatalFailure()) return;
  }
  std::printf("native matcher: %ld answers equal to ICU's, %ld left to ICU\n", tally.known,
              tally.unknown);
  EXPECT_GT(tally.known, 10 * tally.unknown);
}

TEST(SrxNative, RefusesWhatItDoesNotKnow) {
  for (const char* p : {"(?i)dr\\.", "a++", "(?>ab)", "(a)\\1", "a$", "\\Z", "\\Qa\\E", "[[a]b]",
                        "[a&&b]", "\\N{DIGIT ONE}", "a{2}{3}", "(?<=a+)b", "\\k<x>", "\\h",
                        "\\R", "\\X", "\\G", "😀"}) {
    EXPECT_EQ(NativePattern::Compile(icu::UnicodeString::fromUTF8(p), nullptr), nullptr) << p;
  }
}

TEST(SrxNative, BundledRulesGiveWhatIcuGives) {
  auto doc = formats::ReadSrxFile(DefaultSrxPath());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const auto texts = Texts(12, 60, 11);
  NativePattern::Tables tables;
  Tally tally;
  int compiled = 0;
  int patterns = 0;
  for (const SrxLanguageRule& language : doc->language_rules) {
    for (const SrxRule& rule : language.rules) {
      for (const std::string* p : {&rule.before, &rule.after}) {
        if (p->empty()) continue;
        ++patterns;
        if (NativePattern::Compile(icu::UnicodeString::fromUTF8(*p), &tables)) {
          ++compiled;
        } else {
          std::printf("left to ICU: %.70s\n", p->c_str());
        }
        SCOPED_TRACE(*p);
        Compare(*p, texts, &tables, tally);
        if (HasFatalFailure()) return;
      }
    }
  }
  std::printf("bundled rules: the native matcher takes %d of %d patterns; %ld answers equal to "
              "ICU's, %ld left to ICU\n",
              compiled, patterns, tally.known, tally.unknown);
  EXPECT_GT(compiled, patterns * 3 / 4);
}

}  // namespace
}  // namespace lovcen::srx_internal
