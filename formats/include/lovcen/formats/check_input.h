// The pairs `lovcen check` looks at, from files (XLIFF 1.2/2.x with their
// untranslated segments too, TMX, TSV) or from TM units. Languages come from
// the file; --src/--tgt, when given, must agree with an XLIFF file's and pick
// the pair of a multilingual TMX/TSV file or TM unit (by default its first
// variant against each other one).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lovcen/check.h"
#include "lovcen/language.h"
#include "lovcen/status.h"
#include "lovcen/tm_types.h"

namespace lovcen::formats {

struct CheckInputOptions {
  std::optional<LanguageTag> source;
  std::optional<LanguageTag> target;
  TagOptions tags;
  // Called once for each language alias normalised; may be empty.
  std::function<void(const std::string&)> warn;
};

// Appends the pairs of `path` to `items` (CheckItem::order continues from
// items->size()). kBadInput errors, with file:line:column where known: a
// malformed file, an empty one (no segment at all), languages that do not
// match --src/--tgt, a file without the requested languages.
Status ReadCheckItems(const std::string& path, const CheckInputOptions& options,
                      std::vector<CheckItem>* items);

// Appends the pairs of one TM unit (file "" and unit = the unit id, or `file`
// and the tuid when reading a file). Returns the number added.
std::size_t UnitToCheckItems(const TranslationUnit& unit, const std::string& file,
                             const CheckInputOptions& options, std::vector<CheckItem>* items);

}  // namespace lovcen::formats
