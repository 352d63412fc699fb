// Articles as the aligner reads them: each block of an article cut into
// sentences by the SRX segmenter, with the block's index and type kept so
// that beads respect the article's structure, and the sentences' segments
// (text plus inline codes) kept for storing the aligned units.
#pragma once

#include <string>
#include <vector>

#include "lovcen/aligner.h"
#include "lovcen/article.h"
#include "lovcen/segment.h"
#include "lovcen/segmenter.h"
#include "lovcen/status.h"

namespace lovcen::formats {

struct AlignArticle {
  Article article;
  AlignEdition edition;           // sentences in reading order
  std::vector<Segment> segments;  // segments[i] is edition.sentences[i] with its codes
};

// Segments every block of `article` (whose language must be known) with
// `segmenter`, which must be the segmenter for that language.
AlignArticle SegmentForAlignment(Article article, const Segmenter& segmenter);

// The text of sentences [begin, begin + count) joined by a space, with their
// codes: what a bead stores for one edition.
Segment JoinSentences(const AlignArticle& article, std::size_t begin, std::size_t count);

}  // namespace lovcen::formats
