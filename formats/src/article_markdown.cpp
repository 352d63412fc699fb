// Markdown through cmark (CommonMark). cmark's block positions are exact but
// its inline positions are not (they drift after stripped indentation, block
// quote markers and hard breaks), so each paragraph or heading is mapped
// back to its bytes by walking cmark's inline tree along the source: text
// literals are matched character by character (backslash escapes and entity
// references resolved as cmark resolved them), and the bytes between them
// are the delimiters: `**`, `_`, `[` and `](url "title")`, backticks. Those
// become inline codes with the exact bytes as native markup.
//
// Blocks: the first level-1 heading is the title (else a first heading
// before any text), other headings are sub-headings, paragraphs in block
// quotes are quotes, in list items list items. Code blocks, HTML blocks and
// link reference definitions are not translatable and stay as they are;
// images are one standalone code (alt text untranslated); autolinks
// (`<https://...>`) are one standalone code.

#include <cmark.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "article_internal.h"

namespace lovcen::formats::article_internal {
namespace {

bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

// Length of an entity or numeric character reference at the start of `s`
// ("&amp;", "&#233;", "&#xE9;"), 0 when there is none.
std::size_t EntityLength(std::string_view s) {
  if (s.size() < 3 || s[0] != '&') return 0;
  std::size_t i = 1;
  if (s[i] == '#') {
    ++i;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const std::size_t start = i;
    while (i < s.size() && (hex ? IsHex(s[i]) : (s[i] >= '0' && s[i] <= '9'))) ++i;
    const std::size_t digits = i - start;
    if (digits == 0 || digits > (hex ? 6u : 7u)) return 0;
  } else {
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) return 0;
    while (i < s.size() && IsAlnum(s[i]) && i < 33) ++i;
  }
  return i < s.size() && s[i] == ';' ? i + 1 : 0;
}

// Aligns cmark's inline tree of one leaf block with the source bytes.
class InlineAligner {
 public:
  InlineAligner(std::string_view source, std::size_t pos, std::size_t limit, bool in_quote, int max_depth,
                std::unordered_map<std::string, std::string>* entities, int* next_pair)
      : src_(source),
        pos_(pos),
        limit_(limit),
        in_quote_(in_quote),
        max_depth_(max_depth),
        entities_(entities),
        next_pair_(next_pair) {}

  bool Children(cmark_node* parent) {
    // Nesting is bounded so that hostile input cannot exhaust the stack.
    if (++depth_ > max_depth_) {
      too_deep_ = true;
      return false;
    }
    for (cmark_node* n = cmark_node_first_child(parent); n != nullptr; n = cmark_node_next(n)) {
      if (!Node(n)) return false;
    }
    --depth_;
    return true;
  }

  bool too_deep() const { return too_deep_; }

  std::vector<Piece>& pieces() { return pieces_; }
  std::size_t pos() const { return pos_; }

 private:
  char At(std::size_t i) const { return i < limit_ ? src_[i] : '\0'; }

