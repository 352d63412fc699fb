// HTML through gumbo (an HTML5 parser). gumbo keeps, for every element, the
// exact bytes of its start and end tag and, for every text node, the bytes it
// was decoded from; blocks are sliced from those, never re-serialised.
//
// A block is a run of text and inline elements (a abbr b bdi bdo big cite
// code data del dfn em font i ins kbd mark q s samp small span strike strong
// sub sup time tt u var, as paired codes; br wbr img and comments as
// standalone codes) inside one block element; any other element ends the
// run. Types: the first h1 of the article is the title, other headings are
// sub-headings, text in blockquote is a quote, in li/dd/dt a list item, in
// address (or an element whose class names a byline or author) a byline.
// Where the page has an <article>, everything outside it is chrome, except
// <footer>, which is the footer; without one, a <header> or <aside> outside
// <main> is chrome. <title> is chrome. Skipped, never translated: script,
// style, noscript, template, nav, form controls, pre, svg, math, iframe,
// object, embed, canvas, audio, video.
//
// Misnested markup: gumbo may clone a formatting element into later
// paragraphs (sharing the original's tag bytes) or close it with another
// element's end tag; such a tag is used once, in source order, and a tag whose
// partner is not in the block becomes a standalone code. Text that the parser
// moved out of source order (foster parenting around tables) is left as it is,
// with a warning. Nesting deeper than ArticleReadOptions::max_depth is refused
// before gumbo sees it (gumbo slows down quadratically with depth).

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "article_internal.h"

namespace lovcen::formats::article_internal {
namespace {

bool IsInlineTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA: case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD: case GUMBO_TAG_MARK: case GUMBO_TAG_Q: case GUMBO_TAG_S: case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_TT: case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
      return true;
    default:
      return false;
  }
}

