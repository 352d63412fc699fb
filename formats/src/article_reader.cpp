#include "lovcen/formats/article_reader.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>

#include "article_internal.h"
#include "lovcen/formats/article_layout.h"
#include "lovcen/text.h"

namespace lovcen::formats {
namespace ai = article_internal;

namespace article_internal {

namespace {
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// U+FFFE or U+FFFF (EF BF BE, EF BF BF) at byte i.
bool IsNonCharacter(std::string_view s, std::size_t i) {
  return i + 2 < s.size() && s[i] == '\xEF' && s[i + 1] == '\xBF' && (s[i + 2] == '\xBE' || s[i + 2] == '\xBF');
}
}  // namespace

bool HasVisibleText(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && !u_isUWhiteSpace(c)) return true;
  }
  return false;
}

int LineOf(std::string_view source, std::size_t offset) {
  offset = std::min(offset, source.size());
  return 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::optional<Block> MakeBlock(std::string_view source, const std::vector<Piece>& pieces, BlockType type) {
  const auto carries = [](const Piece& p) {
    return p.is_code || std::any_of(p.text.begin(), p.text.end(), [](char c) { return !IsAsciiSpace(c); });
  };
  std::size_t first = 0;
  while (first < pieces.size() && !carries(pieces[first])) ++first;
  if (first == pieces.size()) return std::nullopt;
  std::size_t last = pieces.size() - 1;
  while (last > first && !carries(pieces[last])) --last;

  Block block;
  block.type = type;
  block.begin = pieces[first].begin;
  if (!pieces[first].is_code) {
    while (block.begin < pieces[first].end && IsAsciiSpace(source[block.begin])) ++block.begin;
  }
  block.end = pieces[last].end;
  if (!pieces[last].is_code) {
    while (block.end > pieces[last].begin && IsAsciiSpace(source[block.end - 1])) --block.end;
  }

  // Opens and closes pair only when both ends are inside this block.
  std::map<int, int> opens;  // pair key -> 0 seen open, 1 seen both
  for (std::size_t k = first; k <= last; ++k) {
    const Piece& p = pieces[k];
    if (!p.is_code || p.pair < 0) continue;
    if (p.code.kind == CodeKind::kOpen) opens[p.pair] = 0;
    if (p.code.kind == CodeKind::kClose) {
      auto it = opens.find(p.pair);
      if (it != opens.end()) it->second = 1;
    }
  }

  std::string& text = block.content.text;
  std::string pending;
  const auto flush = [&] {
    if (!pending.empty()) text += ToNfc(pending);
    pending.clear();
  };
  const auto last_is_space = [&] {
    if (!pending.empty()) return pending.back() == ' ';
    return text.empty() || text.back() == ' ';
  };
  int next_id = 0;
  std::map<int, std::string> pair_ids;
  for (std::size_t k = first; k <= last; ++k) {
    const Piece& p = pieces[k];
    if (!p.is_code) {
      for (std::size_t i = 0; i < p.text.size(); ++i) {
        const char c = p.text[i];
        if (IsAsciiSpace(c)) {
          if (!last_is_space()) pending += ' ';
        } else if (static_cast<unsigned char>(c) < 0x20 || IsNonCharacter(p.text, i)) {
          // A reference such as &#16; decodes to what no text (and no XML
          // file) may hold; the source keeps the reference.
          pending += "\xEF\xBF\xBD";
          if (static_cast<unsigned char>(c) >= 0x20) i += 2;
        } else {
          pending += c;
        }
      }
      continue;
    }
    flush();
    InlineCode code = p.code;
    code.offset = text.size();
    const bool paired = p.pair >= 0 && opens.count(p.pair) && opens[p.pair] == 1;
    if (!paired) code.kind = CodeKind::kStandalone;
    if (code.kind == CodeKind::kOpen) {
      code.id = std::to_string(++next_id);
      pair_ids[p.pair] = code.id;
    } else if (code.kind == CodeKind::kClose) {
      code.id = pair_ids[p.pair];
    } else {
      code.id = std::to_string(++next_id);
    }
    block.content.codes.push_back(std::move(code));
  }
  flush();
  if (!text.empty() && text.back() == ' ') text.pop_back();
  for (InlineCode& code : block.content.codes) code.offset = std::min(code.offset, text.size());
  if (!HasVisibleText(text)) return std::nullopt;
  return block;
}

namespace {

// True when the whole text sits inside emphasis: "**Security assurances**".
bool FullyEmphasised(const Segment& s) {
  if (s.codes.size() < 2) return false;
  const InlineCode& open = s.codes.front();
  const InlineCode& close = s.codes.back();
  return open.kind == CodeKind::kOpen && open.offset == 0 && close.kind == CodeKind::kClose &&
         close.offset == s.text.size() && close.id == open.id;
}

}  // namespace

void ClassifyStructured(std::vector<Candidate>& candidates) {
  const std::size_t none = candidates.size();
  // The title: the first top-level heading in the body, else the first body
  // heading that comes before any body text.
  std::size_t title = none;
  for (std::size_t i = 0; i < candidates.size() && title == none; ++i) {
    if (candidates[i].zone == Zone::kBody && candidates[i].structure == Structure::kHeading1) title = i;
  }
  for (std::size_t i = 0; i < candidates.size() && title == none; ++i) {
    if (candidates[i].zone != Zone::kBody) continue;
    if (candidates[i].structure == Structure::kHeading) title = i;
    else break;
  }
  // Body blocks after the last one that is not a footer line.
  std::size_t footer_from = none;
  for (std::size_t i = candidates.size(); i-- > 0;) {
    const Candidate& c = candidates[i];
    if (c.zone == Zone::kFooter) continue;
    if (c.zone == Zone::kBody && c.structure == Structure::kParagraph && i != title &&
        IsCopyrightLine(c.block.content.text) && (title == none || i > title)) {
      footer_from = i;
      continue;
    }
    break;
  }

  bool body_text_seen = false;  // a real paragraph after the title
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    const std::string& text = c.block.content.text;
    BlockType& type = c.block.type;
    if (c.zone == Zone::kChrome) {
      type = IsDateLine(text) ? BlockType::kDateLine : BlockType::kChrome;
      continue;
    }
    if (c.zone == Zone::kFooter || (footer_from != none && i >= footer_from && c.zone == Zone::kBody &&
                                    c.structure == Structure::kParagraph)) {
      type = BlockType::kFooter;
      continue;
    }
    if (i == title) {
      type = BlockType::kTitle;
      continue;
    }
    if (title != none && i < title) {
      type = IsDateLine(text) ? BlockType::kDateLine : BlockType::kChrome;
      continue;
    }
    switch (c.structure) {
      case Structure::kHeading1:
      case Structure::kHeading: type = BlockType::kSubheading; break;
      case Structure::kQuote: type = BlockType::kQuote; break;
      case Structure::kListItem: type = BlockType::kListItem; break;
      case Structure::kAddress: type = BlockType::kByline; break;
      case Structure::kParagraph:
        if (!body_text_seen && BylineLabelLength(text) > 0) {
          type = BlockType::kByline;
        } else if (!body_text_seen && IsDateLine(text)) {
          type = BlockType::kDateLine;
        } else if (FullyEmphasised(c.block.content) && LooksLikeSubheading(text)) {
          type = BlockType::kSubheading;
        } else {
          type = BlockType::kParagraph;
          body_text_seen = true;
        }
        break;
    }
  }
}

