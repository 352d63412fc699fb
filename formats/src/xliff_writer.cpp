// XliffDocument to XLIFF 1.2 or 2.x text. Structure is indented; content
// (source, target, notes, data) is written exactly. Inline codes keep their
// element and attributes when they came from the version being written and
// are mapped by kind otherwise (1.2 <-> 2.x, TMX), so a round trip of a file
// is exact and a TM target from any format still gives a valid file.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "lovcen/formats/xliff.h"
#include "xliff_dom.h"

namespace lovcen::formats {
namespace {

using Typed = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// ------------------------------------------------------------ code mapping

struct ElementSpec {
  std::string_view name;
  std::vector<std::string_view> attributes;  // unprefixed attributes the element allows
};

const std::vector<ElementSpec>& Spec12() {
  static const std::vector<ElementSpec> spec = {
      {"g", {"id", "ts", "xid", "equiv-text", "ctype", "clone"}},
      {"x", {"id", "ts", "xid", "equiv-text", "ctype", "clone"}},
      {"bx", {"id", "ts", "xid", "equiv-text", "rid", "ctype", "clone"}},
      {"ex", {"id", "ts", "xid", "equiv-text", "rid"}},
      {"ph", {"id", "ts", "xid", "equiv-text", "ctype", "crc", "assoc"}},
      {"bpt", {"id", "ts", "xid", "equiv-text", "rid", "ctype", "crc"}},
      {"ept", {"id", "ts", "xid", "equiv-text", "rid", "crc"}},
      {"it", {"id", "ts", "xid", "equiv-text", "pos", "rid", "ctype", "crc"}},
      {"mrk", {"mtype", "mid", "comment", "ts"}},
  };
  return spec;
}

const std::vector<ElementSpec>& Spec2() {
  static const std::vector<ElementSpec> spec = {
      {"ph",
       {"canCopy", "canDelete", "canReorder", "copyOf", "disp", "equiv", "id", "dataRef",
        "subFlows", "subType", "type"}},
      {"pc",
       {"canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dispEnd", "dispStart",
        "equivEnd", "equivStart", "id", "dataRefEnd", "dataRefStart", "subFlowsEnd",
        "subFlowsStart", "subType", "type", "dir"}},
      {"sc",
       {"canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dataRef", "dir", "disp",
        "equiv", "id", "isolated", "subFlows", "subType", "type"}},
      {"ec",
       {"canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dataRef", "dir", "disp",
        "equiv", "id", "isolated", "startRef", "subFlows", "subType", "type"}},
      {"mrk", {"id", "translate", "type", "ref", "value"}},
      {"sm", {"id", "translate", "type", "ref", "value"}},
      {"em", {"startRef"}},
  };
  return spec;
}

// True when this version has an inline element of the code's name: the
// writer then keeps the element and its attributes as they are.
bool NativeTo(const InlineCode& code, bool xliff2) {
  const auto& specs = xliff2 ? Spec2() : Spec12();
  return std::any_of(specs.begin(), specs.end(),
                     [&](const ElementSpec& s) { return s.name == code.element; });
}

// True when the code's element exists in this version and every unprefixed
// attribute is one that element allows (a TMX <bpt i="1"> does not fit 1.2).
bool FitsSpec(const InlineCode& code, bool xliff2) {
  const auto& specs = xliff2 ? Spec2() : Spec12();
  for (const ElementSpec& s : specs) {
    if (s.name != code.element) continue;
    for (const auto& [name, value] : code.attributes) {
      if (name.find(':') != std::string::npos || name == "xmlns") continue;
      if (std::find(s.attributes.begin(), s.attributes.end(), std::string_view(name)) ==
          s.attributes.end()) {
        return false;
      }
    }
    return true;
  }
  return false;
}

bool IsContainer(const InlineCode& code, bool xliff2) {
  if (xliff2) return code.element == "pc" || code.element == "mrk";
  return code.element == "g" || code.element == "mrk";
}

// ------------------------------------------------------------ output

class Out {
 public:
  explicit Out(bool indent) : indent_(indent) {}

  std::string& text() { return out_; }
  void Line() {
    if (!indent_) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  void Raw(std::string_view xml) { out_ += xml; }

  // Writes "<name typed... extra..." and leaves the tag open.
  void Start(std::string_view name, Typed typed, const XmlAttributes& extra) {
    marks_.push_back(scope_.Mark());
    out_ += '<';
    out_ += name;
    for (const auto& [k, v] : typed) {
      if (v.empty()) continue;
      Attr(k, v);
    }
    Declarations(extra);
    for (const XmlAttribute& a : extra) {
      if (IsDeclaration(a)) continue;
      Attr(a.name, a.value);
    }
    // The element's own prefix (mtc:matches) must be bound too.
    const auto colon = name.find(':');
    if (colon != std::string_view::npos) Need(name.substr(0, colon), PrefixUri(name.substr(0, colon)));
  }
  void Attr(std::string_view name, std::string_view value) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    out_ += EscapeAttribute(value);
    out_ += '"';
  }
  void EndStart() { out_ += '>'; }
  void EmptyEnd() {
    out_ += "/>";
    scope_.Restore(marks_.back());
    marks_.pop_back();
  }
  void End(std::string_view name) {
    out_ += "</";
    out_ += name;
    out_ += '>';
    scope_.Restore(marks_.back());
    marks_.pop_back();
  }
  void Down() { ++depth_; }
  void Up() { --depth_; }
  dom::NamespaceScope& scope() { return scope_; }
  void BindPrefixUri(std::string prefix, std::string uri) { prefix_uris_[std::move(prefix)] = std::move(uri); }
  const std::optional<Error>& error() const { return error_; }
  void Fail(std::string message) {
    if (!error_) error_ = UsageError(std::move(message));
  }

