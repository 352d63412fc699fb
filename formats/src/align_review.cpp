// The review file of `lovcen align` (formats/align_review.h).
#include "lovcen/formats/align_review.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "lovcen/text.h"

namespace lovcen::formats {
namespace {

constexpr std::string_view kMagic = "# lovcen align review: story=";

std::string Cell(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

}  // namespace

std::string WriteReviewTsv(const ReviewFile& file) {
  std::string out(kMagic);
  out += file.story + "\nreview\tconfidence";
  for (const LanguageTag& l : file.languages) out += "\t" + std::string(l.str());
  out += '\n';
  for (const ReviewRow& r : file.rows) {
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.2f", r.confidence);
    out += Cell(r.review) + "\t" + conf;
    for (const std::string& c : r.cells) out += "\t" + Cell(c);
    out += '\n';
  }
  return out;
}

Result<ReviewFile> ReadReviewTsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read the review file", path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  if (Status s = ValidateUtf8(bytes); !s.ok()) return s.error().InFile(path);
  auto at = [&path](int line, std::string message) {
    Error e = BadInput(std::move(message));
    e.file = path;
    e.line = line;
    return e;
  };
  std::istringstream lines(bytes);
  std::string line;
  ReviewFile file;
  if (!std::getline(lines, line) || line.rfind(kMagic, 0) != 0) {
    return at(1, "not a lovcen align review file (first line must be '" + std::string(kMagic) + "KEY')");
  }
  file.story = line.substr(kMagic.size());
  while (!file.story.empty() && (file.story.back() == '\r' || file.story.back() == ' ')) file.story.pop_back();
  if (!std::getline(lines, line)) return at(2, "missing header row");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::vector<std::string> header = Split(line);
  if (header.size() < 4 || header[0] != "review" || header[1] != "confidence") {
    return at(2, "header must be: review, confidence, then two or more language tags");
  }
  for (std::size_t c = 2; c < header.size(); ++c) {
    auto tag = LanguageTag::Parse(header[c]);
    if (!tag.ok()) return at(2, "unknown language '" + header[c] + "'");
    for (const LanguageTag& seen : file.languages) {
      if (seen == *tag) return at(2, "language '" + header[c] + "' given twice");
    }
    file.languages.push_back(*tag);
  }
  int number = 2;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells = Split(line);
    if (cells.size() > header.size()) return at(number, "more cells than the header has columns");
    cells.resize(header.size());
    ReviewRow row;
    row.review = cells[0];
    try {
      row.confidence = cells[1].empty() ? 1.0 : std::stod(cells[1]);
    } catch (...) {
      return at(number, "confidence '" + cells[1] + "' is not a number");
    }
    row.cells.assign(cells.begin() + 2, cells.end());
    file.rows.push_back(std::move(row));
  }
  return file;
}

}  // namespace lovcen::formats
