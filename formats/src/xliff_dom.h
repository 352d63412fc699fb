// A small read-only XML tree for the XLIFF reader and the validators
// (internal to lovcen_formats). Built from ParseXml's SAX events, so it is as
// hardened as every other reader; each element remembers the line and column
// where its start tag ended. Subtrees can be written back as self-contained
// XML (the namespace declarations they need are added), which is how content
// lovcen does not understand survives a round trip.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lovcen/formats/xml_parser.h"
#include "lovcen/status.h"

namespace lovcen::formats::dom {

inline constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view kXmlnsNamespace = "http://www.w3.org/2000/xmlns/";

struct Attribute {
  std::string qname;  // as written, e.g. "xml:lang", "sdl:origin", "id"
  std::string uri;    // namespace URI ("" for unprefixed attributes)
  std::string local;
  std::string value;

  bool is_namespace_declaration() const {
    return qname == "xmlns" || qname.rfind("xmlns:", 0) == 0;
  }
  std::string_view prefix() const;
};

struct Element;

struct Node {
  enum class Kind { kElement, kText, kComment, kProcessingInstruction };
  Kind kind = Kind::kText;
  std::string text;                  // text, comment body, or "target data" of a PI
  std::unique_ptr<Element> element;  // kElement only
  int line = 0;
  int column = 0;
};

struct Element {
  std::string qname;
  std::string uri;
  std::string local;
  std::vector<Attribute> attributes;  // document order, namespace declarations included
  std::vector<Node> children;
  int line = 0;
  int column = 0;

  std::string_view prefix() const;
  // The attribute with this local name and namespace URI, or null.
  const Attribute* Find(std::string_view local_name, std::string_view ns = {}) const;
  bool Has(std::string_view local_name, std::string_view ns = {}) const {
    return Find(local_name, ns) != nullptr;
  }
  // Its value, or "" when absent.
  std::string_view Value(std::string_view local_name, std::string_view ns = {}) const;
  // Concatenated text of the direct text children.
  std::string DirectText() const;
  // Concatenated text of every descendant text node.
  std::string AllText() const;
  bool Is(std::string_view ns, std::string_view local_name) const {
    return uri == ns && local == local_name;
  }
  // The element children, in order (pointers into children).
  std::vector<const Element*> ElementChildren() const;
  // True when a non-white-space text child is present.
  bool HasNonSpaceText() const;
};

struct Document {
  std::unique_ptr<Element> root;
};

// Parses `input` into a tree. Errors name file, line and column.
Result<Document> Parse(const XmlInput& input, const XmlLimits& limits = {});

// Prefix -> URI bindings in force while serialising.
class NamespaceScope {
 public:
  NamespaceScope();  // binds "xml" only
  // The URI bound to `prefix` ("" = default namespace), or null when unbound.
  const std::string* Lookup(std::string_view prefix) const;
  void Bind(std::string prefix, std::string uri);
  std::size_t Mark() const { return bindings_.size(); }
  void Restore(std::size_t mark) { bindings_.resize(mark); }

 private:
  std::vector<std::pair<std::string, std::string>> bindings_;
};

// Appends `element` (with its subtree) to `out` as XML that stays correct when
// pasted into a document where `scope` is in force: its own namespace
// declarations are kept and any it relies on from its ancestors are added.
void Serialize(const Element& element, NamespaceScope& scope, std::string& out);
// Same for the children of `element` only (its content).
void SerializeContent(const Element& element, NamespaceScope& scope, std::string& out);
// A comment or processing instruction as XML.
std::string SerializeMisc(const Node& node);

// True for the characters XML 1.0 allows in a document.
bool IsXmlChar(char32_t c);
// True for white space as XML defines it (space, tab, CR, LF).
bool IsXmlSpace(std::string_view text);

// The text of XML content: character and entity references decoded, tags
// (e.g. <sub>) dropped. For native code stored as XML that must become plain
// text (a 2.x <data> element).
std::string XmlContentToText(std::string_view xml);
// True when `xml` can be pasted as element content: well-formed references
// and only properly nested <sub> tags, nothing else that needs a parser.
bool IsSafeCodeContent(std::string_view xml);

// Decodes one UTF-8 code point at `pos` (advancing it); U+FFFD on a bad byte.
char32_t DecodeUtf8(std::string_view text, std::size_t& pos);
void AppendUtf8(char32_t c, std::string& out);

}  // namespace lovcen::formats::dom
