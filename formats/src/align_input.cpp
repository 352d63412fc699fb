// Articles into the aligner's editions (formats/align_input.h).
#include "lovcen/formats/align_input.h"

#include <span>
#include <utility>

namespace lovcen::formats {

AlignArticle SegmentForAlignment(Article article, const Segmenter& segmenter) {
  AlignArticle out;
  out.edition.language = article.language.value_or(LanguageTag(Language::kEnglish));
  for (std::size_t b = 0; b < article.blocks.size(); ++b) {
    const Block& block = article.blocks[b];
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (const TextRange& r : segmenter.Segment(block.content.text))
      ranges.emplace_back(r.begin, r.end);
    for (Segment& piece : SplitSegment(block.content, ranges)) {
      if (piece.text.empty()) continue;
      out.edition.sentences.push_back(AlignSentence{piece.text, static_cast<int>(b), block.type});
      out.segments.push_back(std::move(piece));
    }
  }
  out.article = std::move(article);
  return out;
}

Segment JoinSentences(const AlignArticle& article, std::size_t begin, std::size_t count) {
  return JoinSegments(std::span<const Segment>(article.segments).subspan(begin, count));
}

}  // namespace lovcen::formats
