// XLIFF and the TM: which segments are imported and how, XLIFF -> TM ->
// XLIFF round trips that are canonically identical, export of a language
// pair as XLIFF 1.2/2.1 (valid by lovcen's rules and the official schemas),
// and translate-toolkit reading lovcen's XLIFF 1.2.
#include "lovcen/formats/xliff_tm.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "lovcen/formats/validate.h"
#include "lovcen/text.h"
#include "test_paths.h"
#include "xliff_samples.h"
#include "xml_canonical.h"

namespace lovcen::formats {
namespace {

namespace fs = std::filesystem;

XliffDocument Read(std::string_view text) {
  XmlInput input;
  input.name = "sample.xlf";
  input.buffer = text;
  auto doc = ReadXliff(input);
  EXPECT_TRUE(doc.ok()) << doc.error().ToString();
  return doc.ok() ? std::move(*doc) : XliffDocument{};
}

std::string WriteTemp(const std::string& dir, const std::string& name, std::string_view text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::unique_ptr<TmStore> OpenStore(const std::string& dir) {
  auto store = OpenSqliteStore(dir + "/tm.db");
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

const LanguageTag kEn{Language::kEnglish};
const LanguageTag kDe{Language::kGerman};

// ---------------------------------------------------------------- conversion

TEST(XliffToUnitsTest, FinishedTargetsOnlyWithContext) {
  const XliffDocument doc = Read(testing::kXliff12Sample);
  const XliffConversion c = XliffToUnits(doc, "/news/story-4711.xlf", ImportOptions{});
  ASSERT_EQ(c.files.size(), 1u);
  const auto& units = c.files[0].units;
  // title (translated) and p2's two segments (final); p1 needs review,
  // the byline is translate="no", p3 has no target.
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(c.skipped_state, 1u);
  EXPECT_EQ(c.skipped_untranslatable, 1u);
  EXPECT_EQ(c.skipped_empty, 1u);
  EXPECT_TRUE(c.rejected.empty());
  EXPECT_EQ(c.files[0].document.story_key, "story-4711");
  EXPECT_EQ(c.files[0].document.language, kEn);
  const TranslationUnit& title = units[0];
  EXPECT_EQ(title.tuid, "title");
  EXPECT_EQ(title.origin, Origin::kConfirmed);
  ASSERT_EQ(title.variants.size(), 2u);
  EXPECT_EQ(title.variants[0].language, kEn);
  EXPECT_EQ(title.variants[1].language, kDe);
  EXPECT_EQ(title.variants[0].segment.text, "Parliament passes the new budget");
  EXPECT_EQ(title.variants[0].segment.codes.size(), 4u);
  EXPECT_EQ(title.variants[0].context_pre, "");
  EXPECT_EQ(title.variants[0].context_post, "Read  the report and  more.");
  const TranslationUnit& second = units[2];
  EXPECT_EQ(second.tuid, "p2/s2");
  EXPECT_EQ(second.variants[0].segment.text, "Second one.");
  EXPECT_EQ(second.variants[1].segment.text, "Zweiter Satz.");
  EXPECT_EQ(second.variants[0].context_pre, "First sentence with bold.");
  EXPECT_EQ(second.variants[1].context_pre, "Erster Satz mit fett.");
  EXPECT_EQ(second.variants[0].segment.codes[0].native, "&lt;i&gt;");
}

TEST(XliffToUnitsTest, AllStatesLetsEveryTargetIn) {
  ImportOptions options;
  options.all_states = true;
  const XliffConversion c = XliffToUnits(Read(testing::kXliff12Sample), "s.xlf", options);
  ASSERT_EQ(c.files[0].units.size(), 4u);
  EXPECT_EQ(c.files[0].units[1].tuid, "p1/1");
  EXPECT_EQ(c.files[0].units[1].origin, Origin::kImported);  // not finished work
  EXPECT_EQ(c.skipped_untranslatable, 1u);
}

TEST(XliffToUnitsTest, Xliff21StatesAndUntranslatableUnits) {
  const XliffConversion c = XliffToUnits(Read(testing::kXliff21Sample), "s21.xlf", ImportOptions{});
  const auto& units = c.files[0].units;
  // title (translated), p1 s1 (reviewed), p1 s2 (translated), p2 (final);
  // the byline is translate="no" and p3 has no target.
  ASSERT_EQ(units.size(), 4u);
  EXPECT_EQ(units[0].tuid, "title/s1");
  EXPECT_EQ(units[3].tuid, "p2/s1");
  EXPECT_EQ(units[2].variants[0].segment.text, "It says more\x03.");
  EXPECT_EQ(units[2].variants[0].segment.codes[0].element, "ec");
  EXPECT_EQ(c.skipped_untranslatable, 1u);
}

TEST(XliffToUnitsTest, UnknownLanguagesAreRejectedWithReasonAndCount) {
  XliffDocument doc = Read(testing::kXliff12Sample);
  doc.files[0].target_language = "be";
  const XliffConversion c = XliffToUnits(doc, "s.xlf", ImportOptions{});
  EXPECT_TRUE(c.files[0].units.empty());
  ASSERT_EQ(c.rejected.size(), 1u);
  EXPECT_EQ(c.rejected_units, 3u);
  EXPECT_NE(c.rejected[0].where.find("3 units (first: unit 'title'"), std::string::npos) << c.rejected[0].where;
  EXPECT_NE(c.rejected[0].reason.find("unknown language tag 'be'"), std::string::npos);
  // A regional tag is read only with --fold-regions, and then warned about once.
  doc.files[0].target_language = "de-AT";
  EXPECT_EQ(XliffToUnits(doc, "s.xlf", ImportOptions{}).rejected_units, 3u);
  ImportOptions fold;
  fold.tags.fold_regions = true;
  std::vector<std::string> warnings;
  fold.warn = [&](const std::string& w) { warnings.push_back(w); };
  EXPECT_EQ(XliffToUnits(doc, "s.xlf", fold).files[0].units.size(), 3u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("de-AT"), std::string::npos);
}

TEST(XliffToUnitsTest, TextIsNfcWithCodeOffsetsKept) {
  // "Cafe\u0301 <x/>" in decomposed form: NFC shortens the text by one byte.
  const std::string decomposed = "Cafe\xCC\x81";
  const std::string xliff = std::string(
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" "
      "source-language=\"en\" target-language=\"de\" datatype=\"plaintext\"><body><trans-unit id=\"1\">"
      "<source>") + decomposed + " <x id=\"1\"/>open</source><target>" + decomposed +
      " <x id=\"1\"/>offen</target></trans-unit></body></file></xliff>";
  const XliffConversion c = XliffToUnits(Read(xliff), "a.xlf", ImportOptions{});
  ASSERT_EQ(c.files[0].units.size(), 1u);
  const Segment& s = c.files[0].units[0].variants[0].segment;
  EXPECT_EQ(s.text, "Caf\xC3\xA9 open");
  ASSERT_EQ(s.codes.size(), 1u);
  EXPECT_EQ(s.codes[0].offset, std::string("Caf\xC3\xA9 ").size());
}

// ---------------------------------------------------------------- through the store

TEST(XliffImportTest, ImportsIntoTheStoreOnce) {
  const std::string dir = testing::TempDir("xliff-import");
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  const std::string path = WriteTemp(dir, "story.xlf", testing::kXliff12Sample);
  auto summary = ImportXliff(path, *store);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->added, 3u);
  EXPECT_TRUE(summary->rejected.empty());
  auto again = ImportXliff(path, *store);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0u);
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->units, 3);
  EXPECT_EQ(stats->units_per_origin["confirmed"], 3);
  // The stored unit keeps its inline codes, native content included.
  const XliffDocument doc = Read(testing::kXliff12Sample);
  Segment source;
  ForEachXliffUnit(doc.files[0].items, true, [&](const XliffUnit& u, bool) {
    if (u.id == "p2") source = u.segments[0].source;
  });
  auto found = store->FindExact(kEn, source);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const Variant* de = (*found)[0].Find(kDe);
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->segment.text, "Erster Satz mit fett.");
  ASSERT_EQ(de->segment.codes.size(), 2u);
  EXPECT_EQ(de->segment.codes[0].element, "bpt");
  EXPECT_EQ(de->segment.codes[0].native, "&lt;b&gt;");
}

