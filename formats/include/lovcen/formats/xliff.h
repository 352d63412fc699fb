// XLIFF 1.2 and 2.x documents (design brief §5): one model for both versions,
// read through the hardened Xerces parser and written back so that reading
// then writing a file gives the same canonical XML. lovcen understands files,
// groups, units, segments (1.2 <seg-source> mrk segments, 2.x segment and
// ignorable), source and target as lovcen::Segment with inline codes, states,
// notes, 1.2 <alt-trans> and the 2.x matches module; everything else
// (foreign namespaces, SDL extensions, headers, skeletons, other modules) is
// kept as attributes or self-contained XML fragments at its place.
//
// The model is plain structs: pre-fill builds one from scratch (empty
// `layout` vectors mean "schema order") and WriteXliff() turns it into a file.
// Reading is lenient (XLIFF 1.0/1.1 namespaces, units without ids); strict
// checking is the validator's job (validate.h). Nothing here is thread-safe
// beyond "distinct objects in distinct threads".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lovcen/formats/xml_parser.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"

namespace lovcen::formats {

enum class XliffVersion {
  k12,  // XLIFF 1.2 (1.0 and 1.1 files are read as 1.2 and keep their namespace)
  k20,
  k21,
  k22,  // read only; written with the 2.2 namespace and version as read
};
bool IsXliff2(XliffVersion version);
std::string_view XliffVersionName(XliffVersion version);  // "1.2", "2.0", ...

inline constexpr std::string_view kXliff12Namespace = "urn:oasis:names:tc:xliff:document:1.2";
inline constexpr std::string_view kXliff11Namespace = "urn:oasis:names:tc:xliff:document:1.1";
inline constexpr std::string_view kXliff20Namespace = "urn:oasis:names:tc:xliff:document:2.0";
inline constexpr std::string_view kXliff22Namespace = "urn:oasis:names:tc:xliff:document:2.2";
inline constexpr std::string_view kXliffMatchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0";

// InlineCode::element of an element lovcen does not know inside source or
// target content (e.g. a foreign one): InlineCode::native holds it as XML and
// the writer puts it back unchanged.
inline constexpr std::string_view kRawInlineElement = "#raw";

// One attribute: qualified name as written ("resname", "xml:lang",
// "sdl:origin"), its namespace URI ("" when unprefixed) and value.
struct XmlAttribute {
  std::string name;
  std::string value;
  std::string ns;
  friend bool operator==(const XmlAttribute&, const XmlAttribute&) = default;
};
using XmlAttributes = std::vector<XmlAttribute>;

// Value of the attribute named `name` (qualified name as written), or "".
std::string_view AttributeValue(const XmlAttributes& attributes, std::string_view name);
// Sets (or adds at the end) the attribute `name`; `ns` only for prefixed names.
void SetAttribute(XmlAttributes& attributes, std::string name, std::string value,
                  std::string ns = {});
void RemoveAttribute(XmlAttributes& attributes, std::string_view name);

// InlineCode::attributes are plain name/value pairs; prefixed attributes get
// their namespace as an "xmlns:prefix" entry beside them so that a code stays
// writable outside the document it came from.
using CodeAttributes = std::vector<std::pair<std::string, std::string>>;
CodeAttributes ToCodeAttributes(const XmlAttributes& attributes);
XmlAttributes FromCodeAttributes(const CodeAttributes& attributes);

// An element, comment or processing instruction lovcen does not interpret,
// as self-contained XML (it declares the namespaces it uses).
struct RawXml {
  std::string xml;
  friend bool operator==(const RawXml&, const RawXml&) = default;
};

// Where interleaved children of one container sat, in document order, so a
// round trip keeps e.g. an <alt-trans> before a <note>. Builders leave the
// layout empty; items not covered by it are written in schema order after.
enum class XliffChild : char { kNote, kCandidate, kExtension };

struct XliffNote {
  std::string text;
  XmlAttributes attributes;  // 1.2: from, priority, annotates; 2.x: id, appliesTo, category, priority
  friend bool operator==(const XliffNote&, const XliffNote&) = default;
};

// 2.x <originalData>/<data>: the native code an inline code points to.
struct XliffData {
  std::string id;
  std::string content;       // <cp> decoded to characters
  XmlAttributes attributes;  // dir, xml:space
  friend bool operator==(const XliffData&, const XliffData&) = default;
};

// A translation candidate: 1.2 <alt-trans>, 2.x <mtc:match>.
struct XliffCandidate {
  std::string id;             // 2.x match id
  std::string ref;            // 2.x ref ("#s1"); 1.2 mid of the segment it belongs to
  std::string origin;         // tool, TM or engine that produced it
  std::string match_quality;  // 1.2 match-quality (free text); 2.x matchQuality
  std::string similarity;     // 2.x similarity (0-100)
  std::string type;           // 1.2 alttranstype; 2.x type (tm, mt, ...)
  std::optional<Segment> source;
  std::optional<Segment> target;
  XmlAttributes attributes;         // the others, as read
  XmlAttributes source_attributes;  // of its <source>
  XmlAttributes target_attributes;  // of its <target>
  std::vector<XliffData> original_data;          // 2.x
  std::optional<RawXml> seg_source;              // 1.2 <seg-source> inside <alt-trans>
  std::vector<RawXml> extensions;                // notes, prop-groups, metadata, foreign elements
  std::size_t extensions_before_source = 0;      // how many of them precede <source>

