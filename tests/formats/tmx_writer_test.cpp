// The TMX writer: lovcen's layout, OmegaT-style codes for foreign codes,
// round trips TMX -> TM -> TMX compared on canonical XML, validity under the
// TMX 1.4b DTD, and translate-toolkit reading the output.
#include "lovcen/formats/tmx_writer.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>
#include <xercesc/sax2/Attributes.hpp>

#include "lovcen/formats/tmx.h"
#include "lovcen/tm_store.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

// Canonical XML (C14N 1.0 rules: attributes sorted by namespace URI then
// local name, C14N escaping, empty elements as start/end pairs, no comments
// or DOCTYPE) after dropping the white space the TMX DTD declares
// insignificant: text directly inside the element-only elements tmx,
// header, body, tu, tuv and ude.
class Canonicalizer : public xercesc::DefaultHandler {
 public:
  std::string out;

  void startElement(const XMLCh* const, const XMLCh* const, const XMLCh* const qname,
                    const xercesc::Attributes& attrs) override {
    FlushText();
    const std::string name = ToUtf8(qname);
    out += '<' + name;
    std::vector<std::tuple<std::string, std::string, std::string>> sorted;
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
      sorted.emplace_back(
          ToUtf8(attrs.getURI(i)), ToUtf8(attrs.getLocalName(i)),
          ' ' + ToUtf8(attrs.getQName(i)) + "=\"" + Escape(ToUtf8(attrs.getValue(i)), true) + '"');
    }
    std::sort(sorted.begin(), sorted.end());
    for (const auto& a : sorted) out += std::get<2>(a);
    out += '>';
    stack_.push_back(name);
  }
  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const qname) override {
    FlushText();
    out += "</" + ToUtf8(qname) + '>';
    stack_.pop_back();
  }
  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    text_ += ToUtf8(chars, length);
  }

 private:
  static std::string Escape(const std::string& s, bool attr) {
    std::string r;
    for (char c : s) {
      switch (c) {
        case '&':
          r += "&amp;";
          break;
        case '<':
          r += "&lt;";
          break;
        case '>':
          r += attr ? ">" : "&gt;";
          break;
        case '"':
          r += attr ? "&quot;" : "\"";
          break;
        case '\t':
          r += attr ? "&#x9;" : "\t";
          break;
        case '\n':
          r += attr ? "&#xA;" : "\n";
          break;
        case '\r':
          r += "&#xD;";
          break;
        default:
          r += c;
      }
    }
    return r;
  }
  void FlushText() {
    static const std::vector<std::string> kElementOnly = {"tmx", "header", "body",
                                                          "tu",  "tuv",    "ude"};
    const bool blank = text_.find_first_not_of(" \t\r\n") == std::string::npos;
    const bool element_only = !stack_.empty() && std::find(kElementOnly.begin(), kElementOnly.end(),
                                                           stack_.back()) != kElementOnly.end();
    if (!(blank && element_only)) out += Escape(text_, false);
    text_.clear();
  }
  std::vector<std::string> stack_;
  std::string text_;
};

std::string Canonical(const XmlInput& input) {
  Canonicalizer c;
  Status s = ParseXml(input, c);
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  return c.out;
}
std::string CanonicalFile(const std::string& path) {
  XmlInput in;
  in.path = path;
  return Canonical(in);
}
std::string CanonicalText(const std::string& xml) {
  XmlInput in;
  in.name = "memory";
  in.buffer = xml;
  return Canonical(in);
}