TEST(XliffImportTest, MalformedFileLeavesTheStoreUnchanged) {
  const std::string dir = testing::TempDir("xliff-import-bad");
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  std::string broken = testing::kXliff12Sample;
  broken.resize(broken.size() / 2);
  const std::string path = WriteTemp(dir, "broken.xlf", broken);
  auto summary = ImportXliff(path, *store);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().file, path);
  EXPECT_GT(summary.error().line, 0);
  EXPECT_EQ(store->Stats()->units, 0);
}

// Replaces every target of `doc` with what the TM holds for its source:
// the XLIFF -> TM -> XLIFF path pre-fill takes for exact matches.
int FillFromTm(XliffDocument& doc, TmStore& store) {
  int filled = 0;
  for (XliffFile& file : doc.files) {
    const auto src = LanguageTag::Parse(file.source_language);
    const auto tgt = LanguageTag::Parse(file.target_language);
    ForEachXliffUnit(file.items, [&](XliffUnit& u) {
      for (XliffSegment& s : u.segments) {
        if (s.ignorable || !s.target) continue;
        auto found = store.FindExact(*src, s.source);
        if (!found.ok() || found->empty()) continue;
        const Variant* v = (*found)[0].Find(*tgt);
        if (v == nullptr) continue;
        s.target = v->segment;
        ++filled;
      }
    });
  }
  return filled;
}