 private:
  static bool IsDeclaration(const XmlAttribute& a) {
    return a.name == "xmlns" || a.name.rfind("xmlns:", 0) == 0;
  }
  std::string PrefixUri(std::string_view prefix) const {
    auto it = prefix_uris_.find(std::string(prefix));
    return it == prefix_uris_.end() ? std::string() : it->second;
  }
  // Namespace declarations: the element's own first, then whatever its
  // prefixed attributes need that is not in scope.
  void Declarations(const XmlAttributes& extra) {
    for (const XmlAttribute& a : extra) {
      if (!IsDeclaration(a) || a.name == "xmlns") continue;  // the default is the writer's
      const std::string prefix = a.name.substr(6);
      const std::string* bound = scope_.Lookup(prefix);
      if (bound != nullptr && *bound == a.value) continue;
      Attr(a.name, a.value);
      scope_.Bind(prefix, a.value);
    }
    for (const XmlAttribute& a : extra) {
      if (IsDeclaration(a)) continue;
      const auto colon = a.name.find(':');
      if (colon == std::string::npos) continue;
      const std::string_view prefix = std::string_view(a.name).substr(0, colon);
      if (prefix == "xml") continue;
      Need(prefix, a.ns);
    }
  }
  void Need(std::string_view prefix, const std::string& uri) {
    const std::string* bound = scope_.Lookup(prefix);
    if (bound != nullptr && (uri.empty() || *bound == uri)) return;
    if (uri.empty()) {
      Fail("prefix '" + std::string(prefix) + "' has no namespace");
      return;
    }
    Attr("xmlns:" + std::string(prefix), uri);
    scope_.Bind(std::string(prefix), uri);
  }

  std::string out_;
  bool indent_;
  int depth_ = 0;
  dom::NamespaceScope scope_;
  std::vector<std::size_t> marks_;
  std::map<std::string, std::string> prefix_uris_;
  std::optional<Error> error_;
};

// Text for element content; characters XML cannot carry become <cp> in 2.x
// and U+FFFD in 1.2 (which has no way to write them).
void Text(std::string_view text, bool xliff2, Out& out) {
  std::string buffer;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t c = dom::DecodeUtf8(text, pos);
    if (dom::IsXmlChar(c)) {
      buffer.append(text.substr(start, pos - start));
      continue;
    }
    out.Raw(EscapeText(buffer));
    buffer.clear();
    if (xliff2) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
      out.Raw("<cp hex=\"" + std::string(hex) + "\"/>");
    } else {
      out.Raw("\xEF\xBF\xBD");
    }
  }
  out.Raw(EscapeText(buffer));
}

// One stretch of inline content: a segment, optionally wrapped in a 1.2 seg
// <mrk> (barrier: paired codes never cross it).
struct Stretch {
  const Segment* segment = nullptr;
  bool wrap = false;
  std::string mid;
  const XmlAttributes* wrap_attributes = nullptr;
};

Stretch Plain(const Segment* segment) {
  Stretch s;
  s.segment = segment;
  return s;
}

// Per-unit table of 2.x <originalData>, grown by codes that carry native
// data without a matching entry.
class DataTable {
 public:
  explicit DataTable(std::vector<XliffData> data) : data_(std::move(data)) {}
  // The id under which `native` is stored, preferring `wanted`.
  std::string Place(const std::string& wanted, const std::string& native_xml) {
    const std::string native = dom::XmlContentToText(native_xml);
    if (!wanted.empty()) {
      if (const XliffData* d = Find(wanted)) {
        if (d->content == native) return wanted;
      } else {
        data_.push_back({wanted, native, {}});
        return wanted;
      }
    }
    for (const XliffData& d : data_) {
      if (d.content == native && d.attributes.empty()) return d.id;
    }
    std::string id;
    do {
      id = "d" + std::to_string(++counter_);
    } while (Find(id) != nullptr);
    data_.push_back({id, native, {}});
    return id;
  }
  const std::vector<XliffData>& data() const { return data_; }

 private:
  const XliffData* Find(std::string_view id) const {
    for (const XliffData& d : data_) {
      if (d.id == id) return &d;
    }
    return nullptr;
  }
  std::vector<XliffData> data_;
  int counter_ = 0;
};

// Names and attributes for codes written as another format's element, in
// the context of the codes around them (an <ec> needs to know whether its
// <sc> came first).
class CodeMapper {
 public:
  CodeMapper(bool xliff2, const std::vector<const InlineCode*>& codes)
      : xliff2_(xliff2), codes_(codes) {}

  // True when this version has a non-container element of the code's name
  // that stands for the code's kind.
  bool KindFits(const InlineCode& code) const {
    static const std::map<std::string, CodeKind, std::less<>> k12 = {
        {"bpt", CodeKind::kOpen},        {"bx", CodeKind::kOpen},   {"ept", CodeKind::kClose},
        {"ex", CodeKind::kClose},        {"ph", CodeKind::kStandalone}, {"x", CodeKind::kStandalone},
        {"it", CodeKind::kStandalone}};
    static const std::map<std::string, CodeKind, std::less<>> k2 = {
        {"sc", CodeKind::kOpen},  {"sm", CodeKind::kOpen},        {"ec", CodeKind::kClose},
        {"em", CodeKind::kClose}, {"ph", CodeKind::kStandalone}};
    const auto& table = xliff2_ ? k2 : k12;
    auto it = table.find(code.element);
    return it != table.end() && it->second == code.kind;
  }

