// TMX writer: everything is appended to one buffer with hand-rolled escaping
// (a table lookup per byte, runs of plain bytes copied at once) and flushed
// in large blocks.
#include "lovcen/formats/tmx_writer.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace lovcen::formats {
namespace {

// Byte classes for escaping. kInvalid: a byte XML 1.0 cannot carry (C0
// controls but tab, LF, CR); kCheck: 0xEF, which may start U+FFFE/U+FFFF.
enum ByteClass : unsigned char { kPlain, kEscape, kAttrEscape, kInvalid, kCheck };

constexpr std::array<unsigned char, 256> MakeClasses() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kInvalid;
  t['\t'] = kAttrEscape;
  t['\n'] = kAttrEscape;
  t['\r'] = kEscape;
  t['&'] = kEscape;
  t['<'] = kEscape;
  t['>'] = kEscape;
  t['"'] = kAttrEscape;
  t[0xEF] = kCheck;
  return t;
}
constexpr std::array<unsigned char, 256> kClasses = MakeClasses();

// Appends `text` escaped for element content (attr = false) or a
// double-quoted attribute (attr = true). Returns false, having appended
// what it could, when the text holds a character XML 1.0 cannot carry.
bool AppendEscaped(std::string& out, std::string_view text, bool attr) {
  bool ok = true;
  const char* p = text.data();
  const char* end = p + text.size();
  const char* run = p;
  while (p < end) {
    const unsigned char cls = kClasses[static_cast<unsigned char>(*p)];
    if (cls == kPlain || (cls == kAttrEscape && !attr)) {
      ++p;
      continue;
    }
    if (cls == kCheck) {
      if (end - p >= 3 && static_cast<unsigned char>(p[1]) == 0xBF &&
          (static_cast<unsigned char>(p[2]) == 0xBE || static_cast<unsigned char>(p[2]) == 0xBF)) {
        ok = false;
      }
      ++p;
      continue;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    switch (*p) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        ok = false;  // kInvalid: left out
    }
    ++p;
    run = p;
  }
  out.append(run, static_cast<std::size_t>(p - run));
  return ok;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == ':' || c == '.';
}

