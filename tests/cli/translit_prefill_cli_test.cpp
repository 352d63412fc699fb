// End to end: the cnr-Cyrl (and cnr-Latn) edition for free. lovcen prefill
// into one Montenegrin script from a TM that holds only the other, and
// lovcen import --add-script, checked against the corpora's gold editions
// (the cnr-Cyrl editions are the transliteration of the cnr-Latn ones).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <variant>

#include "cli_runner.h"
#include "lovcen/formats/validate.h"
#include "lovcen/formats/xliff.h"
#include "lovcen/tm_store.h"

namespace lovcen::testing {
namespace {

namespace fs = std::filesystem;

const char* kHeldOut = "2025-04-12-nato-ukraine-talks";

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, '\t')) cells.push_back(cell);
  if (!line.empty() && line.back() == '\t') cells.emplace_back();
  return cells;
}

// The rows of a corpora TSV, each as tag -> cell.
std::vector<std::map<std::string, std::string>> ReadTsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = Split(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = Split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size(); ++i)
      row[header[i]] = i < cells.size() ? cells[i] : "";
    rows.push_back(std::move(row));
  }
  return rows;
}

// `path` as a TSV of only the columns `keep`, written to `out`.
void WriteColumns(const std::string& path, const std::vector<std::string>& keep,
                  const std::string& out) {
  std::ofstream o(out);
  for (std::size_t i = 0; i < keep.size(); ++i) o << (i ? "\t" : "") << keep[i];
  o << '\n';
  for (const auto& row : ReadTsv(path)) {
    for (std::size_t i = 0; i < keep.size(); ++i) o << (i ? "\t" : "") << row.at(keep[i]);
    o << '\n';
  }
}

std::string TsvOf(const std::string& story) {
  return CorporaDir() + "/" + story + "/" + story + ".tsv";
}

// A TM of every story but the held-out one, with only the columns `keep`
// (all four when empty).
std::string BuildTm(const std::string& dir, const std::vector<std::string>& keep,
                    const std::string& extra = "") {
  const std::string db = dir + "/tm.db";
  std::string files;
  for (const auto& story : fs::directory_iterator(CorporaDir())) {
    const std::string key = story.path().filename().string();
    if (!story.is_directory() || key == kHeldOut || !fs::exists(TsvOf(key))) continue;
    std::string file = TsvOf(key);
    if (!keep.empty()) {
      file = dir + "/" + key + ".tsv";
      WriteColumns(TsvOf(key), keep, file);
    }
    files += " '" + file + "'";
  }
  CliRun run = RunLovcen("--db '" + db + "' import" + extra + files);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return db;
}

struct Filled {
  std::string source, target, state, note, origin;
};

// Every trans-unit of a pre-filled XLIFF that has a target.
std::vector<Filled> FilledUnits(const std::string& path) {
  auto doc = formats::ReadXliffFile(path);
  EXPECT_TRUE(doc.ok()) << doc.error().ToString();
  std::vector<Filled> out;
  if (!doc.ok()) return out;
  std::function<void(const std::vector<formats::XliffItem>&)> visit = [&](const auto& items) {
    for (const formats::XliffItem& item : items) {
      if (const auto* group = std::get_if<formats::XliffGroup>(&item.value)) {
        visit(group->items);
        continue;
      }
      const auto& unit = std::get<formats::XliffUnit>(item.value);
      for (const formats::XliffSegment& seg : unit.segments) {
        if (!seg.target || seg.target->text.empty()) continue;
        Filled f{seg.source.text, seg.target->text, seg.state, "", ""};
        if (!unit.notes.empty()) f.note = unit.notes.front().text;
        if (!unit.candidates.empty()) f.origin = unit.candidates.front().origin;
        out.push_back(std::move(f));
      }
    }
  };
  for (const formats::XliffFile& file : doc->files) visit(file.items);
  return out;
}

bool Contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

void ExpectValid(const std::string& path) {
  auto report = formats::ValidateFile(path);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  CliRun run = RunLovcen("validate '" + path + "'");
  EXPECT_EQ(run.exit_code, 0) << path << "\n" << run.out << run.err;
}