  // Mapped() plus the code's own attributes this element allows (TMX type
  // becomes a 1.2 ctype).
  XmlAttributes Repaired(const InlineCode& code, const std::string& name, std::size_t index) const {
    XmlAttributes attrs = Mapped(code, name, index);
    const auto& specs = xliff2_ ? Spec2() : Spec12();
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&](const ElementSpec& s) { return s.name == name; });
    for (const auto& [key, value] : code.attributes) {
      std::string k = key;
      std::string v = value;
      if (!xliff2_ && k == "type") {
        k = "ctype";
        if (v == "ulined") v = "underlined";
        if (v != "bold" && v != "italic" && v != "underlined" && v != "link" &&
            v.rfind("x-", 0) != 0) {
          v = "x-" + v;
        }
      }
      if (spec == specs.end() || AttributeValue(attrs, k).size() > 0) continue;
      if (std::find(spec->attributes.begin(), spec->attributes.end(), std::string_view(k)) ==
          spec->attributes.end()) {
        continue;
      }
      if (k == "pos" || k == "id" || k == "rid" || k == "startRef" || k == "isolated" ||
          k.rfind("dataRef", 0) == 0) {
        continue;  // pairing and data are the writer's
      }
      attrs.push_back({k, v, ""});
    }
    return attrs;
  }

  std::string StandaloneName(const InlineCode& code) const {
    const bool has_native = !code.native.empty();
    if (xliff2_) {
      switch (code.kind) {
        case CodeKind::kOpen: return code.element == "mrk" || code.element == "sm" ? "sm" : "sc";
        case CodeKind::kClose: return code.element == "mrk" || code.element == "em" ? "em" : "ec";
        case CodeKind::kStandalone: return "ph";
      }
    }
    if (code.element == "it") return "it";  // a TMX isolated tag
    switch (code.kind) {
      case CodeKind::kOpen: return has_native ? "bpt" : "bx";
      case CodeKind::kClose: return has_native ? "ept" : "ex";
      case CodeKind::kStandalone: return has_native ? "ph" : "x";
    }
    return "x";
  }

  // Attributes for a code written as another version's element: its id, the
  // pairing information the element needs, and foreign attributes.
  XmlAttributes Mapped(const InlineCode& code, const std::string& name, std::size_t index) const {
    XmlAttributes attrs;
    const XmlAttributes own = FromCodeAttributes(code.attributes);
    const std::string id = code.id.empty() ? "c" + std::to_string(index + 1) : code.id;
    if (xliff2_) {
      if (name == "ec") {
        if (HasOpenBefore(code)) {
          attrs.push_back({"startRef", id, ""});
        } else {
          attrs.push_back({"id", id, ""});
          attrs.push_back({"isolated", "yes", ""});
        }
      } else if (name == "em") {
        attrs.push_back({"startRef", id, ""});
      } else {
        attrs.push_back({"id", id, ""});
        if (name == "sc" && !HasCloseAfter(code)) attrs.push_back({"isolated", "yes", ""});
        if (name == "mrk" || name == "sm") {
          const std::string_view mtype = AttributeValue(own, "mtype");
          if (mtype == "term") {
            attrs.push_back({"type", "term", ""});
          } else if (mtype == "protected") {
            attrs.push_back({"translate", "no", ""});
          }
        }
      }
    } else {
      if (name == "mrk") {
        const std::string_view type = AttributeValue(own, "type");
        // No mid: in 1.2 a mid on a <mrk> names a segment of <seg-source>.
        attrs.push_back({"mtype", type == "term" ? "term" : "x-" + std::string(type.empty() ? "generic" : type.substr(type.find(':') + 1)), ""});
      } else {
        attrs.push_back({"id", id, ""});
        if (name == "it") {
          std::string pos(AttributeValue(own, "pos"));
          if (pos == "begin" || pos.empty()) pos = code.kind == CodeKind::kClose ? "close" : "open";
          if (pos == "end") pos = "close";
          attrs.push_back({"pos", pos, ""});
        }
      }
    }
    // Foreign attributes travel with the code, with their declarations.
    for (const XmlAttribute& a : own) {
      if (a.name.find(':') != std::string::npos && a.name.rfind("xml:", 0) != 0) attrs.push_back(a);
    }
    return attrs;
  }

  bool HasOpenBefore(const InlineCode& close) const {
    for (const InlineCode* c : codes_) {
      if (c == &close) return false;
      if (c->kind == CodeKind::kOpen && c->id == close.id) return true;
    }
    return false;
  }
  bool HasCloseAfter(const InlineCode& open) const {
    bool after = false;
    for (const InlineCode* c : codes_) {
      if (after && c->kind == CodeKind::kClose && c->id == open.id) return true;
      if (c == &open) after = true;
    }
    return false;
  }

 private:
  bool xliff2_;
  const std::vector<const InlineCode*>& codes_;
};

// Writes inline content. Paired container codes (g/mrk, pc/mrk) are written
// as elements when their open and close nest properly inside one stretch
// chain, and as bx/ex (1.2) or sc/ec, sm/em (2.x) otherwise.
class InlineWriter {
 public:
  InlineWriter(bool xliff2, Out& out, DataTable* data)
      : xliff2_(xliff2), out_(out), data_(data), mapper_(xliff2, codes_) {}

