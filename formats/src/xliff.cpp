// Model helpers shared by the XLIFF reader, writer, importer and exporter.
#include "lovcen/formats/xliff.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace lovcen::formats {

bool IsXliff2(XliffVersion version) { return version != XliffVersion::k12; }

std::string_view XliffVersionName(XliffVersion version) {
  switch (version) {
    case XliffVersion::k12: return "1.2";
    case XliffVersion::k20: return "2.0";
    case XliffVersion::k21: return "2.1";
    case XliffVersion::k22: return "2.2";
  }
  return "1.2";
}

std::string_view AttributeValue(const XmlAttributes& attributes, std::string_view name) {
  for (const XmlAttribute& a : attributes) {
    if (a.name == name) return a.value;
  }
  return {};
}

void SetAttribute(XmlAttributes& attributes, std::string name, std::string value, std::string ns) {
  for (XmlAttribute& a : attributes) {
    if (a.name == name) {
      a.value = std::move(value);
      if (!ns.empty()) a.ns = std::move(ns);
      return;
    }
  }
  attributes.push_back({std::move(name), std::move(value), std::move(ns)});
}

void RemoveAttribute(XmlAttributes& attributes, std::string_view name) {
  attributes.erase(std::remove_if(attributes.begin(), attributes.end(),
                                  [&](const XmlAttribute& a) { return a.name == name; }),
                   attributes.end());
}

CodeAttributes ToCodeAttributes(const XmlAttributes& attributes) {
  CodeAttributes out;
  std::vector<std::string> declared;
  for (const XmlAttribute& a : attributes) {
    if (a.name.rfind("xmlns:", 0) == 0) declared.push_back(a.name.substr(6));
  }
  for (const XmlAttribute& a : attributes) {
    const auto colon = a.name.find(':');
    if (colon != std::string::npos && a.name.rfind("xml:", 0) != 0 &&
        a.name.rfind("xmlns", 0) != 0 && !a.ns.empty()) {
      const std::string prefix = a.name.substr(0, colon);
      if (std::find(declared.begin(), declared.end(), prefix) == declared.end()) {
        out.emplace_back("xmlns:" + prefix, a.ns);
        declared.push_back(prefix);
      }
    }
    out.emplace_back(a.name, a.value);
  }
  return out;
}

XmlAttributes FromCodeAttributes(const CodeAttributes& attributes) {
  XmlAttributes out;
  for (const auto& [name, value] : attributes) {
    XmlAttribute a{name, value, {}};
    if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) {
      a.ns = "http://www.w3.org/2000/xmlns/";
    } else if (name.rfind("xml:", 0) == 0) {
      a.ns = "http://www.w3.org/XML/1998/namespace";
    } else if (const auto colon = name.find(':'); colon != std::string::npos) {
      const std::string decl = "xmlns:" + name.substr(0, colon);
      for (const auto& [n, v] : attributes) {
        if (n == decl) a.ns = v;
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<double> ParseMatchQuality(std::string_view text) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (!text.empty() && text.back() == '%') {
    text.remove_suffix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  }
  if (text.empty()) return std::nullopt;
  // from_chars for double is locale-independent, which is what a file needs.
  double value = 0;
  std::string normalized(text);
  std::replace(normalized.begin(), normalized.end(), ',', '.');  // "87,5" from some tools
  const char* begin = normalized.data();
  const char* end = begin + normalized.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  if (value < 0 || value > 100) return std::nullopt;
  return value;
}

std::optional<double> XliffCandidate::Score() const {
  if (auto q = ParseMatchQuality(match_quality)) return q;
  return ParseMatchQuality(similarity);
}

std::string_view XliffStateName(XliffVersion version, XliffState state) {
  if (IsXliff2(version)) {
    switch (state) {
      case XliffState::kNew: return "initial";
      case XliffState::kNeedsReview:
      case XliffState::kTranslated: return "translated";
      case XliffState::kReviewed: return "reviewed";
      case XliffState::kFinal: return "final";
    }
    return "initial";
  }
  switch (state) {
    case XliffState::kNew: return "new";
    case XliffState::kNeedsReview: return "needs-review-translation";
    case XliffState::kTranslated: return "translated";
    case XliffState::kReviewed: return "signed-off";
    case XliffState::kFinal: return "final";
  }
  return "new";
}

std::optional<XliffState> ParseXliffState(std::string_view value) {
  struct Entry {
    std::string_view name;
    XliffState state;
  };
  static constexpr std::array<Entry, 12> kStates{{
      {"new", XliffState::kNew},
      {"needs-translation", XliffState::kNew},
      {"initial", XliffState::kNew},
      {"needs-adaptation", XliffState::kNeedsReview},
      {"needs-l10n", XliffState::kNeedsReview},
      {"needs-review-translation", XliffState::kNeedsReview},
      {"needs-review-adaptation", XliffState::kNeedsReview},
      {"needs-review-l10n", XliffState::kNeedsReview},
      {"translated", XliffState::kTranslated},
      {"reviewed", XliffState::kReviewed},
      {"signed-off", XliffState::kReviewed},
      {"final", XliffState::kFinal},
  }};
  for (const Entry& e : kStates) {
    if (e.name == value) return e.state;
  }
  return std::nullopt;
}

}  // namespace lovcen::formats