  bool Node(cmark_node* n) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT: return Literal(cmark_node_get_literal(n));
      case CMARK_NODE_SOFTBREAK: {
        const std::size_t b = pos_;
        while (At(pos_) == ' ' || At(pos_) == '\t') ++pos_;
        if (!LineEnd()) return false;
        AddText(" ", b);
        return true;
      }
      case CMARK_NODE_LINEBREAK: {
        const std::size_t b = pos_;
        if (At(pos_) == '\\') {
          ++pos_;
        } else {
          while (At(pos_) == ' ' || At(pos_) == '\t') ++pos_;
        }
        if (!LineEnd()) return false;
        AddCode(CodeKind::kStandalone, "linebreak", b, -1);
        // The break separates words: a space in the text, with no bytes of
        // its own (the code's native holds the line ending).
        AddText(" ", pos_);
        return true;
      }
      case CMARK_NODE_CODE: return CodeSpan(cmark_node_get_literal(n));
      case CMARK_NODE_HTML_INLINE: {
        const std::string_view lit = cmark_node_get_literal(n);
        if (src_.substr(pos_, lit.size()) != lit || pos_ + lit.size() > limit_) return false;
        const std::size_t b = pos_;
        pos_ += lit.size();
        AddCode(CodeKind::kStandalone, "html", b, -1);
        return true;
      }
      case CMARK_NODE_EMPH:
      case CMARK_NODE_STRONG: {
        const std::size_t width = cmark_node_get_type(n) == CMARK_NODE_EMPH ? 1 : 2;
        const char* element = width == 1 ? "emph" : "strong";
        const int pair = (*next_pair_)++;
        std::size_t b = pos_;
        if (!Delimiter(width)) return false;
        AddCode(CodeKind::kOpen, element, b, pair);
        if (!Children(n)) return false;
        b = pos_;
        if (!Delimiter(width)) return false;
        AddCode(CodeKind::kClose, element, b, pair);
        return true;
      }
      case CMARK_NODE_LINK: return Link(n);
      case CMARK_NODE_IMAGE: {
        const std::size_t b = pos_;
        if (At(pos_) != '!' || At(pos_ + 1) != '[') return false;
        pos_ += 2;
        ++silent_;
        const bool ok = Children(n);
        --silent_;
        if (!ok || At(pos_) != ']') return false;
        ++pos_;
        LinkTail();
        AddCode(CodeKind::kStandalone, "image", b, -1);
        if (!silent_) pieces_.back().code.attributes = {{"src", cmark_node_get_url(n)}};
        return true;
      }
      default: return false;
    }
  }

  // A line ending inside the block, then the next line's indentation and,
  // in a block quote, its `>` markers.
  bool LineEnd() {
    const std::size_t b = pos_;
    if (At(pos_) == '\r') ++pos_;
    if (At(pos_) == '\n') ++pos_;
    if (pos_ == b) return false;
    prefix_begin_ = pos_;
    for (;;) {
      while (At(pos_) == ' ' || At(pos_) == '\t') ++pos_;
      if (!in_quote_ || At(pos_) != '>') break;
      ++pos_;
    }
    prefix_end_ = pos_;
    return true;
  }

  // cmark keeps the indentation of some continuation lines (a lazy line in
  // a block quote after a hard break) in the next literal: give back that
  // much of the prefix LineEnd took for the previous piece.
  void ReturnIndentation(std::string_view lit) {
    if (pos_ != prefix_end_) return;
    std::size_t k = 0;
    while (k < lit.size() && (lit[k] == ' ' || lit[k] == '\t')) ++k;
    if (k == 0 || prefix_end_ - prefix_begin_ < k || src_.substr(pos_ - k, k) != lit.substr(0, k)) return;
    // The pieces that end at pos_: empty ones (the space of a hard break)
    // move back, the one with bytes gives them up.
    std::size_t i = pieces_.size();
    while (i > 0 && pieces_[i - 1].begin == pos_ && pieces_[i - 1].end == pos_) --i;
    if (i == 0 || pieces_[i - 1].end != pos_ || pieces_[i - 1].end - pieces_[i - 1].begin < k) return;
    Piece& owner = pieces_[i - 1];
    owner.end -= k;
    if (owner.is_code) owner.code.native.resize(owner.code.native.size() - k);
    for (std::size_t j = i; j < pieces_.size(); ++j) pieces_[j].begin = pieces_[j].end = owner.end;
    pos_ -= k;
  }

  // Matches a text literal against the source from pos_.
  bool Literal(std::string_view lit) {
    if (!silent_) ReturnIndentation(lit);
    const std::size_t b = pos_;
    std::size_t i = 0;
    while (i < lit.size()) {
      if (pos_ >= limit_) return false;
      const char c = src_[pos_];
      if (c == '\\' && IsAsciiPunct(At(pos_ + 1)) && At(pos_ + 1) == lit[i]) {
        pos_ += 2;
        ++i;
        continue;
      }
      if (c == '&') {
        const std::size_t len = EntityLength(src_.substr(pos_, std::min<std::size_t>(limit_ - pos_, 40)));
        if (len > 0) {
          const std::string& decoded = Decode(src_.substr(pos_, len));
          if (decoded != src_.substr(pos_, len) && lit.substr(i, decoded.size()) == decoded) {
            pos_ += len;
            i += decoded.size();
            continue;
          }
        }
      }
      if (c != lit[i]) return false;
      ++pos_;
      ++i;
    }
    AddText(lit, b);
    return true;
  }

  // cmark's own reading of an entity reference (and so its entity table).
  const std::string& Decode(std::string_view entity) {
    const std::string key(entity);
    auto it = entities_->find(key);
    if (it != entities_->end()) return it->second;
    std::string decoded;
    NodePtr doc(cmark_parse_document(entity.data(), entity.size(), CMARK_OPT_DEFAULT));
    if (cmark_node* para = cmark_node_first_child(doc.get())) {
      for (cmark_node* t = cmark_node_first_child(para); t != nullptr; t = cmark_node_next(t)) {
        if (const char* lit = cmark_node_get_literal(t)) decoded += lit;
      }
    }
    return entities_->emplace(key, std::move(decoded)).first->second;
  }

  bool Delimiter(std::size_t width) {
    const char c = At(pos_);
    if (c != '*' && c != '_') return false;
    for (std::size_t k = 0; k < width; ++k) {
      if (At(pos_ + k) != c) return false;
    }
    pos_ += width;
    return true;
  }

  bool CodeSpan(std::string_view lit) {
    const std::size_t b = pos_;
    std::size_t ticks = 0;
    while (At(pos_ + ticks) == '`') ++ticks;
    if (ticks == 0) return false;
    // The closing run has exactly as many backticks.
    std::size_t close = pos_ + ticks;
    for (;;) {
      while (close < limit_ && src_[close] != '`') ++close;
      if (close >= limit_) return false;
      std::size_t run = 0;
      while (At(close + run) == '`') ++run;
      if (run == ticks) break;
      close += run;
    }
    std::size_t inner_begin = pos_ + ticks;
    std::size_t inner_end = close;
    // CommonMark strips one space (or line ending) from each side when both
    // are there and the content is not all spaces; those bytes are markup.
    const auto space_at = [&](std::size_t i) { return src_[i] == ' ' || src_[i] == '\n' || src_[i] == '\r'; };
    bool all_space = true;
    for (std::size_t i = inner_begin; i < inner_end; ++i) all_space = all_space && space_at(i);
    if (inner_end - inner_begin >= 2 && !all_space && space_at(inner_begin) && space_at(inner_end - 1)) {
      inner_begin += (src_[inner_begin] == '\r' && src_[inner_begin + 1] == '\n') ? 2 : 1;
      --inner_end;
      if (src_[inner_end] == '\n' && inner_end > inner_begin && src_[inner_end - 1] == '\r') --inner_end;
    }
    const int pair = (*next_pair_)++;
    pos_ = inner_begin;
    AddCode(CodeKind::kOpen, "code", b, pair);
    pos_ = inner_end;
    AddText(lit, inner_begin);
    const std::size_t cb = pos_;
    pos_ = close + ticks;
    AddCode(CodeKind::kClose, "code", cb, pair);
    return true;
  }

  bool Link(cmark_node* n) {
    const std::size_t b = pos_;
    if (At(pos_) == '<') {
      // An autolink: the URL is markup, not text.
      const std::size_t end = src_.find('>', pos_);
      if (end == std::string_view::npos || end >= limit_) return false;
      pos_ = end + 1;
      AddCode(CodeKind::kStandalone, "link", b, -1);
      if (!silent_) pieces_.back().code.attributes = {{"href", cmark_node_get_url(n)}};
      return true;
    }
    if (At(pos_) != '[') return false;
    const int pair = (*next_pair_)++;
    ++pos_;
    AddCode(CodeKind::kOpen, "link", b, pair);
    std::vector<std::pair<std::string, std::string>> attributes = {{"href", cmark_node_get_url(n)}};
    if (const char* title = cmark_node_get_title(n); title != nullptr && *title != '\0') {
      attributes.emplace_back("title", title);
    }
    if (!silent_) pieces_.back().code.attributes = attributes;
    if (!Children(n)) return false;
    const std::size_t cb = pos_;
    if (At(pos_) != ']') return false;
    ++pos_;
    LinkTail();
    AddCode(CodeKind::kClose, "link", cb, pair);
    if (!silent_) pieces_.back().code.attributes = std::move(attributes);
    return true;
  }

  // After the `]` of a link or image: `(destination "title")`, `[label]`,
  // `[]`, or nothing (a shortcut reference). A parenthesis that is not a
  // well-formed destination belongs to the following text, as in cmark.
  void LinkTail() {
    if (At(pos_) == '(') {
      std::size_t i = pos_ + 1;
      if (InlineDestination(i)) pos_ = i;
      return;
    }
    if (At(pos_) == '[') {
      std::size_t i = pos_ + 1;
      while (i < limit_ && src_[i] != ']') i += (src_[i] == '\\' && i + 1 < limit_) ? 2 : 1;
      if (i < limit_) pos_ = i + 1;
    }
  }

  bool InlineDestination(std::size_t& i) {
    const auto skip_space = [&] {
      bool newline = false;
      while (i < limit_) {
        if (src_[i] == ' ' || src_[i] == '\t') {
          ++i;
        } else if ((src_[i] == '\n' || src_[i] == '\r') && !newline) {
          newline = true;
          ++i;
          if (src_[i - 1] == '\r' && At(i) == '\n') ++i;
          while (in_quote_ && (At(i) == '>' || At(i) == ' ')) ++i;
        } else {
          break;
        }
      }
    };
    skip_space();
    if (At(i) == '<') {
      ++i;
      while (i < limit_ && src_[i] != '>' && src_[i] != '\n') i += (src_[i] == '\\') ? 2 : 1;
      if (At(i) != '>') return false;
      ++i;
    } else {
      int depth = 0;
      while (i < limit_) {
        const char c = src_[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20) break;
        if (c == '\\' && IsAsciiPunct(At(i + 1))) {
          i += 2;
          continue;
        }
        if (c == '(') ++depth;
        if (c == ')') {
          if (depth == 0) break;
          --depth;
        }
        ++i;
      }
      if (depth != 0) return false;
    }
    const std::size_t before_title = i;
    skip_space();
    if (i > before_title && (At(i) == '"' || At(i) == '\'' || At(i) == '(')) {
      const char close = At(i) == '(' ? ')' : At(i);
      ++i;
      while (i < limit_ && src_[i] != close) i += (src_[i] == '\\') ? 2 : 1;
      if (At(i) != close) return false;
      ++i;
      skip_space();
    }
    if (At(i) != ')') return false;
    ++i;
    return true;
  }

  void AddText(std::string_view text, std::size_t begin) {
    if (silent_) return;
    Piece p;
    p.begin = begin;
    p.end = pos_;
    p.text.assign(text);
    pieces_.push_back(std::move(p));
  }

  void AddCode(CodeKind kind, const char* element, std::size_t begin, int pair) {
    if (silent_) return;
    Piece p;
    p.is_code = true;
    p.begin = begin;
    p.end = pos_;
    p.code.kind = kind;
    p.code.element = element;
    p.code.native.assign(src_.substr(begin, pos_ - begin));
    p.pair = pair;
    pieces_.push_back(std::move(p));
  }

  std::string_view src_;
  std::size_t pos_;
  std::size_t limit_;
  bool in_quote_;
  int max_depth_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::unordered_map<std::string, std::string>* entities_;
  int* next_pair_;
  int silent_ = 0;  // inside an image: advance, keep nothing
  std::size_t prefix_begin_ = 0;  // the last line prefix LineEnd skipped
  std::size_t prefix_end_ = static_cast<std::size_t>(-1);
  std::vector<Piece> pieces_;
};

