// What a TM match is (design brief §3): its class, its score, the target it
// proposes and where that target came from. Plain data, shared by the
// matcher, the pre-fill pipeline and the reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/match_score.h"
#include "lovcen/segment.h"
#include "lovcen/tm_types.h"

namespace lovcen {

enum class MatchClass { kContext, kExact, kPlaceable, kFuzzy, kRepetition, kPivot };
// "context", "exact", "placeable", "fuzzy", "repetition", "pivot".
std::string_view MatchClassName(MatchClass match_class);

// The TU a candidate comes from.
struct MatchOrigin {
  std::int64_t unit_id = 0;
  std::string tuid;
  std::string story_key;
  std::int64_t document_id = 0;
  Origin origin = Origin::kImported;
  std::string changed;  // change date of the TU (else its creation date)
  std::string author;
  // Pivot matches: the language went through and the unit of the first leg
  // (this origin then describes the second leg's unit, which holds the target).
  std::optional<LanguageTag> pivot_language;
  std::int64_t pivot_unit_id = 0;
  int pivot_first_leg_score = 0;
  int pivot_second_leg_score = 0;
  // Set when the proposed target is in the other Montenegrin script than the
  // TM holds it: transliterated from this variant (cnr-Latn <-> cnr-Cyrl),
  // by the matcher or earlier by `lovcen import --add-script`. `origin` is
  // then Origin::kTransliterated.
  std::optional<LanguageTag> transliterated_from;
};

// The unit property naming the language of a variant that was made by
// transliteration (`lovcen import --add-script`), e.g. "cnr-Cyrl".
inline constexpr std::string_view kTransliteratedProperty = "x-lovcen-transliterated";

// A placeable substituted into the target.
struct Substitution {
  std::string old_source;  // value in the TM source ("05-Apr-2025")
  std::string new_source;  // value in the new segment ("12-Apr-2025")
  std::string old_target;  // as it stood in the TM target ("5. april 2025.")
  std::string new_target;  // as written now ("12. april 2025.")
};

struct Candidate {
  MatchClass match_class = MatchClass::kFuzzy;
  int score = 0;  // 101 context, 100 exact, 97-99 placeable, threshold-100 fuzzy/pivot
  LanguageTag target_language{Language::kEnglish};
  Segment tm_source;  // the TM's source variant T
  Segment target;     // the proposed target (rebuilt for placeables)
  MatchOrigin origin;
  // Fuzzy (and pivot): every non-identical step of the alignment of the new
  // segment with T, and the new segment's tokens that differ, as byte ranges.
  std::vector<TokenEdit> edits;
  std::vector<std::pair<std::size_t, std::size_t>> differing_source;
  std::vector<Substitution> substitutions;  // placeables
  double char_similarity = 0;               // tie-break between fuzzy candidates of one score
  // Fuzzy: the §3 token score. It is `score` unless the candidate was
  // admitted on its character score (MatcherOptions::character_admission):
  // then `score` is that character score and by_characters is set.
  int token_score = 0;
  bool by_characters = false;
  int repetition_of = -1;  // kRepetition: index of the earlier segment
};

}  // namespace lovcen
