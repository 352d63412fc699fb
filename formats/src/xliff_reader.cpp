// XLIFF 1.x and 2.x into the XliffDocument model. The file is parsed into a
// small tree first (xliff_dom.h) because keeping unknown content means
// writing subtrees back as XML, and because 2.x inline codes point forward
// and backward into <originalData>.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "lovcen/formats/xliff.h"
#include "xliff_dom.h"

namespace lovcen::formats {
namespace {

using dom::Element;
using dom::Node;

bool IsXliffNamespace12(std::string_view uri) {
  return uri.empty() || uri.rfind("urn:oasis:names:tc:xliff:document:1.", 0) == 0;
}

struct Context {
  XliffVersion version = XliffVersion::k12;
  std::string ns;  // the XLIFF namespace of this document

  bool IsXliff(const Element& e) const { return e.uri == ns; }
  bool Is(const Element& e, std::string_view local) const { return e.uri == ns && e.local == local; }

  // A fresh scope as the writer will have it: the XLIFF namespace is the default.
  dom::NamespaceScope Scope() const {
    dom::NamespaceScope scope;
    scope.Bind("", ns);
    return scope;
  }
  RawXml Raw(const Element& e) const {
    dom::NamespaceScope scope = Scope();
    RawXml raw;
    dom::Serialize(e, scope, raw.xml);
    return raw;
  }
  std::string Content(const Element& e) const {
    dom::NamespaceScope scope = Scope();
    std::string out;
    dom::SerializeContent(e, scope, out);
    return out;
  }
};

// The attributes of `e` except the named unprefixed ones (and except a
// default-namespace declaration, which the writer makes itself).
XmlAttributes OtherAttributes(const Element& e, std::initializer_list<std::string_view> typed = {}) {
  XmlAttributes out;
  for (const dom::Attribute& a : e.attributes) {
    if (a.qname == "xmlns") continue;
    if (a.uri.empty() &&
        std::find(typed.begin(), typed.end(), std::string_view(a.local)) != typed.end()) {
      continue;
    }
    out.push_back({a.qname, a.value, a.uri});
  }
  return out;
}

XmlAttributes AllAttributes(const Element& e) { return OtherAttributes(e, {}); }

std::string Get(const Element& e, std::string_view local) { return std::string(e.Value(local)); }

// The code point a <cp hex> names, when it is one (not a surrogate).
std::optional<char32_t> CodePoint(std::string_view hex) {
  if (hex.empty() || hex.size() > 6) return std::nullopt;
  char32_t value = 0;
  for (char c : hex) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    value = value * 16 + static_cast<char32_t>(digit);
  }
  if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
  return value;
}

// A piece of inline content: a 1.2 seg <mrk> (segment) or what lies between.
struct Piece {
  bool segment = false;
  std::string mid;
  XmlAttributes attributes;
  Segment content;
};

class InlineReader {
 public:
  InlineReader(const Context& ctx, const std::vector<XliffData>* data) : ctx_(ctx), data_(data) {}

  // Reads the content of `e` as one segment.
  Segment ReadOne(const Element& e) {
    pieces_.clear();
    split_ = false;
    Walk(e);
    Segment out;
    if (!pieces_.empty()) out = std::move(pieces_.front().content);
    return out;
  }

  // Reads the content of `e`, starting a new piece at each seg <mrk>.
  std::vector<Piece> ReadPieces(const Element& e) {
    pieces_.clear();
    split_ = true;
    Walk(e);
    return std::move(pieces_);
  }

 private:
  Segment& Current() {
    if (pieces_.empty() || (pieces_.back().segment && closed_)) {
      pieces_.emplace_back();
      closed_ = false;
    }
    return pieces_.back().content;
  }

