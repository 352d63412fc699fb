// TmxUnit -> TranslationUnit (the mapping is documented in tmx.h) and the
// TMX <-> ISO 8601 date forms.
#include <algorithm>
#include <string>
#include <utility>

#include "lovcen/formats/tmx.h"
#include "lovcen/text.h"

namespace lovcen::formats {
namespace {

// The attribute names compare as views: length first, no strlen per test.
using namespace std::string_view_literals;

bool Digits(std::string_view s, std::size_t from, std::size_t count, int& value) {
  value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

bool ValidDate(int year, int month, int day, int hour, int minute, int second) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days && hour <= 23 && minute <= 59 && second <= 60;  // 60: leap second
}

// Parses the fields at the given offsets; the caller has checked the separators.
bool ParseFields(std::string_view s, const std::size_t (&at)[6], int (&f)[6]) {
  static constexpr std::size_t kWidth[] = {4, 2, 2, 2, 2, 2};
  for (int i = 0; i < 6; ++i) {
    if (!Digits(s, at[i], kWidth[i], f[i])) return false;
  }
  return ValidDate(f[0], f[1], f[2], f[3], f[4], f[5]);
}

// Sets `field` from a date attribute (TMX form, or lovcen's ISO form, which
// some tools write); false, leaving it alone, for anything else.
bool SetDate(const std::string& value, std::string& field) {
  if (auto iso = TmxDateToIso(value)) {
    field = std::move(*iso);
    return true;
  }
  if (!IsoToTmxDate(value)) return false;
  field = value;
  return true;
}

// NFC per text run between codes, so that code offsets stay exact.
void NormalizeSegment(Segment& segment) {
  if (IsNfc(segment.text)) return;  // nearly always: no copy to compare
  std::string whole = ToNfc(segment.text);
  if (segment.codes.empty()) {
    segment.text = std::move(whole);
    return;
  }
  std::string out;
  out.reserve(segment.text.size());
  std::size_t from = 0;
  for (InlineCode& code : segment.codes) {
    if (code.offset > from) {
      out += ToNfc(std::string_view(segment.text).substr(from, code.offset - from));
      from = code.offset;
    }
    code.offset = out.size();
  }
  out += ToNfc(std::string_view(segment.text).substr(from));
  segment.text = std::move(out);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::optional<std::string> TmxDateToIso(std::string_view d) {
  if (d.size() != 16 || d[8] != 'T' || d[15] != 'Z') return std::nullopt;
  int f[6];
  if (!ParseFields(d, {0, 4, 6, 9, 11, 13}, f)) return std::nullopt;
  // Every unit has two dates: built in one go, not in eleven appends.
  const char iso[20] = {d[0], d[1], d[2],  d[3], '-',   d[4],  d[5], '-',   d[6],  d[7],
                        'T',  d[9], d[10], ':',  d[11], d[12], ':',  d[13], d[14], 'Z'};
  return std::string(iso, sizeof iso);
}

std::optional<std::string> IsoToTmxDate(std::string_view d) {
  if (d.size() != 20 || d[4] != '-' || d[7] != '-' || d[10] != 'T' || d[13] != ':' ||
      d[16] != ':' || d[19] != 'Z') {
    return std::nullopt;
  }
  int f[6];
  if (!ParseFields(d, {0, 5, 8, 11, 14, 17}, f)) return std::nullopt;
  std::string out;
  out.reserve(16);
  out.append(d.substr(0, 4)).append(d.substr(5, 2)).append(d.substr(8, 2)).append("T");
  out.append(d.substr(11, 2)).append(d.substr(14, 2)).append(d.substr(17, 2)).append("Z");
  return out;
}

TmxUnitConverter::TmxUnitConverter(const TagOptions& tags) : tags_(tags) {}

const TmxUnitConverter::Tag& TmxUnitConverter::Lookup(std::string_view raw) {
  auto it = cache_.find(raw);
  if (it != cache_.end()) return it->second;
  Tag entry;
  std::string warning;
  auto parsed = LanguageTag::Parse(raw, tags_, &warning);
  if (parsed.ok()) {
    entry.tag = *parsed;
    if (!warning.empty()) warnings_.push_back(std::move(warning));
  } else {
    entry.error = parsed.error().message;
  }
  return cache_.emplace(std::string(raw), std::move(entry)).first->second;
}

std::vector<std::string> TmxUnitConverter::TakeWarnings() { return std::exchange(warnings_, {}); }

ConvertedTmxUnit TmxUnitConverter::Convert(const TmxUnit& in, const TmxHeader& header) {
  ConvertedTmxUnit out;
  if (!in.problem.empty()) {
    out.rejection = Rejection{in.Where(), in.problem};
    return out;
  }

  // Which variants lovcen can hold (a member, so its capacity is reused).
  auto& kept = kept_;
  kept.clear();
  std::vector<std::string> left_out;
  for (const TmxVariant& v : in.variants) {
    const Tag& tag = Lookup(v.lang);
    std::string why;
    if (!tag.tag) {
      why = tag.error;
    } else if (std::any_of(kept.begin(), kept.end(),
                           [&](const auto& k) { return k.second == *tag.tag; })) {
      why = "a second variant in " + std::string(tag.tag->str());
    } else if (v.segment.text.empty() && v.segment.codes.empty()) {
      why = "empty segment";
    } else {
      kept.emplace_back(&v, *tag.tag);
      continue;
    }
    left_out.push_back("variant '" + v.lang + "' left out: " + why);
  }
  if (kept.size() < 2) {
    std::string reason =
        kept.empty() ? "no variant lovcen can use" : "only one variant lovcen can use";
    for (std::size_t i = 0; i < left_out.size(); ++i)
      reason += (i == 0 ? ": " : "; ") + left_out[i];
    out.rejection = Rejection{in.Where(), std::move(reason)};
    return out;
  }
  for (std::string& why : left_out) out.left_out.push_back({in.Where(), std::move(why)});

  // The source variant first (tu srclang, else header srclang).
  std::string_view srclang = header.srclang();
  if (const std::string* s = FindAttribute(in.attributes, "srclang")) srclang = *s;
  if (!srclang.empty() && srclang != "*all*") {
    const Tag& src = Lookup(srclang);
    auto it = std::find_if(kept.begin(), kept.end(), [&](const auto& k) {
      return src.tag ? k.second == *src.tag : k.first->lang == srclang;
    });
    if (it != kept.end()) std::rotate(kept.begin(), it, it + 1);
  }

  TranslationUnit tu;
  tu.origin = Origin::kImported;
  const auto keep = [&tu](std::string name, const std::string& value) {
    tu.properties.push_back({std::move(name), value});
  };

  for (const auto& [attr, value] : in.attributes) {
    if (attr == "tuid"sv) {
      tu.tuid = value;
    } else if (attr == "srclang"sv) {
      continue;
    } else if (attr == "creationdate"sv && SetDate(value, tu.created)) {
      continue;
    } else if (attr == "changedate"sv && SetDate(value, tu.changed)) {
      continue;
    } else if (attr == "creationid"sv) {
      tu.author = value;
    } else {
      keep("tmx:@" + attr, value);
    }
  }

  tu.variants.reserve(kept.size());
  for (const auto& [v, tag] : kept) {
    Variant& var = tu.variants.emplace_back();
    var.language = tag;
    var.segment = v->segment;
    NormalizeSegment(var.segment);
    const auto prefix = [&tag = tag] { return "tmx:tuv:" + std::string(tag.str()) + ":"; };
    for (const auto& [attr, value] : v->attributes) {
      if (attr == "xml:lang"sv || attr == "lang"sv) {
        continue;
      } else if (attr == "creationdate"sv && SetDate(value, var.created)) {
        continue;
      } else if (attr == "changedate"sv && SetDate(value, var.changed)) {
        continue;
      } else if (attr == "creationid"sv) {
        var.author = value;
      } else {
        keep(prefix() + "@" + attr, value);
      }
    }
    for (const TmxAnnotation& a : v->annotations) {
      const std::string_view type = a.type();
      if (a.kind == TmxAnnotation::Kind::kNote) {
        keep(prefix() + "note", a.text);
      } else if (type == "x-context-pre") {
        var.context_pre = ToNfc(a.text);
      } else if (type == "x-context-post") {
        var.context_post = ToNfc(a.text);
      } else {
        keep(prefix() + "prop:" + std::string(type), a.text);
      }
    }
  }

  Variant& source = tu.variants.front();
  const std::string* prev = nullptr;
  const std::string* next = nullptr;
  for (const TmxAnnotation& a : in.annotations) {
    const std::string_view type = a.type();
    if (a.kind == TmxAnnotation::Kind::kNote) {
      keep(std::string(kTmxNoteProperty), a.text);
    } else if (const auto origin = type == "x-origin" ? OriginFromName(a.text) : std::nullopt) {
      tu.origin = *origin;
    } else if (type == "x-story") {
      tu.story_key = a.text;
    } else if (type == "x-context-pre") {
      if (source.context_pre.empty()) source.context_pre = ToNfc(a.text);
    } else if (type == "x-context-post") {
      if (source.context_post.empty()) source.context_post = ToNfc(a.text);
    } else {
      // OmegaT's prev/next are the source's neighbours too; they stay as
      // properties so that OmegaT gets them back.
      if (type == "prev") prev = &a.text;
      if (type == "next") next = &a.text;
      keep(StartsWith(type, "tmx:") ? "tmx:prop:" + std::string(type) : std::string(type), a.text);
    }
  }
  if (prev != nullptr && source.context_pre.empty()) source.context_pre = ToNfc(*prev);
  if (next != nullptr && source.context_post.empty()) source.context_post = ToNfc(*next);

  out.unit = std::move(tu);
  return out;
}

}  // namespace lovcen::formats