  void Write(const std::vector<Stretch>& stretches) {
    Pair(stretches);
    std::size_t index = 0;
    for (const Stretch& s : stretches) {
      if (s.wrap) {
        XmlAttributes attrs = s.wrap_attributes ? *s.wrap_attributes : XmlAttributes{};
        out_.Start("mrk", {{"mtype", "seg"}, {"mid", s.mid}}, attrs);
        out_.EndStart();
      }
      const Segment& seg = *s.segment;
      std::size_t pos = 0;
      for (std::size_t c = 0; c < seg.codes.size(); ++c, ++index) {
        const InlineCode& code = seg.codes[c];
        const std::size_t at = std::min(code.offset, seg.text.size());
        if (at > pos) {
          Text(std::string_view(seg.text).substr(pos, at - pos), xliff2_, out_);
          pos = at;
        }
        Code(code, index);
      }
      if (pos < seg.text.size()) Text(std::string_view(seg.text).substr(pos), xliff2_, out_);
      if (s.wrap) out_.End("mrk");
    }
  }

 private:
  // Finds which container opens have a properly nested close.
  void Pair(const std::vector<Stretch>& stretches) {
    codes_.clear();
    partner_.clear();
    for (const Stretch& s : stretches) {
      for (const InlineCode& c : s.segment->codes) codes_.push_back(&c);
    }
    partner_.assign(codes_.size(), kNone);
    std::vector<std::size_t> stack;  // kNone = barrier
    std::size_t index = 0;
    for (const Stretch& s : stretches) {
      if (s.wrap) stack.push_back(kNone);
      for (std::size_t c = 0; c < s.segment->codes.size(); ++c, ++index) {
        const InlineCode& code = *codes_[index];
        if (!Containerish(code)) continue;
        if (code.kind == CodeKind::kOpen) {
          stack.push_back(index);
        } else if (code.kind == CodeKind::kClose) {
          if (!stack.empty() && stack.back() != kNone) {
            const InlineCode& open = *codes_[stack.back()];
            if (open.id == code.id && open.element == code.element) {
              partner_[stack.back()] = index;
              partner_[index] = stack.back();
              stack.pop_back();
              continue;
            }
          }
          // Not properly nested: every open above the barrier stays unpaired.
        }
      }
      if (s.wrap) {
        while (!stack.empty() && stack.back() != kNone) stack.pop_back();
        if (!stack.empty()) stack.pop_back();
      }
    }
  }

  // Codes that become a container element when they pair up.
  bool Containerish(const InlineCode& code) const {
    if (code.kind == CodeKind::kStandalone) return false;
    if (NativeTo(code, xliff2_)) return IsContainer(code, xliff2_);
    // Mapped: 1.2 g/mrk -> 2.x pc/mrk, 2.x pc/mrk -> 1.2 g/mrk, TMX hi -> container.
    const std::string& e = code.element;
    if (e == "g" || e == "pc" || e == "hi") return NativeFree(code);
    return e == "mrk";
  }
  // True when neither side of the pair carries native data (a 1.2 <g> cannot).
  bool NativeFree(const InlineCode& code) const { return xliff2_ || code.native.empty(); }

  std::string MappedContainerName(const InlineCode& code) const {
    if (code.element == "mrk") return "mrk";
    return xliff2_ ? "pc" : "g";
  }

  void Code(const InlineCode& code, std::size_t index) {
    if (code.element == kRawInlineElement) {
      out_.Raw(code.native);
      return;
    }
    const bool native = NativeTo(code, xliff2_);
    const bool paired = partner_[index] != kNone;
    if (paired && Containerish(code)) {
      const std::string name = native ? code.element : MappedContainerName(code);
      if (code.kind == CodeKind::kClose) {
        out_.End(name);
        return;
      }
      XmlAttributes attrs = native ? FromCodeAttributes(code.attributes) : mapper_.Mapped(code, name, index);
      if (xliff2_ && name == "pc") {
        AttachData(attrs, "dataRefStart", code.native);
        AttachData(attrs, "dataRefEnd", codes_[partner_[index]]->native);
      }
      out_.Start(name, {}, attrs);
      out_.EndStart();
      return;
    }
    // Empty or native-content elements.
    std::string name;
    XmlAttributes attrs;
    if (native && !IsContainer(code, xliff2_)) {
      name = code.element;
      attrs = FromCodeAttributes(code.attributes);
    } else {
      if (!xliff2_ && (code.element == "sm" || code.element == "em")) return;  // no 1.2 form
      name = mapper_.StandaloneName(code);
      attrs = mapper_.Mapped(code, name, index);
    }
    if (xliff2_) {
      if (!code.native.empty()) AttachData(attrs, "dataRef", code.native);
      out_.Start(name, {}, attrs);
      out_.EmptyEnd();
      return;
    }
    out_.Start(name, {}, attrs);
    const bool has_content = name == "ph" || name == "bpt" || name == "ept" || name == "it";
    if (has_content && !code.native.empty()) {
      out_.EndStart();
      // Native content is XML (it may hold <sub>); anything unsafe to paste
      // is written as its text.
      if (dom::IsSafeCodeContent(code.native)) {
        out_.Raw(code.native);
      } else {
        Text(dom::XmlContentToText(code.native), false, out_);
      }
      out_.End(name);
    } else {
      out_.EmptyEnd();
    }
  }

