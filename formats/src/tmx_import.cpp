// TMX file <-> TmStore: one streaming read into one transaction, and one
// store scan into one streaming writer.
#include <map>
#include <string>
#include <utility>

#include "lovcen/formats/tmx.h"
#include "lovcen/formats/tmx_writer.h"

namespace lovcen::formats {

Status ImportTmxInto(const std::string& path, TmWriter& writer, const ImportOptions& options) {
  TmxUnitConverter converter(options.tags);
  TmxHeader header;
  // Variants left out, counted per reason: bounded by the distinct causes.
  struct LeftOut {
    std::size_t units = 0;
    std::string first;
  };
  std::map<std::string, LeftOut> left_out;
  std::vector<std::string> left_out_order;
  std::size_t read = 0;
  std::size_t rejected = 0;
  Rejection first_rejected;

  TmxReadCallbacks callbacks;
  callbacks.on_header = [&header](const TmxHeader& h) {
    header = h;
    return Status::Ok();
  };
  callbacks.on_unit = [&](TmxUnit& unit) -> Status {
    ++read;
    ConvertedTmxUnit converted = converter.Convert(unit, header);
    if (options.warn) {
      for (const std::string& w : converter.TakeWarnings()) options.warn(w);
    }
    // Name the file: one command may import several.
    for (Rejection& r : converted.left_out) {
      r.where = path + ": " + r.where;
      auto [it, inserted] = left_out.try_emplace(r.reason);
      if (inserted) {
        it->second.first = r.where;
        left_out_order.push_back(r.reason);
      }
      ++it->second.units;
    }
    if (converted.rejection) {
      if (++rejected > kTmxMaxRejectedUnits) {
        return BadInput("more than " + std::to_string(kTmxMaxRejectedUnits) +
                        " units rejected (the first: " + first_rejected.where + ": " +
                        first_rejected.reason + ")");
      }
      converted.rejection->where = path + ": " + converted.rejection->where;
      if (rejected == 1) first_rejected = *converted.rejection;
      writer.summary().rejected.push_back(std::move(*converted.rejection));
    } else if (converted.unit) {
      if (converted.unit->story_key.empty()) converted.unit->story_key = options.story_key;
      auto id = writer.Add(*converted.unit);
      if (!id.ok()) {
        // A unit the store finds malformed is that unit's problem; anything
        // else (disk, locks) ends the import.
        if (id.error().kind != Error::Kind::kBadInput) return id.error();
        writer.summary().rejected.push_back({path + ": " + unit.Where(), id.error().message});
      }
    }
    if (options.progress && read % 1000 == 0) options.progress(read);
    return Status::Ok();
  };

  XmlInput input;
  input.name = path;
  input.path = path;
  if (Status s = ReadTmx(input, callbacks); !s.ok()) {
    Error e = s.error();
    if (e.file.empty() && e.kind == Error::Kind::kBadInput) e.file = path;
    return e;
  }
  if (options.progress) options.progress(read);
  for (const std::string& reason : left_out_order) {
    const LeftOut& l = left_out[reason];
    std::string where = l.first;
    if (l.units > 1) {
      where = path + ": " + std::to_string(l.units) + " units (first: " +
              l.first.substr(path.size() + 2) + ")";
    }
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