// Pre-fills the held-out article into `to` and checks every exact match
// against the gold edition; returns the filled units.
std::vector<Filled> PrefillHeldOut(const std::string& db, const std::string& dir,
                                   const std::string& to, const std::string& xliff,
                                   std::size_t* exact_checked) {
  const std::string article = CorporaDir() + "/" + kHeldOut + "/" + kHeldOut + ".en.txt";
  CliRun run = RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to " + to +
                         " --xliff " + xliff + " -o '" + dir + "/out'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::string out = dir + "/out/" + kHeldOut + "." + to + ".xlf";
  ExpectValid(out);
  std::map<std::string, std::string> gold;
  for (const auto& row : ReadTsv(TsvOf(kHeldOut))) gold[row.at("en")] = row.at(to);
  const std::vector<Filled> filled = FilledUnits(out);
  *exact_checked = 0;
  for (const Filled& f : filled) {
    if (!Contains(f.note, "exact match 100") && !Contains(f.note, "context match 101")) continue;
    auto it = gold.find(f.source);
    if (it == gold.end() || it->second.empty()) continue;
    EXPECT_EQ(f.target, it->second) << f.source;
    ++*exact_checked;
  }
  return filled;
}

TEST(TranslitPrefillCliTest, CyrillicEditionFromALatinOnlyTmEqualsTheGoldCyrillicEdition) {
  const std::string dir = TempDir("translit-prefill-cyrl");
  const std::string db = BuildTm(dir, {"en", "cnr-Latn", "de"});
  std::size_t exact = 0;
  const std::vector<Filled> filled = PrefillHeldOut(db, dir, "cnr-Cyrl", "1.2", &exact);
  EXPECT_GE(exact, 5u);
  ASSERT_FALSE(filled.empty());
  for (const Filled& f : filled) {
    EXPECT_TRUE(Contains(f.note, "transliterated from cnr-Latn")) << f.note;
    EXPECT_TRUE(Contains(f.origin, ":transliterated")) << f.origin;
    // Exact rules: an exact match stays exact (translated), a fuzzy one is for review.
    if (Contains(f.note, "exact match") || Contains(f.note, "context match")) {
      EXPECT_EQ(f.state, "translated");
    } else {
      EXPECT_EQ(f.state, "needs-review-translation");
    }
  }
  // The date line: a placeable rebuilt in Cyrillic notation.
  const std::string xlf = ReadFile(dir + "/out/" + std::string(kHeldOut) + ".cnr-Cyrl.xlf");
  EXPECT_TRUE(Contains(xlf, "12. април 2025.")) << "no Cyrillic date";
  EXPECT_FALSE(Contains(xlf, ">12. april 2025.<"));
  // XLIFF 2.1 output of the same validates too.
  std::size_t exact21 = 0;
  PrefillHeldOut(db, dir + "/v21", "cnr-Cyrl", "2.1", &exact21);
  EXPECT_EQ(exact21, exact);
}

TEST(TranslitPrefillCliTest, StoredCyrillicIsUsedNotTransliterated) {
  const std::string dir = TempDir("translit-prefill-stored");
  const std::string db = BuildTm(dir, {});
  std::size_t exact = 0;
  const std::vector<Filled> filled = PrefillHeldOut(db, dir, "cnr-Cyrl", "1.2", &exact);
  EXPECT_GE(exact, 5u);
  for (const Filled& f : filled) {
    EXPECT_FALSE(Contains(f.note, "transliterated")) << f.note;
    EXPECT_FALSE(Contains(f.origin, "transliterated")) << f.origin;
  }
  // The analysis says none was transliterated.
  const std::string article = CorporaDir() + "/" + kHeldOut + "/" + kHeldOut + ".en.txt";
  CliRun run = RunLovcen("--db '" + db + "' prefill '" + article +
                         "' --from en --to cnr-Cyrl --report json -o '" + dir + "/json'");
  EXPECT_TRUE(Contains(run.out, "\"transliterated\":{\"segments\":0,")) << run.out;
}

