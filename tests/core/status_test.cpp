#include "lovcen/status.h"

#include <gtest/gtest.h>

namespace lovcen {
namespace {

TEST(StatusTest, ErrorNamesFileLineAndColumn) {
  Error e = BadInput("unexpected end");
  e.file = "story.xlf";
  e.line = 12;
  e.column = 7;
  EXPECT_EQ(e.ToString(), "story.xlf:12:7: unexpected end");
}

TEST(StatusTest, ErrorNamesByteOffsetWhenNoLine) {
  Error e = BadInput("invalid UTF-8");
  e.offset = 42;
  EXPECT_EQ(e.InFile("a.tsv").ToString(), "a.tsv: byte 42: invalid UTF-8");
}

TEST(StatusTest, ResultCarriesValueOrError) {
  Result<int> ok = 5;
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 5);
  Result<int> bad = StoreError("locked");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::kStore);
}

}  // namespace
}  // namespace lovcen
