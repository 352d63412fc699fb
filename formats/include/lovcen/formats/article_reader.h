// Reads an article (plain text in the newsroom's layout, Markdown through
// cmark, HTML through gumbo) into typed blocks, and writes it back with new
// block contents: the bytes outside blocks are copied from the original, and
// a block whose content is unchanged is copied byte for byte, so writing the
// original contents back gives the original file. Memory is a small multiple
// of the file size; each call is independent and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "lovcen/article.h"
#include "lovcen/language.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"

namespace lovcen::formats {

struct ArticleReadOptions {
  // The format; when unset, chosen by extension (.txt/.text, .md/.markdown,
  // .html/.htm/.xhtml) and, for other names, by sniffing the content.
  std::optional<ArticleFormat> format;
  // The language; when unset, taken from <html lang>, or from a file name
  // like "story.cnr-Latn.txt", else left unknown.
  std::optional<LanguageTag> language;
  // Larger inputs are refused before they are read.
  std::size_t max_bytes = std::size_t{256} << 20;
  // Deepest nesting accepted: HTML elements (a deeper page is refused; the
  // HTML parser slows down quadratically with depth) and Markdown inline
  // markup (a deeper block is left untranslated, with a warning).
  int max_depth = 512;
};

// Reads and parses the file at `path`. Errors (kBadInput unless the file
// cannot be read) name the file; for bytes that are not text they give the
// byte offset: a NUL byte ("binary file"), a control character, invalid
// UTF-8. An empty article, or one without any translatable text, is an error.
Result<Article> ReadArticle(const std::string& path, const ArticleReadOptions& options = {});

// Parses `bytes` (the content of a file called `source_name`) the same way.
Result<Article> ParseArticle(std::string bytes, std::string source_name,
                             const ArticleReadOptions& options = {});

// The format ReadArticle would choose for a file of this name and content.
ArticleFormat DetectArticleFormat(std::string_view name, std::string_view bytes);

struct ArticleWriteOptions {
  // Render every block from its segment even when it is unchanged (for
  // tests of the renderers; the output then differs from the original in
  // escaping and line breaks, never in meaning or markup).
  bool rerender_unchanged = false;
};

// Rebuilds `article` in its own format with `blocks[i]` as the content of
// article.blocks[i] (one segment per block, e.g. JoinSegments of its
// translated segments). Inline codes are written from their `native`
// markup; a code without one takes the native of the original code with the
// same id and kind. New text is escaped for the format: Markdown escapes its
// punctuation, HTML writes & < > and no-break space as entities, and line
// breaks inside a block become spaces in plain text and Markdown.
Result<std::string> WriteArticle(const Article& article, std::span<const Segment> blocks,
                                 const ArticleWriteOptions& options = {});

}  // namespace lovcen::formats
