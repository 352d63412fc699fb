// The plain-text reader on the newsroom's layout: the seed article block by
// block, every article of corpora/ against its hand-made gold blocks, and
// layout variants of our own (tests/data/articles/).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/formats/article_reader.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

namespace fs = std::filesystem;
using testing::SourceDir;

std::string DataFile(const std::string& name) { return SourceDir() + "/tests/data/articles/" + name; }

std::vector<BlockType> Types(const Article& a) {
  std::vector<BlockType> out;
  for (const Block& b : a.blocks) out.push_back(b.type);
  return out;
}

std::string TypeList(const Article& a) {
  std::string out;
  for (const Block& b : a.blocks) out += std::string(BlockTypeName(b.type)) + " ";
  return out;
}

std::vector<Segment> Contents(const Article& a) {
  std::vector<Segment> out;
  for (const Block& b : a.blocks) out.push_back(b.content);
  return out;
}

// Blocks of a `.sentences` file: segments one per line, blocks separated by
// one empty line; a block's text is its segments joined by a space.
std::vector<std::string> GoldBlocks(const std::string& path) {
  const std::string data = testing::ReadFile(path);
  std::vector<std::string> blocks;
  std::string current;
  bool open = false;
  std::size_t pos = 0;
  while (pos <= data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    std::string line = data.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (open) blocks.push_back(current);
      current.clear();
      open = false;
    } else {
      if (open) current += ' ';
      current += line;
      open = true;
    }
    pos = eol + 1;
  }
  if (open) blocks.push_back(current);
  return blocks;
}

// What every article in the newsroom layout has.
void ExpectNewsroomStructure(const Article& a) {
  SCOPED_TRACE(a.source_name + ": " + TypeList(a));
  ASSERT_FALSE(a.blocks.empty());
  int titles = 0, bylines = 0, footers = 0, dates = 0;
  for (const Block& b : a.blocks) {
    titles += b.type == BlockType::kTitle;
    bylines += b.type == BlockType::kByline;
    footers += b.type == BlockType::kFooter;
    dates += b.type == BlockType::kDateLine;
  }
  EXPECT_EQ(titles, 1);
  EXPECT_EQ(bylines, 1);
  EXPECT_EQ(footers, 1);
  EXPECT_EQ(dates, 1);
  EXPECT_EQ(a.blocks.front().type, BlockType::kChrome);
  EXPECT_EQ(a.blocks.back().type, BlockType::kFooter);
  // Chrome and the date line come before the title; body text after the byline.
  bool title_seen = false, byline_seen = false;
  for (const Block& b : a.blocks) {
    if (b.type == BlockType::kChrome || b.type == BlockType::kDateLine) {
      EXPECT_FALSE(title_seen);
    }
    if (IsBodyText(b.type) || b.type == BlockType::kSubheading) {
      EXPECT_TRUE(byline_seen);
    }
    title_seen = title_seen || b.type == BlockType::kTitle;
    byline_seen = byline_seen || b.type == BlockType::kByline;
  }
  for (std::size_t i = 1; i < a.blocks.size(); ++i) EXPECT_LE(a.blocks[i - 1].end, a.blocks[i].begin);
}

