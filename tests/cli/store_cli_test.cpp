// End to end: lovcen init / import / search / stats / reindex on corpora/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.h"

namespace lovcen::testing {
namespace {

std::string CorporaTsvs() {
  std::string list;
  for (const auto& story : std::filesystem::directory_iterator(CorporaDir())) {
    if (!story.is_directory()) continue;
    for (const auto& f : std::filesystem::directory_iterator(story.path())) {
      if (f.path().extension() == ".tsv") list += " '" + f.path().string() + "'";
    }
  }
  return list;
}

int CountLines(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

TEST(StoreCliTest, ImportsCorporaSearchesAndReportsStats) {
  const std::string db = TempDir("cli-corpora") + "/tm.db";
  const std::string tsvs = CorporaTsvs();
  ASSERT_FALSE(tsvs.empty()) << "no TSV in corpora/";

  CliRun init = RunLovcen("init --db '" + db + "'");
  ASSERT_EQ(init.exit_code, 0) << init.err;
  CliRun import = RunLovcen("--db '" + db + "' import" + tsvs + " --json");
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_NE(import.out.find("\"added\":"), std::string::npos);
  EXPECT_NE(import.out.find("\"rejected\":[]"), std::string::npos) << import.out;

  CliRun stats = RunLovcen("stats --json --db '" + db + "'");  // global option after the subcommand
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  for (const char* lang : {"\"en\":", "\"de\":", "\"cnr-Latn\":", "\"cnr-Cyrl\":", "\"en<->de\":",
                           "\"en<->cnr-Latn\":", "\"documents\":"}) {
    EXPECT_NE(stats.out.find(lang), std::string::npos) << lang << " missing in " << stats.out;
  }

  // Inflected Montenegrin forms by prefix, with the English of each hit.
  CliRun search = RunLovcen("--db '" + db + "' search Moskv --lang cnr-Latn --mode prefix --json");
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find("Moskvu"), std::string::npos) << search.out;
  EXPECT_NE(search.out.find("Moscow"), std::string::npos);
  CliRun text = RunLovcen("--db '" + db + "' search NATO --lang en --mode word");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("[NATO]"), std::string::npos);

  // A second import of the same files adds nothing.
  CliRun again = RunLovcen("--db '" + db + "' --json import" + tsvs);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("\"added\":0,"), std::string::npos) << again.out;
}

TEST(StoreCliTest, FailedImportLeavesTmUnchanged) {
  const std::string dir = TempDir("cli-failed-import");
  const std::string db = dir + "/tm.db";
  const std::string good = dir + "/good.tsv";
  const std::string bad = dir + "/bad.tsv";
  {
    std::ofstream g(good);
    g << "en\tde\nGood morning.\tGuten Morgen.\n";
    std::ofstream b(bad);
    b << "en\tcnr-Latn\n";
    for (int i = 1; i <= 10000; ++i) {
      if (i == 5000) {
        b << "row without a tab\n";  // the bad row
      } else {
        b << "Sentence " << i << ".\tRečenica " << i << ".\n";
      }
    }
  }
  ASSERT_EQ(RunLovcen("--db '" + db + "' import '" + good + "'").exit_code, 0);
  const std::string before = RunLovcen("--db '" + db + "' stats --json").out;
  CliRun failed = RunLovcen("--db '" + db + "' import '" + bad + "'");
  EXPECT_EQ(failed.exit_code, 3);
  EXPECT_NE(failed.err.find("bad.tsv:5001:"), std::string::npos) << failed.err;  // header is line 1
  EXPECT_NE(failed.err.find("unchanged"), std::string::npos);
  EXPECT_EQ(RunLovcen("--db '" + db + "' stats --json").out, before);
  EXPECT_EQ(CountLines(bad), 10001);
}