class MarkdownReader {
 public:
  MarkdownReader(Article* article, std::size_t body_offset, int max_depth)
      : article_(article), src_(article->source), base_(body_offset), max_depth_(max_depth) {}

  Status Read() {
    const std::string_view body = src_.substr(base_);
    NodePtr doc(cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT));
    if (!doc) return BadInput("cmark could not parse the Markdown");
    IndexLines(body);

    std::vector<cmark_node_type> containers;  // open block quotes and list items
    cmark_iter* iter = cmark_iter_new(doc.get());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter);
      const cmark_node_type type = cmark_node_get_type(node);
      if (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM) {
        if (event == CMARK_EVENT_ENTER) {
          containers.push_back(type);
        } else {
          containers.pop_back();
        }
        continue;
      }
      if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING)) continue;
      Leaf(node, containers);
      cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
    }
    cmark_iter_free(iter);

    ClassifyStructured(candidates_);
    for (Candidate& c : candidates_) article_->blocks.push_back(std::move(c.block));
    return Status::Ok();
  }

 private:
  void IndexLines(std::string_view body) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\n' || (body[i] == '\r' && (i + 1 == body.size() || body[i + 1] != '\n'))) {
        line_starts_.push_back(i + 1);
      }
    }
  }

  // Byte offset in the source of cmark's 1-based (line, column).
  std::size_t Offset(int line, int column) const {
    if (line < 1) return base_;
    const std::size_t l = std::min(static_cast<std::size_t>(line - 1), line_starts_.size() - 1);
    return std::min(base_ + line_starts_[l] + static_cast<std::size_t>(std::max(column, 1) - 1), src_.size());
  }

  std::size_t LineEndOffset(int line) const {
    const std::size_t l = static_cast<std::size_t>(std::max(line, 1));
    return l < line_starts_.size() ? base_ + line_starts_[l] : src_.size();
  }

  void Leaf(cmark_node* node, const std::vector<cmark_node_type>& containers) {
    const bool heading = cmark_node_get_type(node) == CMARK_NODE_HEADING;
    const bool in_quote = std::find(containers.begin(), containers.end(), CMARK_NODE_BLOCK_QUOTE) != containers.end();
    const int start_line = cmark_node_get_start_line(node);
    std::size_t pos = Offset(start_line, cmark_node_get_start_column(node));
    const std::size_t limit = LineEndOffset(cmark_node_get_end_line(node));
    while (pos < limit && (src_[pos] == ' ' || src_[pos] == '\t')) ++pos;
    if (heading && pos < limit && src_[pos] == '#') {
      std::size_t i = pos;
      while (i < limit && src_[i] == '#') ++i;
      if (i == limit || src_[i] == ' ' || src_[i] == '\t' || src_[i] == '\n' || src_[i] == '\r') {
        while (i < limit && (src_[i] == ' ' || src_[i] == '\t')) ++i;
        pos = i;
      }
    }
    InlineAligner aligner(src_, pos, limit, in_quote, max_depth_, &entities_, &next_pair_);
    if (!aligner.Children(node)) {
      article_->warnings.push_back(
          "line " + std::to_string(start_line) +
          (aligner.too_deep() ? ": inline markup nested deeper than " + std::to_string(max_depth_) + " levels"
                              : std::string(": inline markup could not be mapped to the source")) +
          "; block left as it is");
      return;
    }
    Candidate c;
    if (heading) {
      c.structure = cmark_node_get_heading_level(node) == 1 ? Structure::kHeading1 : Structure::kHeading;
    } else if (!containers.empty()) {
      c.structure = containers.back() == CMARK_NODE_BLOCK_QUOTE ? Structure::kQuote : Structure::kListItem;
    }
    std::optional<Block> block = MakeBlock(src_, aligner.pieces(), BlockType::kParagraph);
    if (!block) return;
    c.block = std::move(*block);
    candidates_.push_back(std::move(c));
  }

  Article* article_;
  std::string_view src_;
  std::size_t base_;
  int max_depth_;
  std::vector<std::size_t> line_starts_;  // relative to base_
  std::unordered_map<std::string, std::string> entities_;
  int next_pair_ = 0;
  std::vector<Candidate> candidates_;
};

