// End to end: lovcen match and lovcen reindex (fuzzy index) on corpora/.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"

namespace lovcen::testing {
namespace {

std::string CorporaTsvs() {
  std::string list;
  if (!std::filesystem::exists(CorporaDir())) return list;
  for (const auto& story : std::filesystem::directory_iterator(CorporaDir())) {
    if (!story.is_directory()) continue;
    for (const auto& f : std::filesystem::directory_iterator(story.path())) {
      if (f.path().extension() == ".tsv") list += " '" + f.path().string() + "'";
    }
  }
  return list;
}

class MatchCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string tsvs = CorporaTsvs();
    if (tsvs.empty()) GTEST_SKIP() << "no TSV in corpora/";
    db_ = TempDir("cli-match") + "/tm.db";
    CliRun import = RunLovcen("--db '" + db_ + "' import -q" + tsvs);
    ASSERT_EQ(import.exit_code, 0) << import.err;
  }
  CliRun Run(const std::string& args) { return RunLovcen("--db '" + db_ + "' " + args); }
  std::string db_;
};

TEST_F(MatchCliTest, ExactPlaceableAndFuzzyCandidates) {
  CliRun exact = Run("match 'Choose language:' --from en --to de,cnr-Latn --json");
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  EXPECT_NE(exact.out.find("\"class\":\"exact\",\"score\":100,\"target\":\"Sprache wählen:\""), std::string::npos)
      << exact.out;
  EXPECT_NE(exact.out.find("\"target\":\"Izaberite jezik:\""), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(db_ + ".fuzzy.en"));  // built on first use
  EXPECT_FALSE(std::filesystem::exists(db_ + ".fuzzy.de"));   // not matched from yet

  CliRun date = Run("match 10-May-2025 --from en --to cnr-Latn,de --json");
  ASSERT_EQ(date.exit_code, 0) << date.err;
  EXPECT_NE(date.out.find("\"class\":\"placeable\",\"score\":99,\"target\":\"10. maj 2025.\""), std::string::npos)
      << date.out;
  EXPECT_NE(date.out.find("\"target\":\"10.05.2025\""), std::string::npos);

  CliRun fuzzy = Run(
      "match 'A senior NATO official told Reuters that the specific terms of the ceasefire in energy "
      "infrastructure are still unclear and that Russia is still using short-range drones to attack.' "
      "--from en --to de --threshold 80 -k 1");
  ASSERT_EQ(fuzzy.exit_code, 0) << fuzzy.err;
  EXPECT_NE(fuzzy.out.find("fuzzy"), std::string::npos) << fuzzy.out;
  EXPECT_NE(fuzzy.out.find("[Reuters]"), std::string::npos) << fuzzy.out;
  // The origin line names the story (the sentence is in two stories).
  EXPECT_NE(fuzzy.out.find("  2025-04-"), std::string::npos);
}

TEST_F(MatchCliTest, ReindexRebuildsTheFuzzyIndex) {
  CliRun reindex = Run("reindex --json");
  ASSERT_EQ(reindex.exit_code, 0) << reindex.err;
  EXPECT_NE(reindex.out.find("\"fuzzy\""), std::string::npos) << reindex.out;
  for (const char* lang : {"en", "de", "cnr-Latn", "cnr-Cyrl"}) {
    EXPECT_TRUE(std::filesystem::exists(db_ + ".fuzzy." + lang)) << lang;
  }
  // A damaged index is derived data: match rebuilds it and still answers.
  std::filesystem::resize_file(db_ + ".fuzzy.en", 100);
  CliRun match = Run("match 'Choose language:' --from en --to de --json");
  ASSERT_EQ(match.exit_code, 0) << match.err;
  EXPECT_NE(match.out.find("Sprache wählen:"), std::string::npos);
  EXPECT_GT(std::filesystem::file_size(db_ + ".fuzzy.en"), 100u);
}

TEST_F(MatchCliTest, UsageErrors) {
  EXPECT_EQ(Run("match x --from en --to xx").exit_code, 2);
  EXPECT_EQ(Run("match x --from en --to en").exit_code, 2);
  EXPECT_EQ(Run("match x --from en --to de --threshold 120").exit_code, 2);
  EXPECT_EQ(Run("match x --from en").exit_code, 2);
  EXPECT_EQ(RunLovcen("--db /nonexistent/tm.db match x --from en --to de").exit_code, 3);
}

}  // namespace
}  // namespace lovcen::testing