TEST(TranslitPrefillCliTest, LatinEditionFromACyrillicOnlyTmAndTheAnalysisCountsIt) {
  const std::string dir = TempDir("translit-prefill-latn");
  const std::string db = BuildTm(dir, {"en", "cnr-Cyrl"});
  std::size_t exact = 0;
  const std::vector<Filled> filled = PrefillHeldOut(db, dir, "cnr-Latn", "1.2", &exact);
  EXPECT_GE(exact, 5u);
  for (const Filled& f : filled)
    EXPECT_TRUE(Contains(f.note, "transliterated from cnr-Cyrl")) << f.note;
  const std::string article = CorporaDir() + "/" + kHeldOut + "/" + kHeldOut + ".en.txt";
  CliRun run = RunLovcen("--db '" + db + "' prefill '" + article +
                         "' --from en --to cnr-Latn --report json -o '" + dir + "/json'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(
      Contains(run.out, "\"transliterated\":{\"segments\":" + std::to_string(filled.size()) + ","))
      << run.out;
  EXPECT_TRUE(Contains(run.out, "\"origin\":\"transliterated\""));
  // --no-transliterate: nothing to offer from a Cyrillic-only TM.
  CliRun none =
      RunLovcen("--db '" + db + "' prefill '" + article +
                "' --from en --to cnr-Latn --no-transliterate --report json -o '" + dir + "/none'");
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_FALSE(Contains(none.out, "\"class\":\"exact\""));
}

// Every unit of `db` by its en text: cnr-Cyrl text (or "" when absent).
std::map<std::string, std::string> CyrillicByEnglish(const std::string& db, std::size_t* units) {
  auto store = OpenSqliteStore(db);
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  std::map<std::string, std::string> out;
  *units = 0;
  if (!store.ok()) return out;
  Status s = (*store)->ForEachUnit(UnitFilter{}, [&](const TranslationUnit& u) {
    ++*units;
    const Variant* en = u.Find(LanguageTag(Language::kEnglish));
    const Variant* cyrl = u.Find(LanguageTag(Language::kMontenegrinCyrillic));
    if (en != nullptr) out[en->segment.text] = cyrl ? cyrl->segment.text : "";
    return true;
  });
  EXPECT_TRUE(s.ok());
  return out;
}

void ExpectGoldCyrillic(const std::map<std::string, std::string>& stored) {
  std::size_t checked = 0;
  for (const auto& story : fs::directory_iterator(CorporaDir())) {
    const std::string key = story.path().filename().string();
    if (!story.is_directory() || key == kHeldOut || !fs::exists(TsvOf(key))) continue;
    for (const auto& row : ReadTsv(TsvOf(key))) {
      auto it = stored.find(row.at("en"));
      if (row.at("en").empty() || row.at("cnr-Latn").empty() || it == stored.end()) continue;
      EXPECT_EQ(it->second, row.at("cnr-Cyrl")) << key << ": " << row.at("en");
      ++checked;
    }
  }
  EXPECT_GE(checked, 150u);
}

TEST(TranslitPrefillCliTest, ImportAddScriptGivesTheGoldCyrillicToImportedUnits) {
  const std::string dir = TempDir("translit-add-script");
  const std::string db = BuildTm(dir, {"en", "cnr-Latn"}, " --add-script");
  std::size_t units = 0;
  const auto stored = CyrillicByEnglish(db, &units);
  ExpectGoldCyrillic(stored);
  // Matches from those variants say where they came from.
  std::size_t exact = 0;
  const std::vector<Filled> filled = PrefillHeldOut(db, dir, "cnr-Cyrl", "1.2", &exact);
  EXPECT_GE(exact, 5u);
  for (const Filled& f : filled) EXPECT_TRUE(Contains(f.origin, ":transliterated")) << f.origin;
}

