#include "lovcen/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <climits>
#include <cstring>

namespace lovcen {
namespace {

// Why the sequence at `i` is ill-formed, for the error message.
const char* Utf8Problem(std::string_view text, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned c = p[i];
  if (c >= 0x80 && c < 0xC0) return "stray continuation byte";
  if (c == 0xC0 || c == 0xC1) return "overlong encoding";
  if (c >= 0xF5) return "byte that never occurs in UTF-8";
  const std::size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (need >= 3 && i + 1 < text.size()) {
    const unsigned b = p[i + 1];
    if (c == 0xE0 && b >= 0x80 && b < 0xA0) return "overlong encoding";
    if (c == 0xF0 && b >= 0x80 && b < 0x90) return "overlong encoding";
    if (c == 0xED && b >= 0xA0 && b <= 0xBF) return "UTF-16 surrogate";
    if (c == 0xF4 && b >= 0x90 && b <= 0xBF) return "code point above U+10FFFF";
  }
  for (std::size_t k = 1; k < need; ++k) {
    if (i + k >= text.size()) return "sequence truncated by the end of the text";
    if ((p[i + k] & 0xC0u) != 0x80u) return "truncated sequence";
  }
  return "ill-formed sequence";
}

char HexDigit(unsigned v) { return "0123456789abcdef"[v & 15u]; }

// Eight bytes at `i` are all ASCII: most news text is mostly ASCII.
bool AsciiChunk(const unsigned char* s, std::size_t i, std::size_t length) {
  if (i + 8 > length) return false;
  std::uint64_t chunk;
  std::memcpy(&chunk, s + i, 8);
  return (chunk & 0x8080808080808080ull) == 0;
}

const icu::Normalizer2* Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  // ICU owns this instance; it is immutable and thread-safe.
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) ? nfc : nullptr;
}

// Code points that are NFC_Quick_Check=Yes and never combine with what
// precedes them: Latin below the combining marks, the Cyrillic letters,
// general punctuation (quotes, dashes, ellipsis) and the euro sign. Text made
// only of these is NFC without asking ICU (text_fast_path_test checks the
// ranges against ICU).
bool IsStableForNfc(std::int32_t c) {
  return c < 0x300 || (c >= 0x400 && c <= 0x482) || (c >= 0x48A && c <= 0x52F) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || c == 0x20AC;
}

// Unicode White_Space outside ASCII (stable since Unicode 6.3), so the match
// key needs no property lookup per character.
bool IsNonAsciiWhiteSpace(std::int32_t c) {
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// True when valid UTF-8 `text` is NFC by the fast check alone.
bool IsTriviallyNfc(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    if (AsciiChunk(s, i, text.size())) {
      i += 8;
      continue;
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    // Two-byte letters below U+0300 (Latin-1, Latin Extended): the accented
    // letters of most European text, stable without decoding.
    if (s[i] >= 0xC2 && s[i] <= 0xCB && i + 1 < text.size() && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    const CodePoint cp = DecodeUtf8(text, i);
    if (cp.value < 0 || !IsStableForNfc(cp.value)) return false;
    i += static_cast<std::size_t>(cp.length);
  }
  return true;
}

// NFC of a piece short enough for ICU's int32 lengths.
void AppendNfc(const icu::Normalizer2& nfc, std::string_view piece, std::string& out) {
  const icu::StringPiece sp(piece.data(), static_cast<int32_t>(piece.size()));
  UErrorCode status = U_ZERO_ERROR;
  // UTF-8 in and out: no UTF-16 round trip on the hot path of every import.
  if (nfc.isNormalizedUTF8(sp, status) && U_SUCCESS(status)) {
    out.append(piece);
    return;
  }
  status = U_ZERO_ERROR;
  const std::size_t before = out.size();
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(piece.size()));
  nfc.normalizeUTF8(0, sp, sink, nullptr, status);
  if (U_FAILURE(status)) {  // only on ICU data failure; keep the text
    out.resize(before);
    out.append(piece);
  }
}

// True when the match key of `text` is `text` itself: NFC by the fast check,
// no white space but single U+0020 between non-space characters.
bool IsOwnMatchKey(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  bool previous_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char b = s[i];
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
    const CodePoint cp = DecodeUtf8(text, i);
    if (cp.value < 0 || !IsStableForNfc(cp.value) || IsNonAsciiWhiteSpace(cp.value)) return false;
    i += static_cast<std::size_t>(cp.length);
    previous_space = false;
  }
  return true;
}

}  // namespace

