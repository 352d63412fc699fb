// Helpers shared by the TMX reader and writer: UTF-16 to UTF-8 and XML
// escaping, appending to a caller's buffer so the hot paths allocate nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <xercesc/util/XercesDefs.hpp>

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
    const char b[4] = {static_cast<char>(0xF0 | (c >> 18)),
                       static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (c & 0x3F))};
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

inline void AppendUtf8(std::string& out, const XMLCh* text, std::size_t length) {
  std::size_t i = 0;
  while (i < length) {
    // Most TMX text is ASCII: copy runs of it without per-character branching.
    std::size_t run = i;
    while (run < length && text[run] < 0x80) ++run;
    if (run > i) {
      const std::size_t old = out.size();
      out.resize(old + (run - i));
      char* dst = out.data() + old;
      for (std::size_t k = i; k < run; ++k) *dst++ = static_cast<char>(text[k]);
      i = run;
      if (i == length) break;
    }
    AppendCodePoint(out, NextCodePoint(text, length, i));
  }
}

inline void AppendUtf8(std::string& out, const XMLCh* text) {
  if (text == nullptr) return;
  std::size_t n = 0;
  while (text[n] != 0) ++n;
  AppendUtf8(out, text, n);
}

// Character data as XML element content (& < > escaped, CR kept as &#13;).
inline void AppendEscapedUtf8(std::string& out, const XMLCh* text, std::size_t length) {
  std::size_t i = 0;
  while (i < length) {
    switch (text[i]) {
      case '&': out += "&amp;"; ++i; break;
      case '<': out += "&lt;"; ++i; break;
      case '>': out += "&gt;"; ++i; break;
      case '\r': out += "&#13;"; ++i; break;
      default: AppendCodePoint(out, NextCodePoint(text, length, i));
    }
  }
}

// An attribute value for a double-quoted attribute.
inline void AppendEscapedAttribute(std::string& out, const XMLCh* text) {
  std::size_t length = 0;
  while (text[length] != 0) ++length;
  std::size_t i = 0;
  while (i < length) {
    switch (text[i]) {
      case '&': out += "&amp;"; ++i; break;
      case '<': out += "&lt;"; ++i; break;
      case '>': out += "&gt;"; ++i; break;
      case '"': out += "&quot;"; ++i; break;
      case '\t': out += "&#9;"; ++i; break;
      case '\n': out += "&#10;"; ++i; break;
      case '\r': out += "&#13;"; ++i; break;
      default: AppendCodePoint(out, NextCodePoint(text, length, i));
    }
  }
}

}  // namespace lovcen::formats
