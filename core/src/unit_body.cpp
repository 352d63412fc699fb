#include "unit_body.h"

#include <algorithm>

namespace lovcen::internal {
namespace {

constexpr unsigned char kFormat = 1;
constexpr int kFieldsAfterText = 6;  // codes, context_pre, context_post, created, changed, author

void PutVarint(std::uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

}  // namespace

namespace body_detail {

bool ReadVarint(std::string_view* in, std::uint64_t* value) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->empty()) return false;
    const auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *value = v;
      return true;
    }
  }
  return false;
}

bool ReadString(std::string_view* in, std::string_view* value) {
  std::uint64_t size = 0;
  if (!ReadVarint(in, &size) || size > in->size()) return false;
  *value = in->substr(0, size);
  in->remove_prefix(size);
  return true;
}

bool SkipProperties(std::string_view* in, std::uint64_t* variant_count) {
  if (in->empty() || static_cast<unsigned char>(in->front()) != kFormat) return false;
  in->remove_prefix(1);
  std::uint64_t properties = 0;
  if (!ReadVarint(in, &properties)) return false;
  std::string_view skipped;
  for (std::uint64_t i = 0; i < properties * 2; ++i) {
    if (!ReadString(in, &skipped)) return false;
  }
  return ReadVarint(in, variant_count);
}

bool ReadVariantText(std::string_view* in, std::int64_t* code, std::string_view* text,
                     std::string_view* codes) {
  if (in->empty()) return false;
  *code = static_cast<std::int64_t>(static_cast<unsigned char>(in->front()));
  in->remove_prefix(1);
  if (!ReadString(in, text) || !ReadString(in, codes)) return false;
  std::string_view skipped;
  for (int field = 1; field < kFieldsAfterText; ++field) {
    if (!ReadString(in, &skipped)) return false;
  }
  return true;
}

}  // namespace body_detail

std::int64_t LanguageCode(const LanguageTag& tag) {
  return static_cast<std::int64_t>(tag.language());
}

LanguageTag LanguageFromCode(std::int64_t code) {
  return LanguageTag(static_cast<Language>(code & 3));
}

std::int64_t LanguageMask(const std::vector<Variant>& variants) {
  std::int64_t mask = 0;
  for (const Variant& v : variants) mask |= std::int64_t{1} << LanguageCode(v.language);
  return mask;
}

void SortVariants(std::vector<Variant>* variants) {
  std::stable_sort(variants->begin(), variants->end(), [](const Variant& a, const Variant& b) {
    return LanguageCode(a.language) < LanguageCode(b.language);
  });
}

void EncodeUnitBody(const std::vector<Variant>& variants, const std::vector<Property>& properties,
                    std::string* out) {
  out->clear();
  out->push_back(static_cast<char>(kFormat));
  PutVarint(properties.size(), out);
  for (const Property& p : properties) {
    PutString(p.name, out);
    PutString(p.value, out);
  }
  PutVarint(variants.size(), out);
  std::string codes;
  for (const Variant& v : variants) {
    out->push_back(static_cast<char>(LanguageCode(v.language)));
    PutString(v.segment.text, out);
    PutString(v.segment.codes.empty() ? std::string() : SerializeCodes(v.segment.codes), out);
    PutString(v.context_pre, out);
    PutString(v.context_post, out);
    PutString(v.created, out);
    PutString(v.changed, out);
    PutString(v.author, out);
  }
}

bool DecodeUnitBody(std::string_view body, std::vector<Variant>* variants,
                    std::vector<Property>* properties) {
  using body_detail::ReadString;
  using body_detail::ReadVarint;
  if (body.empty() || static_cast<unsigned char>(body.front()) != kFormat) return false;
  body.remove_prefix(1);
  std::uint64_t count = 0;
  if (!ReadVarint(&body, &count) || count > body.size()) return false;
  properties->reserve(properties->size() + count);
  for (std::uint64_t i = 0; i < count; ++i) {
    std::string_view name, value;
    if (!ReadString(&body, &name) || !ReadString(&body, &value)) return false;
    properties->push_back({std::string(name), std::string(value)});
  }
  if (!ReadVarint(&body, &count) || count > body.size()) return false;
  variants->reserve(variants->size() + count);
  for (std::uint64_t i = 0; i < count; ++i) {
    if (body.empty()) return false;
    Variant v;
    v.language = LanguageFromCode(static_cast<unsigned char>(body.front()));
    body.remove_prefix(1);
    std::string_view text, codes, pre, post, created, changed, author;
    if (!ReadString(&body, &text) || !ReadString(&body, &codes) || !ReadString(&body, &pre) ||
        !ReadString(&body, &post) || !ReadString(&body, &created) || !ReadString(&body, &changed) ||
        !ReadString(&body, &author)) {
      return false;
    }
    v.segment.text = text;
    if (!codes.empty() && !DeserializeCodes(std::string(codes), &v.segment.codes)) return false;
    v.context_pre = pre;
    v.context_post = post;
    v.created = created;
    v.changed = changed;
    v.author = author;
    variants->push_back(std::move(v));
  }
  return body.empty();
}

bool FindVariantText(std::string_view body, std::int64_t code, std::string_view* text,
                     std::string_view* codes) {
  bool found = false;
  std::uint64_t count = 0;
  if (!body_detail::SkipProperties(&body, &count)) return false;
  for (std::uint64_t i = 0; i < count && !found; ++i) {
    std::int64_t here = 0;
    if (!body_detail::ReadVariantText(&body, &here, text, codes)) return false;
    found = here == code;
  }
  return found;
}

}  // namespace lovcen::internal
