// The packed unit body of the SQLite store (core/src/unit_body.h).
#include "../../core/src/unit_body.h"

#include <gtest/gtest.h>

namespace lovcen::internal {
namespace {

std::vector<Variant> SampleVariants() {
  Variant en;
  en.language = LanguageTag(Language::kEnglish);
  en.segment.text = "Rubio met Putin's envoy.";
  en.context_pre = "Previous.";
  en.context_post = "Next.";
  en.created = "2025-04-05T10:00:00Z";
  Variant cnr;
  cnr.language = LanguageTag(Language::kMontenegrinLatin);
  cnr.segment.text = "Rubio se sastao s Putinovim izaslanikom.";
  cnr.segment.codes.push_back({CodeKind::kOpen, 0, "1", "g", {{"ctype", "bold"}}, "<b>"});
  cnr.segment.codes.push_back({CodeKind::kClose, 5, "1", "g", {}, "</b>"});
  cnr.author = "M.J.";
  Variant cyr;
  cyr.language = LanguageTag(Language::kMontenegrinCyrillic);
  cyr.segment.text = "Рубио се састао с Путиновим изаслаником.";
  return {en, cnr, cyr};
}

TEST(UnitBodyTest, RoundTripsVariantsAndProperties) {
  const std::vector<Variant> variants = SampleVariants();
  const std::vector<Property> properties = {{"x-confidence", "0.93"}, {"x-note", ""}};
  std::string body;
  EncodeUnitBody(variants, properties, &body);
  std::vector<Variant> v;
  std::vector<Property> p;
  ASSERT_TRUE(DecodeUnitBody(body, &v, &p));
  EXPECT_EQ(v, variants);
  EXPECT_EQ(p, properties);
  EXPECT_EQ(LanguageMask(variants), 0b1101);
}

TEST(UnitBodyTest, ReadsOneLanguageInPlace) {
  std::string body;
  EncodeUnitBody(SampleVariants(), {{"a", "b"}}, &body);
  std::string_view text, codes;
  ASSERT_TRUE(FindVariantText(body, 2, &text, &codes));
  EXPECT_EQ(text, "Rubio se sastao s Putinovim izaslanikom.");
  EXPECT_FALSE(codes.empty());
  ASSERT_TRUE(FindVariantText(body, 0, &text, &codes));
  EXPECT_TRUE(codes.empty());
  EXPECT_FALSE(FindVariantText(body, 1, &text, &codes));  // no German variant
  std::vector<std::int64_t> seen;
  EXPECT_TRUE(
      ForEachVariantText(body, [&](std::int64_t code, std::string_view) { seen.push_back(code); }));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{0, 2, 3}));
}

TEST(UnitBodyTest, RefusesDamagedBodies) {
  std::string body;
  EncodeUnitBody(SampleVariants(), {{"x", "y"}}, &body);
  std::vector<Variant> v;
  std::vector<Property> p;
  std::string_view text, codes;
  // Every truncation, and a foreign format byte, is refused, never overread.
  for (std::size_t size = 0; size < body.size(); ++size) {
    v.clear();
    p.clear();
    EXPECT_FALSE(DecodeUnitBody(std::string_view(body).substr(0, size), &v, &p)) << size;
    FindVariantText(std::string_view(body).substr(0, size), 3, &text, &codes);
  }
  std::string foreign = body;
  foreign[0] = 7;
  EXPECT_FALSE(DecodeUnitBody(foreign, &v, &p));
  EXPECT_FALSE(DecodeUnitBody(body + "x", &v, &p));  // trailing bytes
  std::string huge = "\x01\xff\xff\xff\xff\xff\xff\xff\xff\x7f";
  EXPECT_FALSE(DecodeUnitBody(huge, &v, &p));  // a count larger than the blob
}

}  // namespace
}  // namespace lovcen::internal