  void AddCode(CodeKind kind, std::string id, const Element& e, XmlAttributes attributes,
               std::string native) {
    Segment& seg = Current();
    InlineCode code;
    code.kind = kind;
    code.offset = seg.text.size();
    code.id = std::move(id);
    code.element = e.local;
    code.attributes = ToCodeAttributes(attributes);
    code.native = std::move(native);
    seg.codes.push_back(std::move(code));
  }

  void AddRaw(const Element& e) {
    Segment& seg = Current();
    InlineCode code;
    code.kind = CodeKind::kStandalone;
    code.offset = seg.text.size();
    code.element = std::string(kRawInlineElement);
    code.native = ctx_.Raw(e).xml;
    seg.codes.push_back(std::move(code));
  }

  std::string Data(std::string_view id) const {
    if (data_ == nullptr || id.empty()) return {};
    // Native code is stored as XML content, as for 1.2 and TMX codes.
    for (const XliffData& d : *data_) {
      if (d.id == id) return EscapeText(d.content);
    }
    return {};
  }

  void Walk(const Element& e) {
    for (const Node& n : e.children) {
      if (n.kind == Node::Kind::kText) {
        Current().text += n.text;
      } else if (n.kind == Node::Kind::kElement) {
        if (IsXliff2(ctx_.version)) {
          Element2(*n.element);
        } else {
          Element12(*n.element);
        }
      }
      // Comments and processing instructions inside content are dropped.
    }
  }

  void Element12(const Element& e) {
    if (!ctx_.IsXliff(e)) return AddRaw(e);
    const std::string& name = e.local;
    if (name == "mrk" && split_ && e.Value("mtype") == "seg") {
      Piece piece;
      piece.segment = true;
      piece.mid = Get(e, "mid");
      piece.attributes = OtherAttributes(e, {"mtype", "mid"});
      pieces_.push_back(std::move(piece));
      closed_ = false;
      Walk(e);
      closed_ = true;
      return;
    }
    // Pairing key: rid, else id; TMX-style i/x when a tool wrote those instead.
    std::string pair_id = e.Has("rid") ? Get(e, "rid") : Get(e, "id");
    if (pair_id.empty()) pair_id = e.Has("i") ? Get(e, "i") : Get(e, "x");
    if (name == "g" || name == "mrk") {
      const std::string id = name == "mrk" ? Get(e, "mid") : Get(e, "id");
      AddCode(CodeKind::kOpen, id, e, AllAttributes(e), {});
      Walk(e);
      AddCode(CodeKind::kClose, id, e, {}, {});
    } else if (name == "x") {
      AddCode(CodeKind::kStandalone, pair_id, e, AllAttributes(e), {});
    } else if (name == "bx") {
      AddCode(CodeKind::kOpen, pair_id, e, AllAttributes(e), {});
    } else if (name == "ex") {
      AddCode(CodeKind::kClose, pair_id, e, AllAttributes(e), {});
    } else if (name == "ph" || name == "it") {
      AddCode(CodeKind::kStandalone, pair_id, e, AllAttributes(e), ctx_.Content(e));
    } else if (name == "bpt") {
      AddCode(CodeKind::kOpen, pair_id, e, AllAttributes(e), ctx_.Content(e));
    } else if (name == "ept") {
      AddCode(CodeKind::kClose, pair_id, e, AllAttributes(e), ctx_.Content(e));
    } else {
      AddRaw(e);
    }
  }

