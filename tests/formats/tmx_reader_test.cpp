// The streaming TMX reader: inline codes, attributes, legacy forms, problems
// inside a unit, sniffing, dates, and input it must refuse.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lovcen/formats/tmx.h"

namespace lovcen::formats {
namespace {

constexpr char kHead[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
    "<tmx version=\"1.4\">\n"
    "<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\"\n"
    "        adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n"
    "<body>\n";
constexpr char kTail[] = "</body>\n</tmx>\n";

struct Read {
  Status status;
  TmxHeader header;
  std::vector<TmxUnit> units;
};

Read ReadString(const std::string& xml, const XmlLimits& limits = {}) {
  Read read;
  TmxReadCallbacks callbacks;
  callbacks.on_header = [&](const TmxHeader& h) {
    read.header = h;
    return Status::Ok();
  };
  callbacks.on_unit = [&](TmxUnit& u) {
    read.units.push_back(u);
    return Status::Ok();
  };
  XmlInput input;
  input.name = "test.tmx";
  input.buffer = xml;
  read.status = ReadTmx(input, callbacks, limits);
  return read;
}

Read ReadBody(const std::string& body) { return ReadString(kHead + body + kTail); }

TEST(TmxReaderTest, ReadsEveryInlineCodeKind) {
  Read r = ReadBody(
      "<tu tuid=\"7\">\n"
      " <tuv xml:lang=\"en\"><seg>A <bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b></bpt>bold<ept "
      "i=\"1\">&lt;/b></ept> pic <ph x=\"2\" type=\"image\">&lt;img alt=\"<sub type=\"alt\">An "
      "&amp; B</sub>\"/></ph> <hi type=\"term\" x=\"3\">key <it pos=\"begin\" x=\"4\">&lt;i></it>"
      "term</hi>.<ut x=\"5\">{\\b}</ut></seg></tuv>\n"
      " <tuv xml:lang=\"de\"><seg>B</seg></tuv>\n"
      "</tu>\n");
  ASSERT_TRUE(r.status.ok()) << r.status.error().ToString();
  ASSERT_EQ(r.units.size(), 1u);
  const Segment& s = r.units[0].variants[0].segment;
  EXPECT_EQ(s.text, "A bold pic  key term.");
  ASSERT_EQ(s.codes.size(), 7u);

  EXPECT_EQ(s.codes[0].kind, CodeKind::kOpen);
  EXPECT_EQ(s.codes[0].element, "bpt");
  EXPECT_EQ(s.codes[0].id, "1");
  EXPECT_EQ(s.codes[0].offset, 2u);
  EXPECT_EQ(s.codes[0].native, "&lt;b&gt;");
  const TmxAttributes bpt_attrs{{"i", "1"}, {"x", "1"}, {"type", "bold"}};
  EXPECT_EQ(s.codes[0].attributes, bpt_attrs);

  EXPECT_EQ(s.codes[1].kind, CodeKind::kClose);
  EXPECT_EQ(s.codes[1].element, "ept");
  EXPECT_EQ(s.codes[1].offset, 6u);

  EXPECT_EQ(s.codes[2].kind, CodeKind::kStandalone);
  EXPECT_EQ(s.codes[2].element, "ph");
  EXPECT_EQ(s.codes[2].id, "2");
  EXPECT_EQ(s.codes[2].offset, 11u);
  EXPECT_EQ(s.codes[2].native, "&lt;img alt=\"<sub type=\"alt\">An &amp; B</sub>\"/&gt;");

  EXPECT_EQ(s.codes[3].kind, CodeKind::kOpen);
  EXPECT_EQ(s.codes[3].element, "hi");
  EXPECT_EQ(s.codes[3].id, "3");
  EXPECT_EQ(s.codes[3].offset, 12u);
  EXPECT_EQ(s.codes[3].native, "");

  EXPECT_EQ(s.codes[4].element, "it");
  EXPECT_EQ(s.codes[4].kind, CodeKind::kStandalone);
  EXPECT_EQ(s.codes[4].offset, 16u);

  EXPECT_EQ(s.codes[5].kind, CodeKind::kClose);
  EXPECT_EQ(s.codes[5].element, "hi");
  EXPECT_EQ(s.codes[5].id, "3");
  EXPECT_TRUE(s.codes[5].attributes.empty());
  EXPECT_EQ(s.codes[5].offset, 20u);

  EXPECT_EQ(s.codes[6].element, "ut");
  EXPECT_EQ(s.codes[6].native, "{\\b}");
  EXPECT_EQ(s.codes[6].offset, 21u);
}

TEST(TmxReaderTest, KeepsWhiteSpaceAndCharacterReferencesInSeg) {
  Read r = ReadBody(
      "<tu><tuv xml:lang=\"en\"><seg>  two\tspaces &#x20;&#13;\n line &#x1F600;</seg></tuv>"
      "<tuv xml:lang=\"de\"><seg>x</seg></tuv></tu>");
  ASSERT_TRUE(r.status.ok()) << r.status.error().ToString();
  EXPECT_EQ(r.units[0].variants[0].segment.text, "  two\tspaces  \r\n line \xF0\x9F\x98\x80");
}

TEST(TmxReaderTest, ReadsAttributesNotesAndPropsInOrder) {
  Read r = ReadBody(
      "<tu tuid=\"a1\" creationdate=\"20250405T101500Z\" creationid=\"ana\" usagecount=\"3\">\n"
      " <prop type=\"x-context-pre\">Before.</prop>\n"
      " <note>A note</note>\n"
      " <prop type=\"x-story\" xml:lang=\"en\">s-1</prop>\n"
      " <tuv lang=\"EN\" changedate=\"20250406T000000Z\"><prop "
      "type=\"p\">v</prop><seg>Hi</seg></tuv>\n"
      " <tuv xml:lang=\"cnr-Latn\"><seg>Zdravo</seg></tuv>\n"
      "</tu>");
  ASSERT_TRUE(r.status.ok()) << r.status.error().ToString();
  const TmxUnit& u = r.units.at(0);
  EXPECT_EQ(u.tuid(), "a1");
  EXPECT_EQ(u.line, 7);
  EXPECT_EQ(u.Where(), "tu 'a1' (line 7)");
  const TmxAttributes attrs{{"tuid", "a1"},
                            {"creationdate", "20250405T101500Z"},
                            {"creationid", "ana"},
                            {"usagecount", "3"}};
  EXPECT_EQ(u.attributes, attrs);
  ASSERT_EQ(u.annotations.size(), 3u);
  EXPECT_EQ(u.annotations[0].type(), "x-context-pre");
  EXPECT_EQ(u.annotations[0].text, "Before.");
  EXPECT_EQ(u.annotations[1].kind, TmxAnnotation::Kind::kNote);
  EXPECT_EQ(u.annotations[1].type(), "");
  const TmxAttributes prop_attrs{{"type", "x-story"}, {"xml:lang", "en"}};
  EXPECT_EQ(u.annotations[2].attributes, prop_attrs);
  ASSERT_EQ(u.variants.size(), 2u);
  EXPECT_EQ(u.variants[0].lang, "EN");  // legacy lang, as written
  EXPECT_EQ(u.variants[0].annotations.at(0).text, "v");
  EXPECT_EQ(u.variants[1].lang, "cnr-Latn");
  EXPECT_EQ(r.header.srclang(), "en");
}

TEST(TmxReaderTest, ReportsProblemsInsideAUnitAndGoesOn) {
  Read r = ReadBody(
      "<tu><tuv xml:lang=\"en\"><seg>a <b>bold</b></seg></tuv><tuv xml:lang=\"de\"><seg>b</seg>"
      "</tuv></tu>\n"
      "<tu><tuv><seg>no language</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><note>no seg</note></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg><bpt>x</bpt></seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg><it>x</it></seg></tuv></tu>\n"
      "<tu></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>fine</seg></tuv></tu>\n");
  ASSERT_TRUE(r.status.ok()) << r.status.error().ToString();
  ASSERT_EQ(r.units.size(), 7u);
  EXPECT_EQ(r.units[0].problem, "<b> at line 7 is not allowed in <seg>");
  EXPECT_EQ(r.units[1].problem, "<tuv> at line 8 has no xml:lang");
  EXPECT_EQ(r.units[2].problem, "<tuv> at line 9 has no <seg>");
  EXPECT_EQ(r.units[3].problem, "<bpt> at line 10 has no i attribute");
  EXPECT_EQ(r.units[4].problem, "<it> at line 11 needs pos=\"begin\" or pos=\"end\"");
  EXPECT_EQ(r.units[5].problem, "<tu> has no <tuv>");
  EXPECT_EQ(r.units[6].problem, "");
  // The unit after a problem starts clean (the reader reuses its buffers).
  EXPECT_EQ(r.units[6].variants.size(), 1u);
  EXPECT_EQ(r.units[6].variants[0].segment.codes.size(), 0u);
}

TEST(TmxReaderTest, CallbackErrorStopsTheReadAndIsReturned) {
  int seen = 0;
  TmxReadCallbacks callbacks;
  callbacks.on_unit = [&](TmxUnit&) -> Status {
    if (++seen == 2) return StoreError("disk full");
    return Status::Ok();
  };
  const std::string xml = std::string(kHead) +
                          "<tu><tuv xml:lang=\"en\"><seg>1</seg></tuv></tu>"
                          "<tu><tuv xml:lang=\"en\"><seg>2</seg></tuv></tu>"
                          "<tu><tuv xml:lang=\"en\"><seg>3</seg></tuv></tu>" +
                          kTail;
  XmlInput input;
  input.buffer = xml;
  Status s = ReadTmx(input, callbacks);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kStore);
  EXPECT_EQ(s.error().message, "disk full");
  EXPECT_EQ(seen, 2);
}

TEST(TmxReaderTest, ReadsUtf16WithoutBom) {
  const std::string head(kHead);
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>" +
                          head.substr(head.find('\n')) +
                          "<tu><tuv xml:lang=\"en\"><seg>\xC5\xBEivot</seg></tuv></tu>" + kTail;
  // Encode as UTF-16LE by hand (the text is ASCII plus U+017E).
  std::string utf16;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    unsigned c = static_cast<unsigned char>(xml[i]);
    if (c == 0xC5) {
      c = 0x17E;
      ++i;
    }
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  Read read = ReadString(utf16);
  ASSERT_TRUE(read.status.ok()) << read.status.error().ToString();
  EXPECT_EQ(read.units.at(0).variants.at(0).segment.text, "\xC5\xBEivot");
}

TEST(TmxReaderTest, ConvertsDates) {
  EXPECT_EQ(TmxDateToIso("20250405T101500Z"), "2025-04-05T10:15:00Z");
  EXPECT_EQ(IsoToTmxDate("2025-04-05T10:15:00Z"), "20250405T101500Z");
  EXPECT_EQ(TmxDateToIso("20240229T000000Z"), "2024-02-29T00:00:00Z");
  EXPECT_EQ(TmxDateToIso("20230229T000000Z"), std::nullopt);  // not a leap year
  EXPECT_EQ(TmxDateToIso("20251305T101500Z"), std::nullopt);
  EXPECT_EQ(TmxDateToIso("20250405T241500Z"), std::nullopt);
  EXPECT_EQ(TmxDateToIso("20250405T101500"), std::nullopt);
  EXPECT_EQ(TmxDateToIso("2025-04-05T10:15:00Z"), std::nullopt);
  EXPECT_EQ(IsoToTmxDate("2025-04-05 10:15:00Z"), std::nullopt);
  EXPECT_EQ(IsoToTmxDate("20250405T101500Z"), std::nullopt);
}

// Hostile input: each is refused with an error naming the place.
TEST(TmxReaderTest, RefusesExternalEntity) {
  Read r = ReadString(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>&xxe;</seg></tuv></tu>"
      "</body></tmx>");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.error().message.find("external entity"), std::string::npos)
      << r.status.error().ToString();
  EXPECT_GT(r.status.error().line, 0);
  EXPECT_TRUE(r.units.empty());
}

TEST(TmxReaderTest, RefusesBillionLaughs) {
  std::string dtd = "<!DOCTYPE tmx [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&l" + std::to_string(i - 1) + ";";
    dtd += "\">";
  }
  dtd += "]>";
  Read r = ReadString("<?xml version=\"1.0\"?>" + dtd +
                      "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>&l9;"
                      "</seg></tuv></tu></body></tmx>");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.error().message.find("entit"), std::string::npos)
      << r.status.error().ToString();
  EXPECT_TRUE(r.units.empty());
}

