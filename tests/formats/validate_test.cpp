// lovcen's own XLIFF and TMX validation: the OASIS XLIFF 2.1 conformance
// suite (every valid file accepted, every invalid one rejected with a
// reason), XLIFF 1.2 and TMX rules, and what lovcen writes validating clean.
#include "lovcen/formats/validate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "lovcen/formats/xliff.h"
#include "test_paths.h"
#include "xliff_samples.h"

namespace lovcen::formats {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".xlf") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Suite() {
  const std::string data = testing::SharedTestData();
  return data.empty() ? data : data + "/xliff2-oasis/xliff-21/test-suite";
}

TEST(ValidateOasisTest, EveryValidFileIsAccepted) {
  if (Suite().empty()) GTEST_SKIP() << "shared testdata absent";
  int accepted = 0, total = 0;
  for (const char* dir : {"/core/valid", "/modules/valid"}) {
    for (const std::string& f : FilesIn(Suite() + dir)) {
      ++total;
      auto report = ValidateFile(f);
      ASSERT_TRUE(report.ok()) << report.error().ToString();
      if (report->valid()) {
        ++accepted;
      } else {
        for (const Finding& x : report->findings) ADD_FAILURE() << x.ToString();
      }
    }
  }
  std::cout << "OASIS valid files accepted: " << accepted << " / " << total << "\n";
  EXPECT_EQ(accepted, total);
}

TEST(ValidateOasisTest, EveryInvalidFileIsRejectedWithAReason) {
  if (Suite().empty()) GTEST_SKIP() << "shared testdata absent";
  int rejected = 0, total = 0;
  for (const char* dir : {"/core/invalid", "/modules/invalid"}) {
    for (const std::string& f : FilesIn(Suite() + dir)) {
      ++total;
      auto report = ValidateFile(f);
      ASSERT_TRUE(report.ok()) << report.error().ToString();
      if (!report->valid()) {
        ++rejected;
        for (const Finding& x : report->findings) {
          EXPECT_FALSE(x.rule.empty());
          EXPECT_FALSE(x.message.empty());
          EXPECT_GT(x.line, 0) << x.ToString();
        }
        if (std::getenv("LOVCEN_SHOW_FINDINGS")) {
          std::cout << fs::path(f).filename().string() << "\n";
          for (const Finding& x : report->findings) std::cout << "   " << x.rule << ": " << x.message << "\n";
        }
      } else {
        ADD_FAILURE() << "accepted an invalid file: " << f;
      }
    }
  }
  std::cout << "OASIS invalid files rejected: " << rejected << " / " << total << "\n";
  EXPECT_EQ(rejected, total);
}

TEST(ValidateOasisTest, WhatLovcenWritesFromEveryValidFileIsValid) {
  if (Suite().empty()) GTEST_SKIP() << "shared testdata absent";
  for (const char* dir : {"/core/valid", "/modules/valid"}) {
    for (const std::string& f : FilesIn(Suite() + dir)) {
      auto doc = ReadXliffFile(f);
      ASSERT_TRUE(doc.ok()) << doc.error().ToString();
      auto text = WriteXliff(*doc);
      ASSERT_TRUE(text.ok()) << text.error().ToString();
      XmlInput input;
      input.name = f + " (as written)";
      input.buffer = *text;
      auto report = ValidateXliff(input);
      ASSERT_TRUE(report.ok());
      for (const Finding& x : report->findings) ADD_FAILURE() << x.ToString();
    }
  }
}

ValidationReport Check(std::string_view text, const ValidateOptions& options = {}) {
  XmlInput input;
  input.name = "test.xlf";
  input.buffer = text;
  auto report = text.find("<tmx") != std::string_view::npos ? ValidateTmx(input, options)
                                                             : ValidateXliff(input, options);
  EXPECT_TRUE(report.ok()) << report.error().ToString();
  return report.ok() ? *report : ValidationReport{};
}

std::vector<std::string> Rules(const ValidationReport& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.rule);
  return out;
}

