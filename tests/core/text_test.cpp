#include "lovcen/text.h"

#include <gtest/gtest.h>

#include <string>

namespace lovcen {
namespace {

std::int64_t BadOffset(std::string_view text) {
  const Status s = ValidateUtf8(text);
  EXPECT_FALSE(s.ok()) << "accepted: " << ::testing::PrintToString(std::string(text));
  if (s.ok()) return -2;
  EXPECT_EQ(s.error().kind, Error::Kind::kBadInput);
  return s.error().offset;
}

std::string BadMessage(std::string_view text) {
  const Status s = ValidateUtf8(text);
  return s.ok() ? std::string() : s.error().message;
}

TEST(TextTest, ValidUtf8IsAccepted) {
  EXPECT_TRUE(ValidateUtf8("").ok());
  EXPECT_TRUE(ValidateUtf8("plain ASCII").ok());
  EXPECT_TRUE(ValidateUtf8("\u0107\u0161\u017e \u015b\u017a \u0436\u0459\u045a").ok());
  EXPECT_TRUE(ValidateUtf8("\u20ac \U0001F600 \U0010FFFF \uFFFD \uD7FF \uE000").ok());
  EXPECT_TRUE(ValidateUtf8(std::string("nul\0inside", 10)).ok());
}

TEST(TextTest, TruncatedSequencesNameTheirFirstByte) {
  EXPECT_EQ(BadOffset("ab\xE2\x82"), 2);          // cut by the end of the text
  EXPECT_EQ(BadOffset("a\xE2\x82z"), 1);          // cut by an ASCII byte
  EXPECT_EQ(BadOffset("\xC3"), 0);
  EXPECT_EQ(BadOffset("ok \xF0\x9F\x98"), 3);
  EXPECT_NE(BadMessage("ab\xE2\x82").find("truncated"), std::string::npos);
  EXPECT_NE(BadMessage("ab\xE2\x82").find("0xe2"), std::string::npos);
}

TEST(TextTest, OverlongEncodingsAreRejected) {
  EXPECT_EQ(BadOffset("x\xC0\xAF"), 1);             // '/' in two bytes
  EXPECT_EQ(BadOffset("\xC1\xBF"), 0);
  EXPECT_EQ(BadOffset("\xE0\x80\xAF"), 0);          // '/' in three bytes
  EXPECT_EQ(BadOffset("\xF0\x80\x80\xAF"), 0);      // '/' in four bytes
  EXPECT_NE(BadMessage("\xE0\x80\xAF").find("overlong"), std::string::npos);
}

TEST(TextTest, SurrogatesAndOutOfRangeAreRejected) {
  EXPECT_EQ(BadOffset("ab\xED\xA0\x80"), 2);        // U+D800
  EXPECT_EQ(BadOffset("\xED\xBF\xBF"), 0);          // U+DFFF
  EXPECT_NE(BadMessage("\xED\xA0\x80").find("surrogate"), std::string::npos);
  EXPECT_EQ(BadOffset("\xF4\x90\x80\x80"), 0);      // U+110000
  EXPECT_EQ(BadOffset("\xF5\x80\x80\x80"), 0);
  EXPECT_EQ(BadOffset("\xFF"), 0);
  EXPECT_EQ(BadOffset("abc\x80"), 3);               // stray continuation
  EXPECT_NE(BadMessage("\x80").find("continuation"), std::string::npos);
}

TEST(TextTest, DecodeUtf8MatchesTheValidator) {
  const std::string s = "a\u0107\u20ac\U0001F600";
  CodePoint cp = DecodeUtf8(s, 0);
  EXPECT_EQ(cp.value, 'a');
  EXPECT_EQ(cp.length, 1);
  cp = DecodeUtf8(s, 1);
  EXPECT_EQ(cp.value, 0x107);
  EXPECT_EQ(cp.length, 2);
  cp = DecodeUtf8(s, 3);
  EXPECT_EQ(cp.value, 0x20AC);
  EXPECT_EQ(cp.length, 3);
  cp = DecodeUtf8(s, 6);
  EXPECT_EQ(cp.value, 0x1F600);
  EXPECT_EQ(cp.length, 4);
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80", 0).value, -1);
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80", 0).length, 1);
  EXPECT_EQ(DecodeUtf8("\xE2\x82", 0).value, -1);
}

TEST(TextTest, NfcComposesAndLeavesNfcAlone) {
  EXPECT_EQ(ToNfc("e\u0301"), "\u00e9");
  EXPECT_EQ(ToNfc("c\u030c"), "\u010d");                // č
  EXPECT_EQ(ToNfc("s\u0301utra"), "\u015butra");        // ś
  EXPECT_EQ(ToNfc("\u00e9t\u00e9"), "\u00e9t\u00e9");
  EXPECT_EQ(ToNfc("plain"), "plain");
  // Cyrillic с́ has no precomposed form and stays two code points.
  EXPECT_EQ(ToNfc("\u0441\u0301"), "\u0441\u0301");
  // Canonical reordering of combining marks.
  EXPECT_EQ(ToNfc("a\u0323\u0302"), ToNfc("a\u0302\u0323"));
  // Singletons are replaced: U+212B ANGSTROM SIGN -> U+00C5.
  EXPECT_EQ(ToNfc("\u212b"), "\u00c5");
}

TEST(TextTest, NormalizeInputValidatesFirst) {
  auto ok = NormalizeInput("Cafe\u0301");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "Caf\u00e9");
  auto bad = NormalizeInput("Caf\xC3");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().offset, 3);
}

TEST(TextTest, MatchKeyCollapsesAllWhiteSpace) {
  EXPECT_EQ(MatchKey("  Rubio \t said\n\nthis  "), "Rubio said this");
  EXPECT_EQ(MatchKey("a\u00a0\u00a0b"), "a b");              // no-break space
  EXPECT_EQ(MatchKey("a\u2009b\u202fc\u3000d"), "a b c d");  // thin, narrow, ideographic
  EXPECT_EQ(MatchKey("a\u2028b\u0085c"), "a b c");           // line separator, NEL
  EXPECT_EQ(MatchKey("\u00a0 \t"), "");
  EXPECT_EQ(MatchKey(""), "");
  // Not white space: zero-width space and the word joiner stay.
  EXPECT_EQ(MatchKey("a\u200bb"), "a\u200bb");
  // NFC applies before comparison.
  EXPECT_EQ(MatchKey("Cafe\u0301  au lait"), MatchKey("Caf\u00e9 au lait"));
}

TEST(TextTest, KeyHashIsFnv1a64AndStable) {
  // These values are stored in every TM: they must never change.
  EXPECT_EQ(KeyHash("abc"), 0xe71fa2190541574bull);
  EXPECT_EQ(KeyHash(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(KeyHash("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_NE(KeyHash("Rubio said"), KeyHash("Rubio  said"));
  EXPECT_EQ(KeyHash(MatchKey("Rubio said")), KeyHash(MatchKey("Rubio\u00a0 said")));
}

TEST(TextTest, StripBomAndCodePointCount) {
  EXPECT_EQ(StripBom("\xEF\xBB\xBFtext"), "text");
  EXPECT_EQ(StripBom("text"), "text");
  EXPECT_EQ(StripBom("\xEF\xBB"), "\xEF\xBB");
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("\u0107\u20ac\U0001F600"), 3u);
  EXPECT_EQ(CodePointCount("\u0441\u0301"), 2u);
}

}  // namespace
}  // namespace lovcen
