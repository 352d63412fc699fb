// The languages lovcen knows (design brief §1): en, de, cnr-Latn, cnr-Cyrl.
// Tags are BCP 47, compared case-insensitively and written canonically.
// Aliases (sr-Latn-ME, sr-Cyrl-ME, and regional en/de with fold_regions) are
// normalised with a warning; anything else is an error, never a guess.
#pragma once

#include <string>
#include <string_view>

#include "lovcen/status.h"

namespace lovcen {

enum class Language { kEnglish, kGerman, kMontenegrinLatin, kMontenegrinCyrillic };

struct TagOptions {
  bool fold_regions = false;  // accept en-US/en-GB as en, de-DE/de-AT/de-CH as de
};

class LanguageTag {
 public:
  // Parses and canonicalises `text`. `warning` (if not null) receives a
  // one-line note when an alias was normalised, and stays empty otherwise.
  static Result<LanguageTag> Parse(std::string_view text, const TagOptions& options = {},
                                   std::string* warning = nullptr);

  explicit LanguageTag(Language language) : language_(language) {}

  Language language() const { return language_; }
  std::string_view str() const;          // canonical tag: "en", "cnr-Latn", ...
  std::string_view icu_locale() const;   // ICU locale for data: "en", "sr_Latn_ME", ...
  std::string_view primary() const;      // "en", "de", "cnr"
  bool is_montenegrin() const;
  bool is_cyrillic() const { return language_ == Language::kMontenegrinCyrillic; }

  friend bool operator==(const LanguageTag&, const LanguageTag&) = default;

 private:
  Language language_;
};

}  // namespace lovcen
