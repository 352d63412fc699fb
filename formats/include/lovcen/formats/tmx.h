// TMX 1.4b, levels 1 and 2 (design brief §5). A streaming reader hands over
// one <tu> at a time with everything the file said (raw language tags, every
// attribute, note and prop in order, inline codes kept losslessly); memory is
// bounded by the largest single <tu>, never by the file. TmxUnitConverter
// turns such a unit into a lovcen TranslationUnit (languages lovcen does not
// know are refused per unit, with a reason), and ImportTmx/ExportTmx move
// units between a TMX file and a TmStore in one transaction. The writer is in
// tmx_writer.h. Nothing here keeps global state; all of it is reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lovcen/formats/importer.h"
#include "lovcen/formats/xml_parser.h"
#include "lovcen/language.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"
#include "lovcen/tm_store.h"
#include "lovcen/tm_types.h"

namespace lovcen::formats {

// Attributes as written, in document order; names are qualified ("xml:lang").
using TmxAttributes = std::vector<std::pair<std::string, std::string>>;

// Value of attribute `name`, or nullptr when absent.
const std::string* FindAttribute(const TmxAttributes& attributes, std::string_view name);

// A <note> or a <prop>, with its attributes (type, xml:lang, o-encoding).
struct TmxAnnotation {
  enum class Kind { kNote, kProp };
  Kind kind = Kind::kNote;
  TmxAttributes attributes;
  std::string text;

  std::string_view type() const;  // the prop's type; "" for a note
  friend bool operator==(const TmxAnnotation&, const TmxAnnotation&) = default;
};

// A user-defined encoding (<ude> with its <map> children), kept as read.
struct TmxUde {
  TmxAttributes attributes;
  std::vector<TmxAttributes> maps;
  friend bool operator==(const TmxUde&, const TmxUde&) = default;
};

struct TmxHeader {
  std::string version;       // <tmx version="...">
  TmxAttributes attributes;  // of <header>, in document order
  std::vector<TmxAnnotation> annotations;
  std::vector<TmxUde> udes;
  int line = 0;

  std::string_view srclang() const;  // "" when absent; may be "*all*"
};

// Inline codes of a <seg> as lovcen::InlineCode (offsets are byte offsets in
// Segment::text, which holds the translatable text only):
//  - bpt -> kOpen, ept -> kClose, ph/it/ut -> kStandalone; `id` is the TMX
//    `i` (bpt, ept) or `x` (ph, it, ut, when present); `element` is the TMX
//    element name; `attributes` every attribute in document order; `native`
//    the element's content as escaped XML exactly as lovcen writes it back
//    ("&lt;b&gt;"; a <sub> inside is kept there as markup, so sub-flow text
//    is not part of the segment text).
//  - hi holds translatable text, so it becomes two codes around that text:
//    kOpen (element "hi", its attributes, id = its `x` or "") and kClose
//    (element "hi", no attributes, the same id), nested as in the file.
// Writing codes and text back in order gives the same XML (tmx_writer.h).
struct TmxVariant {
  std::string lang;          // raw xml:lang (or legacy lang) exactly as written
  TmxAttributes attributes;  // every attribute of <tuv>, including the language
  std::vector<TmxAnnotation> annotations;
  Segment segment;  // <seg>, not yet NFC-normalised
  bool has_seg = false;
  int line = 0;
};

struct TmxUnit {
  TmxAttributes attributes;  // of <tu>, in document order
  std::vector<TmxAnnotation> annotations;
  std::vector<TmxVariant> variants;
  int line = 0;         // line of <tu>
  std::string problem;  // first breach of the TMX rules inside this <tu>; "" when none