TEST(TranslitPrefillCliTest, AddScriptWithoutFilesUpdatesTheUnitsAlreadyInTheTmInPlace) {
  const std::string dir = TempDir("translit-add-script-tm");
  const std::string db = BuildTm(dir, {"en", "cnr-Latn", "de"});
  std::size_t before = 0;
  for (const auto& [en, cyrl] : CyrillicByEnglish(db, &before)) EXPECT_TRUE(cyrl.empty());
  // A pre-fill first, as in real use (the candidate index is built).
  const std::string article = CorporaDir() + "/" + kHeldOut + "/" + kHeldOut + ".en.txt";
  ASSERT_EQ(RunLovcen("--db '" + db + "' prefill '" + article + "' --from en --to cnr-Cyrl -o '" +
                      dir + "/pre'")
                .exit_code,
            0);
  CliRun run = RunLovcen("--db '" + db + "' --json import --add-script");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "\"added\":0,")) << run.out;
  std::size_t after = 0;
  const auto stored = CyrillicByEnglish(db, &after);
  EXPECT_EQ(after, before);  // updated, not duplicated
  ExpectGoldCyrillic(stored);
  EXPECT_TRUE(Contains(run.out, "\"transliterated\":" + std::to_string(after))) << run.out;
  // A second run finds nothing to do.
  CliRun again = RunLovcen("--db '" + db + "' --json import --add-script");
  EXPECT_TRUE(Contains(again.out, "\"updated\":0,\"transliterated\":0")) << again.out;
  // Stored now: offered without transliterating, still marked as made by it.
  CliRun stored_run =
      RunLovcen("--db '" + db + "' prefill '" + article +
                "' --from en --to cnr-Cyrl --no-transliterate --report json -o '" + dir + "/post'");
  EXPECT_TRUE(Contains(stored_run.out, "\"class\":\"exact\"")) << stored_run.out;
  EXPECT_TRUE(Contains(stored_run.out, "\"transliterated_from\":\"cnr-Latn\""));
  // Without --add-script, no files is a usage error.
  EXPECT_EQ(RunLovcen("--db '" + db + "' import").exit_code, 2);
}

// Issue 5: the translator's finished XLIFF goes back into the TM (origin
// confirmed, with the article's neighbours as context), and translate-toolkit
// reads the pre-filled file.
TEST(TranslitPrefillCliTest, FinishedPrefillXliffIsConfirmedBackIntoTheTmWithContext) {
  const std::string dir = TempDir("translit-confirm-back");
  const std::string db = BuildTm(dir, {"en", "cnr-Latn"});
  std::size_t exact = 0;
  const std::vector<Filled> filled = PrefillHeldOut(db, dir, "cnr-Cyrl", "1.2", &exact);
  ASSERT_GE(exact, 5u);
  const std::string xlf = dir + "/out/" + std::string(kHeldOut) + ".cnr-Cyrl.xlf";
  if (std::system("command -v xliff2po >/dev/null 2>&1") == 0) {
    const std::string cmd =
        "xliff2po --progress=none '" + xlf + "' '" + dir + "/out.po' 2>'" + dir + "/po.err'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << ReadFile(dir + "/po.err");
    EXPECT_TRUE(Contains(ReadFile(dir + "/out.po"), "msgstr \"" + filled.front().target + "\""));
  }
  const std::string confirmed = dir + "/confirmed.db";
  ASSERT_EQ(RunLovcen("--db '" + confirmed + "' init").exit_code, 0);
  CliRun run = RunLovcen("--db '" + confirmed + "' --json import '" + xlf + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto store = OpenSqliteStore(confirmed);
  ASSERT_TRUE(store.ok());
  std::map<std::string, std::string> source_to_target;
  std::size_t with_context = 0, units = 0;
  Status s = (*store)->ForEachUnit(UnitFilter{}, [&](const TranslationUnit& u) {
    ++units;
    EXPECT_EQ(u.origin, Origin::kConfirmed);
    const Variant* en = u.Find(LanguageTag(Language::kEnglish));
    const Variant* cyrl = u.Find(LanguageTag(Language::kMontenegrinCyrillic));
    EXPECT_TRUE(en != nullptr && cyrl != nullptr);
    if (en != nullptr && cyrl != nullptr) source_to_target[en->segment.text] = cyrl->segment.text;
    if (en != nullptr && (!en->context_pre.empty() || !en->context_post.empty())) ++with_context;
    return true;
  });
  ASSERT_TRUE(s.ok());
  // The segments pre-filled as translated (the exact ones) are stored, each
  // with its neighbours.
  EXPECT_GE(units, exact);
  EXPECT_EQ(with_context, units);
  for (const Filled& f : filled) {
    if (f.state == "translated") {
      EXPECT_EQ(source_to_target[f.source], f.target) << f.source;
    }
  }
}

}  // namespace
}  // namespace lovcen::testing