void TmRoundTrip(const char* sample, const char* name, int expected_filled) {
  const std::string dir = testing::TempDir(std::string("xliff-tm-roundtrip-") + name);
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  ImportOptions options;
  options.all_states = true;
  auto summary = ImportXliff(WriteTemp(dir, name, sample), *store, options);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  XliffDocument doc = Read(sample);
  // Empty every target first so only the TM can bring them back.
  for (XliffFile& file : doc.files) {
    ForEachXliffUnit(file.items, [](XliffUnit& u) {
      if (!u.translatable()) return;
      for (XliffSegment& s : u.segments) {
        if (!s.ignorable && s.target) s.target = Segment{};
      }
    });
  }
  EXPECT_EQ(FillFromTm(doc, *store), expected_filled);
  auto written = WriteXliff(doc);
  ASSERT_TRUE(written.ok());
  auto a = testing::CanonicalXml(sample);
  auto b = testing::CanonicalXml(*written);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b) << *written;
}

TEST(XliffTmRoundTripTest, Xliff12ThroughTheTmIsCanonicallyIdentical) {
  // title, p1, p2 s1 and s2 come back from the TM; the byline is
  // translate="no": never imported, never emptied, written as it was.
  TmRoundTrip(testing::kXliff12Sample, "story12.xlf", 4);
}

TEST(XliffTmRoundTripTest, Xliff21ThroughTheTmIsCanonicallyIdentical) {
  TmRoundTrip(testing::kXliff21Sample, "story21.xlf", 4);
}

// ---------------------------------------------------------------- export

