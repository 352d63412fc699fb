// End to end: lovcen prefill on corpora/ with one story held out of the TM.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.h"
#include "lovcen/formats/xml_parser.h"

namespace lovcen::testing {
namespace {

namespace fs = std::filesystem;

const char* kHeldOut = "2025-04-12-nato-ukraine-talks";

// A TM of every corpora story but the held-out one.
std::string BuildTm(const std::string& dir) {
  const std::string db = dir + "/tm.db";
  std::string files;
  for (const auto& story : fs::directory_iterator(CorporaDir())) {
    if (!story.is_directory() || story.path().filename() == kHeldOut) continue;
    for (const auto& f : fs::directory_iterator(story.path())) {
      if (f.path().extension() == ".tsv") files += " '" + f.path().string() + "'";
    }
  }
  CliRun run = RunLovcen("--db '" + db + "' import" + files);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return db;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(PrefillCliTest, HeldOutStoryIsPrefilledWithExactPlaceableAndFuzzyMatches) {
  const std::string dir = TempDir("prefill-held-out");
  const std::string db = BuildTm(dir);
  const std::string article = CorporaDir() + "/" + kHeldOut + "/" + kHeldOut + ".en.txt";
  CliRun run = RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to cnr-Latn,de -o '" +
                         dir + "/out' --report json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string cnr = ReadFile(dir + "/out/" + kHeldOut + ".cnr-Latn.xlf");
  const std::string de = ReadFile(dir + "/out/" + kHeldOut + ".de.xlf");
  // Chrome and the three background sentences shared with the seed story are exact.
  EXPECT_NE(cnr.find("Rubio je u posljednja dva mjeseca dva puta putovao u Saudijsku Arabiju"), std::string::npos);
  EXPECT_GE(Count(cnr, "state-qualifier=\"exact-match\""), 5u);
  EXPECT_GE(Count(de, "state-qualifier=\"exact-match\""), 5u);
  // The date line is a placeable: new date, localized for each edition.
  EXPECT_NE(cnr.find("12. april 2025."), std::string::npos);
  EXPECT_NE(de.find("12.04.2025"), std::string::npos);
  // The Dmitriev sentence (Thursday -> Friday) comes back as a fuzzy match.
  EXPECT_NE(cnr.find("fuzzy-match"), std::string::npos);
  EXPECT_NE(run.out.find("\"exact\":{\"segments\":"), std::string::npos);
  EXPECT_NE(run.out.find("\"class\":\"placeable\""), std::string::npos);

  const std::string schemas = SharedTestData();
  if (schemas.empty()) GTEST_SKIP() << "shared testdata absent: XLIFF schema validation skipped";
  const std::string xsd = schemas + "/schemas/xliff-core-1.2-transitional.xsd";
  for (const char* lang : {"cnr-Latn", "de"}) {
    formats::XmlInput input;
    input.path = dir + "/out/" + kHeldOut + "." + std::string(lang) + ".xlf";
    Status valid = formats::ValidateWithSchema(input, xsd);
    EXPECT_TRUE(valid.ok()) << valid.error().ToString();
  }
}

TEST(PrefillCliTest, Xliff21OutputValidatesAgainstTheCoreSchema) {
  const std::string dir = TempDir("prefill-21");
  const std::string db = BuildTm(dir);
  const std::string article = CorporaDir() + "/incoming/2025-05-10-rubio-ceasefire.en.txt";
  CliRun run = RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to de --xliff 2.1 -o '" +
                         dir + "/out'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string xlf = dir + "/out/2025-05-10-rubio-ceasefire.de.xlf";
  const std::string text = ReadFile(xlf);
  EXPECT_NE(text.find("urn:oasis:names:tc:xliff:document:2.0"), std::string::npos);
  EXPECT_NE(text.find("mtc:match"), std::string::npos);
  EXPECT_NE(text.find("state=\"translated\""), std::string::npos);
  const std::string schemas = SharedTestData();
  if (schemas.empty()) GTEST_SKIP() << "shared testdata absent: XLIFF 2.0 schema validation skipped";
  formats::XmlInput input;
  input.path = xlf;
  Status valid = formats::ValidateWithSchema(input, schemas + "/schemas/xliff_core_2.0.xsd");
  EXPECT_TRUE(valid.ok()) << valid.error().ToString();
}

TEST(PrefillCliTest, TranslatorsTargetsInAnInputXliffAreKept) {
  const std::string dir = TempDir("prefill-xliff-in");
  const std::string db = BuildTm(dir);
  const std::string xlf = dir + "/draft.xlf";
  {
    std::ofstream f(xlf);
    f << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n"
         "<file original=\"draft.txt\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\"><body>\n"
         "<trans-unit id=\"1\"><source>Choose language:</source><target state=\"final\">Meine Wahl:</target></trans-unit>\n"
         "<trans-unit id=\"2\"><source>Choose language:</source></trans-unit>\n"
         "</body></file></xliff>\n";
  }
  CliRun run = RunLovcen("--db '" + db + "' prefill '" + xlf + "' --from en --to de -o '" + dir + "/out'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string out = ReadFile(dir + "/out/draft.de.xlf");
  EXPECT_NE(out.find("Meine Wahl:"), std::string::npos);       // kept
  EXPECT_NE(out.find("Sprache wählen:"), std::string::npos);   // filled
  CliRun wrong = RunLovcen("--db '" + db + "' prefill '" + xlf + "' --from de --to en -o '" + dir + "/o2'");
  EXPECT_EQ(wrong.exit_code, 3);
  EXPECT_NE(wrong.err.find("source language is 'en'"), std::string::npos) << wrong.err;
}

TEST(PrefillCliTest, BadInputAndEmptyTm) {
  const std::string dir = TempDir("prefill-bad");
  const std::string db = dir + "/empty.db";
  ASSERT_EQ(RunLovcen("--db '" + db + "' init").exit_code, 0);
  const std::string article = CorporaDir() + "/incoming/2025-05-10-rubio-ceasefire.en.txt";
  // An empty TM is not an error: every segment is 'no match'.
  CliRun empty = RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to de -o '" + dir +
                           "/out' --json");
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_NE(empty.out.find("\"exact\":{\"segments\":0,"), std::string::npos) << empty.out;
  EXPECT_TRUE(fs::exists(dir + "/out/2025-05-10-rubio-ceasefire.de.xlf"));
  // Unknown language, a language twice, target equal to source.
  EXPECT_EQ(RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to fr").exit_code, 2);
  EXPECT_EQ(RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to de,de").exit_code, 2);
  EXPECT_EQ(RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to en").exit_code, 2);
  // An output directory that cannot be written: an error and no partial files.
  const std::string blocked = dir + "/blocked";
  { std::ofstream f(blocked); f << "a file, not a directory"; }
  CliRun unwritable = RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to de,cnr-Latn -o '" +
                                blocked + "/sub'");
  EXPECT_EQ(unwritable.exit_code, 3);
  EXPECT_FALSE(fs::exists(blocked + "/sub"));
}

}  // namespace
}  // namespace lovcen::testing
