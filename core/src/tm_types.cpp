#include "lovcen/tm_types.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>

namespace lovcen {
namespace {
constexpr std::array<std::pair<Origin, std::string_view>, 5> kOrigins{{
    {Origin::kImported, "imported"},
    {Origin::kAligned, "aligned"},
    {Origin::kConfirmed, "confirmed"},
    {Origin::kPropagated, "propagated"},
    {Origin::kTransliterated, "transliterated"},
}};
}  // namespace

std::string_view OriginName(Origin origin) {
  for (const auto& [o, name] : kOrigins) {
    if (o == origin) return name;
  }
  return "imported";
}

std::optional<Origin> OriginFromName(std::string_view name) {
  for (const auto& [o, n] : kOrigins) {
    if (n == name) return o;
  }
  return std::nullopt;
}

const Variant* TranslationUnit::Find(const LanguageTag& language) const {
  auto it = std::find_if(variants.begin(), variants.end(),
                         [&](const Variant& v) { return v.language == language; });
  return it == variants.end() ? nullptr : &*it;
}

Variant* TranslationUnit::Find(const LanguageTag& language) {
  auto it = std::find_if(variants.begin(), variants.end(),
                         [&](const Variant& v) { return v.language == language; });
  return it == variants.end() ? nullptr : &*it;
}

std::string NowIso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace lovcen
