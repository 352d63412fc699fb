#include "lovcen/case_fold.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace lovcen {

FoldedText FoldCase(std::string_view text) {
  FoldedText out;
  out.text.reserve(text.size());
  out.origin.reserve(text.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0x80 && c >= 0) {
      out.text += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      out.origin.push_back(static_cast<std::size_t>(start));
      continue;
    }
    std::string piece;
    if (c < 0) {
      piece.assign(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    } else {
      icu::UnicodeString u(c);
      u.foldCase();
      u.toUTF8String(piece);
    }
    for (char b : piece) {
      out.text += b;
      out.origin.push_back(static_cast<std::size_t>(start));
    }
  }
  out.origin.push_back(text.size());
  return out;
}

std::string FoldCaseString(std::string_view text) { return FoldCase(text).text; }

}  // namespace lovcen
