#include "lovcen/formats/srx_reader.h"

#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include <filesystem>
#include <optional>

#include "lovcen/formats/xml_parser.h"

namespace lovcen::formats {
namespace {

using xercesc::Attributes;

constexpr std::string_view kSrx20 = "http://www.lisa.org/srx20";
constexpr std::string_view kSrx10 = "http://www.lisa.org/srx10";

std::optional<std::string> Attribute(const Attributes& attrs, const char16_t* name) {
  const XMLCh* value = attrs.getValue(reinterpret_cast<const XMLCh*>(name));
  if (value == nullptr) return std::nullopt;
  return ToUtf8(value);
}

// A content error found in a callback. The reader records it with its
// position and ignores the rest of the document instead of throwing out of
// Xerces: the parser's position is gone once the exception has unwound it.
struct ContentError {
  std::string message;
};

bool YesNo(const std::optional<std::string>& value, bool fallback, const char* what) {
  if (!value) return fallback;
  if (*value == "yes") return true;
  if (*value == "no") return false;
  throw ContentError{std::string(what) + " must be \"yes\" or \"no\", not \"" + *value + "\""};
}

class SrxHandler : public xercesc::DefaultHandler {
 public:
  explicit SrxHandler(SrxDocument& doc) : doc_(doc) {}

  void setDocumentLocator(const xercesc::Locator* const locator) override { locator_ = locator; }

  const std::optional<Error>& error() const { return error_; }

  void startElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const qname,
                    const Attributes& attrs) override {
    if (error_) return;
    try {
      Start(uri, localname, qname, attrs);
    } catch (const ContentError& e) {
      Error err = BadInput(e.message);
      const SrxLocation here = Here();
      err.line = here.line;
      err.column = here.column;
      error_ = err;
    }
  }

  void Start(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const,
             const Attributes& attrs) {
    const std::string ns = ToUtf8(uri);
    const std::string name = ToUtf8(localname);
    ++depth_;
    if (depth_ == 1) {
      if (name != "srx") throw ContentError{"not an SRX file: root element is <" + name + ">"};
      if (!ns.empty() && ns != kSrx20 && ns != kSrx10) {
        throw ContentError{"not an SRX file: root element is in namespace '" + ns + "'"};
      }
      const std::string version = Attribute(attrs, u"version").value_or("");
      if (version != "2.0" && version != "1.0") {
        throw ContentError{"unsupported SRX version '" + version + "' (lovcen reads 2.0 and 1.0)"};
      }
      doc_.version = version;
      return;
    }
    // Elements of other vocabularies (tool extensions such as Okapi's) are
    // not SRX's business; skip them and everything inside.
    if (skip_depth_ > 0 || (!ns.empty() && ns != kSrx20 && ns != kSrx10)) {
      if (skip_depth_ == 0) skip_depth_ = depth_;
      return;
    }
    if (name == "header") {
      doc_.segment_subflows = YesNo(Attribute(attrs, u"segmentsubflows"), true, "segmentsubflows");
      doc_.cascade = doc_.version == "2.0" && YesNo(Attribute(attrs, u"cascade"), false, "cascade");
    } else if (name == "formathandle") {
      const std::string type = Attribute(attrs, u"type").value_or("");
      const std::optional<std::string> include = Attribute(attrs, u"include");
      if (type == "start") {
        doc_.format_handling.include_start = YesNo(include, false, "formathandle include");
      } else if (type == "end") {
        doc_.format_handling.include_end = YesNo(include, true, "formathandle include");
      } else if (type == "isolated") {
        doc_.format_handling.include_isolated = YesNo(include, true, "formathandle include");
      } else {
        throw ContentError{"formathandle type must be start, end or isolated, not \"" + type +
                              "\""};
      }
    } else if (name == "languagerule") {
      auto rule_name = Attribute(attrs, u"languagerulename");
      if (!rule_name || rule_name->empty()) {
        throw ContentError{"<languagerule> without a languagerulename"};
      }
      if (doc_.FindLanguageRule(*rule_name) != nullptr) {
        throw ContentError{"languagerule '" + *rule_name + "' is defined twice"};
      }
      doc_.language_rules.push_back({*rule_name, {}, Here()});
      in_language_rule_ = true;
    } else if (name == "rule") {
      if (!in_language_rule_) throw ContentError{"<rule> outside a <languagerule>"};
      SrxRule rule;
      rule.is_break = YesNo(Attribute(attrs, u"break"), true, "rule break");
      rule.location = Here();
      doc_.language_rules.back().rules.push_back(std::move(rule));
      in_rule_ = true;
    } else if (name == "beforebreak" || name == "afterbreak") {
      if (!in_rule_) throw ContentError{"<" + name + "> outside a <rule>"};
      text_ = name == "beforebreak" ? &doc_.language_rules.back().rules.back().before
                                    : &doc_.language_rules.back().rules.back().after;
      text_->clear();
    } else if (name == "maprule") {
      ++maprule_count_;  // SRX 1.0: only the first map rule is used
    } else if (name == "languagemap") {
      if (maprule_count_ > 1) return;
      auto pattern = Attribute(attrs, u"languagepattern");
      auto rule_name = Attribute(attrs, u"languagerulename");
      if (!pattern || !rule_name) {
        throw ContentError{"<languagemap> needs languagepattern and languagerulename"};
      }
      doc_.maps.push_back({*pattern, *rule_name, Here()});
    }
  }

