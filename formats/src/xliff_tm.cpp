// XLIFF <-> TM units: `lovcen import` of translated XLIFF and `lovcen export
// --format xliff12|xliff21` (see xliff_tm.h).
#include "lovcen/formats/xliff_tm.h"

#include <filesystem>
#include <map>
#include <set>

#include "lovcen/text.h"
#include "xliff_dom.h"

namespace lovcen::formats {
namespace {

// NFC per stretch of text between codes, so code offsets stay right when
// normalisation changes the length of the text.
Segment Normalized(const Segment& in) {
  Segment out;
  out.codes = in.codes;
  std::size_t pos = 0;
  for (std::size_t i = 0; i <= in.codes.size(); ++i) {
    std::size_t end = i < in.codes.size() ? std::min(in.codes[i].offset, in.text.size())
                                          : in.text.size();
    if (end < pos) end = pos;
    out.text += ToNfc(std::string_view(in.text).substr(pos, end - pos));
    if (i < in.codes.size()) out.codes[i].offset = out.text.size();
    pos = end;
  }
  return out;
}

bool IsEmpty(const Segment& s) { return s.text.empty() && s.codes.empty(); }

struct Entry {
  const XliffUnit* unit = nullptr;
  const XliffSegment* segment = nullptr;
  bool translatable = true;
  int unit_segments = 0;  // non-ignorable segments in the unit
  int index_in_unit = 0;
};

std::string TuId(const Entry& e) {
  if (e.unit_segments <= 1 && e.segment->id.empty()) return e.unit->id;
  const std::string seg = e.segment->id.empty() ? std::to_string(e.index_in_unit + 1) : e.segment->id;
  return e.unit->id.empty() ? seg : e.unit->id + "/" + seg;
}

// Rejections are grouped per file and reason so a file in an unknown
// language gives one line, not thousands.
class Rejections {
 public:
  void Add(const std::string& where, const std::string& reason) {
    auto& slot = groups_[reason];
    if (slot.count++ == 0) slot.first = where;
    order_.insert({reason, order_.size()});
  }
  void Flush(const std::string& prefix, XliffConversion& out) {
    std::vector<std::pair<std::size_t, std::string>> ordered;
    for (const auto& [reason, index] : order_) ordered.emplace_back(index, reason);
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [index, reason] : ordered) {
      const Group& g = groups_[reason];
      std::string where = prefix + ": ";
      where += g.count == 1 ? g.first
                            : std::to_string(g.count) + " units (first: " + g.first + ")";
      out.rejected.push_back({where, reason});
      out.rejected_units += g.count;
    }
    groups_.clear();
    order_.clear();
  }

 private:
  struct Group {
    std::size_t count = 0;
    std::string first;
  };
  std::map<std::string, Group> groups_;
  std::map<std::string, std::size_t> order_;
};

std::string Where(const XliffUnit& u, const XliffSegment& s) {
  std::string w = "unit '" + u.id + "'";
  if (!s.id.empty()) w += " segment '" + s.id + "'";
  if (u.line > 0) w += " (line " + std::to_string(u.line) + ")";
  return w;
}

}  // namespace

bool IsFinishedXliffState(XliffVersion version, std::string_view state) {
  if (IsXliff2(version)) return state == "translated" || state == "reviewed" || state == "final";
  // 1.2 has no default state and many tools write none: a target without one counts.
  return state.empty() || state == "translated" || state == "signed-off" || state == "final";
}

