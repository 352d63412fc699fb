// TmxUnit -> TranslationUnit (languages, order, dates, context, what is
// kept), and ImportTmx/ExportTmx against the SQLite store: rejections with
// reasons, duplicate policies, the LISA kit, and hostile files that must
// leave the TM unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lovcen/formats/importer.h"
#include "lovcen/formats/tmx.h"
#include "lovcen/tm_store.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

const LanguageTag kEn(Language::kEnglish);
const LanguageTag kDe(Language::kGerman);
const LanguageTag kCnr(Language::kMontenegrinLatin);

std::string Tmx(const std::string& body, const std::string& srclang = "en") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<tmx version=\"1.4\">\n"
         "<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" "
         "adminlang=\"en\" srclang=\"" +
         srclang +
         "\" datatype=\"plaintext\"/>\n"
         "<body>\n" +
         body + "</body>\n</tmx>\n";
}

struct Parsed {
  TmxHeader header;
  std::vector<TmxUnit> units;
};

Parsed Parse(const std::string& xml) {
  Parsed p;
  TmxReadCallbacks callbacks;
  callbacks.on_header = [&](const TmxHeader& h) {
    p.header = h;
    return Status::Ok();
  };
  callbacks.on_unit = [&](TmxUnit& u) {
    p.units.push_back(u);
    return Status::Ok();
  };
  XmlInput in;
  in.buffer = xml;
  Status s = ReadTmx(in, callbacks);
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  return p;
}

ConvertedTmxUnit ConvertOne(const std::string& body, const TagOptions& tags = {},
                            const std::string& srclang = "en") {
  Parsed p = Parse(Tmx(body, srclang));
  EXPECT_EQ(p.units.size(), 1u);
  TmxUnitConverter converter(tags);
  return converter.Convert(p.units.at(0), p.header);
}

