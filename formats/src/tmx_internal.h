// Helpers shared by the TMX reader and writer: UTF-16 to UTF-8 and XML
// escaping, appending to a caller's buffer so the hot paths allocate nothing.
#pragma once

#include <bit>
#include <cstddef>
#include <string>
#include <string_view>
#include <xercesc/util/XercesDefs.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lovcen::formats {

// Appends one code point as UTF-8.
inline void AppendCodePoint(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 2);
  } else if (c < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (c >> 12)),
                       static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {
        static_cast<char>(0xF0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
        static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 4);
  }
}

// Decodes the code point at text[i] (joining a surrogate pair, advancing i
// past it); a lone surrogate becomes U+FFFD (Xerces never passes one on).
inline char32_t NextCodePoint(const XMLCh* text, std::size_t length, std::size_t& i) {
  char32_t c = text[i++];
  if (c >= 0xD800 && c <= 0xDBFF && i < length && text[i] >= 0xDC00 && text[i] <= 0xDFFF) {
    c = 0x10000 + ((c - 0xD800) << 10) + (text[i++] - 0xDC00);
  } else if (c >= 0xD800 && c <= 0xDFFF) {
    c = 0xFFFD;
  }
  return c;
}

// Stores the low bytes of the 8 UTF-16 units at `p` at `to` and returns
// how many of them, from the first, are ASCII (those bytes are valid; the
// rest are overwritten later). Most TMX text is ASCII between sparse
// accented letters, and this step is most of what the reader spends outside
// Xerces.
inline std::size_t AsciiPrefix8(const XMLCh* p, char* to) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i high = _mm_and_si128(v, _mm_set1_epi16(static_cast<short>(0xFF80)));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(to), _mm_packus_epi16(v, v));
  // Two mask bits per unit; a zero pair marks a non-ASCII unit.
  const unsigned ascii =
      static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())));
  return ascii == 0xFFFF ? 8 : static_cast<std::size_t>(std::countr_one(ascii)) / 2;
#else
  std::size_t k = 0;
  while (k < 8 && p[k] < 0x80) {
    to[k] = static_cast<char>(p[k]);
    ++k;
  }
  return k;
#endif
}

inline void AppendUtf8(std::string& out, const XMLCh* text, std::size_t length) {
  // Converted through a small stack buffer: no zero-filling resize, one
  // append per 1 KiB, and ASCII eight units at a time.
  char buf[1024];
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < length) {
    if (n > sizeof buf - 12) {  // room for 7 ASCII bytes and one 4-byte sequence
      out.append(buf, n);
      n = 0;
    }
    if (i + 8 <= length) {
      const std::size_t ascii = AsciiPrefix8(text + i, buf + n);
      i += ascii;
      n += ascii;
      if (ascii == 8) continue;
    }
    const XMLCh c = text[i];
    if (c < 0x80) {
      buf[n++] = static_cast<char>(c);
      ++i;
      continue;
    }
    char32_t cp = NextCodePoint(text, length, i);
    if (cp < 0x800) {
      buf[n++] = static_cast<char>(0xC0 | (cp >> 6));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[n++] = static_cast<char>(0xE0 | (cp >> 12));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      buf[n++] = static_cast<char>(0xF0 | (cp >> 18));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  out.append(buf, n);
}

inline void AppendUtf8(std::string& out, const XMLCh* text) {
  if (text == nullptr) return;
  std::size_t n = 0;
  while (text[n] != 0) ++n;
  AppendUtf8(out, text, n);
}

// The entity for a character that must be escaped in element content
// (attr = false) or in a double-quoted attribute (attr = true), or nullptr.
inline const char* EntityFor(XMLCh c, bool attr) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '\r':
      return "&#13;";  // kept through line-end normalisation
    case '"':
      return attr ? "&quot;" : nullptr;
    case '\t':
      return attr ? "&#9;" : nullptr;  // kept through attribute normalisation
    case '\n':
      return attr ? "&#10;" : nullptr;
    default:
      return nullptr;
  }
}

inline void AppendEscaped(std::string& out, const XMLCh* text, std::size_t length, bool attr) {
  std::size_t i = 0;
  while (i < length) {
    if (const char* entity = EntityFor(text[i], attr)) {
      out += entity;
      ++i;
    } else {
      AppendCodePoint(out, NextCodePoint(text, length, i));
    }
  }
}

// Character data as XML element content.
inline void AppendEscapedUtf8(std::string& out, const XMLCh* text, std::size_t length) {
  AppendEscaped(out, text, length, false);
}

// An attribute value for a double-quoted attribute.
inline void AppendEscapedAttribute(std::string& out, const XMLCh* text) {
  std::size_t length = 0;
  while (text[length] != 0) ++length;
  AppendEscaped(out, text, length, true);
}

}  // namespace lovcen::formats
