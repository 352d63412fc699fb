#include "lovcen/formats/xml_parser.h"

#include <filesystem>
#include <memory>
#include <system_error>

#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/internal/XMLScanner.hpp>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLString.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

namespace lovcen::formats {

using namespace xercesc;

XercesSession::XercesSession() { XMLPlatformUtils::Initialize(); }
XercesSession::~XercesSession() { XMLPlatformUtils::Terminate(); }

std::string ToUtf8(const XMLCh* text, std::size_t length) {
  std::string out;
  if (text == nullptr) return out;
  if (length == std::string_view::npos) length = XMLString::stringLen(text);
  out.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    char32_t c = text[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && text[i + 1] >= 0xDC00 &&
        text[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;  // a lone surrogate cannot be UTF-8
    }
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
  return out;
}

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#13;"; break;  // keep CR through line-end normalisation
      default: out += c;
    }
  }
  return out;
}

std::string EscapeAttribute(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string Utf8(const XMLCh* s) { return ToUtf8(s); }

// Forwards every content and lexical event to the reader's handler, bounds
// the depth, refuses external entities and remembers where the parser is.
class GuardHandler : public DefaultHandler {
 public:
  GuardHandler(DefaultHandler& inner, const XmlLimits& limits) : inner_(inner), limits_(limits) {}

  // Where the last XmlContentError was thrown. Read after parse() has
  // unwound, when the Locator no longer points at a live reader (asking it
  // then crashes inside Xerces).
  long error_line() const { return error_line_; }
  long error_column() const { return error_column_; }

  void setDocumentLocator(const Locator* const locator) override {
    locator_ = locator;
    inner_.setDocumentLocator(locator);
  }
  void startDocument() override {
    Forward([&] { inner_.startDocument(); });
  }
  void endDocument() override {
    Forward([&] { inner_.endDocument(); });
  }
  void startElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const qname,
                    const Attributes& attrs) override {
    if (++depth_ > limits_.max_depth) {
      Throw("elements nested deeper than " + std::to_string(limits_.max_depth));
    }
    Forward([&] { inner_.startElement(uri, localname, qname, attrs); });
  }
  void endElement(const XMLCh* const uri, const XMLCh* const localname,
                  const XMLCh* const qname) override {
    --depth_;
    Forward([&] { inner_.endElement(uri, localname, qname); });
  }
  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    Forward([&] { inner_.characters(chars, length); });
  }
  void ignorableWhitespace(const XMLCh* const chars, const XMLSize_t length) override {
    Forward([&] { inner_.ignorableWhitespace(chars, length); });
  }
  void processingInstruction(const XMLCh* const target, const XMLCh* const data) override {
    Forward([&] { inner_.processingInstruction(target, data); });
  }
  void startPrefixMapping(const XMLCh* const prefix, const XMLCh* const uri) override {
    Forward([&] { inner_.startPrefixMapping(prefix, uri); });
  }
  void endPrefixMapping(const XMLCh* const prefix) override {
    Forward([&] { inner_.endPrefixMapping(prefix); });
  }
  void comment(const XMLCh* const chars, const XMLSize_t length) override {
    Forward([&] { inner_.comment(chars, length); });
  }
  void startCDATA() override {
    Forward([&] { inner_.startCDATA(); });
  }
  void endCDATA() override {
    Forward([&] { inner_.endCDATA(); });
  }
  void startDTD(const XMLCh* const name, const XMLCh* const publicId,
                const XMLCh* const systemId) override {
    Forward([&] { inner_.startDTD(name, publicId, systemId); });
  }
  void endDTD() override {
    Forward([&] { inner_.endDTD(); });
  }

  InputSource* resolveEntity(const XMLCh* const /*publicId*/, const XMLCh* const systemId) override {
    Throw("external entity '" + Utf8(systemId) + "' refused (lovcen never loads one)");
  }

  void warning(const SAXParseException&) override {}
  void error(const SAXParseException& e) override { throw e; }
  void fatalError(const SAXParseException& e) override { throw e; }

 private:
  void Remember() {
    error_line_ = locator_ ? static_cast<long>(locator_->getLineNumber()) : 0;
    error_column_ = locator_ ? static_cast<long>(locator_->getColumnNumber()) : 0;
  }
  [[noreturn]] void Throw(const std::string& message) {
    Remember();
    throw XmlContentError(message);
  }
  // Runs a callback of the reader's handler, noting the position of a
  // content error it throws while the Locator is still valid.
  template <class F>
  void Forward(F&& call) {
    try {
      call();
    } catch (const XmlContentError&) {
      Remember();
      throw;
    }
  }

  DefaultHandler& inner_;
  const XmlLimits& limits_;
  const Locator* locator_ = nullptr;
  int depth_ = 0;
  long error_line_ = 0;
  long error_column_ = 0;
};

