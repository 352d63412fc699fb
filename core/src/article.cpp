#include "lovcen/article.h"

#include <algorithm>

namespace lovcen {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::string_view BlockTypeName(BlockType type) {
  switch (type) {
    case BlockType::kChrome: return "chrome";
    case BlockType::kDateLine: return "date-line";
    case BlockType::kTitle: return "title";
    case BlockType::kByline: return "byline";
    case BlockType::kSubheading: return "sub-heading";
    case BlockType::kParagraph: return "paragraph";
    case BlockType::kQuote: return "quote";
    case BlockType::kListItem: return "list-item";
    case BlockType::kFooter: return "footer";
  }
  return "paragraph";
}

std::string_view ArticleFormatName(ArticleFormat format) {
  switch (format) {
    case ArticleFormat::kPlainText: return "text";
    case ArticleFormat::kMarkdown: return "markdown";
    case ArticleFormat::kHtml: return "html";
  }
  return "text";
}

bool IsBodyText(BlockType type) {
  return type == BlockType::kParagraph || type == BlockType::kQuote ||
         type == BlockType::kListItem;
}

std::vector<Segment> SplitSegment(const Segment& content,
                                  std::span<const std::pair<std::size_t, std::size_t>> ranges) {
  const std::string& text = content.text;
  // Trimmed ranges, clamped to the text.
  std::vector<std::pair<std::size_t, std::size_t>> trimmed;
  trimmed.reserve(ranges.size());
  for (auto [b, e] : ranges) {
    e = std::min(e, text.size());
    b = std::min(b, e);
    while (b < e && IsAsciiSpace(text[b])) ++b;
    while (e > b && IsAsciiSpace(text[e - 1])) --e;
    trimmed.emplace_back(b, e);
  }
  std::vector<Segment> out(trimmed.size());
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    out[i].text = text.substr(trimmed[i].first, trimmed[i].second - trimmed[i].first);
  }
  if (trimmed.empty()) return out;

  for (const InlineCode& code : content.codes) {
    const std::size_t o = code.offset;
    std::size_t target = trimmed.size();
    if (code.kind == CodeKind::kClose) {
      // A close belongs with the text it closes: the first segment holding
      // its offset, else the segment before the gap it sits in.
      for (std::size_t i = 0; i < trimmed.size() && target == trimmed.size(); ++i) {
        if (trimmed[i].first <= o && o <= trimmed[i].second) target = i;
      }
      if (target == trimmed.size()) {
        target = 0;
        for (std::size_t i = 0; i < trimmed.size(); ++i) {
          if (trimmed[i].second < o) target = i;
        }
      }
    } else {
      // An open or standalone code belongs with the text after it.
      for (std::size_t i = trimmed.size(); i-- > 0 && target == trimmed.size();) {
        if (trimmed[i].first <= o && o <= trimmed[i].second) target = i;
      }
      if (target == trimmed.size()) {
        target = trimmed.size() - 1;
        for (std::size_t i = trimmed.size(); i-- > 0;) {
          if (trimmed[i].first > o) target = i;
        }
      }
    }
    InlineCode moved = code;
    const auto [b, e] = trimmed[target];
    moved.offset = std::clamp(o, b, e) - b;
    out[target].codes.push_back(std::move(moved));
  }
  return out;
}

Segment JoinSegments(std::span<const Segment> parts, std::string_view separator) {
  Segment out;
  for (const Segment& part : parts) {
    if (!out.text.empty() && !part.text.empty()) out.text += separator;
    const std::size_t shift = out.text.size();
    out.text += part.text;
    for (const InlineCode& code : part.codes) {
      InlineCode moved = code;
      moved.offset += shift;
      out.codes.push_back(std::move(moved));
    }
  }
  return out;
}

}  // namespace lovcen
