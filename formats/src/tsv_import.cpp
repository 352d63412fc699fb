// Tab-separated aligned segments into the TM (see importer.h).
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "lovcen/formats/importer.h"
#include "lovcen/text.h"

namespace lovcen::formats {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cells;
}

Error AtLine(Error e, const std::string& path, int line) {
  e.file = path;
  e.line = line;
  return e;
}

}  // namespace

Status ImportTsv(const std::string& path, TmWriter& writer, const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read the file", path);
  const std::string story = options.story_key.empty()
                                ? std::filesystem::path(path).stem().string()
                                : options.story_key;
  std::string line;
  int line_no = 0;
  std::vector<LanguageTag> columns;
  std::vector<std::int64_t> documents;
  std::int64_t byte_offset = 0;

  // Rows are buffered by one so each unit knows its successor (context).
  std::optional<TranslationUnit> pending;
  std::vector<std::string> previous_cells;
  std::size_t rows = 0;

  auto flush = [&](const std::vector<std::string>* next_cells) -> Status {
    if (!pending) return Status::Ok();
    for (Variant& v : pending->variants) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c] == v.language && next_cells) v.context_post = (*next_cells)[c];
      }
    }
    auto id = writer.Add(*pending);
    pending.reset();
    if (!id.ok()) return id.error();
    return Status::Ok();
  };

  while (std::getline(in, line)) {
    ++line_no;
    const std::int64_t line_start = byte_offset;
    byte_offset += static_cast<std::int64_t>(line.size()) + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view view = line;
    if (line_no == 1) view = StripBom(view);
    if (Status utf8 = ValidateUtf8(view); !utf8.ok()) {
      Error e = utf8.error();
      e.message += " (line " + std::to_string(line_no) + ")";
      e.offset += line_start + static_cast<std::int64_t>(line.size() - view.size());
      e.file = path;
      return e;
    }
    std::string text = ToNfc(view);
    if (line_no == 1) {
      for (const std::string& cell : SplitTabs(text)) {
        std::string warning;
        auto tag = LanguageTag::Parse(cell, options.tags, &warning);
        if (!tag.ok()) return AtLine(tag.error(), path, line_no);
        if (!warning.empty() && options.warn) options.warn(warning);
        for (const LanguageTag& seen : columns) {
          if (seen == *tag) {
            return AtLine(BadInput("language " + std::string(tag->str()) + " in two columns"), path, line_no);
          }
        }
        columns.push_back(*tag);
      }
      if (columns.size() < 2) {
        return AtLine(BadInput("the header needs at least two language columns"), path, line_no);
      }
      for (const LanguageTag& tag : columns) {
        Document d;
        d.story_key = story;
        d.language = tag;
        d.name = std::filesystem::path(path).filename().string();
        auto id = writer.AddDocument(d);
        if (!id.ok()) return id.error();
        documents.push_back(*id);
      }
      continue;
    }
    if (text.empty()) continue;  // a blank line separates nothing
    std::vector<std::string> cells = SplitTabs(text);
    if (cells.size() != columns.size()) {
      Error e = BadInput("expected " + std::to_string(columns.size()) + " tab-separated columns, found " +
                         std::to_string(cells.size()));
      return AtLine(e, path, line_no);
    }
    LOVCEN_RETURN_IF_ERROR(flush(&cells));
    TranslationUnit unit;
    unit.origin = Origin::kImported;
    unit.story_key = story;
    unit.document_id = documents.front();
    unit.position = static_cast<int>(rows);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (cells[c].empty()) continue;
      Variant v;
      v.language = columns[c];
      v.segment.text = cells[c];
      if (!previous_cells.empty()) v.context_pre = previous_cells[c];
      unit.variants.push_back(std::move(v));
    }
    ++rows;
    if (unit.variants.empty()) {
      writer.summary().rejected.push_back({path + ":" + std::to_string(line_no), "row has no text"});
    } else {
      pending = std::move(unit);
    }
    previous_cells = std::move(cells);
    if (options.progress && rows % 1000 == 0) options.progress(rows);
  }
  if (in.bad()) return IoError("read error", path);
  if (line_no == 0) return Error(BadInput("empty file, expected a header of language tags").InFile(path));
  LOVCEN_RETURN_IF_ERROR(flush(nullptr));
  if (options.progress) options.progress(rows);
  return Status::Ok();
}

}  // namespace lovcen::formats