  void AttachData(XmlAttributes& attrs, const std::string& name, const std::string& native) {
    if (data_ == nullptr || native.empty()) return;
    const std::string wanted(AttributeValue(attrs, name));
    const std::string id = data_->Place(wanted, native);
    SetAttribute(attrs, name, id);
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  bool xliff2_;
  Out& out_;
  DataTable* data_;
  std::vector<const InlineCode*> codes_;
  std::vector<std::size_t> partner_;
  CodeMapper mapper_;
};

// Concatenation of segments (for a 1.2 <source> of a segmented unit).
Segment Concatenate(const std::vector<const Segment*>& parts) {
  Segment out;
  for (const Segment* s : parts) {
    const std::size_t base = out.text.size();
    out.text += s->text;
    for (InlineCode c : s->codes) {
      c.offset += base;
      out.codes.push_back(std::move(c));
    }
  }
  return out;
}

// States valid in the version written; other versions' values are mapped.
std::string StateFor(const std::string& state, bool xliff2) {
  if (state.empty()) return state;
  static const std::set<std::string> k12 = {
      "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
      "needs-review-translation", "needs-translation", "new", "signed-off", "translated"};
  static const std::set<std::string> k2 = {"initial", "translated", "reviewed", "final"};
  if (xliff2 ? k2.count(state) > 0 : (k12.count(state) > 0 || state.rfind("x-", 0) == 0)) {
    return state;
  }
  const auto parsed = ParseXliffState(state);
  if (!parsed) return {};
  return std::string(XliffStateName(xliff2 ? XliffVersion::k21 : XliffVersion::k12, *parsed));
}

// ------------------------------------------------------------ document

class Writer {
 public:
  Writer(const XliffDocument& doc, const XliffWriteOptions& options)
      : doc_(doc), xliff2_(IsXliff2(doc.version)), out_(options.indent) {}

  Result<std::string> Run() {
    std::string ns = doc_.namespace_uri;
    const bool is2 = ns.rfind("urn:oasis:names:tc:xliff:document:2.", 0) == 0;
    const bool is1 = ns.rfind("urn:oasis:names:tc:xliff:document:1.", 0) == 0;
    if (doc_.no_namespace && !xliff2_) {
      ns.clear();
    } else if (!(xliff2_ ? is2 : is1)) {
      ns = doc_.version == XliffVersion::k22 ? std::string(kXliff22Namespace)
           : xliff2_                         ? std::string(kXliff20Namespace)
                                             : std::string(kXliff12Namespace);
    }
    out_.scope().Bind("", ns);
    out_.BindPrefixUri("mtc", std::string(kXliffMatchesNamespace));
    std::string version = doc_.version_text.value_or(std::string(XliffVersionName(doc_.version)));
    if (!version.empty() && xliff2_ != (version.rfind("2.", 0) == 0)) {
      version = std::string(XliffVersionName(doc_.version));
    }
    if (version.empty() && xliff2_) version = std::string(XliffVersionName(doc_.version));
    std::string src, trg;
    if (xliff2_) {
      src = doc_.source_language;
      trg = doc_.target_language;
      if (src.empty() && !doc_.files.empty()) src = doc_.files.front().source_language;
      if (trg.empty() && !doc_.files.empty()) trg = doc_.files.front().target_language;
    }
    out_.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out_.Start("xliff", {{"xmlns", ns}, {"version", version}, {"srcLang", src}, {"trgLang", trg}},
               doc_.attributes);
    out_.EndStart();
    out_.Down();
    for (const XliffFile& f : doc_.files) File(f);
    out_.Up();
    out_.Line();
    out_.End("xliff");
    out_.Raw("\n");
    if (out_.error()) return *out_.error();
    return std::move(out_.text());
  }

 private:
  void Raw(const RawXml& raw) {
    out_.Line();
    out_.Raw(raw.xml);
  }

  void Note(const XliffNote& note) {
    out_.Line();
    out_.Start("note", {}, note.attributes);
    if (note.text.empty()) {
      out_.EmptyEnd();
      return;
    }
    out_.EndStart();
    Text(note.text, xliff2_, out_);
    out_.End("note");
  }

  void Notes2(const std::vector<XliffNote>& notes, const XmlAttributes& attrs) {
    if (notes.empty()) return;
    out_.Line();
    out_.Start("notes", {}, attrs);
    out_.EndStart();
    out_.Down();
    for (const XliffNote& n : notes) Note(n);
    out_.Up();
    out_.Line();
    out_.End("notes");
  }

  // Writes notes, candidates and extensions in `layout` order, then what
  // the layout does not cover, in schema order.
  template <class NoteFn, class CandFn, class ExtFn>
  void Interleave(const std::vector<XliffChild>& layout, std::size_t notes, std::size_t cands,
                  std::size_t exts, NoteFn note, CandFn cand, ExtFn ext) {
    std::size_t n = 0, c = 0, e = 0;
    for (XliffChild kind : layout) {
      switch (kind) {
        case XliffChild::kNote:
          if (n < notes) note(n++);
          break;
        case XliffChild::kCandidate:
          if (c < cands) cand(c++);
          break;
        case XliffChild::kExtension:
          if (e < exts) ext(e++);
          break;
      }
    }
    while (n < notes) note(n++);
    while (c < cands) cand(c++);
    while (e < exts) ext(e++);
  }

