// Variant sources for the candidate index. The SQLite source reads the
// store's units table directly through its own read-only connection (layout
// in sqlite_store.cpp and unit_body.h): one ordered scan yields a language's
// variants, each read in place from the unit's body.
#include <sqlite3.h>

#include <filesystem>

#include "lovcen/candidate_index.h"
#include "sqlite_statement.h"
#include "unit_body.h"

namespace lovcen {
namespace {

using internal::LanguageCode;

class SqliteSource final : public VariantSource {
 public:
  SqliteSource(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteSource() override { sqlite3_close_v2(db_); }

  Result<TmVersion> Version() override {
    // Three statements, not one: alone, count(*) reads the small
    // units_by_changed index instead of the unit rows, and max(id) and
    // max(changed) are one b-tree descent each.
    TmVersion v;
    Status status;
    sqlite::Statement count(db_, "SELECT count(*) FROM units", &status);
    sqlite::Statement max_id(db_, "SELECT coalesce(max(id), 0) FROM units", &status);
    sqlite::Statement max_changed(db_, "SELECT coalesce(max(changed), '') FROM units", &status);
    LOVCEN_RETURN_IF_ERROR(WithPath(status));
    LOVCEN_RETURN_IF_ERROR(WithPath(sqlite::Exec(db_, "BEGIN")));  // one snapshot for the three
    if (count.Step(&status)) v.units = count.Int(0);
    if (status.ok() && max_id.Step(&status)) v.max_unit_id = max_id.Int(0);
    if (status.ok() && max_changed.Step(&status)) v.max_changed = std::string(max_changed.Text(0));
    count.Reset();
    max_id.Reset();
    max_changed.Reset();
    sqlite::Exec(db_, "COMMIT").ok();  // a read has nothing to lose
    LOVCEN_RETURN_IF_ERROR(WithPath(status));
    return v;
  }

  Status ForEachVariant(const VariantFilter& filter,
                        const std::function<void(std::int64_t, const Segment&)>& visit) override {
    const std::int64_t code = LanguageCode(filter.language);
    Status status;
    if (!filter.changed_after.empty()) {
      // Units changed in place (duplicate policy newer-wins) since the stamp.
      sqlite::Statement s(db_,
                          "SELECT id, body FROM units WHERE changed > ? AND id <= ?"
                          " AND langs & ? ORDER BY id",
                          &status);
      LOVCEN_RETURN_IF_ERROR(WithPath(status));
      s.Bind(1, filter.changed_after);
      s.Bind(2, filter.after_unit_id);
      s.Bind(3, std::int64_t{1} << code);
      LOVCEN_RETURN_IF_ERROR(Emit(s, code, visit));
    }
    sqlite::Statement s(db_, "SELECT id, body FROM units WHERE id > ? AND langs & ? ORDER BY id",
                        &status);
    LOVCEN_RETURN_IF_ERROR(WithPath(status));
    s.Bind(1, filter.after_unit_id);
    s.Bind(2, std::int64_t{1} << code);
    return Emit(s, code, visit);
  }

 private:
  Status Emit(sqlite::Statement& s, std::int64_t code,
              const std::function<void(std::int64_t, const Segment&)>& visit) {
    Status status;
    Segment segment;
    while (s.Step(&status)) {
      std::string_view text, codes;
      if (!internal::FindVariantText(s.Blob(1), code, &text, &codes)) {
        return WithPath(StoreError("damaged translation unit " + std::to_string(s.Int(0))));
      }
      segment.text.assign(text);
      segment.codes.clear();
      if (!codes.empty() && !DeserializeCodes(std::string(codes), &segment.codes)) {
        return WithPath(StoreError("corrupt inline codes in unit " + std::to_string(s.Int(0))));
      }
      visit(s.Int(0), segment);
    }
    return WithPath(status);
  }

  Status WithPath(Status status) const {
    if (status.ok()) return status;
    return status.error().InFile(path_);
  }

  sqlite3* db_;
  std::string path_;
};

class StoreSource final : public VariantSource {
 public:
  explicit StoreSource(TmStore& store) : store_(store) {}

  Result<TmVersion> Version() override {
    TmVersion v;
    Status status = store_.ForEachUnit({}, [&](const TranslationUnit& unit) {
      ++v.units;
      v.max_unit_id = std::max(v.max_unit_id, unit.id);
      if (unit.changed > v.max_changed) v.max_changed = unit.changed;
      return true;
    });
    LOVCEN_RETURN_IF_ERROR(status);
    return v;
  }

  Status ForEachVariant(const VariantFilter& filter,
                        const std::function<void(std::int64_t, const Segment&)>& visit) override {
    UnitFilter units;
    units.required_languages.push_back(filter.language);
    return store_.ForEachUnit(units, [&](const TranslationUnit& unit) {
      const bool changed = !filter.changed_after.empty() && unit.changed > filter.changed_after;
      if (unit.id > filter.after_unit_id || changed) {
        if (const Variant* v = unit.Find(filter.language)) visit(unit.id, v->segment);
      }
      return true;
    });
  }

 private:
  TmStore& store_;
};

}  // namespace

Result<std::unique_ptr<VariantSource>> SqliteVariantSource(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) {
    return IoError("no translation memory here", db_path);
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    Error e = sqlite::DbError(db, "cannot open the translation memory");
    e.file = db_path;
    sqlite3_close_v2(db);
    return e;
  }
  sqlite3_busy_timeout(db, 10000);
  return std::unique_ptr<VariantSource>(std::make_unique<SqliteSource>(db, db_path));
}

std::unique_ptr<VariantSource> StoreVariantSource(TmStore& store) {
  return std::make_unique<StoreSource>(store);
}

std::string DefaultIndexPath(const std::string& db_path) { return db_path + ".fuzzy"; }

}  // namespace lovcen
