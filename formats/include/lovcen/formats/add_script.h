// Both Montenegrin scripts in the TM (`lovcen import --add-script`): a unit
// holding a cnr-Latn variant but no cnr-Cyrl one gets the cnr-Cyrl variant by
// transliteration (design brief §9), and the reverse, so that the cnr-Cyrl
// edition is matched, exported and searched like any stored language. The
// unit records it in the property kTransliteratedProperty (match.h), whose
// value is the made variant's tag, so matches from it say "transliterated".
// A unit holding both scripts, or neither, is left as it is.
#pragma once

#include <cstddef>
#include <memory>

#include "lovcen/status.h"
#include "lovcen/tm_store.h"
#include "lovcen/transliterator.h"

namespace lovcen::formats {

// Adds the missing script's variant to `unit`: the other script's segment
// transliterated (inline codes kept in place), its context neighbours too,
// with the same dates and author. True when a variant was added.
bool AddMissingScript(TranslationUnit& unit, const Transliterator& transliterator);

// A TmWriter that passes every unit through AddMissingScript on its way to
// `inner` (which it does not own; commit through either). `*added` counts
// the variants made. For the units of an import.
std::unique_ptr<TmWriter> AddScriptWriter(TmWriter& inner, const Transliterator& transliterator,
                                          std::size_t* added);

struct AddScriptSummary {
  std::size_t units_seen = 0;
  std::size_t variants_added = 0;  // units updated in place with their new variant
  // Units left without the other script because no variant of theirs
  // identifies them alone (another unit has the same text in each of their
  // languages), so re-adding could update the wrong unit.
  std::size_t ambiguous = 0;
};

// The same for every unit already in `store`, through `writer` (a write on
// the same store, duplicate policy newer-wins; the caller commits): each unit
// lacking a script is read, given the variant and its change date set to now
// (so the candidate index picks the change up), and re-added, which updates
// the stored unit in place. Reads the units that need it into memory first.
Result<AddScriptSummary> AddMissingScriptToStore(TmStore& store, TmWriter& writer,
                                                 const Transliterator& transliterator);

}  // namespace lovcen::formats
