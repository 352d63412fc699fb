// The fast paths in text.cpp must agree with ICU exactly: the code point
// ranges treated as NFC-stable, and the white space the match key collapses.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "lovcen/text.h"

namespace lovcen {
namespace {

std::string Utf8(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

TEST(TextFastPathTest, NfcOfEveryCodePointFollowedByCombiningMarkMatchesIcu) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (UChar32 c = 0x20; c < 0x3000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    for (const std::string& text : {Utf8(c), "a" + Utf8(c), Utf8(c) + "\xCC\x81"}) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
      std::string expected;
      nfc->normalize(u, status).toUTF8String(expected);
      ASSERT_EQ(ToNfc(text), expected) << "U+" << std::hex << c;
    }
  }
}

TEST(TextFastPathTest, MatchKeyCollapsesExactlyUnicodeWhiteSpace) {
  for (UChar32 c = 1; c < 0x3100; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string key = MatchKey("a" + Utf8(c) + "b");
    if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) {
      EXPECT_EQ(key, "a b") << "U+" << std::hex << c;
    } else {
      EXPECT_NE(key, "a b") << "U+" << std::hex << c;
    }
  }
}

TEST(TextFastPathTest, CyrillicAcuteComposesOnlyWhereUnicodeHasAPrecomposedLetter) {
  // с + U+0301 has no precomposed form and stays two code points; е + U+0301 neither.
  EXPECT_EQ(ToNfc("\xD1\x81\xCC\x81"), "\xD1\x81\xCC\x81");
  // s + U+0301 composes to ś (U+015B).
  EXPECT_EQ(ToNfc("s\xCC\x81"), "\xC5\x9B");
}

}  // namespace
}  // namespace lovcen
