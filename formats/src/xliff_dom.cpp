#include "xliff_dom.h"

#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

namespace lovcen::formats::dom {

std::string_view Attribute::prefix() const {
  const auto colon = qname.find(':');
  return colon == std::string::npos ? std::string_view() : std::string_view(qname).substr(0, colon);
}

std::string_view Element::prefix() const {
  const auto colon = qname.find(':');
  return colon == std::string::npos ? std::string_view() : std::string_view(qname).substr(0, colon);
}

const Attribute* Element::Find(std::string_view local_name, std::string_view ns) const {
  for (const Attribute& a : attributes) {
    if (a.local == local_name && a.uri == ns && !a.is_namespace_declaration()) return &a;
  }
  return nullptr;
}

std::string_view Element::Value(std::string_view local_name, std::string_view ns) const {
  const Attribute* a = Find(local_name, ns);
  return a ? std::string_view(a->value) : std::string_view();
}

std::string Element::DirectText() const {
  std::string out;
  for (const Node& n : children) {
    if (n.kind == Node::Kind::kText) out += n.text;
  }
  return out;
}

std::string Element::AllText() const {
  std::string out;
  for (const Node& n : children) {
    if (n.kind == Node::Kind::kText) out += n.text;
    if (n.kind == Node::Kind::kElement) out += n.element->AllText();
  }
  return out;
}

std::vector<const Element*> Element::ElementChildren() const {
  std::vector<const Element*> out;
  for (const Node& n : children) {
    if (n.kind == Node::Kind::kElement) out.push_back(n.element.get());
  }
  return out;
}

bool Element::HasNonSpaceText() const {
  for (const Node& n : children) {
    if (n.kind == Node::Kind::kText && !IsXmlSpace(n.text)) return true;
  }
  return false;
}

bool IsXmlSpace(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

bool IsXmlChar(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

char32_t DecodeUtf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int extra = 0;
  char32_t c = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    c = b0 & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + extra >= text.size()) {
    pos = text.size();
    return 0xFFFD;
  }
  for (int i = 1; i <= extra; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) {
      pos += i;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  pos += extra + 1;
  return c;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

namespace {

// Decodes the reference at xml[pos] ('&'); returns false when malformed.
bool DecodeReference(std::string_view xml, std::size_t& pos, std::string& out) {
  const std::size_t semi = xml.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 12) return false;
  const std::string_view ref = xml.substr(pos + 1, semi - pos - 1);
  if (ref == "amp") out += '&';
  else if (ref == "lt") out += '<';
  else if (ref == "gt") out += '>';
  else if (ref == "quot") out += '"';
  else if (ref == "apos") out += '\'';
  else if (ref.size() > 1 && ref[0] == '#') {
    const bool hex = ref[1] == 'x' || ref[1] == 'X';
    const std::string_view digits = ref.substr(hex ? 2 : 1);
    if (digits.empty()) return false;
    char32_t value = 0;
    for (char d : digits) {
      int v = -1;
      if (d >= '0' && d <= '9') v = d - '0';
      else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
      else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
      if (v < 0) return false;
      value = value * (hex ? 16 : 10) + static_cast<char32_t>(v);
      if (value > 0x10FFFF) return false;
    }
    if (!IsXmlChar(value)) return false;
    AppendUtf8(value, out);
  } else {
    return false;
  }
  pos = semi + 1;
  return true;
}

}  // namespace

std::string XmlContentToText(std::string_view xml) {
  std::string out;
  std::size_t pos = 0;
  while (pos < xml.size()) {
    const char c = xml[pos];
    if (c == '&') {
      if (!DecodeReference(xml, pos, out)) out += xml[pos++];
    } else if (c == '<') {
      const std::size_t end = xml.find('>', pos);
      if (end == std::string_view::npos) {
        out += xml.substr(pos);
        break;
      }
      pos = end + 1;
    } else {
      out += c;
      ++pos;
    }
  }
  return out;
}

bool IsSafeCodeContent(std::string_view xml) {
  int depth = 0;
  std::size_t pos = 0;
  std::string scratch;
  while (pos < xml.size()) {
    const char c = xml[pos];
    if (c == '&') {
      if (!DecodeReference(xml, pos, scratch)) return false;
      continue;
    }
    if (c == '>' && xml.substr(pos > 1 ? pos - 2 : 0, 3) == "]]>") return false;
    if (c != '<') {
      ++pos;
      continue;
    }
    const std::size_t end = xml.find('>', pos);
    if (end == std::string_view::npos) return false;
    const std::string_view tag = xml.substr(pos + 1, end - pos - 1);
    if (tag == "/sub") {
      if (--depth < 0) return false;
    } else if (tag == "sub" || tag.rfind("sub ", 0) == 0) {
      if (tag.find('<') != std::string_view::npos) return false;
      // Attribute values must be quoted and must not hide a '>' or '<'.
      int quotes = 0;
      for (char q : tag) quotes += q == '"';
      if (quotes % 2 != 0) return false;
      ++depth;
    } else {
      return false;
    }
    pos = end + 1;
  }
  return depth == 0;
}

namespace {

using xercesc::Attributes;
using xercesc::Locator;

class TreeBuilder : public xercesc::DefaultHandler {
 public:
  Document TakeDocument() { return std::move(document_); }

  void setDocumentLocator(const Locator* const locator) override { locator_ = locator; }

  void startElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const qname,
                    const Attributes& attrs) override {
    auto element = std::make_unique<Element>();
    element->qname = ToUtf8(qname);
    element->uri = ToUtf8(uri);
    element->local = ToUtf8(localname);
    Where(element->line, element->column);
    element->attributes.reserve(attrs.getLength());
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
      Attribute a;
      a.qname = ToUtf8(attrs.getQName(i));
      a.uri = ToUtf8(attrs.getURI(i));
      a.local = ToUtf8(attrs.getLocalName(i));
      a.value = ToUtf8(attrs.getValue(i));
      if (a.is_namespace_declaration()) a.uri = std::string(kXmlnsNamespace);
      element->attributes.push_back(std::move(a));
    }
    Element* raw = element.get();
    if (stack_.empty()) {
      document_.root = std::move(element);
    } else {
      Node node;
      node.kind = Node::Kind::kElement;
      node.line = raw->line;
      node.column = raw->column;
      node.element = std::move(element);
      stack_.back()->children.push_back(std::move(node));
    }
    stack_.push_back(raw);
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    stack_.pop_back();
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (stack_.empty()) return;
    auto& children = stack_.back()->children;
    if (!children.empty() && children.back().kind == Node::Kind::kText) {
      children.back().text += ToUtf8(chars, length);
      return;
    }
    Node node;
    node.kind = Node::Kind::kText;
    node.text = ToUtf8(chars, length);
    Where(node.line, node.column);
    children.push_back(std::move(node));
  }

  void ignorableWhitespace(const XMLCh* const chars, const XMLSize_t length) override {
    characters(chars, length);
  }

  void comment(const XMLCh* const chars, const XMLSize_t length) override {
    if (stack_.empty()) return;  // the prolog and epilog are not part of the content
    Node node;
    node.kind = Node::Kind::kComment;
    node.text = ToUtf8(chars, length);
    Where(node.line, node.column);
    stack_.back()->children.push_back(std::move(node));
  }

  void processingInstruction(const XMLCh* const target, const XMLCh* const data) override {
    if (stack_.empty()) return;
    Node node;
    node.kind = Node::Kind::kProcessingInstruction;
    node.text = ToUtf8(target);
    const std::string d = ToUtf8(data);
    if (!d.empty()) node.text += " " + d;
    Where(node.line, node.column);
    stack_.back()->children.push_back(std::move(node));
  }

 private:
  void Where(int& line, int& column) const {
    line = locator_ ? static_cast<int>(locator_->getLineNumber()) : 0;
    column = locator_ ? static_cast<int>(locator_->getColumnNumber()) : 0;
  }

  const Locator* locator_ = nullptr;
  Document document_;
  std::vector<Element*> stack_;
};

// Declares on the element being written whatever binding its own name or
// an attribute name needs and `scope` does not provide.
void Require(std::string_view prefix, const std::string& uri, NamespaceScope& scope,
             std::string& decls) {
  if (prefix == "xml" || prefix == "xmlns") return;
  const std::string* bound = scope.Lookup(prefix);
  if (bound != nullptr && *bound == uri) return;
  if (bound == nullptr && uri.empty() && prefix.empty()) return;  // no default namespace anywhere
  if (prefix.empty()) {
    decls += " xmlns=\"" + EscapeAttribute(uri) + "\"";
  } else {
    decls += " xmlns:" + std::string(prefix) + "=\"" + EscapeAttribute(uri) + "\"";
  }
  scope.Bind(std::string(prefix), uri);
}

}  // namespace

