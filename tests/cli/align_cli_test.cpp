// End to end: lovcen align on the editions of corpora/ stories: storing,
// re-aligning, the review file and --apply, --batch, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli_runner.h"
#include "lovcen/formats/align_review.h"

namespace lovcen::testing {
namespace {

namespace fs = std::filesystem;

const char* const kStory = "2025-04-05-rubio-moscow";
const char* const kOtherStory = "2025-04-25-kotor-festival";

std::string Edition(const std::string& story, const std::string& lang) {
  return CorporaDir() + "/" + story + "/" + story + "." + lang + ".txt";
}

std::string Quote(const std::string& path) { return "'" + path + "'"; }

// The value of "name":N in a JSON line, -1 when absent.
long JsonNumber(const std::string& json, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + name + "\":(-?[0-9]+)"))) return -1;
  return std::stol(m[1]);
}

long StoredUnits(const std::string& db) {
  CliRun stats = RunLovcen("stats --json --db " + Quote(db));
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  return JsonNumber(stats.out, "units");
}

std::string ExportTmx(const std::string& db, const std::string& src, const std::string& tgt) {
  const std::string out = TempDir("align-export") + "/out.tmx";
  CliRun run = RunLovcen("export --format tmx --src " + src + " --tgt " + tgt + " --db " +
                         Quote(db) + " -o " + Quote(out));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return ReadFile(out);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

TEST(AlignCli, ThreeEditionsStoreMultilingualUnitsAndReAligningReplacesThem) {
  const std::string dir = TempDir("align-three");
  const std::string db = dir + "/tm.db";
  const std::string review = dir + "/review.tsv";
  CliRun run = RunLovcen("align --json --db " + Quote(db) + " " + Quote(Edition(kStory, "en")) +
                         " " + Quote(Edition(kStory, "cnr-Latn")) + " " +
                         Quote(Edition(kStory, "de")) + " --review " + Quote(review));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const long units = JsonNumber(run.out, "units");
  EXPECT_GT(units, 20) << run.out;
  EXPECT_EQ(StoredUnits(db), units);

  // The units are trilingual and carry their confidence.
  CliRun stats = RunLovcen("stats --json --db " + Quote(db));
  EXPECT_EQ(JsonNumber(stats.out, "en<->de"), units) << stats.out;
  EXPECT_EQ(JsonNumber(stats.out, "de<->cnr-Latn"), units) << stats.out;
  EXPECT_EQ(JsonNumber(stats.out, "aligned"), units) << stats.out;
  const std::string tmx = ExportTmx(db, "en", "de");
  EXPECT_NE(tmx.find("x-confidence"), std::string::npos);
  EXPECT_NE(tmx.find("Moscow"), std::string::npos);
  EXPECT_NE(tmx.find("Moskau"), std::string::npos);

  // The review file: magic line, header, one row per bead.
  const std::vector<std::string> lines = Lines(ReadFile(review));
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], std::string("# lovcen align review: story=") + kStory);
  EXPECT_EQ(lines[1], "review\tconfidence\ten\tcnr-Latn\tde");
  EXPECT_EQ(lines.size() - 2, static_cast<std::size_t>(JsonNumber(run.out, "beads")));

  // Aligning the story again replaces its units instead of adding a copy.
  CliRun again =
      RunLovcen("align --json --db " + Quote(db) + " " + Quote(Edition(kStory, "en")) + " " +
                Quote(Edition(kStory, "cnr-Latn")) + " " + Quote(Edition(kStory, "de")));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(StoredUnits(db), units);
}

