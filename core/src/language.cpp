#include "lovcen/language.h"

#include <algorithm>
#include <array>

namespace lovcen {
namespace {

struct Alias {
  std::string_view tag;  // lower case
  Language language;
  bool needs_fold;  // only accepted with TagOptions::fold_regions
  bool warn;
};

constexpr std::array<Alias, 14> kAliases{{
    {"en", Language::kEnglish, false, false},
    {"de", Language::kGerman, false, false},
    {"cnr", Language::kMontenegrinLatin, false, false},
    {"cnr-latn", Language::kMontenegrinLatin, false, false},
    {"cnr-cyrl", Language::kMontenegrinCyrillic, false, false},
    {"cnr-latn-me", Language::kMontenegrinLatin, false, true},
    {"cnr-cyrl-me", Language::kMontenegrinCyrillic, false, true},
    {"sr-latn-me", Language::kMontenegrinLatin, false, true},
    {"sr-cyrl-me", Language::kMontenegrinCyrillic, false, true},
    {"en-us", Language::kEnglish, true, true},
    {"en-gb", Language::kEnglish, true, true},
    {"de-de", Language::kGerman, true, true},
    {"de-at", Language::kGerman, true, true},
    {"de-ch", Language::kGerman, true, true},
}};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    // ASCII only: std::tolower would follow the process locale.
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';  // ICU-style ids (sr_Latn_ME) are accepted as tags
  }
  return out;
}

}  // namespace

Result<LanguageTag> LanguageTag::Parse(std::string_view text, const TagOptions& options,
                                       std::string* warning) {
  if (warning) warning->clear();
  const std::string key = Lower(text);
  auto found = std::find_if(kAliases.begin(), kAliases.end(),
                            [&](const Alias& a) { return a.tag == key; });
  if (found == kAliases.end()) {
    return BadInput("unknown language tag '" + std::string(text) +
                    "' (lovcen knows en, de, cnr-Latn, cnr-Cyrl)");
  }
  const Language language = found->language;
  if (found->needs_fold && !options.fold_regions) {
    return BadInput("language tag '" + std::string(text) +
                    "' has a region; pass --fold-regions to treat it as '" +
                    std::string(LanguageTag(language).str()) + "'");
  }
  LanguageTag tag(language);
  if (warning && found->warn) {
    *warning = "language tag '" + std::string(text) + "' read as '" + std::string(tag.str()) + "'";
  }
  return tag;
}

std::string_view LanguageTag::str() const {
  switch (language_) {
    case Language::kEnglish: return "en";
    case Language::kGerman: return "de";
    case Language::kMontenegrinLatin: return "cnr-Latn";
    case Language::kMontenegrinCyrillic: return "cnr-Cyrl";
  }
  return "";
}

std::string_view LanguageTag::icu_locale() const {
  // ICU 72 has no cnr data; Serbian as written in Montenegro is the nearest.
  switch (language_) {
    case Language::kEnglish: return "en";
    case Language::kGerman: return "de";
    case Language::kMontenegrinLatin: return "sr_Latn_ME";
    case Language::kMontenegrinCyrillic: return "sr_Cyrl_ME";
  }
  return "";
}

std::string_view LanguageTag::primary() const {
  return is_montenegrin() ? std::string_view("cnr") : str();
}

bool LanguageTag::is_montenegrin() const {
  return language_ == Language::kMontenegrinLatin || language_ == Language::kMontenegrinCyrillic;
}

}  // namespace lovcen