bool HasRule(const ValidationReport& r, std::string_view rule) {
  for (const Finding& f : r.findings) {
    if (f.rule == rule) return true;
  }
  return false;
}

TEST(ValidateXliffTest, SamplesAreValid) {
  EXPECT_TRUE(Check(testing::kXliff12Sample).valid());
  EXPECT_TRUE(Check(testing::kXliff21Sample).valid());
}

std::string Xliff12(std::string_view body) {
  return "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
         "<file original=\"a.txt\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\">\n"
         "<body>\n" + std::string(body) + "\n</body>\n</file>\n</xliff>\n";
}

TEST(ValidateXliffTest, Xliff12RulesEachGiveTheirFinding) {
  struct Case {
    const char* body;
    const char* rule;
  };
  const Case cases[] = {
      {"<trans-unit><source>a</source></trans-unit>", "xliff12.trans-unit.required"},
      {"<trans-unit id=\"1\"><source>a</source></trans-unit><trans-unit id=\"1\"><source>b</source></trans-unit>",
       "xliff12.unit.id-unique"},
      {"<trans-unit id=\"1\"><source>a</source><target state=\"done\">b</target></trans-unit>",
       "xliff12.target.state"},
      {"<trans-unit id=\"1\"><source>a</source><target state-qualifier=\"great\">b</target></trans-unit>",
       "xliff12.target.state-qualifier"},
      {"<trans-unit id=\"1\"><source>a<ept id=\"1\">x</ept></source></trans-unit>", "xliff12.inline.ept-unpaired"},
      {"<trans-unit id=\"1\"><source>a<bpt id=\"1\">x</bpt></source></trans-unit>", "xliff12.inline.bpt-unpaired"},
      {"<trans-unit id=\"1\"><source>a<bx id=\"1\"/></source></trans-unit>", "xliff12.inline.bx-unpaired"},
      {"<trans-unit id=\"1\"><source>a<ex id=\"2\" rid=\"9\"/></source></trans-unit>", "xliff12.inline.ex-unpaired"},
      {"<trans-unit id=\"1\"><source>a<x/></source></trans-unit>", "xliff12.inline.id-required"},
      {"<trans-unit id=\"1\"><source>a<it id=\"1\">x</it></source></trans-unit>", "xliff12.it.pos"},
      {"<trans-unit id=\"1\"><source>a<mrk>x</mrk></source></trans-unit>", "xliff12.mrk.mtype-required"},
      {"<trans-unit id=\"1\"><source>a</source><seg-source><mrk mtype=\"seg\" mid=\"1\">a</mrk></seg-source>"
       "<target><mrk mtype=\"seg\" mid=\"2\">b</mrk></target></trans-unit>",
       "xliff12.mid-reference"},
      {"<trans-unit id=\"1\"><source>a</source><alt-trans><source>a</source></alt-trans></trans-unit>",
       "xliff12.alt-trans.target-required"},
      {"<trans-unit id=\"1\"><source>a</source><target xml:lang=\"fr\">b</target></trans-unit>",
       "xliff12.language-mismatch"},
      {"<trans-unit id=\"1\" translate=\"maybe\"><source>a</source></trans-unit>", "xliff12.yes-no"},
      {"<trans-unit id=\"1\" state=\"final\"><source>a</source></trans-unit>", "xliff12.trans-unit.attribute"},
      {"<trans-unit id=\"1\"><target>b</target><source>a</source></trans-unit>", "xliff12.trans-unit.order"},
      {"<trans-unit id=\"1\"><source>a</source><note priority=\"11\">n</note></trans-unit>", "xliff12.note.priority"},
      {"<group id=\"g\"><trans-unit id=\"1\"><source>a</source></trans-unit></group><group id=\"g\">"
       "<trans-unit id=\"2\"><source>b</source></trans-unit></group>",
       "xliff12.group.id-unique"},
  };
  for (const Case& c : cases) {
    const ValidationReport r = Check(Xliff12(c.body));
    EXPECT_TRUE(HasRule(r, c.rule)) << c.rule << " for " << c.body << " gave "
                                    << ::testing::PrintToString(Rules(r));
    for (const Finding& f : r.findings) EXPECT_GT(f.line, 0) << f.ToString();
  }
}

