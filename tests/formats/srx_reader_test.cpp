// Reading SRX files: every file in ../shared/testdata/srx/, the bundled
// defaults, SRX 1.0, and malformed input (refused with file:line:column).
#include "lovcen/formats/srx_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lovcen/segmenter.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

namespace fs = std::filesystem;

std::string SrxDir() {
  const std::string root = testing::SharedTestData();
  return root.empty() ? root : root + "/srx";
}

TEST(SrxReader, ReadsEverySharedFileExceptTheBrokenOne) {
  const std::string dir = SrxDir();
  if (dir.empty()) GTEST_SKIP() << "shared testdata absent";
  int read = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".srx") continue;
    const std::string name = entry.path().filename().string();
    auto doc = ReadSrxFile(entry.path().string());
    if (name == "loomchild-invalid.srx") {
      ASSERT_FALSE(doc.ok()) << name;
      EXPECT_NE(doc.error().ToString().find("unsupported SRX version ''"), std::string::npos)
          << doc.error().ToString();
      EXPECT_NE(doc.error().ToString().find("loomchild-invalid.srx:2:"), std::string::npos)
          << doc.error().ToString();
      continue;
    }
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.error().ToString();
    EXPECT_FALSE(doc->language_rules.empty()) << name;
    // Every language the file maps can be segmented.
    auto rules = doc->RulesFor("en");
    ASSERT_TRUE(rules.ok()) << name;
    auto seg = Segmenter::Create(*rules);
    ASSERT_TRUE(seg.ok()) << name << ": " << seg.error().ToString();
    EXPECT_FALSE(seg->Segment("Mr. Holmes is here. Is Dr. Watson there too?\nYes.").empty());
    ++read;
  }
  EXPECT_GE(read, 8);
}

TEST(SrxReader, OkapiDefaultsLoadAndSegmentTheirSample) {
  const std::string dir = SrxDir();
  if (dir.empty()) GTEST_SKIP() << "shared testdata absent";
  auto doc = ReadSrxFile(dir + "/okapi-defaultSegmentation.srx");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_FALSE(doc->cascade);
  EXPECT_FALSE(doc->format_handling.include_isolated);
  ASSERT_EQ(doc->language_rules.size(), 1u);
  EXPECT_EQ(doc->language_rules[0].rules.size(), 5u);
  auto seg = Segmenter::Create(*doc, LanguageTag(Language::kEnglish));
  ASSERT_TRUE(seg.ok()) << seg.error().ToString();
  // The first line of the sample in the file's header (okpsrx:sample). By
  // these rules "U.K." before a lower-case word ends a sentence (the
  // acronym exception wants a capital after it), as in Okapi itself.
  const std::string text =
      "Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson from there too? Yes: both are.";
  std::vector<std::string> got;
  for (const auto& r : seg->Segment(text)) got.push_back(text.substr(r.begin, r.size()));
  EXPECT_EQ(got, (std::vector<std::string>{"Mr. Holmes is from the U.K.",
                                           "not the U.S. Is Dr. Watson from there too?",
                                           "Yes: both are."}));
}

TEST(SrxReader, Srx10UsesTheFirstMapRuleAndNoCascade) {
  const std::string dir = SrxDir();
  if (dir.empty()) GTEST_SKIP() << "shared testdata absent";
  auto doc = ReadSrxFile(dir + "/loomchild-simple-1.0.srx");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_EQ(doc->version, "1.0");
  EXPECT_FALSE(doc->cascade);
  ASSERT_EQ(doc->maps.size(), 3u);
  auto rules = doc->RulesFor("pl");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->names, (std::vector<std::string>{"Polish"}));
  auto seg = Segmenter::Create(*rules);
  ASSERT_TRUE(seg.ok());
  EXPECT_EQ(seg->Segment("Zob. p. Kowalski. Dobrze.").size(), 2u);
}

TEST(SrxReader, BundledDefaultsLoad) {
  auto doc = ReadDefaultSrx();
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_TRUE(doc->cascade);
  for (const char* lang : {"en", "de", "cnr-Latn", "cnr-Cyrl", "sr", "hr", "bs"}) {
    auto rules = doc->RulesFor(lang);
    ASSERT_TRUE(rules.ok()) << lang;
    EXPECT_EQ(rules->names.back(), "Common") << lang;
    EXPECT_GE(rules->names.size(), 2u) << lang;
  }
  auto missing = ReadDefaultSrx("/nonexistent/lovcen-default.srx");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kIo);
}

TEST(SrxReader, MalformedXmlHasAPosition) {
  auto doc = ReadSrxBuffer("<srx version=\"2.0\"><body><languagerules>\n<languagerule>",
                           "bad.srx");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().file, "bad.srx");
  EXPECT_GT(doc.error().line, 0);
}

TEST(SrxReader, NotAnSrxFile) {
  auto doc = ReadSrxBuffer("<tmx version=\"1.4\"><body/></tmx>", "x.tmx");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("not an SRX file"), std::string::npos);
  auto rule_outside = ReadSrxBuffer(
      "<srx version=\"2.0\"><body><rule><beforebreak>x</beforebreak></rule></body></srx>", "y.srx");
  ASSERT_FALSE(rule_outside.ok());
  EXPECT_NE(rule_outside.error().message.find("outside"), std::string::npos);
}

TEST(SrxReader, BinaryFileIsRefused) {
  const std::string dir = testing::TempDir("srx-binary");
  const std::string path = dir + "/rules.srx";
  {
    std::ofstream out(path, std::ios::binary);
    for (int k = 0; k < 4096; ++k) out.put(static_cast<char>((k * 131) & 0xFF));
  }
  auto doc = ReadSrxFile(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().file, path);
}

}  // namespace
}  // namespace lovcen::formats