// A TMX in lovcen's layout with every inline code kind: bpt, ept, it (begin
// and end), ph (with a sub holding a nested code), hi (nested, holding codes,
// with a pair crossing its end), ut, empty codes; props, notes, extra
// attributes, dates, context, characters that need escaping, CR, tabs,
// characters outside the BMP.
constexpr char kRoundTrip[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="lovcen" creationtoolversion="0.1.0" srclang="en" adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="lovcen"/>
<body>
<tu tuid="n-1" creationdate="20250405T101500Z" creationid="desk" changedate="20250406T080000Z" usagecount="4">
  <prop type="x-origin">aligned</prop>
  <prop type="x-story">vijesti-2025-04-05</prop>
  <prop type="x-context-pre">The minister spoke.</prop>
  <prop type="x-context-post">He left.</prop>
  <note>checked by the desk</note>
  <prop type="x-confidence">0.93</prop>
  <prop type="tmx:odd">kept</prop>
  <tuv xml:lang="en" creationdate="20250405T101500Z" creationid="ana"><seg>The <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>new<ept i="1">&lt;/b&gt;</ept> law <ph x="2" type="image" assoc="p">&lt;img alt="<sub type="alt">Law &amp; <bpt i="9">&lt;i&gt;</bpt>order<ept i="9">&lt;/i&gt;</ept></sub>"/&gt;</ph> takes effect on <hi type="date" x="3">5 April <it pos="begin" x="4">&lt;i&gt;</it>2025</hi>.<ut x="5">{\par}</ut></seg></tuv>
  <tuv xml:lang="de" changedate="20250406T080000Z" changeid="ed">
    <prop type="x-context-pre">Der Minister sprach.</prop>
    <note>Umlaut &amp; Co.</note>
    <seg>Das <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>neue<ept i="1">&lt;/b&gt;</ept> Gesetz <ph x="2" type="image" assoc="p">&lt;img alt="<sub type="alt">Recht &amp; Ordnung</sub>"/&gt;</ph> gilt ab <hi type="date" x="3">5. April <it pos="begin" x="4">&lt;i&gt;</it>2025</hi>.<ut x="5">{\par}</ut></seg>
  </tuv>
  <tuv xml:lang="cnr-Latn"><seg>Novi <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>zakon<ept i="1">&lt;/b&gt;</ept> <ph x="2" type="image" assoc="p">&lt;img/&gt;</ph> važi od <hi type="date" x="3">5. aprila <it pos="begin" x="4">&lt;i&gt;</it>2025.</hi><ut x="5">{\par}</ut></seg></tuv>
  <tuv xml:lang="cnr-Cyrl"><seg>Нови <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>закон<ept i="1">&lt;/b&gt;</ept> <ph x="2" type="image" assoc="p">&lt;img/&gt;</ph> важи од <hi type="date" x="3">5. априла <it pos="begin" x="4">&lt;i&gt;</it>2025.</hi><ut x="5">{\par}</ut></seg></tuv>
</tu>
<tu creationdate="20250407T000000Z" changedate="20250407T000000Z">
  <prop type="x-origin">imported</prop>
  <prop type="file">story.xlf</prop>
  <prop type="prev">Before it.</prop>
  <prop type="next">After it.</prop>
  <tuv xml:lang="en"><seg>  <hi x="7">Outer <hi type="inner">inner <bpt i="2">&lt;g0&gt;</bpt>bold</hi> still<ept i="2">&lt;/g0&gt;</ept></hi> &amp; &lt;tags&gt; "quoted" 'single'&#13;
	tab and 😀 end<it pos="end">&lt;/i&gt;</it><ph/><ph x="8"></ph> </seg></tuv>
  <tuv xml:lang="de"><seg>Draußen <ph>&lt;x id="7"/&gt;</ph> 😀</seg></tuv>
</tu>
</body>
</tmx>
)";

struct ReadResult {
  TmxHeader header;
  std::vector<TmxUnit> units;
};

ReadResult ReadText(const std::string& xml) {
  ReadResult r;
  TmxReadCallbacks callbacks;
  callbacks.on_header = [&](const TmxHeader& h) {
    r.header = h;
    return Status::Ok();
  };
  callbacks.on_unit = [&](TmxUnit& u) {
    r.units.push_back(u);
    return Status::Ok();
  };
  XmlInput in;
  in.name = "memory";
  in.buffer = xml;
  Status s = ReadTmx(in, callbacks);
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  return r;
}

