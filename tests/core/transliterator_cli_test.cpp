// `lovcen translit` end to end: the built binary on files, as a user runs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli/cli_runner.h"
#include "test_paths.h"

namespace lovcen {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::RunLovcen;

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string FirstStory() {
  const fs::path root = testing::CorporaDir();
  if (!fs::is_directory(root)) return {};
  std::vector<std::string> keys;
  for (const auto& e : fs::directory_iterator(root)) {
    const std::string key = e.path().filename().string();
    if (fs::is_regular_file(e.path() / (key + ".cnr-Latn.txt")) &&
        fs::is_regular_file(e.path() / (key + ".cnr-Cyrl.txt"))) {
      keys.push_back(key);
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys.empty() ? "" : (root / keys[0] / keys[0]).string();
}

TEST(TranslitCli, ArticleToCyrillicMatchesTheEdition) {
  const std::string story = FirstStory();
  if (story.empty()) GTEST_SKIP() << "no story with both editions in corpora/ yet";
  const auto run = RunLovcen("translit --to cnr-Cyrl '" + story + ".cnr-Latn.txt'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, ReadFile(story + ".cnr-Cyrl.txt"));
  const auto back = RunLovcen("translit --to cnr-Latn '" + story + ".cnr-Cyrl.txt' --engine icu");
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(back.out, ReadFile(story + ".cnr-Latn.txt"));
}

TEST(TranslitCli, OutputFileAndRoundTrip) {
  const std::string dir = testing::TempDir("translit-cli-out");
  const std::string text =
      "\xEF\xBB\xBFNjegoš je nadživio LJUBLJANU.\r\nAUTOR:M.J. GDNUS\r\nCNN-u, NATO-a: https://x.me\r\n";
  const std::string in = Write(dir, "a.txt", text);
  const auto run = RunLovcen("translit --to cnr-Cyrl '" + in + "' -o '" + dir + "/a.cyr.txt' --quiet");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  const std::string cyrillic = ReadFile(dir + "/a.cyr.txt");
  EXPECT_EQ(cyrillic,
            "\xEF\xBB\xBFЊегош је надживио ЉУБЉАНУ.\r\nАУТОР:M.J. GDNUS\r\nCNN-у, НАТО-а: https://x.me\r\n");
  const auto back = RunLovcen("translit --to cnr-Latn '" + dir + "/a.cyr.txt'");
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(back.out, text);
  EXPECT_FALSE(fs::exists(dir + "/a.cyr.txt.lovcen-tmp"));
  fs::remove_all(dir);
}

TEST(TranslitCli, MarkdownAndHtmlKeepTheirMarkup) {
  const std::string dir = testing::TempDir("translit-cli-markup");
  const std::string md = Write(dir, "a.md", "# Ljubav\n\n`lj` i [nj](https://x.me/nj)\n");
  const auto m = RunLovcen("translit --to cnr-Cyrl '" + md + "'");
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_EQ(m.out, "# Љубав\n\n`lj` и [њ](https://x.me/nj)\n");
  const std::string html = Write(dir, "a.html", "<p title=\"nj\">Njegoš &amp; <b>lj</b></p>\n");
  const auto h = RunLovcen("translit --to cnr-Cyrl '" + html + "'");
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_EQ(h.out, "<p title=\"nj\">Његош &amp; <b>љ</b></p>\n");
  // --format overrides the extension.
  const auto plain = RunLovcen("translit --to cnr-Cyrl --format text '" + md + "'");
  EXPECT_EQ(plain.out, "# Љубав\n\n`љ` и [њ](https://x.me/nj)\n");
  fs::remove_all(dir);
}

TEST(TranslitCli, BadInputAndUsageErrors) {
  const std::string dir = testing::TempDir("translit-cli-errors");
  const std::string bad = Write(dir, "bad.txt", std::string("Ljubav\n\xC5\x28x"));
  const auto run = RunLovcen("translit --to cnr-Cyrl '" + bad + "'");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("bad.txt"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("byte 7"), std::string::npos) << run.err;
  EXPECT_EQ(RunLovcen("translit --to de '" + bad + "'").exit_code, 2);
  EXPECT_EQ(RunLovcen("translit --to cnr-Cyrl --format docx '" + bad + "'").exit_code, 2);
  EXPECT_EQ(RunLovcen("translit --to cnr-Cyrl '" + dir + "/missing.txt'").exit_code, 3);
  EXPECT_EQ(RunLovcen("translit '" + bad + "'").exit_code, 2);  // --to is required
  EXPECT_EQ(RunLovcen("translit --to cnr-Cyrl --data-dir /nonexistent '" + bad + "'").exit_code, 2);
  fs::remove_all(dir);
}

TEST(TranslitCli, JsonOutput) {
  const std::string dir = testing::TempDir("translit-cli-json");
  const std::string in = Write(dir, "a.txt", "Ljubav \"i\" CNN\n");
  const auto run = RunLovcen("translit --to cnr-Cyrl --json '" + in + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"to\":\"cnr-Cyrl\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"text\":\"Љубав \\\"и\\\" CNN\\n\""), std::string::npos) << run.out;
  fs::remove_all(dir);
}

TEST(TranslitCli, XliffTargetsWithInlineCodes) {
  const std::string dir = testing::TempDir("translit-cli-xliff");
  const std::string v12 =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n"
      "  <file original=\"a.txt\" source-language=\"en\" target-language=\"cnr-Latn\" datatype=\"plaintext\">\n"
      "    <body>\n"
      "      <trans-unit id=\"1\">\n"
      "        <source>Love <g id=\"1\">and</g> his<ph id=\"2\">&lt;br/&gt;</ph> CNN</source>\n"
      "        <target state=\"translated\">Ljubav <g id=\"1\">i</g> njegov<ph id=\"2\">&lt;br/&gt;</ph> CNN-u "
      "<bpt id=\"3\">&lt;b&gt;</bpt>nadživjeti<ept id=\"3\">&lt;/b&gt;</ept></target>\n"
      "      </trans-unit>\n"
      "    </body>\n"
      "  </file>\n"
      "</xliff>\n";
  const std::string in12 = Write(dir, "a.xlf", v12);
  const auto run = RunLovcen("translit --to cnr-Cyrl '" + in12 + "' -o '" + dir + "/a.cyr.xlf'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string cyr = ReadFile(dir + "/a.cyr.xlf");
  EXPECT_NE(cyr.find("target-language=\"cnr-Cyrl\""), std::string::npos) << cyr;
  EXPECT_NE(cyr.find("<source>Love <g id=\"1\">and</g> his<ph id=\"2\">&lt;br/&gt;</ph> CNN</source>"),
            std::string::npos)
      << cyr;
  EXPECT_NE(cyr.find(">Љубав <g id=\"1\">и</g> његов<ph id=\"2\">&lt;br/&gt;</ph> CNN-у "
                     "<bpt id=\"3\">&lt;b&gt;</bpt>надживјети<ept id=\"3\">&lt;/b&gt;</ept></target>"),
            std::string::npos)
      << cyr;
  EXPECT_EQ(RunLovcen("validate '" + dir + "/a.cyr.xlf'").exit_code, 0);
  // And back: the same document as the writer gives for the original.
  const auto back = RunLovcen("translit --to cnr-Latn '" + dir + "/a.cyr.xlf'");
  ASSERT_EQ(back.exit_code, 0) << back.err;
  const auto same = RunLovcen("translit --to cnr-Latn '" + in12 + "'");  // no change: already Latin
  EXPECT_EQ(back.out, same.out);
  EXPECT_NE(back.out.find("target-language=\"cnr-Latn\""), std::string::npos);

  const std::string v21 =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"en\" "
      "trgLang=\"sr-Latn-ME\">\n"
      "  <file id=\"f1\">\n"
      "    <unit id=\"u1\">\n"
      "      <segment id=\"s1\" state=\"translated\">\n"
      "        <source><pc id=\"1\">People</pc><ph id=\"2\"/></source>\n"
      "        <target><pc id=\"1\">Ljudi</pc><ph id=\"2\"/> Njegoš</target>\n"
      "      </segment>\n"
      "    </unit>\n"
      "  </file>\n"
      "</xliff>\n";
  const std::string in21 = Write(dir, "b.xliff", v21);
  const auto run21 = RunLovcen("translit --to cnr-Cyrl '" + in21 + "'");
  ASSERT_EQ(run21.exit_code, 0) << run21.err;
  EXPECT_NE(run21.out.find("trgLang=\"sr-Cyrl-ME\""), std::string::npos) << run21.out;
  EXPECT_NE(run21.out.find("<target><pc id=\"1\">Људи</pc><ph id=\"2\"/> Његош</target>"),
            std::string::npos)
      << run21.out;

  // A target that is not Montenegrin is refused, and so is broken XML.
  std::string german = v12;
  german.replace(german.find("cnr-Latn"), 8, "de");
  EXPECT_EQ(RunLovcen("translit --to cnr-Cyrl '" + Write(dir, "de.xlf", german) + "'").exit_code, 3);
  const auto broken = RunLovcen("translit --to cnr-Cyrl '" + Write(dir, "broken.xlf", "<xliff><file>") + "'");
  EXPECT_EQ(broken.exit_code, 3);
  EXPECT_NE(broken.err.find("broken.xlf"), std::string::npos) << broken.err;
  fs::remove_all(dir);
}

// The data files are found beside an installed program (<prefix>/bin and
// <prefix>/share/lovcen/data), through $LOVCEN_DATA_DIR, or with --data-dir;
// a marked copy of latin-only.txt shows which one was read.
TEST(TranslitCli, FindsItsDataWhenInstalled) {
  const std::string prefix = testing::TempDir("translit-cli-install");
  fs::create_directories(prefix + "/bin");
  fs::create_directories(prefix + "/share/lovcen/data");
  fs::copy(testing::LovcenBinary(), prefix + "/bin/lovcen");
  fs::copy(testing::SourceDir() + "/data", prefix + "/share/lovcen/data", fs::copy_options::recursive);
  {
    std::ofstream list(prefix + "/share/lovcen/data/translit/latin-only.txt", std::ios::app);
    list << "Instalirana Kopija\n";
  }
  const std::string in = Write(prefix, "a.txt", "Instalirana Kopija\n");
  const std::string command =
      "'" + prefix + "/bin/lovcen' translit --to cnr-Cyrl '" + in + "' > '" + prefix + "/out.txt'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(ReadFile(prefix + "/out.txt"), "Instalirana Kopija\n");
  // The environment wins over the installed tree, --data-dir over both.
  const std::string env = "LOVCEN_DATA_DIR='" + testing::SourceDir() + "/data' " + command;
  ASSERT_EQ(std::system(env.c_str()), 0);
  EXPECT_EQ(ReadFile(prefix + "/out.txt"), "Инсталирана Копија\n");
  const std::string flag = "LOVCEN_DATA_DIR='" + testing::SourceDir() + "/data' '" + prefix +
                           "/bin/lovcen' translit --to cnr-Cyrl --data-dir '" + prefix +
                           "/share/lovcen/data' '" + in + "' > '" + prefix + "/out.txt'";
  ASSERT_EQ(std::system(flag.c_str()), 0);
  EXPECT_EQ(ReadFile(prefix + "/out.txt"), "Instalirana Kopija\n");
  fs::remove_all(prefix);
}

}  // namespace
}  // namespace lovcen