  void File(const XliffFile& f) {
    out_.Line();
    if (xliff2_) {
      out_.Start("file", {{"id", f.id}, {"original", f.original}, {"translate", f.translate}},
                 f.attributes);
      out_.EndStart();
      out_.Down();
      for (const RawXml& r : f.extensions) Raw(r);
      Notes2(f.notes, f.notes_attributes);
      Items(f.items);
      out_.Up();
      out_.Line();
      out_.End("file");
      return;
    }
    const std::string src = f.source_language.empty() ? doc_.source_language : f.source_language;
    const std::string trg = f.target_language.empty() ? doc_.target_language : f.target_language;
    out_.Start("file",
               {{"original", f.original},
                {"source-language", src},
                {"target-language", trg},
                {"datatype", f.datatype}},
               f.attributes);
    out_.EndStart();
    out_.Down();
    for (const RawXml& r : f.extensions) Raw(r);
    out_.Line();
    out_.Start("body", {}, f.body_attributes);
    if (f.items.empty()) {
      out_.EmptyEnd();
    } else {
      out_.EndStart();
      out_.Down();
      Items(f.items);
      out_.Up();
      out_.Line();
      out_.End("body");
    }
    out_.Up();
    out_.Line();
    out_.End("file");
  }

  void Items(const std::vector<XliffItem>& items) {
    for (const XliffItem& item : items) {
      if (const auto* unit = std::get_if<XliffUnit>(&item.value)) {
        Unit(*unit);
      } else if (const auto* group = std::get_if<XliffGroup>(&item.value)) {
        Group(*group);
      } else {
        Raw(std::get<RawXml>(item.value));
      }
    }
  }

  void Group(const XliffGroup& g) {
    out_.Line();
    out_.Start("group", {{"id", g.id}, {"translate", g.translate}}, g.attributes);
    if (g.items.empty() && g.notes.empty() && g.extensions.empty()) {
      out_.EmptyEnd();
      return;
    }
    out_.EndStart();
    out_.Down();
    if (xliff2_) {
      for (const RawXml& r : g.extensions) Raw(r);
      Notes2(g.notes, g.notes_attributes);
    } else {
      Interleave(
          g.layout, g.notes.size(), 0, g.extensions.size(), [&](std::size_t i) { Note(g.notes[i]); },
          [](std::size_t) {}, [&](std::size_t i) { Raw(g.extensions[i]); });
    }
    Items(g.items);
    out_.Up();
    out_.Line();
    out_.End("group");
  }

  void Unit(const XliffUnit& u) {
    if (xliff2_) return Unit2(u);
    out_.Line();
    out_.Start("trans-unit", {{"id", u.id}, {"translate", u.translate}, {"approved", u.approved}},
               u.attributes);
    out_.EndStart();
    out_.Down();
    const bool segmented = u.segmented || u.segments.size() != 1 ||
                           (!u.segments.empty() && !u.segments.front().id.empty());
    if (!segmented) {
      const XliffSegment& s = u.segments.front();
      Content("source", {}, s.source_attributes, {Plain(&s.source)});
      if (s.target) {
        Content("target",
                {{"state", StateFor(s.state, false)}, {"state-qualifier", Qualifier12(s.sub_state)}},
                s.target_attributes, {Plain(&*s.target)});
      }
    } else {
      Segmented12(u);
    }
    Interleave(
        u.layout, u.notes.size(), u.candidates.size(), u.extensions.size(),
        [&](std::size_t i) { Note(u.notes[i]); }, [&](std::size_t i) { AltTrans(u.candidates[i]); },
        [&](std::size_t i) { Raw(u.extensions[i]); });
    out_.Up();
    out_.Line();
    out_.End("trans-unit");
  }

  static std::string Qualifier12(const std::string& q) {
    static const std::set<std::string> k = {
        "exact-match",        "fuzzy-match",          "id-match",          "leveraged-glossary",
        "leveraged-inherited", "leveraged-mt",        "leveraged-repository", "leveraged-tm",
        "mt-suggestion",      "rejected-grammar",     "rejected-inaccurate", "rejected-length",
        "rejected-spelling",  "tm-suggestion"};
    if (k.count(q) > 0 || q.rfind("x-", 0) == 0) return q;
    const auto colon = q.find(':');  // a 2.x subState "xlf:exact-match" or similar
    if (colon != std::string::npos && k.count(q.substr(colon + 1)) > 0) return q.substr(colon + 1);
    return {};
  }

  void Segmented12(const XliffUnit& u) {
    std::vector<const Segment*> sources;
    std::vector<Stretch> stretches;
    for (const XliffSegment& s : u.segments) {
      sources.push_back(&s.source);
      stretches.push_back({&s.source, !s.ignorable, s.id, &s.attributes});
    }
    const Segment whole = u.full_source ? *u.full_source : Concatenate(sources);
    Content("source", {}, u.source_attributes, {Plain(&whole)});
    Content("seg-source", {}, u.seg_source_attributes, stretches);
    std::vector<std::size_t> order = u.target_order;
    if (order.empty()) {
      for (std::size_t i = 0; i < u.segments.size(); ++i) {
        if (u.segments[i].target) order.push_back(i);
      }
    }
    bool any_target = u.has_target;
    std::string state, qualifier;
    std::vector<Stretch> targets;
    for (std::size_t i : order) {
      if (i >= u.segments.size() || !u.segments[i].target) continue;
      const XliffSegment& s = u.segments[i];
      any_target = true;
      if (state.empty()) {
        state = s.state;
        qualifier = s.sub_state;
      }
      targets.push_back({&*s.target, !s.ignorable, s.id, &s.target_attributes});
    }
    if (!any_target) return;
    Content("target", {{"state", StateFor(state, false)}, {"state-qualifier", Qualifier12(qualifier)}},
            u.target_attributes, targets);
  }