TEST(AlignCli, DryRunStoresNothingAndPrintsTheBeads) {
  const std::string db = TempDir("align-dry") + "/tm.db";
  CliRun run = RunLovcen("align --dry-run --db " + Quote(db) + " " + Quote(Edition(kStory, "en")) +
                         " " + Quote(Edition(kStory, "cnr-Cyrl")));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("dry run, nothing stored"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Moscow"), std::string::npos);
  EXPECT_NE(run.out.find("Москв"), std::string::npos);
  EXPECT_FALSE(fs::exists(db));
}

// A reviewer's corrections replace the alignment: a pair moved to another
// row is stored as corrected, the wrong pair is gone, and applying the same
// file twice changes nothing.
TEST(AlignCli, AppliedReviewReplacesTheStoryAlignment) {
  const std::string dir = TempDir("align-review");
  const std::string db = dir + "/tm.db";
  const std::string review = dir + "/review.tsv";
  CliRun run = RunLovcen("align --db " + Quote(db) + " " + Quote(Edition(kStory, "en")) + " " +
                         Quote(Edition(kStory, "de")) + " --review " + Quote(review));
  ASSERT_EQ(run.exit_code, 0) << run.err;

  // The reviewer decides that two rows belong together (a 2-2 bead) and
  // drops a third row entirely.
  auto file = formats::ReadReviewTsv(review);
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  ASSERT_GT(file->rows.size(), 10u);
  const formats::ReviewRow a = file->rows[8], b = file->rows[9];
  ASSERT_FALSE(a.cells[0].empty());
  ASSERT_FALSE(b.cells[1].empty());
  const std::string merged_en = a.cells[0] + " " + b.cells[0];
  const std::string merged_de = a.cells[1] + " " + b.cells[1];
  const std::string dropped_en = file->rows[3].cells[0];
  file->rows[8] = formats::ReviewRow{"", 1.0, {merged_en, merged_de}};
  file->rows.erase(file->rows.begin() + 9);
  file->rows.erase(file->rows.begin() + 3);
  std::ofstream(review, std::ios::binary | std::ios::trunc) << formats::WriteReviewTsv(*file);

  CliRun apply = RunLovcen("align --json --db " + Quote(db) + " --apply " + Quote(review));
  ASSERT_EQ(apply.exit_code, 0) << apply.err;
  const long units = JsonNumber(apply.out, "units");
  EXPECT_GT(JsonNumber(apply.out, "replaced"), 0) << apply.out;
  EXPECT_EQ(StoredUnits(db), units);

  const std::string tmx = ExportTmx(db, "en", "de");
  EXPECT_NE(tmx.find("x-reviewed"), std::string::npos);
  EXPECT_EQ(tmx.find(">" + dropped_en + "<"), std::string::npos) << "dropped row still stored";
  EXPECT_EQ(tmx.find(">" + a.cells[0] + "<"), std::string::npos)
      << "the unmerged pair is still stored";
  EXPECT_NE(tmx.find(merged_de), std::string::npos);

  CliRun twice = RunLovcen("align --json --db " + Quote(db) + " --apply " + Quote(review));
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  EXPECT_EQ(StoredUnits(db), units);

  // A review file is not a TM TSV: import says how to store it.
  CliRun import = RunLovcen("import --db " + Quote(db) + " " + Quote(review));
  EXPECT_EQ(import.exit_code, 3);
  EXPECT_NE(import.err.find("align --apply"), std::string::npos) << import.err;
}

// The review as XLIFF, for a reviewer in a CAT tool: a corrected target and
// a unit deleted from every file are what --apply stores.
TEST(AlignCli, XliffReviewRoundTripsThroughApply) {
  const std::string dir = TempDir("align-review-xliff");
  const std::string db = dir + "/tm.db";
  const std::string review = dir + "/review.xlf";
  CliRun run = RunLovcen("align --db " + Quote(db) + " " + Quote(Edition(kStory, "en")) + " " +
                         Quote(Edition(kStory, "cnr-Latn")) + " " + Quote(Edition(kStory, "de")) +
                         " --review " + Quote(review));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto file = formats::ReadReviewXliff(review);
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  ASSERT_EQ(file->languages.size(), 3u);
  ASSERT_GT(file->rows.size(), 10u);
  std::string xliff = ReadFile(review);
  EXPECT_NE(xliff.find("source-language=\"en\" target-language=\"cnr-Latn\""), std::string::npos);
  // The reviewer rewrites the German of row 8 and deletes row 4 everywhere.
  const std::string old_de = file->rows[7].cells[2];
  const std::string dropped_en = file->rows[3].cells[0];
  ASSERT_FALSE(old_de.empty());
  const std::size_t at = xliff.find("<target state=\"translated\">" + old_de + "</target>");
  ASSERT_NE(at, std::string::npos) << old_de;
  const std::size_t text_at = xliff.find(old_de, at);
  xliff.replace(text_at, old_de.size(), "Korrigierter Satz des Prüfers.");
  for (std::size_t u; (u = xliff.find("<trans-unit id=\"4\"")) != std::string::npos;) {
    xliff.erase(u, xliff.find("</trans-unit>", u) + 13 - u);
  }
  std::ofstream(review, std::ios::binary | std::ios::trunc) << xliff;

  CliRun apply = RunLovcen("align --json --db " + Quote(db) + " --apply " + Quote(review));
  ASSERT_EQ(apply.exit_code, 0) << apply.err;
  EXPECT_EQ(JsonNumber(apply.out, "units"), static_cast<long>(file->rows.size()) - 1 -
                                                std::count_if(file->rows.begin(), file->rows.end(),
                                                              [](const auto& r) {
                                                                std::size_t n = 0;
                                                                for (const auto& c : r.cells)
                                                                  n += !c.empty();
                                                                return n < 2;
                                                              }))
      << apply.out;
  const std::string tmx = ExportTmx(db, "en", "de");
  EXPECT_NE(tmx.find("Korrigierter Satz des Prüfers."), std::string::npos);
  EXPECT_EQ(tmx.find(">" + old_de + "<"), std::string::npos)
      << "the corrected pair is still stored";
  EXPECT_EQ(tmx.find(">" + dropped_en + "<"), std::string::npos) << "dropped row still stored";

  CliRun import = RunLovcen("import --db " + Quote(db) + " " + Quote(review));
  EXPECT_EQ(import.exit_code, 3);
  EXPECT_NE(import.err.find("align --apply"), std::string::npos) << import.err;

  std::ofstream(review, std::ios::binary | std::ios::trunc) << xliff.substr(0, xliff.size() / 2);
  CliRun broken = RunLovcen("align --db " + Quote(db) + " --apply " + Quote(review));
  EXPECT_EQ(broken.exit_code, 3);
  EXPECT_NE(broken.err.find("review.xlf:"), std::string::npos) << broken.err;
}

TEST(AlignCli, BrokenReviewFileNamesTheLine) {
  const std::string dir = TempDir("align-bad-review");
  const std::string review = dir + "/review.tsv";
  std::ofstream(review) << "# lovcen align review: story=s\nreview\tconfidence\ten\tde\n"
                        << "\t0.9\tOne.\tEins.\n\tnot-a-number\tTwo.\tZwei.\n";
  CliRun run = RunLovcen("align --db " + Quote(dir + "/tm.db") + " --apply " + Quote(review));
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("review.tsv:4"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("not a number"), std::string::npos) << run.err;
}

TEST(AlignCli, EditionsOfDifferentStoriesAreRefusedUnlessForced) {
  const std::string db = TempDir("align-different") + "/tm.db";
  const std::string files = Quote(Edition(kStory, "en")) + " " + Quote(Edition(kOtherStory, "de"));
  CliRun run = RunLovcen("align --db " + Quote(db) + " " + files);
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("do not look like the same story"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--force"), std::string::npos);
  EXPECT_EQ(StoredUnits(db), 0);

  CliRun forced = RunLovcen("align --json --force --db " + Quote(db) + " " + files);
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(StoredUnits(db), JsonNumber(forced.out, "units"));
}

// Every story of corpora/ is accepted with its own editions and refused
// with the next story's (the site's boilerplate is shared, the anchors are not).
TEST(AlignCli, SameStoryTestSeparatesEveryCorporaStory) {
  std::vector<std::string> stories;
  for (const auto& entry : fs::directory_iterator(CorporaDir())) {
    if (fs::exists(entry.path() / (entry.path().filename().string() + ".en.txt"))) {
      stories.push_back(entry.path().filename().string());
    }
  }
  std::sort(stories.begin(), stories.end());
  ASSERT_GE(stories.size(), 10u);
  for (std::size_t i = 0; i < stories.size(); ++i) {
    const std::string& other = stories[(i + 1) % stories.size()];
    for (const char* lang : {"cnr-Cyrl", "de"}) {
      CliRun same = RunLovcen("align --dry-run --quiet " + Quote(Edition(stories[i], "en")) + " " +
                              Quote(Edition(stories[i], lang)));
      EXPECT_EQ(same.exit_code, 0) << stories[i] << " " << lang << ": " << same.err;
      CliRun cross = RunLovcen("align --dry-run --quiet " + Quote(Edition(stories[i], "en")) + " " +
                               Quote(Edition(other, lang)));
      EXPECT_EQ(cross.exit_code, 3) << stories[i] << " with " << other << " " << lang;
    }
  }
}

TEST(AlignCli, EmptyEditionAndLanguageTwiceAreRefused) {
  const std::string dir = TempDir("align-bad");
  const std::string db = dir + "/tm.db";
  const std::string empty = dir + "/story.de.txt";
  std::ofstream(empty) << "\n\n";
  CliRun run = RunLovcen("align --db " + Quote(db) + " " + Quote(Edition(kStory, "en")) + " " +
                         Quote(empty));
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("story.de.txt"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("empty"), std::string::npos) << run.err;

  CliRun twice = RunLovcen("align --db " + Quote(db) + " --langs en,en " +
                           Quote(Edition(kStory, "en")) + " " + Quote(Edition(kStory, "de")));
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("given twice"), std::string::npos) << twice.err;

  CliRun one = RunLovcen("align --db " + Quote(db) + " " + Quote(Edition(kStory, "en")));
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_EQ(StoredUnits(db), 0);
}

// An archive folder: good stories are stored in one transaction, a broken
// one is reported and skipped, the summary counts both.
TEST(AlignCli, BatchAlignsAnArchiveAndReportsWhatItSkipped) {
  const std::string archive = TempDir("align-archive");
  const std::string db = TempDir("align-archive-db") + "/tm.db";
  for (const char* story : {kStory, kOtherStory, "2025-04-18-inflation-march"}) {
    fs::create_directories(archive + "/" + story);
    for (const char* lang : {"en", "cnr-Latn", "de"}) {
      fs::copy_file(Edition(story, lang),
                    archive + "/" + story + "/" + story + "." + lang + ".txt");
    }
  }
  // A story with an empty German edition, and one with a single edition.
  std::ofstream(archive + "/broken.en.txt") << "A title\n\nOne sentence here. And another one.\n";
  std::ofstream(archive + "/broken.de.txt") << "";
  std::ofstream(archive + "/lonely.en.txt") << "Only English.\n";

  CliRun run = RunLovcen("align --json --db " + Quote(db) + " --batch " + Quote(archive));
  EXPECT_EQ(run.exit_code, 3) << run.err;  // the broken story is bad input
  EXPECT_NE(run.err.find("broken.de.txt"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("lonely"), std::string::npos) << run.err;
  EXPECT_EQ(JsonNumber(run.out, "stories"), 5) << run.out;
  EXPECT_EQ(JsonNumber(run.out, "aligned"), 3) << run.out;
  EXPECT_EQ(JsonNumber(run.out, "skipped"), 2) << run.out;
  const long units = JsonNumber(run.out, "units");
  EXPECT_GT(units, 60);
  EXPECT_EQ(StoredUnits(db), units);
  // Into an empty TM the concordance is built after the load: searchable.
  CliRun stats = RunLovcen("stats --json --db " + Quote(db));
  EXPECT_NE(stats.out.find("\"concordance_stale\":false"), std::string::npos) << stats.out;
  CliRun search = RunLovcen("search Moskv --lang cnr-Latn --mode prefix --db " + Quote(db));
  EXPECT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find("Moscow"), std::string::npos) << search.out;

  // The text summary names the counts and the speed.
  const std::string db2 = TempDir("align-archive-db2") + "/tm.db";
  CliRun text = RunLovcen("align --db " + Quote(db2) + " --batch " + Quote(archive));
  EXPECT_NE(text.out.find("aligned 3 of 5 stories (2 skipped)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("stories/s"), std::string::npos);
}

// The gold table of a corpora story as rows of language -> cell.
std::vector<std::map<std::string, std::string>> GoldRows(const std::string& story) {
  const std::vector<std::string> lines =
      Lines(ReadFile(CorporaDir() + "/" + story + "/" + story + ".tsv"));
  auto split = [](const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    std::string cell;
    while (std::getline(in, cell, '\t')) out.push_back(cell);
    if (!line.empty() && line.back() == '\t') out.push_back("");
    return out;
  };
  const std::vector<std::string> header = split(lines.at(0));
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string> cells = split(lines[i]);
    cells.resize(header.size());
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < header.size(); ++c) row[header[c]] = cells[c];
    rows.push_back(row);
  }
  return rows;
}

// All four editions in one call: the Cyrillic edition pairs with its Latin
// twin, and every row of the review file is a row of the hand-made gold table.
TEST(AlignCli, FourEditionsGiveTheRowsOfTheGoldTable) {
  const std::string dir = TempDir("align-four");
  const std::string db = dir + "/tm.db";
  const std::string review = dir + "/review.tsv";
  CliRun run =
      RunLovcen("align --json --db " + Quote(db) + " --review " + Quote(review) + " " +
                Quote(Edition(kStory, "cnr-Cyrl")) + " " + Quote(Edition(kStory, "en")) + " " +
                Quote(Edition(kStory, "de")) + " " + Quote(Edition(kStory, "cnr-Latn")));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto file = formats::ReadReviewTsv(review);
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  ASSERT_EQ(file->languages.size(), 4u);
  EXPECT_EQ(file->languages.back().str(), "cnr-Cyrl");  // the twin joins last
  const auto gold = GoldRows(kStory);
  std::size_t matched = 0;
  for (const formats::ReviewRow& row : file->rows) {
    std::map<std::string, std::string> cells;
    for (std::size_t c = 0; c < row.cells.size(); ++c)
      cells[std::string(file->languages[c].str())] = row.cells[c];
    const bool in_gold = std::find(gold.begin(), gold.end(), cells) != gold.end();
    EXPECT_TRUE(in_gold) << "not a gold row: " << cells["en"] << " | " << cells["cnr-Cyrl"];
    matched += in_gold;
  }
  EXPECT_EQ(matched, gold.size());
  EXPECT_EQ(JsonNumber(run.out, "units"), static_cast<long>(gold.size()));
  // Each stored unit holds the two scripts, so the pair can be exported.
  const std::string tmx = ExportTmx(db, "cnr-Latn", "cnr-Cyrl");
  std::size_t tus = 0;
  for (std::size_t at = tmx.find("<tu "); at != std::string::npos; at = tmx.find("<tu ", at + 1))
    ++tus;
  EXPECT_EQ(tus, gold.size());
}

// The two scripts alone: every sentence pairs with its transliteration.
TEST(AlignCli, TheTwoScriptsAlonePairSentenceForSentence) {
  const std::string dir = TempDir("align-scripts");
  const std::string review = dir + "/review.tsv";
  CliRun run =
      RunLovcen("align --dry-run --json --review " + Quote(review) + " " +
                Quote(Edition(kStory, "cnr-Latn")) + " " + Quote(Edition(kStory, "cnr-Cyrl")));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(JsonNumber(run.out, "flagged"), 0) << run.out;
  auto file = formats::ReadReviewTsv(review);
  ASSERT_TRUE(file.ok()) << file.error().ToString();
  // The gold table may hold two sentences in one cell where another edition
  // merged them; alone, the scripts pair sentence for sentence, so compare
  // the texts in order and expect no row with one side empty.
  std::string gold_latin, gold_cyrillic, latin, cyrillic;
  for (const auto& row : GoldRows(kStory)) {
    if (!row.at("cnr-Latn").empty())
      gold_latin += (gold_latin.empty() ? "" : " ") + row.at("cnr-Latn");
    if (!row.at("cnr-Cyrl").empty())
      gold_cyrillic += (gold_cyrillic.empty() ? "" : " ") + row.at("cnr-Cyrl");
  }
  for (const formats::ReviewRow& row : file->rows) {
    ASSERT_EQ(row.cells.size(), 2u);
    EXPECT_FALSE(row.cells[0].empty() || row.cells[1].empty())
        << row.cells[0] << " | " << row.cells[1];
    EXPECT_DOUBLE_EQ(row.confidence, 1.0) << row.cells[0];
    latin += (latin.empty() ? "" : " ") + row.cells[0];
    cyrillic += (cyrillic.empty() ? "" : " ") + row.cells[1];
  }
  EXPECT_EQ(latin, gold_latin);
  EXPECT_EQ(cyrillic, gold_cyrillic);
}

// The Cyrillic edition of another story is refused like any other edition.
TEST(AlignCli, TwinOfAnotherStoryIsRefused) {
  const std::string db = TempDir("align-four-wrong") + "/tm.db";
  CliRun run = RunLovcen("align --db " + Quote(db) + " " + Quote(Edition(kStory, "en")) + " " +
                         Quote(Edition(kStory, "cnr-Latn")) + " " + Quote(Edition(kStory, "de")) +
                         " " + Quote(Edition(kOtherStory, "cnr-Cyrl")));
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_NE(run.err.find("same story"), std::string::npos) << run.err;
  EXPECT_EQ(StoredUnits(db), 0);
}

// The bundled archive as it is: every story with two editions or more is
// aligned in all four; the one with a single edition is reported, not fatal.
TEST(AlignCli, BatchAlignsEveryStoryOfTheCorpora) {
  const std::string db = TempDir("align-corpora") + "/tm.db";
  CliRun run = RunLovcen("align --json --db " + Quote(db) + " --batch " + Quote(CorporaDir()));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(JsonNumber(run.out, "stories"), 11) << run.out;
  EXPECT_EQ(JsonNumber(run.out, "aligned"), 10) << run.out;
  EXPECT_EQ(JsonNumber(run.out, "skipped"), 1) << run.out;
  EXPECT_NE(run.err.find("2025-05-10-rubio-ceasefire: 1 edition(s), skipped"), std::string::npos)
      << run.err;
  long gold_rows = 0;
  std::set<std::map<std::string, std::string>> distinct;  // the TM keeps a repeated unit once
  for (const auto& entry : fs::directory_iterator(CorporaDir())) {
    const std::string key = entry.path().filename().string();
    if (!entry.is_directory() || !fs::exists(entry.path() / (key + ".tsv"))) continue;
    for (const auto& row : GoldRows(key)) {
      ++gold_rows;
      std::size_t cells = 0;
      for (const auto& [lang, text] : row) cells += !text.empty();
      if (cells >= 2) distinct.insert(row);
    }
  }
  // Within a few of the gold table (the three-way merge may join or split a
  // row where two pairings disagree; those are marked for review).
  EXPECT_NEAR(JsonNumber(run.out, "beads"), gold_rows, 5) << run.out;
  const long units = JsonNumber(run.out, "units");
  EXPECT_NEAR(units, static_cast<long>(distinct.size()), 5) << run.out;
  EXPECT_LE(JsonNumber(run.out, "flagged"), 5) << run.out;
  CliRun stats = RunLovcen("stats --json --db " + Quote(db));
  std::smatch latin, cyrillic;
  ASSERT_TRUE(std::regex_search(stats.out, latin, std::regex("\"cnr-Latn\":([0-9]+)")));
  ASSERT_TRUE(std::regex_search(stats.out, cyrillic, std::regex("\"cnr-Cyrl\":([0-9]+)")));
  EXPECT_EQ(latin[1], cyrillic[1]) << stats.out;
  EXPECT_EQ(std::stol(latin[1]), units);
}

}  // namespace
}  // namespace lovcen::testing
