#include "lovcen/formats/article_layout.h"

#include <gtest/gtest.h>

namespace lovcen::formats {
namespace {

TEST(ArticleLayoutTest, DateLinesInEveryEditionsFormat) {
  EXPECT_TRUE(IsDateLine("05-Apr-2025"));
  EXPECT_TRUE(IsDateLine("5. april 2025."));
  EXPECT_TRUE(IsDateLine("5. април 2025."));
  EXPECT_TRUE(IsDateLine("05.04.2025"));
  EXPECT_TRUE(IsDateLine("2025-04-05"));
  EXPECT_TRUE(IsDateLine("April 5, 2025"));
  EXPECT_TRUE(IsDateLine("Saturday, June 14, 2025"));
  EXPECT_TRUE(IsDateLine("Samstag, 5. April 2025, 14:30 Uhr"));
  EXPECT_TRUE(IsDateLine("subota, 14. jun 2025. u 9:15"));
  EXPECT_TRUE(IsDateLine("  14. септембра 2025.  "));
  EXPECT_TRUE(IsDateLine("5 Mar 2025"));
}

TEST(ArticleLayoutTest, LinesThatAreNotOnlyADate) {
  EXPECT_FALSE(IsDateLine("Home USA"));
  EXPECT_FALSE(IsDateLine("Choose language:"));
  EXPECT_FALSE(IsDateLine("Rubio met Putin's envoy on April 5, 2025"));
  EXPECT_FALSE(IsDateLine("3.2 percent"));
  EXPECT_FALSE(IsDateLine("2025"));
  EXPECT_FALSE(IsDateLine("1.500"));
  EXPECT_FALSE(IsDateLine("35.13.2025"));
  EXPECT_FALSE(IsDateLine("German Daily News - All Rights Reserved © 2025"));
  EXPECT_FALSE(IsDateLine(""));
}

TEST(ArticleLayoutTest, BylineLabelsInFourLanguages) {
  EXPECT_EQ(BylineLabelLength("AUTHOR:M.J. GDNUS"), 7u);
  EXPECT_EQ(BylineLabelLength("AUTOR: M.J. GDNUS"), 7u);
  EXPECT_EQ(BylineLabelLength("АУТОР: M.J. GDNUS"), std::string_view("АУТОР: ").size());
  EXPECT_EQ(BylineLabelLength("Autorin : Ana Vuković"), 10u);
  EXPECT_EQ(BylineLabelLength("By Jane Doe"), 3u);
  EXPECT_EQ(BylineLabelLength("Von Slavko Radonjić"), 4u);
  EXPECT_EQ(BylineLabelLength("Piše: Marko Marković"), std::string_view("Piše: ").size());
  EXPECT_EQ(BylineLabelLength("Written by Jane Doe, Reuters"), 11u);
}

TEST(ArticleLayoutTest, SentencesThatMerelyStartLikeABylineAreNot) {
  EXPECT_EQ(BylineLabelLength("By the end of the season, the city expects 400,000 passengers."), 0u);
  EXPECT_EQ(BylineLabelLength("Von Montag an gilt die neue Regel."), 0u);
  EXPECT_EQ(BylineLabelLength("Authorities said nothing."), 0u);
  EXPECT_EQ(BylineLabelLength("AUTHOR:"), 0u);
  EXPECT_EQ(BylineLabelLength("Bystanders: three"), 0u);
}

TEST(ArticleLayoutTest, CopyrightNotices) {
  EXPECT_TRUE(IsCopyrightLine("German Daily News - All Rights Reserved ©"));
  EXPECT_TRUE(IsCopyrightLine("German Daily News - Sva prava zadržana ©"));
  EXPECT_TRUE(IsCopyrightLine("German Daily News - Сва права задржана"));
  EXPECT_TRUE(IsCopyrightLine("Alle Rechte vorbehalten"));
  EXPECT_TRUE(IsCopyrightLine("(c) 2025 German Daily News"));
  EXPECT_TRUE(IsCopyrightLine("Copyright 2025"));
  EXPECT_FALSE(IsCopyrightLine("The rights of workers were reserved for later talks."));
}

TEST(ArticleLayoutTest, SubheadingsAreShortAndUnpunctuated) {
  EXPECT_TRUE(LooksLikeSubheading("Security assurances"));
  EXPECT_TRUE(LooksLikeSubheading("Проблеми са водом"));
  EXPECT_TRUE(LooksLikeSubheading("Was sich für Autofahrer ändert"));
  EXPECT_FALSE(LooksLikeSubheading("He said so."));
  EXPECT_FALSE(LooksLikeSubheading("„Očekujemo rekord“"));
  EXPECT_FALSE(LooksLikeSubheading("Opština planira:"));
  EXPECT_FALSE(LooksLikeSubheading("one two three four five six seven eight nine"));
  EXPECT_FALSE(LooksLikeSubheading("2025"));
  EXPECT_EQ(WordCount("  two\twords "), 2u);
}

}  // namespace
}  // namespace lovcen::formats