bool IsVoidInline(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_WBR || tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_IMAGE;
}

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_PRE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
      return true;
    default:
      return false;
  }
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Start tags that never hold other elements, or whose end tag the parser
// implies; they add no depth of their own.
bool AddsNoDepth(std::string_view name) {
  static const std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
      "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
      "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

bool IsRawText(std::string_view name) {
  static const std::string_view kNames[] = {"script", "style", "textarea", "title", "xmp", "iframe",
                                            "noembed", "noframes", "noscript", "plaintext"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// Where the element nesting of `html` first goes deeper than `max_depth`,
// or npos. A tokenizer-level estimate in linear time: start tags open, an
// end tag closes back to the element it names and is ignored when none is
// open (as the HTML parser does), raw text (script, style, ...) is skipped.
// Run before gumbo, whose tree building slows down quadratically with depth.
std::size_t FindExcessiveDepth(std::string_view html, int max_depth) {
  std::vector<std::string> open;
  std::map<std::string, int, std::less<>> open_count;
  const auto name_at = [&](std::size_t i) {
    std::size_t j = i;
    while (j < html.size() && (IsAsciiAlpha(html[j]) || (html[j] >= '0' && html[j] <= '9') || html[j] == '-')) ++j;
    return LowerAscii(html.substr(i, j - i));
  };
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    const bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    const std::size_t name_begin = i + (end_tag ? 2 : 1);
    if (name_begin >= html.size() || !IsAsciiAlpha(html[name_begin])) {
      ++i;
      continue;
    }
    const std::string name = name_at(name_begin);
    const std::size_t close = html.find('>', name_begin);
    if (close == std::string_view::npos) break;
    if (end_tag) {
      auto it = open_count.find(name);
      if (it != open_count.end() && it->second > 0) {
        while (!open.empty()) {
          const std::string top = std::move(open.back());
          open.pop_back();
          --open_count[top];
          if (top == name) break;
        }
      }
      i = close + 1;
      continue;
    }
    if (IsRawText(name)) {
      // Up to the matching end tag, whatever it holds.
      std::size_t j = close + 1;
      const std::string end_marker = "</" + name;
      for (;;) {
        j = html.find("</", j);
        if (j == std::string_view::npos) return std::string_view::npos;
        if (LowerAscii(html.substr(j, end_marker.size())) == end_marker) break;
        j += 2;
      }
      i = j;
      continue;
    }
    if (!AddsNoDepth(name) && html[close - 1] != '/') {
      if (static_cast<int>(open.size()) >= max_depth) return i;
      open.push_back(name);
      ++open_count[name];
    }
    i = close + 1;
  }
  return std::string_view::npos;
}

const GumboAttribute* Attribute(const GumboElement& e, const char* name) {
  return gumbo_get_attribute(&e.attributes, name);
}

// class="byline", class="article-author", ...
bool NamesByline(const GumboElement& e) {
  const GumboAttribute* cls = Attribute(e, "class");
  if (cls == nullptr) return false;
  const std::string value = LowerAscii(cls->value);
  return value.find("byline") != std::string::npos || value.find("author") != std::string::npos;
}

struct Context {
  bool in_title = false;
  bool in_article = false;
  bool in_main = false;
  bool in_header = false;
  bool in_footer = false;
  bool in_aside = false;
  bool in_quote = false;
  bool in_list = false;
  bool in_address = false;
  int heading = 0;
};

class HtmlReader {
 public:
  HtmlReader(Article* article, std::size_t body_offset, int max_depth)
      : article_(article), src_(article->source), base_(body_offset), cursor_(body_offset), max_depth_(max_depth) {}

  Status Read() {
    const std::string_view body = src_.substr(base_);
    if (const std::size_t deep = FindExcessiveDepth(body, max_depth_); deep != std::string_view::npos) {
      Error e = BadInput("HTML elements nested deeper than " + std::to_string(max_depth_) + " levels");
      e.offset = static_cast<std::int64_t>(base_ + deep);
      return e;
    }
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // parse errors are not reported; keep no list of them
    GumboOutput* output = gumbo_parse_with_options(&options, body.data(), body.size());
    if (output == nullptr) return BadInput("gumbo could not parse the HTML");
    has_article_ = Find(output->root, GUMBO_TAG_ARTICLE);
    TakeLanguage(output->root);
    Walk(output->root, Context{});
    Flush();
    gumbo_destroy_output(&options, output);

    ClassifyStructured(candidates_);
    for (Candidate& c : candidates_) article_->blocks.push_back(std::move(c.block));
    return Status::Ok();
  }

 private:
  bool Find(const GumboNode* node, GumboTag tag, int depth = 0) const {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return false;
    if (node->v.element.tag == tag) return true;
    if (depth > kWalkDepthFactor * max_depth_) return false;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      if (Find(static_cast<const GumboNode*>(children.data[i]), tag, depth + 1)) return true;
    }
    return false;
  }

  void TakeLanguage(const GumboNode* root) {
    if (article_->language || root == nullptr || root->type != GUMBO_NODE_ELEMENT) return;
    const GumboAttribute* lang = Attribute(root->v.element, "lang");
    if (lang == nullptr || *lang->value == '\0') return;
    std::string warning;
    Result<LanguageTag> tag = LanguageTag::Parse(lang->value, {}, &warning);
    if (tag.ok()) {
      article_->language = *tag;
      if (!warning.empty()) article_->warnings.push_back(warning);
    } else {
      article_->warnings.push_back("<html lang=\"" + std::string(lang->value) +
                                   "\"> is not a language lovcen knows; language left unknown");
    }
  }

  std::size_t OffsetOf(const char* p) const { return static_cast<std::size_t>(p - src_.data()); }

  void Walk(const GumboNode* node, const Context& ctx) {
    // The estimate before parsing bounds the tree's depth; this bounds the
    // recursion whatever the parser built.
    if (depth_ > kWalkDepthFactor * max_depth_) {
      if (!too_deep_warned_) {
        article_->warnings.push_back("HTML nested too deeply; the innermost content is left as it is");
        too_deep_warned_ = true;
      }
      return;
    }
    ++depth_;
    WalkNode(node, ctx);
    --depth_;
  }

  void WalkNode(const GumboNode* node, const Context& ctx) {
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        Element(node, ctx);
        return;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        Text(node, ctx);
        return;
      case GUMBO_NODE_COMMENT:
        // Inside running text a comment must survive a rewrite of that text.
        if (!run_.empty()) {
          const GumboStringPiece& raw = node->v.text.original_text;
          if (raw.length > 0) Add(Code(CodeKind::kStandalone, "comment", raw, -1), ctx);
        }
        return;
    }
  }

  void Children(const GumboNode* node, const Context& ctx) {
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) Walk(static_cast<const GumboNode*>(children.data[i]), ctx);
  }

  void Element(const GumboNode* node, const Context& ctx) {
    if (node->type == GUMBO_NODE_DOCUMENT) {
      Children(node, ctx);
      return;
    }
    const GumboElement& e = node->v.element;
    if (e.tag_namespace != GUMBO_NAMESPACE_HTML || IsSkipped(e.tag)) {
      Flush();
      return;
    }
    if (e.tag == GUMBO_TAG_HEAD) {
      // Of the head only the <title> is text a reader sees.
      Flush();
      for (unsigned i = 0; i < e.children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(e.children.data[i]);
        if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_TITLE) {
          Context inner = ctx;
          inner.in_title = true;
          Children(child, inner);
          Flush();
        }
      }
      return;
    }
    if (IsVoidInline(e.tag)) {
      if (e.original_tag.length > 0 && OffsetOf(e.original_tag.data) >= cursor_) {
        Add(Code(CodeKind::kStandalone, gumbo_normalized_tagname(e.tag), e.original_tag, -1, &e), ctx);
        if (e.tag == GUMBO_TAG_BR) {
          // A line break separates words even without white space around
          // it: a space in the text that has no bytes of its own.
          Piece space;
          space.begin = space.end = cursor_;
          space.text = " ";
          Add(std::move(space), ctx);
        }
      }
      return;
    }
    if (IsInlineTag(e.tag)) {
      InlineElement(node, ctx);
      return;
    }
    Flush();
    Context inner = ctx;
    switch (e.tag) {
      case GUMBO_TAG_ARTICLE: inner.in_article = true; break;
      case GUMBO_TAG_MAIN: inner.in_main = true; break;
      case GUMBO_TAG_HEADER: inner.in_header = true; break;
      case GUMBO_TAG_FOOTER: inner.in_footer = true; break;
      case GUMBO_TAG_ASIDE: inner.in_aside = true; break;
      case GUMBO_TAG_BLOCKQUOTE: inner.in_quote = true; break;
      case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT: inner.in_list = true; break;
      case GUMBO_TAG_ADDRESS: inner.in_address = true; break;
      case GUMBO_TAG_H1: inner.heading = 1; break;
      case GUMBO_TAG_H2: inner.heading = 2; break;
      case GUMBO_TAG_H3: inner.heading = 3; break;
      case GUMBO_TAG_H4: inner.heading = 4; break;
      case GUMBO_TAG_H5: inner.heading = 5; break;
      case GUMBO_TAG_H6: inner.heading = 6; break;
      default: break;
    }
    if (NamesByline(e)) inner.in_address = true;
    Children(node, inner);
    Flush();
  }

  void InlineElement(const GumboNode* node, const Context& ctx) {
    const GumboElement& e = node->v.element;
    const char* name = gumbo_normalized_tagname(e.tag);
    const int pair = next_pair_++;
    // A clone made by the parser shares its original's tag bytes: use once.
    if (e.original_tag.length > 0 && OffsetOf(e.original_tag.data) >= cursor_) {
      Add(Code(CodeKind::kOpen, name, e.original_tag, pair, &e), ctx);
    }
    Children(node, ctx);
    // gumbo records whatever end tag closed the element (`</p>` for an
    // unclosed <b>); only this element's own end tag is its close.
    const GumboStringPiece& end = e.original_end_tag;
    if (end.length > 2 && OffsetOf(end.data) >= cursor_) {
      std::size_t i = 2;
      while (i < end.length && end.data[i] != '>' && end.data[i] != ' ' && end.data[i] != '/' &&
             end.data[i] != '\t' && end.data[i] != '\n' && end.data[i] != '\r') {
        ++i;
      }
      if (LowerAscii(std::string_view(end.data + 2, i - 2)) == name) {
        Add(Code(CodeKind::kClose, name, end, pair, nullptr), ctx);
      }
    }
  }

  void Text(const GumboNode* node, const Context& ctx) {
    const GumboText& t = node->v.text;
    if (t.original_text.length == 0) return;
    Piece p;
    p.begin = OffsetOf(t.original_text.data);
    p.end = p.begin + t.original_text.length;
    p.text = t.text;
    if (p.begin < cursor_) {
      if (HasVisibleText(p.text)) {
        article_->warnings.push_back("line " + std::to_string(t.start_pos.line) +
                                     ": text moved by the HTML parser (misnested markup) left as it is");
      }
      return;
    }
    Add(std::move(p), ctx);
  }

  Piece Code(CodeKind kind, const char* element, const GumboStringPiece& raw, int pair, const GumboElement* e = nullptr) {
    Piece p;
    p.is_code = true;
    p.begin = OffsetOf(raw.data);
    p.end = p.begin + raw.length;
    p.code.kind = kind;
    p.code.element = element;
    p.code.native.assign(raw.data, raw.length);
    if (e != nullptr) {
      for (unsigned i = 0; i < e->attributes.length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(e->attributes.data[i]);
        p.code.attributes.emplace_back(a->name, a->value);
      }
    }
    p.pair = pair;
    return p;
  }

  void Add(Piece piece, const Context& ctx) {
    if (!run_.empty() && piece.begin > run_.back().end) {
      // Bytes between two pieces that belong to no node of the run: white
      // space stays text; markup there (text the parser moved across a
      // table, a dropped token) ends the run, so no block spans it.
      const std::string_view gap = src_.substr(run_.back().end, piece.begin - run_.back().end);
      if (gap.find_first_not_of(" \t\r\n\f") == std::string_view::npos) {
        Piece space;
        space.begin = run_.back().end;
        space.end = piece.begin;
        space.text.assign(gap);
        run_.push_back(std::move(space));
      } else {
        Flush();
      }
    }
    if (run_.empty()) run_context_ = ctx;
    cursor_ = piece.end;
    run_.push_back(std::move(piece));
  }

  void Flush() {
    if (run_.empty()) return;
    std::optional<Block> block = MakeBlock(src_, run_, BlockType::kParagraph);
    run_.clear();
    if (!block) return;
    const Context& c = run_context_;
    Candidate candidate;
    if (c.in_title) {
      candidate.zone = Zone::kChrome;
    } else if (c.in_footer) {
      candidate.zone = Zone::kFooter;
    } else if (has_article_) {
      candidate.zone = c.in_article && !c.in_aside ? Zone::kBody : Zone::kChrome;
    } else if ((c.in_header && !c.in_main) || c.in_aside) {
      candidate.zone = Zone::kChrome;
    }
    if (c.heading == 1) {
      candidate.structure = Structure::kHeading1;
    } else if (c.heading > 1) {
      candidate.structure = Structure::kHeading;
    } else if (c.in_address) {
      candidate.structure = Structure::kAddress;
    } else if (c.in_quote) {
      candidate.structure = Structure::kQuote;
    } else if (c.in_list) {
      candidate.structure = Structure::kListItem;
    }
    candidate.block = std::move(*block);
    candidates_.push_back(std::move(candidate));
  }

  Article* article_;
  std::string_view src_;
  std::size_t base_;
  std::size_t cursor_;  // end of the last byte taken into a block: source order
  int max_depth_;
  // Walk recursion allowed per level of estimated depth (the parser adds
  // implied elements: html, body, tbody, p, ...).
  static constexpr int kWalkDepthFactor = 4;
  int depth_ = 0;
  bool too_deep_warned_ = false;
  bool has_article_ = false;
  int next_pair_ = 0;
  std::vector<Piece> run_;
  Context run_context_;
  std::vector<Candidate> candidates_;
};

}  // namespace

Status ReadHtml(Article* article, std::size_t body_offset, const ArticleReadOptions& options) {
  return HtmlReader(article, body_offset, options.max_depth).Read();
}

Status RenderHtml(const Block& original, const Segment& content, std::string* out) {
  Result<std::vector<std::string>> natives = ResolveNatives(original, content);
  if (!natives.ok()) return natives.error();
  // Text is written with the fewest entities that keep it text: & < > and
  // the invisible no-break space.
  const auto put_text = [&](std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '&') {
        *out += "&amp;";
      } else if (c == '<') {
        *out += "&lt;";
      } else if (c == '>') {
        *out += "&gt;";
      } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
        *out += "&nbsp;";
        ++i;
      } else {
        *out += c;
      }
    }
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