Status ValidateUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t length = text.size();
  std::size_t i = 0;
  while (i < length) {
    if (AsciiChunk(s, i, length)) {
      i += 8;
      continue;
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const CodePoint cp = DecodeUtf8(text, i);
    if (cp.value < 0) {
      Error e = BadInput(std::string("invalid UTF-8: ") + Utf8Problem(text, i) + " (byte 0x" +
                         HexDigit(s[i] >> 4) + HexDigit(s[i]) + ")");
      e.offset = static_cast<std::int64_t>(i);
      return e;
    }
    i += static_cast<std::size_t>(cp.length);
  }
  return Status::Ok();
}

std::string_view StripBom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::string ToNfc(std::string_view text) {
  if (IsTriviallyNfc(text)) return std::string(text);
  const icu::Normalizer2* nfc = Nfc();
  if (nfc == nullptr) return std::string(text);
  std::string out;
  out.reserve(text.size());
  // ICU takes int32 lengths: cut longer text where NFC cannot reach across
  // (before a code point that has a normalisation boundary before it).
  constexpr std::size_t kChunk = std::size_t{1} << 30;
  while (text.size() > static_cast<std::size_t>(INT32_MAX)) {
    std::size_t cut = kChunk;
    while (cut < text.size()) {
      const CodePoint cp = DecodeUtf8(text, cut);
      if (cp.value >= 0 && nfc->hasBoundaryBefore(cp.value)) break;
      ++cut;
    }
    AppendNfc(*nfc, text.substr(0, cut), out);
    text.remove_prefix(cut);
  }
  AppendNfc(*nfc, text, out);
  return out;
}

bool IsNfc(std::string_view text) {
  if (IsTriviallyNfc(text)) return true;
  const icu::Normalizer2* nfc = Nfc();
  if (nfc == nullptr) return true;  // ToNfc keeps the text then too
  if (text.size() <= static_cast<std::size_t>(INT32_MAX)) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::StringPiece sp(text.data(), static_cast<int32_t>(text.size()));
    const bool normalized = nfc->isNormalizedUTF8(sp, status);
    if (U_SUCCESS(status)) return normalized;
  }
  return ToNfc(text) == text;
}

Result<std::string> NormalizeInput(std::string_view text) {
  LOVCEN_RETURN_IF_ERROR(ValidateUtf8(text));
  return ToNfc(text);
}

std::string MatchKey(std::string_view text) {
  if (IsOwnMatchKey(text)) return std::string(text);
  const std::string nfc = ToNfc(text);
  std::string out;
  out.reserve(nfc.size());
  const auto* s = reinterpret_cast<const unsigned char*>(nfc.data());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < nfc.size()) {
    std::size_t len = 1;
    bool space;
    if (s[i] < 0x80) {
      space = s[i] == ' ' || (s[i] >= 0x09 && s[i] <= 0x0D);
    } else {
      const CodePoint cp = DecodeUtf8(nfc, i);
      len = static_cast<std::size_t>(cp.length);
      space = IsNonAsciiWhiteSpace(cp.value);
    }
    if (space) {
      pending_space = !out.empty();  // leading white space is dropped
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(nfc, i, len);
    }
    i += len;
  }
  return out;  // a trailing run left pending_space set and is dropped
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