  void endElement(const XMLCh* const, const XMLCh* const localname, const XMLCh* const) override {
    if (error_) return;
    if (skip_depth_ > 0) {
      if (depth_ == skip_depth_) skip_depth_ = 0;
      --depth_;
      return;
    }
    --depth_;
    const std::string name = ToUtf8(localname);
    if (name == "languagerule") in_language_rule_ = false;
    if (name == "rule") in_rule_ = false;
    if (name == "beforebreak" || name == "afterbreak") text_ = nullptr;
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (error_) return;
    if (text_ != nullptr && skip_depth_ == 0) text_->append(ToUtf8(chars, length));
  }

 private:
  SrxLocation Here() const {
    SrxLocation where;
    if (locator_ != nullptr) {
      where.line = static_cast<int>(locator_->getLineNumber());
      where.column = static_cast<int>(locator_->getColumnNumber());
    }
    return where;
  }

  SrxDocument& doc_;
  const xercesc::Locator* locator_ = nullptr;
  int depth_ = 0;
  int skip_depth_ = 0;
  int maprule_count_ = 0;
  bool in_language_rule_ = false;
  bool in_rule_ = false;
  std::string* text_ = nullptr;
  std::optional<Error> error_;
};

Result<SrxDocument> Read(const XmlInput& input, const std::string& name) {
  SrxDocument doc;
  doc.source = name;
  SrxHandler handler(doc);
  XmlLimits limits;
  limits.max_bytes = std::size_t{64} << 20;  // rule files are small; anything bigger is a mistake
  LOVCEN_RETURN_IF_ERROR(ParseXml(input, handler, limits));
  if (handler.error()) return handler.error()->InFile(name);
  if (doc.language_rules.empty() && doc.maps.empty()) {
    Error e = BadInput("SRX file defines no language rules");
    e.file = name;
    return e;
  }
  for (auto& lr : doc.language_rules) {
    lr.location.file = name;
    for (auto& rule : lr.rules) rule.location.file = name;
  }
  for (auto& map : doc.maps) map.location.file = name;
  LOVCEN_RETURN_IF_ERROR(ValidateSrx(doc));
  return doc;
}

}  // namespace

Result<SrxDocument> ReadSrxFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return IoError("no such SRX file", path);
  XmlInput input;
  input.name = path;
  input.path = path;
  return Read(input, path);
}

Result<SrxDocument> ReadSrxBuffer(std::string_view xml, const std::string& name) {
  XmlInput input;
  input.name = name;
  input.buffer = xml;
  return Read(input, name);
}

Result<SrxDocument> ReadDefaultSrx(const std::string& path) {
  return ReadSrxFile(path.empty() ? DefaultSrxPath() : path);
}

}  // namespace lovcen::formats
