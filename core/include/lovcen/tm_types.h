// The data of a translation memory (design brief §4): multilingual units like
// TMX <tu>, each holding at most one variant per language, with where the
// unit came from and free properties. A language pair is a projection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/segment.h"

namespace lovcen {

enum class Origin { kImported, kAligned, kConfirmed, kPropagated, kTransliterated };
std::string_view OriginName(Origin origin);
std::optional<Origin> OriginFromName(std::string_view name);

struct Property {
  std::string name;   // TMX prop type, e.g. "x-confidence"
  std::string value;
  friend bool operator==(const Property&, const Property&) = default;
};

struct Variant {
  LanguageTag language{Language::kEnglish};
  Segment segment;
  std::string context_pre;   // previous source segment text (for context matches)
  std::string context_post;  // next source segment text
  std::string created;       // ISO 8601 UTC "2025-04-05T10:00:00Z", or empty
  std::string changed;
  std::string author;
  friend bool operator==(const Variant&, const Variant&) = default;
};

struct TranslationUnit {
  std::int64_t id = 0;         // assigned by the store; 0 before it is stored
  std::string tuid;            // external id (TMX tuid), may be empty
  Origin origin = Origin::kImported;
  std::string story_key;       // shared by the editions of one story, may be empty
  std::int64_t document_id = 0;  // 0 when not from a stored document
  int position = -1;           // segment index within the document, -1 unknown
  std::string created;         // ISO 8601 UTC
  std::string changed;
  std::string author;
  std::vector<Property> properties;
  std::vector<Variant> variants;

  const Variant* Find(const LanguageTag& language) const;
  Variant* Find(const LanguageTag& language);
  friend bool operator==(const TranslationUnit&, const TranslationUnit&) = default;
};

// An article edition known to the TM.
struct Document {
  std::int64_t id = 0;
  std::string story_key;
  LanguageTag language{Language::kEnglish};
  std::string name;  // file name it was read from
};

// Current time as ISO 8601 UTC with seconds ("2026-11-28T17:00:00Z").
std::string NowIso8601();

}  // namespace lovcen