  void Content(std::string_view name, Typed typed, const XmlAttributes& attrs,
               const std::vector<Stretch>& stretches, DataTable* data = nullptr) {
    out_.Line();
    out_.Start(name, typed, attrs);
    bool empty = true;
    for (const Stretch& s : stretches) {
      if (s.wrap || !s.segment->text.empty() || !s.segment->codes.empty()) empty = false;
    }
    if (empty) {
      out_.EmptyEnd();
      return;
    }
    out_.EndStart();
    InlineWriter(xliff2_, out_, data).Write(stretches);
    out_.End(name);
  }

  void AltTrans(const XliffCandidate& c) {
    out_.Line();
    // A 2.x match ref "#s1" names the segment a 1.2 mid names "s1".
    const std::string mid = c.ref.size() > 1 && c.ref[0] == '#' &&
                                    c.ref.find_first_of("/=") == std::string::npos
                                ? c.ref.substr(1)
                                : c.ref;
    out_.Start("alt-trans",
               {{"mid", mid},
                {"match-quality", c.match_quality},
                {"origin", c.origin},
                {"alttranstype", c.type}},
               c.attributes);
    out_.EndStart();
    out_.Down();
    const std::size_t before = std::min(c.extensions_before_source, c.extensions.size());
    for (std::size_t i = 0; i < before; ++i) Raw(c.extensions[i]);
    if (c.source) Content("source", {}, c.source_attributes, {Plain(&*c.source)});
    if (c.seg_source) Raw(*c.seg_source);
    if (c.target) Content("target", {}, c.target_attributes, {Plain(&*c.target)});
    for (std::size_t i = before; i < c.extensions.size(); ++i) Raw(c.extensions[i]);
    out_.Up();
    out_.Line();
    out_.End("alt-trans");
  }

  void OriginalData(const std::vector<XliffData>& data) {
    if (data.empty()) return;
    out_.Line();
    out_.Start("originalData", {}, {});
    out_.EndStart();
    out_.Down();
    for (const XliffData& d : data) {
      out_.Line();
      out_.Start("data", {{"id", d.id}}, d.attributes);
      if (d.content.empty()) {
        out_.EmptyEnd();
        continue;
      }
      out_.EndStart();
      Text(d.content, true, out_);
      out_.End("data");
    }
    out_.Up();
    out_.Line();
    out_.End("originalData");
  }

  void Match(const XliffCandidate& c) {
    out_.Line();
    const std::string ref = !c.ref.empty() && c.ref[0] != '#' ? "#" + c.ref : c.ref;  // a 1.2 mid
    out_.Start("mtc:match",
               {{"id", c.id},
                {"ref", ref},
                {"origin", c.origin},
                {"matchQuality", c.match_quality},
                {"similarity", c.similarity},
                {"type", c.type}},
               c.attributes);
    out_.EndStart();
    out_.Down();
    const std::size_t before = std::min(c.extensions_before_source, c.extensions.size());
    for (std::size_t i = 0; i < before; ++i) Raw(c.extensions[i]);
    // Content is written first into a side buffer so <originalData> can
    // list the native data the codes turn out to need.
    DataTable data(c.original_data);
    const std::string body = Capture([&] {
      if (c.source) Content("source", {}, c.source_attributes, {Plain(&*c.source)}, &data);
      if (c.target) Content("target", {}, c.target_attributes, {Plain(&*c.target)}, &data);
    });
    OriginalData(data.data());
    out_.Raw(body);
    for (std::size_t i = before; i < c.extensions.size(); ++i) Raw(c.extensions[i]);
    out_.Up();
    out_.Line();
    out_.End("mtc:match");
  }

  template <class Fn>
  std::string Capture(Fn fn) {
    std::string saved;
    std::swap(saved, out_.text());
    fn();
    std::swap(saved, out_.text());
    return saved;
  }

  void Unit2(const XliffUnit& u) {
    out_.Line();
    out_.Start("unit", {{"id", u.id}, {"translate", u.translate}}, u.attributes);
    out_.EndStart();
    out_.Down();
    Interleave(
        u.layout, 0, u.candidates.empty() ? 0 : 1, u.extensions.size(), [](std::size_t) {},
        [&](std::size_t) {
          out_.Line();
          out_.Start("mtc:matches", {}, u.matches_attributes);
          out_.EndStart();
          out_.Down();
          for (const XliffCandidate& c : u.candidates) Match(c);
          out_.Up();
          out_.Line();
          out_.End("mtc:matches");
        },
        [&](std::size_t i) { Raw(u.extensions[i]); });
    Notes2(u.notes, u.notes_attributes);
    DataTable data(u.original_data);
    const std::string body = Capture([&] {
      for (const XliffSegment& s : u.segments) Part2(s, &data);
    });
    OriginalData(data.data());
    out_.Raw(body);
    out_.Up();
    out_.Line();
    out_.End("unit");
  }

