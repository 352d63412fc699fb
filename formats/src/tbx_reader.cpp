// TBX basic and glossary TSV reading (tbx.h).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <xercesc/sax2/Attributes.hpp>

#include "lovcen/formats/tbx.h"
#include "lovcen/formats/xml_parser.h"
#include "lovcen/text.h"

namespace lovcen::formats {
namespace {

constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

class TbxHandler : public xercesc::DefaultHandler {
 public:
  TbxHandler(std::string stem, const GlossaryReadOptions& options)
      : stem_(std::move(stem)), options_(options) {}

  void startElement(const XMLCh* const, const XMLCh* const localname, const XMLCh* const,
                    const xercesc::Attributes& attrs) override {
    const std::string name = ToUtf8(localname);
    ++depth_;
    if (depth_ == 1) {
      if (name != "martif" && name != "tbx") {
        throw XmlContentError("not a TBX file: root element <" + name +
                              ">, expected <martif> or <tbx>");
      }
      return;
    }
    if (name == "termEntry" || name == "conceptEntry") {
      if (in_entry_) throw XmlContentError("<" + name + "> inside another entry");
      in_entry_ = true;
      entry_ = {};
      const std::string id = Attr(attrs, "id");
      entry_.id = id.empty() ? stem_ + ":" + std::to_string(entries.size() + 1) : id;
    } else if (name == "langSet" || name == "langSec") {
      if (!in_entry_) throw XmlContentError("<" + name + "> outside a termEntry/conceptEntry");
      std::string lang;
      for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
        if (ToUtf8(attrs.getLocalName(i)) == "lang" && ToUtf8(attrs.getURI(i)) == kXmlNs) {
          lang = ToUtf8(attrs.getValue(i));
        }
      }
      if (lang.empty()) throw XmlContentError("<" + name + "> without xml:lang");
      std::string warning;
      auto tag = LanguageTag::Parse(lang, options_.tags, &warning);
      if (!tag.ok()) throw XmlContentError("language '" + lang + "': " + tag.error().message);
      if (!warning.empty() && options_.warn) options_.warn(warning);
      lang_ = *tag;
    } else if (name == "term") {
      if (!lang_) throw XmlContentError("<term> outside a langSet/langSec");
      in_term_ = true;
      term_.clear();
    } else if (in_term_) {
      // Inline markup in a term (<hi>) contributes its text only.
    }
  }

  void endElement(const XMLCh* const, const XMLCh* const localname, const XMLCh* const) override {
    const std::string name = ToUtf8(localname);
    --depth_;
    if (name == "term" && in_term_) {
      in_term_ = false;
      std::string t = MatchKey(term_);
      if (t.empty()) throw XmlContentError("empty <term>");
      entry_.terms.emplace_back(*lang_, std::move(t));
    } else if (name == "langSet" || name == "langSec") {
      lang_.reset();
    } else if (name == "termEntry" || name == "conceptEntry") {
      in_entry_ = false;
      if (!entry_.terms.empty()) entries.push_back(std::move(entry_));
      ++seen_entries;
    }
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (in_term_) term_ += ToUtf8(chars, length);
  }

  std::vector<GlossaryEntry> entries;
  std::size_t seen_entries = 0;

 private:
  static std::string Attr(const xercesc::Attributes& attrs, std::string_view local) {
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
      if (ToUtf8(attrs.getLocalName(i)) == local) return ToUtf8(attrs.getValue(i));
    }
    return {};
  }

  std::string stem_;
  const GlossaryReadOptions& options_;
  int depth_ = 0;
  bool in_entry_ = false;
  bool in_term_ = false;
  std::optional<LanguageTag> lang_;
  GlossaryEntry entry_;
  std::string term_;
};

}  // namespace

Result<std::vector<GlossaryEntry>> ReadTbx(const std::string& path,
                                           const GlossaryReadOptions& options) {
  TbxHandler handler(std::filesystem::path(path).stem().string(), options);
  XmlInput input;
  input.name = path;
  input.path = path;
  XmlLimits limits;
  limits.max_bytes = std::size_t{256} << 20;
  Status st = ParseXml(input, handler, limits);
  if (!st.ok()) return st.error().InFile(path);
  if (handler.seen_entries == 0) {
    return BadInput("TBX file without termEntry or conceptEntry elements").InFile(path);
  }
  return std::move(handler.entries);
}

Result<std::vector<GlossaryEntry>> ReadGlossaryTsv(const std::string& path,
                                                   const GlossaryReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read the file", path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string data = buffer.str();
  auto valid = ValidateUtf8(data);
  if (!valid.ok()) return valid.error().InFile(path);
  const std::string stem = std::filesystem::path(path).stem().string();
  std::vector<GlossaryEntry> entries;
  std::vector<LanguageTag> columns;
  std::istringstream lines(std::string(StripBom(data)));
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::size_t at = 0;
    while (true) {
      const std::size_t tab = line.find('\t', at);
      cells.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
      if (tab == std::string::npos) break;
      at = tab + 1;
    }
    if (columns.empty()) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        std::string warning;
        auto tag = LanguageTag::Parse(cells[c], options.tags, &warning);
        if (!tag.ok()) {
          Error e = BadInput("header cell '" + cells[c] +
                             "' is not a language tag: " + tag.error().message);
          e.file = path;
          e.line = number;
          return e;
        }
        if (!warning.empty() && options.warn) options.warn(path + ": " + warning);
        columns.push_back(*tag);
      }
      if (columns.size() < 2) {
        Error e = BadInput("a glossary TSV needs at least two language columns");
        e.file = path;
        e.line = number;
        return e;
      }
      continue;
    }
    if (cells.size() > columns.size()) {
      Error e = BadInput("row has " + std::to_string(cells.size()) + " cells, the header " +
                         std::to_string(columns.size()));
      e.file = path;
      e.line = number;
      return e;
    }
    GlossaryEntry entry;
    entry.id = stem + ":" + std::to_string(number);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string t = MatchKey(cells[c]);
      if (!t.empty()) entry.terms.emplace_back(columns[c], std::move(t));
    }
    if (!entry.terms.empty()) entries.push_back(std::move(entry));
  }
  if (columns.empty()) return BadInput("empty glossary file").InFile(path);
  return entries;
}

Result<std::vector<GlossaryEntry>> ReadGlossary(const std::string& path,
                                                const GlossaryReadOptions& options) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".tbx" || ext == ".xml") return ReadTbx(path, options);
  std::ifstream in(path, std::ios::binary);
  char first = 0;
  while (in.get(first) && (first == ' ' || first == '\n' || first == '\r' || first == '\t')) {
  }
  if (first == '<') return ReadTbx(path, options);
  return ReadGlossaryTsv(path, options);
}

}  // namespace lovcen::formats
