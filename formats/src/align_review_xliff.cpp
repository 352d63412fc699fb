// The review file of `lovcen align` as XLIFF 1.2 (formats/align_review.h).
#include <algorithm>
#include <cstdio>
#include <map>

#include "lovcen/formats/align_review.h"
#include "lovcen/formats/xliff.h"

namespace lovcen::formats {
namespace {

constexpr std::string_view kProduct = "lovcen-align-review";
constexpr std::string_view kConfidence = "confidence ";

std::string NoteText(const ReviewRow& row) {
  char conf[32];
  std::snprintf(conf, sizeof conf, "%s%.2f", kConfidence.data(), row.confidence);
  return row.review.empty() ? std::string(conf) : row.review + "; " + conf;
}

// "check: low confidence; confidence 0.42" -> review "check: low
// confidence", confidence 0.42. A note the reviewer rewrote keeps its text
// as the review and confidence 1.
void ParseNote(const std::string& text, ReviewRow& row) {
  row.confidence = 1.0;
  const std::size_t at = text.rfind(kConfidence);
  if (at == std::string::npos) {
    row.review = text;
    return;
  }
  try {
    row.confidence = std::stod(text.substr(at + kConfidence.size()));
  } catch (...) {
    row.confidence = 1.0;
  }
  std::string review = text.substr(0, at);
  while (!review.empty() && (review.back() == ' ' || review.back() == ';')) review.pop_back();
  row.review = review;
}

// The text of a unit's source or target over all its segments (a CAT tool
// may have split the unit with <seg-source>).
std::string UnitText(const XliffUnit& unit, bool target) {
  std::string out;
  for (const XliffSegment& s : unit.segments) {
    if (target) {
      if (s.target) out += s.target->text;
    } else {
      out += s.source.text;
    }
  }
  return out;
}

}  // namespace

bool IsXliffReviewPath(const std::string& path) {
  auto ends = [&](std::string_view ext) {
    if (path.size() < ext.size()) return false;
    std::string tail = path.substr(path.size() - ext.size());
    std::transform(tail.begin(), tail.end(), tail.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return tail == ext;
  };
  return ends(".xlf") || ends(".xliff");
}

Result<std::string> WriteReviewXliff(const ReviewFile& review) {
  if (review.languages.size() < 2) return UsageError("a review file needs two languages or more");
  XliffDocument doc;
  doc.version = XliffVersion::k12;
  for (std::size_t lang = 1; lang < review.languages.size(); ++lang) {
    XliffFile file;
    file.original = review.story;
    file.source_language = std::string(review.languages[0].str());
    file.target_language = std::string(review.languages[lang].str());
    file.datatype = "plaintext";
    SetAttribute(file.attributes, "product-name", std::string(kProduct));
    for (std::size_t r = 0; r < review.rows.size(); ++r) {
      const ReviewRow& row = review.rows[r];
      XliffUnit unit;
      unit.id = std::to_string(r + 1);
      XliffSegment seg;
      seg.source.text = row.cells.at(0);
      seg.target = Segment{row.cells.at(lang), {}};
      seg.state = row.review.empty() ? "translated" : "needs-review-translation";
      unit.segments.push_back(std::move(seg));
      XliffNote note;
      note.text = NoteText(row);
      SetAttribute(note.attributes, "from", "lovcen");
      if (!row.review.empty()) SetAttribute(note.attributes, "priority", "1");
      unit.notes.push_back(std::move(note));
      file.items.push_back(XliffItem{std::move(unit)});
    }
    doc.files.push_back(std::move(file));
  }
  return WriteXliff(doc);
}

Result<ReviewFile> ReadReviewXliff(const std::string& path) {
  auto doc = ReadXliffFile(path);
  if (!doc.ok()) return doc.error();
  auto bad = [&path](std::string message) { return BadInput(std::move(message)).InFile(path); };
  if (doc->version != XliffVersion::k12 || doc->files.empty()) {
    return bad("not a lovcen align review file (XLIFF 1.2 with one <file> per language)");
  }
  ReviewFile review;
  std::map<std::string, std::size_t> row_of;  // unit id -> row
  for (std::size_t f = 0; f < doc->files.size(); ++f) {
    const XliffFile& file = doc->files[f];
    if (AttributeValue(file.attributes, "product-name") != kProduct) {
      return bad("not a lovcen align review file (no product-name=\"" + std::string(kProduct) +
                 "\" on <file> " + std::to_string(f + 1) + ")");
    }
    auto source = LanguageTag::Parse(file.source_language);
    if (!source.ok()) return bad("unknown source-language '" + file.source_language + "'");
    auto target = LanguageTag::Parse(file.target_language);
    if (!target.ok()) return bad("unknown target-language '" + file.target_language + "'");
    if (f == 0) {
      review.story = file.original;
      review.languages.push_back(*source);
    } else if (*source != review.languages[0] || file.original != review.story) {
      return bad("<file> " + std::to_string(f + 1) +
                 " is of another story or source language than the first");
    }
    if (std::find(review.languages.begin(), review.languages.end(), *target) !=
        review.languages.end()) {
      return bad("language '" + file.target_language + "' given twice");
    }
    review.languages.push_back(*target);
    const std::size_t column = review.languages.size() - 1;
    ForEachXliffUnit(file.items, true, [&](const XliffUnit& unit, bool) {
      auto [it, added] = row_of.emplace(unit.id, review.rows.size());
      if (added) {
        ReviewRow& row = review.rows.emplace_back();
        row.cells.resize(doc->files.size() + 1);
        if (unit.notes.empty()) {
          row.confidence = 1.0;
        } else {
          ParseNote(unit.notes.front().text, row);
        }
      }
      ReviewRow& row = review.rows[it->second];
      if (row.cells[0].empty()) row.cells[0] = UnitText(unit, false);
      row.cells[column] = UnitText(unit, true);
    });
  }
  return review;
}

}  // namespace lovcen::formats
