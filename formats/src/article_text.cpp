// Plain text in the newsroom's layout:
//
//   chrome lines (site name, "Choose language:", date, section)
//   <blank>
//   title
//   <blank>
//   AUTHOR: ...
//   <blank>
//   paragraphs and sub-headings, separated by blank lines
//   <blank>
//   copyright footer
//
// The layout is found by shape, not by wording: the byline (a line that
// starts with an author label) anchors the header, the line before it is the
// title and everything above is chrome, one block per line; a date among
// them is the date line. The last group holding a copyright notice is the
// footer. In the body, a group of lines is one paragraph, a short line without
// final punctuation between paragraphs is a sub-heading, and lines that start
// with a list marker ("- ", "* ", "• ", or "1. " in a run of numbered lines)
// are list items. Without a byline, a first group of
// several lines (or one holding a date) is chrome and the next single line
// the title; else a first single line that reads like a headline is.

#include <string>
#include <vector>

#include "article_internal.h"
#include "lovcen/formats/article_layout.h"

namespace lovcen::formats::article_internal {
namespace {

// How many groups of lines may stand above the byline.
constexpr std::size_t kMaxHeaderGroups = 6;
// A headline found without a byline has at most this many words.
constexpr std::size_t kMaxTitleWords = 25;

struct Line {
  std::size_t begin = 0;  // first and one-past-last non-space byte
  std::size_t end = 0;
};

struct Group {
  std::size_t first = 0;  // indexes into the lines
  std::size_t last = 0;   // inclusive
  std::size_t size() const { return last - first + 1; }
};

bool IsBlankChar(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }

// Bytes of a list marker ("- ", "* ", "• ", and with `numbered` "1. ",
// "12) ") at the start of `text`; 0 when there is none.
std::size_t ListMarker(std::string_view text, bool numbered) {
  for (std::string_view bullet : {"- ", "* ", "\xE2\x80\xA2 "}) {
    if (text.substr(0, bullet.size()) == bullet) return bullet.size();
  }
  if (!numbered) return 0;
  std::size_t i = 0;
  while (i < text.size() && i < 3 && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == 0 || i + 1 >= text.size() || (text[i] != '.' && text[i] != ')') || text[i + 1] != ' ') return 0;
  return i + 2;
}

class PlainReader {
 public:
  PlainReader(Article* article, std::size_t body_offset)
      : article_(article), source_(article->source), body_offset_(body_offset) {}