const Property* FindProperty(const TranslationUnit& u, const std::string& name) {
  for (const Property& p : u.properties) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(TmxConvertTest, MapsDatesIdsContextAndProperties) {
  ConvertedTmxUnit c = ConvertOne(
      "<tu tuid=\"t7\" creationdate=\"20250405T101500Z\" changedate=\"20250406T080000Z\" "
      "creationid=\"ana\" changeid=\"ed\" usagecount=\"2\" srclang=\"de\">\n"
      " <prop type=\"x-origin\">confirmed</prop><prop type=\"x-story\">s-9</prop>\n"
      " <prop type=\"x-context-pre\">Davor.</prop><prop type=\"x-context-post\">Danach.</prop>\n"
      " <note>a note</note><prop type=\"domain\">politics</prop><prop type=\"tmx:odd\">v</prop>\n"
      " <tuv xml:lang=\"en\" creationdate=\"2025-04-01T00:00:00Z\" lastusagedate=\"bad\">"
      "<prop type=\"x-context-pre\">Before.</prop><note>en note</note><seg>Hello</seg></tuv>\n"
      " <tuv xml:lang=\"de\" creationid=\"bo\" changedate=\"yesterday\"><seg>Hallo</seg></tuv>\n"
      "</tu>\n");
  ASSERT_TRUE(c.unit) << c.rejection->reason;
  const TranslationUnit& u = *c.unit;
  EXPECT_EQ(u.tuid, "t7");
  EXPECT_EQ(u.created, "2025-04-05T10:15:00Z");
  EXPECT_EQ(u.changed, "2025-04-06T08:00:00Z");
  EXPECT_EQ(u.author, "ana");
  EXPECT_EQ(u.origin, Origin::kConfirmed);
  EXPECT_EQ(u.story_key, "s-9");
  ASSERT_EQ(u.variants.size(), 2u);
  // tu srclang="de": German first, with the tu-level context.
  EXPECT_EQ(u.variants[0].language, kDe);
  EXPECT_EQ(u.variants[0].context_pre, "Davor.");
  EXPECT_EQ(u.variants[0].context_post, "Danach.");
  EXPECT_EQ(u.variants[0].author, "bo");
  EXPECT_EQ(u.variants[0].changed, "");  // not a date: kept as an attribute instead
  EXPECT_EQ(u.variants[1].language, kEn);
  EXPECT_EQ(u.variants[1].context_pre, "Before.");
  EXPECT_EQ(u.variants[1].created, "2025-04-01T00:00:00Z");  // ISO accepted too
  const std::vector<Property> expected = {
      {"tmx:@changeid", "ed"},
      {"tmx:@usagecount", "2"},
      {"tmx:tuv:de:@changedate", "yesterday"},
      {"tmx:tuv:en:@lastusagedate", "bad"},
      {"tmx:tuv:en:note", "en note"},
      {"tmx:note", "a note"},
      {"domain", "politics"},
      {"tmx:prop:tmx:odd", "v"},
  };
  std::vector<Property> sorted_got = u.properties, sorted_expected = expected;
  const auto by_name = [](const Property& a, const Property& b) { return a.name < b.name; };
  std::sort(sorted_got.begin(), sorted_got.end(), by_name);
  std::sort(sorted_expected.begin(), sorted_expected.end(), by_name);
  EXPECT_EQ(sorted_got, sorted_expected);
  EXPECT_TRUE(c.left_out.empty());
}

TEST(TmxConvertTest, OmegaTPrevNextGiveTheSourceContextAndStay) {
  ConvertedTmxUnit c = ConvertOne(
      "<tu><prop type=\"file\">a.xlf</prop><prop type=\"prev\">Before.</prop>"
      "<prop type=\"next\">After.</prop>"
      "<tuv xml:lang=\"EN\"><seg>Now.</seg></tuv><tuv xml:lang=\"cnr-Latn\"><seg>Sad.</seg></tuv>"
      "</tu>\n");
  ASSERT_TRUE(c.unit);
  EXPECT_EQ(c.unit->variants[0].context_pre, "Before.");
  EXPECT_EQ(c.unit->variants[0].context_post, "After.");
  ASSERT_NE(FindProperty(*c.unit, "prev"), nullptr);
  ASSERT_NE(FindProperty(*c.unit, "file"), nullptr);
  EXPECT_EQ(c.unit->variants[1].language, kCnr);
}

TEST(TmxConvertTest, RegionsNeedFoldRegionsAndUnknownLanguagesAreRefused) {
  const std::string body =
      "<tu><tuv xml:lang=\"EN-US\"><seg>Text</seg></tuv><tuv xml:lang=\"fr-CA\"><seg>Texte</seg>"
      "</tuv><tuv xml:lang=\"de-AT\"><seg>Text (AT)</seg></tuv></tu>\n";
  ConvertedTmxUnit strict = ConvertOne(body, {}, "EN-US");
  EXPECT_FALSE(strict.unit);
  ASSERT_TRUE(strict.rejection);
  EXPECT_EQ(strict.rejection->where, "tu at line 5");
  EXPECT_NE(strict.rejection->reason.find("variant 'EN-US' left out: language tag 'EN-US' has a "
                                          "region; pass --fold-regions"),
            std::string::npos)
      << strict.rejection->reason;
  EXPECT_NE(strict.rejection->reason.find("unknown language tag 'fr-CA'"), std::string::npos);

  Parsed p = Parse(Tmx(body, "EN-US"));
  TagOptions fold;
  fold.fold_regions = true;
  TmxUnitConverter converter(fold);
  ConvertedTmxUnit folded = converter.Convert(p.units[0], p.header);
  ASSERT_TRUE(folded.unit);
  ASSERT_EQ(folded.unit->variants.size(), 2u);
  EXPECT_EQ(folded.unit->variants[0].language, kEn);
  EXPECT_EQ(folded.unit->variants[1].language, kDe);
  ASSERT_EQ(folded.left_out.size(), 1u);
  EXPECT_EQ(folded.left_out[0].reason,
            "variant 'fr-CA' left out: unknown language tag 'fr-CA' (lovcen knows en, de, "
            "cnr-Latn, cnr-Cyrl)");
  const std::vector<std::string> warnings = converter.TakeWarnings();
  EXPECT_EQ(warnings, (std::vector<std::string>{"language tag 'EN-US' read as 'en'",
                                                "language tag 'de-AT' read as 'de'"}));
  converter.Convert(p.units[0], p.header);
  EXPECT_TRUE(converter.TakeWarnings().empty()) << "each alias is reported once";
}

TEST(TmxConvertTest, LeavesOutDuplicateLanguagesAndEmptySegments) {
  TagOptions fold;
  fold.fold_regions = true;
  ConvertedTmxUnit c = ConvertOne(
      "<tu><tuv xml:lang=\"en-us\"><seg>Color</seg></tuv><tuv xml:lang=\"en-gb\"><seg>Colour</seg>"
      "</tuv><tuv xml:lang=\"de\"><seg></seg></tuv><tuv "
      "xml:lang=\"cnr\"><seg>Boja</seg></tuv></tu>\n",
      fold);
  ASSERT_TRUE(c.unit);
  ASSERT_EQ(c.unit->variants.size(), 2u);
  EXPECT_EQ(c.unit->variants[0].segment.text, "Color");
  EXPECT_EQ(c.unit->variants[1].language, kCnr);
  ASSERT_EQ(c.left_out.size(), 2u);
  EXPECT_EQ(c.left_out[0].reason, "variant 'en-gb' left out: a second variant in en");
  EXPECT_EQ(c.left_out[1].reason, "variant 'de' left out: empty segment");
}

TEST(TmxConvertTest, RejectsUnitsWithAProblem) {
  ConvertedTmxUnit c = ConvertOne(
      "<tu tuid=\"p\"><tuv xml:lang=\"en\"><seg>a <x/></seg></tuv>"
      "<tuv xml:lang=\"de\"><seg>b</seg></tuv></tu>\n");
  EXPECT_FALSE(c.unit);
  ASSERT_TRUE(c.rejection);
  EXPECT_EQ(c.rejection->where, "tu 'p' (line 5)");
  EXPECT_EQ(c.rejection->reason, "<x> at line 5 is not allowed in <seg>");
}

TEST(TmxConvertTest, NormalisesTextToNfcRunByRun) {
  // "Cafe\u0301 <ph/>e\u0301" in NFD: each run shrinks by one byte.
  ConvertedTmxUnit c = ConvertOne(
      "<tu><tuv xml:lang=\"en\"><seg>Cafe\xCC\x81<ph x=\"1\">&lt;br/&gt;</ph>e\xCC\x81!</seg></tuv>"
      "<tuv xml:lang=\"de\"><seg>x</seg></tuv></tu>\n");
  ASSERT_TRUE(c.unit);
  const Segment& s = c.unit->variants[0].segment;
  EXPECT_EQ(s.text, "Caf\xC3\xA9\xC3\xA9!");
  ASSERT_EQ(s.codes.size(), 1u);
  EXPECT_EQ(s.codes[0].offset, 5u);
}

// --- against the SQLite store ----------------------------------------------

class TmxStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto store = OpenSqliteStore(dir_ + "/tm.db");
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(*store);
  }
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::int64_t Units() { return store_->Stats()->units; }
  // Every unit as text, to see that nothing changed.
  std::string Dump() {
    std::string out;
    Status s = store_->ForEachUnit({}, [&](const TranslationUnit& u) {
      out += u.tuid + "|" + u.changed + "|";
      for (const Variant& v : u.variants)
        out += std::string(v.language.str()) + "=" + v.segment.text + ";";
      out += "\n";
      return true;
    });
    EXPECT_TRUE(s.ok());
    return out;
  }

  std::string dir_;
  std::unique_ptr<TmStore> store_;
};

