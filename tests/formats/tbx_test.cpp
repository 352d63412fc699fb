// TBX basic (2008 martif and v3 tbx) and glossary TSV reading; hostile and
// unknown XML refused with file:line:column.
#include "lovcen/formats/tbx.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_paths.h"

namespace lovcen::formats {
namespace {

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(Tbx, ReadsTheTestGlossary) {
  auto entries = ReadTbx(testing::SourceDir() + "/tests/data/checks/glossary.tbx");
  ASSERT_TRUE(entries.ok()) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].id, "moscow");
  ASSERT_EQ((*entries)[0].terms.size(), 3u);
  EXPECT_EQ((*entries)[0].terms[1].first.str(), "cnr-Latn");
  EXPECT_EQ((*entries)[0].terms[1].second, "Moskva");
  EXPECT_EQ((*entries)[2].terms[2].second, "Ministerium");  // ntig/termGrp
}

TEST(Tbx, ReadsTbxV3) {
  const std::string dir = testing::TempDir("tbx-v3");
  const std::string path =
      Write(dir, "v3.tbx",
            "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" "
            "xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>"
            "<conceptEntry id=\"c1\"><langSec xml:lang=\"de\"><termSec><term>Regierung</term>"
            "</termSec></langSec><langSec xml:lang=\"sr-Latn-ME\"><termSec><term>Vlada</term>"
            "</termSec></langSec></conceptEntry></body></text></tbx>\n");
  std::vector<std::string> warnings;
  GlossaryReadOptions options;
  options.warn = [&](const std::string& w) { warnings.push_back(w); };
  auto entries = ReadTbx(path, options);
  ASSERT_TRUE(entries.ok()) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].terms[1].first.str(), "cnr-Latn");
  EXPECT_EQ(warnings.size(), 1u);
  std::filesystem::remove_all(dir);
}

TEST(Tbx, RefusesUnknownStructureWithPosition) {
  const std::string dir = testing::TempDir("tbx-bad");
  auto r = ReadTbx(Write(dir, "a.tbx", "<?xml version=\"1.0\"?>\n<glossary><entry/></glossary>\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kBadInput);
  EXPECT_EQ(r.error().line, 2);
  EXPECT_NE(r.error().ToString().find("a.tbx:2:"), std::string::npos) << r.error().ToString();
  r = ReadTbx(Write(dir, "b.tbx",
                    "<martif><text><body>\n<termEntry><langSet><tig><term>x</term></tig></langSet>"
                    "</termEntry></body></text></martif>"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("without xml:lang"), std::string::npos);
  EXPECT_EQ(r.error().line, 2);
  r = ReadTbx(Write(dir, "c.tbx",
                    "<martif><text><body><termEntry><langSet xml:lang=\"fr\"><tig><term>x</term>"
                    "</tig></langSet></termEntry></body></text></martif>"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'fr'"), std::string::npos);
  r = ReadTbx(Write(dir, "d.tbx", "<martif><text><body></body></text></martif>"));
  ASSERT_FALSE(r.ok());
  r = ReadTbx(Write(dir, "e.tbx", "<martif><text><body><termEntry>"));
  ASSERT_FALSE(r.ok());  // malformed
  EXPECT_GT(r.error().line, 0);
  std::filesystem::remove_all(dir);
}

TEST(Tbx, RefusesHostileXml) {
  const std::string dir = testing::TempDir("tbx-hostile");
  auto r = ReadTbx(Write(
      dir, "xxe.tbx",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&x;</term></tig>"
      "</langSet></termEntry></body></text></martif>\n"));
  ASSERT_FALSE(r.ok());
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY a \"aaaaaaaaaa\">";
  std::string prev = "a";
  for (int i = 0; i < 8; ++i) {
    const std::string name = "e" + std::to_string(i);
    bomb += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&" + prev + ";";
    bomb += "\">";
    prev = name;
  }
  bomb += "]>\n<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&" + prev +
          ";</term></tig></langSet></termEntry></body></text></martif>\n";
  r = ReadTbx(Write(dir, "bomb.tbx", bomb));
  ASSERT_FALSE(r.ok());
  std::filesystem::remove_all(dir);
}

TEST(GlossaryTsv, HeaderOfTagsAndRows) {
  const std::string dir = testing::TempDir("glossary-tsv");
  auto r =
      ReadGlossary(Write(dir, "g.tsv", "en\tcnr-Latn\tde\nMoscow\tMoskva\tMoskau\nEU\t\tEU\n"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].terms.size(), 2u);
  r = ReadGlossary(Write(dir, "h.tsv", "en\tklingon\nx\ty\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 1);
  r = ReadGlossary(Write(dir, "i.tsv", "en\tde\na\tb\tc\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lovcen::formats
