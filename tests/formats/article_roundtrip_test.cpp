// The round trip the pre-fill pipeline makes: article -> blocks -> segments
// -> (translated) segments joined per block -> article in its own format.
// With the segments unchanged the file must come back byte for byte; with
// new text the markup must stay intact and read back the same.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/formats/article_reader.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

std::string DataFile(const std::string& name) {
  return testing::SourceDir() + "/tests/data/articles/" + name;
}

// Sentence ranges as a segmenter gives them: a break after . ! ? (and a
// closing quote) before white space. Enough to cut paragraphs into several
// segments; the real SRX segmenter lives elsewhere.
std::vector<std::pair<std::size_t, std::size_t>> NaiveSentences(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '.' && text[i] != '!' && text[i] != '?') continue;
    std::size_t end = i + 1;
    while (end < text.size() && (text[end] == '"' || text[end] == '\'')) ++end;
    if (end < text.size() && text[end] == ' ') {
      out.emplace_back(begin, end);
      begin = end + 1;
      i = end;
    }
  }
  if (begin < text.size()) out.emplace_back(begin, text.size());
  return out;
}

struct Segmented {
  std::vector<std::vector<Segment>> per_block;
  std::size_t total = 0;
};

Segmented Segment(const Article& a) {
  Segmented s;
  for (const Block& b : a.blocks) {
    const auto ranges = NaiveSentences(b.content.text);
    s.per_block.push_back(SplitSegment(b.content, ranges));
    s.total += s.per_block.back().size();
  }
  return s;
}

std::vector<lovcen::Segment> Join(const Segmented& s) {
  std::vector<lovcen::Segment> out;
  for (const auto& parts : s.per_block) out.push_back(JoinSegments(parts));
  return out;
}

// "Translation" that keeps every code where it is: letters upper-cased.
lovcen::Segment Shout(lovcen::Segment s) {
  for (char& c : s.text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

class ArticleRoundTripTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ArticleRoundTripTest, SegmentsWrittenBackGiveTheSameBytes) {
  Result<Article> a = ReadArticle(DataFile(GetParam()));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  const Segmented segmented = Segment(*a);
  EXPECT_GT(segmented.total, a->blocks.size()) << "some paragraph should hold several segments";
  Result<std::string> out = WriteArticle(*a, Join(segmented));
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(*out, a->source);
}

TEST_P(ArticleRoundTripTest, EveryBlockRenderedAnewReadsBackTheSame) {
  Result<Article> a = ReadArticle(DataFile(GetParam()));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  std::vector<lovcen::Segment> contents;
  for (const Block& b : a->blocks) contents.push_back(b.content);
  ArticleWriteOptions options;
  options.rerender_unchanged = true;
  Result<std::string> out = WriteArticle(*a, contents, options);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  Result<Article> again = ParseArticle(*out, a->source_name);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  ASSERT_EQ(again->blocks.size(), a->blocks.size()) << *out;
  for (std::size_t i = 0; i < a->blocks.size(); ++i) {
    SCOPED_TRACE("block " + std::to_string(i) + ": " + a->blocks[i].content.text);
    EXPECT_EQ(again->blocks[i].type, a->blocks[i].type);
    EXPECT_EQ(again->blocks[i].content.text, a->blocks[i].content.text);
    EXPECT_TRUE(SameCodeLayout(again->blocks[i].content, a->blocks[i].content));
  }
}

TEST_P(ArticleRoundTripTest, TranslatedSegmentsKeepTheMarkup) {
  Result<Article> a = ReadArticle(DataFile(GetParam()));
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  Segmented segmented = Segment(*a);
  for (auto& parts : segmented.per_block) {
    for (lovcen::Segment& s : parts) s = Shout(std::move(s));
  }
  Result<std::string> out = WriteArticle(*a, Join(segmented));
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  // Every piece of markup is in the new edition, in order.
  std::size_t pos = 0;
  for (const Block& b : a->blocks) {
    for (const InlineCode& c : b.content.codes) {
      const std::size_t at = out->find(c.native, pos);
      ASSERT_NE(at, std::string::npos) << c.native;
      pos = at + c.native.size();
    }
  }
  Result<Article> again = ParseArticle(*out, a->source_name);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  ASSERT_EQ(again->blocks.size(), a->blocks.size()) << *out;
  for (std::size_t i = 0; i < a->blocks.size(); ++i) {
    SCOPED_TRACE("block " + std::to_string(i));
    EXPECT_EQ(again->blocks[i].content.text, Shout(a->blocks[i].content).text);
    EXPECT_TRUE(SameCodeLayout(again->blocks[i].content, a->blocks[i].content));
    EXPECT_EQ(again->blocks[i].type, a->blocks[i].type);
  }
}

INSTANTIATE_TEST_SUITE_P(Articles, ArticleRoundTripTest,
                         ::testing::Values("news-page.en.html", "tricky.html", "story.en.md", "tricky.md",
                                           "budva-tourism.cnr-Latn.txt", "budva-tourism.de.txt"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = '_';
                           }
                           return name;
                         });

