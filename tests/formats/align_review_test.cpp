// The review file of `lovcen align` in both forms: TSV and XLIFF 1.2 round
// trips, what a CAT tool may do to the XLIFF (split a unit, drop a unit from
// every file), schema validity, and files that are not review files.
#include "lovcen/formats/align_review.h"

#include <gtest/gtest.h>

#include <fstream>

#include "lovcen/formats/validate.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

ReviewFile Sample() {
  ReviewFile f;
  f.story = "2025-04-05-rubio-moscow";
  f.languages = {LanguageTag::Parse("en").value(), LanguageTag::Parse("cnr-Latn").value(),
                 LanguageTag::Parse("de").value(), LanguageTag::Parse("cnr-Cyrl").value()};
  f.rows.push_back(
      {"", 0.99, {"Choose language:", "Izaberite jezik:", "Sprache wählen:", "Изаберите језик:"}});
  f.rows.push_back({"check: low confidence",
                    0.42,
                    {"Moscow denies it. It says <Kyiv> & co. violate it.", "Moskva to odbacuje.",
                     "Moskau weist das zurück.", "Москва то одбацује."}});
  f.rows.push_back({"check: pairings disagree", 0.61, {"", "", "Ein Satz nur auf Deutsch.", ""}});
  f.rows.push_back({"", 1.0, {"Only English and Latin.", "Samo engleski i latinica.", "", ""}});
  return f;
}

std::string Write(const std::string& name, const std::string& content) {
  const std::string path = testing::TempDir("align-review") + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

void ExpectSame(const ReviewFile& a, const ReviewFile& b) {
  EXPECT_EQ(a.story, b.story);
  EXPECT_EQ(a.languages, b.languages);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].review, b.rows[i].review) << i;
    EXPECT_NEAR(a.rows[i].confidence, b.rows[i].confidence, 0.005) << i;
    EXPECT_EQ(a.rows[i].cells, b.rows[i].cells) << i;
  }
}

TEST(AlignReview, TsvRoundTrips) {
  auto read = ReadReviewTsv(Write("r.tsv", WriteReviewTsv(Sample())));
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ExpectSame(*read, Sample());
}

TEST(AlignReview, XliffRoundTripsWithOneFilePerLanguage) {
  auto xliff = WriteReviewXliff(Sample());
  ASSERT_TRUE(xliff.ok()) << xliff.error().ToString();
  EXPECT_NE(xliff->find("target-language=\"cnr-Cyrl\""), std::string::npos);
  EXPECT_NE(xliff->find("state=\"needs-review-translation\""), std::string::npos);
  EXPECT_NE(xliff->find("check: low confidence; confidence 0.42"), std::string::npos);
  EXPECT_NE(xliff->find("&lt;Kyiv&gt; &amp; co."), std::string::npos);
  const std::string path = Write("r.xlf", *xliff);
  auto read = ReadReviewXliff(path);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ExpectSame(*read, Sample());
  ValidateOptions options;
  const std::string data = testing::SharedTestData();
  if (!data.empty()) options.schema_path = data + "/schemas/xliff-core-1.2-transitional.xsd";
  auto report = ValidateFile(path, options);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  for (const Finding& f : report->findings) ADD_FAILURE() << f.ToString();
  if (data.empty()) std::printf("shared testdata absent: checked by lovcen's rules, not the XSD\n");
}

// What a reviewer's CAT tool may hand back: a unit split into two segments
// (<seg-source>), a unit deleted from every file, a target corrected.
TEST(AlignReview, XliffReadsWhatACatToolWritesBack) {
  std::string xliff = WriteReviewXliff(Sample()).value();
  // Row 4 deleted from all three files.
  for (std::size_t at; (at = xliff.find("<trans-unit id=\"4\"")) != std::string::npos;) {
    xliff.erase(at, xliff.find("</trans-unit>", at) + 13 - at);
  }
  const std::string from = "<source>Choose language:</source>";
  const std::size_t at = xliff.find(from);
  ASSERT_NE(at, std::string::npos);
  const std::size_t target_end = xliff.find("</target>", at) + 9;
  xliff.replace(
      at, target_end - at,
      "<source>Choose language:</source><seg-source><mrk mtype=\"seg\" mid=\"1\">Choose "
      "</mrk><mrk mtype=\"seg\" mid=\"2\">language:</mrk></seg-source><target><mrk mtype=\"seg\" "
      "mid=\"1\">Izaberite </mrk><mrk mtype=\"seg\" mid=\"2\">jezik, molim:</mrk></target>");
  auto read = ReadReviewXliff(Write("edited.xlf", xliff));
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ASSERT_EQ(read->rows.size(), 3u);
  EXPECT_EQ(read->rows[0].cells[0], "Choose language:");
  EXPECT_EQ(read->rows[0].cells[1], "Izaberite jezik, molim:");
  EXPECT_EQ(read->rows[0].cells[2], "Sprache wählen:");
}

TEST(AlignReview, XliffThatIsNotAReviewFileIsBadInputNamingTheFile) {
  const std::string plain = Write(
      "plain.xlf",
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" "
      "source-language=\"en\" target-language=\"de\" datatype=\"plaintext\"><body><trans-unit "
      "id=\"1\">"
      "<source>a</source></trans-unit></body></file></xliff>");
  auto read = ReadReviewXliff(plain);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().ToString().find("plain.xlf"), std::string::npos)
      << read.error().ToString();
  EXPECT_NE(read.error().ToString().find("not a lovcen align review file"), std::string::npos);

  std::string xliff = WriteReviewXliff(Sample()).value();
  const std::size_t at = xliff.find("target-language=\"de\"");
  xliff.replace(at, 20, "target-language=\"cnr-Latn\"");
  auto twice = ReadReviewXliff(Write("twice.xlf", xliff));
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().ToString().find("given twice"), std::string::npos)
      << twice.error().ToString();

  auto broken = ReadReviewXliff(Write("broken.xlf", xliff.substr(0, xliff.size() / 2)));
  ASSERT_FALSE(broken.ok());
  EXPECT_GT(broken.error().line, 0) << broken.error().ToString();
}

TEST(AlignReview, FormatFollowsTheFileName) {
  EXPECT_TRUE(IsXliffReviewPath("r.xlf"));
  EXPECT_TRUE(IsXliffReviewPath("dir/R.XLIFF"));
  EXPECT_FALSE(IsXliffReviewPath("r.tsv"));
  EXPECT_FALSE(IsXliffReviewPath("xlf"));
}

}  // namespace
}  // namespace lovcen::formats