XliffConversion XliffToUnits(const XliffDocument& doc, const std::string& path,
                             const ImportOptions& options) {
  XliffConversion out;
  const std::string file_name = std::filesystem::path(path).filename().string();
  const std::string story = options.story_key.empty()
                                ? std::filesystem::path(path).stem().string()
                                : options.story_key;
  std::set<std::string> warned;
  auto parse_tag = [&](const std::string& text) -> Result<LanguageTag> {
    std::string warning;
    auto tag = LanguageTag::Parse(text, options.tags, &warning);
    if (tag.ok() && !warning.empty() && options.warn && warned.insert(text).second) {
      options.warn(file_name + ": " + warning);
    }
    return tag;
  };

  for (std::size_t f = 0; f < doc.files.size(); ++f) {
    const XliffFile& file = doc.files[f];
    Rejections rejections;
    const std::string src_text = file.source_language.empty() ? doc.source_language : file.source_language;
    const std::string tgt_text = file.target_language.empty() ? doc.target_language : file.target_language;
    std::string language_problem;
    std::optional<LanguageTag> src, tgt;
    if (auto s = parse_tag(src_text); s.ok()) {
      src = *s;
    } else {
      language_problem = src_text.empty() ? "the file has no source language" : s.error().message;
    }
    if (language_problem.empty()) {
      if (tgt_text.empty()) {
        language_problem = "the file has no target language";
      } else if (auto t = parse_tag(tgt_text); t.ok()) {
        tgt = *t;
        if (*tgt == *src) {
          language_problem = "source and target language are both " + std::string(src->str());
        }
      } else {
        language_problem = t.error().message;
      }
    }

    std::vector<Entry> entries;
    ForEachXliffUnit(file.items, file.translate != "no", [&](const XliffUnit& u, bool translatable) {
      int count = 0;
      for (const XliffSegment& s : u.segments) count += s.ignorable ? 0 : 1;
      int index = 0;
      for (const XliffSegment& s : u.segments) {
        if (s.ignorable) continue;
        entries.push_back({&u, &s, translatable, count, index++});
      }
    });

    XliffFileUnits units;
    units.document.story_key = story;
    if (src) units.document.language = *src;
    units.document.name = file_name;
    if (doc.files.size() > 1 && !file.original.empty()) units.document.name += "#" + file.original;

    for (std::size_t i = 0; i < entries.size(); ++i) {
      const Entry& e = entries[i];
      const XliffSegment& seg = *e.segment;
      if (!e.translatable) {
        ++out.skipped_untranslatable;
        continue;
      }
      if (!seg.target || IsEmpty(*seg.target) || IsEmpty(seg.source)) {
        ++out.skipped_empty;
        continue;
      }
      std::string state = seg.state;
      if (state.empty() && IsXliff2(doc.version)) state = "initial";
      const bool finished = IsFinishedXliffState(doc.version, state);
      if (!finished && !options.all_states) {
        ++out.skipped_state;
        continue;
      }
      if (!language_problem.empty()) {
        rejections.Add(Where(*e.unit, seg), language_problem);
        continue;
      }
      TranslationUnit tu;
      tu.tuid = TuId(e);
      tu.origin = finished ? Origin::kConfirmed : Origin::kImported;
      tu.story_key = story;
      tu.position = static_cast<int>(i);
      if (!file.original.empty()) tu.properties.push_back({"x-xliff-file", file.original});
      if (!seg.state.empty()) tu.properties.push_back({"x-xliff-state", seg.state});
      Variant s;
      s.language = *src;
      s.segment = Normalized(seg.source);
      Variant t;
      t.language = *tgt;
      t.segment = Normalized(*seg.target);
      if (i > 0) {
        s.context_pre = ToNfc(entries[i - 1].segment->source.text);
        if (entries[i - 1].segment->target) t.context_pre = ToNfc(entries[i - 1].segment->target->text);
      }
      if (i + 1 < entries.size()) {
        s.context_post = ToNfc(entries[i + 1].segment->source.text);
        if (entries[i + 1].segment->target) t.context_post = ToNfc(entries[i + 1].segment->target->text);
      }
      tu.variants.push_back(std::move(s));
      tu.variants.push_back(std::move(t));
      units.units.push_back(std::move(tu));
    }
    std::string prefix = path;
    if (doc.files.size() > 1) {
      prefix += ": file " + std::to_string(f + 1) +
                (file.original.empty() ? std::string() : " '" + file.original + "'");
    }
    rejections.Flush(prefix, out);
    out.files.push_back(std::move(units));
  }
  return out;
}

Status ImportXliffInto(const std::string& path, TmWriter& writer, const ImportOptions& options) {
  auto doc = ReadXliffFile(path);
  if (!doc.ok()) return doc.error();
  XliffConversion conversion = XliffToUnits(*doc, path, options);
  std::size_t done = 0;
  for (XliffFileUnits& file : conversion.files) {
    if (file.units.empty()) continue;
    auto document = writer.AddDocument(file.document);
    if (!document.ok()) return document.error();
    for (TranslationUnit& unit : file.units) {
      unit.document_id = *document;
      auto added = writer.Add(unit);
      if (!added.ok()) {
        if (added.error().kind != Error::Kind::kBadInput) return added.error();
        writer.summary().rejected.push_back({path + ": unit '" + unit.tuid + "'", added.error().message});
      }
      if (options.progress && ++done % 1000 == 0) options.progress(done);
    }
  }
  for (Rejection& r : conversion.rejected) writer.summary().rejected.push_back(std::move(r));
  if (options.progress) options.progress(done);
  return Status::Ok();
}

Result<WriteSummary> ImportXliff(const std::string& path, TmStore& store,
                                 const ImportOptions& options, const WriteOptions& write_options) {
  auto writer = store.BeginWrite(write_options);
  if (!writer.ok()) return writer.error();
  LOVCEN_RETURN_IF_ERROR(ImportXliffInto(path, **writer, options));
  WriteSummary summary = (*writer)->summary();
  LOVCEN_RETURN_IF_ERROR((*writer)->Commit());
  return summary;
}

// ---------------------------------------------------------------- export

namespace {

bool XmlCarries(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!dom::IsXmlChar(dom::DecodeUtf8(text, pos))) return false;
  }
  return true;
}