std::string Unit(const std::string& id, const std::string& en, const std::string& de,
                 const std::string& date = "20250405T101500Z") {
  return "<tu tuid=\"" + id + "\" creationdate=\"" + date + "\" changedate=\"" + date +
         "\"><tuv xml:lang=\"en\"><seg>" + en + "</seg></tuv><tuv xml:lang=\"de\"><seg>" + de +
         "</seg></tuv></tu>\n";
}

TEST_F(TmxStoreTest, ImportsAndReportsAddedUpdatedSkippedAndRejected) {
  const std::string a =
      Write("a.tmx", Tmx(Unit("1", "One.", "Eins.") + Unit("2", "Two.", "Zwei.") +
                         "<tu><tuv xml:lang=\"en\"><seg>Alone.</seg></tuv></tu>\n"));
  auto first = ImportTmx(a, *store_);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->added, 2u);
  ASSERT_EQ(first->rejected.size(), 1u);
  EXPECT_EQ(first->rejected[0].where, a + ": tu at line 7");
  EXPECT_EQ(first->rejected[0].reason, "only one variant lovcen can use");

  // Same file again: duplicates. A newer translation: updated (newer wins).
  auto again = ImportTmx(a, *store_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates_skipped, 2u);
  const std::string b = Write("b.tmx", Tmx(Unit("1", "One.", "Ein.", "20250501T000000Z") +
                                           Unit("2", "Two.", "Zwo.", "20240101T000000Z")));
  auto newer = ImportTmx(b, *store_);
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(newer->updated, 1u);
  EXPECT_EQ(newer->duplicates_skipped, 1u);  // the older one loses
  WriteOptions skip;
  skip.on_duplicate = DuplicatePolicy::kSkip;
  const std::string c = Write("c.tmx", Tmx(Unit("1", "One.", "Eines.", "20260101T000000Z")));
  EXPECT_EQ(ImportTmx(c, *store_, {}, skip)->duplicates_skipped, 1u);
  WriteOptions both;
  both.on_duplicate = DuplicatePolicy::kKeepBoth;
  EXPECT_EQ(ImportTmx(c, *store_, {}, both)->added, 1u);
  EXPECT_EQ(Units(), 3);
}