TEST(TmxReaderTest, RefusesDeepNesting) {
  std::string body = "<tu><tuv xml:lang=\"en\"><seg>";
  for (int i = 0; i < 100000; ++i) body += "<hi>";
  body += "deep";
  for (int i = 0; i < 100000; ++i) body += "</hi>";
  body += "</seg></tuv></tu>";
  Read r = ReadBody(body);
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.error().message.find("nested deeper"), std::string::npos)
      << r.status.error().ToString();
  EXPECT_TRUE(r.units.empty());
}

TEST(TmxReaderTest, RefusesInvalidUtf8) {
  const std::string body = "<tu><tuv xml:lang=\"en\"><seg>bad \xC3\x28 byte</seg></tuv></tu>";
  Read r = ReadBody(body);
  ASSERT_FALSE(r.status.ok());
  const Error& e = r.status.error();
  EXPECT_EQ(e.file, "test.tmx");
  EXPECT_EQ(e.line, 7) << e.ToString();
  EXPECT_EQ(e.column, 33) << e.ToString();
  EXPECT_EQ(e.offset, static_cast<std::int64_t>(std::string(kHead).size() + body.find('\xC3')));
  EXPECT_NE(e.message.find("invalid UTF-8 (byte 0xc3"), std::string::npos) << e.ToString();
}