TEST(ArticleTextTest, SeedArticleBlockByBlock) {
  const std::string shared = testing::SharedTestData();
  if (shared.empty()) GTEST_SKIP() << "shared testdata absent";
  const fs::path seed = fs::path(shared).parent_path() / "seed" / "article-2025-04-05.en.txt";
  if (!fs::exists(seed)) GTEST_SKIP() << "seed article absent";
  Result<Article> a = ReadArticle(seed.string());
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(a->format, ArticleFormat::kPlainText);
  ASSERT_TRUE(a->language.has_value());
  EXPECT_EQ(a->language->str(), "en");
  using T = BlockType;
  const std::vector<BlockType> expected = {
      T::kChrome,    T::kChrome,    T::kDateLine,  T::kChrome,    T::kTitle,      T::kByline,    T::kParagraph,
      T::kParagraph, T::kParagraph, T::kParagraph, T::kParagraph, T::kParagraph,  T::kParagraph, T::kParagraph,
      T::kSubheading, T::kParagraph, T::kParagraph, T::kParagraph, T::kFooter};
  EXPECT_EQ(Types(*a), expected) << TypeList(*a);
  ASSERT_EQ(a->blocks.size(), expected.size());
  EXPECT_EQ(a->blocks[0].content.text, "WORLD NEWS FOR MONTENEGRO DIASPORA");
  EXPECT_EQ(a->blocks[1].content.text, "Choose language:");
  EXPECT_EQ(a->blocks[2].content.text, "05-Apr-2025");
  EXPECT_EQ(a->blocks[3].content.text, "Home USA");
  EXPECT_EQ(a->blocks[4].content.text, "Rubio tells Moscow: Russia's clock is ticking");
  EXPECT_EQ(a->blocks[5].content.text, "AUTHOR:M.J. GDNUS");
  EXPECT_EQ(a->blocks[14].content.text, "Security assurances");
  EXPECT_EQ(a->blocks[18].content.text, "German Daily News - All Rights Reserved ©");
  // Offsets point at the bytes of each block.
  for (const Block& b : a->blocks) {
    EXPECT_EQ(a->source.substr(b.begin, b.end - b.begin), b.content.text);
    EXPECT_TRUE(b.content.codes.empty());
  }
  Result<std::string> back = WriteArticle(*a, Contents(*a));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, a->source);
}

TEST(ArticleTextTest, EveryCorporaArticleMatchesItsGoldBlocks) {
  const fs::path dir = testing::CorporaDir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no corpora/ in this checkout";
  int articles = 0, with_gold = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    const std::string path = entry.path().string();
    SCOPED_TRACE(path);
    Result<Article> a = ReadArticle(path);
    ASSERT_TRUE(a.ok()) << a.error().ToString();
    ++articles;
    EXPECT_EQ(a->format, ArticleFormat::kPlainText);
    EXPECT_TRUE(a->language.has_value()) << "no language in the file name";
    EXPECT_TRUE(a->warnings.empty());
    ExpectNewsroomStructure(*a);

    fs::path gold = entry.path();
    gold.replace_extension(".sentences");
    if (fs::exists(gold)) {
      ++with_gold;
      const std::vector<std::string> blocks = GoldBlocks(gold.string());
      ASSERT_EQ(blocks.size(), a->blocks.size()) << TypeList(*a);
      for (std::size_t i = 0; i < blocks.size(); ++i) {
        EXPECT_EQ(a->blocks[i].content.text, blocks[i]) << "block " << i;
      }
    }
    Result<std::string> back = WriteArticle(*a, Contents(*a));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, a->source);
  }
  if (articles == 0) GTEST_SKIP() << "corpora/ holds no article yet";
  std::cout << "[ corpora  ] " << articles << " articles read, " << with_gold << " checked against gold blocks\n";
}

TEST(ArticleTextTest, OwnArticlesInMontenegrinAndGerman) {
  for (const char* name : {"budva-tourism.cnr-Latn.txt", "budva-tourism.cnr-Cyrl.txt"}) {
    SCOPED_TRACE(name);
    Result<Article> a = ReadArticle(DataFile(name));
    ASSERT_TRUE(a.ok()) << a.error().ToString();
    ExpectNewsroomStructure(*a);
    using T = BlockType;
    const std::vector<BlockType> expected = {
        T::kChrome,    T::kChrome,     T::kDateLine,  T::kChrome,    T::kTitle,    T::kByline,
        T::kParagraph, T::kParagraph,  T::kSubheading, T::kParagraph, T::kParagraph, T::kListItem,
        T::kListItem,  T::kListItem,   T::kFooter};
    EXPECT_EQ(Types(*a), expected) << TypeList(*a);
  }
  Result<Article> cyrl = ReadArticle(DataFile("budva-tourism.cnr-Cyrl.txt"));
  ASSERT_TRUE(cyrl.ok());
  EXPECT_EQ(cyrl->language->str(), "cnr-Cyrl");
  EXPECT_EQ(cyrl->blocks[2].content.text, "14. јун 2025.");
  EXPECT_EQ(cyrl->blocks[5].content.text, "АУТОР: S.P. RADONJIĆ");
  // A paragraph written on two lines is one block, joined by a space.
  EXPECT_EQ(cyrl->blocks[6].content.text.find('\n'), std::string::npos);
  // The list marker is markup outside the block.
  EXPECT_EQ(cyrl->blocks[11].content.text, "нови резервоар на Лазама,");
}

