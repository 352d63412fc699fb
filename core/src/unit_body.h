// Internal: the packed form in which the SQLite store keeps a unit's variants
// and properties, one blob in the unit's own row (schema version 4). One row
// per unit instead of one per variant and property is what lets a bulk
// import write a trilingual unit with a single insert (docs/store.md).
//
// Layout, every string as a varint byte length and its bytes:
//   u8 format (1), varint property count, {name, value}...,
//   varint variant count, {u8 language code, text, codes (SerializeCodes),
//   context_pre, context_post, created, changed, author}...
// Variants are kept in language-code order, the order readers return them in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/tm_types.h"

namespace lovcen::internal {

std::int64_t LanguageCode(const LanguageTag& tag);
LanguageTag LanguageFromCode(std::int64_t code);

// Bit `code` set for each language the unit holds (the `langs` column).
std::int64_t LanguageMask(const std::vector<Variant>& variants);

// Encodes into `out` (cleared first, capacity kept). Variants must be sorted
// by language code (SortVariants).
void EncodeUnitBody(const std::vector<Variant>& variants, const std::vector<Property>& properties,
                    std::string* out);
void SortVariants(std::vector<Variant>* variants);

// False when the blob is malformed (a damaged file), leaving partial output.
bool DecodeUnitBody(std::string_view body, std::vector<Variant>* variants,
                    std::vector<Property>* properties);

// One language's text and serialized codes, read in place without decoding
// the rest. False when the unit has no such variant or the blob is malformed.
bool FindVariantText(std::string_view body, std::int64_t code, std::string_view* text,
                     std::string_view* codes);

// Calls visit(code, text) for each variant, in stored order. False when the
// blob is malformed.
template <typename Visit>
bool ForEachVariantText(std::string_view body, Visit visit);

// ---- implementation of the template ----------------------------------------

namespace body_detail {
bool ReadVarint(std::string_view* in, std::uint64_t* value);
bool ReadString(std::string_view* in, std::string_view* value);
bool SkipProperties(std::string_view* in, std::uint64_t* variant_count);
// One variant's language code, text and codes; its other fields skipped.
bool ReadVariantText(std::string_view* in, std::int64_t* code, std::string_view* text,
                     std::string_view* codes);
}  // namespace body_detail

template <typename Visit>
bool ForEachVariantText(std::string_view body, Visit visit) {
  std::uint64_t count = 0;
  if (!body_detail::SkipProperties(&body, &count)) return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::int64_t code = 0;
    std::string_view text, codes;
    if (!body_detail::ReadVariantText(&body, &code, &text, &codes)) return false;
    visit(code, text);
  }
  return true;
}

}  // namespace lovcen::internal