TEST(TmxReaderTest, RefusesTruncatedFile) {
  const std::string whole = std::string(kHead) +
                            "<tu><tuv xml:lang=\"en\"><seg>one</seg></tuv></tu>\n"
                            "<tu><tuv xml:lang=\"en\"><seg>two</seg></tuv></tu>\n" +
                            kTail;
  Read r = ReadString(whole.substr(0, whole.size() - 30));
  ASSERT_FALSE(r.status.ok());
  EXPECT_GT(r.status.error().line, 0);
}

TEST(TmxReaderTest, RefusesWrongRootElement) {
  Read r = ReadString("<?xml version=\"1.0\"?><xliff version=\"1.2\"><file><body/></file></xliff>");
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.error().message, "root element is <xliff>, not <tmx>: not a TMX document");
  EXPECT_EQ(r.status.error().line, 1);
}

TEST(TmxReaderTest, RefusesEmptyInputAndMissingFile) {
  Read r = ReadString("");
  EXPECT_FALSE(r.status.ok());
  TmxReadCallbacks callbacks;
  callbacks.on_unit = [](TmxUnit&) { return Status::Ok(); };
  XmlInput input;
  input.path = "/nonexistent/file.tmx";
  Status s = ReadTmx(input, callbacks);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().file, "/nonexistent/file.tmx");
}

}  // namespace
}  // namespace lovcen::formats
