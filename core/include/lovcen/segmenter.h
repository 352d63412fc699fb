// Sentence segmentation by SRX rules (design brief §5, §6). A Segmenter is
// built once from the rules for one language (patterns compiled once) and
// then cuts blocks of UTF-8 text into segments given as exact byte ranges;
// the white space between segments belongs to no segment. Standard SRX
// semantics: at each position the first rule, in order, whose before-pattern
// matches the text ending there and whose after-pattern matches the text
// starting there decides (break or no break); where none matches, no break.
// Rules are only tried where their patterns can match at all (derived from
// the patterns), so plain text runs at tens of MB/s.
// A Segmenter is not thread-safe (its ICU matchers are reused): give each
// thread its own. Text of any length is processed in bounded windows.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/srx.h"
#include "lovcen/status.h"

namespace lovcen {

// [begin, end) in bytes of the text that was segmented.
struct TextRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  friend bool operator==(const TextRange&, const TextRange&) = default;
};

struct SegmenterOptions {
  // Text is converted and matched in windows of this many bytes; breaks near
  // a window's end are decided in the next window, which starts with
  // `context_bytes` of text before it, so results do not depend on the
  // window (patterns reaching further than the context are not supported).
  std::size_t window_bytes = std::size_t{1} << 20;
  std::size_t context_bytes = std::size_t{16} << 10;
};

class Segmenter {
 public:
  static Result<Segmenter> Create(const SrxRuleSet& rules, const SegmenterOptions& options = {});
  // The document's rules for `language` (its canonical tag, e.g. "cnr-Latn").
  static Result<Segmenter> Create(const SrxDocument& document, const LanguageTag& language,
                                  const SegmenterOptions& options = {});

  Segmenter(Segmenter&&) noexcept;
  Segmenter& operator=(Segmenter&&) noexcept;
  ~Segmenter();

  // Segments of `text` (UTF-8; an invalid byte counts as one U+FFFD), in
  // order, never empty, without leading or trailing white space.
  std::vector<TextRange> Segment(std::string_view text) const;

  // Like Segment(), but only text from `from` on is cut: text[0, from) is
  // context that before-patterns may see (a stream's previous text).
  std::vector<TextRange> Segment(std::string_view text, std::size_t from) const;

  // Segments of a subflow (text inside an inline code, e.g. a footnote):
  // segmented like any text when the rules say segmentsubflows="yes",
  // otherwise one segment.
  std::vector<TextRange> SegmentSubflow(std::string_view text) const;

  const SrxRuleSet& rules() const;
  const SegmenterOptions& options() const;

 private:
  struct Impl;
  explicit Segmenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Segments one block that arrives in pieces (a block too large to hold at
// once): Feed() returns the segments that later text can no longer change,
// Finish() the rest. Memory stays bounded by the segmenter's window plus the
// longest segment (cut at `max_segment_bytes`, at a code point boundary).
// Offsets count from the start of the block.
struct StreamedSegment {
  TextRange range;
  std::string text;
};

class SegmentStream {
 public:
  explicit SegmentStream(const Segmenter& segmenter,
                         std::size_t max_segment_bytes = std::size_t{4} << 20);
  std::vector<StreamedSegment> Feed(std::string_view piece);
  std::vector<StreamedSegment> Finish();

 private:
  std::vector<StreamedSegment> Drain(bool final);

  const Segmenter& segmenter_;
  std::size_t max_segment_bytes_;
  std::string buffer_;      // context, then text not yet given out
  std::size_t context_ = 0;  // bytes of buffer_ that are context only
  std::size_t base_ = 0;     // block offset of buffer_[0]
};

// ICU's own sentence break, for comparison: `suppressions` turns on ICU's
// abbreviation list (locale keyword ss=standard) where ICU has one (en, de).
// Same range conventions as Segmenter::Segment().
Result<std::vector<TextRange>> IcuSentenceSegments(std::string_view text,
                                                   const LanguageTag& language,
                                                   bool suppressions);

}  // namespace lovcen
