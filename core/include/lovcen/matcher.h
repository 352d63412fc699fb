// The TM matcher (design brief §3 and §6): for a new source segment, the
// candidates per target language, each with its class (context, exact,
// placeable, fuzzy, repetition, pivot), score and origin, best first.
// Exact and context matches come from the store's key index, placeable and
// fuzzy ones from the CandidateIndex (never a scan of the TM), verified with
// the exact §3 score. A Matcher uses its TmStore from one thread: open one
// per thread.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "lovcen/candidate_index.h"
#include "lovcen/language.h"
#include "lovcen/match.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"
#include "lovcen/tm_store.h"
#include "lovcen/transliterator.h"

namespace lovcen {

struct MatcherOptions {
  int threshold = 75;              // lowest fuzzy (and pivot) score shown
  std::size_t max_candidates = 5;  // per target language
  bool pivot = true;               // look through a third language when nothing direct
  // Also offer a fuzzy candidate whose character score, floor(100 *
  // CharacterSimilarity) over the match keys, reaches the threshold although
  // its §3 token score does not: the measure of translate-toolkit and Okapi,
  // kinder to a sentence whose changed words share letters with the old ones
  // ("Moskvi" / "Moskvu"). Its score is then the character score
  // (Candidate::by_characters); candidates the §3 score admits keep it.
  // Such candidates are looked for down to a token score of
  // CharacterAdmissionFloor(threshold). docs/matching.md has the why.
  bool character_admission = true;
  std::vector<LanguageTag> pivot_languages;  // empty = every language but source and target
  // The TM file, so the index reads it directly (fast builds); empty = read
  // through the TmStore (any implementation, slower).
  std::string db_path;
  IndexOptions index;
  // When set (it must outlive the Matcher), a TM unit holding a cnr-Latn
  // variant but no cnr-Cyrl one is a candidate for cnr-Cyrl too, its target
  // the transliteration of the cnr-Latn target (and the reverse): the class
  // and score are those of the match (transliteration is exact), the origin
  // says Origin::kTransliterated. A unit holding both scripts is never
  // transliterated. Null: only stored variants are offered.
  const Transliterator* transliterator = nullptr;
};

// The lowest §3 token score at which a candidate is still checked for
// character admission: 25 points below the threshold, but not below 40 (or
// the threshold itself when that is lower).
int CharacterAdmissionFloor(int threshold);

struct TargetMatches {
  LanguageTag language{Language::kEnglish};
  std::vector<Candidate> candidates;  // best first, at most max_candidates
};

struct SegmentMatches {
  std::vector<TargetMatches> targets;  // in the order asked for
  int repetition_of = -1;              // MatchArticle: index of the earlier equal segment
};

class Matcher {
 public:
  // Opens the candidate index at `index_path` for `store`, catching up with
  // units added since; a language's index is built the first time a segment
  // is matched from it (or looked up through it for a pivot), so the first
  // call may take seconds on a large TM without an index.
  static Result<Matcher> Open(TmStore& store, const std::string& index_path,
                              const MatcherOptions& options = {});
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;
  ~Matcher();

  // Candidates for `source` (in `from`) into each of `to`. `previous` and
  // `next` are the neighbouring source segments of the new article (null at
  // its edges); they decide context (101) matches.
  Result<SegmentMatches> MatchSegment(const Segment& source, const Segment* previous,
                                      const Segment* next, const LanguageTag& from,
                                      std::span<const LanguageTag> to);

  // Every segment of one article in order; a segment equal (match key and
  // inline codes) to an earlier one is a repetition: its first candidate is
  // of class kRepetition, carrying the earlier segment's best target, and the
  // earlier segment's candidates follow.
  Result<std::vector<SegmentMatches>> MatchArticle(std::span<const Segment> segments,
                                                   const LanguageTag& from,
                                                   std::span<const LanguageTag> to);

  const MatcherOptions& options() const;
  CandidateIndex& index();

 private:
  struct Impl;
  explicit Matcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lovcen
