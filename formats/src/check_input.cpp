// Reading check pairs: XLIFF directly (so that untranslated segments, which
// the TM importer leaves out, are seen), TMX and TSV through the importers
// into a writer that only collects the units.
#include "lovcen/formats/check_input.h"

#include <algorithm>
#include <filesystem>

#include "lovcen/formats/importer.h"
#include "lovcen/formats/xliff.h"

namespace lovcen::formats {
namespace {

// A TmWriter that keeps the units in memory: lets `check` reuse every
// importer without a store.
class CollectingWriter : public TmWriter {
 public:
  Result<std::int64_t> AddDocument(const Document&) override { return ++documents_; }
  Result<std::int64_t> Add(const TranslationUnit& unit) override {
    units.push_back(unit);
    return static_cast<std::int64_t>(units.size());
  }
  Result<std::int64_t> RemoveStoryUnits(std::string_view story_key, Origin origin,
                                        std::string_view having_property) override {
    const auto gone = std::erase_if(units, [&](const TranslationUnit& u) {
      if (u.story_key != story_key || u.origin != origin) return false;
      if (having_property.empty()) return true;
      return std::any_of(u.properties.begin(), u.properties.end(),
                         [&](const Property& p) { return p.name == having_property; });
    });
    return static_cast<std::int64_t>(gone);
  }
  Status Commit() override { return Status::Ok(); }
  WriteSummary& summary() override { return summary_; }

  std::vector<TranslationUnit> units;

 private:
  std::int64_t documents_ = 0;
  WriteSummary summary_;
};

Error InPath(Error e, const std::string& path) { return e.InFile(path); }

Result<LanguageTag> FileLanguage(const std::string& text, const char* what, const std::string& path,
                                 const CheckInputOptions& options) {
  std::string warning;
  auto tag = LanguageTag::Parse(text, options.tags, &warning);
  if (!tag.ok()) {
    Error e = BadInput(std::string(what) + " language '" + text + "': " + tag.error().message);
    return InPath(e, path);
  }
  if (!warning.empty() && options.warn) options.warn(path + ": " + warning);
  return tag;
}

Status ReadXliffItems(const std::string& path, const CheckInputOptions& options,
                      std::vector<CheckItem>* items) {
  auto doc = ReadXliffFile(path);
  if (!doc.ok()) return InPath(doc.error(), path);
  const std::string story = std::filesystem::path(path).stem().string();
  const std::size_t before = items->size();
  for (const XliffFile& file : doc->files) {
    const std::string src_text =
        file.source_language.empty() ? doc->source_language : file.source_language;
    std::string tgt_text =
        file.target_language.empty() ? doc->target_language : file.target_language;
    if (src_text.empty()) return InPath(BadInput("XLIFF file without a source language"), path);
    auto src = FileLanguage(src_text, "source", path, options);
    if (!src.ok()) return src.error();
    if (options.source && *options.source != *src) {
      return InPath(BadInput("source language is " + std::string(src->str()) + ", not " +
                             std::string(options.source->str()) + " as --src asks"),
                    path);
    }
    std::optional<LanguageTag> tgt = options.target;
    if (!tgt_text.empty()) {
      auto t = FileLanguage(tgt_text, "target", path, options);
      if (!t.ok()) return t.error();
      if (options.target && *options.target != *t) {
        return InPath(BadInput("target language is " + std::string(t->str()) + ", not " +
                               std::string(options.target->str()) + " as --tgt asks"),
                      path);
      }
      tgt = *t;
    }
    if (!tgt) return InPath(BadInput("XLIFF file without a target language (give --tgt)"), path);
    ForEachXliffUnit(
        file.items, file.translate != "no", [&](const XliffUnit& unit, bool translatable) {
          if (!translatable) return;
          for (const XliffSegment& seg : unit.segments) {
            CheckItem item;
            item.file = path;
            item.unit =
                unit.segments.size() > 1 && !seg.id.empty() ? unit.id + "/" + seg.id : unit.id;
            item.story = story;
            item.order = items->size();
            item.source_language = *src;
            item.target_language = *tgt;
            item.source = seg.source;
            item.target = seg.target;
            items->push_back(std::move(item));
          }
        });
  }
  if (items->size() == before) return InPath(BadInput("no segments to check"), path);
  return Status::Ok();
}

}  // namespace

std::size_t UnitToCheckItems(const TranslationUnit& unit, const std::string& file,
                             const CheckInputOptions& options, std::vector<CheckItem>* items) {
  if (unit.variants.empty()) return 0;
  const Variant* src = options.source ? unit.Find(*options.source) : &unit.variants.front();
  if (src == nullptr) return 0;
  std::size_t added = 0;
  for (const Variant& v : unit.variants) {
    if (&v == src) continue;
    if (options.target && v.language != *options.target) continue;
    CheckItem item;
    item.file = file;
    item.unit =
        file.empty()
            ? std::to_string(unit.id)
            : (unit.tuid.empty() ? std::to_string(unit.position >= 0 ? unit.position + 1 : unit.id)
                                 : unit.tuid);
    item.story = unit.story_key;
    item.order = items->size();
    item.source_language = src->language;
    item.target_language = v.language;
    item.source = src->segment;
    item.target = v.segment;
    items->push_back(std::move(item));
    ++added;
  }
  return added;
}

Status ReadCheckItems(const std::string& path, const CheckInputOptions& options,
                      std::vector<CheckItem>* items) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return IoError("no such file", path);
  if (std::filesystem::file_size(path, ec) == 0)
    return InPath(BadInput("empty file: nothing to check"), path);
  auto format = DetectFormat(path);
  if (!format.ok()) return InPath(format.error(), path);
  if (*format == FileFormat::kXliff12 || *format == FileFormat::kXliff2) {
    return ReadXliffItems(path, options, items);
  }
  CollectingWriter writer;
  ImportOptions import;
  import.tags = options.tags;
  import.all_states = true;
  import.warn = options.warn;
  LOVCEN_RETURN_IF_ERROR(ImportInto(path, *format, writer, import));
  if (writer.units.empty()) return InPath(BadInput("no segments to check"), path);
  std::size_t added = 0;
  for (const TranslationUnit& unit : writer.units)
    added += UnitToCheckItems(unit, path, options, items);
  if (added == 0) {
    std::string want = options.source ? std::string(options.source->str()) : std::string("?");
    want += " -> ";
    want += options.target ? std::string(options.target->str()) : std::string("?");
    return InPath(BadInput("no unit holds the languages asked for (" + want + ")"), path);
  }
  return Status::Ok();
}

}  // namespace lovcen::formats