TEST(XliffExportTest, ExportsAPairAsValidXliff) {
  const std::string dir = testing::TempDir("xliff-export");
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  ImportOptions all;
  all.all_states = true;
  ASSERT_TRUE(ImportXliff(WriteTemp(dir, "a.xlf", testing::kXliff12Sample), *store, all).ok());
  ASSERT_TRUE(ImportXliff(WriteTemp(dir, "b.xlf", testing::kXliff21Sample), *store, all).ok());
  const std::string data = testing::SharedTestData();
  XliffExportOptions options;
  options.source = kEn;
  options.target = kDe;
  for (XliffVersion v : {XliffVersion::k12, XliffVersion::k21}) {
    const std::string out = dir + (IsXliff2(v) ? "/out21.xlf" : "/out12.xlf");
    auto summary = IsXliff2(v) ? ExportXliff21(*store, options, out) : ExportXliff12(*store, options, out);
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    // Four units from each file (the two titles differ in their codes);
    // 1.2 cannot carry the U+0003 of one 2.1 segment.
    EXPECT_EQ(summary->units, IsXliff2(v) ? 8u : 7u);
    EXPECT_EQ(summary->skipped.size(), IsXliff2(v) ? 0u : 1u);
    EXPECT_GT(summary->bytes, 1000u);
    auto report = ValidateFile(out);
    ASSERT_TRUE(report.ok());
    for (const Finding& f : report->findings) ADD_FAILURE() << f.ToString();
    if (!data.empty()) {
      XmlInput input;
      input.path = out;
      Status s = ValidateWithSchema(input, data + (IsXliff2(v) ? "/schemas/xliff_core_2.0.xsd"
                                                              : "/schemas/xliff-core-1.2-transitional.xsd"));
      EXPECT_TRUE(s.ok()) << s.error().ToString();
    }
    // Read back: the same units, codes and all.
    auto doc = ReadXliffFile(out);
    ASSERT_TRUE(doc.ok());
    int units = 0;
    bool saw_codes = false;
    ForEachXliffUnit(doc->files[0].items, true, [&](const XliffUnit& u, bool) {
      ++units;
      ASSERT_EQ(u.segments.size(), 1u);
      EXPECT_TRUE(u.segments[0].target.has_value());
      if (u.segments[0].source.text == "First sentence with bold.") {
        saw_codes = true;
        EXPECT_EQ(u.segments[0].source.codes.size(), 2u);
        EXPECT_EQ(u.segments[0].state, "final");
      }
    });
    EXPECT_EQ(units, static_cast<int>(summary->units));
    EXPECT_TRUE(saw_codes);
  }
  // A story that does not exist gives an empty, still valid, file.
  options.story_key = "no-such-story";
  auto empty = ExportXliff21(*store, options, dir + "/empty.xlf");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->units, 0u);
  auto report = ValidateFile(dir + "/empty.xlf");
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->valid());
}

// ---------------------------------------------------------------- translate-toolkit

TEST(XliffInteropTest, TranslateToolkitReadsLovcenXliff12) {
  if (std::system("command -v xliff2po >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "translate-toolkit (xliff2po) not installed: apt-get install translate-toolkit";
  }
  const std::string dir = testing::TempDir("xliff-ttk");
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  ASSERT_TRUE(ImportXliff(WriteTemp(dir, "a.xlf", testing::kXliff12Sample), *store).ok());
  XliffExportOptions options;
  options.source = kEn;
  options.target = kDe;
  const std::string xlf = dir + "/export.xlf";
  auto summary = ExportXliff12(*store, options, xlf);
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(summary->units, 3u);
  // Also the sample as lovcen rewrites it (groups, segments, foreign namespaces).
  auto rewritten = WriteXliff(Read(testing::kXliff12Sample));
  ASSERT_TRUE(rewritten.ok());
  const std::string xlf2 = WriteTemp(dir, "rewritten.xlf", *rewritten);
  for (const std::string& in : {xlf, xlf2}) {
    const std::string po = in + ".po";
    const std::string cmd = "xliff2po --progress=none '" + in + "' '" + po + "' >/dev/null 2>'" + in + ".err'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << testing::ReadFile(in + ".err");
    const std::string text = testing::ReadFile(po);
    int msgids = 0;
    for (std::size_t p = text.find("\nmsgid \""); p != std::string::npos; p = text.find("\nmsgid \"", p + 1)) {
      ++msgids;
    }
    if (in == xlf) {
      EXPECT_EQ(msgids - 1, 3) << text;  // minus the header entry
      EXPECT_NE(text.find("msgstr \"Parlament verabschiedet den neuen Haushalt\""), std::string::npos) << text;
      EXPECT_NE(text.find("msgid \"Second <i>one.\""), std::string::npos) << text;
      EXPECT_NE(text.find("msgstr \"Zweiter <i>Satz.\""), std::string::npos) << text;
      EXPECT_EQ(text.find("#, fuzzy\nmsgid \"Second"), std::string::npos) << text;  // approved="yes"
    } else {
      EXPECT_EQ(msgids - 1, 5) << text;  // the five trans-units
      EXPECT_NE(text.find("Untranslated yet:"), std::string::npos) << text;
      EXPECT_NE(text.find("By Ana Vuković, Podgorica"), std::string::npos) << text;
    }
  }
}

}  // namespace
}  // namespace lovcen::formats
