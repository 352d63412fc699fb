// The review file of `lovcen align`: one row per aligned bead, tab-separated,
// with the bead's confidence and a "check" mark where a person should look
// (confidence below the threshold, or the pairings of three editions
// disagree). A reviewer fixes the cells (moves a sentence to the row where it
// belongs, empties a cell, deletes a row) and `lovcen align --apply` stores
// the corrected rows. The TSV layout (an XLIFF form is below):
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
  std::string review;  // empty, or "check: <why>"
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

// The same review as XLIFF 1.2, for a reviewer who works in a CAT tool: one
// <file> per language after the first (source = the first language,
// original = the story key, product-name="lovcen-align-review"), one
// <trans-unit id="N"> per row in every file, with the row's cell of that
// language as the target (empty where the edition has no sentence). A marked
// row's target is "needs-review-translation" and its note says why
// ("check: low confidence; confidence 0.42"); the others are "translated"
// with "confidence 0.99". Reading joins the files' units by id back into
// rows; a unit removed from every file is a deleted row.
Result<std::string> WriteReviewXliff(const ReviewFile& file);
Result<ReviewFile> ReadReviewXliff(const std::string& path);

// A review file by its name: *.xlf and *.xliff are XLIFF, anything else TSV.
bool IsXliffReviewPath(const std::string& path);

}  // namespace lovcen::formats
