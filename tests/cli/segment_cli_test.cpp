// End to end: `lovcen segment` on corpora articles (its output is the gold
// .sentences file), JSON offsets, user SRX files, bad input, and a 50 MB
// article read in bounded memory.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_runner.h"

namespace lovcen::testing {
namespace {

namespace fs = std::filesystem;

std::string Story(const std::string& lang) {
  const std::string key = "2025-04-05-rubio-moscow";
  return CorporaDir() + "/" + key + "/" + key + "." + lang;
}

std::string WriteFile(const std::string& dir, const std::string& name, const std::string& data) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << data;
  return path;
}

TEST(SegmentCli, PrintsTheGoldSegmentationOfACorpusArticle) {
  for (const char* lang : {"en", "de", "cnr-Latn", "cnr-Cyrl"}) {
    if (!fs::exists(Story(lang) + ".txt")) GTEST_SKIP() << "corpora/ incomplete";
    CliRun run = RunLovcen("segment '" + Story(lang) + ".txt' --lang " + lang);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    std::string gold = ReadFile(Story(lang) + ".sentences");
    while (!gold.empty() && gold.back() == '\n') gold.pop_back();
    std::string out = run.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    EXPECT_EQ(out, gold) << lang;
  }
}

TEST(SegmentCli, JsonOffsetsPointIntoTheFile) {
  if (!fs::exists(Story("en") + ".txt")) GTEST_SKIP() << "corpora/ incomplete";
  const std::string text = ReadFile(Story("en") + ".txt");
  CliRun run = RunLovcen("segment '" + Story("en") + ".txt' --lang en --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"rules\":[\"English\",\"Common\"]"), std::string::npos);
  // Check every "begin"/"end" pair against the file (texts without escapes).
  std::size_t at = 0, checked = 0;
  while ((at = run.out.find("\"begin\":", at)) != std::string::npos) {
    const std::size_t begin = std::stoul(run.out.substr(at + 8));
    const std::size_t e = run.out.find("\"end\":", at);
    const std::size_t end = std::stoul(run.out.substr(e + 6));
    const std::size_t t = run.out.find("\"text\":\"", e) + 8;
    const std::string seg = run.out.substr(t, run.out.find("\"}", t) - t);
    if (seg.find('\\') == std::string::npos) {
      EXPECT_EQ(text.substr(begin, end - begin), seg);
      ++checked;
    }
    at = e;
  }
  EXPECT_GE(checked, 20u);
}

TEST(SegmentCli, UserSrxReplacesOrExtendsTheDefaults) {
  const std::string dir = TempDir("segment-srx");
  const std::string srx = WriteFile(dir, "mine.srx", R"(<?xml version="1.0"?>
<srx version="2.0" xmlns="http://www.lisa.org/srx20">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Mine">
        <rule break="no"><beforebreak>\bIng\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules><languagemap languagepattern="en.*" languagerulename="Mine"/></maprules>
  </body>
</srx>)");
  const std::string text = WriteFile(dir, "a.txt", "He met Ing. Peters; they talked. Dr. Smith came.\n");
  CliRun defaults = RunLovcen("segment '" + text + "' --lang en");
  ASSERT_EQ(defaults.exit_code, 0) << defaults.err;
  EXPECT_EQ(defaults.out, "He met Ing.\nPeters; they talked.\nDr. Smith came.\n");
  CliRun replaced = RunLovcen("segment '" + text + "' --lang en --srx '" + srx + "'");
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(replaced.out, "He met Ing. Peters;\nthey talked. Dr. Smith came.\n");
  CliRun extended = RunLovcen("segment '" + text + "' --lang en --srx '" + srx + "' --srx-extend");
  ASSERT_EQ(extended.exit_code, 0) << extended.err;
  EXPECT_EQ(extended.out, "He met Ing. Peters;\nthey talked.\nDr. Smith came.\n");
  CliRun no_srx = RunLovcen("segment '" + text + "' --lang en --srx-extend");
  EXPECT_EQ(no_srx.exit_code, 2);
}

