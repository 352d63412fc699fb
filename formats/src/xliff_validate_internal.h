// Shared by the XLIFF 1.2, XLIFF 2.x and TMX validators (internal).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lovcen/formats/validate.h"
#include "xliff_dom.h"

namespace lovcen::formats::validation {

// Collects findings for one file.
class Findings {
 public:
  explicit Findings(std::string file) : file_(std::move(file)) {}
  void Add(int line, int column, std::string rule, std::string message) {
    findings_.push_back({file_, line, column, std::move(rule), std::move(message)});
  }
  void Add(const dom::Element& at, std::string rule, std::string message) {
    Add(at.line, at.column, std::move(rule), std::move(message));
  }
  std::vector<Finding> Take() { return std::move(findings_); }
  const std::string& file() const { return file_; }
  std::size_t size() const { return findings_.size(); }

 private:
  std::string file_;
  std::vector<Finding> findings_;
};

// XML NMTOKEN (ASCII letters and digits, '.', '-', '_', ':' and any
// non-ASCII character, at least one).
bool IsNmToken(std::string_view text);
// Space-separated NMTOKENs (at least one).
bool IsNmTokens(std::string_view text);
bool IsNonNegativeInteger(std::string_view text);
// Lower-case equality for ASCII (language tags compare case-insensitively).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// The name findings use for `input`.
std::string Name(const XmlInput& input);
// Adds a "schema" finding when options.schema_path is set and `input` does
// not validate against it.
void SchemaCheck(const XmlInput& input, const ValidateOptions& options, Findings& findings);

// The validators, on a parsed tree (XLIFF) or a file (TMX, streamed).
void ValidateXliff12Tree(const dom::Element& root, Findings& findings);
void ValidateXliff2Tree(const dom::Element& root, Findings& findings);

}  // namespace lovcen::formats::validation
