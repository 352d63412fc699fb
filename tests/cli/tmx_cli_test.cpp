// End to end: lovcen import of TMX files and lovcen export --format tmx.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.h"

namespace lovcen::testing {
namespace {

// A file exactly as lovcen writes it: importing and exporting it again must
// give the same bytes.
constexpr char kLovcenTmx[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="lovcen" creationtoolversion="0.1.0" srclang="en" adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="lovcen"/>
<body>
<tu tuid="a-1" creationdate="20250405T101500Z" creationid="desk" changedate="20250406T080000Z">
  <prop type="x-origin">aligned</prop>
  <prop type="x-story">vlada-2025</prop>
  <prop type="x-context-post">The vote is on Friday.</prop>
  <prop type="x-confidence">0.91</prop>
  <tuv xml:lang="en"><seg>The <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>government<ept i="1">&lt;/b&gt;</ept> fell <ph x="2">&lt;br/&gt;</ph>on <hi type="date">5 April</hi>.</seg></tuv>
  <tuv xml:lang="de"><seg>Die <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Regierung<ept i="1">&lt;/b&gt;</ept> ist <ph x="2">&lt;br/&gt;</ph>am <hi type="date">5. April</hi> gestürzt.</seg></tuv>
  <tuv xml:lang="cnr-Latn">
    <prop type="x-context-post">Glasanje je u petak.</prop>
    <seg>Vlada je pala <it pos="begin">&lt;i&gt;</it>5. aprila.</seg>
  </tuv>
</tu>
<tu creationdate="20250407T090000Z" changedate="20250407T090000Z">
  <prop type="x-origin">imported</prop>
  <tuv xml:lang="en"><seg>Prices &amp; wages &lt;rose&gt; by 3%.</seg></tuv>
  <tuv xml:lang="de"><seg>Preise &amp; Löhne stiegen um 3 %.</seg></tuv>
</tu>
</body>
</tmx>
)";

std::string WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(TmxCliTest, ImportThenExportGivesTheSameBytes) {
  const std::string dir = TempDir("tmx-cli-roundtrip");
  const std::string db = "--db '" + dir + "/tm.db'";
  const std::string in = WriteFile(dir + "/in.tmx", kLovcenTmx);
  CliRun import = RunLovcen(db + " import '" + in + "' --json");
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(import.out,
            "{\"files\":1,\"added\":2,\"updated\":0,\"transliterated\":0,\"duplicates_skipped\":0,\"rejected\":[]}\n");

  CliRun out =
      RunLovcen(db + " export --format tmx --src en --tgt de,cnr-Latn -o '" + dir + "/out.tmx'");
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_EQ(out.out, "exported 2 units to " + dir + "/out.tmx (" +
                         std::to_string(std::filesystem::file_size(dir + "/out.tmx")) +
                         " bytes, tmx)\n");
  EXPECT_EQ(ReadFile(dir + "/out.tmx"), kLovcenTmx);

  // A pair slice: German only, as JSON.
  CliRun de = RunLovcen(db + " export --src en --tgt de -o '" + dir + "/de.tmx' --json");
  ASSERT_EQ(de.exit_code, 0) << de.err;
  EXPECT_NE(de.out.find("\"units\":2"), std::string::npos) << de.out;
  EXPECT_EQ(ReadFile(dir + "/de.tmx").find("cnr-Latn"), std::string::npos);
  // One story only; the reverse direction puts German first.
  CliRun story =
      RunLovcen(db + " export --src de --tgt en --story vlada-2025 -o '" + dir + "/story.tmx'");
  ASSERT_EQ(story.exit_code, 0) << story.err;
  const std::string s = ReadFile(dir + "/story.tmx");
  EXPECT_NE(s.find("srclang=\"de\""), std::string::npos);
  EXPECT_LT(s.find("<tuv xml:lang=\"de\">"), s.find("<tuv xml:lang=\"en\">"));
  EXPECT_EQ(s.find("Prices"), std::string::npos);
}

TEST(TmxCliTest, DuplicatePolicies) {
  const std::string dir = TempDir("tmx-cli-dup");
  const std::string db = "--db '" + dir + "/tm.db'";
  const std::string in = WriteFile(dir + "/in.tmx", kLovcenTmx);
  ASSERT_EQ(RunLovcen(db + " import '" + in + "'").exit_code, 0);
  std::string newer = kLovcenTmx;
  newer.replace(newer.find("Löhne stiegen"), 13, "Gehälter stiegen");
  newer.replace(newer.find("20250407T090000Z\">"), 16, "20260101T000000Z");
  const std::string changed = WriteFile(dir + "/newer.tmx", newer);

  CliRun skip = RunLovcen(db + " import --on-duplicate skip '" + changed + "'");
  ASSERT_EQ(skip.exit_code, 0) << skip.err;
  EXPECT_EQ(skip.out, "imported 1 file: 0 added, 0 updated, 2 duplicates skipped, 0 rejected\n");
  CliRun wins = RunLovcen(db + " import '" + changed + "'");  // newer-wins by default
  EXPECT_EQ(wins.out, "imported 1 file: 0 added, 1 updated, 1 duplicates skipped, 0 rejected\n");
  CliRun both = RunLovcen(db + " import --on-duplicate keep-both '" + in + "'");
  EXPECT_EQ(both.out, "imported 1 file: 2 added, 0 updated, 0 duplicates skipped, 0 rejected\n");
  CliRun bad = RunLovcen(db + " import --on-duplicate maybe '" + in + "'");
  EXPECT_EQ(bad.exit_code, 2);
}

TEST(TmxCliTest, HostileFileExitsWithBadInputAndLeavesTheTmUnchanged) {
  const std::string dir = TempDir("tmx-cli-hostile");
  const std::string db = "--db '" + dir + "/tm.db'";
  ASSERT_EQ(RunLovcen(db + " import '" + WriteFile(dir + "/in.tmx", kLovcenTmx) + "'").exit_code,
            0);
  const std::string before = RunLovcen(db + " stats --json").out;
  std::string xxe = kLovcenTmx;
  xxe.replace(xxe.find("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">"), 33,
              "<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
  xxe.replace(xxe.find("by 3%."), 6, "&x;");
  const std::string path = WriteFile(dir + "/xxe.tmx", xxe);
  // A good file first: the whole command is one transaction.
  CliRun run =
      RunLovcen(db + " import '" + WriteFile(dir + "/good.tmx", kLovcenTmx) + "' '" + path + "'");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("lovcen: " + path + ":"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("external entity 'file:///etc/passwd' refused"), std::string::npos);
  EXPECT_NE(run.err.find("translation memory is unchanged"), std::string::npos);
  EXPECT_EQ(RunLovcen(db + " stats --json").out, before);
}

TEST(TmxCliTest, LisaKitWithFoldRegions) {
  const std::string shared = SharedTestData();
  if (shared.empty()) GTEST_SKIP() << "shared testdata absent";
  const std::string dir = TempDir("tmx-cli-kit");
  std::string files;
  for (const auto& e : std::filesystem::directory_iterator(shared + "/tmx-lisa-compliance-kit")) {
    if (e.path().extension() == ".tmx") files += " '" + e.path().string() + "'";
  }
  CliRun run = RunLovcen("--db '" + dir + "/tm.db' --fold-regions import" + files);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("imported 23 files: 1 added, 0 updated, 0 duplicates skipped, "),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("unknown language tag 'fr-ca'"), std::string::npos);
  EXPECT_NE(run.err.find("warning: language tag 'en-us' read as 'en'"), std::string::npos);
}

TEST(TmxCliTest, ExportsXliffToo) {
  const std::string dir = TempDir("tmx-cli-xliff");
  const std::string db = "--db '" + dir + "/tm.db'";
  ASSERT_EQ(RunLovcen(db + " import '" + WriteFile(dir + "/in.tmx", kLovcenTmx) + "'").exit_code,
            0);
  for (const char* format : {"xliff12", "xliff21"}) {
    SCOPED_TRACE(format);
    const std::string path = dir + "/out-" + format + ".xlf";
    CliRun run = RunLovcen(db + " export --format " + format + " --src en --tgt de -o '" + path +
                           "' --json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("\"units\":2"), std::string::npos) << run.out;
    const std::string xliff = ReadFile(path);
    EXPECT_NE(xliff.find("Regierung"), std::string::npos);
    EXPECT_NE(xliff.find("Preise &amp; Löhne"), std::string::npos);
  }
}

TEST(TmxCliTest, ExportUsageErrors) {
  const std::string dir = TempDir("tmx-cli-usage");
  const std::string db = "--db '" + dir + "/tm.db'";
  ASSERT_EQ(RunLovcen(db + " import '" + WriteFile(dir + "/in.tmx", kLovcenTmx) + "'").exit_code,
            0);
  const std::string out = " -o '" + dir + "/x.out'";
  EXPECT_EQ(RunLovcen(db + " export --format csv --src en --tgt de" + out).exit_code, 2);
  EXPECT_EQ(RunLovcen(db + " export --src en --tgt en" + out).exit_code, 2);
  EXPECT_EQ(RunLovcen(db + " export --src fr --tgt de" + out).exit_code, 2);
  EXPECT_EQ(RunLovcen(db + " export --src en --tgt de").exit_code, 2);  // no -o
  EXPECT_EQ(RunLovcen(db + " export --format xliff12 --src en --tgt de,cnr-Latn" + out).exit_code,
            2);
  EXPECT_FALSE(std::filesystem::exists(dir + "/x.out"));
  CliRun nowhere = RunLovcen(db + " export --src en --tgt de -o '" + dir + "/no/dir/x.tmx'");
  EXPECT_EQ(nowhere.exit_code, 3) << nowhere.err;
  CliRun no_db = RunLovcen("--db '" + dir + "/missing.db' export --src en --tgt de" + out);
  EXPECT_NE(no_db.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir + "/missing.db"));
}

}  // namespace
}  // namespace lovcen::testing
