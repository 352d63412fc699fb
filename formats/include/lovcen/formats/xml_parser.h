// Xerces-C, hardened once and used by every XML reader (XLIFF, TMX, SRX, TBX).
// A parse never fetches an external entity, DTD or schema (such a reference
// is an error); entity expansion is bounded by Xerces' security manager;
// document size and element depth are bounded by XmlLimits. Every problem
// comes back as an Error naming file, line and column.
//
// Readers implement xercesc::DefaultHandler (SAX2, namespaces on) and signal
// their own content errors by throwing XmlContentError from a callback; the
// parser adds the current line and column.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/util/XercesDefs.hpp>

#include "lovcen/status.h"

namespace lovcen::formats {

struct XmlLimits {
  std::size_t max_bytes = std::size_t{4} << 30;  // whole input
  int max_depth = 512;                           // element nesting
  unsigned entity_expansion_limit = 10000;       // Xerces security manager
};

// Where the XML comes from: a file (path) or a buffer in memory (name is
// used in messages only).
struct XmlInput {
  std::string name;
  std::string path;         // read from this file when not empty
  std::string_view buffer;  // otherwise parse these bytes
};

// Thrown by a reader's handler callback to reject content; ParseXml turns it
// into an Error with the position where it was thrown.
class XmlContentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Keeps Xerces initialised while alive; cheap to nest (reference counted by
// Xerces). ParseXml holds one itself; callers using Xerces types before
// parsing (e.g. XMLString) need their own.
class XercesSession {
 public:
  XercesSession();
  ~XercesSession();
  XercesSession(const XercesSession&) = delete;
  XercesSession& operator=(const XercesSession&) = delete;
};

// Streams `input` through `handler` (SAX2, namespaces and namespace prefixes
// reported, no validation). A lexical handler on `handler` (if it derives
// from xercesc::LexicalHandler via DefaultHandler) also receives comments and
// CDATA boundaries.
Status ParseXml(const XmlInput& input, xercesc::DefaultHandler& handler,
                const XmlLimits& limits = {});

// Validates `input` against the W3C XML Schema at `schema_path` with Xerces'
// schema validator. The schema and anything it imports are read from local
// files only (the W3C xml.xsd is resolved beside the schema); nothing is
// fetched from the network. Returns the first error with its position.
Status ValidateWithSchema(const XmlInput& input, const std::string& schema_path,
                          const XmlLimits& limits = {});

// UTF-16 (Xerces' XMLCh) to UTF-8; `length` in code units, or the
// NUL-terminated string when length is npos.
std::string ToUtf8(const XMLCh* text, std::size_t length = std::string_view::npos);

// Escapes text for element content (& < >) or attribute values (also " and
// the white space characters that attribute normalisation would change).
std::string EscapeText(std::string_view text);
std::string EscapeAttribute(std::string_view text);

}  // namespace lovcen::formats