TEST_F(TmxStoreTest, CountsLeftOutVariantsOncePerReason) {
  std::string body;
  for (int i = 0; i < 3; ++i) {
    body += "<tu><tuv xml:lang=\"en\"><seg>S" + std::to_string(i) +
            "</seg></tuv><tuv xml:lang=\"de\"><seg>D</seg></tuv><tuv xml:lang=\"fr\"><seg>F</seg>"
            "</tuv></tu>\n";
  }
  const std::string path = Write("three.tmx", Tmx(body));
  auto s = ImportTmx(path, *store_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->added, 3u);
  ASSERT_EQ(s->rejected.size(), 1u);
  EXPECT_EQ(s->rejected[0].where, path + ": 3 units (first: tu at line 5)");
  EXPECT_EQ(s->rejected[0].reason,
            "variant 'fr' left out: unknown language tag 'fr' (lovcen knows en, de, cnr-Latn, "
            "cnr-Cyrl)");
}

TEST_F(TmxStoreTest, StoryOptionAppliesToUnitsWithoutXStory) {
  const std::string path = Write(
      "s.tmx", Tmx(Unit("1", "One.", "Eins.") +
                   "<tu><prop type=\"x-story\">own</prop><tuv xml:lang=\"en\"><seg>Two.</seg></tuv>"
                   "<tuv xml:lang=\"de\"><seg>Zwei.</seg></tuv></tu>\n"));
  ImportOptions options;
  options.story_key = "given";
  ASSERT_TRUE(ImportTmx(path, *store_, options).ok());
  std::vector<std::string> stories;
  ASSERT_TRUE(store_
                  ->ForEachUnit({},
                                [&](const TranslationUnit& u) {
                                  stories.push_back(u.story_key);
                                  return true;
                                })
                  .ok());
  EXPECT_EQ(stories, (std::vector<std::string>{"given", "own"}));

  TmxExportOptions export_options;
  export_options.targets = {kDe};
  export_options.story_key = "own";
  auto exported = ExportTmx(*store_, export_options, dir_ + "/own.tmx");
  ASSERT_TRUE(exported.ok());
  EXPECT_EQ(exported->units, 1u);
  EXPECT_NE(testing::ReadFile(dir_ + "/own.tmx").find("<seg>Zwei.</seg>"), std::string::npos);
  export_options.targets = {kCnr};
  export_options.story_key.clear();
  EXPECT_EQ(ExportTmx(*store_, export_options, dir_ + "/none.tmx")->units, 0u);
}