  void Element2(const Element& e) {
    if (!ctx_.IsXliff(e)) return AddRaw(e);
    const std::string& name = e.local;
    if (name == "pc") {
      const std::string id = Get(e, "id");
      AddCode(CodeKind::kOpen, id, e, AllAttributes(e), Data(e.Value("dataRefStart")));
      Walk(e);
      AddCode(CodeKind::kClose, id, e, {}, Data(e.Value("dataRefEnd")));
    } else if (name == "mrk") {
      const std::string id = Get(e, "id");
      AddCode(CodeKind::kOpen, id, e, AllAttributes(e), {});
      Walk(e);
      AddCode(CodeKind::kClose, id, e, {}, {});
    } else if (name == "ph") {
      AddCode(CodeKind::kStandalone, Get(e, "id"), e, AllAttributes(e), Data(e.Value("dataRef")));
    } else if (name == "sc") {
      AddCode(CodeKind::kOpen, Get(e, "id"), e, AllAttributes(e), Data(e.Value("dataRef")));
    } else if (name == "ec") {
      const std::string id = e.Has("startRef") ? Get(e, "startRef") : Get(e, "id");
      AddCode(CodeKind::kClose, id, e, AllAttributes(e), Data(e.Value("dataRef")));
    } else if (name == "sm") {
      AddCode(CodeKind::kOpen, Get(e, "id"), e, AllAttributes(e), {});
    } else if (name == "em") {
      AddCode(CodeKind::kClose, Get(e, "startRef"), e, AllAttributes(e), {});
    } else if (name == "cp" && e.attributes.size() == 1 && e.children.empty()) {
      // A character XML cannot carry; decoded here, written back as <cp>.
      const auto value = CodePoint(e.Value("hex"));
      if (value && !dom::IsXmlChar(*value)) {
        dom::AppendUtf8(*value, Current().text);
      } else {
        AddRaw(e);  // a <cp> for a legal character, or a bad one: keep it as written
      }
    } else {
      AddRaw(e);
    }
  }

  const Context& ctx_;
  const std::vector<XliffData>* data_;
  std::vector<Piece> pieces_;
  bool split_ = false;
  bool closed_ = false;
};

XliffNote ReadNote(const Element& e) {
  XliffNote note;
  note.text = e.AllText();
  note.attributes = AllAttributes(e);
  return note;
}

std::vector<XliffData> ReadOriginalData(const Context& ctx, const Element& e) {
  std::vector<XliffData> out;
  for (const Element* d : e.ElementChildren()) {
    if (!ctx.Is(*d, "data")) continue;
    XliffData data;
    data.id = Get(*d, "id");
    data.attributes = OtherAttributes(*d, {"id"});
    for (const Node& n : d->children) {
      if (n.kind == Node::Kind::kText) {
        data.content += n.text;
      } else if (n.kind == Node::Kind::kElement && ctx.Is(*n.element, "cp")) {
        const auto value = CodePoint(n.element->Value("hex"));
        dom::AppendUtf8(value ? *value : U'\uFFFD', data.content);  // a bad <cp> is the validator's to report
      }
    }
    out.push_back(std::move(data));
  }
  return out;
}

// ---------------------------------------------------------------- XLIFF 1.2

XliffCandidate ReadAltTrans(const Context& ctx, const Element& e) {
  XliffCandidate c;
  c.ref = Get(e, "mid");
  c.origin = Get(e, "origin");
  c.match_quality = Get(e, "match-quality");
  c.type = Get(e, "alttranstype");
  c.attributes = OtherAttributes(e, {"mid", "origin", "match-quality", "alttranstype"});
  InlineReader reader(ctx, nullptr);
  bool seen_content = false;
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "source")) {
      c.source = reader.ReadOne(*child);
      c.source_attributes = AllAttributes(*child);
      seen_content = true;
    } else if (ctx.Is(*child, "target")) {
      c.target = reader.ReadOne(*child);
      c.target_attributes = AllAttributes(*child);
      seen_content = true;
    } else if (ctx.Is(*child, "seg-source")) {
      c.seg_source = ctx.Raw(*child);
      seen_content = true;
    } else {
      c.extensions.push_back(ctx.Raw(*child));
      if (!seen_content) ++c.extensions_before_source;
    }
  }
  return c;
}

