#include "store_schema.h"

#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "lovcen/tm_store.h"
#include "sqlite_statement.h"
#include "unit_body.h"

namespace lovcen::internal {
namespace {

Status PackUnitRows(sqlite3* db);

// A step is SQL, optionally followed by code and more SQL (a layout change
// SQL alone cannot express). Never edit a step once released: add a new one.
struct Migration {
  const char* sql;
  Status (*code)(sqlite3*) = nullptr;
  const char* sql_after = nullptr;
};

constexpr std::array<Migration, kSchemaVersion> kMigrations = {{
    // 1: units, variants (rowid = unit * 8 + language), properties, documents.
    {R"sql(
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
    )sql"},
    // 2: context of each variant (for 101 matches), a property count (so
    // reading a unit skips the property query when there are none), story lookup, the
    // concordance index (FTS5 trigram over variant text) and a meta table.
    {R"sql(
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
    )sql"},
    // Glossary terms (one row per term of a concept, like a TBX termEntry)
    // and accepted QA findings (lovcen check --accept), with who and when.
    {R"sql(
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
    )sql"},
    // 4: one row per unit. Variants and properties move into units.body
    // (unit_body.h), each language's key hash into its own column with a
    // partial index, and the concordance becomes a contentless FTS5 index
    // keyed by unit id * 8 + language code. units_by_changed answers the
    // candidate index's version check (count, newest change) without reading
    // the unit rows, which are now large.
    {R"sql(
    ALTER TABLE units ADD COLUMN langs INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE units ADD COLUMN key0 INTEGER;
    ALTER TABLE units ADD COLUMN key1 INTEGER;
    ALTER TABLE units ADD COLUMN key2 INTEGER;
    ALTER TABLE units ADD COLUMN key3 INTEGER;
    ALTER TABLE units ADD COLUMN body BLOB NOT NULL DEFAULT x'010000';
    DROP TABLE concordance;
    CREATE VIRTUAL TABLE concordance USING fts5(
      text, content='', tokenize='trigram', detail='none');
    )sql",
     PackUnitRows,
     R"sql(
    DROP TABLE variants;
    DROP TABLE unit_properties;
    ALTER TABLE units DROP COLUMN property_count;
    CREATE INDEX units_key0 ON units(key0) WHERE key0 IS NOT NULL;
    CREATE INDEX units_key1 ON units(key1) WHERE key1 IS NOT NULL;
    CREATE INDEX units_key2 ON units(key2) WHERE key2 IS NOT NULL;
    CREATE INDEX units_key3 ON units(key3) WHERE key3 IS NOT NULL;
    CREATE INDEX units_by_changed ON units(changed);
    INSERT OR REPLACE INTO meta(key, value) VALUES('concordance_stale', '0');
    )sql"},
}};

// Step 4's code: each unit's variant and property rows packed into its body,
// and every variant text put into the new concordance index.
Status PackUnitRows(sqlite3* db) {
  Status status;
  sqlite::Statement units(db, "SELECT id FROM units ORDER BY id", &status);
  sqlite::Statement variants(
      db,
      "SELECT id, text, codes, key_hash, context_pre, context_post, created,"
      " changed, author FROM variants WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
      &status);
  sqlite::Statement properties(
      db, "SELECT name, value FROM unit_properties WHERE unit_id = ? ORDER BY rowid", &status);
  sqlite::Statement update(
      db, "UPDATE units SET langs=?, key0=?, key1=?, key2=?, key3=?, body=? WHERE id=?", &status);
  sqlite::Statement index(db, "INSERT INTO concordance(rowid, text) VALUES(?,?)", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  std::string body;
  while (units.Step(&status)) {
    const std::int64_t id = units.Int(0);
    std::vector<Variant> vs;
    std::vector<Property> ps;
    std::array<std::optional<std::int64_t>, 4> keys;
    variants.Bind(1, id * 8);
    variants.Bind(2, id * 8 + 7);
    while (variants.Step(&status)) {
      Variant v;
      const std::int64_t code = variants.Int(0) % 8;
      v.language = LanguageFromCode(code);
      v.segment.text = std::string(variants.Text(1));
      if (!DeserializeCodes(std::string(variants.Text(2)), &v.segment.codes)) {
        return StoreError("corrupt inline codes in unit " + std::to_string(id));
      }
      keys[static_cast<std::size_t>(code & 3)] = variants.Int(3);
      v.context_pre = std::string(variants.Text(4));
      v.context_post = std::string(variants.Text(5));
      v.created = std::string(variants.Text(6));
      v.changed = std::string(variants.Text(7));
      v.author = std::string(variants.Text(8));
      index.Bind(1, variants.Int(0));
      index.Bind(2, v.segment.text);
      LOVCEN_RETURN_IF_ERROR(index.Run());
      vs.push_back(std::move(v));
    }
    variants.Reset();
    LOVCEN_RETURN_IF_ERROR(status);
    properties.Bind(1, id);
    while (properties.Step(&status)) {
      ps.push_back({std::string(properties.Text(0)), std::string(properties.Text(1))});
    }
    properties.Reset();
    LOVCEN_RETURN_IF_ERROR(status);
    SortVariants(&vs);
    EncodeUnitBody(vs, ps, &body);
    update.Bind(1, LanguageMask(vs));
    for (int code = 0; code < 4; ++code) {
      if (keys[static_cast<std::size_t>(code)]) {
        update.Bind(2 + code, *keys[static_cast<std::size_t>(code)]);
      } else {
        update.BindNull(2 + code);
      }
    }
    update.BindBlob(6, body);
    update.Bind(7, id);
    LOVCEN_RETURN_IF_ERROR(update.Run());
  }
  return status;
}

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
    const Migration& m = kMigrations[static_cast<std::size_t>(v - 1)];
    Status step = sqlite::Exec(db, m.sql);
    if (step.ok() && m.code != nullptr) step = m.code(db);
    if (step.ok() && m.sql_after != nullptr) step = sqlite::Exec(db, m.sql_after);
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

Result<bool> SetJournalMode(sqlite3* db, std::string_view mode) {
  Status status;
  sqlite::Statement s(db, "PRAGMA journal_mode=" + std::string(mode), &status);
  LOVCEN_RETURN_IF_ERROR(status);
  if (!s.Step(&status)) {
    const int code = sqlite3_errcode(db) & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return false;
    LOVCEN_RETURN_IF_ERROR(status);
    return false;
  }
  // SQLite answers with the mode the file is in after the request.
  std::string now(s.Text(0));
  for (char& c : now) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return now == mode;
}

Status CreateSchemaAtVersion(sqlite3* db, int version) { return Migrate(db, 0, version); }

Result<int> OpenSchema(sqlite3* db, const std::string& path) {
  // A file that is not SQLite fails on its first read, here.
  auto version = UserVersion(db);
  if (!version.ok()) {
    Error e = version.error();
    const int code = sqlite3_errcode(db) & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      // Only a bulk load into an empty TM holds the file this long (it
      // writes without the WAL, see SqliteWriter): there is nothing to read yet.
      e.message =
          "the translation memory is being written by another process (a first import"
          " into it); try again when that ends";
    } else {
      e.message = "not a lovcen translation memory (" + e.message + ")";
    }
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
  // A unit row is about 2 KB (three sentences and their contexts): with
  // SQLite's default 4 KB pages a bulk import made 1.6 system calls per unit
  // and the file was a sixth larger. 16 KB pages cut the import's time by a
  // quarter. The size only takes effect while the file is still empty, so
  // existing TMs keep theirs.
  if (*version == 0) LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA page_size=16384"));
  // The file is not in WAL mode only while another process bulk-loads it
  // (SqliteWriter); that writer puts it back at its end.
  LOVCEN_RETURN_IF_ERROR(SetJournalMode(db, "wal"));
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA synchronous=NORMAL"));
  // References between tables are kept by the store's own code (it never
  // deletes a document; removing a story's units removes their variants and
  // properties itself); SQLite's per-row foreign-key checks would cost a
  // fifth of a bulk import.
  // A bulk import inserts into the key index at random places: a page cache
  // of 128 MiB (allocated only as used) keeps that off the disk.
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA cache_size=-131072"));
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
