// lovcen check end to end: the planted corpus in tests/data/checks/ (built
// from corpora/ by make_planted.py: every planted error found, nothing on
// clean rows or look-alikes, precision and recall printed), exit codes, JSON,
// the HTML report in headless Chromium, --tm over the imported corpora with
// a glossary and an accepted finding, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli_runner.h"

namespace lovcen::testing {
namespace {

std::string Data(const std::string& name) { return SourceDir() + "/tests/data/checks/" + name; }

struct Reported {
  std::string unit, severity, check, key;
};

// Text lines "file#unit: severity: check: message [key]".
std::vector<Reported> Parse(const std::string& out) {
  std::vector<Reported> r;
  static const std::regex line(
      R"(^[^#\n]*#([^:\s]+): (error|warning|info): ([a-z-]+): .* \[([a-z-]+:[0-9a-f]{16})\]$)");
  std::istringstream in(out);
  std::string l;
  while (std::getline(in, l)) {
    std::smatch m;
    if (std::regex_match(l, m, line)) r.push_back({m[1], m[2], m[3], m[4]});
  }
  return r;
}

// Unit ids of the planted errors: "<check>-<n>" (not clean-, alike-, nor the
// second member "-b" of an inconsistency).
std::vector<std::string> PlantedIds(const std::string& file) {
  std::vector<std::string> ids;
  const std::string xml = ReadFile(file);
  static const std::regex id("trans-unit id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), id); it != std::sregex_iterator();
       ++it) {
    const std::string u = (*it)[1];
    if (u.rfind("clean-", 0) == 0 || u.rfind("alike-", 0) == 0 ||
        (u.size() > 2 && u.substr(u.size() - 2) == "-b")) {
      continue;
    }
    ids.push_back(u);
  }
  return ids;
}

std::string CheckOf(const std::string& planted_id) {
  return planted_id.substr(0, planted_id.rfind('-'));
}

TEST(CheckCli, PlantedErrorsFoundAndLookAlikesClean) {
  const std::string dir = TempDir("check-planted");
  std::size_t planted = 0, found = 0, findings = 0, true_findings = 0;
  std::map<std::string, int> per_check;
  for (const std::string lang : {"cnr-Latn", "de", "cnr-Cyrl"}) {
    const std::string file = Data("planted-en-" + lang + ".xlf");
    CliRun run = RunLovcen("check '" + file + "' --glossary '" + Data("glossary.tbx") +
                           "' --severity info --db '" + dir + "/none.db'");
    ASSERT_EQ(run.exit_code, 1) << run.err;
    auto reported = Parse(run.out);
    findings += reported.size();
    std::set<std::pair<std::string, std::string>> hits;
    for (const Reported& r : reported) {
      hits.emplace(r.unit, r.check);
      EXPECT_NE(r.unit.rfind("clean-", 0), 0u)
          << lang << ": finding on a clean corpus row: " << r.unit << " " << r.check;
    }
    for (const std::string& id : PlantedIds(file)) {
      ++planted;
      ++per_check[CheckOf(id)];
      if (hits.count({id, CheckOf(id)})) {
        ++found;
      } else {
        ADD_FAILURE() << lang << ": planted " << id << " not found";
      }
    }
    for (const Reported& r : reported) {
      if (r.unit.rfind(r.check, 0) == 0) ++true_findings;
    }
    const std::string alike = Data("alike-en-" + lang + ".xlf");
    CliRun clean = RunLovcen("check '" + alike + "' --glossary '" + Data("glossary.tbx") +
                             "' --severity info --db '" + dir + "/none.db'");
    EXPECT_EQ(clean.exit_code, 0) << lang << " look-alikes:\n" << clean.out << clean.err;
    EXPECT_TRUE(Parse(clean.out).empty()) << clean.out;
  }
  // At least three planted errors of every check kind.
  for (const char* id :
       {"inconsistent-target", "inconsistent-source", "number-mismatch", "code-mismatch",
        "untranslated", "placeable-mismatch", "punctuation-end", "quote-style", "whitespace",
        "script-mismatch", "term-mismatch", "length-ratio"}) {
    EXPECT_GE(per_check[id], 3) << id;
  }
  // Precision counts every finding not of the planted kind as false, though
  // the rest are real consequences of the plant (an untranslated target also
  // lacks the glossary term).
  std::cout << "[ planted ] recall " << found << "/" << planted << " = "
            << (planted ? 100.0 * static_cast<double>(found) / static_cast<double>(planted) : 0.0)
            << "%, precision " << true_findings << "/" << findings << " = "
            << (findings
                    ? 100.0 * static_cast<double>(true_findings) / static_cast<double>(findings)
                    : 0.0)
            << "%; 0 findings on clean rows and look-alikes\n";
  EXPECT_EQ(found, planted);
  std::filesystem::remove_all(dir);
}

TEST(CheckCli, SeverityThresholdAndCheckSelection) {
  const std::string dir = TempDir("check-severity");
  const std::string file = "'" + Data("planted-en-de.xlf") + "' --db '" + dir + "/none.db'";
  EXPECT_EQ(RunLovcen("check " + file + " --severity error").exit_code, 1);
  // whitespace is info: below the default threshold (warning) it neither shows nor fails.
  CliRun ws = RunLovcen("check " + file + " --checks whitespace");
  EXPECT_EQ(ws.exit_code, 0) << ws.out;
  CliRun ws_info = RunLovcen("check " + file + " --checks whitespace --severity info");
  EXPECT_EQ(ws_info.exit_code, 1);
  for (const Reported& r : Parse(ws_info.out)) EXPECT_EQ(r.check, "whitespace");
  EXPECT_EQ(RunLovcen("check " + file + " --checks no-such-check").exit_code, 2);
  EXPECT_EQ(RunLovcen("check " + file + " --severity loud").exit_code, 2);
  EXPECT_EQ(RunLovcen("check").exit_code, 2);
  // Keys are stable across runs.
  EXPECT_EQ(RunLovcen("check " + file + " --severity info").out,
            RunLovcen("check " + file + " --severity info").out);
  std::filesystem::remove_all(dir);
}

TEST(CheckCli, Json) {
  const std::string dir = TempDir("check-json");
  CliRun run = RunLovcen("check '" + Data("planted-en-cnr-Latn.xlf") +
                         "' --json --severity info --db '" + dir + "/none.db'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out.rfind("{\"checked\":", 0), 0u) << run.out.substr(0, 200);
  EXPECT_NE(run.out.find("\"check\":\"number-mismatch\""), std::string::npos);
  EXPECT_NE(run.out.find("\"variants\":[{\"text\":"), std::string::npos);
  EXPECT_NE(run.out.find("\"target_spans\":[["), std::string::npos);
  std::filesystem::remove_all(dir);
}

std::string Chromium() {
  for (const char* name : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (std::filesystem::exists(name)) return name;
  }
  return {};
}

TEST(CheckCli, HtmlReportRendersInChromium) {
  const std::string dir = TempDir("check-html");
  const std::string report = dir + "/report.html";
  CliRun run = RunLovcen("check '" + Data("planted-en-de.xlf") + "' --format html -o '" + report +
                         "' --severity info --db '" + dir + "/none.db'");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  const std::string html = ReadFile(report);
  EXPECT_NE(html.find("<table class=\"findings\""), std::string::npos);
  EXPECT_NE(html.find("<mark>"), std::string::npos);
  EXPECT_NE(html.find("<table class=\"variants\">"), std::string::npos);
  const std::string chromium = Chromium();
  if (chromium.empty()) {
    // CI installs it (scripts/install-deps.sh); there its absence is a failure.
    if (std::getenv("CI") != nullptr)
      FAIL() << "chromium is not installed (scripts/install-deps.sh installs it)";
    GTEST_SKIP() << "chromium not installed: run scripts/install-deps.sh";
  }
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking"
      " --disable-component-update --disable-sync --enable-logging=stderr --v=0 --user-data-dir='" +
      dir + "/profile' ";
  const std::string dom_file = dir + "/dom.html", log_file = dir + "/log";
  std::string cmd = "'" + chromium + "'" + flags + "--dump-dom 'file://" + report + "' >'" +
                    dom_file + "' 2>'" + log_file + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << ReadFile(log_file);
  const std::string dom = ReadFile(dom_file);
  EXPECT_NE(dom.find("class=\"findings\""), std::string::npos);
  EXPECT_NE(dom.find("number-mismatch"), std::string::npos);
  const std::string log = ReadFile(log_file);
  EXPECT_EQ(log.find("CONSOLE"), std::string::npos) << log;
  const std::string shot = dir + "/shot.png";
  cmd = "'" + chromium + "'" + flags + "--window-size=1280,2000 --screenshot='" + shot +
        "' 'file://" + report + "' >/dev/null 2>'" + log_file + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << ReadFile(log_file);
  const std::string png = ReadFile(shot);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  // A page with the findings table renders to far more than a blank image.
  EXPECT_GT(png.size(), 20000u);
  EXPECT_EQ(ReadFile(log_file).find("CONSOLE"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(CheckCli, WholeTmWithGlossaryAndAcceptedFinding) {
  const std::string dir = TempDir("check-tm");
  const std::string db = " --db '" + dir + "/tm.db'";
  std::string files;
  for (const auto& story : std::filesystem::directory_iterator(CorporaDir())) {
    if (!story.is_directory()) continue;
    for (const auto& f : std::filesystem::directory_iterator(story.path())) {
      if (f.path().extension() == ".tsv") files += " '" + f.path().string() + "'";
    }
  }
  ASSERT_EQ(RunLovcen("import" + files + db).exit_code, 0);
  CliRun g = RunLovcen("glossary import '" + Data("glossary.tbx") + "'" + db);
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_NE(g.out.find("3 entries, 9 terms added"), std::string::npos) << g.out;
  EXPECT_NE(RunLovcen("glossary import '" + Data("glossary.tbx") + "'" + db)
                .out.find("0 terms added, 9 already"),
            std::string::npos);
  // A planted finding in the TM: one unit translating the same source differently.
  const std::string extra = dir + "/extra.tsv";
  std::ofstream(extra)
      << "en\tde\nThe festival will take place in Kotor from July 5 to July 20, 2025.\t"
         "Das Festival findet vom 5. bis 21. Juli 2025 in Kotor statt.\n";
  ASSERT_EQ(RunLovcen("import '" + extra + "' --on-duplicate keep-both" + db).exit_code, 0);
  CliRun run = RunLovcen("check --tm --src en --tgt de --severity info" + db);
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  static const std::regex tm_line(
      R"(^(\d+): (error|warning|info): ([a-z-]+): .* \[([a-z-]+:[0-9a-f]{16})\]$)");
  std::vector<Reported> tm;
  std::istringstream in(run.out);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_match(l, m, tm_line)) tm.push_back({m[1], m[2], m[3], m[4]});
  }
  std::string number_key, inconsistent_key;
  for (const Reported& r : tm) {
    if (r.check == "number-mismatch") number_key = r.key;
    if (r.check == "inconsistent-target") inconsistent_key = r.key;
  }
  ASSERT_FALSE(number_key.empty()) << run.out;
  ASSERT_FALSE(inconsistent_key.empty()) << run.out;
  EXPECT_EQ(RunLovcen("check --tm --accept " + number_key + db).exit_code, 2);  // no --by
  CliRun accept = RunLovcen("check --tm --src en --tgt de --severity info --accept " + number_key +
                            " --by tester" + db);
  EXPECT_NE(accept.err.find("accepted " + number_key), std::string::npos) << accept.err;
  CliRun again = RunLovcen("check --tm --src en --tgt de --severity info" + db);
  EXPECT_EQ(again.out.find(number_key), std::string::npos);
  EXPECT_NE(again.out.find("1 accepted not shown"), std::string::npos) << again.out;
  EXPECT_EQ(
      RunLovcen("check --tm --accept number-mismatch:0000000000000000 --by x --src en --tgt de" +
                db)
          .exit_code,
      3);
  std::filesystem::remove_all(dir);
}

// Checking a small file with a TM at hand: length-ratio judges the file's
// pairs by the TM's pairs of the same languages (the file alone is too small
// to learn from).
TEST(CheckCli, LengthRatioOfAFileLearnedFromTheTm) {
  const std::string dir = TempDir("check-length-tm");
  std::string files;
  for (const auto& story : std::filesystem::directory_iterator(CorporaDir())) {
    if (!story.is_directory()) continue;
    for (const auto& f : std::filesystem::directory_iterator(story.path())) {
      if (f.path().extension() == ".tsv") files += " '" + f.path().string() + "'";
    }
  }
  const std::string db = " --db '" + dir + "/tm.db'";
  ASSERT_EQ(RunLovcen("import" + files + db).exit_code, 0);
  const std::string file = dir + "/new.tsv";
  std::ofstream(file) << "en\tde\n"
                         "The government adopted the budget for next year on Thursday.\t"
                         "Die Regierung hat am Donnerstag den Haushalt für das nächste Jahr "
                         "beschlossen.\n"
                         "The opposition walked out of parliament before the vote.\tOpposition.\n";
  CliRun with_tm = RunLovcen("check '" + file + "' --checks length-ratio --severity info" + db);
  EXPECT_EQ(with_tm.exit_code, 1) << with_tm.out << with_tm.err;
  const auto found = Parse(with_tm.out);
  ASSERT_EQ(found.size(), 1u) << with_tm.out;
  EXPECT_EQ(found[0].check, "length-ratio");
  EXPECT_EQ(found[0].unit, "2");
  CliRun alone = RunLovcen("check '" + file + "' --checks length-ratio --severity info --db '" +
                           dir + "/none.db'");
  EXPECT_EQ(alone.exit_code, 0) << alone.out << alone.err;
  EXPECT_TRUE(Parse(alone.out).empty()) << alone.out;
  std::filesystem::remove_all(dir);
}

// A TM of more than 20,000 units is read in two halves at once (two
// connections); findings in both halves, and an inconsistency whose two
// units sit in different halves, must come out as from one read, in unit
// order.
TEST(CheckCli, BigTmReadInTwoHalvesLosesNothing) {
  const std::string dir = TempDir("check-big-tm");
  const std::string db = " --db '" + dir + "/tm.db'";
  constexpr int kUnits = 20010;
  {
    std::ofstream tsv(dir + "/big.tsv");
    tsv << "en\tde\n";
    for (int i = 1; i <= kUnits; ++i) {
      const int de_number = i == 5 || i == 20005 ? i + 1 : i;  // two planted number errors
      if (i == 20008) {
        tsv << "Item 10 is ready.\tPunkt 10 ist fertig.\n";  // unit 10 says "bereit"
      } else {
        tsv << "Item " << i << " is ready.\tPunkt " << de_number << " ist bereit.\n";
      }
    }
  }
  ASSERT_EQ(
      RunLovcen("import --defer-concordance --on-duplicate keep-both '" + dir + "/big.tsv'" + db)
          .exit_code,
      0);
  CliRun run =
      RunLovcen("check --tm --severity info --checks number-mismatch,inconsistent-target" + db);
  ASSERT_EQ(run.exit_code, 1) << run.err;
  static const std::regex tm_line(R"(^(\d+): (error|warning|info): ([a-z-]+): .*$)");
  std::vector<std::pair<long, std::string>> found;
  std::istringstream in(run.out);
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_match(l, m, tm_line)) found.emplace_back(std::stol(m[1]), m[3]);
  }
  std::vector<std::pair<long, std::string>> numbers, inconsistent;
  for (const auto& f : found) (f.second == "number-mismatch" ? numbers : inconsistent).push_back(f);
  EXPECT_EQ(numbers, (std::vector<std::pair<long, std::string>>{{5, "number-mismatch"},
                                                                {20005, "number-mismatch"}}))
      << run.out;
  ASSERT_FALSE(inconsistent.empty()) << run.out;
  EXPECT_TRUE(std::is_sorted(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  })) << run.out;
  std::filesystem::remove_all(dir);
}

