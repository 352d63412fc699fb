#include "lovcen/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace lovcen {

Status ValidateUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      Error e = BadInput("invalid UTF-8 (byte 0x" +
                         std::string(1, "0123456789abcdef"[s[start] >> 4]) +
                         std::string(1, "0123456789abcdef"[s[start] & 15]) + ")");
      e.offset = start;
      return e;
    }
  }
  return Status::Ok();
}

std::string_view StripBom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

namespace {

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  // ICU owns this instance; it is immutable and thread-safe.
  return *icu::Normalizer2::getNFCInstance(status);
}

bool IsAsciiOnly(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string ToNfc(std::string_view text) {
  if (IsAsciiOnly(text)) return std::string(text);
  const icu::Normalizer2& nfc = Nfc();
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfc.isNormalized(u, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc.normalize(u, status);
  std::string out;
  n.toUTF8String(out);
  return out;
}

Result<std::string> NormalizeInput(std::string_view text) {
  LOVCEN_RETURN_IF_ERROR(ValidateUtf8(text));
  return ToNfc(text);
}

std::string MatchKey(std::string_view text) {
  const std::string nfc = ToNfc(text);
  std::string out;
  out.reserve(nfc.size());
  const auto* s = reinterpret_cast<const uint8_t*>(nfc.data());
  const int32_t length = static_cast<int32_t>(nfc.size());
  bool pending_space = false;
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const bool space = c >= 0 && u_hasBinaryProperty(c, UCHAR_WHITE_SPACE);
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out.append(nfc, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
  return out;
}

std::uint64_t KeyHash(std::string_view match_key) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : match_key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::size_t CodePointCount(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace lovcen