TEST(ValidateXliffTest, FindingsNameLineColumnAndRule) {
  const ValidationReport r = Check(Xliff12("<trans-unit id=\"1\">\n<source>a</source>\n"
                                           "<target state=\"done\">b</target></trans-unit>"));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].ToString(), "test.xlf:7:22: xliff12.target.state: state 'done' is not an "
                                      "XLIFF 1.2 state or x-...");
}

TEST(ValidateXliffTest, MalformedXmlIsOneFindingWithPosition) {
  const ValidationReport r = Check("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file>\n</xliff>");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "xml");
  EXPECT_EQ(r.findings[0].line, 3);
}

TEST(ValidateXliffTest, SchemaValidationAddsItsFinding) {
  const std::string data = testing::SharedTestData();
  if (data.empty()) GTEST_SKIP() << "shared testdata absent";
  ValidateOptions options;
  options.schema_path = data + "/schemas/xliff-core-1.2-transitional.xsd";
  EXPECT_TRUE(Check(testing::kXliff12Sample, options).valid());
  // Valid by lovcen's rules, but the schema wants a <source> in every <alt-trans>? No:
  // an unknown XLIFF element is what both catch.
  const ValidationReport r = Check(Xliff12("<trans-unit id=\"1\"><source>a</source><bogus/></trans-unit>"), options);
  EXPECT_TRUE(HasRule(r, "schema")) << ::testing::PrintToString(Rules(r));
  EXPECT_TRUE(HasRule(r, "xliff12.content"));
  options.schema_path = data + "/schemas/xliff_core_2.0.xsd";
  EXPECT_TRUE(Check(testing::kXliff21Sample, options).valid());
  options.schema_path = data + "/schemas/missing.xsd";
  EXPECT_TRUE(HasRule(Check(testing::kXliff21Sample, options), "schema"));
}

TEST(ValidateXliffTest, OmegatFilesGiveExpectedVerdicts) {
  const std::string data = testing::SharedTestData();
  if (data.empty()) GTEST_SKIP() << "shared testdata absent";
  const std::string dir = data + "/xliff-omegat/xliff/";
  auto r = ValidateFile(dir + "filters3/file-XLIFFFilter-invalid-content.xlf");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->findings.size(), 1u);
  EXPECT_EQ(r->format, FileFormat::kXliff12);
  EXPECT_EQ(r->findings[0].rule, "xml");
  EXPECT_EQ(r->findings[0].line, 7);
  r = ValidateFile(dir + "filters4-xliff1/en-ca.xlf");  // duplicate id '3', state on trans-unit
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(HasRule(*r, "xliff12.unit.id-unique"));
  r = ValidateFile(dir + "filters3/file-xliff-RFE1506.xliff");  // <file id> is no 1.2 attribute
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(HasRule(*r, "xliff12.file.attribute"));
  r = ValidateFile(dir + "filters4-xliff1/en-xx.xlf");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->valid());
  r = ValidateFile(dir + "filters4-xliff2/ex.9.5.xlf");  // a target but no trgLang
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(HasRule(*r, "xliff2.target.trgLang-required"));
}

TEST(ValidateXliffTest, WellFormedLanguageTags) {
  for (const char* ok : {"en", "de-AT", "cnr-Latn", "cnr-Cyrl-ME", "sr-Latn-ME", "zh-Hant-TW", "en-US-x-twain",
                         "es-419", "sl-rozaj-biske", "x-private", "i-klingon", "de-DE-1901", "en-a-bbb-x-a-ccc"}) {
    EXPECT_TRUE(IsWellFormedLanguageTag(ok)) << ok;
  }
  for (const char* bad : {"", "e", "f r", "en_US", "en--US", "toolongtag9", "en-a", "x", "de-419-", "en-a-bb-a-cc"}) {
    EXPECT_FALSE(IsWellFormedLanguageTag(bad)) << bad;
  }
}

