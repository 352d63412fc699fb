// Unicode case folding (ICU full folding, so "ß" folds to "ss") that remembers
// where each folded byte came from, so a match found in folded text can be
// shown on the original. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lovcen {

struct FoldedText {
  std::string text;                  // case-folded UTF-8
  std::vector<std::size_t> origin;   // origin[i] = byte offset in the source of text[i];
                                     // origin[text.size()] = source size
};

FoldedText FoldCase(std::string_view text);

// Case-folded copy without the offset map.
std::string FoldCaseString(std::string_view text);

}  // namespace lovcen
