// TMX reader: a SAX2 handler that fills one TmxUnit at a time and hands it
// to the caller, then reuses it. Element names are classified from Xerces'
// UTF-16 strings directly so the hot path does no transcoding but the text.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include "lovcen/formats/tmx.h"
#include "tmx_internal.h"

namespace lovcen::formats {

using xercesc::Attributes;
using xercesc::Locator;

const std::string* FindAttribute(const TmxAttributes& attributes, std::string_view name) {
  for (const auto& [k, v] : attributes) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string_view TmxAnnotation::type() const {
  if (kind != Kind::kProp) return {};
  const std::string* t = FindAttribute(attributes, "type");
  return t ? std::string_view(*t) : std::string_view();
}

std::string_view TmxHeader::srclang() const {
  const std::string* s = FindAttribute(attributes, "srclang");
  return s ? std::string_view(*s) : std::string_view();
}

std::string_view TmxUnit::tuid() const {
  const std::string* s = FindAttribute(attributes, "tuid");
  return s ? std::string_view(*s) : std::string_view();
}

std::string TmxUnit::Where() const {
  const std::string_view id = tuid();
  if (id.empty()) return "tu at line " + std::to_string(line);
  return "tu '" + std::string(id) + "' (line " + std::to_string(line) + ")";
}

namespace {

enum class El : unsigned char {
  kOther,
  kTmx,
  kHeader,
  kBody,
  kTu,
  kTuv,
  kSeg,
  kNote,
  kProp,
  kUde,
  kMap,
  kBpt,
  kEpt,
  kIt,
  kPh,
  kHi,
  kSub,
  kUt,
};

bool Is(const XMLCh* s, const char* ascii) {
  for (; *ascii != '\0'; ++s, ++ascii) {
    if (*s != static_cast<XMLCh>(*ascii)) return false;
  }
  return *s == 0;
}

El Classify(const XMLCh* uri, const XMLCh* local) {
  if (uri != nullptr && *uri != 0) return El::kOther;  // TMX has no namespace
  switch (local[0]) {
    case 'b':
      if (Is(local, "bpt")) return El::kBpt;
      if (Is(local, "body")) return El::kBody;
      break;
    case 'e':
      if (Is(local, "ept")) return El::kEpt;
      break;
    case 'h':
      if (Is(local, "hi")) return El::kHi;
      if (Is(local, "header")) return El::kHeader;
      break;
    case 'i':
      if (Is(local, "it")) return El::kIt;
      break;
    case 'm':
      if (Is(local, "map")) return El::kMap;
      break;
    case 'n':
      if (Is(local, "note")) return El::kNote;
      break;
    case 'p':
      if (Is(local, "ph")) return El::kPh;
      if (Is(local, "prop")) return El::kProp;
      break;
    case 's':
      if (Is(local, "seg")) return El::kSeg;
      if (Is(local, "sub")) return El::kSub;
      break;
    case 't':
      if (Is(local, "tu")) return El::kTu;
      if (Is(local, "tuv")) return El::kTuv;
      if (Is(local, "tmx")) return El::kTmx;
      break;
    case 'u':
      if (Is(local, "ude")) return El::kUde;
      if (Is(local, "ut")) return El::kUt;
      break;
    default:
      break;
  }
  return El::kOther;
}

bool IsCode(El el) {
  return el == El::kBpt || el == El::kEpt || el == El::kIt || el == El::kPh || el == El::kUt;
}

// Overwrites `out` in place: the strings of a recycled list keep their
// capacity, so the attributes of a steady stream of <tu> allocate nothing.
void ReadAttributes(const Attributes& attrs, TmxAttributes& out) {
  const XMLSize_t n = attrs.getLength();
  out.resize(n);
  for (XMLSize_t i = 0; i < n; ++i) {
    out[i].first.clear();
    AppendUtf8(out[i].first, attrs.getQName(i));
    out[i].second.clear();
    AppendUtf8(out[i].second, attrs.getValue(i));
  }
}

class TmxHandler : public xercesc::DefaultHandler {
 public:
  explicit TmxHandler(const TmxReadCallbacks& callbacks) : callbacks_(callbacks) {
    stack_.reserve(64);
  }

  const std::optional<Error>& stopped() const { return stopped_; }
  bool seen_root() const { return seen_root_; }

  void setDocumentLocator(const Locator* const locator) override { locator_ = locator; }

  void startElement(const XMLCh* const uri, const XMLCh* const local, const XMLCh* const qname,
                    const Attributes& attrs) override {
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return;
    }
    const El el = Classify(uri, local);
    if (!seen_root_) {
      seen_root_ = true;
      if (el != El::kTmx) {
        throw XmlContentError("root element is <" + ToUtf8(qname) +
                              ">, not <tmx>: not a TMX document");
      }
      if (const XMLCh* v = attrs.getValue(u"version"); v != nullptr) {
        header_.version = ToUtf8(v);
      }
      stack_.push_back(el);
      return;
    }
    if (native_depth_ > 0) {
      StartInsideCode(el, qname, attrs);
      return;
    }
    switch (stack_.back()) {
      case El::kTmx:
        if (el == El::kHeader) {
          header_.line = Line();
          ReadAttributes(attrs, header_.attributes);
        } else if (el == El::kBody) {
          SendHeader();
        } else {
          Skip();  // not TMX: an extension we do not read
          return;
        }
        break;
      case El::kHeader:
        if (el == El::kNote || el == El::kProp) {
          StartAnnotation(el, attrs, header_.annotations);
        } else if (el == El::kUde) {
          header_.udes.emplace_back();
          ReadAttributes(attrs, header_.udes.back().attributes);
        } else {
          Skip();
          return;
        }
        break;
      case El::kUde:
        if (el != El::kMap) {
          Skip();
          return;
        }
        header_.udes.back().maps.emplace_back();
        ReadAttributes(attrs, header_.udes.back().maps.back());
        break;
      case El::kBody:
        if (el != El::kTu) {
          Skip();
          return;
        }
        StartUnit(attrs);
        break;
      case El::kTu:
        if (el == El::kNote || el == El::kProp) {
          StartAnnotation(el, attrs, unit_.annotations);
        } else if (el == El::kTuv) {
          StartVariant(attrs);
        } else {
          Problem(qname, "is not allowed in <tu>");
          Skip();
          return;
        }
        break;
      case El::kTuv:
        if (el == El::kNote || el == El::kProp) {
          StartAnnotation(el, attrs, unit_.variants.back().annotations);
        } else if (el == El::kSeg) {
          TmxVariant& v = unit_.variants.back();
          if (v.has_seg) Problem(qname, "appears twice in one <tuv>");
          v.has_seg = true;
          text_ = &v.segment.text;
        } else {
          Problem(qname, "is not allowed in <tuv>");
          Skip();
          return;
        }
        break;
      case El::kSeg:
      case El::kHi:
        if (IsCode(el)) {
          StartCode(el, qname, attrs);
        } else if (el == El::kHi) {
          StartHi(qname, attrs);
        } else {
          Problem(qname, "is not allowed in <seg>");
          Skip();
          return;
        }
        break;
      default:  // note, prop, map hold text only
        Problem(qname, "is not allowed here");
        Skip();
        return;
    }
    stack_.push_back(el);
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const qname) override {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return;
    }
    if (native_depth_ > 0) {
      stack_.pop_back();
      if (--native_depth_ == 0) {
        text_ = &unit_.variants.back().segment.text;
      } else {
        std::string& native = CurrentSegment().codes[native_code_].native;
        native += "</";
        AppendUtf8(native, qname);
        native += '>';
      }
      return;
    }
    const El el = stack_.back();
    stack_.pop_back();
    switch (el) {
      case El::kNote:
      case El::kProp:
        text_ = nullptr;
        break;
      case El::kHeader:
        SendHeader();
        break;
      case El::kSeg:
        text_ = nullptr;
        break;
      case El::kHi: {
        Segment& seg = CurrentSegment();
        InlineCode close;
        close.kind = CodeKind::kClose;
        close.offset = seg.text.size();
        close.element = "hi";
        close.id = seg.codes[open_hi_.back()].id;
        open_hi_.pop_back();
        seg.codes.push_back(std::move(close));
        break;
      }
      case El::kTuv: {
        const TmxVariant& v = unit_.variants.back();
        if (v.lang.empty())
          ProblemText("<tuv> at line " + std::to_string(v.line) + " has no xml:lang");
        if (!v.has_seg) ProblemText("<tuv> at line " + std::to_string(v.line) + " has no <seg>");
        break;
      }
      case El::kTu:
        if (unit_.variants.empty()) ProblemText("<tu> has no <tuv>");
        in_unit_ = false;
        if (Status s = callbacks_.on_unit(unit_); !s.ok()) Stop(s.error());
        break;
      default:
        break;
    }
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (skip_depth_ > 0) return;
    if (native_depth_ > 0) {
      AppendEscapedUtf8(CurrentSegment().codes[native_code_].native, chars, length);
    } else if (text_ != nullptr) {
      AppendUtf8(*text_, chars, length);
    }
  }

  void endDocument() override { SendHeader(); }

 private:
  int Line() const { return locator_ ? static_cast<int>(locator_->getLineNumber()) : 0; }

  Segment& CurrentSegment() { return unit_.variants.back().segment; }

  void Skip() { skip_depth_ = 1; }

  void ProblemText(std::string text) {
    if (unit_.problem.empty()) unit_.problem = std::move(text);
  }

  void Problem(const XMLCh* qname, const char* what) {
    if (!in_unit_ || !unit_.problem.empty()) return;
    unit_.problem = "<" + ToUtf8(qname) + "> at line " + std::to_string(Line()) + " " + what;
  }

  void Stop(Error error) {
    stopped_ = std::move(error);
    throw XmlContentError("read stopped: " + stopped_->message);
  }

  void SendHeader() {
    if (header_sent_) return;
    header_sent_ = true;
    if (callbacks_.on_header) {
      if (Status s = callbacks_.on_header(header_); !s.ok()) Stop(s.error());
    }
  }

  // Units, variants and annotations are recycled: cleared objects keep their
  // capacity, so a steady read allocates almost nothing per <tu>.
  TmxAnnotation& NewAnnotation(std::vector<TmxAnnotation>& into) {
    if (spare_annotations_.empty()) {
      into.emplace_back();
    } else {
      into.push_back(std::move(spare_annotations_.back()));
      spare_annotations_.pop_back();
    }
    return into.back();
  }

  void Recycle(std::vector<TmxAnnotation>& list) {
    for (TmxAnnotation& a : list) {
      a.text.clear();  // the attributes are overwritten when it is reused
      spare_annotations_.push_back(std::move(a));
    }
    list.clear();
  }

  void StartAnnotation(El el, const Attributes& attrs, std::vector<TmxAnnotation>& into) {
    TmxAnnotation& a = NewAnnotation(into);
    a.kind = el == El::kNote ? TmxAnnotation::Kind::kNote : TmxAnnotation::Kind::kProp;
    ReadAttributes(attrs, a.attributes);
    if (el == El::kProp && in_unit_ && FindAttribute(a.attributes, "type") == nullptr) {
      ProblemText("<prop> at line " + std::to_string(Line()) + " has no type");
    }
    text_ = &a.text;
  }

  void StartUnit(const Attributes& attrs) {
    Recycle(unit_.annotations);
    for (TmxVariant& v : unit_.variants) {
      v.lang.clear();
      Recycle(v.annotations);
      v.segment.text.clear();
      v.segment.codes.clear();
      v.has_seg = false;
      spare_variants_.push_back(std::move(v));
    }
    unit_.variants.clear();
    unit_.problem.clear();
    unit_.line = Line();
    in_unit_ = true;
    ReadAttributes(attrs, unit_.attributes);
  }

  void StartVariant(const Attributes& attrs) {
    if (spare_variants_.empty()) {
      unit_.variants.emplace_back();
    } else {
      unit_.variants.push_back(std::move(spare_variants_.back()));
      spare_variants_.pop_back();
    }
    TmxVariant& v = unit_.variants.back();
    v.line = Line();
    ReadAttributes(attrs, v.attributes);
    if (const std::string* lang = FindAttribute(v.attributes, "xml:lang")) {
      v.lang = *lang;
    } else if (const std::string* legacy = FindAttribute(v.attributes, "lang")) {
      v.lang = *legacy;  // TMX 1.1-1.2 wrote lang; 1.4 still allows it
    }
    open_hi_.clear();
  }

  void StartCode(El el, const XMLCh* qname, const Attributes& attrs) {
    Segment& seg = CurrentSegment();
    seg.codes.emplace_back();
    InlineCode& code = seg.codes.back();
    code.kind = el == El::kBpt   ? CodeKind::kOpen
                : el == El::kEpt ? CodeKind::kClose
                                 : CodeKind::kStandalone;
    code.offset = seg.text.size();
    AppendUtf8(code.element, qname);
    ReadAttributes(attrs, code.attributes);
    const bool paired = el == El::kBpt || el == El::kEpt;
    if (const std::string* id = FindAttribute(code.attributes, paired ? "i" : "x")) code.id = *id;
    if (paired && code.id.empty()) Problem(qname, "has no i attribute");
    if (el == El::kIt) {
      const std::string* pos = FindAttribute(code.attributes, "pos");
      if (pos == nullptr || (*pos != "begin" && *pos != "end")) {
        Problem(qname, "needs pos=\"begin\" or pos=\"end\"");
      }
    }
    native_code_ = seg.codes.size() - 1;
    native_depth_ = 1;
    text_ = nullptr;
  }

  void StartHi(const XMLCh* qname, const Attributes& attrs) {
    Segment& seg = CurrentSegment();
    seg.codes.emplace_back();
    InlineCode& code = seg.codes.back();
    code.kind = CodeKind::kOpen;
    code.offset = seg.text.size();
    AppendUtf8(code.element, qname);
    ReadAttributes(attrs, code.attributes);
    if (const std::string* x = FindAttribute(code.attributes, "x")) code.id = *x;
    open_hi_.push_back(seg.codes.size() - 1);
  }

  // Inside bpt/ept/it/ph/ut everything is native code, kept as XML: <sub>
  // (which may hold further codes) is the only element the DTD allows.
  void StartInsideCode(El el, const XMLCh* qname, const Attributes& attrs) {
    const El parent = stack_.back();
    const bool allowed = el == El::kSub || (parent == El::kSub && (IsCode(el) || el == El::kHi)) ||
                         (parent == El::kHi && (IsCode(el) || el == El::kHi));
    if (!allowed) Problem(qname, "is not allowed in an inline code");
    std::string& native = CurrentSegment().codes[native_code_].native;
    native += '<';
    AppendUtf8(native, qname);
    const XMLSize_t n = attrs.getLength();
    for (XMLSize_t i = 0; i < n; ++i) {
      native += ' ';
      AppendUtf8(native, attrs.getQName(i));
      native += "=\"";
      AppendEscapedAttribute(native, attrs.getValue(i));
      native += '"';
    }
    native += '>';
    ++native_depth_;
    stack_.push_back(el);
  }

  const TmxReadCallbacks& callbacks_;
  const Locator* locator_ = nullptr;
  TmxHeader header_;
  TmxUnit unit_;
  std::vector<El> stack_;
  std::vector<std::size_t> open_hi_;  // indices of the <hi> opens not yet closed
  std::vector<TmxVariant> spare_variants_;
  std::vector<TmxAnnotation> spare_annotations_;
  std::string* text_ = nullptr;  // where character data goes, or nowhere
  std::size_t native_code_ = 0;  // code whose native content is being read
  int native_depth_ = 0;         // > 0 inside bpt/ept/it/ph/ut
  int skip_depth_ = 0;           // > 0 inside a subtree we do not read
  bool seen_root_ = false;
  bool header_sent_ = false;
  bool in_unit_ = false;
  std::optional<Error> stopped_;
};

}  // namespace