// True when `native` is XML content the TMX DTD allows inside a code:
// character data with valid references, and only sub/bpt/ept/it/ph/hi/ut
// tags. A lexical check: enough that writing it verbatim cannot break the
// document's well-formedness in the common cases, and cheap.
bool IsCodeContent(std::string_view s) {
  static constexpr std::string_view kTags[] = {"sub", "bpt", "ept", "it", "ph", "hi", "ut"};
  if (s.find("]]>") != std::string_view::npos) return false;  // never allowed in content
  std::vector<std::string_view> open;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const unsigned char cls = kClasses[static_cast<unsigned char>(c)];
    if (cls == kInvalid) return false;
    if (c == '&') {
      const std::size_t semi = s.find(';', i);
      if (semi == std::string_view::npos) return false;
      const std::string_view ref = s.substr(i + 1, semi - i - 1);
      const bool named =
          ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos";
      bool numeric = ref.size() > 1 && ref[0] == '#';
      if (numeric) {
        const bool hex = ref[1] == 'x';
        const std::string_view digits = ref.substr(hex ? 2 : 1);
        numeric = !digits.empty() && std::all_of(digits.begin(), digits.end(), [&](char d) {
          return (d >= '0' && d <= '9') ||
                 (hex && ((d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F')));
        });
      }
      if (!named && !numeric) return false;
      i = semi + 1;
    } else if (c == '<') {
      const bool closing = i + 1 < s.size() && s[i + 1] == '/';
      std::size_t j = i + (closing ? 2 : 1);
      const std::size_t name_start = j;
      while (j < s.size() && IsNameChar(s[j])) ++j;
      const std::string_view name = s.substr(name_start, j - name_start);
      if (std::find(std::begin(kTags), std::end(kTags), name) == std::end(kTags)) return false;
      char quote = 0;
      for (; j < s.size(); ++j) {
        if (quote != 0) {
          if (s[j] == quote) quote = 0;
          if (s[j] == '<') return false;
        } else if (s[j] == '"' || s[j] == '\'') {
          quote = s[j];
        } else if (s[j] == '<') {
          return false;
        } else if (s[j] == '>') {
          break;
        }
      }
      if (j >= s.size()) return false;
      const bool empty = s[j - 1] == '/';
      if (closing) {
        if (open.empty() || open.back() != name) return false;
        open.pop_back();
      } else if (!empty) {
        open.push_back(name);
      }
      i = j + 1;
    } else {
      ++i;
    }
  }
  return open.empty();
}

bool OnlyAttributes(const InlineCode& code, std::initializer_list<std::string_view> allowed) {
  return std::all_of(code.attributes.begin(), code.attributes.end(), [&](const auto& a) {
    return std::find(allowed.begin(), allowed.end(), a.first) != allowed.end();
  });
}

bool HasAttribute(const InlineCode& code, std::string_view name) {
  return FindAttribute(code.attributes, name) != nullptr;
}

// A code read from TMX (see tmx.h), written back as its own element.
bool IsTmxCode(const InlineCode& c) {
  if (c.element == "bpt") {
    return c.kind == CodeKind::kOpen && HasAttribute(c, "i") &&
           OnlyAttributes(c, {"i", "x", "type"});
  }
  if (c.element == "ept") {
    return c.kind == CodeKind::kClose && HasAttribute(c, "i") && OnlyAttributes(c, {"i"});
  }
  if (c.element == "it") {
    const std::string* pos = FindAttribute(c.attributes, "pos");
    return c.kind == CodeKind::kStandalone && pos != nullptr &&
           (*pos == "begin" || *pos == "end") && OnlyAttributes(c, {"pos", "x", "type"});
  }
  if (c.element == "ph") {
    return c.kind == CodeKind::kStandalone && OnlyAttributes(c, {"x", "assoc", "type"});
  }
  if (c.element == "ut") return c.kind == CodeKind::kStandalone && OnlyAttributes(c, {"x"});
  return false;
}

bool IsNativeContentElement(std::string_view element) {
  return element == "bpt" || element == "ept" || element == "ph" || element == "it" ||
         element == "ut" || element == "sub";
}

// How each code of a segment is written.
enum class Form : unsigned char { kTmx, kHiOpen, kHiClose, kBpt, kEpt, kItBegin, kItEnd, kPh };

struct Plan {
  std::vector<Form> forms;
  std::vector<unsigned> numbers;  // `i` for generic bpt/ept
};

Plan PlanCodes(const std::vector<InlineCode>& codes) {
  Plan plan;
  const std::size_t n = codes.size();
  plan.forms.assign(n, Form::kPh);
  plan.numbers.assign(n, 0);
  std::vector<bool> used_i;  // i values taken by TMX bpt codes
  std::vector<std::size_t> hi_stack;
  for (std::size_t k = 0; k < n; ++k) {
    const InlineCode& c = codes[k];
    if (c.element == "hi" && c.kind == CodeKind::kOpen && c.native.empty() &&
        OnlyAttributes(c, {"x", "type"})) {
      hi_stack.push_back(k);
      plan.forms[k] = Form::kHiOpen;
      continue;
    }
    if (c.element == "hi" && c.kind == CodeKind::kClose && c.attributes.empty() &&
        c.native.empty() && !hi_stack.empty()) {
      hi_stack.pop_back();
      plan.forms[k] = Form::kHiClose;
      continue;
    }
    if (IsTmxCode(c) && IsCodeContent(c.native)) {
      plan.forms[k] = Form::kTmx;
      if (c.element == "bpt") {
        unsigned i = 0;
        for (char d : *FindAttribute(c.attributes, "i")) {
          if (d < '0' || d > '9' || i > 100000) break;
          i = i * 10 + static_cast<unsigned>(d - '0');
        }
        if (i < 100000) {
          if (used_i.size() <= i) used_i.resize(i + 1);
          used_i[i] = true;
        }
      }
      continue;
    }
    plan.forms[k] = Form::kPh;  // generic codes are settled below
  }
  for (std::size_t k : hi_stack) plan.forms[k] = Form::kPh;  // an unclosed hi

  // Generic opens pair with the next generic close of the same id.
  unsigned next_i = 1;
  std::vector<bool> closed(n, false);
  for (std::size_t k = 0; k < n; ++k) {
    const InlineCode& c = codes[k];
    if (plan.forms[k] != Form::kPh) continue;
    if (c.kind == CodeKind::kStandalone) continue;
    if (c.kind == CodeKind::kClose) {
      if (!closed[k]) plan.forms[k] = Form::kItEnd;
      continue;
    }
    std::size_t partner = n;
    for (std::size_t m = k + 1; m < n; ++m) {
      // By id only: XLIFF 1.2 pairs bpt with ept, g's open with its close.
      if (plan.forms[m] == Form::kPh && !closed[m] && codes[m].kind == CodeKind::kClose &&
          codes[m].id == c.id) {
        partner = m;
        break;
      }
    }
    if (partner == n) {
      plan.forms[k] = Form::kItBegin;
      continue;
    }
    while (next_i < used_i.size() && used_i[next_i]) ++next_i;
    plan.forms[k] = Form::kBpt;
    plan.forms[partner] = Form::kEpt;
    plan.numbers[k] = plan.numbers[partner] = next_i++;
    closed[partner] = true;
  }
  return plan;
}

}  // namespace

namespace {

// The writer's appenders, on a buffer; `ok` turns false on a character XML
// cannot carry.
struct Out {
  std::string& b;
  bool ok = true;

  void Raw(std::string_view s) { b.append(s); }
  void Text(std::string_view s) { ok &= AppendEscaped(b, s, false); }
  void Attr(std::string_view name, std::string_view value) {
    b += ' ';
    b.append(name);
    b += "=\"";
    ok &= AppendEscaped(b, value, true);
    b += '"';
  }
  void Attrs(const TmxAttributes& attrs) {
    for (const auto& [k, v] : attrs) Attr(k, v);
  }
  void Element(std::string_view name, const TmxAttributes& attrs, std::string_view text,
               std::string_view indent) {
    b.append(indent);
    b += '<';
    b.append(name);
    Attrs(attrs);
    b += '>';
    Text(text);
    b += "</";
    b.append(name);
    b += ">\n";
  }
  void Prop(std::string_view type, std::string_view text, std::string_view indent) {
    b.append(indent);
    b += "<prop";
    Attr("type", type);
    b += '>';
    Text(text);
    b += "</prop>\n";
  }
  void Note(std::string_view text, std::string_view indent) {
    b.append(indent);
    b += "<note>";
    Text(text);
    b += "</note>\n";
  }

  // The markup a generic code stands for, as text.
  void GenericMarkup(const InlineCode& c) {
    if (!c.native.empty()) {
      if (IsNativeContentElement(c.element) && IsCodeContent(c.native)) {
        b.append(c.native);
      } else {
        Text(c.native);
      }
      return;
    }
    std::string markup = c.kind == CodeKind::kClose ? "</" : "<";
    markup += c.element;
    if (c.kind != CodeKind::kClose) {
      for (const auto& [k, v] : c.attributes) markup += ' ' + k + "=\"" + v + '"';
    }
    markup += c.kind == CodeKind::kStandalone ? "/>" : ">";
    Text(markup);
  }

  void Code(const InlineCode& c, Form form, unsigned number) {
    switch (form) {
      case Form::kTmx:
        b += '<';
        b.append(c.element);
        Attrs(c.attributes);
        if (c.native.empty()) {
          b += "/>";
        } else {
          b += '>';
          ok &= IsCodeContent(c.native);
          b.append(c.native);
          b += "</";
          b.append(c.element);
          b += '>';
        }
        return;
      case Form::kHiOpen:
        b += "<hi";
        Attrs(c.attributes);
        b += '>';
        return;
      case Form::kHiClose:
        b += "</hi>";
        return;
      case Form::kBpt:
      case Form::kEpt:
        b += form == Form::kBpt ? "<bpt i=\"" : "<ept i=\"";
        b += std::to_string(number);
        b += "\">";
        GenericMarkup(c);
        b += form == Form::kBpt ? "</bpt>" : "</ept>";
        return;
      case Form::kItBegin:
      case Form::kItEnd:
        b += form == Form::kItBegin ? "<it pos=\"begin\">" : "<it pos=\"end\">";
        GenericMarkup(c);
        b += "</it>";
        return;
      case Form::kPh:
        b += "<ph>";
        GenericMarkup(c);
        b += "</ph>";
        return;
    }
  }

  void Seg(const Segment& seg) {
    b += "<seg>";
    const Plan plan = PlanCodes(seg.codes);
    std::size_t from = 0;
    const std::string_view text = seg.text;
    for (std::size_t k = 0; k < seg.codes.size(); ++k) {
      const InlineCode& c = seg.codes[k];
      const std::size_t at = std::min(std::max(c.offset, from), text.size());
      Text(text.substr(from, at - from));
      from = at;
      Code(c, plan.forms[k], plan.numbers[k]);
    }
    if (from < text.size()) Text(text.substr(from));
    b += "</seg>";
  }
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void AttrDate(Out& out, std::string_view name, const std::string& iso) {
  if (iso.empty()) return;
  if (auto tmx = IsoToTmxDate(iso)) out.Attr(name, *tmx);
}

// Props the writer makes from the unit's own fields; a property of the same
// name (say an x-origin value lovcen did not know) would say it twice.
bool IsWrittenFromFields(std::string_view name) {
  return name == "x-origin" || name == "x-story" || name == "x-context-pre" ||
         name == "x-context-post";
}

bool Written(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TmxWriter::TmxWriter(const TmxWriterOptions& options) : options_(options) {
  buffer_.reserve(options_.flush_bytes + (std::size_t{64} << 10));
}

TmxWriter::~TmxWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::error_code ec;
    std::filesystem::remove(temp_path_, ec);
  }
}

Result<std::unique_ptr<TmxWriter>> TmxWriter::Create(const std::string& path,
                                                     const TmxWriterOptions& options) {
  std::unique_ptr<TmxWriter> w(new TmxWriter(options));
  w->path_ = path;
  w->temp_path_ = path + ".tmp-" + std::to_string(::getpid());
  w->file_ = std::fopen(w->temp_path_.c_str(), "wb");
  if (w->file_ == nullptr) return IoError("cannot create output file", path);
  w->WriteHeader();
  return w;
}

std::unique_ptr<TmxWriter> TmxWriter::InMemory(const TmxWriterOptions& options) {
  std::unique_ptr<TmxWriter> w(new TmxWriter(options));
  w->WriteHeader();
  return w;
}

void TmxWriter::WriteHeader() {
  Out out{buffer_};
  out.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
  if (options_.raw_header) {
    const TmxHeader& h = *options_.raw_header;
    out.Raw("<tmx version=\"");
    out.Text(h.version.empty() ? "1.4" : h.version);
    out.Raw("\">\n<header");
    out.Attrs(h.attributes);
    out.Raw(">\n");
    for (const TmxUde& ude : h.udes) {
      out.Raw("  <ude");
      out.Attrs(ude.attributes);
      out.Raw(">\n");
      for (const TmxAttributes& map : ude.maps) {
        out.Raw("    <map");
        out.Attrs(map);
        out.Raw("/>\n");
      }
      out.Raw("  </ude>\n");
    }
    for (const TmxAnnotation& a : h.annotations) {
      out.Element(a.kind == TmxAnnotation::Kind::kNote ? "note" : "prop", a.attributes, a.text,
                  "  ");
    }
    out.Raw("</header>\n<body>\n");
    return;
  }
  out.Raw("<tmx version=\"1.4\">\n<header");
  out.Attr("creationtool", "lovcen");
  out.Attr("creationtoolversion", "0.1.0");
  out.Attr("srclang", options_.source.str());
  out.Attr("adminlang", options_.admin_language);
  out.Attr("datatype", "plaintext");
  out.Attr("segtype", "sentence");
  out.Attr("o-tmf", "lovcen");
  out.Raw("/>\n<body>\n");
}

Status TmxWriter::Write(const TranslationUnit& unit) {
  if (finished_) return UsageError("TmxWriter::Write after Finish");
  const Variant* source = unit.Find(options_.source);
  if (source == nullptr) {
    return NotFound("unit has no " + std::string(options_.source.str()) + " variant");
  }
  std::vector<const Variant*> variants{source};
  if (options_.targets.empty()) {
    for (const Variant& v : unit.variants) {
      if (&v != source) variants.push_back(&v);
    }
  } else {
    for (const LanguageTag& t : options_.targets) {
      const Variant* v = unit.Find(t);
      if (v != nullptr && v != source) variants.push_back(v);
    }
  }
  if (variants.size() < 2) return NotFound("unit has no target variant");

  const std::size_t mark = buffer_.size();
  Out out{buffer_};
  out.Raw("<tu");
  std::vector<std::string_view> names;
  if (!unit.tuid.empty()) {
    out.Attr("tuid", unit.tuid);
    names.push_back("tuid");
  }
  AttrDate(out, "creationdate", unit.created);
  if (!unit.author.empty()) out.Attr("creationid", unit.author);
  AttrDate(out, "changedate", unit.changed);
  names.insert(names.end(), {"creationdate", "creationid", "changedate", "srclang"});
  for (const Property& p : unit.properties) {
    if (!StartsWith(p.name, "tmx:@")) continue;
    const std::string_view name = std::string_view(p.name).substr(5);
    if (name.empty() || Written(names, name)) continue;  // never a duplicate attribute
    out.Attr(name, p.value);
    names.push_back(name);
  }
  out.Raw(">\n");

  out.Prop("x-origin", OriginName(unit.origin), "  ");
  if (!unit.story_key.empty()) out.Prop("x-story", unit.story_key, "  ");
  // OmegaT's prev/next, kept as properties, already say the same.
  const auto has = [&](std::string_view name, const std::string& value) {
    return std::any_of(unit.properties.begin(), unit.properties.end(),
                       [&](const Property& p) { return p.name == name && p.value == value; });
  };
  if (!source->context_pre.empty() && !has("prev", source->context_pre)) {
    out.Prop("x-context-pre", source->context_pre, "  ");
  }
  if (!source->context_post.empty() && !has("next", source->context_post)) {
    out.Prop("x-context-post", source->context_post, "  ");
  }
  for (const Property& p : unit.properties) {
    if (p.name == kTmxNoteProperty) {
      out.Note(p.value, "  ");
    } else if (StartsWith(p.name, "tmx:prop:")) {
      out.Prop(std::string_view(p.name).substr(9), p.value, "  ");
    } else if (!StartsWith(p.name, "tmx:@") && !StartsWith(p.name, "tmx:tuv:") &&
               !IsWrittenFromFields(p.name)) {
      out.Prop(p.name, p.value, "  ");
    }
  }

  std::string prefix;
  for (const Variant* v : variants) {
    prefix = "tmx:tuv:";
    prefix += v->language.str();
    prefix += ':';
    out.Raw("  <tuv");
    out.Attr("xml:lang", v->language.str());
    AttrDate(out, "creationdate", v->created);
    if (!v->author.empty()) out.Attr("creationid", v->author);
    AttrDate(out, "changedate", v->changed);
    std::vector<std::string_view> tuv_names{"xml:lang", "lang", "creationdate", "creationid",
                                            "changedate"};
    bool annotated = v != source && (!v->context_pre.empty() || !v->context_post.empty());
    for (const Property& p : unit.properties) {
      if (!StartsWith(p.name, prefix)) continue;
      const std::string_view rest = std::string_view(p.name).substr(prefix.size());
      if (rest.size() > 1 && rest[0] == '@') {
        if (Written(tuv_names, rest.substr(1))) continue;
        out.Attr(rest.substr(1), p.value);
        tuv_names.push_back(rest.substr(1));
      } else {
        annotated = true;
      }
    }
    if (!annotated) {
      out.Raw(">");
      out.Seg(v->segment);
      out.Raw("</tuv>\n");
      continue;
    }
    out.Raw(">\n");
    if (v != source && !v->context_pre.empty()) out.Prop("x-context-pre", v->context_pre, "    ");
    if (v != source && !v->context_post.empty())
      out.Prop("x-context-post", v->context_post, "    ");
    for (const Property& p : unit.properties) {
      if (!StartsWith(p.name, prefix)) continue;
      const std::string_view rest = std::string_view(p.name).substr(prefix.size());
      if (rest == "note") {
        out.Note(p.value, "    ");
      } else if (StartsWith(rest, "prop:")) {
        out.Prop(rest.substr(5), p.value, "    ");
      }
    }
    out.Raw("    ");
    out.Seg(v->segment);
    out.Raw("\n  </tuv>\n");
  }
  out.Raw("</tu>\n");
  if (!out.ok) {
    buffer_.resize(mark);
    return BadInput(
        "unit holds a character XML 1.0 cannot carry (a control character or U+FFFE/U+FFFF)");
  }
  ++units_;
  return buffer_.size() >= options_.flush_bytes ? Flush() : Status::Ok();
}

Status TmxWriter::WriteRaw(const TmxUnit& unit) {
  if (finished_) return UsageError("TmxWriter::WriteRaw after Finish");
  const std::size_t mark = buffer_.size();
  Out out{buffer_};
  const auto annotations = [&](const std::vector<TmxAnnotation>& list, std::string_view indent) {
    for (const TmxAnnotation& a : list) {
      out.Element(a.kind == TmxAnnotation::Kind::kNote ? "note" : "prop", a.attributes, a.text,
                  indent);
    }
  };
  out.Raw("<tu");
  out.Attrs(unit.attributes);
  out.Raw(">\n");
  annotations(unit.annotations, "  ");
  for (const TmxVariant& v : unit.variants) {
    out.Raw("  <tuv");
    out.Attrs(v.attributes);
    out.Raw(">\n");
    annotations(v.annotations, "    ");
    if (v.has_seg) {
      out.Raw("    ");
      out.Seg(v.segment);
      out.Raw("\n");
    }
    out.Raw("  </tuv>\n");
  }
  out.Raw("</tu>\n");
  if (!out.ok) {
    buffer_.resize(mark);
    return BadInput(unit.Where() + " holds a character XML 1.0 cannot carry");
  }
  ++units_;
  return buffer_.size() >= options_.flush_bytes ? Flush() : Status::Ok();
}

Status TmxWriter::Flush() {
  if (file_ == nullptr || buffer_.empty()) return Status::Ok();
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return IoError("write failed (disk full?)", path_);
  }
  flushed_ += buffer_.size();
  buffer_.clear();
  return Status::Ok();
}

Status TmxWriter::Finish() {
  if (finished_) return Status::Ok();
  finished_ = true;
  buffer_ += "</body>\n</tmx>\n";
  if (file_ == nullptr) return Status::Ok();
  LOVCEN_RETURN_IF_ERROR(Flush());
  const bool synced = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  std::error_code ec;
  if (!synced || !closed) {
    std::filesystem::remove(temp_path_, ec);
    return IoError("write failed", path_);
  }
  std::filesystem::rename(temp_path_, path_, ec);
  if (ec) {
    std::filesystem::remove(temp_path_, ec);
    return IoError("cannot move output into place: " + ec.message(), path_);
  }
  return Status::Ok();
}

}  // namespace lovcen::formats