  void Read() {
    SplitLines();
    if (groups_.empty()) return;
    const std::size_t n = groups_.size();

    std::size_t body_end = n;
    if (n >= 2) {
      const Group& g = groups_.back();
      for (std::size_t l = g.first; l <= g.last; ++l) {
        if (IsCopyrightLine(LineText(l))) body_end = n - 1;
      }
    }

    std::size_t byline = npos;
    for (std::size_t g = 0; g < std::min(body_end, kMaxHeaderGroups) && byline == npos; ++g) {
      if (BylineLabelLength(LineText(groups_[g].first)) > 0) byline = g;
    }

    std::size_t title_line = npos;
    std::size_t chrome_end_group = 0;  // groups before this are chrome (but the title line)
    std::size_t body_begin = 0;
    if (byline != npos) {
      if (byline > 0) title_line = groups_[byline - 1].last;
      chrome_end_group = byline;
      body_begin = byline + 1;
    } else if (body_end >= 3 && groups_[1].size() == 1 &&
               (groups_[0].size() >= 2 || GroupHasDate(groups_[0]))) {
      chrome_end_group = 1;
      title_line = groups_[1].first;
      body_begin = 2;
    } else if (body_end >= 2 && groups_[0].size() == 1 && ReadsLikeHeadline(LineText(groups_[0].first))) {
      title_line = groups_[0].first;
      body_begin = 1;
    }

    for (std::size_t g = 0; g < chrome_end_group; ++g) {
      for (std::size_t l = groups_[g].first; l <= groups_[g].last; ++l) {
        if (l == title_line) continue;
        const bool date = IsDateLine(LineText(l));
        Emit(lines_[l].begin, lines_[l].end, date ? BlockType::kDateLine : BlockType::kChrome);
      }
    }
    if (title_line != npos) Emit(lines_[title_line].begin, lines_[title_line].end, BlockType::kTitle);
    if (byline != npos) {
      for (std::size_t l = groups_[byline].first; l <= groups_[byline].last; ++l) {
        Emit(lines_[l].begin, lines_[l].end, BlockType::kByline);
      }
    }

    for (std::size_t g = body_begin; g < body_end; ++g) {
      const Group& group = groups_[g];
      if (g == body_begin && group.size() == 1 && IsDateLine(LineText(group.first))) {
        Emit(lines_[group.first].begin, lines_[group.first].end, BlockType::kDateLine);
        continue;
      }
      if (HasListLines(group)) {
        // Each list line is an item; the lines between (a lead-in such as
        // "The plan:") stay one paragraph.
        std::size_t para = npos;
        for (std::size_t l = group.first; l <= group.last; ++l) {
          const std::size_t marker = ListLineMarker(group, l);
          if (marker == 0) {
            if (para == npos) para = l;
            continue;
          }
          if (para != npos) Emit(lines_[para].begin, lines_[l - 1].end, BlockType::kParagraph);
          para = npos;
          Emit(lines_[l].begin + marker, lines_[l].end, BlockType::kListItem);
        }
        if (para != npos) Emit(lines_[para].begin, lines_[group.last].end, BlockType::kParagraph);
        continue;
      }
      if (group.size() == 1 && g + 1 < body_end && LooksLikeSubheading(LineText(group.first))) {
        Emit(lines_[group.first].begin, lines_[group.first].end, BlockType::kSubheading);
        continue;
      }
      Emit(lines_[group.first].begin, lines_[group.last].end, BlockType::kParagraph);
    }

    for (std::size_t g = body_end; g < n; ++g) {
      for (std::size_t l = groups_[g].first; l <= groups_[g].last; ++l) {
        Emit(lines_[l].begin, lines_[l].end, BlockType::kFooter);
      }
    }
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  void SplitLines() {
    std::size_t pos = body_offset_;
    bool in_group = false;
    while (pos < source_.size()) {
      std::size_t eol = source_.find('\n', pos);
      if (eol == std::string_view::npos) eol = source_.size();
      Line line{pos, eol};
      while (line.begin < line.end && IsBlankChar(source_[line.begin])) ++line.begin;
      while (line.end > line.begin && IsBlankChar(source_[line.end - 1])) --line.end;
      if (line.begin == line.end) {
        in_group = false;
      } else {
        lines_.push_back(line);
        if (in_group) {
          groups_.back().last = lines_.size() - 1;
        } else {
          groups_.push_back({lines_.size() - 1, lines_.size() - 1});
          in_group = true;
        }
      }
      pos = eol + 1;
    }
  }

  std::string_view LineText(std::size_t l) const {
    return source_.substr(lines_[l].begin, lines_[l].end - lines_[l].begin);
  }

  bool GroupHasDate(const Group& g) const {
    for (std::size_t l = g.first; l <= g.last; ++l) {
      if (IsDateLine(LineText(l))) return true;
    }
    return false;
  }

  static bool ReadsLikeHeadline(std::string_view line) {
    return WordCount(line) <= kMaxTitleWords && !line.empty() && line.back() != '.' && line.back() != ',' &&
           line.back() != ';';
  }

  // The marker length of line `l` when it is a list line: a bullet, or a
  // number ("1. ") when a neighbouring line of the group is a list line too
  // (a lone "1. FC Köln won" is a sentence).
  std::size_t ListLineMarker(const Group& g, std::size_t l) const {
    const auto marker = [&](std::size_t i, bool numbered) {
      const std::string_view text = LineText(i);
      const std::size_t m = ListMarker(text, numbered);
      return m < text.size() ? m : 0;
    };
    if (const std::size_t bullet = marker(l, false)) return bullet;
    const std::size_t numbered = marker(l, true);
    if (numbered == 0) return 0;
    const bool before = l > g.first && marker(l - 1, true) > 0;
    const bool after = l < g.last && marker(l + 1, true) > 0;
    return before || after ? numbered : 0;
  }

  bool HasListLines(const Group& g) const {
    for (std::size_t l = g.first; l <= g.last; ++l) {
      if (ListLineMarker(g, l) > 0) return true;
    }
    return false;
  }

  void Emit(std::size_t begin, std::size_t end, BlockType type) {
    std::vector<Piece> pieces(1);
    pieces[0].begin = begin;
    pieces[0].end = end;
    pieces[0].text.assign(source_.substr(begin, end - begin));
    if (std::optional<Block> block = MakeBlock(source_, pieces, type)) {
      article_->blocks.push_back(std::move(*block));
    }
  }

  Article* article_;
  std::string_view source_;
  std::size_t body_offset_;
  std::vector<Line> lines_;
  std::vector<Group> groups_;
};

}  // namespace

Status ReadPlainText(Article* article, std::size_t body_offset) {
  PlainReader(article, body_offset).Read();
  return Status::Ok();
}

Status RenderPlainText(const Block& original, const Segment& content, std::string* out) {
  Result<std::vector<std::string>> natives = ResolveNatives(original, content);
  if (!natives.ok()) return natives.error();
  // A line break inside a block would change the layout (a blank line starts
  // a new block), so new text stays on the block's line.
  const auto put_text = [&](std::string_view text) {
    for (char c : text) *out += (c == '\n' || c == '\r') ? ' ' : c;
  };
  std::size_t pos = 0;
  for (std::size_t i = 0; i < content.codes.size(); ++i) {
    put_text(std::string_view(content.text).substr(pos, content.codes[i].offset - pos));
    pos = content.codes[i].offset;
    *out += (*natives)[i];
  }
  put_text(std::string_view(content.text).substr(pos));
  return Status::Ok();
}

}  // namespace lovcen::formats::article_internal
