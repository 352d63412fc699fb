// The fuzzy score of design brief §3 as pure functions: token edit distance
// with weighted substitutions (case-only 0.2, punctuation-only 0.5, differing
// inline code 0.5; everything else, insert and delete 1), the score
// floor(100 * (1 - D / max(|S|,|T|))), the placeable score, and the
// character-level similarity that breaks ties. Costs are kept in tenths so
// that scores are exact integers. Everything here is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/segment.h"
#include "lovcen/tokenizer.h"

namespace lovcen {

// One token prepared for scoring.
struct ScoreToken {
  TokenKind kind = TokenKind::kWord;
  std::string text;    // as written; for a code "<kind><element>" (its layout identity)
  std::string folded;  // Unicode case-folded text
  std::string bare;    // folded without punctuation characters ("it's" -> "its")
  // Hash of the token's class for the candidate index's lower bound: tokens
  // whose substitution costs less than 1 always share it (see docs/matching.md).
  std::uint64_t norm = 0;
  std::size_t begin = 0, end = 0;  // byte offsets in the segment text
};

// ScoreToken::norm of one token, without the rest (what index builds need).
std::uint64_t TokenClass(const Segment& segment, const Token& token);

// Score tokens of `segment` from its `tokens` (Tokenizer::Tokenize(segment)).
std::vector<ScoreToken> PrepareScoreTokens(const Segment& segment, std::span<const Token> tokens);

// Costs in tenths of an edit.
inline constexpr int kIndelCost = 10;
// 0 (same token), 2 (case only), 5 (punctuation only, or two different inline
// codes) or 10.
int SubstitutionCost(const ScoreToken& a, const ScoreToken& b);

enum class EditKind { kSubstitute, kCase, kPunctuation, kCode, kInsert, kDelete };
std::string_view EditKindName(EditKind kind);

// One non-identical step of the alignment of S (the new segment) with T (the
// TM segment). kInsert: a token of S absent from T; kDelete: a token of T
// absent from S. Indexes are token positions, -1 where not applicable.
struct TokenEdit {
  EditKind kind = EditKind::kSubstitute;
  int source_token = -1;
  int tm_token = -1;
  int cost = 0;  // tenths
};

struct FuzzyScore {
  int distance = 0;  // D in tenths
  int score = 0;     // 0..100
  std::vector<TokenEdit> edits;  // in source order; empty when S and T are identical
};

// floor(100 * (1 - D / max(|S|,|T|))) with D in tenths; 100 for two empty
// segments; never below 0.
int ScoreFromDistance(int distance_tenths, std::size_t source_tokens, std::size_t tm_tokens);
// The largest D (tenths) that still scores `threshold` or more.
int MaxDistanceForThreshold(int threshold, std::size_t source_tokens, std::size_t tm_tokens);

// Weighted token edit distance with its alignment. O(|S| * |T|).
FuzzyScore ScoreFuzzy(std::span<const ScoreToken> source, std::span<const ScoreToken> tm);

// 100 minus one point per differing placeable, never below 97.
int PlaceableScore(std::size_t differing_placeables);

// 1 - Levenshtein(a, b) / max(|a|, |b|) over code points; 1 for two empty
// strings. The first tie-break between fuzzy candidates of equal score.
double CharacterSimilarity(std::string_view a, std::string_view b);

}  // namespace lovcen