TEST(StoreCliTest, BadInputGivesOneLineErrorsAndExitCodes) {
  const std::string dir = TempDir("cli-bad-input");
  const std::string db = dir + "/tm.db";
  const std::string utf8 = dir + "/latin1.tsv";
  {
    std::ofstream f(utf8, std::ios::binary);
    f << "en\tde\nCaf\xE9.\tCaf\xE9.\n";
  }
  CliRun bad_utf8 = RunLovcen("--db '" + db + "' import '" + utf8 + "'");
  EXPECT_EQ(bad_utf8.exit_code, 3);
  EXPECT_NE(bad_utf8.err.find("latin1.tsv: byte 9: invalid UTF-8"), std::string::npos)
      << bad_utf8.err;

  CliRun unknown_lang = RunLovcen("--db '" + db + "' search x --lang fr");
  EXPECT_EQ(unknown_lang.exit_code, 2);
  EXPECT_NE(unknown_lang.err.find("unknown language tag 'fr'"), std::string::npos);

  CliRun missing_db = RunLovcen("--db '" + dir + "/none.db' stats");
  EXPECT_EQ(missing_db.exit_code, 3);

  CliRun usage = RunLovcen("import");
  EXPECT_EQ(usage.exit_code, 2);

  const std::string junk = dir + "/junk.db";
  {
    std::ofstream f(junk);
    f << std::string(5000, 'x');
  }
  CliRun not_a_tm = RunLovcen("--db '" + junk + "' stats");
  EXPECT_EQ(not_a_tm.exit_code, 4);
  EXPECT_NE(not_a_tm.err.find("not a lovcen translation memory"), std::string::npos)
      << not_a_tm.err;

  CliRun alias = RunLovcen("--db '" + db + "' search Moskv --lang sr-Latn-ME");
  EXPECT_NE(alias.err.find("read as 'cnr-Latn'"), std::string::npos) << alias.err;
}

TEST(StoreCliTest, BulkImportDefersConcordanceUntilReindex) {
  const std::string dir = TempDir("cli-bulk");
  const std::string db = dir + "/tm.db";
  const std::string tsv = dir + "/a.tsv";
  {
    std::ofstream f(tsv);
    f << "en\tde\nThe Kremlin said so.\tDer Kreml sagte das.\n";
  }
  ASSERT_EQ(RunLovcen("--db '" + db + "' import --defer-concordance '" + tsv + "'").exit_code, 0);
  EXPECT_NE(RunLovcen("--db '" + db + "' stats --json").out.find("\"concordance_stale\":true"),
            std::string::npos);
  // The first search builds it, once, and says so.
  CliRun first = RunLovcen("--db '" + db + "' search Kreml");
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("2 hits"), std::string::npos) << first.out;
  EXPECT_NE(first.err.find("building the concordance index"), std::string::npos) << first.err;
  CliRun again = RunLovcen("--db '" + db + "' search Kreml");
  EXPECT_EQ(again.err.find("building"), std::string::npos) << again.err;
  EXPECT_NE(again.out.find("2 hits"), std::string::npos) << again.out;
  EXPECT_NE(RunLovcen("--db '" + db + "' stats --json").out.find("\"concordance_stale\":false"),
            std::string::npos);
  ASSERT_EQ(RunLovcen("--db '" + db + "' reindex").exit_code, 0);
}

// An import into an empty TM is a bulk load (concordance left to the first
// search); into a TM whose concordance is current, it keeps it current.
TEST(StoreCliTest, ImportIntoAnEmptyTmIsABulkLoad) {
  const std::string dir = TempDir("cli-bulk-empty");
  const std::string db = dir + "/tm.db";
  const std::string a = dir + "/a.tsv", b = dir + "/b.tsv";
  std::ofstream(a) << "en\tde\nThe Kremlin said so.\tDer Kreml sagte das.\n";
  std::ofstream(b) << "en\tde\nMoscow said no.\tMoskau sagte nein.\n";
  ASSERT_EQ(RunLovcen("--db '" + db + "' import '" + a + "'").exit_code, 0);
  EXPECT_NE(RunLovcen("--db '" + db + "' stats --json").out.find("\"concordance_stale\":true"),
            std::string::npos);
  CliRun search = RunLovcen("--db '" + db + "' search Kreml");
  EXPECT_NE(search.out.find("2 hits"), std::string::npos) << search.out << search.err;
  ASSERT_EQ(RunLovcen("--db '" + db + "' import '" + b + "'").exit_code, 0);
  EXPECT_NE(RunLovcen("--db '" + db + "' stats --json").out.find("\"concordance_stale\":false"),
            std::string::npos);
  CliRun second = RunLovcen("--db '" + db + "' search Moskau");
  EXPECT_EQ(second.err.find("building"), std::string::npos) << second.err;
  EXPECT_NE(second.out.find("1 hit"), std::string::npos) << second.out;
}

}  // namespace
}  // namespace lovcen::testing