TEST(SegmentCli, MalformedSrxNamesTheRule) {
  const std::string dir = TempDir("segment-bad-srx");
  const std::string srx = WriteFile(dir, "bad.srx", R"(<srx version="2.0" xmlns="http://www.lisa.org/srx20">
<header segmentsubflows="yes" cascade="yes"/>
<body><languagerules><languagerule languagerulename="Oops">
<rule break="yes"><beforebreak>(unclosed</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="Oops"/></maprules></body></srx>)");
  const std::string text = WriteFile(dir, "a.txt", "One. Two.\n");
  CliRun run = RunLovcen("segment '" + text + "' --lang en --srx '" + srx + "'");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("bad.srx:4:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("languagerule 'Oops' rule 1"), std::string::npos) << run.err;
}

TEST(SegmentCli, BadInput) {
  const std::string dir = TempDir("segment-bad");
  CliRun utf8 = RunLovcen("segment '" + WriteFile(dir, "latin1.txt", "Caf\xe9 au lait. Oui.\n") +
                          "' --lang en");
  EXPECT_EQ(utf8.exit_code, 3);
  EXPECT_NE(utf8.err.find("byte 3"), std::string::npos) << utf8.err;
  std::string binary("\x7f" "ELF\x02\x01\x01", 7);
  binary += std::string(64, '\0');
  CliRun bin = RunLovcen("segment '" + WriteFile(dir, "a.out", binary) + "' --lang en");
  EXPECT_EQ(bin.exit_code, 3);
  EXPECT_NE(bin.err.find("binary"), std::string::npos) << bin.err;
  CliRun empty = RunLovcen("segment '" + WriteFile(dir, "empty.txt", "") + "' --lang de");
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "");
  CliRun empty_json = RunLovcen("segment '" + WriteFile(dir, "blank.txt", "\n \n\n") + "' --lang de --json");
  EXPECT_EQ(empty_json.exit_code, 0);
  EXPECT_NE(empty_json.out.find("\"count\":0"), std::string::npos) << empty_json.out;
  CliRun missing = RunLovcen("segment '" + dir + "/nope.txt' --lang en");
  EXPECT_EQ(missing.exit_code, 3);
  CliRun lang = RunLovcen("segment '" + dir + "/empty.txt' --lang xx");
  EXPECT_EQ(lang.exit_code, 2);
}

TEST(SegmentCli, BlocksNeverMergeAndParagraphModeJoinsLines) {
  const std::string dir = TempDir("segment-blocks");
  const std::string text = WriteFile(dir, "a.txt", "Title without a period\nFirst sentence. Second one.\n\nSub-heading\n");
  CliRun lines = RunLovcen("segment '" + text + "' --lang en");
  ASSERT_EQ(lines.exit_code, 0);
  EXPECT_EQ(lines.out, "Title without a period\n\nFirst sentence.\nSecond one.\n\nSub-heading\n");
  const std::string para = WriteFile(dir, "b.txt", "A sentence that wraps \nonto a second line. Next.\n\nOther block.\n");
  CliRun paragraphs = RunLovcen("segment '" + para + "' --lang en --paragraphs --json");
  ASSERT_EQ(paragraphs.exit_code, 0);
  EXPECT_NE(paragraphs.out.find("\"begin\":0,\"end\":42"), std::string::npos) << paragraphs.out;
  EXPECT_NE(paragraphs.out.find("\"blocks\":2"), std::string::npos) << paragraphs.out;
}

TEST(SegmentCli, FiftyMegabyteArticleStreamsInBoundedMemory) {
  const std::string dir = TempDir("segment-big");
  const std::string path = dir + "/big.txt";
  {
    std::ofstream out(path, std::ios::binary);
    const std::string para =
        "Dr. Smith met Mr. Jones in the U.S. capital on Monday. Am 5. April 2025 kam der 3. Teil "
        "heraus. “Of course, Russia wants peace. On the right terms,” he said. Prices rose 3.5 "
        "percent... And then they fell.\n";
    std::size_t written = 0;
    // Paragraphs, and one 6 MB line without a line break in the middle.
    while (written < (std::size_t{22} << 20)) out << para, written += para.size();
    std::string line = para.substr(0, para.size() - 1) + ' ';
    for (std::size_t n = 0; n < (std::size_t{6} << 20); n += line.size()) out << line;
    out << '\n';
    written += std::size_t{6} << 20;
    while (written < (std::size_t{50} << 20)) out << para, written += para.size();
  }
  CliRun run = RunLovcen("segment '" + path + "' --lang en --quiet");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GT(run.out.size(), std::size_t{40} << 20);
  struct rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  EXPECT_LT(usage.ru_maxrss, 64 * 1024) << "peak resident KiB of the lovcen process";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lovcen::testing