// Places the target pieces of a segmented 1.2 unit beside the source parts:
// segments by mid, the text between them into the ignorable part at the same
// place (an empty-source one is added where the source has none).
void AlignTarget(std::vector<Piece> target, XliffUnit& unit) {
  struct Keyed {
    std::pair<long, long> key;
    XliffSegment part;
  };
  std::vector<Keyed> parts;
  for (std::size_t i = 0; i < unit.segments.size(); ++i) {
    parts.push_back({{static_cast<long>(i), 0}, std::move(unit.segments[i])});
  }
  std::vector<std::pair<long, long>> appearance;
  long last = -1;
  long inserted = 0;
  for (Piece& piece : target) {
    if (piece.segment) {
      auto it = std::find_if(parts.begin(), parts.end(), [&](const Keyed& k) {
        return !k.part.ignorable && k.part.id == piece.mid && !k.part.target;
      });
      if (it == parts.end()) {
        Keyed extra;
        extra.key = {static_cast<long>(unit.segments.size()) + (++inserted), 0};
        extra.part.id = piece.mid;
        parts.push_back(std::move(extra));
        it = parts.end() - 1;
      }
      it->part.target = std::move(piece.content);
      it->part.target_attributes = std::move(piece.attributes);
      appearance.push_back(it->key);
      last = it->key.first;
      continue;
    }
    // Text between target segments: the source ignorable right after `last`.
    auto it = std::find_if(parts.begin(), parts.end(), [&](const Keyed& k) {
      return k.key.first == last + 1 && k.key.second == 0 && k.part.ignorable && !k.part.target;
    });
    if (it == parts.end()) {
      Keyed extra;
      extra.key = {last, ++inserted};
      extra.part.ignorable = true;
      parts.push_back(std::move(extra));
      it = parts.end() - 1;
    }
    it->part.target = std::move(piece.content);
    appearance.push_back(it->key);
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  unit.segments.clear();
  std::map<std::pair<long, long>, std::size_t> index;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    index[parts[i].key] = i;
    unit.segments.push_back(std::move(parts[i].part));
  }
  std::vector<std::size_t> order;
  for (const auto& key : appearance) order.push_back(index[key]);
  if (!std::is_sorted(order.begin(), order.end())) unit.target_order = std::move(order);
}

XliffUnit ReadTransUnit(const Context& ctx, const Element& e) {
  XliffUnit unit;
  unit.id = Get(e, "id");
  unit.translate = Get(e, "translate");
  unit.approved = Get(e, "approved");
  unit.attributes = OtherAttributes(e, {"id", "translate", "approved"});
  unit.line = e.line;
  InlineReader reader(ctx, nullptr);
  const Element* source = nullptr;
  const Element* seg_source = nullptr;
  const Element* target = nullptr;
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "source") && source == nullptr) {
      source = child;
    } else if (ctx.Is(*child, "seg-source") && seg_source == nullptr) {
      seg_source = child;
    } else if (ctx.Is(*child, "target") && target == nullptr) {
      target = child;
    } else if (ctx.Is(*child, "note")) {
      unit.notes.push_back(ReadNote(*child));
      unit.layout.push_back(XliffChild::kNote);
    } else if (ctx.Is(*child, "alt-trans")) {
      unit.candidates.push_back(ReadAltTrans(ctx, *child));
      unit.layout.push_back(XliffChild::kCandidate);
    } else {
      unit.extensions.push_back(ctx.Raw(*child));
      unit.layout.push_back(XliffChild::kExtension);
    }
  }
  const std::string state = target ? Get(*target, "state") : std::string();
  const std::string qualifier = target ? Get(*target, "state-qualifier") : std::string();
  if (seg_source == nullptr) {
    XliffSegment seg;
    if (source != nullptr) {
      seg.source = reader.ReadOne(*source);
      seg.source_attributes = AllAttributes(*source);
    }
    if (target != nullptr) {
      seg.target = reader.ReadOne(*target);
      seg.target_attributes = OtherAttributes(*target, {"state", "state-qualifier"});
      seg.state = state;
      seg.sub_state = qualifier;
    }
    unit.segments.push_back(std::move(seg));
    return unit;
  }
  unit.segmented = true;
  if (source != nullptr) {
    unit.full_source = reader.ReadOne(*source);
    unit.source_attributes = AllAttributes(*source);
  }
  unit.seg_source_attributes = AllAttributes(*seg_source);
  for (Piece& piece : reader.ReadPieces(*seg_source)) {
    XliffSegment seg;
    seg.ignorable = !piece.segment;
    seg.id = piece.mid;
    seg.attributes = std::move(piece.attributes);
    seg.source = std::move(piece.content);
    unit.segments.push_back(std::move(seg));
  }
  if (target != nullptr) {
    unit.has_target = true;
    unit.target_attributes = OtherAttributes(*target, {"state", "state-qualifier"});
    AlignTarget(reader.ReadPieces(*target), unit);
    for (XliffSegment& seg : unit.segments) {
      if (!seg.target) continue;
      seg.state = state;
      seg.sub_state = qualifier;
    }
  }
  return unit;
}