const std::vector<LanguageTag> kTargets = {LanguageTag(Language::kGerman),
                                           LanguageTag(Language::kMontenegrinLatin),
                                           LanguageTag(Language::kMontenegrinCyrillic)};

TEST(TmxWriterTest, RoundTripsEveryCodeKindThroughTranslationUnits) {
  ReadResult read = ReadText(kRoundTrip);
  ASSERT_EQ(read.units.size(), 2u);
  TmxUnitConverter converter;
  TmxWriterOptions options;
  options.targets = kTargets;
  auto writer = TmxWriter::InMemory(options);
  for (const TmxUnit& raw : read.units) {
    ConvertedTmxUnit c = converter.Convert(raw, read.header);
    ASSERT_TRUE(c.unit) << c.rejection->reason;
    EXPECT_TRUE(c.left_out.empty());
    // What the store keeps of the codes: their serialised form.
    for (Variant& v : c.unit->variants) {
      std::vector<InlineCode> codes;
      ASSERT_TRUE(DeserializeCodes(SerializeCodes(v.segment.codes), &codes));
      v.segment.codes = codes;
    }
    ASSERT_TRUE(writer->Write(*c.unit).ok());
  }
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(CanonicalText(writer->output()), CanonicalText(kRoundTrip));
  EXPECT_EQ(writer->units_written(), 2u);
}

TEST(TmxWriterTest, RoundTripsEveryCodeKindThroughTheSqliteStore) {
  const std::string dir = testing::TempDir("tmx-store-roundtrip");
  const std::string in_path = dir + "/in.tmx";
  const std::string out_path = dir + "/out.tmx";
  std::ofstream(in_path, std::ios::binary) << kRoundTrip;
  auto store = OpenSqliteStore(dir + "/tm.db");
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  auto summary = ImportTmx(in_path, **store);
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->added, 2u);
  EXPECT_TRUE(summary->rejected.empty());
  TmxExportOptions options;
  options.targets = kTargets;
  auto exported = ExportTmx(**store, options, out_path);
  ASSERT_TRUE(exported.ok()) << exported.error().ToString();
  EXPECT_EQ(exported->units, 2u);
  EXPECT_EQ(exported->bytes, std::filesystem::file_size(out_path));
  EXPECT_EQ(CanonicalFile(out_path), CanonicalText(kRoundTrip));
  // No temporary file is left beside the output.
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    files += e.path().filename().string().find(".tmp-") != std::string::npos;
  }
  EXPECT_EQ(files, 0u);
}

TEST(TmxWriterTest, RawCopiesOfTheLisaKitAreCanonicallyEqual) {
  const std::string shared = testing::SharedTestData();
  if (shared.empty()) GTEST_SKIP() << "shared testdata absent";
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(shared + "/tmx-lisa-compliance-kit")) {
    if (entry.path().extension() != ".tmx") continue;
    SCOPED_TRACE(entry.path().filename().string());
    TmxReadCallbacks callbacks;
    std::unique_ptr<TmxWriter> writer;
    callbacks.on_header = [&](const TmxHeader& h) {
      TmxWriterOptions options;
      options.raw_header = h;
      writer = TmxWriter::InMemory(options);
      return Status::Ok();
    };
    callbacks.on_unit = [&](TmxUnit& u) { return writer->WriteRaw(u); };
    XmlInput in;
    in.path = entry.path().string();
    Status s = ReadTmx(in, callbacks);
    ASSERT_TRUE(s.ok()) << s.error().ToString();
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(CanonicalText(writer->output()), CanonicalFile(in.path));
    ++files;
  }
  EXPECT_EQ(files, 23u);
}

Variant MakeVariant(Language language, std::string text) {
  Variant v;
  v.language = LanguageTag(language);
  v.segment.text = std::move(text);
  return v;
}

