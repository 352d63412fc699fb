// An article (design brief §1, §6): one document in one language, read from
// plain text, Markdown or HTML into ordered, typed blocks. Each block holds
// its translatable content as a Segment (text plus inline codes for the
// markup inside it) and the byte range it came from, so a writer can rebuild
// the file around new block contents. Plain values: no I/O, thread-compatible.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/segment.h"

namespace lovcen {

enum class ArticleFormat { kPlainText, kMarkdown, kHtml };

// What a block is in the page. Titles, chrome and sub-headings are separate
// blocks so that no segment ever spans them and body text.
enum class BlockType {
  kChrome,      // site name, menus, "Choose language:", section line
  kDateLine,    // the publication date on its own line
  kTitle,       // the headline (at most one per article)
  kByline,      // "AUTHOR: ...", "By ...", <address>
  kSubheading,  // a heading inside the body
  kParagraph,   // body text
  kQuote,       // body text inside a block quote
  kListItem,    // body text of one list item
  kFooter,      // copyright and closing lines
};

// Stable lower-case names ("chrome", "date-line", "title", "byline",
// "sub-heading", "paragraph", "quote", "list-item", "footer") for reports
// and tests.
std::string_view BlockTypeName(BlockType type);
std::string_view ArticleFormatName(ArticleFormat format);  // "text", "markdown", "html"

// Paragraphs, quotes and list items: the running text of the article.
bool IsBodyText(BlockType type);

struct Block {
  BlockType type = BlockType::kParagraph;
  // The translatable text (NFC, runs of ASCII white space collapsed to one
  // space, trimmed) with inline codes whose `native` is the exact markup
  // from the source and whose ids pair opens with closes ("1", "2", ...).
  Segment content;
  // Byte range [begin, end) of Article::source that `content` was read from
  // and that a writer replaces; the bytes around it are kept as they are.
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Article {
  std::optional<LanguageTag> language;  // unknown until the file or caller says
  std::string source_name;              // file name, for messages
  ArticleFormat format = ArticleFormat::kPlainText;
  std::string source;                   // the file's bytes, as read
  std::vector<Block> blocks;            // in source order, ranges disjoint
  std::vector<std::string> warnings;    // parts left untranslatable, and why
};

// Splits a block's content into segments at `ranges` (byte ranges into
// content.text, ordered and disjoint, as a segmenter returns them). Each
// piece is trimmed of ASCII white space. A code goes to the segment whose
// range holds its offset; a code in the gap between two segments goes to the
// previous one when it closes a pair and to the next one otherwise, so that
// JoinSegments(SplitSegment(s, r)) == s for white-space-separated segments.
std::vector<Segment> SplitSegment(const Segment& content,
                                  std::span<const std::pair<std::size_t, std::size_t>> ranges);

// Joins the segments of one block with `separator`, shifting code offsets:
// the inverse of SplitSegment, and how a writer's input is built from the
// translated segments of a block.
Segment JoinSegments(std::span<const Segment> parts, std::string_view separator = " ");

}  // namespace lovcen