  std::string_view tuid() const;
  std::string Where() const;  // "tu 'abc' (line 40)" or "tu at line 40"
};

struct TmxReadCallbacks {
  std::function<Status(const TmxHeader&)> on_header;  // optional; once, before any unit
  // Required. The unit is reused for the next <tu> once this returns, so
  // move out what you keep. A failed Status stops the read and is returned.
  std::function<Status(TmxUnit&)> on_unit;
};

// Streams a TMX document (any version 1.1-1.4, any encoding Xerces reads:
// UTF-8/16 with or without BOM, ASCII, ISO-8859-1). Fatal, with
// file:line:column: malformed XML, a root other than <tmx>, anything
// ParseXml refuses (external entities, entity bombs, depth, size). A breach
// of the TMX rules inside one <tu> (unknown element, <tuv> without language
// or <seg>, <bpt> without i) is not fatal: it is reported in TmxUnit::problem
// and the read goes on.
Status ReadTmx(const XmlInput& input, const TmxReadCallbacks& callbacks,
               const XmlLimits& limits = {});

// TMX dates are "YYYYMMDDThhmmssZ"; lovcen keeps ISO 8601 "YYYY-MM-DDThh:mm:ssZ".
// Each returns nullopt for a string that is not a valid date of its form.
std::optional<std::string> TmxDateToIso(std::string_view tmx_date);
std::optional<std::string> IsoToTmxDate(std::string_view iso_date);

// How a TmxUnit maps onto a TranslationUnit (and back, in TmxWriter):
//  - tuid, creationdate/changedate (as ISO), creationid (author) of <tu> and
//    of each <tuv> go to the fields of the same name;
//  - props x-origin and x-story set origin and story_key; x-context-pre and
//    x-context-post set the context of the variant they belong to (at <tu>
//    level: the source variant); OmegaT's prev/next set it too when no
//    x-context-* is given, and stay as properties;
//  - everything else is kept in TranslationUnit::properties, in order:
//    a <tu> prop as {type, text} ("tmx:prop:<type>" when the type itself
//    starts with "tmx:"), a <tu> note as {"tmx:note", text}, another <tu>
//    attribute as {"tmx:@<name>", value}, and the same for a <tuv> as
//    "tmx:tuv:<lang>:prop:<type>", "tmx:tuv:<lang>:note",
//    "tmx:tuv:<lang>:@<name>" (lang canonical). Attributes of notes and
//    props themselves (xml:lang, o-encoding) are not kept, nor is tu srclang
//    (the writer's source language takes its place);
//  - the source variant (tu srclang, else header srclang, else the first)
//    comes first; the others follow in file order;
//  - text runs between codes are NFC-normalised, offsets adjusted.
inline constexpr std::string_view kTmxNoteProperty = "tmx:note";

struct ConvertedTmxUnit {
  std::optional<TranslationUnit> unit;  // nullopt when the whole unit is rejected
  std::optional<Rejection> rejection;   // why it was rejected
  // Variants left out of a unit that was kept, one entry each; `reason`
  // names the variant and the cause but no line, so equal causes can be
  // counted together (`where` has the unit and line).
  std::vector<Rejection> left_out;
};

// Converts units of one file. A variant whose language lovcen does not know
// (design brief §1), a second variant of one language, or an empty segment
// is left out; a unit with fewer than two usable variants, or with a
// TmxUnit::problem, is rejected. Caches language tags, so use one converter
// per file; not thread-safe.
class TmxUnitConverter {
 public:
  explicit TmxUnitConverter(const TagOptions& tags = {});

  ConvertedTmxUnit Convert(const TmxUnit& unit, const TmxHeader& header);

  // Alias notes ("language tag 'en-US' read as 'en'"), each given once; the
  // call empties the list.
  std::vector<std::string> TakeWarnings();

 private:
  struct Tag {
    std::optional<LanguageTag> tag;
    std::string error;
  };
  const Tag& Lookup(std::string_view raw);

  TagOptions tags_;
  std::map<std::string, Tag, std::less<>> cache_;  // by raw tag as written
  std::vector<std::string> warnings_;
  std::vector<std::pair<const TmxVariant*, LanguageTag>> kept_;  // Convert's scratch
};

// Rejected units are listed one by one up to this many per file; one more
// stops the import (TM unchanged): so many unusable units means the wrong
// file or options, and the list must not grow with the file.
inline constexpr std::size_t kTmxMaxRejectedUnits = 100000;

// Reads every unit of a TMX file into `writer` (the caller commits; see
// importer.h). Units the converter rejects go to writer.summary().rejected
// one by one; each distinct reason a variant was left out becomes one entry
// counting its units ("a.tmx: 3 units (first: tu at line 9)"); every
// `where` starts with the path. options.story_key, when set, is the story
// of units without an x-story prop. Streams: memory does not grow with the
// file. A malformed file, or a store error, is returned as an error; the
// caller then must not commit.
Status ImportTmxInto(const std::string& path, TmWriter& writer, const ImportOptions& options);

// ImportTmxInto through one TmWriter of `store`, committed at the end: a
// fatal read error or a store error leaves the TM unchanged.
Result<WriteSummary> ImportTmx(const std::string& path, TmStore& store,
                               const ImportOptions& options = {},
                               const WriteOptions& write_options = {});

struct TmxExportOptions {
  LanguageTag source{Language::kEnglish};
  // Languages written beside the source, in this order; empty = every other
  // language of each unit. A unit needs the source and at least one target.
  std::vector<LanguageTag> targets;
  std::string story_key;                                    // empty = the whole TM
  std::function<void(std::size_t units_written)> progress;  // may be empty
};

struct TmxExportSummary {
  std::size_t units = 0;           // <tu> written
  std::uint64_t bytes = 0;         // size of the file
  std::vector<Rejection> skipped;  // units XML 1.0 cannot carry (control characters)
};

// Writes the TM (or the slice the options select) as TMX 1.4b to `path`,
// through a temporary file renamed into place at the end, so a failed export
// never leaves a partial file behind.
Result<TmxExportSummary> ExportTmx(TmStore& store, const TmxExportOptions& options,
                                   const std::string& path);

}  // namespace lovcen::formats
