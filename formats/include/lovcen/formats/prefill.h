// Pre-fill (design brief §6): an article (plain text, Markdown, HTML, or an
// XLIFF file to complete) is cut into segments, every segment is matched
// against the TM, and one XLIFF per target language is built with the best
// match as target, every candidate as alt-trans / mtc:match, and a note on
// where the proposal came from. The analysis counts segments and source
// words per band. Targets a translator already wrote in an input XLIFF are
// never replaced.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/formats/xliff.h"
#include "lovcen/language.h"
#include "lovcen/match.h"
#include "lovcen/matcher.h"
#include "lovcen/segmenter.h"
#include "lovcen/status.h"

namespace lovcen::formats {

// Analysis bands of design brief §3, in report order.
enum class Band { kContext, kExact, kPlaceable, k95to99, k85to94, k75to84, k50to74, kNoMatch, kRepetition };
inline constexpr int kBandCount = 9;
std::string_view BandName(Band band);  // "context", "exact", "placeable", "95-99", ..., "repetitions"
// The band of a segment's best candidate (nullptr = no match).
Band BandOf(const Candidate* best);

struct PrefillSegment {
  std::size_t block = 0;   // index of the article block (or XLIFF unit) it belongs to
  std::string unit_id;     // XLIFF id of its unit
  Segment source;
  std::size_t words = 0;   // source words (tokens that are not punctuation or codes)
  // Per target language, in PrefillJob::to order: the candidates (best first).
  std::vector<std::vector<Candidate>> candidates;
  // Per target language: a target the input XLIFF already had (kept as is).
  std::vector<std::optional<Segment>> existing_target;
};

struct BandCount {
  std::size_t segments = 0;
  std::size_t words = 0;
};

struct Analysis {
  LanguageTag target{Language::kEnglish};
  BandCount bands[kBandCount];
  BandCount total;
  // Of those, segments whose best match was transliterated from the other
  // Montenegrin script (counted in their band as well).
  BandCount transliterated;
};

struct PrefillJob {
  LanguageTag from{Language::kEnglish};
  std::vector<LanguageTag> to;
  std::string name;                        // article file name, for XLIFF `original`
  std::optional<Article> article;          // set for article input
  std::optional<XliffDocument> xliff;      // set for XLIFF input
  std::vector<PrefillSegment> segments;
};

// Reads `path` as an article or, when it is XLIFF, as a document to complete.
// An XLIFF whose source language differs from `from` is an error, and so is
// one whose target language is set and not the only target asked for.
Result<PrefillJob> LoadPrefillInput(const std::string& path, const LanguageTag& from,
                                    const std::vector<LanguageTag>& to);

// Segments the job's article (or takes the XLIFF's segments) and matches
// every segment; repetitions are found within the article. `segmenter` may
// be null for XLIFF input (already segmented): compiling the SRX rules costs
// more than matching a short article against a large TM.
Status MatchPrefillJob(PrefillJob& job, const Segmenter* segmenter, Matcher& matcher);

// The XLIFF for target `to[target_index]`.
Result<XliffDocument> BuildPrefillXliff(const PrefillJob& job, std::size_t target_index,
                                        XliffVersion version);

Analysis Analyse(const PrefillJob& job, std::size_t target_index);

// Reports of the analysis and of every segment's best match.
std::string AnalysisText(const PrefillJob& job, const std::vector<Analysis>& analyses);
std::string AnalysisJson(const PrefillJob& job, const std::vector<Analysis>& analyses);
std::string AnalysisHtml(const PrefillJob& job, const std::vector<Analysis>& analyses);

}  // namespace lovcen::formats