// Backslash-escapes what would otherwise be read as Markdown markup.
void EscapeMarkdown(std::string_view text, bool line_start, bool block_end, std::string* out) {
  if (block_end) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  }
  std::size_t i = 0;
  if (line_start) {
    // What starts a heading, quote, list, fence or thematic break.
    while (i < text.size() && text[i] == ' ') *out += text[i++];
    if (i < text.size()) {
      const char c = text[i];
      const char next = i + 1 < text.size() ? text[i + 1] : ' ';
      if (c == '#' || c == '>' || c == '=' || c == '~' ||
          ((c == '-' || c == '+') && (next == ' ' || next == '\t' || next == c))) {
        *out += '\\';
        *out += c;
        ++i;
      } else if (c >= '0' && c <= '9') {
        std::size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        if (j < text.size() && (text[j] == '.' || text[j] == ')') && j - i <= 9) {
          out->append(text.substr(i, j - i));
          *out += '\\';
          *out += text[j];
          i = j + 1;
        }
      }
    }
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\n':
      case '\r': *out += ' '; break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
        *out += '\\';
        *out += c;
        break;
      case '&':
        if (EntityLength(text.substr(i, 40)) > 0) *out += '\\';
        *out += c;
        break;
      case '#':
        // A closing sequence of an ATX heading.
        if (block_end && text.find_first_not_of('#', i) == std::string_view::npos) *out += '\\';
        *out += c;
        break;
      default: *out += c;
    }
  }
}

}  // namespace