TEST(ArticleWriteTest, MarkupCharactersInNewTextAreEscaped) {
  const std::string nasty = "1. # <b>x</b> & AT&T *not* _em_ [link](u) `code` &amp; \\ > - + \xC2\xA0" "end #";
  for (const char* name : {"story.en.md", "news-page.en.html", "budva-tourism.cnr-Latn.txt"}) {
    SCOPED_TRACE(name);
    Result<Article> a = ReadArticle(DataFile(name));
    ASSERT_TRUE(a.ok());
    std::vector<lovcen::Segment> contents;
    for (const Block& b : a->blocks) contents.push_back(b.content);
    // The first body paragraph gets text full of markup characters.
    std::size_t target = 0;
    while (a->blocks[target].type != BlockType::kParagraph) ++target;
    contents[target] = lovcen::Segment{nasty, {}};
    Result<std::string> out = WriteArticle(*a, contents);
    ASSERT_TRUE(out.ok()) << out.error().ToString();
    Result<Article> again = ParseArticle(*out, a->source_name);
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again->blocks.size(), a->blocks.size());
    EXPECT_EQ(again->blocks[target].content.text, nasty);
    EXPECT_TRUE(again->blocks[target].content.codes.empty());
  }
}

TEST(ArticleWriteTest, CodesWithoutNativeTakeTheOriginalsById) {
  Result<Article> a = ReadArticle(DataFile("news-page.en.html"));
  ASSERT_TRUE(a.ok());
  std::vector<lovcen::Segment> contents;
  for (const Block& b : a->blocks) contents.push_back(b.content);
  std::size_t title = 0;
  while (a->blocks[title].type != BlockType::kTitle) ++title;
  // As an XLIFF file might bring it back: ids kept, markup not.
  lovcen::Segment translated;
  translated.text = "Podgorica otvorila novi most na Morači nakon tri godine radova";
  InlineCode open = a->blocks[title].content.codes.at(0);
  InlineCode close = a->blocks[title].content.codes.at(1);
  open.native.clear();
  close.native.clear();
  open.offset = translated.text.find("tri godine");
  close.offset = open.offset + std::string_view("tri godine").size();
  translated.codes = {open, close};
  contents[title] = translated;
  Result<std::string> out = WriteArticle(*a, contents);
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_NE(out->find("<h1>Podgorica otvorila novi most na Morači nakon <em>tri godine</em> radova</h1>"),
            std::string::npos);

  translated.codes[0].id = "99";
  contents[title] = translated;
  Result<std::string> bad = WriteArticle(*a, contents);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::kUsage);
  EXPECT_NE(bad.error().message.find("no markup"), std::string::npos);
}

TEST(ArticleWriteTest, WrongInputIsAUsageError) {
  Result<Article> a = ReadArticle(DataFile("story.en.md"));
  ASSERT_TRUE(a.ok());
  std::vector<lovcen::Segment> contents;
  for (const Block& b : a->blocks) contents.push_back(b.content);
  contents.pop_back();
  EXPECT_EQ(WriteArticle(*a, contents).error().kind, Error::Kind::kUsage);
  contents.push_back(a->blocks.back().content);
  contents[0].codes.push_back(InlineCode{CodeKind::kStandalone, 500, "1", "x", {}, "<x>"});
  EXPECT_EQ(WriteArticle(*a, contents).error().kind, Error::Kind::kUsage);
  contents[0].codes.clear();
  contents[0].text = "\xFF";
  EXPECT_FALSE(WriteArticle(*a, contents).ok());
}

}  // namespace
}  // namespace lovcen::formats
