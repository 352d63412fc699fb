// Text on the way in (design brief §2): UTF-8 validation that names the byte
// offset of the first bad byte, NFC normalisation, and the match key with its
// 64-bit hash that exact lookup uses. All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lovcen/status.h"

namespace lovcen {

// Ok when `text` is well-formed UTF-8 (no overlongs, surrogates or code
// points above U+10FFFF); otherwise a kBadInput error with Error::offset set.
Status ValidateUtf8(std::string_view text);

// Strips a UTF-8 byte order mark if present.
std::string_view StripBom(std::string_view text);

// NFC form of valid UTF-8 `text` (returned unchanged when already NFC).
std::string ToNfc(std::string_view text);

// True when ToNfc(text) == text, without building the copy: for a reader
// that normalises only what needs it.
bool IsNfc(std::string_view text);

// Validates then normalises; the usual entry for text read from a file.
Result<std::string> NormalizeInput(std::string_view text);

// Match key: NFC, every run of white space (Unicode White_Space, including
// no-break space) collapsed to one U+0020, trimmed.
std::string MatchKey(std::string_view text);

// Stable 64-bit hash of a match key (FNV-1a 64 over the bytes; stored in
// the TM, so it must never change).
std::uint64_t KeyHash(std::string_view match_key);

// Number of Unicode code points in valid UTF-8 `text`.
std::size_t CodePointCount(std::string_view text);

// One decoded code point: `value` is -1 for an ill-formed sequence (then
// `length` is 1, so a scanner steps over the bad byte and resynchronises).
struct CodePoint {
  std::int32_t value = -1;
  int length = 1;
};

// The code point starting at byte `i` (< text.size()) of `text`, by the
// strict rules ValidateUtf8 applies. Inline because every scanner over text
// (tokenizer, match key) calls it once per character.
inline CodePoint DecodeUtf8(std::string_view text, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned c = p[i];
  if (c < 0x80) return {static_cast<std::int32_t>(c), 1};
  const auto cont = [&](std::size_t k) { return k < n && (p[k] & 0xC0u) == 0x80u; };
  if (c < 0xC2) return {};  // stray continuation byte, or overlong 2-byte lead
  if (c < 0xE0) {
    if (!cont(i + 1)) return {};
    return {static_cast<std::int32_t>(((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu)), 2};
  }
  if (c < 0xF0) {
    // E0 needs A0..BF next (else overlong); ED needs 80..9F (else surrogate).
    const unsigned lo = c == 0xE0 ? 0xA0u : 0x80u;
    const unsigned hi = c == 0xED ? 0x9Fu : 0xBFu;
    if (i + 1 >= n || p[i + 1] < lo || p[i + 1] > hi || !cont(i + 2)) return {};
    return {static_cast<std::int32_t>(((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) |
                                      (p[i + 2] & 0x3Fu)),
            3};
  }
  if (c < 0xF5) {
    // F0 needs 90..BF next (else overlong); F4 needs 80..8F (else > U+10FFFF).
    const unsigned lo = c == 0xF0 ? 0x90u : 0x80u;
    const unsigned hi = c == 0xF4 ? 0x8Fu : 0xBFu;
    if (i + 1 >= n || p[i + 1] < lo || p[i + 1] > hi || !cont(i + 2) || !cont(i + 3)) return {};
    return {static_cast<std::int32_t>(((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) |
                                      ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3Fu)),
            4};
  }
  return {};  // F5..FF never occur in UTF-8
}

}  // namespace lovcen