NamespaceScope::NamespaceScope() { bindings_.emplace_back("xml", std::string(kXmlNamespace)); }

const std::string* NamespaceScope::Lookup(std::string_view prefix) const {
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
    if (it->first == prefix) return &it->second;
  }
  return nullptr;
}

void NamespaceScope::Bind(std::string prefix, std::string uri) {
  bindings_.emplace_back(std::move(prefix), std::move(uri));
}

Result<Document> Parse(const XmlInput& input, const XmlLimits& limits) {
  TreeBuilder builder;
  LOVCEN_RETURN_IF_ERROR(ParseXml(input, builder, limits));
  Document doc = builder.TakeDocument();
  if (!doc.root) {
    Error e = BadInput("no root element");
    e.file = input.path.empty() ? input.name : input.path;
    return e;
  }
  return doc;
}

std::string SerializeMisc(const Node& node) {
  if (node.kind == Node::Kind::kComment) return "<!--" + node.text + "-->";
  if (node.kind == Node::Kind::kProcessingInstruction) return "<?" + node.text + "?>";
  return EscapeText(node.text);
}

void SerializeContent(const Element& element, NamespaceScope& scope, std::string& out) {
  for (const Node& n : element.children) {
    switch (n.kind) {
      case Node::Kind::kElement: Serialize(*n.element, scope, out); break;
      case Node::Kind::kText: out += EscapeText(n.text); break;
      default: out += SerializeMisc(n);
    }
  }
}

void Serialize(const Element& element, NamespaceScope& scope, std::string& out) {
  const std::size_t mark = scope.Mark();
  std::string decls;
  // The element's own declarations first, as written.
  for (const Attribute& a : element.attributes) {
    if (!a.is_namespace_declaration()) continue;
    const std::string prefix = a.qname == "xmlns" ? std::string() : a.qname.substr(6);
    decls += " " + a.qname + "=\"" + EscapeAttribute(a.value) + "\"";
    scope.Bind(prefix, a.value);
  }
  Require(element.prefix(), element.uri, scope, decls);
  std::string attrs;
  for (const Attribute& a : element.attributes) {
    if (a.is_namespace_declaration()) continue;
    if (!a.prefix().empty()) Require(a.prefix(), a.uri, scope, decls);
    attrs += " " + a.qname + "=\"" + EscapeAttribute(a.value) + "\"";
  }
  out += "<" + element.qname + decls + attrs;
  if (element.children.empty()) {
    out += "/>";
  } else {
    out += ">";
    SerializeContent(element, scope, out);
    out += "</" + element.qname + ">";
  }
  scope.Restore(mark);
}

}  // namespace lovcen::formats::dom
