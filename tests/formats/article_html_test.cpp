// The HTML reader (gumbo): a news page with site chrome, scripts and a
// navigation menu, nested inline tags, entities, line breaks, lists and a
// block quote; and malformed markup that a browser still reads.
#include <gtest/gtest.h>

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

TEST(ArticleHtmlTest, NewsPageBlocks) {
  Result<Article> a = ReadArticle(DataFile("news-page.en.html"));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(a->format, ArticleFormat::kHtml);
  ASSERT_TRUE(a->language.has_value());
  EXPECT_EQ(a->language->str(), "en");
  EXPECT_TRUE(a->warnings.empty());
  using T = BlockType;
  const std::vector<BlockType> expected = {
      T::kChrome,     // <title>
      T::kChrome,     // site name in the page header
      T::kChrome,     // section line in the article header
      T::kDateLine,   // <time>
      T::kTitle,      T::kByline,   T::kParagraph, T::kParagraph, T::kParagraph,
      T::kSubheading, T::kParagraph, T::kListItem, T::kListItem,  T::kListItem,
      T::kQuote,      T::kParagraph, T::kSubheading, T::kParagraph,
      T::kFooter,     // the article's own footer (tags)
      T::kChrome,     T::kChrome,   // the "Most read" aside
      T::kFooter};    // the site footer
  EXPECT_EQ(Types(*a), expected);

  // Nothing from <script>, <style> or <nav> is text.
  for (const Block& b : a->blocks) {
    EXPECT_EQ(b.content.text.find("dataLayer"), std::string::npos);
    EXPECT_EQ(b.content.text.find("font-family"), std::string::npos);
    EXPECT_NE(b.content.text, "Europe");
  }
  EXPECT_EQ(a->blocks[0].content.text,
            "Podgorica opens the new Mora\xC4\x8D" "a bridge \xE2\x80\x93 World News for Montenegro Diaspora");
  const Block& title = a->blocks[4];
  EXPECT_EQ(title.content.text, "Podgorica opens the new Mora\xC4\x8D" "a bridge after three years of work");
  EXPECT_EQ(Natives(title), (std::vector<std::string>{"<em>", "</em>"}));
  EXPECT_EQ(a->source.substr(title.begin, title.end - title.begin),
            "Podgorica opens the new Morača bridge after <em>three years</em> of work");
  EXPECT_EQ(a->blocks[5].content.text, "AUTHOR: M.J. GDNUS");
}

TEST(ArticleHtmlTest, EntitiesAreDecodedInTextAndKeptInTheSource) {
  Result<Article> a = ReadArticle(DataFile("news-page.en.html"));
  ASSERT_TRUE(a.ok());
  const Block* b = FindBlock(*a, "The new bridge");
  ASSERT_NE(b, nullptr);
  EXPECT_NE(b->content.text.find("city\xE2\x80\x99s mayor"), std::string::npos);           // &rsquo;
  EXPECT_NE(b->content.text.find("\xE2\x82\xAC" "28.5\xC2\xA0million"), std::string::npos);  // &euro; &nbsp;
  EXPECT_NE(a->source.substr(b->begin, b->end - b->begin).find("&euro;28.5&nbsp;million"), std::string::npos);
  const Block* quote = FindBlock(*a, "We expect");
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->type, BlockType::kQuote);
  EXPECT_NE(quote->content.text.find("ten minutes & more"), std::string::npos);
}

TEST(ArticleHtmlTest, NestedInlineTagsLineBreaksAndComments) {
  Result<Article> a = ReadArticle(DataFile("news-page.en.html"));
  ASSERT_TRUE(a.ok());
  const Block* quote = FindBlock(*a, "We expect");
  ASSERT_NE(quote, nullptr);
  ASSERT_EQ(quote->content.codes.size(), 4u);
  EXPECT_EQ(Natives(*quote), (std::vector<std::string>{"<b>", "<i>", "</i>", "</b>"}));
  EXPECT_EQ(quote->content.codes[0].id, quote->content.codes[3].id);
  EXPECT_EQ(quote->content.codes[1].id, quote->content.codes[2].id);
  EXPECT_NE(quote->content.codes[0].id, quote->content.codes[1].id);

  const Block* br = FindBlock(*a, "The bridge is 180");
  ASSERT_NE(br, nullptr);
  const InlineCode& link = br->content.codes.at(0);
  EXPECT_EQ(link.element, "a");
  EXPECT_EQ(link.native, "<a href=\"https://www.example.me/transport\" title=\"Ministry of Transport\">");
  ASSERT_EQ(link.attributes.size(), 2u);
  EXPECT_EQ(link.attributes[0].second, "https://www.example.me/transport");
  const InlineCode& line_break = br->content.codes.at(2);
  EXPECT_EQ(line_break.kind, CodeKind::kStandalone);
  EXPECT_EQ(line_break.native, "<br>");
  EXPECT_NE(br->content.text.find("every day. Work on"), std::string::npos);

  const Block* comment = FindBlock(*a, "Residents");
  ASSERT_NE(comment, nullptr);
  EXPECT_EQ(Natives(*comment), (std::vector<std::string>{"<!-- editor: check quote -->"}));
  EXPECT_EQ(comment->content.text.find("editor"), std::string::npos);

  const Block* item = FindBlock(*a, "The old Vezirov");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(Natives(*item), (std::vector<std::string>{"<b>", "</b>", "<span class=\"unit\">", "</span>"}));
}

