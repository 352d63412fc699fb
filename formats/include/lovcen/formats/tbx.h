// Glossaries for the term-mismatch check: TBX (basic: TBX-Basic 2008
// <martif> with termEntry/langSet/tig|ntig/term, and TBX v3 <tbx> with
// conceptEntry/langSec/termSec/term) read through the hardened Xerces parser,
// and a glossary TSV (a header row of language tags, one entry per row, an
// empty cell for no term). A file of another structure, a language lovcen
// does not know, or a term outside a language section is an error with
// file:line:column; nothing is guessed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lovcen/check.h"
#include "lovcen/language.h"
#include "lovcen/status.h"

namespace lovcen::formats {

struct GlossaryReadOptions {
  TagOptions tags;
  std::function<void(const std::string&)> warn;  // language aliases; may be empty
};

// Entries with at least one term; entry ids from the file (TBX id attribute,
// else "<file stem>:<n>"; TSV "<file stem>:<row>").
Result<std::vector<GlossaryEntry>> ReadTbx(const std::string& path,
                                           const GlossaryReadOptions& options = {});
Result<std::vector<GlossaryEntry>> ReadGlossaryTsv(const std::string& path,
                                                   const GlossaryReadOptions& options = {});
// By extension: .tbx (or XML content) -> ReadTbx, otherwise ReadGlossaryTsv.
Result<std::vector<GlossaryEntry>> ReadGlossary(const std::string& path,
                                                const GlossaryReadOptions& options = {});

}  // namespace lovcen::formats
