// The review file of `lovcen align`: one row per aligned bead, tab-separated,
// with the bead's confidence and a "check" mark where a person should look
// (confidence below the threshold, or the pairings of three editions
// disagree). A reviewer fixes the cells (moves a sentence to the row where it
// belongs, empties a cell, deletes a row) and `lovcen align --apply` stores
// the corrected rows. Layout:
//   # lovcen align review: story=KEY
//   review<TAB>confidence<TAB>en<TAB>cnr-Latn[<TAB>de]
//   check: low confidence<TAB>0.42<TAB>text...<TAB>text...
#pragma once

#include <string>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/status.h"

namespace lovcen::formats {

struct ReviewRow {
  std::string review;        // empty, or "check: <why>"
  double confidence = 0.0;
  std::vector<std::string> cells;  // one per language; empty = no sentence
};

struct ReviewFile {
  std::string story;
  std::vector<LanguageTag> languages;
  std::vector<ReviewRow> rows;
};

std::string WriteReviewTsv(const ReviewFile& file);

// Reads a review file; errors name the file and line.
Result<ReviewFile> ReadReviewTsv(const std::string& path);

}  // namespace lovcen::formats
