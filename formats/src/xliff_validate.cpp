// `lovcen validate`: the entry points, shared checks (language tags,
// NMTOKENs) and the XLIFF 1.2 rules. XLIFF 2.x rules live in
// xliff_validate2.cpp, TMX rules in tmx_validate.cpp.
#include "lovcen/formats/validate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "xliff_validate_internal.h"

namespace lovcen::formats {

std::string Finding::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": " + rule + ": " + message;
  return out;
}

namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
bool AllOf(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

std::vector<std::string_view> SplitDash(std::string_view tag) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = tag.find('-', start);
    parts.push_back(tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return parts;
}

}  // namespace

bool IsWellFormedLanguageTag(std::string_view tag) {
  if (tag.empty()) return false;
  static const std::set<std::string, std::less<>> kGrandfathered = {
      "en-gb-oed", "i-ami",     "i-bnn",      "i-default", "i-enochian", "i-hak",
      "i-klingon", "i-lux",     "i-mingo",    "i-navajo",  "i-pwn",      "i-tao",
      "i-tay",     "i-tsu",     "sgn-be-fr",  "sgn-be-nl", "sgn-ch-de",  "art-lojban",
      "cel-gaulish", "no-bok",  "no-nyn",     "zh-guoyu",  "zh-hakka",   "zh-min",
      "zh-min-nan", "zh-xiang"};
  std::string lower(tag);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (kGrandfathered.count(lower) > 0) return true;
  const auto parts = SplitDash(tag);
  for (std::string_view p : parts) {
    if (p.empty() || p.size() > 8 || !AllOf(p, IsAlnum)) return false;
  }
  std::size_t i = 0;
  auto privateuse = [&](std::size_t from) {
    if (from + 1 >= parts.size()) return false;  // "x" needs at least one subtag
    for (std::size_t k = from + 1; k < parts.size(); ++k) {
      if (parts[k].size() > 8) return false;
    }
    return true;
  };
  if (parts[0] == "x" || parts[0] == "X") return privateuse(0);
  // language
  const std::string_view lang = parts[i];
  if (!AllOf(lang, IsAlpha) || lang.size() < 2) return false;
  ++i;
  if (lang.size() <= 3) {
    int extlangs = 0;
    while (i < parts.size() && parts[i].size() == 3 && AllOf(parts[i], IsAlpha) && extlangs < 3) {
      ++i;
      ++extlangs;
    }
  }
  if (i < parts.size() && parts[i].size() == 4 && AllOf(parts[i], IsAlpha)) ++i;  // script
  if (i < parts.size() && ((parts[i].size() == 2 && AllOf(parts[i], IsAlpha)) ||
                           (parts[i].size() == 3 && AllOf(parts[i], IsDigit)))) {
    ++i;  // region
  }
  while (i < parts.size() && ((parts[i].size() >= 5 && parts[i].size() <= 8) ||
                              (parts[i].size() == 4 && IsDigit(parts[i][0])))) {
    ++i;  // variants
  }
  std::set<char> singletons;
  while (i < parts.size() && parts[i].size() == 1 && parts[i] != "x" && parts[i] != "X") {
    const char s = static_cast<char>(std::tolower(static_cast<unsigned char>(parts[i][0])));
    if (!singletons.insert(s).second) return false;
    ++i;
    std::size_t n = 0;
    while (i < parts.size() && parts[i].size() >= 2) {
      ++i;
      ++n;
    }
    if (n == 0) return false;
  }
  if (i < parts.size() && (parts[i] == "x" || parts[i] == "X")) return privateuse(i);
  return i == parts.size();
}

namespace validation {

bool IsNmToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) continue;  // non-ASCII name characters: not checked further
    if (!(IsAlnum(c) || c == '.' || c == '-' || c == '_' || c == ':')) return false;
  }
  return true;
}

bool IsNmTokens(std::string_view text) {
  bool any = false;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find_first_of(" \t\r\n", start);
    const std::string_view token = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!token.empty()) {
      if (!IsNmToken(token)) return false;
      any = true;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return any;
}

