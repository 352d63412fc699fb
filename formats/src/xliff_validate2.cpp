// XLIFF 2.0/2.1 (and 2.2 core) rules for `lovcen validate`: the content
// model of the core schema, and the processing requirements of the
// specification that a schema cannot express (ids unique in their scope,
// references that resolve, codes paired across segments, reordering
// constraints, languages), plus the constraints of the modules (matches,
// glossary, format style, metadata, resource data, change tracking, size
// restriction, validation) as far as the OASIS 2.1 suite exercises them.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "xliff_validate_internal.h"

namespace lovcen::formats::validation {
namespace {

using dom::Attribute;
using dom::Element;
using dom::Node;

constexpr std::string_view kMtc = "urn:oasis:names:tc:xliff:matches:2.0";
constexpr std::string_view kGls = "urn:oasis:names:tc:xliff:glossary:2.0";
constexpr std::string_view kFs = "urn:oasis:names:tc:xliff:fs:2.0";
constexpr std::string_view kMda = "urn:oasis:names:tc:xliff:metadata:2.0";
constexpr std::string_view kRes = "urn:oasis:names:tc:xliff:resourcedata:2.0";
constexpr std::string_view kCtr = "urn:oasis:names:tc:xliff:changetracking:2.0";
constexpr std::string_view kSlr = "urn:oasis:names:tc:xliff:sizerestriction:2.0";
constexpr std::string_view kVal = "urn:oasis:names:tc:xliff:validation:2.0";
constexpr std::string_view kIts = "http://www.w3.org/2005/11/its";
constexpr std::string_view kItsXlf = "http://www.w3.org/ns/its-xliff/";

bool IsModule(std::string_view uri) {
  return uri == kMtc || uri == kGls || uri == kFs || uri == kMda || uri == kRes || uri == kCtr ||
         uri == kSlr || uri == kVal || uri == kIts || uri == kItsXlf;
}

// "prefix:value" with neither part empty nor containing white space or ':'.
bool IsUserDefined(std::string_view v) {
  const auto colon = v.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == v.size()) return false;
  if (v.find(':', colon + 1) != std::string_view::npos) return false;
  return v.find_first_of(" \t\r\n") == std::string_view::npos;
}

const std::set<std::string_view>& HtmlElements() {
  static const std::set<std::string_view> s = {
      "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
      "blockquote", "body", "br", "button", "canvas", "caption", "cite", "code", "col", "colgroup",
      "command", "datalist", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "embed",
      "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
      "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd",
      "keygen", "label", "legend", "li", "link", "map", "mark", "menu", "meta", "meter", "nav",
      "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "pre", "progress",
      "q", "rp", "rt", "ruby", "s", "samp", "script", "section", "select", "small", "source",
      "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "textarea",
      "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr"};
  return s;
}

// ---------------------------------------------------------------- fragment identifiers

struct Selector {
  std::string prefix;  // empty for a bare id
  std::string id;
};

struct Fragment {
  bool absolute = false;
  std::vector<Selector> selectors;
};

const std::set<std::string_view>& RegisteredPrefixes() {
  // Core, the 2.1 modules, and the extension prefixes OASIS registered.
  static const std::set<std::string_view> s = {"f",   "g",   "u",   "n",   "d",   "t",
                                               "mtc", "gls", "res", "ctr", "mda", "val",
                                               "slr", "its", "tbx"};
  return s;
}

// Parses "#[/]sel/sel..." (XLIFF 2 fragment identification). Returns the
// reason it is malformed, or nullopt.
std::optional<std::string> ParseFragment(std::string_view ref, Fragment& out) {
  if (ref.empty() || ref[0] != '#') return "a fragment identifier starts with '#'";
  std::string_view rest = ref.substr(1);
  if (!rest.empty() && rest[0] == '/') {
    out.absolute = true;
    rest.remove_prefix(1);
  }
  if (rest.empty()) return "the fragment identifier is empty";
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = rest.find('/', start);
    const std::string_view part =
        rest.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    Selector sel;
    if (const auto eq = part.find('='); eq != std::string_view::npos) {
      sel.prefix = std::string(part.substr(0, eq));
      sel.id = std::string(part.substr(eq + 1));
      if (!IsNmToken(sel.prefix) || sel.prefix.find(':') != std::string::npos) {
        return "prefix '" + sel.prefix + "' is not a valid name";
      }
      if (RegisteredPrefixes().count(sel.prefix) == 0) {
        return sel.prefix.size() == 1
                   ? "one-letter prefix '" + sel.prefix + "' is not one of f, g, u, n, d, t"
                   : "prefix '" + sel.prefix + "' is not registered";
      }
    } else {
      sel.id = std::string(part);
    }
    if (!IsNmToken(sel.id)) return "'" + std::string(part) + "' is not a valid selector";
    out.selectors.push_back(std::move(sel));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  // Order: f? g* u? then one leaf (n, d, t, a module prefix or a bare id) last.
  int stage = 0;  // 0 start, 1 after f, 2 after g, 3 after u, 4 after a leaf
  if (out.absolute && out.selectors.front().prefix != "f") {
    return "an absolute fragment identifier starts with f=";
  }
  for (const Selector& s : out.selectors) {
    if (stage == 4) return "nothing may follow '" + (out.selectors.back().prefix.empty() ? std::string("the id") : std::string("a leaf selector")) + "'";
    const std::string& p = s.prefix;
    if (p == "f") {
      if (stage != 0) return "f= comes first and once";
      stage = 1;
    } else if (p == "g") {
      if (stage > 2) return "g= comes after f= and before u=";
      stage = 2;
    } else if (p == "u") {
      if (stage > 2) return "u= comes once, after f= and g=";
      stage = 3;
    } else if (p == "d" || p == "t" || p.empty()) {
      if (stage == 1 || stage == 2) {
        return (p.empty() ? std::string("an id") : p + "=") + " must be inside a unit (u=)";
      }
      stage = 4;
    } else {  // n= and module or extension prefixes
      stage = 4;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- the validator

enum class Foreign { kNone, kModules, kAny };
enum class Where { kFile, kGroup, kUnit };

struct Effective {
  std::string lang;   // xml:lang in force ("" none)
  std::string space;  // xml:space in force
};

// One inline element of a unit, in reading order.
struct Event {
  enum Type { kPh, kPcStart, kPcEnd, kSc, kEc, kMrkStart, kMrkEnd, kSm, kEm, kCp };
  Type type;
  const Element* e;
  int part;  // index of the segment/ignorable
};

bool IsCode(Event::Type t) {
  return t == Event::kPh || t == Event::kPcStart || t == Event::kPcEnd || t == Event::kSc ||
         t == Event::kEc;
}

class Xliff2 {
 public:
  Xliff2(const Element& root, Findings& f) : root_(root), f_(f), ns_(root.uri) {}

  void Run() {
    Attributes(root_, "xliff", {"version", "srcLang", "trgLang"}, Foreign::kAny, true);
    const std::string_view version = root_.Value("version");
    const bool v22 = ns_ == "urn:oasis:names:tc:xliff:document:2.2";
    if (version.empty()) {
      Add(root_, "xliff.version", "<xliff> needs a version attribute");
    } else if (v22 ? version != "2.2" : (version != "2.0" && version != "2.1")) {
      Add(root_, "xliff.version", "version '" + std::string(version) + "' does not belong to this namespace");
    }
    src_lang_ = std::string(root_.Value("srcLang"));
    trg_lang_ = std::string(root_.Value("trgLang"));
    if (!root_.Has("srcLang")) {
      Add(root_, "xliff.srcLang", "<xliff> needs srcLang");
    } else if (!IsWellFormedLanguageTag(src_lang_)) {
      Add(root_, "xliff.srcLang", "srcLang '" + src_lang_ + "' is not a BCP 47 language tag");
    }
    if (root_.Has("trgLang") && !IsWellFormedLanguageTag(trg_lang_)) {
      Add(root_, "xliff.trgLang", "trgLang '" + trg_lang_ + "' is not a BCP 47 language tag");
    }
    Effective eff = Inherit({}, root_);
    std::set<std::string> file_ids;
    int files = 0;
    for (const Element* e : root_.ElementChildren()) {
      if (IsCore(*e, "file")) {
        ++files;
        const std::string id(e->Value("id"));
        if (!id.empty() && !file_ids.insert(id).second) {
          Add(*e, "file.id-unique", "file id '" + id + "' is used twice");
        }
        File(*e, eff);
      } else if (e->uri == ns_) {
        Add(*e, "xliff.content", "<" + e->local + "> is not allowed in <xliff>");
      } else {
        Add(*e, "extension.placement", "<" + e->qname + "> is not allowed outside <file>");
      }
    }
    if (files == 0) Add(root_, "xliff.file-required", "<xliff> has no <file>");
    NoText(root_);
  }

 private:
  // -------------------------------------------------------------- helpers

  void Add(const Element& e, const std::string& rule, std::string message) {
    f_.Add(e, "xliff2." + rule, std::move(message));
  }
  bool IsCore(const Element& e, std::string_view local) const { return e.uri == ns_ && e.local == local; }

  Effective Inherit(Effective eff, const Element& e) const {
    if (const Attribute* a = e.Find("lang", dom::kXmlNamespace)) eff.lang = a->value;
    if (const Attribute* a = e.Find("space", dom::kXmlNamespace)) eff.space = a->value;
    return eff;
  }

  // Elements with element-only content must not hold text.
  void NoText(const Element& e) {
    if (e.HasNonSpaceText()) Add(e, e.local + ".content", "<" + e.local + "> holds elements only, not text");
  }

  void Attributes(const Element& e, std::string_view element_name,
                  std::initializer_list<std::string_view> allowed, Foreign foreign, bool xml_attributes) {
    std::string name(element_name);  // rule ids use '.' where the element name has ':'
    std::replace(name.begin(), name.end(), ':', '.');
    for (const Attribute& a : e.attributes) {
      if (a.is_namespace_declaration()) continue;
      if (a.uri.empty()) {
        if (std::find(allowed.begin(), allowed.end(), std::string_view(a.local)) == allowed.end()) {
          Add(e, name + ".attribute",
              "attribute '" + a.qname + "' is not allowed on <" + std::string(element_name) + ">");
        }
      } else if (a.uri == dom::kXmlNamespace) {
        if (!xml_attributes && foreign != Foreign::kAny) {
          Add(e, name + ".attribute",
              "attribute '" + a.qname + "' is not allowed on <" + std::string(element_name) + ">");
        } else if (a.local == "lang" && !IsWellFormedLanguageTag(a.value)) {
          Add(e, "xml-lang", "xml:lang '" + a.value + "' is not a BCP 47 language tag");
        } else if (a.local == "space" && a.value != "default" && a.value != "preserve") {
          Add(e, "xml-space", "xml:space='" + a.value + "' must be default or preserve");
        }
      } else if (a.uri == ns_) {
        Add(e, name + ".attribute", "attribute '" + a.qname + "' is not allowed");
      } else if (IsModule(a.uri)) {
        if (foreign == Foreign::kNone) {
          Add(e, name + ".attribute",
              "module attribute '" + a.qname + "' is not allowed on <" + std::string(element_name) + ">");
        } else {
          ModuleAttribute(e, a);
        }
      } else if (foreign != Foreign::kAny) {
        Add(e, "extension.attribute",
            "extension attribute '" + a.qname + "' is not allowed on <" + std::string(element_name) + ">");
      }
    }
    ModuleAttributeRules(e);
  }

  void ModuleAttribute(const Element& e, const Attribute& a) {
    if (a.uri == kFs) {
      if (a.local != "fs" && a.local != "subFs") {
        Add(e, "fs.attribute", "'" + a.qname + "' is not a Format Style attribute (fs, subFs)");
      } else if (a.local == "fs" && HtmlElements().count(a.value) == 0) {
        Add(e, "fs.value", "fs '" + a.value + "' is not an HTML element name");
      }
    } else if (a.uri == kSlr) {
      static const std::set<std::string_view> names = {"storageRestriction", "sizeRestriction",
                                                       "equivStorage", "sizeInfo", "sizeInfoRef"};
      if (names.count(a.local) == 0) {
        Add(e, "slr.attribute", "'" + a.qname + "' is not a Size and Length Restriction attribute");
      } else if (a.local == "storageRestriction" || a.local == "sizeRestriction") {
        if (!IsRestriction(a.value)) {
          Add(e, "slr.restriction",
              a.qname + "='" + a.value + "' must be '*', 'N', 'N,M' or 'N,*' with integers");
        }
      } else if (a.local == "equivStorage") {
        if (!IsNonNegativeInteger(a.value)) {
          Add(e, "slr.integer", a.qname + "='" + a.value + "' must be a non-negative integer");
        }
      } else if (a.local == "sizeInfo") {
        // Sizes are counts: a number must be a whole one. Other text belongs
        // to a profile lovcen does not know (the core suite uses "some info").
        const bool numeric = !a.value.empty() && a.value.find_first_not_of("0123456789.,+-eE") ==
                                                     std::string::npos &&
                             a.value.find_first_of("0123456789") != std::string::npos;
        if (numeric && !IsNonNegativeInteger(a.value)) {
          Add(e, "slr.integer", a.qname + "='" + a.value + "' must be a non-negative integer");
        }
      } else if (a.local == "sizeInfoRef" && !IsNmToken(a.value)) {
        Add(e, "slr.sizeInfoRef", "sizeInfoRef '" + a.value + "' is not an id");
      }
    } else if (a.uri == kIts || a.uri == kItsXlf) {
      return;  // ITS data categories: not checked further
    } else {
      Add(e, "module.attribute", "'" + a.qname + "' is not an attribute of its module");
    }
  }

  static bool IsRestriction(std::string_view v) {
    if (v == "*") return true;
    const auto comma = v.find(',');
    if (comma == std::string_view::npos) return IsNonNegativeInteger(v);
    const std::string_view max = v.substr(comma + 1);
    return IsNonNegativeInteger(v.substr(0, comma)) && (max == "*" || IsNonNegativeInteger(max));
  }

  // Constraints that involve several module attributes of one element.
  void ModuleAttributeRules(const Element& e) {
    if (e.Has("subFs", kFs) && !e.Has("fs", kFs)) {
      Add(e, "fs.subFs-needs-fs", "fs:subFs needs fs:fs on the same element");
    }
    if (e.Has("sizeInfo", kSlr) && e.Has("sizeInfoRef", kSlr)) {
      Add(e, "slr.sizeInfo-exclusive", "slr:sizeInfo and slr:sizeInfoRef exclude each other");
    }
    if (IsCore(e, "ec") && e.Value("isolated") != "yes") {
      for (const Attribute& a : e.attributes) {
        const bool restricted = a.uri == kFs || (a.uri == kSlr && (a.local == "equivStorage" ||
                                                                   a.local == "sizeInfo" ||
                                                                   a.local == "sizeInfoRef"));
        if (restricted) {
          Add(e, "ec.module-attribute-isolated",
              "'" + a.qname + "' is allowed on <ec> only when isolated='yes'");
        }
      }
    }
    if (const Attribute* ref = e.Find("sizeInfoRef", kSlr); ref != nullptr) {
      size_info_refs_.emplace_back(&e, ref->value, ancestors_);
    }
  }

  void YesNo(const Element& e, std::string_view name) {
    if (const Attribute* a = e.Find(name); a && a->value != "yes" && a->value != "no") {
      Add(e, "yes-no", std::string(name) + "='" + a->value + "' must be yes or no");
    }
  }
  void Dir(const Element& e, std::string_view name) {
    if (const Attribute* a = e.Find(name); a && a->value != "ltr" && a->value != "rtl" && a->value != "auto") {
      Add(e, "dir", std::string(name) + "='" + a->value + "' must be ltr, rtl or auto");
    }
  }
  void Id(const Element& e, bool required) {
    const Attribute* a = e.Find("id");
    if (!a) {
      if (required) Add(e, e.local + ".id-required", "<" + e.local + "> needs an id");
      return;
    }
    if (!IsNmToken(a->value)) Add(e, "id.syntax", "id '" + a->value + "' is not an NMTOKEN");
  }
  void UserDefined(const Element& e, std::string_view name) {
    if (const Attribute* a = e.Find(name); a && !IsUserDefined(a->value)) {
      Add(e, "user-defined-value", std::string(name) + "='" + a->value + "' must be 'prefix:value'");
    }
  }

  // -------------------------------------------------------------- structure

  void File(const Element& file, Effective eff) {
    Attributes(file, "file", {"id", "canResegment", "original", "translate", "srcDir", "trgDir"},
               Foreign::kAny, true);
    Id(file, true);
    YesNo(file, "canResegment");
    YesNo(file, "translate");
    Dir(file, "srcDir");
    Dir(file, "trgDir");
    eff = Inherit(eff, file);
    file_id_ = std::string(file.Value("id"));
    container_ids_.clear();
    unit_ids_.clear();
    CollectUnitIds(file);
    ancestors_.push_back(&file);
    // skeleton?, extension*, notes?, (unit | group)+
    int phase = 0;
    int items = 0;
    std::set<std::string> ext_ids;
    for (const Element* e : file.ElementChildren()) {
      if (IsCore(*e, "skeleton")) {
        if (phase > 0) Add(*e, "file.order", "<skeleton> must come first in <file>");
        phase = 1;
        Skeleton(*e);
      } else if (IsCore(*e, "notes")) {
        if (phase > 2) Add(*e, "file.order", "<notes> must come before units and groups");
        phase = 3;
        Notes(*e);
      } else if (IsCore(*e, "unit") || IsCore(*e, "group")) {
        phase = 4;
        ++items;
        if (e->local == "unit") {
          Unit(*e, eff);
        } else {
          Group(*e, eff);
        }
      } else if (e->uri == ns_) {
        Add(*e, "file.content", "<" + e->local + "> is not allowed in <file>");
      } else {
        if (phase > 2) {
          Add(*e, "extension.placement",
              "<" + e->qname + "> must come before <notes>, units and groups");
        }
        phase = std::max(phase, 2);
        Extension(*e, Where::kFile, file, ext_ids);
      }
    }
    if (items == 0) Add(file, "file.unit-required", "<file> needs at least one <unit> or <group>");
    NoText(file);
    ancestors_.pop_back();
    ResolveSizeInfoRefs();
  }

  void CollectUnitIds(const Element& e) {
    for (const Element* c : e.ElementChildren()) {
      if (IsCore(*c, "unit")) unit_ids_.insert(std::string(c->Value("id")));
      if (IsCore(*c, "group")) CollectUnitIds(*c);
    }
  }

  void Skeleton(const Element& s) {
    Attributes(s, "skeleton", {"href"}, Foreign::kNone, false);
    bool empty = !s.HasNonSpaceText();
    for (const Element* c : s.ElementChildren()) {
      empty = false;
      if (c->uri == ns_) Add(*c, "skeleton.content", "<skeleton> holds text and extension elements only");
    }
    if (s.Has("href") == !empty) {
      Add(s, "skeleton.href", s.Has("href") ? "<skeleton> with href must be empty"
                                             : "an empty <skeleton> needs href");
    }
  }

  void Notes(const Element& notes) {
    Attributes(notes, "notes", {}, Foreign::kNone, false);
    NoText(notes);
    std::set<std::string> ids;
    int count = 0;
    for (const Element* n : notes.ElementChildren()) {
      if (!IsCore(*n, "note")) {
        Add(*n, "notes.content", "<notes> holds <note> elements only");
        continue;
      }
      ++count;
      Attributes(*n, "note", {"id", "appliesTo", "category", "priority"}, Foreign::kAny, true);
      Id(*n, false);
      if (const std::string id(n->Value("id")); !id.empty() && !ids.insert(id).second) {
        Add(*n, "note.id-unique", "note id '" + id + "' is used twice in these notes");
      }
      if (const Attribute* a = n->Find("appliesTo"); a && a->value != "source" && a->value != "target") {
        Add(*n, "note.appliesTo", "appliesTo='" + a->value + "' must be source or target");
      }
      if (const Attribute* p = n->Find("priority")) {
        const bool ok = IsNonNegativeInteger(p->value) && p->value.size() <= 2 &&
                        std::stoi(p->value) >= 1 && std::stoi(p->value) <= 10;
        if (!ok) Add(*n, "note.priority", "priority '" + p->value + "' must be 1 to 10");
      }
      for (const Element* c : n->ElementChildren()) {
        Add(*c, "note.content", "<note> holds text only, not <" + c->qname + ">");
      }
    }
    if (count == 0) Add(notes, "notes.note-required", "<notes> needs at least one <note>");
  }

  void ContainerId(const Element& e) {
    const std::string id(e.Value("id"));
    if (id.empty()) return;
    if (!container_ids_.insert(id).second) {
      Add(e, e.local + ".id-unique", e.local + " id '" + id + "' is used twice in this file");
    }
  }

  void Group(const Element& g, Effective eff) {
    Attributes(g, "group", {"id", "name", "canResegment", "translate", "srcDir", "trgDir", "type"},
               Foreign::kAny, true);
    Id(g, true);
    ContainerId(g);
    YesNo(g, "canResegment");
    YesNo(g, "translate");
    Dir(g, "srcDir");
    Dir(g, "trgDir");
    UserDefined(g, "type");
    eff = Inherit(eff, g);
    ancestors_.push_back(&g);
    int phase = 0;
    std::set<std::string> ext_ids;
    for (const Element* e : g.ElementChildren()) {
      if (IsCore(*e, "notes")) {
        if (phase > 1) Add(*e, "group.order", "<notes> must come before units and groups");
        phase = 2;
        Notes(*e);
      } else if (IsCore(*e, "unit")) {
        phase = 3;
        Unit(*e, eff);
      } else if (IsCore(*e, "group")) {
        phase = 3;
        Group(*e, eff);
      } else if (e->uri == ns_) {
        Add(*e, "group.content", "<" + e->local + "> is not allowed in <group>");
      } else {
        if (phase > 1) {
          Add(*e, "extension.placement", "<" + e->qname + "> must come before <notes>, units and groups");
        }
        phase = std::max(phase, 1);
        Extension(*e, Where::kGroup, g, ext_ids);
      }
    }
    NoText(g);
    ancestors_.pop_back();
  }

  // -------------------------------------------------------------- units

  struct UnitInfo {
    const Element* unit = nullptr;
    std::string id;
    std::set<std::string> note_ids;
    std::set<std::string> data_ids;
    std::set<std::string> part_ids;            // segment and ignorable ids
    std::set<std::string> source_marker_ids;   // mrk/sm in sources
    std::set<std::string> target_marker_ids;   // mrk/sm in targets
    std::set<std::string> source_ids;          // every id of the source side
    std::vector<const Element*> parts;
  };

  void Unit(const Element& u, Effective eff) {
    Attributes(u, "unit", {"id", "name", "canResegment", "translate", "srcDir", "trgDir", "type"},
               Foreign::kAny, true);
    Id(u, true);
    ContainerId(u);
    YesNo(u, "canResegment");
    YesNo(u, "translate");
    Dir(u, "srcDir");
    Dir(u, "trgDir");
    UserDefined(u, "type");
    eff = Inherit(eff, u);
    ancestors_.push_back(&u);
    UnitInfo info;
    info.unit = &u;
    info.id = std::string(u.Value("id"));
    const Element* original_data = nullptr;
    // First the ids the unit's references can point at.
    for (const Element* e : u.ElementChildren()) {
      if (IsCore(*e, "notes")) {
        for (const Element* n : e->ElementChildren()) {
          if (n->Has("id")) info.note_ids.insert(std::string(n->Value("id")));
        }
      } else if (IsCore(*e, "originalData")) {
        original_data = e;
        for (const Element* d : e->ElementChildren()) {
          if (IsCore(*d, "data") && d->Has("id")) info.data_ids.insert(std::string(d->Value("id")));
        }
      } else if (IsCore(*e, "segment") || IsCore(*e, "ignorable")) {
        info.parts.push_back(e);
        for (const Element* st : e->ElementChildren()) {
          if (IsCore(*st, "source")) CollectMarkers(*st, info.source_marker_ids);
          if (IsCore(*st, "target")) CollectMarkers(*st, info.target_marker_ids);
        }
      }
    }
    // Then the content model, in order.
    int phase = 0;
    int segments = 0;
    std::set<std::string> ext_ids;
    for (const Element* e : u.ElementChildren()) {
      if (IsCore(*e, "notes")) {
        if (phase > 1) Add(*e, "unit.order", "<notes> must come before <originalData> and the segments");
        phase = 2;
        Notes(*e);
      } else if (IsCore(*e, "originalData")) {
        if (phase > 2) Add(*e, "unit.order", "<originalData> must come before the segments");
        phase = 3;
        OriginalData(*e);
      } else if (IsCore(*e, "segment") || IsCore(*e, "ignorable")) {
        phase = 4;
        segments += e->local == "segment" ? 1 : 0;
      } else if (e->uri == ns_) {
        Add(*e, "unit.content", "<" + e->local + "> is not allowed in <unit>");
      } else {
        if (phase > 1) {
          Add(*e, "extension.placement",
              "<" + e->qname + "> must come before <notes>, <originalData> and the segments");
        }
        phase = std::max(phase, 1);
        unit_ = &info;
        Extension(*e, Where::kUnit, u, ext_ids);
        unit_ = nullptr;
      }
    }
    if (segments == 0) Add(u, "unit.segment-required", "<unit> needs at least one <segment>");
    (void)original_data;
    NoText(u);
    Parts(info, eff);
    ancestors_.pop_back();
  }

  void CollectMarkers(const Element& e, std::set<std::string>& ids) {
    for (const Element* c : e.ElementChildren()) {
      if ((IsCore(*c, "mrk") || IsCore(*c, "sm")) && c->Has("id")) ids.insert(std::string(c->Value("id")));
      if (IsCore(*c, "mrk") || IsCore(*c, "pc")) CollectMarkers(*c, ids);
    }
  }

  void OriginalData(const Element& od) {
    Attributes(od, "originalData", {}, Foreign::kNone, false);
    NoText(od);
    std::set<std::string> ids;
    int count = 0;
    for (const Element* d : od.ElementChildren()) {
      if (!IsCore(*d, "data")) {
        Add(*d, "originalData.content", "<originalData> holds <data> elements only, not <" + d->qname + ">");
        continue;
      }
      ++count;
      Attributes(*d, "data", {"id", "dir"}, Foreign::kNone, true);
      Id(*d, true);
      Dir(*d, "dir");
      if (const Attribute* s = d->Find("space", dom::kXmlNamespace); s && s->value != "preserve") {
        Add(*d, "data.xml-space", "xml:space on <data> is fixed to preserve");
      }
      if (const std::string id(d->Value("id")); !id.empty() && !ids.insert(id).second) {
        Add(*d, "data.id-unique", "data id '" + id + "' is used twice in this unit");
      }
      for (const Element* c : d->ElementChildren()) {
        if (IsCore(*c, "cp")) {
          Cp(*c);
        } else {
          Add(*c, "data.content", "<data> holds text and <cp> only, not <" + c->qname + ">");
        }
      }
    }
    if (count == 0) Add(od, "originalData.data-required", "<originalData> needs at least one <data>");
  }

  void Cp(const Element& cp) {
    Attributes(cp, "cp", {"hex"}, Foreign::kNone, false);
    const std::string hex(cp.Value("hex"));
    if (!cp.Has("hex")) {
      Add(cp, "cp.hex", "<cp> needs hex");
      return;
    }
    unsigned long value = 0;
    bool ok = !hex.empty() && hex.size() <= 8 && hex.size() % 2 == 0;
    for (char c : hex) {
      const bool digit = std::isxdigit(static_cast<unsigned char>(c)) != 0;
      ok = ok && digit;
      if (digit) value = value * 16 + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
    if (!ok) {
      Add(cp, "cp.hex", "hex '" + hex + "' is not a hexadecimal code point");
    } else if (value > 0x10FFFF || dom::IsXmlChar(static_cast<char32_t>(value))) {
      Add(cp, "cp.range", "U+" + hex + " is a character XML allows: write it, not <cp>");
    }
  }

  // -------------------------------------------------------------- segments and inline codes

  void Parts(const UnitInfo& info, const Effective& eff) {
    std::vector<Event> source, target_by_part;
    std::map<int, std::vector<Event>> targets;  // part -> its target events
    std::map<int, int> order;                   // part -> order of its target
    std::set<std::string> source_ids = info.source_marker_ids;
    std::set<int> parts_with_target;
    int index = 0;
    for (const Element* p : info.parts) {
      const bool segment = p->local == "segment";
      if (segment) {
        Attributes(*p, "segment", {"id", "canResegment", "state", "subState"}, Foreign::kNone, false);
        YesNo(*p, "canResegment");
        static const std::set<std::string_view> states = {"initial", "translated", "reviewed", "final"};
        if (const Attribute* s = p->Find("state"); s && states.count(s->value) == 0) {
          Add(*p, "segment.state", "state '" + s->value + "' must be initial, translated, reviewed or final");
        }
        if (p->Has("subState")) {
          if (!p->Has("state")) Add(*p, "segment.subState-needs-state", "subState needs state");
          UserDefined(*p, "subState");
        }
      } else {
        Attributes(*p, "ignorable", {"id"}, Foreign::kNone, false);
      }
      Id(*p, false);
      if (const std::string id(p->Value("id")); !id.empty()) {
        if (!part_ids_seen_.insert(id).second) {
          Add(*p, p->local + ".id-unique", "id '" + id + "' is used twice among the segments and ignorables of this unit");
        }
      }
      NoText(*p);
      const Element* source_el = nullptr;
      const Element* target_el = nullptr;
      int position = 0;
      for (const Element* c : p->ElementChildren()) {
        ++position;
        if (IsCore(*c, "source")) {
          if (source_el) Add(*c, p->local + ".source-once", "<" + p->local + "> has one <source>");
          if (position != 1) Add(*c, p->local + ".order", "<source> must come first");
          source_el = c;
        } else if (IsCore(*c, "target")) {
          if (target_el) Add(*c, p->local + ".target-once", "<" + p->local + "> has one <target>");
          target_el = c;
        } else {
          Add(*c, p->local + ".content", "<" + c->qname + "> is not allowed in <" + p->local + ">");
        }
      }
      if (!source_el) Add(*p, p->local + ".source-required", "<" + p->local + "> needs a <source>");
      Effective source_eff = eff;
      if (source_el) {
        Attributes(*source_el, "source", {}, Foreign::kNone, true);
        source_eff = Inherit(eff, *source_el);
        if (!source_eff.lang.empty() && !EqualsIgnoreCase(source_eff.lang, src_lang_)) {
          Add(*source_el, "source.xml-lang",
              "the source is in '" + source_eff.lang + "' but srcLang is '" + src_lang_ + "'");
        }
        Inline(*source_el, index, source);
      }
      if (target_el) {
        parts_with_target.insert(index);
        Attributes(*target_el, "target", {"order"}, Foreign::kNone, true);
        if (!root_.Has("trgLang")) {
          Add(*target_el, "target.trgLang-required", "a <target> needs trgLang on <xliff>");
        }
        const Effective target_eff = Inherit(eff, *target_el);
        if (!target_eff.lang.empty() && !trg_lang_.empty() && !EqualsIgnoreCase(target_eff.lang, trg_lang_)) {
          Add(*target_el, "target.xml-lang",
              "the target is in '" + target_eff.lang + "' but trgLang is '" + trg_lang_ + "'");
        }
        const std::string ss = source_eff.space.empty() ? "default" : source_eff.space;
        const std::string ts = target_eff.space.empty() ? "default" : target_eff.space;
        if (ss != ts) {
          Add(*target_el, "target.xml-space",
              "the target's xml:space (" + ts + ") differs from the source's (" + ss + ")");
        }
        int value = index + 1;
        if (const Attribute* o = target_el->Find("order")) {
          if (!IsNonNegativeInteger(o->value) || o->value.size() > 6 || std::stoi(o->value) < 1) {
            Add(*target_el, "target.order", "order '" + o->value + "' must be a positive integer");
          } else {
            value = std::stoi(o->value);
            if (value > static_cast<int>(info.parts.size())) {
              Add(*target_el, "target.order",
                  "order " + o->value + " is beyond the " + std::to_string(info.parts.size()) +
                      " segments and ignorables of the unit");
            }
          }
        }
        order[index] = value;
        Inline(*target_el, index, targets[index]);
      }
      ++index;
    }
    part_ids_seen_.clear();
    // Orders (explicit or implicit) are unique among the unit's targets.
    std::map<int, int> seen_order;
    for (const auto& [part, value] : order) {
      if (auto [it, fresh] = seen_order.emplace(value, part); !fresh) {
        const Element* t = nullptr;
        for (const Element* c : info.parts[static_cast<std::size_t>(part)]->ElementChildren()) {
          if (IsCore(*c, "target")) t = c;
        }
        Add(t ? *t : *info.parts[static_cast<std::size_t>(part)], "target.order-unique",
            "order " + std::to_string(value) + " is also the order of another target of the unit");
      }
    }
    // The target side in display order.
    std::vector<std::pair<int, int>> display;
    for (const auto& [part, value] : order) display.emplace_back(value, part);
    std::sort(display.begin(), display.end());
    std::vector<Event> target;
    for (const auto& [value, part] : display) {
      for (const Event& ev : targets[part]) target.push_back(ev);
    }
    Side(info, source, true);
    Side(info, target, false);
    Reordering(source, target);
    NonRemovable(info, source, parts_with_target, target);
  }

  // Walks inline content, checking each element and recording events.
  void Inline(const Element& content, int part, std::vector<Event>& events) {
    for (const Element* e : content.ElementChildren()) {
      if (e->uri != ns_) {
        Add(*e, "inline.content", "<" + e->qname + "> is not allowed in text content");
        continue;
      }
      const std::string& n = e->local;
      if (n == "cp") {
        Cp(*e);
        events.push_back({Event::kCp, e, part});
      } else if (n == "ph") {
        Attributes(*e, "ph",
                   {"canCopy", "canDelete", "canReorder", "copyOf", "disp", "equiv", "id", "dataRef",
                    "subFlows", "subType", "type"},
                   Foreign::kModules, false);
        CodeAttributes(*e);
        Empty(*e);
        events.push_back({Event::kPh, e, part});
      } else if (n == "pc") {
        Attributes(*e, "pc",
                   {"canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dispEnd",
                    "dispStart", "equivEnd", "equivStart", "id", "dataRefEnd", "dataRefStart",
                    "subFlowsEnd", "subFlowsStart", "subType", "type", "dir"},
                   Foreign::kModules, false);
        CodeAttributes(*e);
        events.push_back({Event::kPcStart, e, part});
        Inline(*e, part, events);
        events.push_back({Event::kPcEnd, e, part});
      } else if (n == "sc" || n == "ec") {
        if (n == "sc") {
          Attributes(*e, "sc",
                     {"canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dataRef", "dir",
                      "disp", "equiv", "id", "isolated", "subFlows", "subType", "type"},
                     Foreign::kModules, false);
        } else {
          Attributes(*e, "ec",
                     {"canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dataRef", "dir",
                      "disp", "equiv", "id", "isolated", "startRef", "subFlows", "subType", "type"},
                     Foreign::kModules, false);
        }
        CodeAttributes(*e);
        YesNo(*e, "isolated");
        Empty(*e);
        events.push_back({n == "sc" ? Event::kSc : Event::kEc, e, part});
      } else if (n == "mrk") {
        Attributes(*e, "mrk", {"id", "translate", "type", "ref", "value"}, Foreign::kAny, false);
        Marker(*e);
        events.push_back({Event::kMrkStart, e, part});
        Inline(*e, part, events);
        events.push_back({Event::kMrkEnd, e, part});
      } else if (n == "sm") {
        Attributes(*e, "sm", {"id", "translate", "type", "ref", "value"}, Foreign::kAny, false);
        Marker(*e);
        Empty(*e);
        events.push_back({Event::kSm, e, part});
      } else if (n == "em") {
        Attributes(*e, "em", {"startRef"}, Foreign::kNone, false);
        if (!e->Has("startRef")) Add(*e, "em.startRef-required", "<em> needs startRef");
        Empty(*e);
        events.push_back({Event::kEm, e, part});
      } else {
        Add(*e, "inline.content", "<" + n + "> is not an XLIFF 2 inline element");
      }
    }
  }

  void Empty(const Element& e) {
    if (!e.children.empty() && (e.HasNonSpaceText() || !e.ElementChildren().empty())) {
      Add(e, e.local + ".empty", "<" + e.local + "> must be empty");
    }
  }

  static std::string_view Value(const Element& e, std::string_view name, std::string_view fallback) {
    return e.Has(name) ? e.Value(name) : fallback;
  }

  void CodeAttributes(const Element& e) {
    const bool end = e.local == "ec";
    if (!end || e.Value("isolated") == "yes") Id(e, !end);
    YesNo(e, "canCopy");
    YesNo(e, "canDelete");
    YesNo(e, "canOverlap");
    if (const Attribute* r = e.Find("canReorder");
        r && r->value != "yes" && r->value != "no" && r->value != "firstNo") {
      Add(e, "canReorder", "canReorder='" + r->value + "' must be yes, no or firstNo");
    }
    Dir(e, "dir");
    const std::string_view reorder = Value(e, "canReorder", "yes");
    if ((reorder == "no" || reorder == "firstNo") &&
        (Value(e, "canCopy", "yes") != "no" || Value(e, "canDelete", "yes") != "no")) {
      Add(e, "canReorder.context",
          "canReorder='" + std::string(reorder) + "' needs canCopy='no' and canDelete='no'");
    }
    static const std::set<std::string_view> types = {"fmt", "ui", "quote", "link", "image", "other"};
    if (const Attribute* t = e.Find("type"); t && types.count(t->value) == 0) {
      Add(e, "code.type", "type '" + t->value + "' must be fmt, ui, quote, link, image or other");
    }
    if (const Attribute* st = e.Find("subType")) {
      if (!e.Has("type")) Add(e, "code.subType-needs-type", "subType needs type");
      if (!IsUserDefined(st->value)) {
        Add(e, "user-defined-value", "subType='" + st->value + "' must be 'prefix:value'");
      } else if (st->value.rfind("xlf:", 0) == 0) {
        const std::string v = st->value.substr(4);
        static const std::set<std::string_view> fmt = {"lb", "pb", "b", "i", "u"};
        const std::string_view type = e.Value("type");
        if (fmt.count(v) > 0) {
          if (e.Has("type") && type != "fmt") Add(e, "code.subType", "subType xlf:" + v + " needs type='fmt'");
        } else if (v == "var") {
          if (e.Has("type") && type != "ui") Add(e, "code.subType", "subType xlf:var needs type='ui'");
        } else {
          Add(e, "code.subType", "'" + st->value + "' is not an xlf: subType (lb, pb, b, i, u, var)");
        }
      }
    }
    for (std::string_view attr : {"subFlows", "subFlowsStart", "subFlowsEnd"}) {
      const Attribute* a = e.Find(attr);
      if (!a) continue;
      if (!IsNmTokens(a->value)) {
        Add(e, "code.subFlows", std::string(attr) + "='" + a->value + "' must be unit ids separated by spaces");
        continue;
      }
      std::size_t start = 0;
      const std::string& v = a->value;
      while (start < v.size()) {
        std::size_t end = v.find(' ', start);
        if (end == std::string::npos) end = v.size();
        const std::string id = v.substr(start, end - start);
        if (!id.empty() && unit_ids_.count(id) == 0) {
          Add(e, "code.subFlows", std::string(attr) + " names '" + id + "', which is no unit of this file");
        }
        start = end + 1;
      }
    }
  }

  void Marker(const Element& e) {
    Id(e, true);
    YesNo(e, "translate");
    const std::string_view type = Value(e, "type", "generic");
    if (type != "generic" && type != "comment" && type != "term" && !IsUserDefined(type)) {
      Add(e, e.local + ".type", "type '" + std::string(type) + "' must be generic, comment, term or prefix:value");
    }
    const Attribute* ref = e.Find("ref");
    if (type == "comment") {
      if ((ref != nullptr) == e.Has("value")) {
        Add(e, "comment.value-or-ref", "a comment annotation has exactly one of value and ref");
      }
    }
    if (ref != nullptr && !ref->value.empty() && ref->value[0] == '#') {
      Fragment frag;
      if (auto problem = ParseFragment(ref->value, frag)) {
        Add(e, "fragment-identifier", "ref '" + ref->value + "': " + *problem);
      } else if (type == "comment") {
        comment_refs_.emplace_back(&e, std::move(frag));
      }
    } else if (ref != nullptr && type == "comment") {
      Add(e, "comment.ref", "the ref of a comment annotation points to a <note> of the unit (#n=...)");
    }
  }

  // Pairing and references on one side of the unit (source, or target in
  // display order).
  void Side(const UnitInfo& info, const std::vector<Event>& events, bool source) {
    std::map<std::string, const Element*> open_sc;
    std::map<std::string, const Element*> all_sc;
    std::map<std::string, const Element*> open_sm;
    std::map<std::string, const Element*> codes_by_id;
    std::set<std::string> ids;
    if (source) ids = std::set<std::string>();  // filled below with part ids
    auto unique = [&](const Element& e, const std::string& id) {
      if (id.empty()) return;
      if (!ids.insert(id).second) {
        Add(e, "inline.id-unique", "id '" + id + "' is used twice on the " +
                                       std::string(source ? "source" : "target") + " side of the unit");
      }
    };
    if (source) {
      for (const Element* p : info.parts) {
        if (p->Has("id")) ids.insert(std::string(p->Value("id")));
      }
    }
    // First pass: which sc have an ec (by startRef) anywhere on this side.
    std::set<std::string> ended;
    for (const Event& ev : events) {
      if (ev.type == Event::kEc && ev.e->Value("isolated") != "yes" && ev.e->Has("startRef")) {
        ended.insert(std::string(ev.e->Value("startRef")));
      }
    }
    for (const Event& ev : events) {
      const Element& e = *ev.e;
      const std::string id(e.Value("id"));
      switch (ev.type) {
        case Event::kPh:
        case Event::kPcStart:
          unique(e, id);
          codes_by_id[id] = &e;
          break;
        case Event::kSc: {
          unique(e, id);
          codes_by_id[id] = &e;
          const bool isolated = e.Value("isolated") == "yes";
          if (isolated && ended.count(id) > 0) {
            Add(e, "sc.isolated", "<sc id='" + id + "'> is marked isolated but its <ec> is in the unit");
          } else if (!isolated && ended.count(id) == 0) {
            Add(e, "sc.isolated", "<sc id='" + id + "'> has no <ec> in the unit: mark it isolated='yes'");
          }
          if (!isolated) open_sc[id] = &e;
          all_sc[id] = &e;
          break;
        }
        case Event::kEc: {
          const bool isolated = e.Value("isolated") == "yes";
          if (isolated) {
            if (e.Has("startRef")) Add(e, "ec.isolated", "an isolated <ec> uses id, not startRef");
            if (!e.Has("id")) Add(e, "ec.isolated", "an isolated <ec> needs an id");
            unique(e, id);
            codes_by_id[id] = &e;
            break;
          }
          if (e.Has("id")) Add(e, "ec.id", "an <ec> that is not isolated uses startRef, not id");
          if (!e.Has("startRef")) {
            Add(e, "ec.startRef", "an <ec> that is not isolated needs startRef");
            break;
          }
          const std::string ref(e.Value("startRef"));
          auto it = open_sc.find(ref);
          if (it == open_sc.end()) {
            Add(e, "ec.startRef", "startRef '" + ref + "' names no earlier <sc> of the unit");
            break;
          }
          SameCanAttributes(*it->second, e);
          open_sc.erase(it);
          break;
        }
        case Event::kMrkStart:
        case Event::kSm:
          unique(e, id);
          if (ev.type == Event::kSm) open_sm[id] = &e;
          break;
        case Event::kEm: {
          const std::string ref(e.Value("startRef"));
          if (open_sm.erase(ref) == 0) {
            Add(e, "em.startRef", "startRef '" + ref + "' names no earlier <sm> of the unit");
          }
          break;
        }
        default: break;
      }
      // Data references.
      for (std::string_view attr : {"dataRef", "dataRefStart", "dataRefEnd"}) {
        if (ev.type == Event::kPcEnd) break;
        if (const Attribute* a = e.Find(attr); a && info.data_ids.count(a->value) == 0) {
          Add(e, "code.dataRef",
              std::string(attr) + " '" + a->value + "' names no <data> in the unit's <originalData>");
        }
      }
    }
    for (const auto& [id, e] : open_sm) {
      Add(*e, "sm.em-required", "<sm id='" + id + "'> has no <em> in the unit");
    }
    // copyOf refers to a code of this side that may be copied.
    for (const Event& ev : events) {
      if (ev.type == Event::kPcEnd || !IsCode(ev.type)) continue;
      const Element& e = *ev.e;
      const Attribute* copy = e.Find("copyOf");
      if (!copy) continue;
      if (e.Has("dataRef") || e.Has("dataRefStart") || e.Has("dataRefEnd")) {
        Add(e, "code.copyOf", "a code with copyOf has no original data of its own");
      }
      auto it = codes_by_id.find(copy->value);
      if (it == codes_by_id.end()) {
        Add(e, "code.copyOf", "copyOf '" + copy->value + "' names no code of the unit");
      } else if (it->second->Value("canCopy") == "no") {
        Add(e, "code.copyOf", "copyOf '" + copy->value + "' names a code with canCopy='no'");
      }
    }
  }

  void SameCanAttributes(const Element& sc, const Element& ec) {
    for (std::string_view attr : {"canCopy", "canDelete", "canOverlap"}) {
      const std::string_view a = Value(sc, attr, "yes");
      const std::string_view b = Value(ec, attr, "yes");
      if (a != b) {
        Add(ec, "ec.same-as-sc", std::string(attr) + " of <ec> (" + std::string(b) +
                                     ") differs from its <sc> (" + std::string(a) + ")");
      }
    }
    const std::string_view a = Value(sc, "canReorder", "yes");
    const std::string_view b = Value(ec, "canReorder", "yes");
    const std::string_view expected = a == "firstNo" ? "no" : a;
    if (b != expected) {
      Add(ec, "ec.same-as-sc", "canReorder of <ec> (" + std::string(b) + ") must be " +
                                   std::string(expected) + " for an <sc> with " + std::string(a));
    }
  }

  // A code event's identity across source and target.
  static std::string Identity(const Event& ev) {
    const Element& e = *ev.e;
    switch (ev.type) {
      case Event::kPh: return "ph:" + std::string(e.Value("id"));
      case Event::kPcStart: return "pc<" + std::string(e.Value("id"));
      case Event::kPcEnd: return "pc>" + std::string(e.Value("id"));
      case Event::kSc: return "sc:" + std::string(e.Value("id"));
      case Event::kEc:
        return e.Value("isolated") == "yes" ? "ec:" + std::string(e.Value("id"))
                                            : "ec>" + std::string(e.Value("startRef"));
      default: return {};
    }
  }

  static std::string_view Reorder(const Event& ev) {
    const std::string_view v = Value(*ev.e, "canReorder", "yes");
    if (ev.type == Event::kPcEnd && v == "firstNo") return "no";
    return v;
  }

  // Sequences of codes that cannot be reordered: a firstNo code and the
  // "no" codes right after it stay together and in order in the target.
  void Reordering(const std::vector<Event>& source, const std::vector<Event>& target) {
    std::vector<std::vector<std::string>> sequences;
    const Event* previous = nullptr;
    for (const Event& ev : source) {
      if (!IsCode(ev.type)) continue;
      const std::string_view r = Reorder(ev);
      if (r == "firstNo") {
        sequences.push_back({Identity(ev)});
      } else if (r == "no") {
        const bool continues = previous != nullptr && Reorder(*previous) != "yes" && !sequences.empty();
        if (!continues) {
          if (ev.type != Event::kPcEnd) {
            Add(*ev.e, "canReorder.sequence",
                "canReorder='no' must follow a code with canReorder firstNo or no");
          }
        } else {
          sequences.back().push_back(Identity(ev));
        }
      }
      previous = &ev;
    }
    std::vector<std::string> target_codes;
    std::vector<const Event*> target_events;
    for (const Event& ev : target) {
      if (!IsCode(ev.type)) continue;
      target_codes.push_back(Identity(ev));
      target_events.push_back(&ev);
    }
    for (const auto& seq : sequences) {
      auto it = std::find(target_codes.begin(), target_codes.end(), seq.front());
      if (it == target_codes.end()) continue;
      const std::size_t at = static_cast<std::size_t>(it - target_codes.begin());
      for (std::size_t k = 1; k < seq.size(); ++k) {
        if (at + k >= target_codes.size() || target_codes[at + k] != seq[k]) {
          Add(*target_events[at]->e, "canReorder.target",
              "the codes that cannot be reordered (from '" + seq.front() +
                  "') are not kept together and in order in the target");
          break;
        }
      }
    }
  }

  // Codes with canDelete='no' in the source of a segment that has a target
  // must appear in the unit's targets.
  void NonRemovable(const UnitInfo& info, const std::vector<Event>& source,
                    const std::set<int>& parts_with_target, const std::vector<Event>& target) {
    std::set<std::string> present;
    for (const Event& ev : target) {
      if (IsCode(ev.type)) present.insert(Identity(ev));
    }
    for (const Event& ev : source) {
      if (!IsCode(ev.type) || ev.type == Event::kPcEnd) continue;
      if (parts_with_target.count(ev.part) == 0) continue;
      if (Value(*ev.e, "canDelete", "yes") != "no") continue;
      if (ev.type == Event::kEc && ev.e->Value("isolated") != "yes") continue;  // follows its sc
      if (present.count(Identity(ev)) == 0) {
        Add(*ev.e, "canDelete.missing",
            "<" + ev.e->local + " id='" + std::string(ev.e->Value("id")) +
                "'> has canDelete='no' but is missing from the targets of the unit");
      }
    }
    // Comment annotations point to a note of this unit.
    for (const auto& [e, frag] : comment_refs_) {
      const Selector& leaf = frag.selectors.back();
      bool ok = leaf.prefix == "n" && info.note_ids.count(leaf.id) > 0;
      for (std::size_t i = 0; ok && i + 1 < frag.selectors.size(); ++i) {
        const Selector& s = frag.selectors[i];
        if (s.prefix == "f") ok = s.id == file_id_;
        else if (s.prefix == "u") ok = s.id == info.id;
        else ok = false;
      }
      if (ok && frag.selectors.size() > 1 && frag.selectors[frag.selectors.size() - 2].prefix != "u") {
        ok = false;  // f=.../n=... is a note of the file
      }
      if (!ok) {
        Add(*e, "comment.ref", "ref '" + std::string(e->Value("ref")) +
                                   "' does not point to a <note> of this unit");
      }
    }
    comment_refs_.clear();
  }

  // -------------------------------------------------------------- extensions and modules

  void Extension(const Element& e, Where where, const Element& container, std::set<std::string>& ext_ids) {
    if (IsModule(e.uri)) {
      Module(e, where, container);
      return;
    }
    ExtensionIds(e, ext_ids);
  }

  // Ids of extension elements are unique among those of one container.
  void ExtensionIds(const Element& e, std::set<std::string>& ids) {
    for (const Attribute& a : e.attributes) {
      if (a.local != "id" || (!a.uri.empty() && a.uri != dom::kXmlNamespace)) continue;
      if (!ids.insert(a.value).second) {
        Add(e, "extension.id-unique", "id '" + a.value + "' is used twice by extension elements here");
      }
    }
    for (const Element* c : e.ElementChildren()) {
      if (c->uri != ns_ && !IsModule(c->uri)) ExtensionIds(*c, ids);
    }
  }

  void Module(const Element& e, Where where, const Element& container) {
    const std::string& n = e.local;
    auto only = [&](std::initializer_list<Where> allowed, std::string_view places) {
      if (std::find(allowed.begin(), allowed.end(), where) == allowed.end()) {
        Add(e, "module.placement", "<" + e.qname + "> belongs in " + std::string(places));
        return false;
      }
      return true;
    };
    if (e.uri == kMtc && n == "matches") {
      if (only({Where::kUnit}, "<unit>")) Matches(e);
    } else if (e.uri == kGls && n == "glossary") {
      if (only({Where::kUnit}, "<unit>")) Glossary(e);
    } else if (e.uri == kMda && n == "metadata") {
      Metadata(e);
    } else if (e.uri == kRes && n == "resourceData") {
      ResourceData(e);
    } else if (e.uri == kCtr && n == "changeTrack") {
      ChangeTrack(e, container);
    } else if (e.uri == kSlr && n == "profiles") {
      only({Where::kFile}, "<file>");
    } else if (e.uri == kSlr && n == "data") {
      return;  // its ids are what sizeInfoRef points at
    } else if (e.uri == kVal && n == "validation") {
      Validation(e);
    } else if (e.uri == kIts || e.uri == kItsXlf) {
      return;
    } else {
      Add(e, "module.element", "<" + e.qname + "> is not an element of its module, or not allowed here");
    }
  }

  void Matches(const Element& m) {
    std::set<std::string> ids;
    for (const Element* match : m.ElementChildren()) {
      if (match->uri != kMtc || match->local != "match") {
        Add(*match, "mtc.content", "<mtc:matches> holds <mtc:match> elements only");
        continue;
      }
      for (const Attribute& a : match->attributes) {
        if (a.uri == dom::kXmlNamespace && a.local == "lang") {
          Add(*match, "mtc.match.xml-lang", "xml:lang must not be set on <mtc:match>");
        }
      }
      Attributes(*match, "mtc:match",
                 {"id", "ref", "similarity", "matchQuality", "matchSuitability", "origin", "reference",
                  "type", "subType"},
                 Foreign::kAny, false);
      Id(*match, false);
      if (const std::string id(match->Value("id")); !id.empty() && !ids.insert(id).second) {
        Add(*match, "mtc.match.id-unique", "match id '" + id + "' is used twice in <mtc:matches>");
      }
      YesNo(*match, "reference");
      for (std::string_view attr : {"similarity", "matchQuality", "matchSuitability"}) {
        if (const Attribute* a = match->Find(attr); a && !IsScore(a->value)) {
          Add(*match, "mtc.match.score", std::string(attr) + " '" + a->value + "' must be a number from 0 to 100");
        }
      }
      static const std::set<std::string_view> types = {"am", "mt", "icm", "idm", "tb", "tm", "other"};
      if (const Attribute* t = match->Find("type"); t && types.count(t->value) == 0) {
        Add(*match, "mtc.match.type", "type '" + t->value + "' must be am, mt, icm, idm, tb, tm or other");
      }
      if (match->Has("subType")) {
        if (!match->Has("type")) Add(*match, "mtc.match.subType-needs-type", "subType needs type");
        UserDefined(*match, "subType");
      }
      if (!match->Has("ref")) {
        Add(*match, "mtc.match.ref", "<mtc:match> needs ref");
      } else {
        MatchRef(*match);
      }
      bool source = false, target = false;
      for (const Element* c : match->ElementChildren()) {
        if (IsCore(*c, "source")) source = true;
        if (IsCore(*c, "target")) target = true;
        if (c->uri == kMda && c->local == "metadata") Metadata(*c);
      }
      if (!source || !target) Add(*match, "mtc.match.content", "<mtc:match> needs a <source> and a <target>");
    }
  }

  static bool IsScore(std::string_view v) {
    if (v.empty()) return false;
    double value = 0;
    try {
      std::size_t used = 0;
      value = std::stod(std::string(v), &used);
      if (used != v.size()) return false;
    } catch (...) {
      return false;
    }
    return value >= 0 && value <= 100;
  }

  // A match points at a span of text of its own unit.
  void MatchRef(const Element& match) {
    const std::string ref(match.Value("ref"));
    Fragment frag;
    if (auto problem = ParseFragment(ref, frag)) {
      Add(match, "mtc.match.ref", "ref '" + ref + "': " + *problem);
      return;
    }
    const UnitInfo& info = *unit_;
    bool ok = true;
    for (std::size_t i = 0; ok && i + 1 < frag.selectors.size(); ++i) {
      const Selector& s = frag.selectors[i];
      if (s.prefix == "f") ok = s.id == file_id_;
      else if (s.prefix == "u") ok = s.id == info.id;
      else ok = false;
    }
    const Selector& leaf = frag.selectors.back();
    if (ok) {
      if (leaf.prefix == "t") {
        ok = info.target_marker_ids.count(leaf.id) > 0;
      } else if (leaf.prefix.empty()) {
        bool part = false;
        for (const Element* p : info.parts) part = part || p->Value("id") == leaf.id;
        ok = part || info.source_marker_ids.count(leaf.id) > 0;
      } else {
        ok = false;
      }
    }
    if (!ok) Add(match, "mtc.match.ref", "ref '" + ref + "' does not point to a segment or marker of this unit");
  }

  void Glossary(const Element& g) {
    std::set<std::string> ids;
    int entries = 0;
    for (const Element* entry : g.ElementChildren()) {
      if (entry->uri != kGls || entry->local != "glossEntry") {
        Add(*entry, "gls.content", "<gls:glossary> holds <gls:glossEntry> elements only");
        continue;
      }
      ++entries;
      Attributes(*entry, "gls:glossEntry", {"id", "ref"}, Foreign::kAny, false);
      GlossId(*entry, ids);
      GlossRef(*entry);
      int terms = 0;
      bool translation_or_definition = false;
      for (const Element* c : entry->ElementChildren()) {
        if (c->uri == kGls && c->local == "term") {
          ++terms;
          Attributes(*c, "gls:term", {"source"}, Foreign::kAny, false);
        } else if (c->uri == kGls && c->local == "translation") {
          translation_or_definition = true;
          Attributes(*c, "gls:translation", {"id", "ref", "source"}, Foreign::kAny, false);
          GlossId(*c, ids);
          GlossRef(*c);
        } else if (c->uri == kGls && c->local == "definition") {
          translation_or_definition = true;
          Attributes(*c, "gls:definition", {"source"}, Foreign::kAny, false);
        } else if (c->uri == ns_ || IsModule(c->uri)) {
          Add(*c, "gls.glossEntry.content", "<" + c->qname + "> is not allowed in <gls:glossEntry>");
        }
      }
      if (terms != 1) Add(*entry, "gls.glossEntry.term", "<gls:glossEntry> needs exactly one <gls:term>");
      if (!translation_or_definition) {
        Add(*entry, "gls.glossEntry.content", "<gls:glossEntry> needs a <gls:translation> or a <gls:definition>");
      }
    }
    if (entries == 0) Add(g, "gls.glossary.entry-required", "<gls:glossary> needs a <gls:glossEntry>");
  }

  void GlossId(const Element& e, std::set<std::string>& ids) {
    Id(e, false);
    if (const std::string id(e.Value("id")); !id.empty() && !ids.insert(id).second) {
      Add(e, "gls.id-unique", "id '" + id + "' is used twice in this glossary");
    }
  }
  void GlossRef(const Element& e) {
    const std::string ref(e.Value("ref"));
    if (ref.empty() || ref[0] != '#') return;
    Fragment frag;
    if (auto problem = ParseFragment(ref, frag)) Add(e, "fragment-identifier", "ref '" + ref + "': " + *problem);
  }

  void Metadata(const Element& m) {
    Attributes(m, "mda:metadata", {"id"}, Foreign::kNone, false);
    std::set<std::string> ids;
    MetaId(m, ids);
    int groups = 0;
    for (const Element* g : m.ElementChildren()) {
      if (g->uri == kMda && g->local == "metaGroup") {
        ++groups;
        MetaGroup(*g, ids);
      } else {
        Add(*g, "mda.content", "<mda:metadata> holds <mda:metaGroup> elements only");
      }
    }
    if (groups == 0) Add(m, "mda.metaGroup-required", "<mda:metadata> needs a <mda:metaGroup>");
  }

  void MetaId(const Element& e, std::set<std::string>& ids) {
    Id(e, false);
    if (const std::string id(e.Value("id")); !id.empty() && !ids.insert(id).second) {
      Add(e, "mda.id-unique", "id '" + id + "' is used twice in this metadata");
    }
  }

  void MetaGroup(const Element& g, std::set<std::string>& ids) {
    Attributes(g, "mda:metaGroup", {"id", "category", "priority", "appliesTo"}, Foreign::kNone, false);
    MetaId(g, ids);
    if (const Attribute* a = g.Find("appliesTo");
        a && a->value != "source" && a->value != "target" && a->value != "ignorable") {
      Add(g, "mda.metaGroup.appliesTo", "appliesTo='" + a->value + "' must be source, target or ignorable");
    }
    int children = 0;
    for (const Element* c : g.ElementChildren()) {
      ++children;
      if (c->uri == kMda && c->local == "metaGroup") {
        MetaGroup(*c, ids);
      } else if (c->uri == kMda && c->local == "meta") {
        Attributes(*c, "mda:meta", {"type"}, Foreign::kNone, false);
        if (!c->Has("type")) Add(*c, "mda.meta.type-required", "<mda:meta> needs type");
      } else {
        Add(*c, "mda.content", "<mda:metaGroup> holds <mda:meta> and <mda:metaGroup> elements only");
      }
    }
    if (children == 0) Add(g, "mda.metaGroup.empty", "<mda:metaGroup> needs a <mda:meta> or <mda:metaGroup>");
  }

  void ResourceData(const Element& r) {
    std::set<std::string> ids;
    for (const Element* c : r.ElementChildren()) {
      if (c->uri != kRes || (c->local != "resourceItem" && c->local != "resourceItemRef")) {
        Add(*c, "res.content", "<res:resourceData> holds <res:resourceItem> and <res:resourceItemRef> only");
        continue;
      }
      Id(*c, false);
      if (const std::string id(c->Value("id")); !id.empty() && !ids.insert(id).second) {
        Add(*c, "res.id-unique", "id '" + id + "' is used twice in this resource data");
      }
      if (c->local == "resourceItemRef") {
        if (!c->Has("ref")) Add(*c, "res.resourceItemRef.ref", "<res:resourceItemRef> needs ref");
        continue;
      }
      YesNo(*c, "context");
      for (const Element* item : c->ElementChildren()) {
        if (item->uri != kRes) continue;
        const bool empty = item->ElementChildren().empty() && !item->HasNonSpaceText();
        if (item->local == "source" || item->local == "target") {
          // The suite's valid files give res:target languages other than
          // trgLang (a resource may be a reference); only the source is tied.
          if (item->Has("href") == !empty) {
            Add(*item, "res.href", empty ? "an empty <res:" + item->local + "> needs href"
                                         : "<res:" + item->local + "> with content must not have href");
          }
          const Attribute* lang = item->Find("lang", dom::kXmlNamespace);
          if (item->local == "source" && lang && !EqualsIgnoreCase(lang->value, src_lang_)) {
            Add(*item, "res.xml-lang", "xml:lang '" + lang->value +
                                           "' of <res:source> differs from srcLang '" + src_lang_ + "'");
          }
        }
      }
    }
  }

  // Attributes and ids of the core elements inside a container, for
  // change-tracking references.
  void CoreDescendants(const Element& e, std::vector<const Element*>& out) {
    for (const Element* c : e.ElementChildren()) {
      if (c->uri != ns_) continue;
      out.push_back(c);
      if (c->local != "unit" && c->local != "group") CoreDescendants(*c, out);
    }
  }

  void ChangeTrack(const Element& track, const Element& container) {
    std::vector<const Element*> core;
    CoreDescendants(container, core);
    for (const Element* revisions : track.ElementChildren()) {
      if (revisions->uri != kCtr || revisions->local != "revisions") {
        Add(*revisions, "ctr.content", "<ctr:changeTrack> holds <ctr:revisions> only");
        continue;
      }
      const std::string applies(revisions->Value("appliesTo"));
      if (applies.empty()) Add(*revisions, "ctr.revisions.appliesTo", "<ctr:revisions> needs appliesTo");
      const Element* target = nullptr;
      if (const Attribute* ref = revisions->Find("ref")) {
        for (const Element* c : core) {
          if (c->Value("id") == ref->value) target = c;
        }
        if (target == nullptr) {
          Add(*revisions, "ctr.revisions.ref", "ref '" + ref->value + "' names no element of the enclosing " + container.local);
        }
      } else if (!applies.empty()) {
        int count = 0;
        for (const Element* c : core) count += c->local == applies ? 1 : 0;
        if (count > 1) {
          Add(*revisions, "ctr.revisions.ref",
              "appliesTo='" + applies + "' is ambiguous here (" + std::to_string(count) + " of them): give ref");
        } else if (count == 1) {
          for (const Element* c : core) {
            if (c->local == applies) target = c;
          }
        }
      }
      for (const Element* revision : revisions->ElementChildren()) {
        if (revision->uri != kCtr || revision->local != "revision") {
          Add(*revision, "ctr.content", "<ctr:revisions> holds <ctr:revision> only");
          continue;
        }
        std::set<std::string> properties;
        for (const Element* item : revision->ElementChildren()) {
          if (item->uri != kCtr || item->local != "item") {
            Add(*item, "ctr.content", "<ctr:revision> holds <ctr:item> only");
            continue;
          }
          const std::string property(item->Value("property"));
          if (property.empty()) {
            Add(*item, "ctr.item.property", "<ctr:item> needs property");
            continue;
          }
          if (!properties.insert(property).second) {
            Add(*item, "ctr.item.property", "property '" + property + "' appears twice in one revision");
          }
          if (property != "content" && target != nullptr && !target->Has(property)) {
            Add(*item, "ctr.item.property",
                "property '" + property + "' is neither content nor an attribute of the <" +
                    target->local + "> it applies to");
          }
        }
      }
    }
  }

  void Validation(const Element& v) {
    int rules = 0;
    for (const Element* rule : v.ElementChildren()) {
      if (rule->uri != kVal || rule->local != "rule") {
        Add(*rule, "val.content", "<val:validation> holds <val:rule> only");
        continue;
      }
      ++rules;
      Attributes(*rule, "val:rule",
                 {"isPresent", "occurs", "isNotPresent", "startsWith", "endsWith", "existsInSource",
                  "caseSensitive", "normalization", "disabled"},
                 Foreign::kAny, false);
      int kinds = 0;
      for (std::string_view k : {"isPresent", "isNotPresent", "startsWith", "endsWith"}) kinds += rule->Has(k) ? 1 : 0;
      bool custom = false;
      for (const Attribute& a : rule->attributes) {
        if (!a.is_namespace_declaration() && !a.uri.empty() && a.uri != dom::kXmlNamespace) custom = true;
      }
      if (kinds + (custom ? 1 : 0) != 1) {
        Add(*rule, "val.rule.kind",
            "a rule needs exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom attribute");
      }
      if (rule->Has("existsInSource")) {
        YesNo(*rule, "existsInSource");
        int allowed = 0;
        for (std::string_view k : {"isPresent", "startsWith", "endsWith"}) allowed += rule->Has(k) ? 1 : 0;
        if (allowed != 1 || rule->Has("isNotPresent")) {
          Add(*rule, "val.rule.existsInSource", "existsInSource goes with exactly one of isPresent, startsWith, endsWith");
        }
      }
      YesNo(*rule, "caseSensitive");
      YesNo(*rule, "disabled");
      if (const Attribute* n = rule->Find("normalization");
          n && n->value != "none" && n->value != "nfc" && n->value != "nfd") {
        Add(*rule, "val.rule.normalization", "normalization='" + n->value + "' must be none, nfc or nfd");
      }
      if (const Attribute* o = rule->Find("occurs");
          o && (!IsNonNegativeInteger(o->value) || o->value.find_first_not_of('0') == std::string::npos)) {
        Add(*rule, "val.rule.occurs", "occurs='" + o->value + "' must be a positive integer");
      }
    }
    if (rules == 0) Add(v, "val.rule-required", "<val:validation> needs a <val:rule>");
  }

  // slr:sizeInfoRef points into an slr:data that is a child of the element's
  // parent or of one of its ancestors.
  void ResolveSizeInfoRefs() {
    for (const auto& [e, ref, ancestors] : size_info_refs_) {
      bool found = false;
      for (const Element* a : ancestors) {
        for (const Element* c : a->ElementChildren()) {
          if (c->uri == kSlr && c->local == "data" && HasDescendantId(*c, ref)) found = true;
        }
      }
      if (!found) {
        Add(*e, "slr.sizeInfoRef", "sizeInfoRef '" + ref + "' names nothing in an <slr:data> of an enclosing element");
      }
    }
    size_info_refs_.clear();
  }

  static bool HasDescendantId(const Element& e, const std::string& id) {
    for (const Element* c : e.ElementChildren()) {
      for (const Attribute& a : c->attributes) {
        if (a.local == "id" && a.value == id) return true;
      }
      if (HasDescendantId(*c, id)) return true;
    }
    return false;
  }

  const Element& root_;
  Findings& f_;
  std::string ns_;
  std::string src_lang_;
  std::string trg_lang_;
  std::string file_id_;
  std::set<std::string> container_ids_;  // group and unit ids of the current file
  std::set<std::string> unit_ids_;
  std::set<std::string> part_ids_seen_;
  const UnitInfo* unit_ = nullptr;       // while reading a unit's extensions
  std::vector<const Element*> ancestors_;
  std::vector<std::tuple<const Element*, std::string, std::vector<const Element*>>> size_info_refs_;
  std::vector<std::pair<const Element*, Fragment>> comment_refs_;
};

}  // namespace

void ValidateXliff2Tree(const dom::Element& root, Findings& findings) { Xliff2(root, findings).Run(); }

}  // namespace lovcen::formats::validation
