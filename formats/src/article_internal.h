// What the three article readers share (not a public interface): a block is
// first a list of pieces, text or markup, each with the source bytes it came
// from; MakeBlock turns the pieces into a Segment and a byte range. Each
// reader fills Article::blocks from Article::source and reports what it had
// to leave untranslated in Article::warnings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/formats/article_reader.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"

namespace lovcen::formats::article_internal {

// One run of text or one piece of markup inside a block, in source order.
struct Piece {
  bool is_code = false;
  std::size_t begin = 0;  // source bytes [begin, end)
  std::size_t end = 0;
  std::string text;       // text: decoded characters (entities, escapes resolved)
  InlineCode code;        // code: kind, element, attributes, native (exact source bytes)
  int pair = -1;          // code: key shared by an open and its close; -1 for none
};

// Builds a block from `pieces` (ordered, disjoint ranges in `source`):
// white space at both ends is left outside the range, inner runs of ASCII
// white space become one space, each run of text between codes is NFC,
// control characters and U+FFFE/U+FFFF that a reference decoded to become
// U+FFFD (segment text must fit in XML), an open whose close is not in the
// block (or the reverse) becomes standalone, and codes get ids "1", "2", ...
// with a pair sharing one. No block when there is no visible text.
std::optional<Block> MakeBlock(std::string_view source, const std::vector<Piece>& pieces,
                               BlockType type);

// True when `text` holds something other than white space (Unicode
// White_Space, so a lone no-break space is empty too).
bool HasVisibleText(std::string_view text);

// 1-based line of byte `offset` in `source`, for warnings.
int LineOf(std::string_view source, std::size_t offset);

// The readers. Each parses article->source (after a byte order mark, which
// stays outside every block) and appends blocks in source order.
Status ReadPlainText(Article* article, std::size_t body_offset);
Status ReadMarkdown(Article* article, std::size_t body_offset, const ArticleReadOptions& options);
Status ReadHtml(Article* article, std::size_t body_offset, const ArticleReadOptions& options);

// Types the blocks of a structured document (Markdown, HTML) from what the
// markup said about each (`structure`) and where it sits (`zone`), with the
// shape rules of article_layout.h for dates, bylines, sub-headings written
// as bold paragraphs, and copyright footers.
enum class Zone { kBody, kChrome, kFooter };
enum class Structure { kHeading1, kHeading, kParagraph, kQuote, kListItem, kAddress };
struct Candidate {
  Block block;
  Zone zone = Zone::kBody;
  Structure structure = Structure::kParagraph;
};
void ClassifyStructured(std::vector<Candidate>& candidates);

// Renders new content for one block of each format into `out`. `original` is
// the block as read (for the natives of codes the new segment left empty).
Status RenderPlainText(const Block& original, const Segment& content, std::string* out);
Status RenderMarkdown(const Block& original, const Segment& content, std::string* out);
Status RenderHtml(const Block& original, const Segment& content, std::string* out);

// Checks a segment handed to a writer and resolves the native markup of each
// code (its own, or the original's with the same id and kind).
Result<std::vector<std::string>> ResolveNatives(const Block& original, const Segment& content);

}  // namespace lovcen::formats::article_internal
