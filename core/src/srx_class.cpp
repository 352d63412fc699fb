#include "srx_class.h"

#include <cctype>

namespace lovcen::srx_internal {

bool IsOneClass(std::string_view pattern) {
  auto simple_escape = [](char c) {
    return std::string_view("sSdDwWntr").find(c) != std::string_view::npos;
  };
  auto property = [&](std::size_t& i) {
    // At "\p{" or "\P{": up to the closing brace, letters, digits, '_', '=', ' ' only.
    if (i + 2 >= pattern.size() || pattern[i + 2] != '{') return false;
    std::size_t k = i + 3;
    while (k < pattern.size() && pattern[k] != '}') {
      const char c = pattern[k];
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '=' || c == ' ')) {
        return false;
      }
      ++k;
    }
    if (k >= pattern.size() || k == i + 3) return false;
    i = k + 1;
    return true;
  };
  if (pattern.size() >= 2 && pattern[0] == '\\') {
    if (pattern.size() == 2)
      return simple_escape(pattern[1]) && pattern[1] != 'n' && pattern[1] != 't' &&
             pattern[1] != 'r';
    std::size_t i = 0;
    return (pattern[1] == 'p' || pattern[1] == 'P') && property(i) && i == pattern.size();
  }
  if (pattern.size() < 3 || pattern.front() != '[' || pattern.back() != ']') return false;
  std::size_t i = 1;
  if (pattern[i] == '^') ++i;
  const std::size_t end = pattern.size() - 1;
  if (i >= end) return false;
  while (i < end) {
    const char c = pattern[i];
    // '(', ')' and '}' stand for themselves in a class; '{' might open a
    // string of a set, '&' an intersection, '[' a nested class.
    if (c == '[' || c == ']' || c == '&' || c == '{' || c == '#' ||
        static_cast<unsigned char>(c) < 0x20) {
      return false;
    }
    if (c != '\\') {
      ++i;
      continue;
    }
    if (i + 1 >= end) return false;
    const char e = pattern[i + 1];
    if (e == 'p' || e == 'P') {
      if (!property(i) || i > end) return false;
    } else if (simple_escape(e) ||
               (e != '\0' && std::string_view(".-^$\\[]?*+|/ '\"()&{}#!,:;<=>@_`~%").find(e) !=
                                  std::string_view::npos)) {
      i += 2;
    } else if (e == 'u' && i + 6 <= end) {
      for (std::size_t k = i + 2; k < i + 6; ++k) {
        if (!std::isxdigit(static_cast<unsigned char>(pattern[k]))) return false;
      }
      i += 6;
    } else {
      return false;
    }
  }
  return true;
}

std::size_t OneClassLength(std::string_view p) {
  std::size_t n = 0;
  if (p.size() >= 2 && p[0] == '\\') {
    if ((p[1] == 'p' || p[1] == 'P') && p.size() > 2 && p[2] == '{') {
      const std::size_t close = p.find('}');
      n = close == std::string_view::npos ? 0 : close + 1;
    } else {
      n = 2;
    }
  } else if (!p.empty() && p[0] == '[') {
    std::size_t i = 1;
    while (i < p.size() && p[i] != ']') i += p[i] == '\\' ? 2 : 1;
    n = i < p.size() ? i + 1 : 0;
  }
  return n > 0 && IsOneClass(p.substr(0, n)) ? n : 0;
}

}  // namespace lovcen::srx_internal