TEST(ArticleHtmlTest, MalformedMarkupStaysByteExact) {
  Result<Article> a = ReadArticle(DataFile("tricky.html"));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  ASSERT_TRUE(a->language.has_value());
  EXPECT_EQ(a->language->str(), "cnr-Latn");  // from the alias sr-Latn-ME, with a warning
  ASSERT_FALSE(a->warnings.empty());
  EXPECT_NE(a->warnings[0].find("sr-Latn-ME"), std::string::npos);

  // Upper-case tags, a paragraph closed by the next <P>.
  const Block* title = FindBlock(*a, "Veliki naslov");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->type, BlockType::kTitle);
  EXPECT_EQ(Natives(*title), (std::vector<std::string>{"<B>", "</B>"}));
  const Block* first = FindBlock(*a, "Prvi pasus");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->content.text, "Prvi pasus bez kraja");

  // <b>..<i>..</b>..</i>: gumbo clones the <i>; each tag is used once, the
  // <b> pair stays a pair, the split <i> becomes two standalone codes.
  const Block* misnested = FindBlock(*a, "Drugi");
  ASSERT_NE(misnested, nullptr);
  EXPECT_EQ(misnested->content.text,
            "Drugi podebljan i kurziv pa samo kurziv kraj. Još jedna rečenica.");
  ASSERT_EQ(misnested->content.codes.size(), 4u);
  EXPECT_EQ(Natives(*misnested), (std::vector<std::string>{"<b>", "<i>", "</b>", "</i>"}));
  EXPECT_EQ(misnested->content.codes[0].kind, CodeKind::kOpen);
  EXPECT_EQ(misnested->content.codes[1].kind, CodeKind::kStandalone);
  EXPECT_EQ(misnested->content.codes[2].kind, CodeKind::kClose);
  EXPECT_EQ(misnested->content.codes[3].kind, CodeKind::kStandalone);

  const Block* breaks = FindBlock(*a, "Jedan");
  ASSERT_NE(breaks, nullptr);
  EXPECT_EQ(breaks->content.text, "Jedan dva tri <x> \"q\" a\xC2\xA0" "b \xC5\xBE \xC5\xBE caf\xC3\xA9");

  // A paragraph holding only a no-break space is no block; an unclosed
  // <span> in a list item is a standalone code.
  for (const Block& b : a->blocks) EXPECT_FALSE(b.content.text.empty());
  const Block* item = FindBlock(*a, "dva tri");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->type, BlockType::kListItem);
  ASSERT_EQ(item->content.codes.size(), 1u);
  EXPECT_EQ(item->content.codes[0].kind, CodeKind::kStandalone);
  EXPECT_EQ(a->blocks.back().type, BlockType::kFooter);

  std::vector<Segment> contents;
  for (const Block& b : a->blocks) contents.push_back(b.content);
  Result<std::string> back = WriteArticle(*a, contents);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, a->source);
}

TEST(ArticleHtmlTest, PageWithoutArticleElement) {
  const std::string page =
      "<html><body><header><h1>Site name</h1></header>"
      "<h1>Real title</h1><p class=\"byline\">Maria Novak</p><p>Body text here.</p>"
      "<footer>All rights reserved</footer></body></html>";
  Result<Article> a = ParseArticle(page, "page.html");
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(Types(*a), (std::vector<BlockType>{BlockType::kChrome, BlockType::kTitle, BlockType::kByline,
                                               BlockType::kParagraph, BlockType::kFooter}));
}

TEST(ArticleHtmlTest, PageWithOnlyScriptsHasNoText) {
  Result<Article> a = ParseArticle("<html><head><script>var x = 1;</script></head><body><nav>Menu</nav></body></html>",
                                   "empty.html");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, Error::Kind::kBadInput);
  EXPECT_NE(a.error().message.find("no translatable text"), std::string::npos);
}

}  // namespace
}  // namespace lovcen::formats
