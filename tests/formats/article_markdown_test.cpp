// The Markdown reader (cmark): block types, inline codes with the exact
// delimiter bytes, and what stays untranslated.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/formats/article_reader.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

std::string DataFile(const std::string& name) {
  return testing::SourceDir() + "/tests/data/articles/" + name;
}

std::vector<BlockType> Types(const Article& a) {
  std::vector<BlockType> out;
  for (const Block& b : a.blocks) out.push_back(b.type);
  return out;
}

std::vector<std::string> Natives(const Block& b) {
  std::vector<std::string> out;
  for (const InlineCode& c : b.content.codes) out.push_back(c.native);
  return out;
}

const Block* FindBlock(const Article& a, const std::string& text_start) {
  for (const Block& b : a.blocks) {
    if (b.content.text.rfind(text_start, 0) == 0) return &b;
  }
  return nullptr;
}

TEST(ArticleMarkdownTest, NewsStoryBlocks) {
  Result<Article> a = ReadArticle(DataFile("story.en.md"));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(a->format, ArticleFormat::kMarkdown);
  EXPECT_EQ(a->language->str(), "en");
  EXPECT_TRUE(a->warnings.empty());
  using T = BlockType;
  const std::vector<BlockType> expected = {
      T::kChrome,    T::kDateLine, T::kTitle,    T::kByline,    T::kParagraph,  T::kParagraph,
      T::kSubheading, T::kParagraph, T::kListItem, T::kListItem,  T::kListItem,   T::kQuote,
      T::kParagraph, T::kSubheading, T::kListItem, T::kListItem,  T::kParagraph,  T::kFooter};
  EXPECT_EQ(Types(*a), expected);
  ASSERT_EQ(a->blocks.size(), expected.size());

  const Block& title = a->blocks[2];
  EXPECT_EQ(title.content.text, "Montenegro's inflation slows to 3.2 percent in March");
  EXPECT_EQ(Natives(title), (std::vector<std::string>{"*", "*"}));
  EXPECT_EQ(a->source.substr(title.begin, title.end - title.begin),
            "Montenegro's inflation slows to *3.2 percent* in March");
}

TEST(ArticleMarkdownTest, LinksKeepTheirExactMarkupAndTarget) {
  Result<Article> a = ReadArticle(DataFile("story.en.md"));
  ASSERT_TRUE(a.ok());
  const Block* b = FindBlock(*a, "Inflation in Montenegro");
  ASSERT_NE(b, nullptr);
  // A paragraph over three source lines is one line of text.
  EXPECT_EQ(b->content.text,
            "Inflation in Montenegro slowed to 3.2 percent in March, the statistical office MONSTAT said on "
            "Friday, down from 3.5 percent in February.");
  ASSERT_EQ(b->content.codes.size(), 4u);
  const InlineCode& open = b->content.codes[2];
  const InlineCode& close = b->content.codes[3];
  EXPECT_EQ(open.element, "link");
  EXPECT_EQ(open.kind, CodeKind::kOpen);
  EXPECT_EQ(open.native, "[");
  EXPECT_EQ(close.native, "](https://www.monstat.org/eng/ \"Statistical Office of Montenegro\")");
  EXPECT_EQ(close.id, open.id);
  EXPECT_EQ(b->content.text.substr(open.offset, close.offset - open.offset), "MONSTAT");
  ASSERT_FALSE(open.attributes.empty());
  EXPECT_EQ(open.attributes[0], (std::pair<std::string, std::string>{"href", "https://www.monstat.org/eng/"}));
  EXPECT_EQ(b->content.codes[0].native, "**");

  const Block* ref = FindBlock(*a, "A*B testing");
  ASSERT_NE(ref, nullptr);
  EXPECT_EQ(Natives(*ref), (std::vector<std::string>{"[", "][method]"}));
}

TEST(ArticleMarkdownTest, EntitiesCodeSpansAndHardBreaks) {
  Result<Article> a = ReadArticle(DataFile("story.en.md"));
  ASSERT_TRUE(a.ok());
  const Block* b = FindBlock(*a, "Food prices");
  ASSERT_NE(b, nullptr);
  EXPECT_NE(b->content.text.find("of the year\" \xE2\x80\x94 if energy"), std::string::npos);  // &mdash;
  const Block* caps = FindBlock(*a, "The government plans");
  ASSERT_NE(caps, nullptr);
  EXPECT_EQ(Natives(*caps), (std::vector<std::string>{"`", "`", "\\\n"}));
  // The hard break separates two words.
  EXPECT_NE(caps->content.text.find("caps distort"), std::string::npos);
  const Block* item = FindBlock(*a, "The central bank meets");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->content.text, "The central bank meets on June 12 & will publish its outlook then.");
}