Error PositionedError(const std::string& file, std::string message, long line, long column) {
  Error e = BadInput(std::move(message));
  e.file = file;
  e.line = static_cast<int>(line);
  e.column = static_cast<int>(column);
  return e;
}

// A file or buffer as a Xerces input source, after the size check.
Result<std::unique_ptr<InputSource>> MakeSource(const XmlInput& input, const XmlLimits& limits) {
  if (!input.path.empty()) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(input.path, ec);
    if (ec) return IoError("cannot read: " + ec.message(), input.path);
    if (size > limits.max_bytes) {
      return PositionedError(input.path, "file of " + std::to_string(size) +
                                             " bytes exceeds the limit of " +
                                             std::to_string(limits.max_bytes), 0, 0);
    }
    if (size == 0) return PositionedError(input.path, "empty file, no XML document", 0, 0);
    XMLCh* path = XMLString::transcode(input.path.c_str());
    std::unique_ptr<InputSource> source(new LocalFileInputSource(path));
    XMLString::release(&path);
    return source;
  }
  if (input.buffer.size() > limits.max_bytes) {
    return PositionedError(input.name, "input exceeds the size limit", 0, 0);
  }
  if (input.buffer.empty()) return PositionedError(input.name, "empty input, no XML document", 0, 0);
  std::unique_ptr<InputSource> source(new MemBufInputSource(
      reinterpret_cast<const XMLByte*>(input.buffer.data()), input.buffer.size(), "buffer", false));
  return source;
}

std::string DisplayName(const XmlInput& input) {
  return input.path.empty() ? input.name : input.path;
}

void Harden(SAX2XMLReader& reader, SecurityManager& security, const XmlLimits& limits) {
  reader.setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  reader.setFeature(XMLUni::fgSAX2CoreNameSpacePrefixes, true);
  reader.setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  reader.setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
  reader.setFeature(XMLUni::fgXercesContinueAfterFatalError, false);
  security.setEntityExpansionLimit(limits.entity_expansion_limit);
  reader.setProperty(XMLUni::fgXercesSecurityManager, &security);
}

Status RunParse(SAX2XMLReader& reader, GuardHandler& guard, const XmlInput& input,
                const XmlLimits& limits) {
  auto source = MakeSource(input, limits);
  if (!source.ok()) return source.error();
  const std::string name = DisplayName(input);
  try {
    reader.parse(**source);
  } catch (const SAXParseException& e) {
    return PositionedError(name, Utf8(e.getMessage()), static_cast<long>(e.getLineNumber()),
                           static_cast<long>(e.getColumnNumber()));
  } catch (const XmlContentError& e) {
    return PositionedError(name, e.what(), guard.error_line(), guard.error_column());
  } catch (const XMLException& e) {
    // The Locator died with the unwound scanner: no position to give.
    return PositionedError(name, Utf8(e.getMessage()), 0, 0);
  } catch (const OutOfMemoryException&) {
    return PositionedError(name, "out of memory while parsing", 0, 0);
  }
  return Status::Ok();
}