  // The score as a number: match-quality ("100%", "87", "87.5 %") or else
  // similarity; nullopt when neither is a number (e.g. "high").
  std::optional<double> Score() const;
  friend bool operator==(const XliffCandidate&, const XliffCandidate&) = default;
};

// Reads a free-text match quality defensively: "100%", "87", " 87.5 % " -> the
// number; anything else ("high", "", "n/a") -> nullopt. Values outside 0-100
// are rejected too, because no tool means them.
std::optional<double> ParseMatchQuality(std::string_view text);

// One segment of a unit, or the text between segments.
// 1.2: an unsegmented <trans-unit> has one segment with an empty id; a unit
// with <seg-source> has one per <mrk mtype="seg"> (id = mid) and ignorable
// ones for what lies between them. 2.x: <segment> and <ignorable>.
struct XliffSegment {
  std::string id;
  bool ignorable = false;
  Segment source;
  std::optional<Segment> target;
  std::string state;      // 1.2 target state; 2.x segment state
  std::string sub_state;  // 1.2 state-qualifier; 2.x subState
  XmlAttributes attributes;         // other attributes of <segment>/<ignorable> or the seg <mrk>
  XmlAttributes source_attributes;  // of <source> (2.x, unsegmented 1.2)
  XmlAttributes target_attributes;  // of <target> (2.x, unsegmented 1.2) or the target seg <mrk>
  friend bool operator==(const XliffSegment&, const XliffSegment&) = default;
};

struct XliffUnit {
  std::string id;
  std::string translate;  // "yes", "no" or "" (absent; inherited)
  std::string approved;   // 1.2 only: "yes", "no" or ""
  XmlAttributes attributes;  // all other attributes
  std::vector<XliffSegment> segments;
  std::vector<XliffNote> notes;
  std::vector<XliffCandidate> candidates;
  std::vector<RawXml> extensions;  // unknown children, in order
  std::vector<XliffChild> layout;  // interleaving of notes, candidates and extensions
  XmlAttributes notes_attributes;    // 2.x <notes>
  XmlAttributes matches_attributes;  // 2.x <mtc:matches>
  std::vector<XliffData> original_data;  // 2.x
  // 1.2 segmented units (<seg-source> present) keep their <source> apart.
  bool segmented = false;
  std::optional<Segment> full_source;
  XmlAttributes source_attributes;      // 1.2 <source>
  XmlAttributes seg_source_attributes;  // 1.2 <seg-source>
  XmlAttributes target_attributes;      // 1.2 <target> of a segmented unit
  bool has_target = false;              // 1.2 segmented: a <target> element is present
  std::vector<std::size_t> target_order;  // 1.2 segmented: order of target parts when not the source order
  int line = 0;                           // where it was read, for messages; 0 when built