std::string Metadata(const TranslationUnit& u, bool xliff2) {
  std::vector<std::pair<std::string, std::string>> items;
  items.emplace_back("origin", std::string(OriginName(u.origin)));
  if (!u.story_key.empty()) items.emplace_back("story", u.story_key);
  if (!u.changed.empty()) items.emplace_back("changed", u.changed);
  if (!u.author.empty()) items.emplace_back("author", u.author);
  for (const Property& p : u.properties) items.emplace_back(p.name, p.value);
  std::string xml;
  if (xliff2) {
    xml = "<mda:metadata xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\"><mda:metaGroup "
          "category=\"lovcen\">";
    for (const auto& [k, v] : items) {
      xml += "<mda:meta type=\"" + EscapeAttribute(k) + "\">" + EscapeText(v) + "</mda:meta>";
    }
    xml += "</mda:metaGroup></mda:metadata>";
  } else {
    xml = "<prop-group name=\"lovcen\">";
    for (const auto& [k, v] : items) {
      xml += "<prop prop-type=\"" + EscapeAttribute(k) + "\">" + EscapeText(v) + "</prop>";
    }
    xml += "</prop-group>";
  }
  return xml;
}

Result<XliffExportSummary> Export(TmStore& store, const XliffExportOptions& options,
                                  const std::string& path, XliffVersion version) {
  if (options.source == options.target) {
    return UsageError("source and target language are both " + std::string(options.source.str()));
  }
  std::vector<TranslationUnit> units;
  UnitFilter filter;
  filter.required_languages = {options.source, options.target};
  filter.story_key = options.story_key;
  LOVCEN_RETURN_IF_ERROR(store.ForEachUnit(filter, [&](const TranslationUnit& u) {
    units.push_back(u);
    return true;
  }));
  XliffExportSummary summary;
  XliffDocument doc = UnitsToXliff(units, version, options, &summary.skipped);
  LOVCEN_RETURN_IF_ERROR(WriteXliffFile(doc, path));
  summary.units = units.size() - summary.skipped.size();
  std::error_code ec;
  summary.bytes = std::filesystem::file_size(path, ec);
  return summary;
}

}  // namespace

XliffDocument UnitsToXliff(const std::vector<TranslationUnit>& units, XliffVersion version,
                           const XliffExportOptions& options, std::vector<Rejection>* skipped) {
  const bool xliff2 = IsXliff2(version);
  XliffDocument doc;
  doc.version = version;
  doc.source_language = std::string(options.source.str());
  doc.target_language = std::string(options.target.str());
  XliffFile file;
  file.id = "f1";
  file.original = !options.original.empty()    ? options.original
                  : !options.story_key.empty() ? options.story_key
                                               : "lovcen-tm";
  file.source_language = doc.source_language;
  file.target_language = doc.target_language;
  if (!xliff2) file.datatype = "plaintext";
  std::size_t written = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const TranslationUnit& u = units[i];
    const Variant* s = u.Find(options.source);
    const Variant* t = u.Find(options.target);
    if (s == nullptr || t == nullptr) continue;
    const std::string id = "tu" + std::to_string(u.id > 0 ? u.id : static_cast<std::int64_t>(i + 1));
    if (!xliff2 && (!XmlCarries(s->segment.text) || !XmlCarries(t->segment.text))) {
      if (skipped) {
        skipped->push_back({"tu " + std::to_string(u.id),
                            "control characters XLIFF 1.2 cannot carry (use --format xliff21)"});
      }
      continue;
    }
    XliffUnit unit;
    unit.id = id;
    // translate-toolkit and others read a 1.2 target without approved="yes" as fuzzy.
    if (!xliff2 && u.origin == Origin::kConfirmed) unit.approved = "yes";
    if (!u.tuid.empty()) SetAttribute(unit.attributes, xliff2 ? "name" : "resname", u.tuid);
    XliffSegment seg;
    if (xliff2) seg.id = "s1";
    seg.source = IsolateUnpairedCodes(AdaptInlineCodes(s->segment, version), version);
    seg.target = IsolateUnpairedCodes(AdaptInlineCodes(t->segment, version), version);
    seg.state = std::string(XliffStateName(
        version, u.origin == Origin::kConfirmed ? XliffState::kFinal : XliffState::kTranslated));
    unit.segments.push_back(std::move(seg));
    unit.extensions.push_back({Metadata(u, xliff2)});
    unit.layout.push_back(XliffChild::kExtension);
    file.items.push_back({std::move(unit)});
    if (options.progress && ++written % 1000 == 0) options.progress(written);
  }
  if (xliff2 && file.items.empty()) {
    // A 2.x file needs a unit or group: an empty group says "nothing here".
    XliffGroup empty;
    empty.id = "empty";
    file.items.push_back({std::move(empty)});
  }
  if (options.progress) options.progress(written);
  doc.files.push_back(std::move(file));
  return doc;
}

Result<XliffExportSummary> ExportXliff12(TmStore& store, const XliffExportOptions& options,
                                         const std::string& path) {
  return Export(store, options, path, XliffVersion::k12);
}

Result<XliffExportSummary> ExportXliff21(TmStore& store, const XliffExportOptions& options,
                                         const std::string& path) {
  return Export(store, options, path, XliffVersion::k21);
}

}  // namespace lovcen::formats
