// Malformed articles by the thousand: the test articles with bytes deleted,
// duplicated and swapped (deterministic seed). Every variant must either be
// refused with an error or read into in-range, ordered blocks that write
// back to the same bytes and survive a full re-render.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/formats/article_reader.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

// Edits that keep the text UTF-8 (whole lines and ASCII markup bytes are
// moved), so that most variants get past the UTF-8 check into the parsers.
std::string Mutate(const std::string& in, std::mt19937& rng) {
  static const char* kInserts[] = {"<", ">", "</p>", "<b>", "</i>", "*", "**", "_", "`", "[", "](", ")",
                                   "\n", "\n\n", "&", "&amp;", "&#", ";", "\\", "> ", "- ", "# ", "<!--",
                                   "-->", "<br>", "\"", "<table>", "<td>", "AUTHOR: ", "©"};
  std::string s = in;
  const int edits = 1 + static_cast<int>(rng() % 6);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const std::size_t at = rng() % s.size();
    switch (rng() % 4) {
      case 0: {  // insert a piece of markup at a character boundary
        std::size_t pos = at;
        while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
        s.insert(pos, kInserts[rng() % (sizeof kInserts / sizeof *kInserts)]);
        break;
      }
      case 1: {  // delete an ASCII byte
        if (static_cast<unsigned char>(s[at]) < 0x80) s.erase(at, 1);
        break;
      }
      case 2: {  // duplicate a line
        const std::size_t b = s.rfind('\n', at);
        const std::size_t begin = b == std::string::npos ? 0 : b + 1;
        const std::size_t end = s.find('\n', at);
        s.insert(begin, s.substr(begin, (end == std::string::npos ? s.size() : end + 1) - begin));
        break;
      }
      default: {  // drop a line
        const std::size_t b = s.rfind('\n', at);
        const std::size_t begin = b == std::string::npos ? 0 : b + 1;
        const std::size_t end = s.find('\n', at);
        s.erase(begin, (end == std::string::npos ? s.size() : end + 1) - begin);
        break;
      }
    }
  }
  return s;
}

class ArticleMutationTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ArticleMutationTest, EveryVariantIsRefusedOrRoundTrips) {
  const std::string original = testing::ReadFile(testing::SourceDir() + "/tests/data/articles/" + GetParam());
  std::mt19937 rng(20250405);
  int read = 0, refused = 0;
  for (int round = 0; round < 500; ++round) {
    const std::string bytes = Mutate(original, rng);
    Result<Article> a = ParseArticle(bytes, GetParam());
    if (!a.ok()) {
      ++refused;
      EXPECT_EQ(a.error().kind, Error::Kind::kBadInput);
      continue;
    }
    ++read;
    std::vector<Segment> contents;
    std::size_t previous_end = 0;
    for (const Block& b : a->blocks) {
      ASSERT_LE(previous_end, b.begin);
      ASSERT_LT(b.begin, b.end);
      ASSERT_LE(b.end, bytes.size());
      for (const InlineCode& c : b.content.codes) ASSERT_LE(c.offset, b.content.text.size());
      previous_end = b.end;
      contents.push_back(b.content);
    }
    Result<std::string> same = WriteArticle(*a, contents);
    ASSERT_TRUE(same.ok()) << same.error().ToString();
    ASSERT_EQ(*same, bytes) << "round " << round;
    ArticleWriteOptions options;
    options.rerender_unchanged = true;
    Result<std::string> rendered = WriteArticle(*a, contents, options);
    ASSERT_TRUE(rendered.ok()) << rendered.error().ToString();
    Result<Article> again = ParseArticle(*rendered, GetParam());
    ASSERT_TRUE(again.ok()) << "round " << round << ": " << again.error().ToString();
    // Markdown and HTML escape new text, so a re-rendered article reads back
    // block for block. Plain text has no escapes: a line written anew that
    // starts like "2. " beside a list line may join the list.
    if (a->format == ArticleFormat::kPlainText) continue;
    ASSERT_EQ(again->blocks.size(), a->blocks.size()) << "round " << round << "\n--- variant:\n"
                                                      << bytes << "\n--- rendered:\n" << *rendered;
    for (std::size_t i = 0; i < a->blocks.size(); ++i) {
      ASSERT_EQ(again->blocks[i].content.text, a->blocks[i].content.text) << "round " << round << " block " << i;
      ASSERT_TRUE(SameCodeLayout(again->blocks[i].content, a->blocks[i].content)) << "round " << round;
    }
  }
  EXPECT_GT(read, 400);
  std::printf("[ mutation ] %s: %d variants read and round-tripped, %d refused\n", GetParam(), read, refused);
}

INSTANTIATE_TEST_SUITE_P(Articles, ArticleMutationTest,
                         ::testing::Values("news-page.en.html", "tricky.html", "story.en.md", "tricky.md",
                                           "budva-tourism.de.txt"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace lovcen::formats