TEST(ArticleTextTest, GermanVariantWithCrLfBareBylineNumberedListAndTwoLineFooter) {
  Result<Article> a = ReadArticle(DataFile("budva-tourism.de.txt"));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  using T = BlockType;
  // The title sits in the chrome group (no blank line) and the byline has
  // no colon ("Von ..."); the footer group has two lines.
  const std::vector<BlockType> expected = {T::kChrome,    T::kChrome,    T::kDateLine,  T::kChrome,
                                           T::kTitle,     T::kByline,    T::kParagraph, T::kParagraph,
                                           T::kSubheading, T::kParagraph, T::kListItem,  T::kListItem,
                                           T::kFooter,    T::kFooter};
  EXPECT_EQ(Types(*a), expected) << TypeList(*a);
  EXPECT_EQ(a->blocks[4].content.text, "Budva erwartet eine Rekordsaison");
  EXPECT_EQ(a->blocks[10].content.text, "Ein neuer Behälter wird gebaut.");
  for (const Block& b : a->blocks) EXPECT_EQ(b.content.text.find('\r'), std::string::npos);
  Result<std::string> back = WriteArticle(*a, Contents(*a));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, a->source);
}

TEST(ArticleTextTest, ArticleWithoutBylineFindsChromeTitleAndFooter) {
  Result<Article> a = ReadArticle(DataFile("no-byline.en.txt"));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  using T = BlockType;
  const std::vector<BlockType> expected = {T::kChrome, T::kDateLine, T::kTitle, T::kParagraph, T::kParagraph,
                                           T::kFooter};
  EXPECT_EQ(Types(*a), expected) << TypeList(*a);
  // "By the end of the season, ..." is body text, not a byline.
  EXPECT_EQ(a->blocks[4].type, BlockType::kParagraph);
}

TEST(ArticleTextTest, BareParagraphsAreBody) {
  Result<Article> a = ParseArticle(
      "First paragraph of a note without any layout.\n\nSecond paragraph, also plain.\n", "note.txt");
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(Types(*a), (std::vector<BlockType>{BlockType::kParagraph, BlockType::kParagraph}));
  EXPECT_FALSE(a->language.has_value());
}

TEST(ArticleTextTest, TranslatedBlocksReplaceOnlyTheirBytes) {
  Result<Article> a = ReadArticle(DataFile("budva-tourism.cnr-Latn.txt"));
  ASSERT_TRUE(a.ok());
  std::vector<Segment> blocks = Contents(*a);
  blocks[4].text = "Budva expects a record tourist season";
  blocks[11].text = "a new reservoir at Lazi,\nand more";  // a line break stays on the line
  Result<std::string> out = WriteArticle(*a, blocks);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_NE(out->find("\n\nBudva expects a record tourist season\n\nAUTOR: S.P. RADONJIĆ\n"), std::string::npos);
  EXPECT_NE(out->find("\n- a new reservoir at Lazi, and more\n- zamjenu"), std::string::npos);
  Result<Article> again = ParseArticle(*out, "again.cnr-Latn.txt");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Types(*again), Types(*a));
  EXPECT_EQ(again->blocks[4].content.text, "Budva expects a record tourist season");
}

}  // namespace
}  // namespace lovcen::formats
