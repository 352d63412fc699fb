// SplitSegment / JoinSegments (core/article.h): how a block's content becomes
// segments and how translated segments become a block again.
#include "lovcen/article.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace lovcen {
namespace {

InlineCode Code(CodeKind kind, std::size_t offset, std::string id, std::string native) {
  InlineCode c;
  c.kind = kind;
  c.offset = offset;
  c.id = std::move(id);
  c.element = "b";
  c.native = std::move(native);
  return c;
}

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

TEST(ArticleSegmentsTest, SplitsTextAndTrimsWhiteSpace) {
  Segment s{"One two. Three four.  Five.", {}};
  const Ranges ranges = {{0, 9}, {9, 21}, {21, 27}};
  const std::vector<Segment> parts = SplitSegment(s, ranges);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].text, "One two.");
  EXPECT_EQ(parts[1].text, "Three four.");
  EXPECT_EQ(parts[2].text, "Five.");
}

TEST(ArticleSegmentsTest, CodesGoWithTheTextTheyMarkUp) {
  // "<b>One.</b> Two <b>three.</b> Four."
  Segment s{"One. Two three. Four.",
            {Code(CodeKind::kOpen, 0, "1", "<b>"), Code(CodeKind::kClose, 4, "1", "</b>"),
             Code(CodeKind::kOpen, 9, "2", "<b>"), Code(CodeKind::kClose, 15, "2", "</b>")}};
  const Ranges ranges = {{0, 5}, {5, 16}, {16, 21}};
  const std::vector<Segment> parts = SplitSegment(s, ranges);
  ASSERT_EQ(parts.size(), 3u);
  ASSERT_EQ(parts[0].codes.size(), 2u);
  EXPECT_EQ(parts[0].codes[1].offset, 4u);
  ASSERT_EQ(parts[1].codes.size(), 2u);
  EXPECT_EQ(parts[1].codes[0].offset, 4u);
  EXPECT_EQ(parts[1].codes[1].offset, 10u);
  EXPECT_TRUE(parts[2].codes.empty());
  EXPECT_EQ(JoinSegments(parts), s);
}

TEST(ArticleSegmentsTest, ACodeBetweenSegmentsOpensTheNextOrClosesThePrevious) {
  // "One.<br> Two." split as [0,4) [5,9): a standalone code at 4 stays at the
  // end of the first segment (its offset is inside that range).
  Segment s{"One. Two.", {Code(CodeKind::kStandalone, 4, "1", "<br>")}};
  std::vector<Segment> parts = SplitSegment(s, Ranges{{0, 4}, {5, 9}});
  ASSERT_EQ(parts[0].codes.size(), 1u);
  EXPECT_EQ(JoinSegments(parts), s);
  // An open at the start of the second sentence belongs to it.
  Segment t{"One. Two.", {Code(CodeKind::kOpen, 5, "1", "<b>"), Code(CodeKind::kClose, 9, "1", "</b>")}};
  parts = SplitSegment(t, Ranges{{0, 5}, {5, 9}});
  EXPECT_TRUE(parts[0].codes.empty());
  ASSERT_EQ(parts[1].codes.size(), 2u);
  EXPECT_EQ(parts[1].codes[0].offset, 0u);
  EXPECT_EQ(JoinSegments(parts), t);
}

TEST(ArticleSegmentsTest, JoinSkipsEmptyPartsAndShiftsCodes) {
  std::vector<Segment> parts = {{"A.", {}}, {"", {}}, {"B.", {Code(CodeKind::kStandalone, 2, "1", "<br>")}}};
  const Segment joined = JoinSegments(parts);
  EXPECT_EQ(joined.text, "A. B.");
  ASSERT_EQ(joined.codes.size(), 1u);
  EXPECT_EQ(joined.codes[0].offset, 5u);
  EXPECT_EQ(JoinSegments(parts, "\n").text, "A.\nB.");
}

TEST(ArticleSegmentsTest, BlockTypeNamesAreStable) {
  EXPECT_EQ(BlockTypeName(BlockType::kDateLine), "date-line");
  EXPECT_EQ(BlockTypeName(BlockType::kSubheading), "sub-heading");
  EXPECT_EQ(BlockTypeName(BlockType::kListItem), "list-item");
  EXPECT_EQ(ArticleFormatName(ArticleFormat::kMarkdown), "markdown");
  EXPECT_TRUE(IsBodyText(BlockType::kQuote));
  EXPECT_FALSE(IsBodyText(BlockType::kSubheading));
}

}  // namespace
}  // namespace lovcen