  void Part2(const XliffSegment& s, DataTable* data) {
    out_.Line();
    const std::string_view name = s.ignorable ? "ignorable" : "segment";
    std::string sub = s.sub_state.find(':') != std::string::npos ? s.sub_state : std::string();
    std::string state = StateFor(s.state, true);
    if (state.empty()) sub.clear();  // subState needs state
    if (s.ignorable) {
      out_.Start(name, {{"id", s.id}}, s.attributes);
    } else {
      out_.Start(name, {{"id", s.id}, {"state", state}, {"subState", sub}}, s.attributes);
    }
    out_.EndStart();
    out_.Down();
    Content("source", {}, s.source_attributes, {Plain(&s.source)}, data);
    if (s.target) Content("target", {}, s.target_attributes, {Plain(&*s.target)}, data);
    out_.Up();
    out_.Line();
    out_.End(name);
  }

  const XliffDocument& doc_;
  bool xliff2_;
  Out out_;
};

}  // namespace

Segment AdaptInlineCodes(const Segment& segment, XliffVersion version) {
  const bool xliff2 = IsXliff2(version);
  Segment out = segment;
  std::vector<const InlineCode*> codes;
  for (const InlineCode& c : segment.codes) codes.push_back(&c);
  CodeMapper mapper(xliff2, codes);
  for (std::size_t i = 0; i < segment.codes.size(); ++i) {
    const InlineCode& c = segment.codes[i];
    if (c.element == kRawInlineElement || FitsSpec(c, xliff2) || !NativeTo(c, xliff2)) continue;
    if (IsContainer(c, xliff2) && c.kind == CodeKind::kClose) {
      out.codes[i].attributes.clear();  // a container's close has none
      continue;
    }
    out.codes[i].attributes = ToCodeAttributes(mapper.Repaired(c, c.element, i));
  }
  return out;
}

namespace {

bool Partners(const InlineCode& open, const InlineCode& close) {
  if (open.id != close.id) return false;
  const std::string& a = open.element;
  const std::string& b = close.element;
  return a == b || (a == "sc" && b == "ec") || (a == "bpt" && b == "ept") || (a == "bx" && b == "ex") ||
         (a == "sm" && b == "em");
}

}  // namespace

Segment IsolateUnpairedCodes(const Segment& segment, XliffVersion version) {
  const bool xliff2 = IsXliff2(version);
  std::vector<bool> paired(segment.codes.size(), false);
  for (std::size_t i = 0; i < segment.codes.size(); ++i) {
    if (segment.codes[i].kind != CodeKind::kClose) continue;
    for (std::size_t j = i; j-- > 0;) {
      if (!paired[j] && segment.codes[j].kind == CodeKind::kOpen && Partners(segment.codes[j], segment.codes[i])) {
        paired[i] = paired[j] = true;
        break;
      }
    }
  }
  Segment out;
  out.text = segment.text;
  std::string previous_reorder = "yes";
  for (std::size_t i = 0; i < segment.codes.size(); ++i) {
    InlineCode c = segment.codes[i];
    const bool annotation = c.element == "mrk" || c.element == "sm" || c.element == "em";
    if (c.kind != CodeKind::kStandalone && !paired[i] && c.element != kRawInlineElement) {
      if (annotation) continue;  // an annotation without its other half means nothing
      XmlAttributes attrs = FromCodeAttributes(c.attributes);
      if (xliff2) {
        c.element = c.kind == CodeKind::kOpen ? "sc" : "ec";
        RemoveAttribute(attrs, "startRef");
        SetAttribute(attrs, "id", c.id.empty() ? "c" + std::to_string(i + 1) : c.id);
        SetAttribute(attrs, "isolated", "yes");
        RemoveAttribute(attrs, "dataRefStart");
        RemoveAttribute(attrs, "dataRefEnd");
      } else {
        c.element = "it";
        XmlAttributes kept;
        kept.push_back({"id", c.id.empty() ? "c" + std::to_string(i + 1) : c.id, ""});
        kept.push_back({"pos", c.kind == CodeKind::kOpen ? "open" : "close", ""});
        for (const XmlAttribute& a : attrs) {
          if (a.name == "ctype" || (a.name.find(':') != std::string::npos && a.name.rfind("xml:", 0) != 0)) {
            kept.push_back(a);
          }
        }
        attrs = std::move(kept);
      }
      c.kind = CodeKind::kStandalone;
      c.attributes = ToCodeAttributes(attrs);
    }
    if (xliff2 && !annotation && c.element != kRawInlineElement) {
      // A "no" that lost the code it followed starts its own sequence.
      XmlAttributes attrs = FromCodeAttributes(c.attributes);
      std::string reorder(AttributeValue(attrs, "canReorder"));
      if (reorder.empty()) reorder = "yes";
      if (reorder == "no" && previous_reorder == "yes") {
        SetAttribute(attrs, "canReorder", "firstNo");
        c.attributes = ToCodeAttributes(attrs);
        reorder = "firstNo";
      }
      previous_reorder = reorder;
    }
    out.codes.push_back(std::move(c));
  }
  return out;
}

Result<std::string> WriteXliff(const XliffDocument& document, const XliffWriteOptions& options) {
  return Writer(document, options).Run();
}

Status WriteXliffFile(const XliffDocument& document, const std::string& path,
                      const XliffWriteOptions& options) {
  auto text = WriteXliff(document, options);
  if (!text.ok()) return text.error();
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot write", tmp);
    out << *text;
    out.flush();
    if (!out) return IoError("write failed", tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return IoError("cannot replace", path);
  }
  return Status::Ok();
}

}  // namespace lovcen::formats
