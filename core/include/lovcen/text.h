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

}  // namespace lovcen