// Resolves the schemas' references to local files beside the schema; the
// W3C xml.xsd address maps to xml.xsd in that folder. Nothing else loads.
class LocalSchemaResolver : public DefaultHandler {
 public:
  explicit LocalSchemaResolver(std::filesystem::path dir) : dir_(std::move(dir)) {}
  InputSource* resolveEntity(const XMLCh* const, const XMLCh* const systemId) override {
    const std::string id = Utf8(systemId);
    const std::string file = std::filesystem::path(id).filename().string();
    const std::filesystem::path local = dir_ / file;
    if (!std::filesystem::exists(local)) {
      throw XmlContentError("schema reference '" + id + "' has no local file");
    }
    XMLCh* path = XMLString::transcode(local.string().c_str());
    auto* source = new LocalFileInputSource(path);
    XMLString::release(&path);
    return source;
  }

 private:
  std::filesystem::path dir_;
};

class CountingErrors : public DefaultHandler {
 public:
  void warning(const SAXParseException&) override {}
  void error(const SAXParseException& e) override { throw e; }
  void fatalError(const SAXParseException& e) override { throw e; }
};

}  // namespace

Status ParseXml(const XmlInput& input, DefaultHandler& handler, const XmlLimits& limits) {
  XercesSession session;
  std::unique_ptr<SAX2XMLReader> reader(XMLReaderFactory::createXMLReader());
  SecurityManager security;
  Harden(*reader, security, limits);
  reader->setFeature(XMLUni::fgSAX2CoreValidation, false);
  reader->setFeature(XMLUni::fgXercesSchema, false);
  reader->setFeature(XMLUni::fgXercesLoadSchema, false);
  GuardHandler guard(handler, limits);
  reader->setContentHandler(&guard);
  reader->setLexicalHandler(&guard);
  reader->setErrorHandler(&guard);
  reader->setEntityResolver(&guard);
  return RunParse(*reader, guard, input, limits);
}

Status ValidateWithSchema(const XmlInput& input, const std::string& schema_path,
                          const XmlLimits& limits) {
  XercesSession session;
  if (!std::filesystem::exists(schema_path)) return IoError("schema not found", schema_path);
  std::unique_ptr<SAX2XMLReader> reader(XMLReaderFactory::createXMLReader());
  SecurityManager security;
  Harden(*reader, security, limits);
  LocalSchemaResolver resolver(std::filesystem::path(schema_path).parent_path());
  CountingErrors errors;
  reader->setEntityResolver(&resolver);
  reader->setErrorHandler(&errors);
  reader->setFeature(XMLUni::fgSAX2CoreValidation, true);
  reader->setFeature(XMLUni::fgXercesDynamic, false);
  reader->setFeature(XMLUni::fgXercesSchema, true);
  reader->setFeature(XMLUni::fgXercesLoadSchema, false);  // only the grammar given here
  reader->setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
  try {
    XMLCh* path = XMLString::transcode(schema_path.c_str());
    Grammar* grammar = reader->loadGrammar(path, Grammar::SchemaGrammarType, true);
    XMLString::release(&path);
    if (grammar == nullptr) return PositionedError(schema_path, "schema could not be loaded", 0, 0);
  } catch (const SAXParseException& e) {
    return PositionedError(Utf8(e.getSystemId()).empty() ? schema_path : Utf8(e.getSystemId()),
                           "schema: " + Utf8(e.getMessage()), static_cast<long>(e.getLineNumber()),
                           static_cast<long>(e.getColumnNumber()));
  } catch (const XmlContentError& e) {
    return PositionedError(schema_path, e.what(), 0, 0);
  } catch (const XMLException& e) {
    return PositionedError(schema_path, "schema: " + Utf8(e.getMessage()), 0, 0);
  }
  DefaultHandler sink;
  GuardHandler guard(sink, limits);
  reader->setContentHandler(&guard);
  return RunParse(*reader, guard, input, limits);
}

}  // namespace lovcen::formats
