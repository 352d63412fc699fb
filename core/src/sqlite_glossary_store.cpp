// GlossaryStore over SQLite: its own connection on the TM file, the tables of
// the glossary schema step, each write one IMMEDIATE transaction.
#include <sqlite3.h>

#include <map>

#include "lovcen/glossary_store.h"
#include "lovcen/tm_types.h"
#include "sqlite_statement.h"

namespace lovcen {
namespace {

class SqliteGlossaryStore : public GlossaryStore {
 public:
  explicit SqliteGlossaryStore(sqlite3* db) : db_(db) {}
  ~SqliteGlossaryStore() override { sqlite3_close_v2(db_); }

  Result<GlossaryImportSummary> AddEntries(const std::vector<GlossaryEntry>& entries,
                                           const std::string& source) override {
    LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    GlossaryImportSummary summary;
    Status status = [&]() -> Status {
      Status st;
      sqlite::Statement insert(
          db_,
          "INSERT OR IGNORE INTO glossary_terms(entry, lang, term, source, created) "
          "VALUES(?1, ?2, ?3, ?4, ?5)",
          &st);
      LOVCEN_RETURN_IF_ERROR(st);
      const std::string now = NowIso8601();
      for (const GlossaryEntry& e : entries) {
        ++summary.entries;
        for (const auto& [tag, term] : e.terms) {
          insert.Bind(1, e.id);
          insert.Bind(2, tag.str());
          insert.Bind(3, term);
          insert.Bind(4, source);
          insert.Bind(5, now);
          LOVCEN_RETURN_IF_ERROR(insert.Run());
          if (sqlite3_changes(db_) > 0) {
            ++summary.terms_added;
          } else {
            ++summary.terms_existing;
          }
        }
      }
      return Status::Ok();
    }();
    if (!status.ok()) {
      sqlite::Exec(db_, "ROLLBACK").ok();
      return status.error();
    }
    LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    return summary;
  }

  Result<std::vector<GlossaryEntry>> Entries() override {
    Status st;
    sqlite::Statement s(db_, "SELECT entry, lang, term FROM glossary_terms ORDER BY id", &st);
    LOVCEN_RETURN_IF_ERROR(st);
    std::vector<GlossaryEntry> out;
    std::map<std::string, std::size_t, std::less<>> index;
    while (s.Step(&st)) {
      auto tag = LanguageTag::Parse(s.Text(1));
      if (!tag.ok()) continue;  // written by this code from parsed tags; never expected
      const std::string entry(s.Text(0));
      auto [it, added] = index.emplace(entry, out.size());
      if (added) out.push_back({entry, {}});
      out[it->second].terms.emplace_back(*tag, std::string(s.Text(2)));
    }
    LOVCEN_RETURN_IF_ERROR(st);
    return out;
  }

  Status Accept(const AcceptedFinding& f) override {
    LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    Status st;
    {
      sqlite::Statement s(
          db_,
          "INSERT INTO accepted_findings(key, check_id, message, accepted_by, accepted_at) "
          "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(key) DO UPDATE SET "
          "accepted_by = excluded.accepted_by, accepted_at = excluded.accepted_at",
          &st);
      if (st.ok()) {
        s.Bind(1, f.key);
        s.Bind(2, f.check);
        s.Bind(3, f.message);
        s.Bind(4, f.by);
        s.Bind(5, f.at.empty() ? NowIso8601() : f.at);
        st = s.Run();
      }
    }
    if (!st.ok()) {
      sqlite::Exec(db_, "ROLLBACK").ok();
      return st;
    }
    return sqlite::Exec(db_, "COMMIT");
  }

  Result<std::vector<AcceptedFinding>> Accepted() override {
    Status st;
    sqlite::Statement s(
        db_,
        "SELECT key, check_id, message, accepted_by, accepted_at FROM accepted_findings "
        "ORDER BY accepted_at, key",
        &st);
    LOVCEN_RETURN_IF_ERROR(st);
    std::vector<AcceptedFinding> out;
    while (s.Step(&st)) {
      out.push_back({std::string(s.Text(0)), std::string(s.Text(1)), std::string(s.Text(2)),
                     std::string(s.Text(3)), std::string(s.Text(4))});
    }
    LOVCEN_RETURN_IF_ERROR(st);
    return out;
  }

  Result<std::set<std::string>> AcceptedKeys() override {
    Status st;
    sqlite::Statement s(db_, "SELECT key FROM accepted_findings", &st);
    LOVCEN_RETURN_IF_ERROR(st);
    std::set<std::string> out;
    while (s.Step(&st)) out.emplace(s.Text(0));
    LOVCEN_RETURN_IF_ERROR(st);
    return out;
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<GlossaryStore>> OpenSqliteGlossaryStore(const std::string& path,
                                                               int busy_timeout_ms) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    Error e = sqlite::DbError(db, "opening the glossary");
    e.file = path;
    sqlite3_close_v2(db);
    return e;
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  Status st;
  bool ok = false;
  {
    sqlite::Statement s(db,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                        "name IN ('glossary_terms', 'accepted_findings')",
                        &st);
    if (st.ok() && s.Step(&st)) ok = s.Int(0) == 2;
  }
  if (!ok) {
    sqlite3_close_v2(db);
    Error e = st.ok()
                  ? StoreError("the TM has no glossary tables (open it with OpenSqliteStore first)")
                  : st.error();
    e.file = path;
    return e;
  }
  return std::unique_ptr<GlossaryStore>(new SqliteGlossaryStore(db));
}

}  // namespace lovcen
