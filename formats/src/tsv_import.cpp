// Tab-separated aligned segments into the TM (see importer.h). The header is
// read here; the rows are read, checked and prepared (NFC, match keys) on a
// second thread while this one writes them to the store: on two cores the
// import takes about as long as the slower half instead of the sum.
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "hand_over.h"
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

struct RowBatch {
  std::vector<PreparedUnit> units;
  std::vector<Rejection> rejected;
  std::size_t rows = 0;  // rows read so far, for progress
};

constexpr std::size_t kBatchUnits = 256;

// What the header gave: one language per column, one document per language.
struct Layout {
  std::vector<LanguageTag> columns;
  std::string story;
  std::int64_t document_id = 0;
};

// One checked, NFC-normalised line; `line_start` is its byte offset.
Result<std::string> CheckedLine(std::string& line, int line_no, std::int64_t line_start,
                                const std::string& path) {
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
  return ToNfc(view);
}

// The reading thread: rows after the header, buffered by one so each unit
// knows its successor (context), prepared and handed over in batches.
class RowReader {
 public:
  RowReader(std::ifstream& in, const std::string& path, const Layout& layout, int line_no,
            std::int64_t byte_offset, HandOver<RowBatch>& out)
      : in_(in),
        path_(path),
        layout_(layout),
        line_no_(line_no),
        byte_offset_(byte_offset),
        out_(out) {}

  void Run() {
    Status status = ReadAll();
    if (status.ok() && (!batch_.units.empty() || !batch_.rejected.empty())) {
      batch_.rows = rows_;
      out_.Push(std::move(batch_));
    }
    out_.Close(std::move(status));
  }

 private:
  Status ReadAll() {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_no_;
      const std::int64_t line_start = byte_offset_;
      byte_offset_ += static_cast<std::int64_t>(line.size()) + 1;
      auto text = CheckedLine(line, line_no_, line_start, path_);
      if (!text.ok()) return text.error();
      if (text->empty()) continue;  // a blank line separates nothing
      std::vector<std::string> cells = SplitTabs(*text);
      if (cells.size() != layout_.columns.size()) {
        Error e = BadInput("expected " + std::to_string(layout_.columns.size()) +
                           " tab-separated columns, found " + std::to_string(cells.size()));
        return AtLine(e, path_, line_no_);
      }
      LOVCEN_RETURN_IF_ERROR(Flush(&cells));
      TranslationUnit unit;
      unit.origin = Origin::kImported;
      unit.story_key = layout_.story;
      unit.document_id = layout_.document_id;
      unit.position = static_cast<int>(rows_);
      for (std::size_t c = 0; c < layout_.columns.size(); ++c) {
        if (cells[c].empty()) continue;
        Variant v;
        v.language = layout_.columns[c];
        v.segment.text = cells[c];
        if (!previous_cells_.empty()) v.context_pre = previous_cells_[c];
        unit.variants.push_back(std::move(v));
      }
      ++rows_;
      if (unit.variants.empty()) {
        batch_.rejected.push_back({path_ + ":" + std::to_string(line_no_), "row has no text"});
      } else {
        pending_ = std::move(unit);
        pending_line_ = line_no_;
      }
      previous_cells_ = std::move(cells);
    }
    if (in_.bad()) return IoError("read error", path_);
    return Flush(nullptr);
  }

  Status Flush(const std::vector<std::string>* next_cells) {
    if (!pending_) return Status::Ok();
    if (next_cells != nullptr) {
      for (Variant& v : pending_->variants) {
        for (std::size_t c = 0; c < layout_.columns.size(); ++c) {
          if (layout_.columns[c] == v.language) v.context_post = (*next_cells)[c];
        }
      }
    }
    auto prepared = PrepareUnit(std::move(*pending_));
    pending_.reset();
    if (!prepared.ok()) return AtLine(prepared.error(), path_, pending_line_);
    batch_.units.push_back(std::move(*prepared));
    if (batch_.units.size() < kBatchUnits) return Status::Ok();
    batch_.rows = rows_;
    if (!out_.Push(std::exchange(batch_, RowBatch{}))) return UsageError("import cancelled");
    return Status::Ok();
  }

  std::ifstream& in_;
  const std::string& path_;
  const Layout& layout_;
  int line_no_;
  std::int64_t byte_offset_;
  HandOver<RowBatch>& out_;
  std::optional<TranslationUnit> pending_;
  int pending_line_ = 0;
  std::vector<std::string> previous_cells_;
  std::size_t rows_ = 0;
  RowBatch batch_;
};

// The header row: language tags, one document per language.
Result<Layout> ReadHeader(std::string& line, const std::string& path, TmWriter& writer,
                          const ImportOptions& options) {
  auto text = CheckedLine(line, 1, 0, path);
  if (!text.ok()) return text.error();
  Layout layout;
  layout.story =
      options.story_key.empty() ? std::filesystem::path(path).stem().string() : options.story_key;
  for (const std::string& cell : SplitTabs(*text)) {
    std::string warning;
    auto tag = LanguageTag::Parse(cell, options.tags, &warning);
    if (!tag.ok()) return AtLine(tag.error(), path, 1);
    if (!warning.empty() && options.warn) options.warn(warning);
    for (const LanguageTag& seen : layout.columns) {
      if (seen == *tag) {
        return AtLine(BadInput("language " + std::string(tag->str()) + " in two columns"), path, 1);
      }
    }
    layout.columns.push_back(*tag);
  }
  if (layout.columns.size() < 2) {
    return AtLine(BadInput("the header needs at least two language columns"), path, 1);
  }
  for (const LanguageTag& tag : layout.columns) {
    Document d;
    d.story_key = layout.story;
    d.language = tag;
    d.name = std::filesystem::path(path).filename().string();
    auto id = writer.AddDocument(d);
    if (!id.ok()) return id.error();
    if (layout.document_id == 0) layout.document_id = *id;
  }
  return layout;
}

}  // namespace

Status ImportTsv(const std::string& path, TmWriter& writer, const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read the file", path);
  std::string header;
  if (!std::getline(in, header)) {
    if (in.bad()) return IoError("read error", path);
    return Error(BadInput("empty file, expected a header of language tags").InFile(path));
  }
  auto layout = ReadHeader(header, path, writer, options);
  if (!layout.ok()) return layout.error();

  HandOver<RowBatch> queue;
  RowReader reader(in, path, *layout, 1, static_cast<std::int64_t>(header.size()) + 1, queue);
  std::thread thread;
  try {
    thread = std::thread([&reader] { reader.Run(); });
  } catch (const std::system_error& e) {
    return IoError(std::string("cannot start the reading thread: ") + e.what(), path);
  }
  Status status;
  std::size_t rows = 0;
  while (auto batch = queue.Pop()) {
    for (PreparedUnit& unit : batch->units) {
      auto id = writer.AddPrepared(std::move(unit));
      if (!id.ok()) {
        status = id.error();
        break;
      }
    }
    if (!status.ok()) break;
    for (Rejection& r : batch->rejected) writer.summary().rejected.push_back(std::move(r));
    if (options.progress && batch->rows / 1000 > rows / 1000) options.progress(batch->rows);
    rows = batch->rows;
  }
  if (!status.ok()) queue.Cancel();
  thread.join();
  LOVCEN_RETURN_IF_ERROR(status);
  LOVCEN_RETURN_IF_ERROR(queue.status());
  if (options.progress) options.progress(rows);
  return Status::Ok();
}

}  // namespace lovcen::formats