// Each hostile file fails with a clear error and the TM stays as it was,
// even when good units came before the bad part.
TEST_F(TmxStoreTest, HostileInputLeavesTheTmUnchanged) {
  ASSERT_TRUE(ImportTmx(Write("base.tmx", Tmx(Unit("b", "Base.", "Basis."))), *store_).ok());
  const std::string before = Dump();
  ASSERT_EQ(Units(), 1);

  const std::string good =
      Unit("g1", "Good one.", "Gut eins.") + Unit("g2", "Good two.", "Gut zwei.");
  std::string laughs = "<!DOCTYPE tmx [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    laughs += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&l" + std::to_string(i - 1) + ";";
    laughs += "\">";
  }
  laughs += "]>";
  std::string deep = "<tu><tuv xml:lang=\"en\"><seg>";
  for (int i = 0; i < 100000; ++i) deep += "<hi>";
  const std::string whole = Tmx(good + Unit("g3", "Good three.", "Gut drei."));

  struct Case {
    std::string name, content, message;
  };
  const std::vector<Case> cases = {
      {"xxe.tmx",
       "<?xml version=\"1.0\"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
           Tmx(good + Unit("x", "&xxe;", "x")).substr(39),
       "external entity 'file:///etc/passwd' refused"},
      {"laughs.tmx",
       "<?xml version=\"1.0\"?>" + laughs + Tmx(good + Unit("l", "&l9;", "x")).substr(39), "entit"},
      {"deep.tmx", Tmx(good + deep), "nested deeper than 512"},
      {"utf8.tmx", Tmx(good + Unit("u", "bad \xC3\x28 byte", "x")), "invalid UTF-8 (byte 0xc3"},
      {"truncated.tmx", whole.substr(0, whole.size() - 60), ""},
      {"root.tmx", "<?xml version=\"1.0\"?><xliff version=\"1.2\"><file/></xliff>",
       "root element is <xliff>, not <tmx>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = Write(c.name, c.content);
    auto result = ImportTmx(path, *store_);
    ASSERT_FALSE(result.ok());
    const Error& e = result.error();
    EXPECT_EQ(e.kind, Error::Kind::kBadInput);
    EXPECT_EQ(e.file, path);
    EXPECT_NE(e.message.find(c.message), std::string::npos) << e.ToString();
    EXPECT_EQ(e.message.find("root:x:0:0"), std::string::npos) << "no file content leaks";
    EXPECT_EQ(Dump(), before);
  }
}

TEST_F(TmxStoreTest, TooManyRejectedUnitsStopTheImport) {
  const std::string path = dir_ + "/fr.tmx";
  {
    std::ofstream out(path, std::ios::binary);
    out << Tmx("").substr(0, Tmx("").find("</body>"));
    for (std::size_t i = 0; i <= kTmxMaxRejectedUnits; ++i) {
      out << "<tu><tuv xml:lang=\"fr\"><seg>" << i << "</seg></tuv><tuv xml:lang=\"es\"><seg>" << i
          << "</seg></tuv></tu>\n";
    }
    out << Unit("last", "Last.", "Letzte.") << "</body></tmx>\n";
  }
  auto result = ImportTmx(path, *store_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("more than 100000 units rejected"), std::string::npos)
      << result.error().ToString();
  EXPECT_EQ(Units(), 0);
}

TEST_F(TmxStoreTest, DetectsAndImportsEveryFileOfTheLisaKit) {
  const std::string shared = testing::SharedTestData();
  if (shared.empty()) GTEST_SKIP() << "shared testdata absent";
  ImportOptions options;
  options.tags.fold_regions = true;
  std::size_t files = 0, added = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(shared + "/tmx-lisa-compliance-kit")) {
    if (entry.path().extension() != ".tmx") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto format = DetectFormat(entry.path().string());
    ASSERT_TRUE(format.ok()) << format.error().ToString();
    EXPECT_EQ(*format, FileFormat::kTmx);
    auto writer = store_->BeginWrite();
    ASSERT_TRUE(writer.ok());
    Status s = ImportInto(entry.path().string(), FileFormat::kUnknown, **writer, options);
    ASSERT_TRUE(s.ok()) << s.error().ToString();
    ASSERT_TRUE((*writer)->Commit().ok());
    const WriteSummary& summary = (*writer)->summary();
    added += summary.added;
    for (const Rejection& r : summary.rejected) EXPECT_FALSE(r.reason.empty());
    ++files;
  }
  EXPECT_EQ(files, 23u);
  // With --fold-regions only ImportTest1K's first unit (de-de, en-gb) is in
  // two languages lovcen knows; every other unit holds fr, es, ja or two
  // English variants, and is rejected with its reason.
  EXPECT_EQ(added, 1u);
  EXPECT_EQ(Units(), 1);
}

TEST_F(TmxStoreTest, DetectsTmxByContentWhateverTheName) {
  const std::string path = Write("memory.txt", Tmx(Unit("1", "One.", "Eins.")));
  auto format = DetectFormat(path);
  ASSERT_TRUE(format.ok());
  EXPECT_EQ(*format, FileFormat::kTmx);
}

}  // namespace
}  // namespace lovcen::formats
