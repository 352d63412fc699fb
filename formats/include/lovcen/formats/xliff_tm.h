// XLIFF and the translation memory (design brief §4, §5): translated XLIFF
// segments become TM units (`lovcen import`), and a TM language pair becomes
// an XLIFF 1.2 or 2.1 file (`lovcen export --format xliff12|xliff21`).
// Import takes the targets a translator finished (states translated,
// reviewed, final, signed-off; every non-empty target with all_states), skips
// translate="no" units, and keeps inline codes with their native content.
// Language tags are checked here, not by the reader: a file in a language
// lovcen does not know is refused unit by unit, with the reason, counted.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/formats/importer.h"
#include "lovcen/formats/xliff.h"
#include "lovcen/tm_store.h"
#include "lovcen/tm_types.h"

namespace lovcen::formats {

// The TM units of one <file> of an XLIFF document.
struct XliffFileUnits {
  Document document;                   // the source edition (id assigned when stored)
  std::vector<TranslationUnit> units;  // in document order; position set, document_id not
};

struct XliffConversion {
  std::vector<XliffFileUnits> files;
  std::vector<Rejection> rejected;      // grouped: one entry per file and reason, with a count
  std::size_t rejected_units = 0;       // units behind those entries
  std::size_t skipped_state = 0;        // targets in a state not imported
  std::size_t skipped_untranslatable = 0;  // segments of translate="no" units
  std::size_t skipped_empty = 0;        // segments without a (non-empty) target
};

// True when a target in `state` counts as finished work (1.2 translated,
// signed-off, final or no state; 2.x translated, reviewed, final).
bool IsFinishedXliffState(XliffVersion version, std::string_view state);

// Converts the finished segments of `document` (read from `path`, which names
// the rejections and gives the default story key) into TM units. Origin is
// `confirmed` for finished targets and `imported` for the others that
// options.all_states lets in. Each variant's context is the neighbouring
// segments of its file. Text is NFC-normalised with code offsets kept right.
XliffConversion XliffToUnits(const XliffDocument& document, const std::string& path,
                             const ImportOptions& options);

// Reads `path` (XLIFF 1.x or 2.x) into `writer`: the importer dispatch
// (importer.h). The caller commits. A malformed file is an error naming file,
// line and column; refused units go to writer.summary().rejected.
Status ImportXliffInto(const std::string& path, TmWriter& writer, const ImportOptions& options);

// ImportXliffInto through one TmWriter of `store`, committed at the end: a
// read or store error leaves the TM unchanged.
Result<WriteSummary> ImportXliff(const std::string& path, TmStore& store,
                                 const ImportOptions& options = {},
                                 const WriteOptions& write_options = {});

struct XliffExportOptions {
  LanguageTag source{Language::kEnglish};
  LanguageTag target{Language::kGerman};
  std::string story_key;  // empty = the whole TM
  std::string original;   // <file original>; empty = the story key, or "lovcen-tm"
  std::function<void(std::size_t units_written)> progress;  // may be empty
};

struct XliffExportSummary {
  std::size_t units = 0;
  std::uint64_t bytes = 0;
  std::vector<Rejection> skipped;  // units XLIFF 1.2 cannot carry (control characters)
};

// Builds the document ExportXliff12/21 write: one <file>, one unit per TM unit
// holding both languages, targets in state final (origin confirmed) or
// translated, TM properties as 1.2 <prop-group> / 2.x <mda:metadata>.
XliffDocument UnitsToXliff(const std::vector<TranslationUnit>& units, XliffVersion version,
                           const XliffExportOptions& options, std::vector<Rejection>* skipped);

// Writes the pair options.source -> options.target of the TM (or of one
// story) as XLIFF to `path`, through a temporary file renamed into place, so
// a failed export never leaves a partial file.
Result<XliffExportSummary> ExportXliff12(TmStore& store, const XliffExportOptions& options,
                                         const std::string& path);
Result<XliffExportSummary> ExportXliff21(TmStore& store, const XliffExportOptions& options,
                                         const std::string& path);

}  // namespace lovcen::formats