TranslationUnit UnitWithForeignCodes() {
  TranslationUnit u;
  u.tuid = "x-1";
  u.origin = Origin::kConfirmed;
  u.created = "2025-04-05T10:15:00Z";
  Variant en = MakeVariant(Language::kEnglish, "Click here now");
  // XLIFF 1.2 codes: <g id="1">here</g> <x id="7"/>, and an unpaired <bx>.
  en.segment.codes = {
      {CodeKind::kOpen, 6, "1", "g", {{"id", "1"}, {"ctype", "bold"}}, ""},
      {CodeKind::kClose, 10, "1", "g", {}, ""},
      {CodeKind::kStandalone, 11, "7", "x", {{"id", "7"}}, ""},
      {CodeKind::kOpen, 14, "3", "bx", {{"id", "3"}}, ""},
  };
  Variant de = MakeVariant(Language::kGerman, "Hier klicken");
  // HTML-like markup kept as native text, and an XLIFF bpt with its content.
  de.segment.codes = {
      {CodeKind::kOpen, 0, "1", "b", {}, "<b class=\"x\">"},
      {CodeKind::kClose, 4, "1", "b", {}, "</b>"},
      {CodeKind::kOpen, 5, "2", "bpt", {{"id", "2"}}, "&lt;i&gt;"},
      {CodeKind::kClose, 12, "2", "ept", {{"id", "2"}}, "&lt;/i&gt;"},
  };
  u.variants = {en, de};
  return u;
}

