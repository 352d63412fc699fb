#include "store_schema.h"

#include <array>

#include "lovcen/tm_store.h"
#include "sqlite_statement.h"

namespace lovcen::internal {
namespace {

// Never edit a step once released: add a new one.
constexpr std::array<const char*, kSchemaVersion> kMigrations = {
    // 1: units, variants (rowid = unit * 8 + language), properties, documents.
    R"sql(
    CREATE TABLE documents(
      id INTEGER PRIMARY KEY,
      story_key TEXT NOT NULL DEFAULT '',
      lang INTEGER NOT NULL,
      name TEXT NOT NULL DEFAULT '',
      UNIQUE(story_key, lang, name));
    CREATE TABLE units(
      id INTEGER PRIMARY KEY,
      tuid TEXT NOT NULL DEFAULT '',
      origin TEXT NOT NULL,
      story_key TEXT NOT NULL DEFAULT '',
      document_id INTEGER REFERENCES documents(id),
      position INTEGER NOT NULL DEFAULT -1,
      created TEXT NOT NULL DEFAULT '',
      changed TEXT NOT NULL DEFAULT '',
      author TEXT NOT NULL DEFAULT '');
    CREATE TABLE variants(
      id INTEGER PRIMARY KEY,
      text TEXT NOT NULL,
      codes TEXT NOT NULL DEFAULT '',
      key_hash INTEGER NOT NULL,
      created TEXT NOT NULL DEFAULT '',
      changed TEXT NOT NULL DEFAULT '',
      author TEXT NOT NULL DEFAULT '');
    CREATE INDEX variants_by_key ON variants(key_hash);
    CREATE TABLE unit_properties(
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      value TEXT NOT NULL);
    CREATE INDEX unit_properties_by_unit ON unit_properties(unit_id);
    )sql",
    // 2: context of each variant (for 101 matches), a property count (so
    // reading a unit skips the property query when there are none), story lookup, the
    // concordance index (FTS5 trigram over variant text) and a meta table.
    R"sql(
    ALTER TABLE variants ADD COLUMN context_pre TEXT NOT NULL DEFAULT '';
    ALTER TABLE variants ADD COLUMN context_post TEXT NOT NULL DEFAULT '';
    ALTER TABLE units ADD COLUMN property_count INTEGER NOT NULL DEFAULT 0;
    UPDATE units SET property_count =
      (SELECT count(*) FROM unit_properties WHERE unit_id = units.id);
    CREATE INDEX units_by_story ON units(story_key) WHERE story_key <> '';
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE VIRTUAL TABLE concordance USING fts5(
      text, content='variants', content_rowid='id', tokenize='trigram', detail='none');
    INSERT INTO concordance(concordance) VALUES('rebuild');
    )sql",
    // Glossary terms (one row per term of a concept, like a TBX termEntry)
    // and accepted QA findings (lovcen check --accept), with who and when.
    R"sql(
    CREATE TABLE glossary_terms(
      id INTEGER PRIMARY KEY,
      entry TEXT NOT NULL,
      lang TEXT NOT NULL,
      term TEXT NOT NULL,
      source TEXT NOT NULL DEFAULT '',
      created TEXT NOT NULL DEFAULT '',
      UNIQUE(entry, lang, term));
    CREATE TABLE accepted_findings(
      key TEXT PRIMARY KEY,
      check_id TEXT NOT NULL,
      message TEXT NOT NULL DEFAULT '',
      accepted_by TEXT NOT NULL,
      accepted_at TEXT NOT NULL);
    )sql",
};

Result<int> UserVersion(sqlite3* db) {
  Status status;
  sqlite::Statement s(db, "PRAGMA user_version", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  int version = 0;
  if (s.Step(&status)) version = static_cast<int>(s.Int(0));
  LOVCEN_RETURN_IF_ERROR(status);
  return version;
}

Status Migrate(sqlite3* db, int from, int to) {
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "BEGIN IMMEDIATE"));
  for (int v = from + 1; v <= to; ++v) {
    Status step = sqlite::Exec(db, kMigrations[static_cast<std::size_t>(v - 1)]);
    if (step.ok()) {
      const std::string pragma = "PRAGMA user_version = " + std::to_string(v);
      step = sqlite::Exec(db, pragma.c_str());
    }
    if (!step.ok()) {
      sqlite::Exec(db, "ROLLBACK").ok();
      Error e = step.error();
      e.message = "migrating the schema to version " + std::to_string(v) + ": " + e.message;
      return e;
    }
  }
  return sqlite::Exec(db, "COMMIT");
}

}  // namespace

Status CreateSchemaAtVersion(sqlite3* db, int version) { return Migrate(db, 0, version); }

Result<int> OpenSchema(sqlite3* db, const std::string& path) {
  // A file that is not SQLite fails on its first read, here.
  auto version = UserVersion(db);
  if (!version.ok()) {
    Error e = version.error();
    e.message = "not a lovcen translation memory (" + e.message + ")";
    e.file = path;
    return e;
  }
  if (*version > kSchemaVersion) {
    Error e = StoreError("translation memory has schema version " + std::to_string(*version) +
                         ", newer than this lovcen understands (" + std::to_string(kSchemaVersion) +
                         "); use a newer lovcen");
    e.file = path;
    return e;
  }
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA journal_mode=WAL"));
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA synchronous=NORMAL"));
  // References between tables are kept by the store's own code (it never
  // deletes a document; removing a story's units removes their variants and
  // properties itself); SQLite's per-row foreign-key checks would cost a
  // fifth of a bulk import.
  // A bulk import inserts into the key index at random places: a page cache
  // of 128 MiB (allocated only as used) keeps that off the disk.
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA cache_size=-131072"));
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA temp_store=MEMORY"));
  if (*version == 0) {
    // An empty file becomes a TM; a non-empty database of another program does not.
    Status status;
    sqlite::Statement s(db, "SELECT count(*) FROM sqlite_master", &status);
    LOVCEN_RETURN_IF_ERROR(status);
    if (s.Step(&status) && s.Int(0) > 0) {
      Error e = StoreError("an SQLite database, but not a lovcen translation memory");
      e.file = path;
      return e;
    }
  }
  if (*version < kSchemaVersion) LOVCEN_RETURN_IF_ERROR(Migrate(db, *version, kSchemaVersion));
  return kSchemaVersion;
}

}  // namespace lovcen::internal