// ---------------------------------------------------------------- TMX

std::string Tmx(std::string_view header_attrs, std::string_view body) {
  return "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header " + std::string(header_attrs) +
         "/>\n<body>\n" + std::string(body) + "\n</body>\n</tmx>\n";
}

constexpr std::string_view kHeader =
    "creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" "
    "srclang=\"en\" datatype=\"plaintext\"";

TEST(ValidateTmxTest, RulesEachGiveTheirFinding) {
  EXPECT_TRUE(Check(Tmx(kHeader, "<tu tuid=\"1\"><tuv xml:lang=\"en\"><seg>a <bpt i=\"1\">&lt;b&gt;</bpt>b"
                                 "<ept i=\"1\">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang=\"de\"><seg>b</seg></tuv></tu>"))
                  .valid());
  struct Case {
    std::string text;
    const char* rule;
  };
  const Case cases[] = {
      {Tmx("creationtool=\"t\"", "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>"), "tmx.header.required"},
      {Tmx(kHeader, "<tu><tuv xml:lang=\"de\"><seg>a</seg></tuv></tu>"), "tmx.tu.srclang"},
      {Tmx(kHeader, "<tu><tuv><seg>a</seg></tuv></tu>"), "tmx.tuv.lang"},
      {Tmx(kHeader, "<tu><tuv xml:lang=\"e n\"><seg>a</seg></tuv></tu>"), "tmx.language-tag"},
      {Tmx(kHeader, "<tu><tuv xml:lang=\"en\"><seg>a<ept i=\"2\"/></seg></tuv></tu>"), "tmx.ept.unpaired"},
      {Tmx(kHeader, "<tu><tuv xml:lang=\"en\"><seg>a<bpt i=\"2\"/></seg></tuv></tu>"), "tmx.bpt.unpaired"},
      {Tmx(kHeader, "<tu><tuv xml:lang=\"en\"><seg>a<it>x</it></seg></tuv></tu>"), "tmx.it.pos"},
      {Tmx(kHeader, "<tu tuid=\"a\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu><tu tuid=\"a\"><tuv "
                    "xml:lang=\"en\"><seg>b</seg></tuv></tu>"),
       "tmx.tu.tuid-unique"},
      {Tmx(kHeader, "<tu creationdate=\"2025-04-05\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>"), "tmx.date"},
      {Tmx(kHeader, "<tu></tu>"), "tmx.tu.tuv-required"},
      {Tmx(kHeader, "<tu><tuv xml:lang=\"en\"><seg>a</seg><seg>b</seg></tuv></tu>"), "tmx.tuv.seg-once"},
  };
  for (const Case& c : cases) {
    const ValidationReport r = Check(c.text);
    EXPECT_TRUE(HasRule(r, c.rule)) << c.rule << " gave " << ::testing::PrintToString(Rules(r));
  }
}

TEST(ValidateTmxTest, LisaComplianceKitIsValid) {
  const std::string data = testing::SharedTestData();
  if (data.empty()) GTEST_SKIP() << "shared testdata absent";
  int files = 0;
  for (const auto& e : fs::directory_iterator(data + "/tmx-lisa-compliance-kit")) {
    if (e.path().extension() != ".tmx") continue;
    ++files;
    auto r = ValidateFile(e.path().string());
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->format, FileFormat::kTmx);
    for (const Finding& f : r->findings) ADD_FAILURE() << f.ToString();
  }
  EXPECT_GE(files, 20);
}

TEST(ValidateTest, OtherFilesAreAnError) {
  const std::string dir = testing::TempDir("validate-other");
  const std::string path = dir + "/a.tsv";
  std::ofstream(path) << "en\tde\nHello\tHallo\n";
  auto r = ValidateFile(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not XLIFF or TMX"), std::string::npos);
  auto missing = ValidateFile(dir + "/missing.xlf");
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace lovcen::formats