TEST(TmxWriterTest, WritesForeignCodesTheWayOmegaTMatchesThem) {
  TmxWriterOptions options;
  auto writer = TmxWriter::InMemory(options);
  ASSERT_TRUE(writer->Write(UnitWithForeignCodes()).ok());
  ASSERT_TRUE(writer->Finish().ok());
  const std::string& out = writer->output();
  EXPECT_NE(out.find("<tu tuid=\"x-1\" creationdate=\"20250405T101500Z\">\n"
                     "  <prop type=\"x-origin\">confirmed</prop>\n"),
            std::string::npos)
      << out;
  EXPECT_NE(
      out.find("<tuv xml:lang=\"en\"><seg>Click <bpt i=\"1\">&lt;g id=\"1\" ctype=\"bold\"&gt;"
               "</bpt>here<ept i=\"1\">&lt;/g&gt;</ept> <ph>&lt;x id=\"7\"/&gt;</ph>now"
               "<it pos=\"begin\">&lt;bx id=\"3\"&gt;</it></seg></tuv>"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("<tuv xml:lang=\"de\"><seg><bpt i=\"1\">&lt;b class=\"x\"&gt;</bpt>Hier"
                     "<ept i=\"1\">&lt;/b&gt;</ept> <bpt i=\"2\">&lt;i&gt;</bpt>klicken"
                     "<ept i=\"2\">&lt;/i&gt;</ept></seg></tuv>"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find(" x=\""), std::string::npos) << "OmegaT reads x as a position: none written";
}

TEST(TmxWriterTest, WritesEachReservedPropOnce) {
  TranslationUnit u = UnitWithForeignCodes();
  u.properties = {{"x-origin", "from-elsewhere"}, {"x-story", "other"}, {"x-kept", "yes"}};
  u.story_key = "s-1";
  auto writer = TmxWriter::InMemory(TmxWriterOptions{});
  ASSERT_TRUE(writer->Write(u).ok());
  const std::string& out = writer->output();
  EXPECT_NE(out.find("<prop type=\"x-origin\">confirmed</prop>"), std::string::npos) << out;
  EXPECT_NE(out.find("<prop type=\"x-story\">s-1</prop>"), std::string::npos);
  EXPECT_NE(out.find("<prop type=\"x-kept\">yes</prop>"), std::string::npos);
  EXPECT_EQ(out.find("from-elsewhere"), std::string::npos);
  EXPECT_EQ(out.find(">other<"), std::string::npos);
}

TEST(TmxWriterTest, WritesTheLovcenHeader) {
  TmxWriterOptions options;
  options.source = LanguageTag(Language::kMontenegrinLatin);
  auto writer = TmxWriter::InMemory(options);
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(writer->output(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
            "<tmx version=\"1.4\">\n"
            "<header creationtool=\"lovcen\" creationtoolversion=\"0.1.0\" srclang=\"cnr-Latn\" "
            "adminlang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" o-tmf=\"lovcen\"/>\n"
            "<body>\n</body>\n</tmx>\n");
}

TEST(TmxWriterTest, SkipsUnitsItCannotWriteAndStaysUsable) {
  TmxWriterOptions options;
  options.targets = {LanguageTag(Language::kGerman)};
  auto writer = TmxWriter::InMemory(options);
  TranslationUnit u = UnitWithForeignCodes();
  const std::string before = writer->output();

  TranslationUnit control = u;
  control.variants[1].segment.text = "bell \x07 here";
  Status s = writer->Write(control);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kBadInput);
  TranslationUnit nonchar = u;
  nonchar.properties.push_back({"note-ish", "\xEF\xBF\xBF"});
  EXPECT_EQ(writer->Write(nonchar).error().kind, Error::Kind::kBadInput);
  EXPECT_EQ(writer->output(), before) << "nothing of a refused unit is written";

  TranslationUnit no_target = u;
  no_target.variants.pop_back();
  EXPECT_EQ(writer->Write(no_target).error().kind, Error::Kind::kNotFound);
  TranslationUnit no_source = u;
  no_source.variants.erase(no_source.variants.begin());
  EXPECT_EQ(writer->Write(no_source).error().kind, Error::Kind::kNotFound);

  // A TMX-looking code whose native content is not XML is escaped, not pasted.
  TranslationUnit broken = u;
  broken.variants[0].segment.codes = {{CodeKind::kStandalone, 0, "", "ph", {}, "<script>"}};
  ASSERT_TRUE(writer->Write(broken).ok());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_NE(writer->output().find("<ph>&lt;script&gt;</ph>"), std::string::npos);
  EXPECT_EQ(writer->units_written(), 1u);
  EXPECT_FALSE(CanonicalText(writer->output()).empty());
}

TEST(TmxWriterTest, FailedFileWriterLeavesNothingBehind) {
  const std::string dir = testing::TempDir("tmx-writer-abandon");
  {
    auto writer = TmxWriter::Create(dir + "/out.tmx", TmxWriterOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(UnitWithForeignCodes()).ok());
  }  // destroyed without Finish()
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  auto bad = TmxWriter::Create(dir + "/no/such/dir/out.tmx", TmxWriterOptions{});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::kIo);
}

// Runs a shell command, returning its exit code and standard output.
std::pair<int, std::string> Shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, out};
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string WriteRoundTripOutput(const std::string& path) {
  ReadResult read = ReadText(kRoundTrip);
  TmxUnitConverter converter;
  TmxWriterOptions options;
  options.targets = kTargets;
  auto writer = TmxWriter::Create(path, options);
  EXPECT_TRUE(writer.ok());
  for (const TmxUnit& raw : read.units) {
    EXPECT_TRUE((*writer)->Write(*converter.Convert(raw, read.header).unit).ok());
  }
  EXPECT_TRUE((*writer)->Write(UnitWithForeignCodes()).ok());
  EXPECT_TRUE((*writer)->Finish().ok());
  return path;
}

TEST(TmxWriterTest, OutputIsValidUnderTheTmx14Dtd) {
  const std::string shared = testing::SharedTestData();
  if (shared.empty()) GTEST_SKIP() << "shared testdata absent";
  if (Shell("command -v xmllint").first != 0)
    GTEST_SKIP() << "xmllint absent (apt-get install libxml2-utils)";
  const std::string dir = testing::TempDir("tmx-dtd");
  // The DOCTYPE names tmx14.dtd beside the file: link the official one there.
  std::filesystem::create_symlink(shared + "/schemas/tmx14.dtd", dir + "/tmx14.dtd");
  const auto validate = [&](const std::string& path) {
    return Shell("xmllint --noout --nonet --dtdvalid '" + dir + "/tmx14.dtd' '" + path + "' 2>&1");
  };
  const std::string path = WriteRoundTripOutput(dir + "/out.tmx");
  auto [code, out] = validate(path);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out, "");
  // The check has teeth: a <tuv> without xml:lang is refused.
  std::string bad = testing::ReadFile(path);
  const std::string de_tuv = "<tuv xml:lang=\"de\"";
  bad.replace(bad.find(de_tuv), de_tuv.size(), "<tuv");
  std::ofstream(dir + "/bad.tmx") << bad;
  EXPECT_NE(validate(dir + "/bad.tmx").first, 0);
}