TEST(CheckCli, BadInput) {
  const std::string dir = TempDir("check-bad");
  const std::string db = " --db '" + dir + "/none.db'";
  const std::string de = Data("planted-en-de.xlf");
  CliRun lang = RunLovcen("check '" + de + "' --src en --tgt cnr-Latn" + db);
  EXPECT_EQ(lang.exit_code, 3);
  EXPECT_NE(lang.err.find(de + ": target language is de, not cnr-Latn"), std::string::npos)
      << lang.err;
  const std::string empty = dir + "/empty.xlf";
  std::ofstream(empty).close();
  CliRun e = RunLovcen("check '" + empty + "'" + db);
  EXPECT_EQ(e.exit_code, 3);
  EXPECT_NE(e.err.find("empty.xlf: empty file"), std::string::npos) << e.err;
  const std::string nounits = dir + "/nounits.xlf";
  std::ofstream(nounits) << "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" "
                            "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
                            "<file original=\"x\" source-language=\"en\" target-language=\"de\" "
                            "datatype=\"plaintext\">"
                            "<body></body></file></xliff>\n";
  CliRun n = RunLovcen("check '" + nounits + "'" + db);
  EXPECT_EQ(n.exit_code, 3);
  EXPECT_NE(n.err.find("no segments to check"), std::string::npos) << n.err;
  const std::string tbx = dir + "/odd.tbx";
  std::ofstream(tbx) << "<?xml version=\"1.0\"?>\n<glossary>\n  <entry/>\n</glossary>\n";
  CliRun t = RunLovcen("glossary import '" + tbx + "' --db '" + dir + "/g.db'");
  EXPECT_EQ(t.exit_code, 3);
  EXPECT_NE(t.err.find("odd.tbx:2:"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("not a TBX file"), std::string::npos) << t.err;
  CliRun missing = RunLovcen("check '" + dir + "/nope.xlf'" + db);
  EXPECT_EQ(missing.exit_code, 3);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lovcen::testing
