// The LISA TMX 1.4 compliance kit (../shared/testdata/tmx-lisa-compliance-kit):
// every file must parse, with the right unit count, the right first and last
// segment text per language and, where the kit has the expected documents
// (.txt, .htm, .rtf), the same text and codes as those documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "lovcen/formats/tmx.h"
#include "test_paths.h"

namespace lovcen::formats {
namespace {

std::string KitDir() {
  const std::string shared = testing::SharedTestData();
  return shared.empty() ? "" : shared + "/tmx-lisa-compliance-kit";
}

struct Read {
  TmxHeader header;
  std::vector<TmxUnit> units;
};

Result<Read> ReadAll(const std::string& path) {
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
  input.path = path;
  Status s = ReadTmx(input, callbacks);
  if (!s.ok()) return s.error();
  return read;
}

bool SameLang(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

const TmxVariant* FindLang(const TmxUnit& unit, std::string_view lang) {
  for (const TmxVariant& v : unit.variants) {
    if (SameLang(v.lang, lang)) return &v;
  }
  return nullptr;
}

// Unescapes the five XML entities (native code text holds them).
std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<std::string_view, char> kRefs[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [ref, c] : kRefs) {
        if (s.substr(i, ref.size()) == ref) {
          out += c;
          i += ref.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += s[i];
  }
  return out;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The segment as the native document shows it: text (escaped for HTML when
// asked) with each code's native markup put back in place.
std::string Render(const Segment& seg, bool html) {
  std::string out;
  std::size_t from = 0;
  for (const InlineCode& c : seg.codes) {
    const std::string text = seg.text.substr(from, c.offset - from);
    out += html ? HtmlEscape(text) : text;
    from = c.offset;
    out += Unescape(c.native);
  }
  const std::string rest = seg.text.substr(from);
  return out + (html ? HtmlEscape(rest) : rest);
}

// Expected documents: UTF-16 with BOM, UTF-8, or windows-1252 (the .htm
// files; the kit only uses its Latin-1 range).
std::string DecodeDocument(const std::string& bytes, bool latin1) {
  std::string out;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE) {
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
      const unsigned c = static_cast<unsigned char>(bytes[i]) |
                         (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8);
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    return out;
  }
  if (!latin1) return bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? bytes.substr(3) : bytes;
  for (char ch : bytes) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// The <p> contents of the kit's .htm documents.
std::vector<std::string> Paragraphs(const std::string& html) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = html.find("<p>", at)) != std::string::npos) {
    const std::size_t end = html.find("</p>", at);
    out.push_back(html.substr(at + 3, end - at - 3));
    at = end;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

enum class Doc { kNone, kTxt, kHtml, kRtf };

struct KitFile {
  const char* file;
  std::size_t units;
  const char* lang_a;
  const char* first_a;
  const char* last_a;
  const char* lang_b;
  const char* first_b;
  const char* last_b;
  Doc doc = Doc::kNone;
  const char* doc_a = nullptr;  // expected document for lang_a
  const char* doc_b = nullptr;
};

void PrintTo(const KitFile& f, std::ostream* os) { *os << f.file; }

constexpr const char* kAccents1 = "\u00e0=agrave, \u00e9=eacute, \u00e6=aelig";
constexpr const char* kAccents3 = "\u201c=U+201C, \u2013=U+2013, \u00a4=U+00A4";
constexpr const char* kExportLast =
    "\u00e9=eacute, \u00a0=nbsp, \u00a4=curr, \u00ff=yumlaut, \u00a9=copy, \u00a7=para";

const KitFile kKit[] = {
    {"ImportTest1A.tmx", 2, "en-us", "First segment with [\t\t   ]", "Second segment with [  \t\t]",
     "fr-ca", "Premier segment avec [\t\t   ]", "Second segment avec [  \t\t]", Doc::kTxt,
     "ImportTest1A.txt", "ImportTest1A_fr-ca.txt"},
    {"ImportTest1B.tmx", 1, "en-us", "Text of the segment", "Text of the segment", "fr-ca",
     "Texte du segment", "Texte du segment", Doc::kTxt, "ImportTest1B.txt",
     "ImportTest1B_fr-ca.txt"},
    {"ImportTest1C.tmx", 3, "en-us", "First entry in US English", "Third entry in US English",
     "fr-ca", "First entry in French Canadian", "Third entry in French Canadian", Doc::kTxt,
     "ImportTest1C.txt", "ImportTest1C_fr-ca.txt"},
    {"ImportTest1D.tmx", 3, "en-us", kAccents1, kAccents3, "en-gb", kAccents1, kAccents3, Doc::kTxt,
     "ImportTest1D.txt", "ImportTest1D_en-gb.txt"},
    {"ImportTest1E.tmx", 3, "en-us", kAccents1, kAccents3, "en-gb", kAccents1, kAccents3, Doc::kTxt,
     "ImportTest1E.txt", "ImportTest1E_en-gb.txt"},
    {"ImportTest1F.tmx", 3, "en-us", kAccents1, kAccents3, "en-gb", kAccents1, kAccents3, Doc::kTxt,
     "ImportTest1F.txt", "ImportTest1F_en-gb.txt"},
    {"ImportTest1G.tmx", 3, "en-us", kAccents1, kAccents3, "en-gb", kAccents1, kAccents3, Doc::kTxt,
     "ImportTest1G.txt", "ImportTest1G_en-gb.txt"},
    {"ImportTest1H.tmx", 3, "en-us", kAccents1, kAccents3, "en-gb", kAccents1, kAccents3, Doc::kTxt,
     "ImportTest1H.txt", "ImportTest1H_en-gb.txt"},
    {"ImportTest1I.tmx", 1, "en-us", "English segment with [    ]", "English segment with [    ]",
     "ja-jp", "Japanese segment with [\u3000\u3000]", "Japanese segment with [\u3000\u3000]",
     Doc::kTxt, "ImportTest1I.txt", "ImportTest1I_ja-jp.txt"},
    {"ImportTest1J.tmx", 2, "en-us", "First entry in US English", "Second entry in US English",
     "en-gb", "First entry in UK English", "Second entry in UK English"},
    {"ImportTest1J_many.tmx", 3, "en-us", "First entry in US English",
     "[not to import] Third entry in US English", "es-es", "[not to import] Third entry in Spanish",
     "[not to import] Third entry in Spanish"},
    {"ImportTest1K.tmx", 2, "en-gb", "First Entry - UK English", "Second Entry - UK English",
     "de-de", "First Entry - German", "First Entry - German"},
    {"ImportTest1L.tmx", 1, "en-us", "Text of the segment.", "Text of the segment.", "fr",
     "Texte du segment.", "Texte du segment."},
    {"ImportTest2A.tmx", 7, "en-us", "The big black cat sleeps.",
     "Some text with a part highlighted.", "fr-ca", "Le gros chat noir dors.",
     "Du texte avec une portion d\u00e9limit\u00e9e.", Doc::kHtml, "ImportTest2A.htm",
     "ImportTest2A_fr-ca.htm"},
    {"ImportTest2A-0index.tmx", 7, "en-us", "The big black cat sleeps.",
     "Some text with a part highlighted.", "fr-ca", "Le gros chat noir dors.",
     "Du texte avec une portion d\u00e9limit\u00e9e.", Doc::kHtml, "ImportTest2A.htm",
     "ImportTest2A_fr-ca.htm"},
    {"ImportTest2B.tmx", 7, "en-us", "The big black cat sleeps.",
     "Some text with a part highlighted.", "fr-ca", "Le gros chat noir dors.",
     "Du text avec une portion d\u00e9limit\u00e9e.", Doc::kRtf, "ImportTest2B.rtf", nullptr},
    {"ImportTest2C.tmx", 1, "en-us", "Click  to start.", "Click  to start.", "fr",
     "Cliquez  pour commencer.", "Cliquez  pour commencer."},
    {"ExportTest1A.tmx", 4, "en-us", "Text with 3 spaces [   ] and 2 [  ]", kExportLast, "fr-ca",
     "Texte avec 3 espaces [   ] et 2 [  ]", kExportLast},
    {"ExportTest1B.tmx", 2, "en-us", "<=lt, >=gt, &=amp, '=apos, \"=quot, {=obrace, }=cbrace",
     kExportLast, "fr-ca", "<=lt, >=gt, &=amp, '=apos, \"=quot, {=obrace, }=cbrace", kExportLast},
    {"ExportTest1C.tmx", 4, "en-us", "Text with 3 spaces [   ] and 2 [  ]", kExportLast, "fr-ca",
     "Texte avec 3 espaces [   ] et 2 [  ]", kExportLast},
    {"ExportTest1D.tmx", 4, "en-us", "Text with 3 spaces [   ] and 2 [  ]", kExportLast, "fr-ca",
     "Texte avec 3 espaces [   ] et 2 [  ]", kExportLast},
    {"ExportTest1E.tmx", 4, "en-us", "Text with 3 spaces [   ] and 2 [  ]", kExportLast, "fr-ca",
     "Texte avec 3 espaces [   ] et 2 [  ]", kExportLast},
    {"ExportTest2A.tmx", 6, "en-us", "The big black cat sleeps.", "And two.", "fr-ca",
     "Le gros chat noir dors.", "Et 2."},
};

class TmxKitTest : public ::testing::TestWithParam<KitFile> {};

std::vector<const TmxVariant*> VariantsIn(const Read& read, std::string_view lang) {
  std::vector<const TmxVariant*> out;
  for (const TmxUnit& u : read.units) {
    if (const TmxVariant* v = FindLang(u, lang)) out.push_back(v);
  }
  return out;
}

void CheckDocument(const Read& read, const KitFile& f, const char* lang, const char* doc) {
  if (doc == nullptr) return;
  SCOPED_TRACE(doc);
  const std::vector<const TmxVariant*> variants = VariantsIn(read, lang);
  const std::string bytes = testing::ReadFile(KitDir() + "/" + doc);
  switch (f.doc) {
    case Doc::kTxt: {
      std::vector<std::string> texts;
      for (const TmxVariant* v : variants) texts.push_back(v->segment.text);
      EXPECT_EQ(texts, Lines(DecodeDocument(bytes, false)));
      break;
    }
    case Doc::kHtml: {
      // Segments 4 and 5 share a paragraph, so compare the whole flow.
      std::vector<std::string> rendered;
      for (const TmxVariant* v : variants) rendered.push_back(Render(v->segment, true));
      EXPECT_EQ(Join(rendered), Join(Paragraphs(DecodeDocument(bytes, true))));
      break;
    }
    case Doc::kRtf: {
      // The first two segments appear as whole lines of the RTF body.
      const std::string rtf = DecodeDocument(bytes, true);
      for (std::size_t i = 0; i < 2; ++i) {
        const std::string line = Render(variants.at(i)->segment, false) + "\\par";
        EXPECT_NE(rtf.find(line), std::string::npos) << line;
      }
      break;
    }
    case Doc::kNone:
      break;
  }
}

TEST_P(TmxKitTest, ReadsFileWithExpectedSegments) {
  if (KitDir().empty()) GTEST_SKIP() << "shared testdata absent";
  const KitFile& f = GetParam();
  auto read = ReadAll(KitDir() + "/" + f.file);
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  ASSERT_EQ(read->units.size(), f.units);
  for (const TmxUnit& u : read->units) EXPECT_EQ(u.problem, "") << u.Where();
  EXPECT_EQ(read->header.version, "1.4");
  for (const auto& [lang, first, last] :
       {std::tuple{f.lang_a, f.first_a, f.last_a}, std::tuple{f.lang_b, f.first_b, f.last_b}}) {
    SCOPED_TRACE(lang);
    const auto variants = VariantsIn(*read, lang);
    ASSERT_FALSE(variants.empty());
    EXPECT_EQ(variants.front()->segment.text, first);
    EXPECT_EQ(variants.back()->segment.text, last);
  }
  CheckDocument(*read, f, f.lang_a, f.doc_a);
  CheckDocument(*read, f, f.lang_b, f.doc_b);
}

INSTANTIATE_TEST_SUITE_P(LisaKit, TmxKitTest, ::testing::ValuesIn(kKit),
                         [](const ::testing::TestParamInfo<KitFile>& info) {
                           std::string name = info.param.file;
                           name = name.substr(0, name.find('.'));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(TmxKitTest, EveryTmxFileOfTheKitIsCovered) {
  if (KitDir().empty()) GTEST_SKIP() << "shared testdata absent";
  std::vector<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(KitDir())) {
    if (entry.path().extension() == ".tmx") on_disk.push_back(entry.path().filename().string());
  }
  std::vector<std::string> covered;
  for (const KitFile& f : kKit) covered.push_back(f.file);
  std::sort(on_disk.begin(), on_disk.end());
  std::sort(covered.begin(), covered.end());
  EXPECT_EQ(on_disk, covered);
}

TEST(TmxKitTest, KeepsHeaderNotesPropsAndUdeOf1L) {
  if (KitDir().empty()) GTEST_SKIP() << "shared testdata absent";
  auto read = ReadAll(KitDir() + "/ImportTest1L.tmx");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  const TmxHeader& h = read->header;
  EXPECT_EQ(h.srclang(), "en-us");
  ASSERT_NE(FindAttribute(h.attributes, "creationdate"), nullptr);
  EXPECT_EQ(*FindAttribute(h.attributes, "creationdate"), "20020523T091200Z");
  ASSERT_EQ(h.annotations.size(), 3u);
  EXPECT_EQ(h.annotations[0].kind, TmxAnnotation::Kind::kNote);
  EXPECT_EQ(h.annotations[0].text, "Text of header note 1");
  EXPECT_EQ(h.annotations[2].type(), "myPropeType");
  EXPECT_EQ(h.annotations[2].text, "Data");
  ASSERT_EQ(h.udes.size(), 1u);
  ASSERT_EQ(h.udes[0].maps.size(), 1u);
  EXPECT_EQ(*FindAttribute(h.udes[0].maps[0], "ent"), "AppleLogo");

  const TmxUnit& u = read->units.at(0);
  EXPECT_EQ(u.tuid(), "tu001");
  EXPECT_EQ(u.attributes.size(), 14u);
  ASSERT_EQ(u.annotations.size(), 3u);
  EXPECT_EQ(u.annotations[1].text, "Text of tu note 2");
  ASSERT_EQ(u.variants.size(), 3u);
  // The fr variant interleaves props and notes; the order is kept.
  const TmxVariant& fr = u.variants[1];
  EXPECT_EQ(fr.lang, "fr");
  ASSERT_EQ(fr.annotations.size(), 4u);
  EXPECT_EQ(fr.annotations[0].kind, TmxAnnotation::Kind::kProp);
  EXPECT_EQ(fr.annotations[1].kind, TmxAnnotation::Kind::kNote);
  EXPECT_EQ(*FindAttribute(fr.annotations[1].attributes, "xml:lang"), "en-us");
}

TEST(TmxKitTest, ReadsCodesWithSubAndHiOf2C) {
  if (KitDir().empty()) GTEST_SKIP() << "shared testdata absent";
  auto read = ReadAll(KitDir() + "/ImportTest2C.tmx");
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  const Segment& s = read->units.at(0).variants.at(0).segment;
  EXPECT_EQ(s.text, "Click  to start.");
  ASSERT_EQ(s.codes.size(), 6u);
  EXPECT_EQ(s.codes[0].element, "it");
  EXPECT_EQ(s.codes[0].native, "&lt;I&gt;");
  EXPECT_EQ(s.codes[1].element, "bpt");
  EXPECT_EQ(s.codes[1].id, "1");
  EXPECT_EQ(s.codes[2].element, "ph");
  EXPECT_EQ(s.codes[2].offset, 6u);
  EXPECT_EQ(s.codes[2].native, "&lt;IMG SRC=\"here.png\" ALT=\"<sub>Start Here!</sub>\"&gt;");
  EXPECT_EQ(s.codes[3].element, "hi");
  EXPECT_EQ(s.codes[3].kind, CodeKind::kOpen);
  EXPECT_EQ(s.codes[3].offset, 10u);
  EXPECT_EQ(s.codes[4].element, "hi");
  EXPECT_EQ(s.codes[4].kind, CodeKind::kClose);
  EXPECT_EQ(s.codes[4].offset, 15u);
  EXPECT_EQ(s.codes[4].id, "4");
  EXPECT_EQ(s.codes[5].element, "ept");
  EXPECT_EQ(s.codes[5].offset, s.text.size());
}

}  // namespace
}  // namespace lovcen::formats