// translate-toolkit's own reader of lovcen's TMX: `tmx2po` when installed;
// Debian's translate-toolkit 3.8 ships no tmx2po, so otherwise its TMX
// storage class (translate.storage.tmx, what tmx2po would use) is called.
TEST(TmxWriterTest, TranslateToolkitReadsLovcenTmx) {
  const std::string dir = testing::TempDir("tmx-ttk");
  TmxWriterOptions options;
  options.targets = {LanguageTag(Language::kGerman)};
  auto writer = TmxWriter::Create(dir + "/out.tmx", options);
  ASSERT_TRUE(writer.ok());
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"The new law takes effect on 5 April.", "Das neue Gesetz gilt ab 5. April."},
      {"Prices & wages <rose> by 3%.", "Preise & Löhne <stiegen> um 3 %."},
      {"\"Quoted\" words, 'single' ones.", "„Zitierte“ Wörter, ‚einfache‘."},
  };
  for (const auto& [en, de] : pairs) {
    TranslationUnit u;
    u.created = "2025-04-05T10:15:00Z";
    u.variants = {MakeVariant(Language::kEnglish, en), MakeVariant(Language::kGerman, de)};
    ASSERT_TRUE((*writer)->Write(u).ok());
  }
  ASSERT_TRUE((*writer)->Finish().ok());
  const std::string tmx = dir + "/out.tmx";

  // Either way a Python script prints the unit count, then "source<TAB>target" lines.
  const char* kPrint =
      "print(len(units))\n"
      "for u in units:\n"
      "  sys.stdout.write(u.source + '\\t' + u.target + '\\n')\n";
  std::string script;
  std::string file = tmx;
  if (Shell("command -v tmx2po").first == 0) {
    auto [code, out] = Shell("tmx2po --language=de '" + tmx + "' '" + dir + "/out.po' 2>&1");
    ASSERT_EQ(code, 0) << out;
    script =
        std::string(
            "import sys\nfrom translate.storage import po\n"
            "units = [u for u in po.pofile.parsefile(sys.argv[1]).units if not u.isheader()]\n") +
        kPrint;
    file = dir + "/out.po";
  } else if (Shell("/usr/bin/python3 -c 'import translate.storage.tmx' 2>/dev/null").first == 0) {
    std::cerr << "[ NOTE     ] tmx2po is not installed (Debian's translate-toolkit 3.8 has none); "
                 "reading with translate-toolkit's translate.storage.tmx instead\n";
    script = std::string(
                 "import sys\nfrom translate.storage import tmx\n"
                 "units = list(tmx.tmxfile.parsefile(sys.argv[1]).units)\n") +
             kPrint;
  } else {
    GTEST_SKIP() << "translate-toolkit absent (apt-get install translate-toolkit): not checked";
  }
  std::ofstream(dir + "/read.py") << script;
  auto [code, out] =
      Shell("PYTHONIOENCODING=utf-8 /usr/bin/python3 '" + dir + "/read.py' '" + file + "' 2>&1");
  ASSERT_EQ(code, 0) << out;
  std::istringstream lines(out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, std::to_string(pairs.size())) << out;
  std::vector<std::pair<std::string, std::string>> got;
  while (std::getline(lines, line)) {
    const std::size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    got.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  EXPECT_EQ(got, pairs);
}

}  // namespace
}  // namespace lovcen::formats
