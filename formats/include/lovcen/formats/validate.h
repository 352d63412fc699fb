// `lovcen validate`: checks an XLIFF 1.2, XLIFF 2.x or TMX 1.4 file by
// lovcen's own reading of the specifications (required elements and
// attributes, allowed values, unique ids, inline codes paired and referenced
// correctly, language tags, and for XLIFF 2.x the processing requirements of
// the core and of the modules the OASIS test suite exercises). Each finding
// names the rule it breaks and where (line and column of the element's start
// tag). Optionally the file is also checked against a W3C XML Schema the user
// supplies, with Xerces' validator. Nothing here fetches anything.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lovcen/formats/importer.h"
#include "lovcen/formats/xml_parser.h"
#include "lovcen/status.h"

namespace lovcen::formats {

struct Finding {
  std::string file;
  int line = 0;
  int column = 0;
  std::string rule;     // stable id, e.g. "xliff2.segment.source-required"
  std::string message;  // one line, for a person

  // "file:line:column: rule: message"
  std::string ToString() const;
  friend bool operator==(const Finding&, const Finding&) = default;
};

struct ValidationReport {
  FileFormat format = FileFormat::kUnknown;  // what the file was checked as
  std::vector<Finding> findings;             // in document order
  bool valid() const { return findings.empty(); }
};

struct ValidateOptions {
  std::string schema_path;  // when set, also validate against this XSD
  XmlLimits limits;
};

// Checks `path`, detecting the format from its content. A file that is not
// well-formed XML gives one finding (rule "xml") with the parser's position.
// Errors are only for files that cannot be read, or that are neither XLIFF
// nor TMX.
Result<ValidationReport> ValidateFile(const std::string& path, const ValidateOptions& options = {});

// The same for a document in memory (input.name names it in findings).
Result<ValidationReport> ValidateXliff(const XmlInput& input, const ValidateOptions& options = {});
Result<ValidationReport> ValidateTmx(const XmlInput& input, const ValidateOptions& options = {});

// True when `tag` is a well-formed BCP 47 language tag (RFC 5646 syntax,
// grandfathered tags included). Says nothing about whether lovcen knows it.
bool IsWellFormedLanguageTag(std::string_view tag);

}  // namespace lovcen::formats
