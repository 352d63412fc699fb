// TMX file <-> TmStore: one streaming read into one transaction, and one
// store scan into one streaming writer.
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "hand_over.h"
#include "lovcen/formats/tmx.h"
#include "lovcen/formats/tmx_writer.h"

namespace lovcen::formats {

namespace {

// A converted unit on its way from the reading thread to the store.
struct Item {
  ConvertedTmxUnit converted;
  // converted.unit prepared for the store on the reading thread (or why not).
  std::optional<Result<PreparedUnit>> prepared;
  int line = 0;
  std::string tuid;

  std::string Where() const {
    if (tuid.empty()) return "tu at line " + std::to_string(line);
    return "tu '" + tuid + "' (line " + std::to_string(line) + ")";
  }
};

struct Batch {
  std::vector<Item> items;
  std::vector<std::string> warnings;
  std::size_t read = 0;  // units read so far, for progress
};

constexpr std::size_t kBatchUnits = 256;

using BatchQueue = HandOver<Batch>;

// The reading thread: parse and convert, in batches.
void ReadAndConvert(const std::string& path, const ImportOptions& options, BatchQueue& queue) {
  TmxUnitConverter converter(options.tags);
  TmxHeader header;
  Batch batch;
  std::size_t read = 0;
  TmxReadCallbacks callbacks;
  callbacks.on_header = [&header](const TmxHeader& h) {
    header = h;
    return Status::Ok();
  };
  callbacks.on_unit = [&](TmxUnit& unit) -> Status {
    ++read;
    Item item{converter.Convert(unit, header), {}, unit.line, std::string(unit.tuid())};
    if (std::optional<TranslationUnit>& u = item.converted.unit) {
      if (u->story_key.empty()) u->story_key = options.story_key;
      item.prepared = PrepareUnit(std::move(*u));
      u.reset();
    }
    batch.items.push_back(std::move(item));
    for (std::string& w : converter.TakeWarnings()) batch.warnings.push_back(std::move(w));
    if (batch.items.size() < kBatchUnits) return Status::Ok();
    batch.read = read;
    if (!queue.Push(std::exchange(batch, Batch{}))) return UsageError("import cancelled");
    return Status::Ok();
  };
  XmlInput input;
  input.name = path;
  input.path = path;
  Status status = ReadTmx(input, callbacks);
  if (status.ok() && !batch.items.empty()) {
    batch.read = read;
    queue.Push(std::move(batch));
  }
  queue.Close(std::move(status));
}

}  // namespace

// Reading, converting and preparing (Xerces, NFC, match keys) run on a second thread while this one
// writes to the store: on two cores the import takes about as long as the
// slower of the two instead of their sum.
Status ImportTmxInto(const std::string& path, TmWriter& writer, const ImportOptions& options) {
  BatchQueue queue;
  std::thread reader;
  try {
    reader = std::thread(ReadAndConvert, std::cref(path), std::cref(options), std::ref(queue));
  } catch (const std::system_error& e) {
    return IoError(std::string("cannot start the reading thread: ") + e.what(), path);
  }

  // Variants left out, counted per reason: bounded by the distinct causes.
  struct LeftOut {
    std::size_t units = 0;
    std::string first;
  };
  std::map<std::string, LeftOut> left_out;
  std::vector<std::string> left_out_order;
  std::size_t rejected = 0;
  Rejection first_rejected;
  std::size_t read = 0;

  // Handles one unit; an error ends the import.
  const auto take = [&](Item& item) -> Status {
    ConvertedTmxUnit& converted = item.converted;
    for (Rejection& r : converted.left_out) {
      auto [it, inserted] = left_out.try_emplace(r.reason);
      if (inserted) {
        it->second.first = r.where;
        left_out_order.push_back(r.reason);
      }
      ++it->second.units;
    }
    if (converted.rejection) {
      // Name the file: one command may import several.
      converted.rejection->where = path + ": " + converted.rejection->where;
      if (++rejected > kTmxMaxRejectedUnits) {
        return Error(BadInput("more than " + std::to_string(kTmxMaxRejectedUnits) +
                              " units rejected (the first: " + first_rejected.where + ": " +
                              first_rejected.reason + ")")
                         .InFile(path));
      }
      if (rejected == 1) first_rejected = *converted.rejection;
      writer.summary().rejected.push_back(std::move(*converted.rejection));
      return Status::Ok();
    }
    if (!item.prepared) return Status::Ok();
    auto id = item.prepared->ok() ? writer.AddPrepared(std::move(**item.prepared))
                                  : Result<std::int64_t>(item.prepared->error());
    if (!id.ok()) {
      // A unit the store finds malformed is that unit's problem; anything
      // else (disk, locks) ends the import.
      if (id.error().kind != Error::Kind::kBadInput) return id.error();
      writer.summary().rejected.push_back({path + ": " + item.Where(), id.error().message});
    }
    return Status::Ok();
  };

  Status failure;
  while (failure.ok()) {
    std::optional<Batch> batch = queue.Pop();
    if (!batch) break;
    if (options.warn) {
      for (const std::string& w : batch->warnings) options.warn(w);
    }
    for (Item& item : batch->items) {
      failure = take(item);
      if (!failure.ok()) break;
    }
    read = batch->read;
    if (options.progress) options.progress(read);
  }
  if (!failure.ok()) queue.Cancel();
  reader.join();
  if (!failure.ok()) return failure;
  if (Status s = queue.status(); !s.ok()) {
    Error e = s.error();
    if (e.file.empty() && e.kind == Error::Kind::kBadInput) e.file = path;
    return e;
  }
  for (const std::string& reason : left_out_order) {
    const LeftOut& l = left_out[reason];
    std::string where = path + ": " + l.first;
    if (l.units > 1)
      where = path + ": " + std::to_string(l.units) + " units (first: " + l.first + ")";
    writer.summary().rejected.push_back({std::move(where), reason});
  }
  return Status::Ok();
}

Result<WriteSummary> ImportTmx(const std::string& path, TmStore& store,
                               const ImportOptions& options, const WriteOptions& write_options) {
  auto writer = store.BeginWrite(write_options);
  if (!writer.ok()) return writer.error();
  LOVCEN_RETURN_IF_ERROR(ImportTmxInto(path, **writer, options));  // the writer rolls back
  LOVCEN_RETURN_IF_ERROR((*writer)->Commit());
  return (*writer)->summary();
}

Result<TmxExportSummary> ExportTmx(TmStore& store, const TmxExportOptions& options,
                                   const std::string& path) {
  TmxWriterOptions writer_options;
  writer_options.source = options.source;
  writer_options.targets = options.targets;
  auto writer = TmxWriter::Create(path, writer_options);
  if (!writer.ok()) return writer.error();
  TmxWriter& w = **writer;

  UnitFilter filter;
  filter.required_languages.push_back(options.source);
  if (options.targets.size() == 1) filter.required_languages.push_back(options.targets.front());
  filter.story_key = options.story_key;

  TmxExportSummary summary;
  Status failure;
  Status scan = store.ForEachUnit(filter, [&](const TranslationUnit& unit) {
    Status s = w.Write(unit);
    if (!s.ok()) {
      if (s.error().kind == Error::Kind::kNotFound) return true;  // no target in this slice
      if (s.error().kind != Error::Kind::kBadInput) {
        failure = s;
        return false;
      }
      std::string where = "unit " + std::to_string(unit.id);
      if (!unit.tuid.empty()) where += " (tuid '" + unit.tuid + "')";
      summary.skipped.push_back({std::move(where), s.error().message});
    }
    if (options.progress && w.units_written() % 1000 == 0) options.progress(w.units_written());
    return true;
  });
  if (!scan.ok()) return scan.error();
  if (!failure.ok()) return failure.error();
  LOVCEN_RETURN_IF_ERROR(w.Finish());
  if (options.progress) options.progress(w.units_written());
  summary.units = w.units_written();
  summary.bytes = w.bytes_written();
  return summary;
}

}  // namespace lovcen::formats
