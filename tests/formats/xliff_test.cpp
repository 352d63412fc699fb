// The XLIFF document model: what the reader understands, exact round trips
// of documents with every feature, building documents from scratch, schema
// validity of what lovcen writes, and refusal of hostile input.
#include "lovcen/formats/xliff.h"

#include <gtest/gtest.h>

#include "lovcen/formats/validate.h"

#include <filesystem>
#include <fstream>

#include "test_paths.h"
#include "xliff_samples.h"
#include "xml_canonical.h"

namespace lovcen::formats {
namespace {

XliffDocument Read(std::string_view text) {
  XmlInput input;
  input.name = "sample.xlf";
  input.buffer = text;
  auto doc = ReadXliff(input);
  EXPECT_TRUE(doc.ok()) << doc.error().ToString();
  return doc.ok() ? std::move(*doc) : XliffDocument{};
}

std::vector<const XliffUnit*> Units(const XliffFile& file) {
  std::vector<const XliffUnit*> out;
  ForEachXliffUnit(file.items, true, [&](const XliffUnit& u, bool) { out.push_back(&u); });
  return out;
}

const XliffUnit* UnitById(const XliffDocument& doc, std::string_view id) {
  for (const XliffFile& f : doc.files) {
    for (const XliffUnit* u : Units(f)) {
      if (u->id == id) return u;
    }
  }
  return nullptr;
}

std::string Canonical(std::string_view xml) {
  auto c = testing::CanonicalXml(xml);
  EXPECT_TRUE(c.ok()) << c.error().ToString();
  return c.ok() ? *c : std::string();
}

std::string Write(const XliffDocument& doc) {
  auto text = WriteXliff(doc);
  EXPECT_TRUE(text.ok()) << text.error().ToString();
  return text.ok() ? *text : std::string();
}

// ---------------------------------------------------------------- XLIFF 1.2

TEST(Xliff12Test, ReadsFileAttributesAndStructure) {
  const XliffDocument doc = Read(testing::kXliff12Sample);
  EXPECT_EQ(doc.version, XliffVersion::k12);
  ASSERT_EQ(doc.files.size(), 1u);
  const XliffFile& f = doc.files[0];
  EXPECT_EQ(f.original, "story-4711.html");
  EXPECT_EQ(f.source_language, "en");
  EXPECT_EQ(f.target_language, "de");
  EXPECT_EQ(f.datatype, "html");
  EXPECT_EQ(AttributeValue(f.attributes, "sdl:file-id"), "f-17");
  ASSERT_EQ(f.extensions.size(), 1u);  // the header, kept whole
  EXPECT_NE(f.extensions[0].xml.find("Newsroom CMS"), std::string::npos);
  ASSERT_EQ(f.items.size(), 3u);  // title unit, body group, bin-unit
  EXPECT_TRUE(std::holds_alternative<RawXml>(f.items[2].value));
  const auto& group = std::get<XliffGroup>(f.items[1].value);
  EXPECT_EQ(group.id, "body");
  ASSERT_EQ(group.notes.size(), 1u);
  EXPECT_EQ(group.notes[0].text, "Body paragraphs");
  EXPECT_EQ(Units(f).size(), 5u);
}

TEST(Xliff12Test, NestedGroupsBecomeOpenClosePairs) {
  const XliffDocument doc = Read(testing::kXliff12Sample);
  const XliffUnit* title = UnitById(doc, "title");
  ASSERT_NE(title, nullptr);
  ASSERT_EQ(title->segments.size(), 1u);
  const Segment& src = title->segments[0].source;
  EXPECT_EQ(src.text, "Parliament passes the new budget");
  ASSERT_EQ(src.codes.size(), 4u);
  EXPECT_EQ(src.codes[0].kind, CodeKind::kOpen);
  EXPECT_EQ(src.codes[0].id, "1");
  EXPECT_EQ(src.codes[0].element, "g");
  EXPECT_EQ(src.codes[0].offset, std::string("Parliament passes ").size());
  EXPECT_EQ(src.codes[0].attributes,
            (CodeAttributes{{"id", "1"}, {"ctype", "bold"}}));
  EXPECT_EQ(src.codes[1].kind, CodeKind::kOpen);
  EXPECT_EQ(src.codes[1].id, "2");
  EXPECT_EQ(src.codes[2].kind, CodeKind::kClose);
  EXPECT_EQ(src.codes[2].id, "2");
  EXPECT_EQ(src.codes[2].offset, std::string("Parliament passes the new").size());
  EXPECT_EQ(src.codes[3].kind, CodeKind::kClose);
  EXPECT_EQ(src.codes[3].id, "1");
  EXPECT_EQ(src.codes[3].offset, src.text.size());
  const XliffSegment& seg = title->segments[0];
  ASSERT_TRUE(seg.target.has_value());
  EXPECT_EQ(seg.target->text, "Parlament verabschiedet den neuen Haushalt");
  EXPECT_EQ(seg.state, "translated");
  EXPECT_EQ(seg.sub_state, "exact-match");
  EXPECT_TRUE(SameCodeLayout(seg.source, seg.source));
}

TEST(Xliff12Test, EveryInlineCodeKindKeepsItsNativeContent) {
  const XliffDocument doc = Read(testing::kXliff12Sample);
  const XliffUnit* p1 = UnitById(doc, "p1");
  ASSERT_NE(p1, nullptr);
  ASSERT_TRUE(p1->segmented);
  ASSERT_EQ(p1->segments.size(), 1u);
  const Segment& s = p1->segments[0].source;
  EXPECT_EQ(s.text, "Read  the report and  more.");
  ASSERT_EQ(s.codes.size(), 4u);
  EXPECT_EQ(s.codes[0].element, "x");
  EXPECT_EQ(s.codes[0].kind, CodeKind::kStandalone);
  EXPECT_EQ(s.codes[1].element, "bx");
  EXPECT_EQ(s.codes[1].kind, CodeKind::kOpen);
  EXPECT_EQ(s.codes[1].id, "r4");  // pairs by rid
  EXPECT_EQ(s.codes[2].element, "ex");
  EXPECT_EQ(s.codes[2].kind, CodeKind::kClose);
  EXPECT_EQ(s.codes[2].id, "r4");
  EXPECT_EQ(s.codes[3].element, "ph");
  EXPECT_EQ(s.codes[3].native, "{count}<sub>items</sub>");

  const XliffUnit* p2 = UnitById(doc, "p2");
  ASSERT_NE(p2, nullptr);
  ASSERT_EQ(p2->segments.size(), 3u);  // s1, the space between, s2
  EXPECT_EQ(p2->segments[0].id, "s1");
  EXPECT_TRUE(p2->segments[1].ignorable);
  EXPECT_EQ(p2->segments[1].source.text, " ");
  EXPECT_EQ(p2->segments[2].id, "s2");
  const Segment& first = p2->segments[0].source;
  EXPECT_EQ(first.text, "First sentence with bold.");
  ASSERT_EQ(first.codes.size(), 2u);
  EXPECT_EQ(first.codes[0].element, "bpt");
  EXPECT_EQ(first.codes[0].native, "&lt;b&gt;");  // native content is XML, as written
  EXPECT_EQ(first.codes[1].element, "ept");
  const Segment& second = p2->segments[2].source;
  ASSERT_EQ(second.codes.size(), 1u);
  EXPECT_EQ(second.codes[0].element, "it");
  EXPECT_EQ(second.codes[0].kind, CodeKind::kStandalone);
  // Targets keep the same mids, states apply to every segment of the unit.
  ASSERT_TRUE(p2->segments[2].target.has_value());
  EXPECT_EQ(p2->segments[2].target->text, "Zweiter Satz.");
  EXPECT_EQ(p2->segments[0].state, "final");
  EXPECT_EQ(p2->segments[2].state, "final");
  ASSERT_EQ(p2->candidates.size(), 1u);
  EXPECT_EQ(p2->candidates[0].ref, "s2");
  EXPECT_EQ(p2->candidates[0].Score(), 100.0);
}

TEST(Xliff12Test, CandidatesNotesAndForeignChildrenKeepTheirOrder) {
  const XliffDocument doc = Read(testing::kXliff12Sample);
  const XliffUnit* title = UnitById(doc, "title");
  ASSERT_NE(title, nullptr);
  ASSERT_EQ(title->candidates.size(), 2u);
  EXPECT_EQ(title->candidates[0].match_quality, "87%");
  EXPECT_EQ(title->candidates[0].Score(), 87.0);
  EXPECT_EQ(title->candidates[0].origin, "tm:main");
  EXPECT_EQ(title->candidates[0].type, "proposal");
  ASSERT_TRUE(title->candidates[0].source.has_value());
  EXPECT_EQ(title->candidates[0].target->text, "Das Parlament verabschiedet den Haushalt");
  EXPECT_EQ(title->candidates[1].match_quality, "high");
  EXPECT_FALSE(title->candidates[1].Score().has_value());
  EXPECT_FALSE(title->candidates[1].source.has_value());
  ASSERT_EQ(title->notes.size(), 1u);
  EXPECT_EQ(title->notes[0].text, "Keep it short.");
  EXPECT_EQ(AttributeValue(title->notes[0].attributes, "from"), "editor");
  ASSERT_EQ(title->extensions.size(), 1u);
  EXPECT_NE(title->extensions[0].xml.find("xmlns:news=\"urn:example:newsroom\""), std::string::npos);
  EXPECT_EQ(title->layout, (std::vector<XliffChild>{XliffChild::kNote, XliffChild::kCandidate,
                                                    XliffChild::kCandidate, XliffChild::kExtension}));
}

TEST(Xliff12Test, UntranslatableUnitsAreFlaggedAndInherited) {
  const XliffDocument doc = Read(testing::kXliff12Sample);
  const XliffUnit* byline = UnitById(doc, "byline");
  ASSERT_NE(byline, nullptr);
  EXPECT_FALSE(byline->translatable());
  const Segment& s = byline->segments[0].source;
  EXPECT_EQ(s.text, "By Ana Vuković, Podgorica");
  ASSERT_EQ(s.codes.size(), 2u);
  EXPECT_EQ(s.codes[0].element, "mrk");
}

TEST(Xliff12Test, RoundTripIsCanonicallyIdentical) {
  const XliffDocument doc = Read(testing::kXliff12Sample);
  EXPECT_EQ(Canonical(Write(doc)), Canonical(testing::kXliff12Sample));
}

TEST(Xliff12Test, ChangingOneTargetLeavesTheRestAlone) {
  XliffDocument doc = Read(testing::kXliff12Sample);
  ForEachXliffUnit(doc.files[0].items, [](XliffUnit& u) {
    if (u.id != "p3") return;
    Segment target = u.segments[0].source;
    target.text = "Noch nicht übersetzt: verschachtelt tiefer  Ende.";
    target.codes[0].offset = std::string("Noch nicht übersetzt: ").size();
    target.codes[1].offset = std::string("Noch nicht übersetzt: verschachtelt ").size();
    target.codes[2].offset = std::string("Noch nicht übersetzt: verschachtelt tiefer ").size();
    ASSERT_EQ(target.codes.size(), 5u);  // g open, g open, x, g close, g close
    target.codes[3].offset = target.codes[2].offset;
    target.codes[4].offset = target.codes[2].offset;
    u.segments[0].target = target;
    u.segments[0].state = "translated";
  });
  const std::string written = Write(doc);
  EXPECT_NE(written.find("<target state=\"translated\">Noch nicht übersetzt: <g id=\"9\">verschachtelt "
                         "<g id=\"10\">tiefer <x id=\"11\"/></g></g> Ende.</target>"),
            std::string::npos)
      << written;
  // Everything else is as it was: remove the new target again and compare.
  XliffDocument back = Read(written);
  ForEachXliffUnit(back.files[0].items, [](XliffUnit& u) {
    if (u.id == "p3") {
      u.segments[0].target.reset();
      u.segments[0].state.clear();
    }
  });
  EXPECT_EQ(Canonical(Write(back)), Canonical(testing::kXliff12Sample));
}

// ---------------------------------------------------------------- XLIFF 2.1

TEST(Xliff21Test, ReadsSegmentsStatesAndCodes) {
  const XliffDocument doc = Read(testing::kXliff21Sample);
  EXPECT_EQ(doc.version, XliffVersion::k21);
  EXPECT_EQ(doc.source_language, "en");
  EXPECT_EQ(doc.target_language, "de");
  ASSERT_EQ(doc.files.size(), 1u);
  EXPECT_EQ(doc.files[0].id, "f1");
  EXPECT_EQ(doc.files[0].source_language, "en");
  ASSERT_EQ(doc.files[0].notes.size(), 1u);
  const XliffUnit* title = UnitById(doc, "title");
  ASSERT_NE(title, nullptr);
  const XliffSegment& s = title->segments.at(0);
  EXPECT_EQ(s.id, "s1");
  EXPECT_EQ(s.state, "translated");
  EXPECT_EQ(s.sub_state, "news:exact");
  ASSERT_EQ(s.source.codes.size(), 4u);
  EXPECT_EQ(s.source.codes[0].element, "pc");
  EXPECT_EQ(s.source.codes[1].element, "pc");
  EXPECT_EQ(s.source.codes[2].kind, CodeKind::kClose);
  // The fs attribute keeps its namespace with it.
  const XmlAttributes attrs = FromCodeAttributes(s.source.codes[0].attributes);
  EXPECT_EQ(AttributeValue(attrs, "fs:fs"), "b");
  EXPECT_EQ(AttributeValue(attrs, "xmlns:fs"), "urn:oasis:names:tc:xliff:fs:2.0");

  const XliffUnit* p1 = UnitById(doc, "p1");
  ASSERT_NE(p1, nullptr);
  ASSERT_EQ(p1->segments.size(), 3u);
  EXPECT_TRUE(p1->segments[1].ignorable);
  ASSERT_EQ(p1->original_data.size(), 4u);
  const Segment& a = p1->segments[0].source;
  ASSERT_EQ(a.codes.size(), 2u);
  EXPECT_EQ(a.codes[0].element, "ph");
  // Resolved from originalData, stored as XML content like 1.2 and TMX native code.
  EXPECT_EQ(a.codes[0].native, "&lt;img src=\"chart.png\"/&gt;");
  EXPECT_EQ(a.codes[1].element, "sc");
  EXPECT_EQ(a.codes[1].kind, CodeKind::kOpen);
  const Segment& b = p1->segments[2].source;
  EXPECT_EQ(b.text, "It says more\x03.");  // <cp hex="0003"/> decoded
  EXPECT_EQ(b.codes[0].element, "ec");
  EXPECT_EQ(b.codes[0].id, "4");  // from startRef
  EXPECT_EQ(b.codes[0].native, "&lt;/a&gt;");
  ASSERT_TRUE(p1->segments[2].target.has_value());
  EXPECT_EQ(p1->segments[2].target->text, "Er sagt mehr\x03.");
  EXPECT_EQ(p1->segments[2].state, "translated");
  const XliffUnit* p3 = UnitById(doc, "p3");
  ASSERT_NE(p3, nullptr);
  EXPECT_FALSE(p3->segments[0].target.has_value());
  EXPECT_EQ(p3->segments[0].state, "initial");

  const XliffUnit* p2 = UnitById(doc, "p2");
  ASSERT_NE(p2, nullptr);
  const Segment& c = p2->segments[0].source;
  EXPECT_EQ(c.codes[0].element, "sm");
  EXPECT_EQ(c.codes[1].element, "em");
  EXPECT_EQ(c.codes[1].id, "a1");
  EXPECT_EQ(c.codes[2].element, "mrk");
}

TEST(Xliff21Test, MatchesModuleIsUnderstood) {
  const XliffDocument doc = Read(testing::kXliff21Sample);
  const XliffUnit* title = UnitById(doc, "title");
  ASSERT_NE(title, nullptr);
  ASSERT_EQ(title->candidates.size(), 2u);
  const XliffCandidate& m = title->candidates[0];
  EXPECT_EQ(m.id, "m1");
  EXPECT_EQ(m.ref, "#s1");
  EXPECT_EQ(m.similarity, "87");
  EXPECT_EQ(m.match_quality, "90");
  EXPECT_EQ(m.origin, "tm:main");
  EXPECT_EQ(m.type, "tm");
  EXPECT_EQ(m.Score(), 90.0);
  EXPECT_EQ(title->candidates[1].Score(), std::nullopt);
  ASSERT_TRUE(m.target.has_value());
  EXPECT_EQ(m.target->text, "Das Parlament verabschiedet den Haushalt");
  ASSERT_EQ(title->notes.size(), 1u);
  EXPECT_EQ(title->notes[0].text, "Keep it short.");
}

TEST(Xliff21Test, UntranslatableUnitAndForeignContent) {
  const XliffDocument doc = Read(testing::kXliff21Sample);
  const XliffUnit* byline = UnitById(doc, "byline");
  ASSERT_NE(byline, nullptr);
  EXPECT_FALSE(byline->translatable());
  EXPECT_EQ(AttributeValue(doc.attributes, "news:edition"), "evening");
  ASSERT_EQ(doc.files[0].extensions.size(), 1u);
  EXPECT_NE(doc.files[0].extensions[0].xml.find("news:routing"), std::string::npos);
  const auto& group = std::get<XliffGroup>(doc.files[0].items[1].value);
  ASSERT_EQ(group.extensions.size(), 1u);  // mda:metadata, kept whole
  EXPECT_NE(group.extensions[0].xml.find("mda:metaGroup"), std::string::npos);
}

TEST(Xliff21Test, RoundTripIsCanonicallyIdentical) {
  const XliffDocument doc = Read(testing::kXliff21Sample);
  const std::string written = Write(doc);
  EXPECT_EQ(Canonical(written), Canonical(testing::kXliff21Sample));
  EXPECT_NE(written.find("<cp hex=\"0003\"/>"), std::string::npos);
}

// ---------------------------------------------------------------- building

XliffDocument BuildStory(XliffVersion version) {
  XliffDocument doc;
  doc.version = version;
  doc.source_language = "en";
  doc.target_language = "cnr-Latn";
  XliffFile file;
  file.id = "story";
  file.original = "story.md";
  file.datatype = "plaintext";
  XliffUnit unit;
  unit.id = "u1";
  XliffSegment seg;
  seg.id = IsXliff2(version) ? "s1" : "";
  seg.source.text = "The minister said the budget is final.";
  InlineCode open;
  open.kind = CodeKind::kOpen;
  open.id = "1";
  open.element = "bpt";  // as if it came from TMX
  open.attributes = {{"i", "1"}, {"type", "bold"}};
  open.native = "&lt;b&gt;";
  open.offset = 4;
  InlineCode close = open;
  close.kind = CodeKind::kClose;
  close.element = "ept";
  close.attributes = {{"i", "1"}};
  close.native = "&lt;/b&gt;";
  close.offset = 12;
  seg.source.codes = {open, close};
  seg.source = AdaptInlineCodes(seg.source, version);
  Segment target;
  target.text = "Ministar je rekao da je budžet konačan.";
  open.offset = 0;
  close.offset = 8;
  target.codes = {open, close};
  seg.target = AdaptInlineCodes(target, version);
  seg.state = std::string(XliffStateName(version, XliffState::kNeedsReview));
  seg.sub_state = IsXliff2(version) ? "" : "fuzzy-match";
  unit.segments.push_back(seg);
  XliffCandidate cand;
  cand.id = "m1";
  cand.ref = IsXliff2(version) ? "#s1" : "";
  cand.origin = "lovcen:fuzzy";
  if (IsXliff2(version)) {
    cand.similarity = "86";
    cand.type = "tm";
  } else {
    cand.match_quality = "86";
  }
  cand.source = Segment{"The minister said the budget is ready.", {}};
  cand.target = Segment{"Ministar je rekao da je budžet spreman.", {}};
  unit.candidates.push_back(cand);
  unit.notes.push_back({"Check the figure.", {}});
  file.items.push_back({unit});
  doc.files.push_back(file);
  return doc;
}

TEST(XliffBuildTest, BuiltDocumentsReadBackTheSame) {
  for (XliffVersion v : {XliffVersion::k12, XliffVersion::k21}) {
    const XliffDocument doc = BuildStory(v);
    const std::string text = Write(doc);
    const XliffDocument back = Read(text);
    const XliffUnit* u = UnitById(back, "u1");
    ASSERT_NE(u, nullptr) << text;
    ASSERT_EQ(u->segments.size(), 1u);
    EXPECT_EQ(u->segments[0].source.text, "The minister said the budget is final.");
    ASSERT_EQ(u->segments[0].source.codes.size(), 2u) << text;
    EXPECT_EQ(u->segments[0].source.codes[0].kind, CodeKind::kOpen);
    EXPECT_EQ(u->segments[0].source.codes[0].offset, 4u);
    EXPECT_EQ(u->segments[0].source.codes[1].offset, 12u);
    EXPECT_EQ(u->segments[0].source.codes[0].native, "&lt;b&gt;");
    ASSERT_EQ(u->candidates.size(), 1u);
    EXPECT_EQ(u->candidates[0].Score(), 86.0);
    // 2.x has no "needs review" state: it is written as translated.
    EXPECT_EQ(ParseXliffState(u->segments[0].state),
              IsXliff2(v) ? XliffState::kTranslated : XliffState::kNeedsReview);
    EXPECT_EQ(Canonical(Write(back)), Canonical(text));
  }
}

TEST(XliffBuildTest, TmxCodesAreAdaptedToEachVersion) {
  const XliffDocument d12 = BuildStory(XliffVersion::k12);
  const std::string t12 = Write(d12);
  EXPECT_NE(t12.find("<bpt id=\"1\" ctype=\"bold\">&lt;b&gt;</bpt>"), std::string::npos) << t12;
  EXPECT_NE(t12.find("<ept id=\"1\">&lt;/b&gt;</ept>"), std::string::npos) << t12;
  const XliffDocument d21 = BuildStory(XliffVersion::k21);
  const std::string t21 = Write(d21);
  EXPECT_NE(t21.find("<sc id=\"1\" dataRef=\"d1\"/>"), std::string::npos) << t21;
  EXPECT_NE(t21.find("<ec startRef=\"1\" dataRef=\"d2\"/>"), std::string::npos) << t21;
  EXPECT_NE(t21.find("<data id=\"d1\">&lt;b&gt;</data>"), std::string::npos) << t21;
  EXPECT_NE(t21.find("<mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">"),
            std::string::npos)
      << t21;
}

TEST(XliffBuildTest, CrossVersionCodesMapToTheOtherVersion) {
  // A 2.1 unit written as 1.2: pc -> g, sc/ec with data -> bpt/ept, ph -> ph.
  XliffDocument doc = Read(testing::kXliff21Sample);
  doc.version = XliffVersion::k12;
  doc.version_text.reset();
  doc.namespace_uri.clear();
  const std::string text = Write(doc);
  EXPECT_NE(text.find("<g id=\"1\" fs:fs=\"b\">the <g id=\"2\" fs:fs=\"i\">new</g> budget</g>"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("<bpt id=\"4\">&lt;a href=\"/report\"&gt;</bpt>"), std::string::npos) << text;
  EXPECT_NE(text.find("<target state=\"translated\"><mrk mtype=\"seg\" mid=\"s1\">Parlament"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("<alt-trans mid=\"s1\""), std::string::npos) << text;  // a 2.x ref "#s1"
  EXPECT_EQ(Read(text).files.size(), 1u);
}

TEST(XliffBuildTest, CodesSplitAcrossUnitsBecomeIsolated) {
  // "report.</sc>" in one segment of a 2.1 unit; its <ec> lives in the next.
  const XliffDocument doc = Read(testing::kXliff21Sample);
  const XliffUnit* p1 = UnitById(doc, "p1");
  ASSERT_NE(p1, nullptr);
  const Segment first = IsolateUnpairedCodes(p1->segments[0].source, XliffVersion::k21);
  ASSERT_EQ(first.codes.size(), 2u);
  const XmlAttributes sc = FromCodeAttributes(first.codes[1].attributes);
  EXPECT_EQ(first.codes[1].element, "sc");
  EXPECT_EQ(AttributeValue(sc, "isolated"), "yes");
  EXPECT_EQ(AttributeValue(sc, "canReorder"), "firstNo");
  const Segment second = IsolateUnpairedCodes(p1->segments[2].source, XliffVersion::k21);
  const XmlAttributes ec = FromCodeAttributes(second.codes[0].attributes);
  EXPECT_EQ(second.codes[0].element, "ec");
  EXPECT_EQ(AttributeValue(ec, "startRef"), "");
  EXPECT_EQ(AttributeValue(ec, "id"), "4");
  EXPECT_EQ(AttributeValue(ec, "isolated"), "yes");
  EXPECT_EQ(AttributeValue(ec, "canReorder"), "firstNo");  // its "no" lost the code it followed
  // In 1.2 a lone open or close code is an <it>.
  const XliffDocument d12 = Read(testing::kXliff12Sample);
  const XliffUnit* p2 = UnitById(d12, "p2");
  ASSERT_NE(p2, nullptr);
  Segment half = p2->segments[0].source;
  half.codes.pop_back();  // drop the <ept>
  const Segment lone = IsolateUnpairedCodes(half, XliffVersion::k12);
  EXPECT_EQ(lone.codes[0].element, "it");
  EXPECT_EQ(lone.codes[0].kind, CodeKind::kStandalone);
  EXPECT_EQ(AttributeValue(FromCodeAttributes(lone.codes[0].attributes), "pos"), "open");
  EXPECT_EQ(lone.codes[0].native, "&lt;b&gt;");
  // Paired codes are left alone.
  EXPECT_EQ(IsolateUnpairedCodes(p2->segments[0].source, XliffVersion::k12), p2->segments[0].source);
}

TEST(Xliff22Test, ReadsAndRewritesTheTwoTwoNamespace) {
  const std::string text =
      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.2\" version=\"2.2\" srcLang=\"en\" trgLang=\"de\">"
      "<file id=\"f\"><unit id=\"u\"><segment state=\"final\"><source>A <ph id=\"1\"/>b</source>"
      "<target>A <ph id=\"1\"/>b</target></segment></unit></file></xliff>";
  const XliffDocument doc = Read(text);
  EXPECT_EQ(doc.version, XliffVersion::k22);
  const XliffUnit* u = UnitById(doc, "u");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->segments[0].source.codes.size(), 1u);
  EXPECT_EQ(Canonical(Write(doc)), Canonical(text));
}

// ---------------------------------------------------------------- schemas

std::string SchemaDir() {
  const std::string data = testing::SharedTestData();
  return data.empty() ? data : data + "/schemas";
}

Status ValidateText(const std::string& text, const std::string& schema) {
  XmlInput input;
  input.name = "written.xlf";
  input.buffer = text;
  return ValidateWithSchema(input, SchemaDir() + "/" + schema);
}

TEST(XliffSchemaTest, WrittenXliff12IsValidTransitional) {
  if (SchemaDir().empty()) GTEST_SKIP() << "shared testdata absent";
  const std::string roundtrip = Write(Read(testing::kXliff12Sample));
  Status s = ValidateText(roundtrip, "xliff-core-1.2-transitional.xsd");
  EXPECT_TRUE(s.ok()) << s.error().ToString() << "\n" << roundtrip;
  const std::string built = Write(BuildStory(XliffVersion::k12));
  s = ValidateText(built, "xliff-core-1.2-transitional.xsd");
  EXPECT_TRUE(s.ok()) << s.error().ToString() << "\n" << built;
}

TEST(XliffSchemaTest, WrittenXliff2IsValidCore) {
  if (SchemaDir().empty()) GTEST_SKIP() << "shared testdata absent";
  const std::string roundtrip = Write(Read(testing::kXliff21Sample));
  Status s = ValidateText(roundtrip, "xliff_core_2.0.xsd");
  EXPECT_TRUE(s.ok()) << s.error().ToString() << "\n" << roundtrip;
  const std::string built = Write(BuildStory(XliffVersion::k21));
  s = ValidateText(built, "xliff_core_2.0.xsd");
  EXPECT_TRUE(s.ok()) << s.error().ToString() << "\n" << built;
}

// ---------------------------------------------------------------- hostile input

Error ReadError(std::string_view text) {
  XmlInput input;
  input.name = "hostile.xlf";
  input.buffer = text;
  auto doc = ReadXliff(input);
  EXPECT_FALSE(doc.ok());
  return doc.ok() ? Error{} : doc.error();
}

TEST(XliffHostileTest, ExternalEntityIsRefused) {
  const Error e = ReadError(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file "
      "original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body><trans-unit id=\"1\">"
      "<source>&x;</source></trans-unit></body></file></xliff>");
  EXPECT_EQ(e.file, "hostile.xlf");
  EXPECT_GT(e.line, 0);
  EXPECT_NE(e.message.find("refused"), std::string::npos) << e.ToString();
}

TEST(XliffHostileTest, EntityExpansionIsBounded) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\">";
  std::string prev = "a";
  for (int i = 0; i < 9; ++i) {
    const std::string name = "e" + std::to_string(i);
    doc += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) doc += "&" + prev + ";";
    doc += "\">";
    prev = name;
  }
  doc += "]>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file "
         "original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body><trans-unit id=\"1\">"
         "<source>&" + prev + ";</source></trans-unit></body></file></xliff>";
  const Error e = ReadError(doc);
  EXPECT_EQ(e.kind, Error::Kind::kBadInput);
  EXPECT_FALSE(e.message.empty());
}

TEST(XliffHostileTest, MalformedXmlNamesLineAndColumn) {
  const Error e = ReadError("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
                            "  <file original=\"a\">\n    <body><trans-unit id=\"1\"></body>\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_GT(e.column, 0);
  EXPECT_NE(e.ToString().find("hostile.xlf:3:"), std::string::npos) << e.ToString();
}

TEST(XliffHostileTest, NonXliffAndUnknownVersionsAreRefused) {
  Error e = ReadError("<tmx version=\"1.4\"><header/><body/></tmx>");
  EXPECT_NE(e.message.find("not an XLIFF document"), std::string::npos) << e.message;
  e = ReadError("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"3.0\" srcLang=\"en\"/>");
  EXPECT_NE(e.message.find("3.0"), std::string::npos) << e.message;
  e = ReadError("<xliff xmlns=\"urn:example:other\" version=\"1.2\"/>");
  EXPECT_NE(e.message.find("unknown XLIFF namespace"), std::string::npos) << e.message;
}

TEST(XliffHostileTest, DeepNestingIsRefused) {
  std::string doc = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file "
                    "original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>"
                    "<trans-unit id=\"1\"><source>";
  for (int i = 0; i < 2000; ++i) doc += "<g id=\"" + std::to_string(i) + "\">";
  const Error e = ReadError(doc);
  EXPECT_NE(e.message.find("nested deeper"), std::string::npos) << e.message;
}

TEST(XliffHostileTest, OmegatBrokenFileIsRefusedWithPosition) {
  const std::string data = testing::SharedTestData();
  if (data.empty()) GTEST_SKIP() << "shared testdata absent";
  const std::string path =
      data + "/xliff-omegat/xliff/filters3/file-XLIFFFilter-invalid-content.xlf";
  auto doc = ReadXliffFile(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().file, path);
  EXPECT_EQ(doc.error().line, 7);
  EXPECT_GT(doc.error().column, 0);
}

// Mutated documents (bytes flipped, inserted, cut) must give a document or
// an error, never a crash; what is read must write and validate.
TEST(XliffHostileTest, MutatedDocumentsNeverCrash) {
  std::uint32_t seed = 20251128;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  const std::string alphabet = "<>/=\"'&;: \nabgxidmrkpcseh0123#";
  int read = 0, refused = 0;
  for (const char* sample : {testing::kXliff12Sample, testing::kXliff21Sample}) {
    const std::string base = sample;
    for (int round = 0; round < 400; ++round) {
      std::string text = base;
      const int edits = 1 + static_cast<int>(next() % 4);
      for (int k = 0; k < edits && !text.empty(); ++k) {
        const std::size_t at = next() % text.size();
        switch (next() % 4) {
          case 0: text[at] = alphabet[next() % alphabet.size()]; break;
          case 1: text.insert(at, 1, alphabet[next() % alphabet.size()]); break;
          case 2: text.erase(at, 1 + next() % 8); break;
          default: text.resize(at); break;
        }
      }
      XmlInput input;
      input.name = "mutated.xlf";
      input.buffer = text;
      auto doc = ReadXliff(input);
      auto report = ValidateXliff(input);
      if (!doc.ok()) {
        ++refused;
        EXPECT_FALSE(doc.error().message.empty());
        continue;
      }
      ++read;
      auto written = WriteXliff(*doc);
      if (written.ok()) {
        XmlInput again;
        again.name = "rewritten.xlf";
        again.buffer = *written;
        EXPECT_TRUE(ReadXliff(again).ok()) << "lovcen wrote XML it cannot read back:\n" << *written;
      }
    }
  }
  EXPECT_GT(read, 50);
  EXPECT_GT(refused, 50);
}

TEST(XliffModelTest, MatchQualityIsParsedDefensively) {
  EXPECT_EQ(ParseMatchQuality("100%"), 100.0);
  EXPECT_EQ(ParseMatchQuality("87"), 87.0);
  EXPECT_EQ(ParseMatchQuality(" 87.5 % "), 87.5);
  EXPECT_EQ(ParseMatchQuality("87,5"), 87.5);
  EXPECT_EQ(ParseMatchQuality("high"), std::nullopt);
  EXPECT_EQ(ParseMatchQuality(""), std::nullopt);
  EXPECT_EQ(ParseMatchQuality("%"), std::nullopt);
  EXPECT_EQ(ParseMatchQuality("120"), std::nullopt);
  EXPECT_EQ(ParseMatchQuality("-3"), std::nullopt);
  EXPECT_EQ(ParseMatchQuality("87 points"), std::nullopt);
}

TEST(XliffModelTest, StatesMapAcrossVersions) {
  EXPECT_EQ(XliffStateName(XliffVersion::k12, XliffState::kNeedsReview), "needs-review-translation");
  EXPECT_EQ(XliffStateName(XliffVersion::k21, XliffState::kNew), "initial");
  EXPECT_EQ(ParseXliffState("signed-off"), XliffState::kReviewed);
  EXPECT_EQ(ParseXliffState("reviewed"), XliffState::kReviewed);
  EXPECT_EQ(ParseXliffState("x-custom"), std::nullopt);
}

}  // namespace
}  // namespace lovcen::formats