bool IsNonNegativeInteger(std::string_view text) { return AllOf(text, IsDigit); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- XLIFF 1.2

namespace {

using dom::Element;

const std::set<std::string_view>& States12() {
  static const std::set<std::string_view> s = {
      "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
      "needs-review-translation", "needs-translation", "new", "signed-off", "translated"};
  return s;
}

const std::set<std::string_view>& Qualifiers12() {
  static const std::set<std::string_view> s = {
      "exact-match",  "fuzzy-match",      "id-match",          "leveraged-glossary",
      "leveraged-inherited", "leveraged-mt", "leveraged-repository", "leveraged-tm",
      "mt-suggestion", "rejected-grammar", "rejected-inaccurate", "rejected-length",
      "rejected-spelling", "tm-suggestion"};
  return s;
}

const std::set<std::string_view>& Datatypes12() {
  static const std::set<std::string_view> s = {
      "asp", "c", "cdf", "cfm", "cpp", "csharp", "cstring", "csv", "database", "documentfooter",
      "documentheader", "filedialog", "form", "html", "htmlbody", "ini", "interleaf", "javaclass",
      "javapropertyresourcebundle", "javalistresourcebundle", "javascript", "jscript", "layout",
      "lisp", "margin", "menufile", "messagefile", "mif", "mimetype", "mo", "msglib", "pagefooter",
      "pageheader", "parameters", "pascal", "php", "plaintext", "po", "report", "resources", "resx",
      "rtf", "sgml", "sgmldtd", "svg", "vbscript", "warning", "winres", "xhtml", "xml", "xmldtd",
      "xsl", "xul"};
  return s;
}

const std::set<std::string_view>& MarkerTypes12() {
  static const std::set<std::string_view> s = {
      "abbrev", "abbreviated-form", "abbreviation", "acronym", "appellation", "collocation",
      "common-name", "datetime", "equation", "expanded-form", "formula", "head-term", "initialism",
      "international-scientific-term", "internationalism", "logical-expression",
      "materials-management-unit", "name", "near-synonym", "part-number", "phrase",
      "phraseological-unit", "protected", "romanized-form", "seg", "set-phrase", "short-form", "sku",
      "standard-text", "symbol", "synonym", "synonymous-phrase", "term", "transcribed-form",
      "transliterated-form", "truncated-term", "variant"};
  return s;
}

bool ListedOrCustom(const std::set<std::string_view>& list, std::string_view value) {
  return list.count(value) > 0 || (value.size() > 2 && value.rfind("x-", 0) == 0);
}

class Xliff12 {
 public:
  Xliff12(const Element& root, Findings& f) : root_(root), f_(f), ns_(root.uri) {}

  void Run() {
    Attributes(root_);
    const std::string_view version = root_.Value("version");
    if (version.empty()) {
      f_.Add(root_, "xliff12.xliff.version", "<xliff> needs a version attribute");
    } else if (version != "1.2" && version != "1.1" && version != "1.0") {
      f_.Add(root_, "xliff12.xliff.version", "version '" + std::string(version) + "' is not 1.2");
    }
    int files = 0;
    for (const Element* e : root_.ElementChildren()) {
      if (Is(*e, "file")) {
        ++files;
        File(*e);
      } else if (e->uri == ns_) {
        Unexpected(*e, "xliff");
      }
    }
    if (files == 0) f_.Add(root_, "xliff12.xliff.file-required", "<xliff> has no <file>");
  }

 private:
  bool Is(const Element& e, std::string_view local) const { return e.uri == ns_ && e.local == local; }

  void Unexpected(const Element& e, std::string_view parent) {
    f_.Add(e, "xliff12.content", "<" + e.local + "> is not allowed in <" + std::string(parent) + ">");
  }

  void Required(const Element& e, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) {
      if (!e.Has(n)) {
        f_.Add(e, "xliff12." + e.local + ".required",
               "<" + e.local + "> needs the attribute " + std::string(n));
      }
    }
  }

  void YesNo(const Element& e, std::string_view name) {
    if (const dom::Attribute* a = e.Find(name); a && a->value != "yes" && a->value != "no") {
      f_.Add(e, "xliff12.yes-no", std::string(name) + "='" + a->value + "' must be yes or no");
    }
  }

  // Unprefixed attributes must be the element's own (the transitional
  // schema's lists); attributes of other namespaces are extensions.
  void Attributes(const Element& e) {
    static const std::map<std::string, std::set<std::string_view>, std::less<>> kAllowed = {
        {"xliff", {"version"}},
        {"file", {"build-num", "category", "datatype", "date", "original", "product-name",
                  "product-version", "source-language", "target-language", "tool", "tool-id", "ts"}},
        {"body", {}},
        {"group", {"charclass", "coord", "css-style", "datatype", "exstyle", "extradata", "extype",
                   "font", "help-id", "id", "maxbytes", "maxheight", "maxwidth", "menu", "menu-name",
                   "menu-option", "merged-trans", "minbytes", "minheight", "minwidth", "reformat",
                   "resname", "restype", "size-unit", "style", "translate", "ts"}},
        {"trans-unit", {"approved", "charclass", "coord", "css-style", "datatype", "exstyle",
                        "extradata", "extype", "font", "help-id", "id", "maxbytes", "maxheight",
                        "maxwidth", "menu", "menu-name", "menu-option", "merged-trans", "minbytes",
                        "minheight", "minwidth", "phase-name", "reformat", "resname", "restype",
                        "size-unit", "style", "translate", "ts"}},
        {"source", {"ts"}},
        {"seg-source", {"ts"}},
        {"target", {"coord", "css-style", "equiv-trans", "exstyle", "font", "phase-name", "resname",
                    "restype", "state", "state-qualifier", "style", "ts"}},
        {"note", {"annotates", "from", "priority"}},
        {"alt-trans", {"alttranstype", "coord", "crc", "css-style", "datatype", "exstyle", "extradata",
                       "extype", "font", "help-id", "match-quality", "menu", "menu-name", "menu-option",
                       "mid", "origin", "phase-name", "resname", "restype", "style", "tool", "tool-id",
                       "ts"}},
        {"bin-unit", {"approved", "id", "mime-type", "phase-name", "reformat", "resname", "restype",
                      "translate", "ts"}},
    };
    auto it = kAllowed.find(e.local);
    if (it == kAllowed.end()) return;
    for (const dom::Attribute& a : e.attributes) {
      if (!a.uri.empty() || a.is_namespace_declaration()) continue;
      if (it->second.count(a.local) == 0) {
        f_.Add(e, "xliff12." + e.local + ".attribute",
               "attribute '" + a.qname + "' is not allowed on <" + e.local + ">");
      }
    }
  }

  void Language(const Element& e, const dom::Attribute* a) {
    if (a != nullptr && !IsWellFormedLanguageTag(a->value)) {
      f_.Add(e, "xliff12.language-tag", a->qname + "='" + a->value + "' is not a BCP 47 language tag");
    }
  }

  void Space(const Element& e) {
    const dom::Attribute* a = e.Find("space", dom::kXmlNamespace);
    if (a && a->value != "default" && a->value != "preserve") {
      f_.Add(e, "xliff12.xml-space", "xml:space='" + a->value + "' must be default or preserve");
    }
  }

  void File(const Element& file) {
    Attributes(file);
    Required(file, {"original", "source-language", "datatype"});
    Language(file, file.Find("source-language"));
    Language(file, file.Find("target-language"));
    source_language_ = std::string(file.Value("source-language"));
    target_language_ = std::string(file.Value("target-language"));
    if (file.Has("datatype") && !ListedOrCustom(Datatypes12(), file.Value("datatype"))) {
      f_.Add(file, "xliff12.file.datatype",
             "datatype '" + std::string(file.Value("datatype")) + "' is not an XLIFF 1.2 value or x-...");
    }
    Space(file);
    unit_ids_.clear();
    group_ids_.clear();
    xids_.clear();
    int bodies = 0;
    bool seen_body = false;
    for (const Element* e : file.ElementChildren()) {
      if (Is(*e, "header")) {
        if (seen_body) f_.Add(*e, "xliff12.file.order", "<header> must come before <body>");
      } else if (Is(*e, "body")) {
        Attributes(*e);
        ++bodies;
        seen_body = true;
        Items(*e);
      } else if (e->uri == ns_) {
        Unexpected(*e, "file");
      }
    }
    if (bodies != 1) f_.Add(file, "xliff12.file.body", "<file> needs exactly one <body>");
    for (const auto& [xid, where] : xids_) {
      if (unit_ids_.count(xid) == 0) {
        f_.Add(*where, "xliff12.xid", "xid '" + xid + "' names no trans-unit or bin-unit of the file");
      }
    }
  }

  void Items(const Element& container) {
    bool seen_item = false;
    for (const Element* e : container.ElementChildren()) {
      if (Is(*e, "trans-unit")) {
        seen_item = true;
        TransUnit(*e);
      } else if (Is(*e, "bin-unit")) {
        seen_item = true;
        Attributes(*e);
        Required(*e, {"id", "mime-type"});
        UnitId(*e);
      } else if (Is(*e, "group")) {
        seen_item = true;
        Group(*e);
      } else if (Is(container, "group") && !seen_item &&
                 (Is(*e, "header") || Is(*e, "note") || Is(*e, "context-group") ||
                  Is(*e, "count-group") || Is(*e, "prop-group"))) {
        if (Is(*e, "note")) Note(*e);
      } else if (e->uri == ns_) {
        Unexpected(*e, container.local);
      }
    }
  }

  void UnitId(const Element& e) {
    const std::string id(e.Value("id"));
    if (id.empty()) return;
    if (!unit_ids_.insert(id).second) {
      f_.Add(e, "xliff12.unit.id-unique", "unit id '" + id + "' is used twice in this file");
    }
  }

  void Group(const Element& g) {
    Attributes(g);
    if (const std::string id(g.Value("id")); !id.empty() && !group_ids_.insert(id).second) {
      f_.Add(g, "xliff12.group.id-unique", "group id '" + id + "' is used twice in this file");
    }
    YesNo(g, "translate");
    Space(g);
    Items(g);
  }

  void Note(const Element& n) {
    Attributes(n);
    if (const dom::Attribute* p = n.Find("priority")) {
      const bool ok = IsNonNegativeInteger(p->value) && p->value.size() <= 2 &&
                      std::stoi(p->value) >= 1 && std::stoi(p->value) <= 10;
      if (!ok) f_.Add(n, "xliff12.note.priority", "priority '" + p->value + "' must be 1 to 10");
    }
    if (const dom::Attribute* a = n.Find("annotates");
        a && a->value != "source" && a->value != "target" && a->value != "general") {
      f_.Add(n, "xliff12.note.annotates", "annotates='" + a->value + "' must be source, target or general");
    }
    for (const Element* c : n.ElementChildren()) {
      f_.Add(*c, "xliff12.note.content", "<note> holds text only, not <" + c->local + ">");
    }
  }

  void TransUnit(const Element& u) {
    Attributes(u);
    Required(u, {"id"});
    UnitId(u);
    YesNo(u, "translate");
    YesNo(u, "approved");
    Space(u);
    const Element* source = nullptr;
    const Element* seg_source = nullptr;
    const Element* target = nullptr;
    int position = 0;
    for (const Element* e : u.ElementChildren()) {
      ++position;
      if (Is(*e, "source")) {
        if (source) f_.Add(*e, "xliff12.trans-unit.source-once", "a <trans-unit> has one <source>");
        if (position != 1) f_.Add(*e, "xliff12.trans-unit.order", "<source> must come first");
        source = e;
        Attributes(*e);
        Language(*e, e->Find("lang", dom::kXmlNamespace));
        LanguageMatches(*e, source_language_, "source-language");
        Inline(*e, false);
      } else if (Is(*e, "seg-source")) {
        if (seg_source || !source || target) {
          f_.Add(*e, "xliff12.trans-unit.order", "<seg-source> comes once, after <source>, before <target>");
        }
        seg_source = e;
        Attributes(*e);
        Inline(*e, true);
      } else if (Is(*e, "target")) {
        if (target || !source) {
          f_.Add(*e, "xliff12.trans-unit.order", "<target> comes once, after <source>");
        }
        target = e;
        Target(*e);
      } else if (Is(*e, "note")) {
        Note(*e);
      } else if (Is(*e, "alt-trans")) {
        AltTrans(*e);
      } else if (Is(*e, "context-group") || Is(*e, "count-group") || Is(*e, "prop-group")) {
        continue;
      } else if (e->uri == ns_) {
        Unexpected(*e, "trans-unit");
      }
    }
    if (!source) f_.Add(u, "xliff12.trans-unit.source-required", "<trans-unit> has no <source>");
    // Segment markers: unique in <seg-source>, and the target's name existing ones.
    std::set<std::string> mids;
    if (seg_source) {
      for (const Element* m : SegMarkers(*seg_source)) {
        const std::string mid(m->Value("mid"));
        if (mid.empty()) {
          f_.Add(*m, "xliff12.mrk.mid-required", "a segment <mrk> needs a mid");
        } else if (!mids.insert(mid).second) {
          f_.Add(*m, "xliff12.seg-source.mid-unique", "segment mid '" + mid + "' is used twice");
        }
      }
    }
    auto check_mid = [&](const Element& e, const std::string& what) {
      const std::string mid(e.Value("mid"));
      if (!mid.empty() && mids.count(mid) == 0) {
        f_.Add(e, "xliff12.mid-reference",
               what + " mid '" + mid + "' names no segment of the <seg-source>");
      }
    };
    if (target) {
      for (const Element* m : target->ElementChildren()) {
        if (Is(*m, "mrk")) check_mid(*m, "target <mrk>");
      }
    }
    for (const Element* e : u.ElementChildren()) {
      if (Is(*e, "alt-trans")) check_mid(*e, "<alt-trans>");
    }
  }

  std::vector<const Element*> SegMarkers(const Element& e) {
    std::vector<const Element*> out;
    for (const Element* c : e.ElementChildren()) {
      if (Is(*c, "mrk") && c->Value("mtype") == "seg") out.push_back(c);
    }
    return out;
  }

  void LanguageMatches(const Element& e, const std::string& expected, std::string_view attr) {
    const dom::Attribute* lang = e.Find("lang", dom::kXmlNamespace);
    if (lang && !expected.empty() && !EqualsIgnoreCase(lang->value, expected)) {
      f_.Add(e, "xliff12.language-mismatch",
             "<" + e.local + " xml:lang='" + lang->value + "'> differs from the file's " +
                 std::string(attr) + " '" + expected + "'");
    }
  }

  void Target(const Element& t) {
    Attributes(t);
    Language(t, t.Find("lang", dom::kXmlNamespace));
    LanguageMatches(t, target_language_, "target-language");
    if (const dom::Attribute* s = t.Find("state"); s && !ListedOrCustom(States12(), s->value)) {
      f_.Add(t, "xliff12.target.state", "state '" + s->value + "' is not an XLIFF 1.2 state or x-...");
    }
    if (const dom::Attribute* q = t.Find("state-qualifier");
        q && !ListedOrCustom(Qualifiers12(), q->value)) {
      f_.Add(t, "xliff12.target.state-qualifier",
             "state-qualifier '" + q->value + "' is not an XLIFF 1.2 value or x-...");
    }
    Inline(t, true);
  }

  void AltTrans(const Element& a) {
    Attributes(a);
    bool has_target = false;
    for (const Element* e : a.ElementChildren()) {
      if (Is(*e, "target")) {
        has_target = true;
        Language(*e, e->Find("lang", dom::kXmlNamespace));
        Inline(*e, false);
      } else if (Is(*e, "source")) {
        Inline(*e, false);
      } else if (Is(*e, "seg-source")) {
        Inline(*e, true);
      } else if (Is(*e, "note")) {
        Note(*e);
      }
    }
    if (!has_target) f_.Add(a, "xliff12.alt-trans.target-required", "<alt-trans> has no <target>");
  }

  // Inline content of one source/target/seg-source: ids present, bx/ex and
  // bpt/ept paired by rid (else id), mrk types, it positions.
  struct Pairs {
    std::vector<std::pair<std::string, const Element*>> open;  // key, element
  };
  void Inline(const Element& content, bool segments_allowed) {
    Pairs bx, bpt;
    InlineWalk(content, segments_allowed, bx, bpt);
    for (const auto& [key, e] : bx.open) {
      f_.Add(*e, "xliff12.inline.bx-unpaired", "<bx> '" + key + "' has no <ex> in the same element");
    }
    for (const auto& [key, e] : bpt.open) {
      f_.Add(*e, "xliff12.inline.bpt-unpaired", "<bpt> '" + key + "' has no <ept> in the same element");
    }
  }

  static std::string Key(const Element& e) {
    return std::string(e.Has("rid") ? e.Value("rid") : e.Value("id"));
  }

  void Close(const Element& e, Pairs& pairs, std::string_view open_name) {
    const std::string key = Key(e);
    auto it = std::find_if(pairs.open.begin(), pairs.open.end(),
                           [&](const auto& p) { return p.first == key; });
    if (it == pairs.open.end()) {
      f_.Add(e, "xliff12.inline." + e.local + "-unpaired",
             "<" + e.local + "> '" + key + "' closes no earlier <" + std::string(open_name) + ">");
      return;
    }
    pairs.open.erase(it);
  }

  void InlineWalk(const Element& content, bool segments_allowed, Pairs& bx, Pairs& bpt) {
    for (const Element* e : content.ElementChildren()) {
      if (e->uri != ns_) {
        f_.Add(*e, "xliff12.inline.foreign", "<" + e->qname + "> is not allowed in text content");
        continue;
      }
      const std::string& n = e->local;
      if (n == "g" || n == "x" || n == "bx" || n == "ex" || n == "ph" || n == "bpt" ||
          n == "ept" || n == "it") {
        if (!e->Has("id")) f_.Add(*e, "xliff12.inline.id-required", "<" + n + "> needs an id");
        if (const std::string_view xid = e->Value("xid"); !xid.empty()) {
          xids_.emplace_back(std::string(xid), e);
        }
      }
      if (n == "g") {
        InlineWalk(*e, false, bx, bpt);
      } else if (n == "mrk") {
        const std::string_view mtype = e->Value("mtype");
        if (mtype.empty()) {
          f_.Add(*e, "xliff12.mrk.mtype-required", "<mrk> needs an mtype");
        } else if (!ListedOrCustom(MarkerTypes12(), mtype)) {
          f_.Add(*e, "xliff12.mrk.mtype", "mtype '" + std::string(mtype) + "' is not an XLIFF 1.2 value or x-...");
        } else if (mtype == "seg" && !segments_allowed) {
          f_.Add(*e, "xliff12.mrk.seg-placement",
                 "segment <mrk> belongs directly in <seg-source> or <target>");
        }
        InlineWalk(*e, false, bx, bpt);
      } else if (n == "bx") {
        bx.open.emplace_back(Key(*e), e);
      } else if (n == "ex") {
        Close(*e, bx, "bx");
      } else if (n == "bpt") {
        bpt.open.emplace_back(Key(*e), e);
        Native(*e);
      } else if (n == "ept") {
        Close(*e, bpt, "bpt");
        Native(*e);
      } else if (n == "it") {
        const std::string_view pos = e->Value("pos");
        if (pos != "open" && pos != "close") {
          f_.Add(*e, "xliff12.it.pos", "<it> needs pos='open' or pos='close'");
        }
        Native(*e);
      } else if (n == "ph") {
        Native(*e);
      } else if (n != "x") {
        f_.Add(*e, "xliff12.inline.unknown", "<" + n + "> is not an XLIFF 1.2 inline element");
      }
    }
  }

  // Native code holds text and <sub> only.
  void Native(const Element& e) {
    for (const Element* c : e.ElementChildren()) {
      if (!Is(*c, "sub")) {
        f_.Add(*c, "xliff12.inline.native", "<" + e.local + "> holds native code and <sub>, not <" + c->local + ">");
      }
    }
  }

  const Element& root_;
  Findings& f_;
  std::string ns_;
  std::string source_language_;
  std::string target_language_;
  std::set<std::string> unit_ids_;
  std::set<std::string> group_ids_;
  std::vector<std::pair<std::string, const Element*>> xids_;
};

}  // namespace

