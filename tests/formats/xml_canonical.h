// A small XML canonicaliser for tests: two documents are "the same" for
// lovcen's round-trip tests when their canonical forms are byte-equal.
//
// Rules (a simplification of W3C Canonical XML fit for XLIFF):
//  - names are written as {namespace-uri}local, so prefixes and namespace
//    declarations do not matter (declarations are dropped);
//  - attributes are sorted by namespace URI, then local name;
//  - character references, entities and CDATA sections are resolved to text
//    and adjacent text is merged; comments and processing instructions are
//    dropped; empty elements and start/end pairs are the same;
//  - white-space-only text is insignificant inside structural elements (the
//    ones given by `structural`, by default XLIFF elements other than the
//    mixed-content ones, plus mtc:matches/mtc:match), where lovcen indents;
//    everywhere else (source, target, notes, foreign elements) it counts.
#pragma once

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include "lovcen/formats/xml_parser.h"
#include "lovcen/status.h"

namespace lovcen::testing {

using StructuralFn = std::function<bool(std::string_view uri, std::string_view local)>;

inline bool XliffStructural(std::string_view uri, std::string_view local) {
  if (uri == "urn:oasis:names:tc:xliff:matches:2.0") return local == "matches" || local == "match";
  const bool xliff = uri.empty() || uri.rfind("urn:oasis:names:tc:xliff:document:", 0) == 0;
  if (!xliff) return false;
  static const std::set<std::string_view> mixed = {"source", "target", "seg-source", "g", "mrk",
                                                   "sub",    "bpt",    "ept",        "ph", "it",
                                                   "note",   "pc",     "data",       "skeleton"};
  return mixed.count(local) == 0;
}

namespace canonical_detail {

inline std::string Escape(std::string_view text, bool attribute) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#xD;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\t': out += attribute ? "&#x9;" : "\t"; break;
      case '\n': out += attribute ? "&#xA;" : "\n"; break;
      default: out += c;
    }
  }
  return out;
}

class Handler : public xercesc::DefaultHandler {
 public:
  explicit Handler(StructuralFn structural) : structural_(std::move(structural)) {}
  const std::string& result() const { return out_; }

  void startElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const,
                    const xercesc::Attributes& attrs) override {
    Flush();
    const std::string u = formats::ToUtf8(uri);
    const std::string l = formats::ToUtf8(localname);
    std::vector<std::pair<std::string, std::string>> list;
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
      const std::string qname = formats::ToUtf8(attrs.getQName(i));
      if (qname == "xmlns" || qname.rfind("xmlns:", 0) == 0) continue;
      const std::string key = "{" + formats::ToUtf8(attrs.getURI(i)) + "}" +
                              formats::ToUtf8(attrs.getLocalName(i));
      list.emplace_back(key, formats::ToUtf8(attrs.getValue(i)));
    }
    std::sort(list.begin(), list.end());
    out_ += "<{" + u + "}" + l;
    for (const auto& [k, v] : list) out_ += " " + k + "=\"" + Escape(v, true) + "\"";
    out_ += ">";
    stack_.push_back(structural_(u, l));
  }
  void endElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const) override {
    Flush();
    stack_.pop_back();
    out_ += "</{" + formats::ToUtf8(uri) + "}" + formats::ToUtf8(localname) + ">";
  }
  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    text_ += formats::ToUtf8(chars, length);
  }
  void ignorableWhitespace(const XMLCh* const chars, const XMLSize_t length) override {
    characters(chars, length);
  }

 private:
  void Flush() {
    if (text_.empty()) return;
    const bool space = text_.find_first_not_of(" \t\r\n") == std::string::npos;
    if (!(space && !stack_.empty() && stack_.back())) out_ += Escape(text_, false);
    text_.clear();
  }

  StructuralFn structural_;
  std::string out_;
  std::string text_;
  std::vector<bool> stack_;
};

}  // namespace canonical_detail

// The canonical form of the XML in `xml`, or the parse error.
inline Result<std::string> CanonicalXml(std::string_view xml,
                                        StructuralFn structural = XliffStructural) {
  canonical_detail::Handler handler(std::move(structural));
  formats::XmlInput input;
  input.name = "canonical";
  input.buffer = xml;
  LOVCEN_RETURN_IF_ERROR(formats::ParseXml(input, handler));
  return handler.result();
}

}  // namespace lovcen::testing