Status ReadMarkdown(Article* article, std::size_t body_offset, const ArticleReadOptions& options) {
  return MarkdownReader(article, body_offset, options.max_depth).Read();
}

Status RenderMarkdown(const Block& original, const Segment& content, std::string* out) {
  Result<std::vector<std::string>> natives = ResolveNatives(original, content);
  if (!natives.ok()) return natives.error();
  const std::string_view text = content.text;
  bool line_start = true;
  bool in_code = false;  // inside a code span nothing is escaped
  std::size_t pos = 0;
  const auto put_text = [&](std::size_t end, bool block_end) {
    const std::string_view chunk = text.substr(pos, end - pos);
    if (in_code) {
      for (char c : chunk) *out += (c == '\n' || c == '\r') ? ' ' : c;
    } else {
      EscapeMarkdown(chunk, line_start, block_end, out);
    }
    if (!chunk.empty()) line_start = false;
    pos = end;
  };
  for (std::size_t i = 0; i < content.codes.size(); ++i) {
    const InlineCode& code = content.codes[i];
    put_text(code.offset, false);
    *out += (*natives)[i];
    if (code.element == "linebreak") line_start = true;
    if (code.element == "code") in_code = code.kind == CodeKind::kOpen;
  }
  put_text(text.size(), true);
  return Status::Ok();
}

}  // namespace lovcen::formats::article_internal