TEST(ArticleMarkdownTest, TrickySyntaxMapsToTheSource) {
  Result<Article> a = ReadArticle(DataFile("tricky.md"));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_TRUE(a->warnings.empty());
  EXPECT_FALSE(a->language.has_value());
  // A setext title after a byte order mark, which stays outside the block.
  ASSERT_FALSE(a->blocks.empty());
  EXPECT_EQ(a->blocks[0].type, BlockType::kTitle);
  EXPECT_EQ(a->blocks[0].begin, 3u);
  EXPECT_EQ(a->blocks[0].content.text, "Tricky Markdown title");

  const Block* mixed = FindBlock(*a, "Text with both");
  ASSERT_NE(mixed, nullptr);
  EXPECT_EQ(mixed->content.text,
            "Text with both and under_score and strong plus nested emph here. A link with code and emph and .");
  const std::vector<std::string> natives = Natives(*mixed);
  EXPECT_EQ(natives.front(), "*");  // ***both***: emph then strong from one run
  EXPECT_EQ(natives[1], "**");
  EXPECT_EQ(natives.back(), "<https://auto.example/x>");
  EXPECT_NE(std::find(natives.begin(), natives.end(), "](https://x.example/a_(b) \"T\\\"q\")"), natives.end());

  const Block* entities = FindBlock(*a, "Entities:");
  ASSERT_NE(entities, nullptr);
  EXPECT_EQ(entities->content.text,
            "Entities: \xC2\xA9 \xC2\xA9 \xC2\xA9 &amp; &notanentity; AT&T, escaped _under_ and \\ backslash. "
            "Image inline html and code with ` tick.");
  EXPECT_EQ(Natives(*entities), (std::vector<std::string>{"![alt *text*](img.png)", "<span class=\"x\">",
                                                          "</span>", "``", "``"}));

  const Block* quote = FindBlock(*a, "Quote line one");
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->type, BlockType::kQuote);
  EXPECT_EQ(quote->content.text, "Quote line one with bold across lines");
  const Block* nested = FindBlock(*a, "Nested quote.");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->type, BlockType::kQuote);

  const Block* ordered = FindBlock(*a, "nested ordered");
  ASSERT_NE(ordered, nullptr);
  EXPECT_EQ(ordered->type, BlockType::kListItem);
  const Block* closing = FindBlock(*a, "Closing hashes");
  ASSERT_NE(closing, nullptr);
  EXPECT_EQ(closing->type, BlockType::kSubheading);
  EXPECT_EQ(a->source.substr(closing->begin, closing->end - closing->begin), "Closing hashes");

  // Code blocks, HTML blocks and link definitions are not text to translate.
  for (const Block& b : a->blocks) {
    EXPECT_EQ(b.content.text.find("code block"), std::string::npos);
    EXPECT_EQ(b.content.text.find("fenced"), std::string::npos);
    EXPECT_EQ(b.content.text.find("html block"), std::string::npos);
    EXPECT_EQ(b.content.text.find("/url"), std::string::npos);
  }
  EXPECT_EQ(a->blocks.back().content.text, "Last paragraph with trailing spaces");
}

TEST(ArticleMarkdownTest, BoldParagraphBetweenParagraphsIsASubheading) {
  Result<Article> a = ParseArticle(
      "# Title\n\nFirst paragraph of the story.\n\n**Security assurances**\n\nSecond paragraph.\n", "s.md");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Types(*a), (std::vector<BlockType>{BlockType::kTitle, BlockType::kParagraph, BlockType::kSubheading,
                                               BlockType::kParagraph}));
}

TEST(ArticleMarkdownTest, ContentIsSniffedWhenTheNameSaysNothing) {
  EXPECT_EQ(DetectArticleFormat("story", "Intro\n\n## Heading\n\ntext"), ArticleFormat::kMarkdown);
  EXPECT_EQ(DetectArticleFormat("story", "Plain words.\n\nMore words."), ArticleFormat::kPlainText);
  EXPECT_EQ(DetectArticleFormat("story.md", "Plain words."), ArticleFormat::kMarkdown);
  EXPECT_EQ(DetectArticleFormat("story", "  <!DOCTYPE html><p>x</p>"), ArticleFormat::kHtml);
  EXPECT_EQ(DetectArticleFormat("page.txt", "<html><body>x</body></html>"), ArticleFormat::kHtml);
}

}  // namespace
}  // namespace lovcen::formats