Result<std::vector<std::string>> ResolveNatives(const Block& original, const Segment& content) {
  LOVCEN_RETURN_IF_ERROR(ValidateUtf8(content.text));
  std::vector<std::string> natives;
  natives.reserve(content.codes.size());
  std::size_t previous = 0;
  for (const InlineCode& code : content.codes) {
    if (code.offset > content.text.size() || code.offset < previous) {
      return UsageError("inline code " + code.id + " at offset " + std::to_string(code.offset) +
                        " is out of order or past the end of the text");
    }
    if (code.offset < content.text.size() &&
        (static_cast<unsigned char>(content.text[code.offset]) & 0xC0) == 0x80) {
      return UsageError("inline code " + code.id + " splits a character at offset " +
                        std::to_string(code.offset));
    }
    previous = code.offset;
    if (!code.native.empty()) {
      natives.push_back(code.native);
      continue;
    }
    const auto it = std::find_if(original.content.codes.begin(), original.content.codes.end(),
                                 [&](const InlineCode& o) { return o.id == code.id && o.kind == code.kind; });
    if (it == original.content.codes.end() || it->native.empty()) {
      return UsageError("inline code " + (code.id.empty() ? std::string("without id") : "id " + code.id) +
                        " has no markup to write");
    }
    natives.push_back(it->native);
  }
  return natives;
}

}  // namespace article_internal

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StartsWithHtml(std::string_view bytes) {
  bytes = StripBom(bytes);
  std::size_t i = 0;
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) ++i;
  const std::string head = LowerAscii(bytes.substr(i, 16));
  for (std::string_view prefix : {"<!doctype html", "<html", "<head", "<body", "<article", "<meta", "<!--"}) {
    if (head.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

bool LooksLikeMarkdown(std::string_view bytes) {
  bytes = bytes.substr(0, std::size_t{1} << 16);
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t eol = bytes.find('\n', pos);
    if (eol == std::string_view::npos) eol = bytes.size();
    const std::string_view line = bytes.substr(pos, eol - pos);
    std::size_t hashes = 0;
    while (hashes < line.size() && line[hashes] == '#') ++hashes;
    if (hashes >= 1 && hashes <= 6 && hashes < line.size() && line[hashes] == ' ') return true;
    if (line.rfind("```", 0) == 0 || line.rfind("> ", 0) == 0) return true;
    if (line.find("](") != std::string_view::npos || line.find("**") != std::string_view::npos) return true;
    if (!line.empty() && line.find_first_not_of("=") == std::string_view::npos && pos > 0) return true;
    pos = eol + 1;
  }
  return false;
}

std::string Extension(std::string_view name) {
  const std::string base = std::filesystem::path(std::string(name)).filename().string();
  const std::size_t dot = base.rfind('.');
  return dot == std::string::npos ? std::string() : LowerAscii(base.substr(dot + 1));
}

// "story.cnr-Latn.txt" -> cnr-Latn.
std::optional<LanguageTag> LanguageFromName(std::string_view name) {
  std::string stem = std::filesystem::path(std::string(name)).stem().string();
  const std::size_t dot = stem.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  Result<LanguageTag> tag = LanguageTag::Parse(stem.substr(dot + 1));
  if (!tag.ok()) return std::nullopt;
  return *tag;
}

Status CheckText(std::string_view bytes, std::size_t body_offset) {
  const std::string_view body = bytes.substr(body_offset);
  if (body.find_first_not_of(" \t\r\n\f") == std::string_view::npos) {
    return BadInput("empty article: no text in the file");
  }
  if (const void* nul = std::memchr(body.data(), 0, body.size())) {
    Error e = BadInput("binary file, not an article: NUL byte");
    e.offset = static_cast<std::int64_t>(body_offset + (static_cast<const char*>(nul) - body.data()));
    return e;
  }
  for (std::size_t i = 0; i < body.size(); ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      static const char kHex[] = "0123456789ABCDEF";
      Error e = BadInput(std::string("control character U+00") + kHex[c >> 4] + kHex[c & 15] +
                         " in text (binary file?)");
      e.offset = static_cast<std::int64_t>(body_offset + i);
      return e;
    }
  }
  Status utf8 = ValidateUtf8(body);
  if (!utf8.ok()) {
    Error e = utf8.error();
    e.offset += static_cast<std::int64_t>(body_offset);
    return e;
  }
  return Status::Ok();
}

}  // namespace

