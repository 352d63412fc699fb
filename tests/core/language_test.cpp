#include "lovcen/language.h"

#include <gtest/gtest.h>

#include <string>

namespace lovcen {
namespace {

std::string Canonical(std::string_view text, const TagOptions& options = {}) {
  auto tag = LanguageTag::Parse(text, options);
  EXPECT_TRUE(tag.ok()) << text << ": " << (tag.ok() ? "" : tag.error().ToString());
  return tag.ok() ? std::string(tag->str()) : std::string();
}

TEST(LanguageTest, CanonicalTagsParseWithoutWarning) {
  for (const char* text : {"en", "de", "cnr-Latn", "cnr-Cyrl"}) {
    std::string warning = "stale";
    auto tag = LanguageTag::Parse(text, {}, &warning);
    ASSERT_TRUE(tag.ok()) << text;
    EXPECT_EQ(tag->str(), text);
    EXPECT_TRUE(warning.empty()) << text << ": " << warning;
  }
}

TEST(LanguageTest, TagsCompareCaseInsensitively) {
  EXPECT_EQ(Canonical("EN"), "en");
  EXPECT_EQ(Canonical("De"), "de");
  EXPECT_EQ(Canonical("CNR-latn"), "cnr-Latn");
  EXPECT_EQ(Canonical("cnr-CYRL"), "cnr-Cyrl");
  // Bare cnr is the Latin edition.
  EXPECT_EQ(Canonical("cnr"), "cnr-Latn");
}

TEST(LanguageTest, SerbianMontenegroAliasesWarnOnce) {
  std::string warning;
  auto latn = LanguageTag::Parse("sr-Latn-ME", {}, &warning);
  ASSERT_TRUE(latn.ok());
  EXPECT_EQ(latn->language(), Language::kMontenegrinLatin);
  EXPECT_NE(warning.find("sr-Latn-ME"), std::string::npos);
  EXPECT_NE(warning.find("cnr-Latn"), std::string::npos);
  auto cyrl = LanguageTag::Parse("sr_cyrl_me", {}, &warning);  // ICU spelling
  ASSERT_TRUE(cyrl.ok());
  EXPECT_EQ(cyrl->str(), "cnr-Cyrl");
  EXPECT_FALSE(warning.empty());
  // Without a warning sink the alias is still accepted.
  EXPECT_TRUE(LanguageTag::Parse("sr-Latn-ME").ok());
}

TEST(LanguageTest, RegionalTagsNeedFoldRegions) {
  for (const char* text : {"en-US", "en-GB", "de-DE", "de-AT", "de-CH"}) {
    auto refused = LanguageTag::Parse(text);
    ASSERT_FALSE(refused.ok()) << text;
    EXPECT_EQ(refused.error().kind, Error::Kind::kBadInput);
    EXPECT_NE(refused.error().message.find(text), std::string::npos);
  }
  TagOptions fold;
  fold.fold_regions = true;
  std::string warning;
  auto us = LanguageTag::Parse("en-us", fold, &warning);
  ASSERT_TRUE(us.ok());
  EXPECT_EQ(us->str(), "en");
  EXPECT_FALSE(warning.empty());
  EXPECT_EQ(Canonical("de-AT", fold), "de");
}

TEST(LanguageTest, UnknownTagsAreErrorsNotGuesses) {
  for (const char* text : {"", "fr", "sr", "sr-Latn", "sr-ME", "hr", "english", "en-", "cnr-ME",
                           " en", "en-Latn"}) {
    std::string warning = "stale";
    auto tag = LanguageTag::Parse(text, {}, &warning);
    ASSERT_FALSE(tag.ok()) << "'" << text << "'";
    EXPECT_EQ(tag.error().kind, Error::Kind::kBadInput);
    EXPECT_TRUE(warning.empty());
  }
  TagOptions fold;
  fold.fold_regions = true;
  EXPECT_FALSE(LanguageTag::Parse("fr-FR", fold).ok());
  EXPECT_FALSE(LanguageTag::Parse("en-AU", fold).ok());
}

TEST(LanguageTest, IcuLocalesAndProperties) {
  const LanguageTag en(Language::kEnglish), de(Language::kGerman);
  const LanguageTag latn(Language::kMontenegrinLatin), cyrl(Language::kMontenegrinCyrillic);
  EXPECT_EQ(en.icu_locale(), "en");
  EXPECT_EQ(de.icu_locale(), "de");
  EXPECT_EQ(latn.icu_locale(), "sr_Latn_ME");
  EXPECT_EQ(cyrl.icu_locale(), "sr_Cyrl_ME");
  EXPECT_EQ(latn.primary(), "cnr");
  EXPECT_EQ(cyrl.primary(), "cnr");
  EXPECT_EQ(de.primary(), "de");
  EXPECT_TRUE(latn.is_montenegrin());
  EXPECT_TRUE(cyrl.is_cyrillic());
  EXPECT_FALSE(latn.is_cyrillic());
  EXPECT_FALSE(en.is_montenegrin());
  EXPECT_EQ(latn, LanguageTag(Language::kMontenegrinLatin));
  EXPECT_FALSE(latn == cyrl);
}

}  // namespace
}  // namespace lovcen