  bool translatable() const { return translate != "no"; }
  friend bool operator==(const XliffUnit&, const XliffUnit&) = default;
};

struct XliffItem;

struct XliffGroup {
  std::string id;
  std::string translate;  // "yes", "no" or ""
  XmlAttributes attributes;
  std::vector<XliffNote> notes;
  std::vector<RawXml> extensions;  // 1.2 header, context/count/prop groups; 2.x modules
  std::vector<XliffChild> layout;
  XmlAttributes notes_attributes;  // 2.x <notes>
  std::vector<XliffItem> items;
};

// A child of a file body or group.
struct XliffItem {
  std::variant<XliffUnit, XliffGroup, RawXml> value;  // RawXml: 1.2 bin-unit, comments
};

struct XliffFile {
  std::string id;        // 2.x only
  std::string original;  // source document name
  std::string source_language;  // 1.2 source-language (2.x: copied from the root on read)
  std::string target_language;
  std::string datatype;  // 1.2 only
  std::string translate;  // 2.x only: "yes", "no" or ""
  XmlAttributes attributes;
  std::vector<RawXml> extensions;  // 1.2 <header>; 2.x skeleton and module/extension elements
  std::vector<XliffNote> notes;    // 2.x
  XmlAttributes notes_attributes;
  XmlAttributes body_attributes;   // 1.2 <body>
  std::vector<XliffItem> items;
};

struct XliffDocument {
  XliffVersion version = XliffVersion::k12;
  // The version attribute as read; nullopt = write the version's own, "" =
  // leave it out (as some 1.1 files do).
  std::optional<std::string> version_text;
  std::string namespace_uri;  // XLIFF namespace as read; "" = the version's own
  bool no_namespace = false;  // a 1.0 file without namespace (kept so on write)
  std::string source_language;  // 2.x srcLang (1.2: the first file's, on read)
  std::string target_language;
  XmlAttributes attributes;  // other root attributes, namespace declarations included
  std::vector<XliffFile> files;
};

struct XliffReadOptions {
  XmlLimits limits;
};

// Reads an XLIFF 1.0/1.1/1.2 or 2.0/2.1/2.2 document. Errors (malformed XML,
// not XLIFF, unknown version) name file, line and column.
Result<XliffDocument> ReadXliff(const XmlInput& input, const XliffReadOptions& options = {});
Result<XliffDocument> ReadXliffFile(const std::string& path, const XliffReadOptions& options = {});

struct XliffWriteOptions {
  bool indent = true;  // indent structure (never inside source/target/note)
};

// Writes `document` as XLIFF of document.version. Inline codes read from the
// other XLIFF version or from TMX are mapped to this version's elements.
// Fails (kUsage) on a model that cannot be written, e.g. a paired code whose
// close comes before its open in a version that needs nesting.
Result<std::string> WriteXliff(const XliffDocument& document, const XliffWriteOptions& options = {});
Status WriteXliffFile(const XliffDocument& document, const std::string& path,
                      const XliffWriteOptions& options = {});

// Rewrites the inline codes of `segment` whose attributes do not belong to
// `version`'s element of that name (codes from TMX or from the other XLIFF
// version) into that version's form: TMX <bpt i="1" type="bold"> becomes 1.2
// <bpt id="1" ctype="bold">, a 2.x <mrk type="term"> a 1.2 <mrk mtype="term">.
// Codes already in the version's form are untouched. WriteXliff() keeps every
// code whose element the version has exactly as it is (so files round-trip)
// and maps only elements the version lacks (1.2 <g> -> 2.x <pc>); callers
// that put foreign content into a document (pre-fill, export) adapt it first.
Segment AdaptInlineCodes(const Segment& segment, XliffVersion version);

// Makes `segment` stand alone as one unit's only segment: an open or close
// code without its partner in the segment (a 2.x <sc>/<ec> pair or a 1.2
// <bpt>/<ept> pair split across segments of another file) becomes an isolated
// code (2.x isolated="yes", 1.2 <it pos="open|close">), annotations missing
// their other half are dropped, and a 2.x canReorder="no" that lost the code
// it followed becomes "firstNo". Call after AdaptInlineCodes().
Segment IsolateUnpairedCodes(const Segment& segment, XliffVersion version);

// Visits every unit of a file (or document) depth-first, in document order,
// with the translate value in force (a "no" on a file or group is inherited).
template <class Fn>
void ForEachXliffUnit(const std::vector<XliffItem>& items, bool translatable, Fn&& fn) {
  for (const XliffItem& item : items) {
    if (const auto* unit = std::get_if<XliffUnit>(&item.value)) {
      fn(*unit, translatable && unit->translatable());
    } else if (const auto* group = std::get_if<XliffGroup>(&item.value)) {
      ForEachXliffUnit(group->items, translatable && group->translate != "no", fn);
    }
  }
}
template <class Fn>
void ForEachXliffUnit(std::vector<XliffItem>& items, Fn&& fn) {
  for (XliffItem& item : items) {
    if (auto* unit = std::get_if<XliffUnit>(&item.value)) {
      fn(*unit);
    } else if (auto* group = std::get_if<XliffGroup>(&item.value)) {
      ForEachXliffUnit(group->items, fn);
    }
  }
}

// Translation states across versions, for builders and importers.
enum class XliffState {
  kNew,          // 1.2 new / needs-translation; 2.x initial
  kNeedsReview,  // 1.2 needs-review-*, needs-adaptation, needs-l10n; 2.x translated
  kTranslated,   // 1.2 translated; 2.x translated
  kReviewed,     // 1.2 signed-off; 2.x reviewed
  kFinal,        // final in both
};
// The attribute value for `state` in `version` ("new", "needs-review-translation",
// "initial", ...).
std::string_view XliffStateName(XliffVersion version, XliffState state);
// Reads a state value of either version; nullopt for unknown values
// (1.2 "x-..." custom states included).
std::optional<XliffState> ParseXliffState(std::string_view value);

}  // namespace lovcen::formats