void ReadItems12(const Context& ctx, const Element& container, std::vector<XliffItem>& items);

XliffGroup ReadGroup12(const Context& ctx, const Element& e) {
  XliffGroup group;
  group.id = Get(e, "id");
  group.translate = Get(e, "translate");
  group.attributes = OtherAttributes(e, {"id", "translate"});
  for (const Node& n : e.children) {
    if (n.kind != Node::Kind::kElement) continue;
    const Element& child = *n.element;
    if (ctx.Is(child, "group") || ctx.Is(child, "trans-unit") || ctx.Is(child, "bin-unit")) {
      continue;  // read below, in order
    }
    if (ctx.Is(child, "note")) {
      group.notes.push_back(ReadNote(child));
      group.layout.push_back(XliffChild::kNote);
    } else {
      group.extensions.push_back(ctx.Raw(child));
      group.layout.push_back(XliffChild::kExtension);
    }
  }
  ReadItems12(ctx, e, group.items);
  return group;
}

void ReadItems12(const Context& ctx, const Element& container, std::vector<XliffItem>& items) {
  for (const Node& n : container.children) {
    if (n.kind == Node::Kind::kComment || n.kind == Node::Kind::kProcessingInstruction) {
      items.push_back({RawXml{dom::SerializeMisc(n)}});
      continue;
    }
    if (n.kind != Node::Kind::kElement) continue;
    const Element& child = *n.element;
    if (ctx.Is(child, "trans-unit")) {
      items.push_back({ReadTransUnit(ctx, child)});
    } else if (ctx.Is(child, "group")) {
      items.push_back({ReadGroup12(ctx, child)});
    } else if (ctx.Is(child, "bin-unit") || !ctx.Is(container, "group")) {
      items.push_back({ctx.Raw(child)});  // a group's other children were read as its prefix
    }
  }
}

XliffFile ReadFile12(const Context& ctx, const Element& e) {
  XliffFile file;
  file.original = Get(e, "original");
  file.source_language = Get(e, "source-language");
  file.target_language = Get(e, "target-language");
  file.datatype = Get(e, "datatype");
  file.attributes =
      OtherAttributes(e, {"original", "source-language", "target-language", "datatype"});
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "body")) {
      file.body_attributes = AllAttributes(*child);
      ReadItems12(ctx, *child, file.items);
    } else {
      file.extensions.push_back(ctx.Raw(*child));
    }
  }
  return file;
}

// ---------------------------------------------------------------- XLIFF 2.x

XliffSegment ReadPart2(const Context& ctx, const Element& e, const std::vector<XliffData>& data) {
  XliffSegment seg;
  seg.ignorable = e.local == "ignorable";
  seg.id = Get(e, "id");
  seg.state = Get(e, "state");
  seg.sub_state = Get(e, "subState");
  seg.attributes = OtherAttributes(e, {"id", "state", "subState"});
  InlineReader reader(ctx, &data);
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "source")) {
      seg.source = reader.ReadOne(*child);
      seg.source_attributes = AllAttributes(*child);
    } else if (ctx.Is(*child, "target")) {
      seg.target = reader.ReadOne(*child);
      seg.target_attributes = AllAttributes(*child);
    }
  }
  return seg;
}