ArticleFormat DetectArticleFormat(std::string_view name, std::string_view bytes) {
  const std::string ext = Extension(name);
  if (ext == "html" || ext == "htm" || ext == "xhtml") return ArticleFormat::kHtml;
  if (ext == "md" || ext == "markdown" || ext == "mdown" || ext == "mkd") return ArticleFormat::kMarkdown;
  if (StartsWithHtml(bytes)) return ArticleFormat::kHtml;
  if (ext == "txt" || ext == "text") return ArticleFormat::kPlainText;
  return LooksLikeMarkdown(bytes) ? ArticleFormat::kMarkdown : ArticleFormat::kPlainText;
}

Result<Article> ParseArticle(std::string bytes, std::string source_name, const ArticleReadOptions& options) {
  if (bytes.size() > options.max_bytes) {
    Error e = BadInput("article of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                       std::to_string(options.max_bytes) + " bytes");
    return e.InFile(source_name);
  }
  Article article;
  article.source_name = std::move(source_name);
  article.source = std::move(bytes);
  const std::size_t body_offset = article.source.size() - StripBom(article.source).size();
  if (Status s = CheckText(article.source, body_offset); !s.ok()) return s.error().InFile(article.source_name);

  article.format = options.format ? *options.format : DetectArticleFormat(article.source_name, article.source);
  article.language = options.language ? options.language : LanguageFromName(article.source_name);
  Status read;
  switch (article.format) {
    case ArticleFormat::kPlainText: read = ai::ReadPlainText(&article, body_offset); break;
    case ArticleFormat::kMarkdown: read = ai::ReadMarkdown(&article, body_offset, options); break;
    case ArticleFormat::kHtml: read = ai::ReadHtml(&article, body_offset, options); break;
  }
  if (!read.ok()) return read.error().InFile(article.source_name);
  if (article.blocks.empty()) {
    return BadInput("empty article: no translatable text in this " +
                    std::string(ArticleFormatName(article.format)) + " file")
        .InFile(article.source_name);
  }
  return article;
}

Result<Article> ReadArticle(const std::string& path, const ArticleReadOptions& options) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return IoError("cannot read: " + ec.message(), path);
  if (size > options.max_bytes) {
    return BadInput("article of " + std::to_string(size) + " bytes is over the limit of " +
                    std::to_string(options.max_bytes) + " bytes")
        .InFile(path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open for reading", path);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) return IoError("short read", path);
  return ParseArticle(std::move(bytes), path, options);
}

Result<std::string> WriteArticle(const Article& article, std::span<const Segment> blocks,
                                 const ArticleWriteOptions& options) {
  if (blocks.size() != article.blocks.size()) {
    return UsageError("article " + article.source_name + " has " + std::to_string(article.blocks.size()) +
                      " blocks but " + std::to_string(blocks.size()) + " contents were given");
  }
  std::string out;
  out.reserve(article.source.size() + article.source.size() / 8);
  std::size_t copied = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& original = article.blocks[i];
    out.append(article.source, copied, original.begin - copied);
    if (!options.rerender_unchanged && blocks[i] == original.content) {
      out.append(article.source, original.begin, original.end - original.begin);
    } else {
      Status s;
      switch (article.format) {
        case ArticleFormat::kPlainText: s = ai::RenderPlainText(original, blocks[i], &out); break;
        case ArticleFormat::kMarkdown: s = ai::RenderMarkdown(original, blocks[i], &out); break;
        case ArticleFormat::kHtml: s = ai::RenderHtml(original, blocks[i], &out); break;
      }
      if (!s.ok()) {
        Error e = s.error();
        e.message = "block " + std::to_string(i + 1) + " (line " +
                    std::to_string(ai::LineOf(article.source, original.begin)) + "): " + e.message;
        return e.InFile(article.source_name);
      }
    }
    copied = original.end;
  }
  out.append(article.source, copied, std::string::npos);
  return out;
}

}  // namespace lovcen::formats
