#include "lovcen/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstring>

namespace lovcen {

Status ValidateUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    // Eight ASCII bytes at a time: most news text is mostly ASCII.
    if (i + 8 <= length) {
      std::uint64_t chunk;
      std::memcpy(&chunk, s + i, 8);
      if ((chunk & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
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

// Code points that are NFC_Quick_Check=Yes and never combine with what
// precedes them: Latin below the combining marks, the Cyrillic letters,
// general punctuation (quotes, dashes, ellipsis) and the euro sign. Text made
// only of these is NFC without asking ICU (tests check the ranges against
// ICU's quick check).
bool IsStableForNfc(UChar32 c) {
  return c < 0x300 || (c >= 0x400 && c <= 0x482) || (c >= 0x48A && c <= 0x52F) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || c == 0x20AC;
}

// True when valid UTF-8 `text` is NFC by the fast check alone.
bool IsTriviallyNfc(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    if (i + 8 <= length) {
      std::uint64_t chunk;
      std::memcpy(&chunk, s + i, 8);
      if ((chunk & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !IsStableForNfc(c)) return false;
  }
  return true;
}

}  // namespace

std::string ToNfc(std::string_view text) {
  if (IsTriviallyNfc(text)) return std::string(text);
  const icu::Normalizer2& nfc = Nfc();
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  // UTF-8 in and out: no UTF-16 round trip on the hot path of every import.
  if (nfc.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  nfc.normalizeUTF8(0, piece, sink, nullptr, status);
  return out;
}

Result<std::string> NormalizeInput(std::string_view text) {
  LOVCEN_RETURN_IF_ERROR(ValidateUtf8(text));
  return ToNfc(text);
}

namespace {

// Unicode White_Space outside ASCII (stable since Unicode 6.3), so the match
// key needs no property lookup per character.
bool IsNonAsciiWhiteSpace(UChar32 c) {
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

}  // namespace

namespace {

// True when the match key of `text` is `text` itself: NFC by the fast check,
// no white space but single U+0020 between non-space characters.
bool IsOwnMatchKey(std::string_view text) {
  if (text.empty()) return true;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  if (s[0] == ' ' || s[length - 1] == ' ') return false;
  int32_t i = 0;
  bool previous_space = false;
  while (i < length) {
    const uint8_t b = s[i];
    if (b < 0x80) {
      ++i;
      if (b == ' ') {
        if (previous_space) return false;
        previous_space = true;
        continue;
      }
      if (b >= 0x09 && b <= 0x0D) return false;
      previous_space = false;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !IsStableForNfc(c) || IsNonAsciiWhiteSpace(c)) return false;
    previous_space = false;
  }
  return true;
}

}  // namespace

std::string MatchKey(std::string_view text) {
  if (IsOwnMatchKey(text)) return std::string(text);
  const std::string nfc = ToNfc(text);
  std::string out;
  out.reserve(nfc.size());
  const auto* s = reinterpret_cast<const uint8_t*>(nfc.data());
  const int32_t length = static_cast<int32_t>(nfc.size());
  bool pending_space = false;
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    bool space;
    if (s[i] < 0x80) {
      const uint8_t b = s[i++];
      space = b == ' ' || (b >= 0x09 && b <= 0x0D);
    } else {
      UChar32 c;
      U8_NEXT(s, i, length, c);
      space = IsNonAsciiWhiteSpace(c);
    }
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