namespace {

// Xerces decodes UTF-8 a block ahead of its scanner, so it reports a bad
// byte at the scanner's position, often many lines before the real one.
// After such an error, find the first malformed sequence in the input and
// name its line, column (in characters) and byte offset.
void LocateBadUtf8(const XmlInput& input, Error& error) {
  if (error.message.find("byte") == std::string::npos) return;
  std::ifstream file;
  if (!input.path.empty()) {
    file.open(input.path, std::ios::binary);
    if (!file) return;
  }
  std::string chunk;
  std::string_view data;
  std::size_t buffer_pos = 0;
  // Next block of input; empty at the end.
  const auto next = [&]() -> std::string_view {
    if (input.path.empty()) {
      std::string_view block = input.buffer.substr(std::min(buffer_pos, input.buffer.size()));
      buffer_pos = input.buffer.size();
      return block;
    }
    chunk.resize(std::size_t{1} << 20);
    file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<std::size_t>(file.gcount()));
    return chunk;
  };
  std::int64_t offset = 0, start = 0;
  int line = 1, column = 0, need = 0, start_line = 1, start_column = 0;
  char32_t cp = 0, min = 0;
  unsigned char first = 0;
  bool bad = false;
  bool first_block = true;
  while (!bad && !(data = next()).empty()) {
    if (first_block) {
      first_block = false;
      // UTF-16 input has no UTF-8 to check.
      if (data.size() >= 2 &&
          (data[0] == '\0' || data[1] == '\0' || static_cast<unsigned char>(data[0]) >= 0xFE)) {
        return;
      }
    }
    for (std::size_t i = 0; i < data.size(); ++i, ++offset) {
      const unsigned char b = static_cast<unsigned char>(data[i]);
      if (need == 0) {
        start = offset;
        start_line = line;
        start_column = ++column;
        first = b;
        if (b < 0x80) {
          if (b == '\n') {
            ++line;
            column = 0;
          }
          continue;
        }
        if (b >= 0xC2 && b <= 0xDF) {
          need = 1, cp = b & 0x1F, min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
          need = 2, cp = b & 0x0F, min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
          need = 3, cp = b & 0x07, min = 0x10000;
        } else {
          bad = true;
          break;
        }
      } else {
        if ((b & 0xC0) != 0x80) {
          bad = true;
          break;
        }
        cp = (cp << 6) | (b & 0x3F);
        if (--need == 0 && (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) {
          bad = true;
          break;
        }
      }
    }
  }
  if (!bad && need == 0) return;
  static constexpr char kHex[] = "0123456789abcdef";
  error.message = std::string("invalid UTF-8 (byte 0x") + kHex[first >> 4] + kHex[first & 15] +
                  " at byte offset " + std::to_string(start) + ")";
  error.line = start_line;
  error.column = start_column;
  error.offset = start;
}

}  // namespace

Status ReadTmx(const XmlInput& input, const TmxReadCallbacks& callbacks, const XmlLimits& limits) {
  if (!callbacks.on_unit) return UsageError("ReadTmx needs an on_unit callback");
  TmxHandler handler(callbacks);
  Status status = ParseXml(input, handler, limits);
  if (handler.stopped()) return *handler.stopped();
  if (!status.ok()) {
    Error error = status.error();
    LocateBadUtf8(input, error);
    return error;
  }
  return status;
}

}  // namespace lovcen::formats
