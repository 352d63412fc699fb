// TMX 1.4b rules for `lovcen validate`, checked while streaming (a TM
// exchange file can be large): root and version, the header's required
// attributes and values, languages, one <seg> per <tuv>, a variant in the
// source language, bpt/ept paired by i inside a segment, it positions,
// dates, unique tuids.
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <vector>

#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include "xliff_validate_internal.h"

namespace lovcen::formats {
namespace {

using validation::Findings;

bool IsTmxDate(std::string_view v) {
  // YYYYMMDDThhmmssZ
  if (v.size() != 16 || v[8] != 'T' || v[15] != 'Z') return false;
  for (std::size_t i = 0; i < 15; ++i) {
    if (i == 8) continue;
    if (v[i] < '0' || v[i] > '9') return false;
  }
  const int month = (v[4] - '0') * 10 + (v[5] - '0');
  const int day = (v[6] - '0') * 10 + (v[7] - '0');
  const int hour = (v[9] - '0') * 10 + (v[10] - '0');
  const int minute = (v[11] - '0') * 10 + (v[12] - '0');
  const int second = (v[13] - '0') * 10 + (v[14] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

class TmxChecker : public xercesc::DefaultHandler {
 public:
  explicit TmxChecker(Findings& f) : f_(f) {}

  void setDocumentLocator(const xercesc::Locator* const locator) override { locator_ = locator; }

  void startElement(const XMLCh* const, const XMLCh* const localname, const XMLCh* const,
                    const xercesc::Attributes& attrs) override {
    Where();
    const std::string name = ToUtf8(localname);
    const std::string parent = stack_.empty() ? std::string() : stack_.back();
    stack_.push_back(name);
    auto get = [&](std::string_view attr) -> std::optional<std::string> {
      for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
        if (ToUtf8(attrs.getQName(i)) == attr) return ToUtf8(attrs.getValue(i));
      }
      return std::nullopt;
    };
    for (std::string_view date : {"creationdate", "changedate", "lastusagedate"}) {
      if (auto v = get(date); v && !IsTmxDate(*v)) {
        Add("tmx.date", std::string(date) + " '" + *v + "' is not YYYYMMDDThhmmssZ");
      }
    }
    if (stack_.size() == 1) {
      if (name != "tmx") Add("tmx.root", "the root element is <" + name + ">, not <tmx>");
      auto version = get("version");
      if (!version) {
        Add("tmx.version", "<tmx> needs a version attribute");
      } else if (*version != "1.4" && *version != "1.4b" && *version != "1.3" && *version != "1.2" &&
                 *version != "1.1") {
        Add("tmx.version", "TMX version '" + *version + "' is unknown");
      }
      return;
    }
    if (name == "header") {
      if (parent != "tmx" || seen_header_) Add("tmx.header", "one <header> comes first in <tmx>");
      seen_header_ = true;
      for (std::string_view req : {"creationtool", "creationtoolversion", "segtype", "o-tmf",
                                   "adminlang", "srclang", "datatype"}) {
        if (!get(req)) Add("tmx.header.required", "<header> needs the attribute " + std::string(req));
      }
      if (auto seg = get("segtype");
          seg && *seg != "block" && *seg != "paragraph" && *seg != "sentence" && *seg != "phrase") {
        Add("tmx.header.segtype", "segtype '" + *seg + "' must be block, paragraph, sentence or phrase");
      }
      if (auto admin = get("adminlang"); admin && !IsWellFormedLanguageTag(*admin)) {
        Add("tmx.language-tag", "adminlang '" + *admin + "' is not a BCP 47 language tag");
      }
      if (auto src = get("srclang")) {
        header_srclang_ = *src;
        if (*src != "*all*" && !IsWellFormedLanguageTag(*src)) {
          Add("tmx.language-tag", "srclang '" + *src + "' is not a BCP 47 language tag or *all*");
        }
      }
    } else if (name == "body") {
      if (parent != "tmx" || !seen_header_ || seen_body_) Add("tmx.body", "one <body> follows the <header>");
      seen_body_ = true;
    } else if (name == "tu") {
      if (parent != "body") Add("tmx.tu", "<tu> belongs in <body>");
      tu_line_ = line_;
      tu_column_ = column_;
      tu_languages_.clear();
      tu_srclang_ = header_srclang_;
      tuvs_ = 0;
      if (auto id = get("tuid"); id && !tuids_.insert(*id).second) {
        Add("tmx.tu.tuid-unique", "tuid '" + *id + "' is used twice");
      }
      if (auto src = get("srclang")) {
        tu_srclang_ = *src;
        if (*src != "*all*" && !IsWellFormedLanguageTag(*src)) {
          Add("tmx.language-tag", "srclang '" + *src + "' is not a BCP 47 language tag or *all*");
        }
      }
    } else if (name == "tuv") {
      if (parent != "tu") Add("tmx.tuv", "<tuv> belongs in <tu>");
      ++tuvs_;
      segs_ = 0;
      auto lang = get("xml:lang");
      if (!lang) lang = get("lang");  // TMX 1.1 to 1.3
      if (!lang) {
        Add("tmx.tuv.lang", "<tuv> needs xml:lang");
      } else {
        if (!IsWellFormedLanguageTag(*lang)) {
          Add("tmx.language-tag", "xml:lang '" + *lang + "' is not a BCP 47 language tag");
        }
        std::string lower = *lang;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        tu_languages_.insert(lower);
      }
    } else if (name == "seg") {
      if (parent != "tuv") Add("tmx.seg", "<seg> belongs in <tuv>");
      if (++segs_ > 1) Add("tmx.tuv.seg-once", "a <tuv> holds one <seg>");
      open_bpt_.clear();
      seen_bpt_.clear();
    } else if (name == "bpt") {
      auto i = get("i");
      if (!i) {
        Add("tmx.bpt.i", "<bpt> needs i");
      } else {
        if (!seen_bpt_.insert(*i).second) Add("tmx.bpt.i-unique", "bpt i='" + *i + "' is used twice in this segment");
        open_bpt_.push_back({*i, line_, column_});
      }
    } else if (name == "ept") {
      auto i = get("i");
      if (!i) {
        Add("tmx.ept.i", "<ept> needs i");
      } else {
        auto it = std::find_if(open_bpt_.begin(), open_bpt_.end(), [&](const Open& o) { return o.i == *i; });
        if (it == open_bpt_.end()) {
          Add("tmx.ept.unpaired", "ept i='" + *i + "' closes no earlier <bpt> of this segment");
        } else {
          open_bpt_.erase(it);
        }
      }
    } else if (name == "it") {
      auto pos = get("pos");
      if (!pos || (*pos != "begin" && *pos != "end")) Add("tmx.it.pos", "<it> needs pos='begin' or pos='end'");
    } else if (name == "ph") {
      if (auto assoc = get("assoc"); assoc && *assoc != "p" && *assoc != "f" && *assoc != "b") {
        Add("tmx.ph.assoc", "assoc '" + *assoc + "' must be p, f or b");
      }
    } else if (name == "prop") {
      if (!get("type")) Add("tmx.prop.type", "<prop> needs type");
    } else if (name == "ude") {
      if (!get("name")) Add("tmx.ude.name", "<ude> needs name");
    } else if (name == "map") {
      if (!get("unicode")) Add("tmx.map.unicode", "<map> needs unicode");
    } else if (name != "note" && name != "hi" && name != "sub" && name != "ut") {
      Add("tmx.element", "<" + name + "> is not a TMX element");
    }
  }

  void endElement(const XMLCh* const, const XMLCh* const localname, const XMLCh* const) override {
    Where();
    const std::string name = ToUtf8(localname);
    stack_.pop_back();
    if (name == "seg") {
      for (const Open& o : open_bpt_) {
        f_.Add(o.line, o.column, "tmx.bpt.unpaired", "bpt i='" + o.i + "' has no <ept> in this segment");
      }
    } else if (name == "tuv" && segs_ == 0) {
      Add("tmx.tuv.seg-once", "a <tuv> holds one <seg>");
    } else if (name == "tu") {
      if (tuvs_ == 0) {
        f_.Add(tu_line_, tu_column_, "tmx.tu.tuv-required", "<tu> has no <tuv>");
      } else if (!tu_srclang_.empty() && tu_srclang_ != "*all*") {
        std::string lower = tu_srclang_;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (tu_languages_.count(lower) == 0) {
          f_.Add(tu_line_, tu_column_, "tmx.tu.srclang",
                 "<tu> has no <tuv> in its source language '" + tu_srclang_ + "'");
        }
      }
    } else if (name == "tmx") {
      if (!seen_header_) Add("tmx.header", "<tmx> has no <header>");
      if (!seen_body_) Add("tmx.body", "<tmx> has no <body>");
    }
  }

 private:
  struct Open {
    std::string i;
    int line;
    int column;
  };

  void Where() {
    line_ = locator_ ? static_cast<int>(locator_->getLineNumber()) : 0;
    column_ = locator_ ? static_cast<int>(locator_->getColumnNumber()) : 0;
  }
  void Add(std::string rule, std::string message) { f_.Add(line_, column_, std::move(rule), std::move(message)); }

  Findings& f_;
  const xercesc::Locator* locator_ = nullptr;
  int line_ = 0;
  int column_ = 0;
  std::vector<std::string> stack_;
  bool seen_header_ = false;
  bool seen_body_ = false;
  std::string header_srclang_;
  std::string tu_srclang_;
  std::set<std::string> tu_languages_;
  std::set<std::string> tuids_;
  int tu_line_ = 0;
  int tu_column_ = 0;
  int tuvs_ = 0;
  int segs_ = 0;
  std::vector<Open> open_bpt_;
  std::set<std::string> seen_bpt_;
};

}  // namespace

Result<ValidationReport> ValidateTmx(const XmlInput& input, const ValidateOptions& options) {
  ValidationReport report;
  report.format = FileFormat::kTmx;
  Findings f(validation::Name(input));
  TmxChecker checker(f);
  Status parsed = ParseXml(input, checker, options.limits);
  if (!parsed.ok()) {
    if (parsed.error().kind == Error::Kind::kIo) return parsed.error();
    // Findings up to the malformed place stay; the parse error comes last.
    f.Add(parsed.error().line, parsed.error().column, "xml", parsed.error().message);
    report.findings = f.Take();
    return report;
  }
  validation::SchemaCheck(input, options, f);
  report.findings = f.Take();
  return report;
}

}  // namespace lovcen::formats