XliffCandidate ReadMatch(const Context& ctx, const Element& e) {
  XliffCandidate c;
  c.id = Get(e, "id");
  c.ref = Get(e, "ref");
  c.origin = Get(e, "origin");
  c.match_quality = Get(e, "matchQuality");
  c.similarity = Get(e, "similarity");
  c.type = Get(e, "type");
  c.attributes = OtherAttributes(e, {"id", "ref", "origin", "matchQuality", "similarity", "type"});
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "originalData")) c.original_data = ReadOriginalData(ctx, *child);
  }
  InlineReader reader(ctx, &c.original_data);
  bool seen_content = false;
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "originalData")) {
      seen_content = true;  // written just before <source>
    } else if (ctx.Is(*child, "source")) {
      c.source = reader.ReadOne(*child);
      c.source_attributes = AllAttributes(*child);
      seen_content = true;
    } else if (ctx.Is(*child, "target")) {
      c.target = reader.ReadOne(*child);
      c.target_attributes = AllAttributes(*child);
      seen_content = true;
    } else {
      c.extensions.push_back(ctx.Raw(*child));
      if (!seen_content) ++c.extensions_before_source;
    }
  }
  return c;
}

void ReadNotes2(const Context& ctx, const Element& notes, std::vector<XliffNote>& out,
                XmlAttributes& attributes) {
  attributes = AllAttributes(notes);
  for (const Element* n : notes.ElementChildren()) {
    if (ctx.Is(*n, "note")) out.push_back(ReadNote(*n));
  }
}

XliffUnit ReadUnit2(const Context& ctx, const Element& e) {
  XliffUnit unit;
  unit.id = Get(e, "id");
  unit.translate = Get(e, "translate");
  unit.attributes = OtherAttributes(e, {"id", "translate"});
  unit.line = e.line;
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "originalData")) unit.original_data = ReadOriginalData(ctx, *child);
  }
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "segment") || ctx.Is(*child, "ignorable")) {
      unit.segments.push_back(ReadPart2(ctx, *child, unit.original_data));
    } else if (ctx.Is(*child, "notes")) {
      ReadNotes2(ctx, *child, unit.notes, unit.notes_attributes);
    } else if (ctx.Is(*child, "originalData")) {
      continue;
    } else if (child->uri == kXliffMatchesNamespace && child->local == "matches" &&
               std::find(unit.layout.begin(), unit.layout.end(), XliffChild::kCandidate) ==
                   unit.layout.end()) {
      unit.matches_attributes = OtherAttributes(*child);
      for (const Element* m : child->ElementChildren()) {
        if (m->uri == kXliffMatchesNamespace && m->local == "match") {
          unit.candidates.push_back(ReadMatch(ctx, *m));
        }
      }
      unit.layout.push_back(XliffChild::kCandidate);
    } else {
      unit.extensions.push_back(ctx.Raw(*child));
      unit.layout.push_back(XliffChild::kExtension);
    }
  }
  return unit;
}

void ReadItems2(const Context& ctx, const Element& container, std::vector<XliffItem>& items);

XliffGroup ReadGroup2(const Context& ctx, const Element& e) {
  XliffGroup group;
  group.id = Get(e, "id");
  group.translate = Get(e, "translate");
  group.attributes = OtherAttributes(e, {"id", "translate"});
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "notes")) {
      ReadNotes2(ctx, *child, group.notes, group.notes_attributes);
    } else if (!ctx.Is(*child, "unit") && !ctx.Is(*child, "group")) {
      group.extensions.push_back(ctx.Raw(*child));
    }
  }
  ReadItems2(ctx, e, group.items);
  return group;
}