void ValidateXliff12Tree(const dom::Element& root, Findings& findings) { Xliff12(root, findings).Run(); }

}  // namespace validation

// ---------------------------------------------------------------- entry points

namespace validation {

std::string Name(const XmlInput& input) { return input.path.empty() ? input.name : input.path; }

void SchemaCheck(const XmlInput& input, const ValidateOptions& options, Findings& f) {
  if (options.schema_path.empty()) return;
  Status s = ValidateWithSchema(input, options.schema_path, options.limits);
  if (s.ok()) return;
  const Error& e = s.error();
  if (e.kind == Error::Kind::kIo) {
    f.Add(0, 0, "schema", e.ToString());
    return;
  }
  const bool in_schema = !e.file.empty() && e.file != Name(input);
  f.Add(in_schema ? 0 : e.line, in_schema ? 0 : e.column, "schema",
        in_schema ? e.ToString() : e.message);
}

}  // namespace validation

using validation::Name;
using validation::SchemaCheck;

Result<ValidationReport> ValidateXliff(const XmlInput& input, const ValidateOptions& options) {
  ValidationReport report;
  validation::Findings f(Name(input));
  auto doc = dom::Parse(input, options.limits);
  if (!doc.ok()) {
    if (doc.error().kind == Error::Kind::kIo) return doc.error();
    f.Add(doc.error().line, doc.error().column, "xml", doc.error().message);
    report.findings = f.Take();
    return report;
  }
  const dom::Element& root = *doc->root;
  if (root.local != "xliff") {
    return Error(BadInput("not XLIFF: the root element is <" + root.qname + ">").InFile(Name(input)));
  }
  if (root.uri.rfind("urn:oasis:names:tc:xliff:document:2.", 0) == 0) {
    report.format = FileFormat::kXliff2;
    validation::ValidateXliff2Tree(root, f);
  } else if (root.uri.empty() || root.uri.rfind("urn:oasis:names:tc:xliff:document:1.", 0) == 0) {
    report.format = FileFormat::kXliff12;
    validation::ValidateXliff12Tree(root, f);
  } else {
    return Error(BadInput("unknown XLIFF namespace '" + root.uri + "'").InFile(Name(input)));
  }
  SchemaCheck(input, options, f);
  report.findings = f.Take();
  return report;
}

Result<ValidationReport> ValidateFile(const std::string& path, const ValidateOptions& options) {
  auto format = DetectFormat(path);
  if (!format.ok()) return format.error();
  XmlInput input;
  input.path = path;
  switch (*format) {
    case FileFormat::kXliff12:
    case FileFormat::kXliff2: {
      auto report = ValidateXliff(input, options);
      if (report.ok() && report->format == FileFormat::kUnknown) report->format = *format;
      return report;
    }
    case FileFormat::kTmx: return ValidateTmx(input, options);
    default: break;
  }
  return Error(BadInput("not XLIFF or TMX (detected " + std::string(FileFormatName(*format)) +
                        "); lovcen validates XLIFF 1.2, XLIFF 2.x and TMX")
                   .InFile(path));
}

}  // namespace lovcen::formats