void ReadItems2(const Context& ctx, const Element& container, std::vector<XliffItem>& items) {
  for (const Element* child : container.ElementChildren()) {
    if (ctx.Is(*child, "unit")) {
      items.push_back({ReadUnit2(ctx, *child)});
    } else if (ctx.Is(*child, "group")) {
      items.push_back({ReadGroup2(ctx, *child)});
    }
  }
}

XliffFile ReadFile2(const Context& ctx, const Element& e) {
  XliffFile file;
  file.id = Get(e, "id");
  file.original = Get(e, "original");
  file.translate = Get(e, "translate");
  file.attributes = OtherAttributes(e, {"id", "original", "translate"});
  for (const Element* child : e.ElementChildren()) {
    if (ctx.Is(*child, "notes")) {
      ReadNotes2(ctx, *child, file.notes, file.notes_attributes);
    } else if (!ctx.Is(*child, "unit") && !ctx.Is(*child, "group")) {
      file.extensions.push_back(ctx.Raw(*child));
    }
  }
  ReadItems2(ctx, e, file.items);
  return file;
}

Error At(const XmlInput& input, const Element& e, std::string message) {
  Error error = BadInput(std::move(message));
  error.file = input.path.empty() ? input.name : input.path;
  error.line = e.line;
  error.column = e.column;
  return error;
}

}  // namespace

Result<XliffDocument> ReadXliff(const XmlInput& input, const XliffReadOptions& options) {
  auto parsed = dom::Parse(input, options.limits);
  if (!parsed.ok()) return parsed.error();
  const Element& root = *parsed->root;
  if (root.local != "xliff") {
    return At(input, root,
              "not an XLIFF document: the root element is <" + root.qname + ">, not <xliff>");
  }
  XliffDocument doc;
  Context ctx;
  ctx.ns = root.uri;
  doc.namespace_uri = root.uri;
  doc.no_namespace = root.uri.empty();
  doc.version_text = Get(root, "version");
  const std::string version = *doc.version_text;
  if (IsXliffNamespace12(root.uri)) {
    ctx.version = XliffVersion::k12;
  } else if (root.uri == kXliff20Namespace) {
    ctx.version = version == "2.1" ? XliffVersion::k21 : XliffVersion::k20;
    if (!version.empty() && version != "2.0" && version != "2.1") {
      return At(input, root, "XLIFF version '" + version + "' is not 2.0 or 2.1");
    }
  } else if (root.uri == kXliff22Namespace) {
    ctx.version = XliffVersion::k22;
  } else {
    return At(input, root, "unknown XLIFF namespace '" + root.uri + "'");
  }
  doc.version = ctx.version;
  if (ctx.version == XliffVersion::k12) {
    doc.attributes = OtherAttributes(root, {"version"});
    for (const Element* child : root.ElementChildren()) {
      if (ctx.Is(*child, "file")) doc.files.push_back(ReadFile12(ctx, *child));
    }
    if (!doc.files.empty()) {
      doc.source_language = doc.files.front().source_language;
      doc.target_language = doc.files.front().target_language;
    }
  } else {
    doc.source_language = Get(root, "srcLang");
    doc.target_language = Get(root, "trgLang");
    doc.attributes = OtherAttributes(root, {"version", "srcLang", "trgLang"});
    for (const Element* child : root.ElementChildren()) {
      if (!ctx.Is(*child, "file")) continue;
      XliffFile file = ReadFile2(ctx, *child);
      file.source_language = doc.source_language;
      file.target_language = doc.target_language;
      doc.files.push_back(std::move(file));
    }
  }
  return doc;
}

Result<XliffDocument> ReadXliffFile(const std::string& path, const XliffReadOptions& options) {
  XmlInput input;
  input.path = path;
  return ReadXliff(input, options);
}

}  // namespace lovcen::formats
