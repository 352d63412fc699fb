// SQLite implementation of TmStore. Layout (schema version 4):
//   units        one row per translation unit: metadata columns, a language
//                mask, one key-hash column per language (each with a partial
//                index) and the variants and properties packed in `body`
//                (unit_body.h). An exact lookup is one index probe returning
//                the whole unit; a bulk import writes one row per unit.
//   concordance  contentless FTS5 trigram index, rowid = unit id * 8 +
//                language code
// See docs/store.md for why.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <limits>

#include "lovcen/case_fold.h"
#include "lovcen/text.h"
#include "lovcen/tm_store.h"
#include "sqlite_statement.h"
#include "store_schema.h"
#include "unit_body.h"

namespace lovcen {
namespace {

using internal::LanguageCode;
using internal::LanguageFromCode;
using sqlite::Statement;

constexpr std::int64_t kVariantSlots = 8;  // concordance rowid = unit * 8 + language code
constexpr int kLanguages = 4;

std::int64_t VariantKeyHash(const LanguageTag& tag, std::string_view match_key) {
  // KeyHash(tag + '\0' + key) without building that string. FNV-1a continues
  // byte by byte, so hashing the parts in order gives the same value.
  std::uint64_t h = KeyHash(tag.str());
  h *= 1099511628211ull;  // the '\0' separator (XOR with 0 changes nothing)
  for (unsigned char c : match_key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(h);
}

// Older-or-equal comparison of ISO 8601 UTC stamps; an unknown date never
// makes a unit "older".
bool NotOlder(const std::string& incoming, const std::string& stored) {
  if (incoming.empty() || stored.empty()) return true;
  return incoming >= stored;
}

// Unit columns read by every query that returns units, `body` last.
constexpr const char* kUnitColumns =
    "id, tuid, origin, story_key, document_id, position, created, changed, author, body";
constexpr int kBodyColumn = 9;

// False when the stored body is damaged.
bool ReadUnit(const Statement& s, TranslationUnit* unit) {
  unit->id = s.Int(0);
  unit->tuid = std::string(s.Text(1));
  unit->origin = OriginFromName(s.Text(2)).value_or(Origin::kImported);
  unit->story_key = std::string(s.Text(3));
  unit->document_id = s.IsNull(4) ? 0 : s.Int(4);
  unit->position = static_cast<int>(s.Int(5));
  unit->created = std::string(s.Text(6));
  unit->changed = std::string(s.Text(7));
  unit->author = std::string(s.Text(8));
  return internal::DecodeUnitBody(s.Blob(kBodyColumn), &unit->variants, &unit->properties);
}

Error CorruptUnit(std::int64_t id) {
  return StoreError("damaged translation unit " + std::to_string(id) +
                    " (its stored variants cannot be read)");
}

// The row values a unit's variants give: language mask, key hash per
// language (nullopt = no variant), and the packed body.
struct PackedUnit {
  std::int64_t langs = 0;
  std::array<std::optional<std::int64_t>, kLanguages> keys;
  std::string body;
};

void Pack(const TranslationUnit& unit, const std::vector<std::string>* keys, PackedUnit* out) {
  out->langs = internal::LanguageMask(unit.variants);
  out->keys = {};
  std::string computed;
  for (std::size_t i = 0; i < unit.variants.size(); ++i) {
    const Variant& v = unit.variants[i];
    const std::string& key = keys != nullptr ? (*keys)[i] : (computed = MatchKey(v.segment.text));
    out->keys[static_cast<std::size_t>(LanguageCode(v.language))] = VariantKeyHash(v.language, key);
  }
  internal::EncodeUnitBody(unit.variants, unit.properties, &out->body);
}

void BindKeys(Statement& s, int first, const PackedUnit& packed) {
  for (int code = 0; code < kLanguages; ++code) {
    const auto& key = packed.keys[static_cast<std::size_t>(code)];
    if (key) {
      s.Bind(first + code, *key);
    } else {
      s.BindNull(first + code);
    }
  }
}

class SqliteStore;

class SqliteWriter final : public TmWriter {
 public:
  SqliteWriter(SqliteStore& store, WriteOptions options)
      : store_(store), options_(std::move(options)) {}
  ~SqliteWriter() override;
  Status Begin();
  Result<std::int64_t> AddDocument(const Document& document) override;
  Result<std::int64_t> Add(const TranslationUnit& unit) override;
  Result<std::int64_t> AddPrepared(PreparedUnit prepared) override;
  Result<std::int64_t> RemoveStoryUnits(std::string_view story_key, Origin origin,
                                        std::string_view having_property) override;
  Status Commit() override;
  WriteSummary& summary() override { return summary_; }

 private:
  Result<std::int64_t> Insert(const TranslationUnit& unit, const std::vector<std::string>& keys);
  Result<std::int64_t> Replace(TranslationUnit stored, const TranslationUnit& incoming);
  Status IndexTexts(std::int64_t id, const std::vector<Variant>& variants);
  Status UnindexTexts(std::int64_t id, const std::vector<Variant>& variants);
  // In a bulk load, creates the key index of `code` when a duplicate check
  // first needs it.
  Status EnsureKeyIndex(std::int64_t code);
  Result<bool> TmIsEmpty();
  // The journal for a bulk load (see wal_left_).
  Status LeaveWalIfEmpty();
  void ReturnToWal();

  SqliteStore& store_;
  WriteOptions options_;
  WriteSummary summary_;
  bool open_ = false;
  bool wrote_variants_ = false;
  // Bulk load into an empty TM: the key indexes (and units_by_changed) are
  // dropped for the write.
  // The one duplicate detection needs (the source language's) is created at
  // once and kept row by row, in SQLite's bounded page cache; the others are
  // built sorted at Commit(), several times cheaper than row by row.
  bool bulk_ = false;
  // Into an empty TM that no other connection has open, the write goes
  // through a rollback journal instead of the WAL: the pages of an empty
  // file are all new, so the journal holds next to nothing, and each page is
  // written once instead of into the WAL and again by the checkpoint (a
  // fifth of a bulk import's time, and most of its system calls). The file
  // is back in WAL mode when the write ends, committed or not.
  bool wal_left_ = false;
  std::array<bool, kLanguages> key_index_live_{true, true, true, true};
  PackedUnit packed_;  // reused: its body buffer keeps its capacity
};

// Holds a read transaction for its scope when the connection is in
// autocommit mode (inside a writer's transaction it does nothing).
class ReadTransaction {
 public:
  ReadTransaction(sqlite3* db, Statement& begin, Statement& commit)
      : commit_(sqlite3_get_autocommit(db) && begin.Run().ok() ? &commit : nullptr) {}
  ~ReadTransaction() {
    if (commit_ != nullptr) commit_->Run().ok();  // a read has nothing to lose
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Statement* commit_;
};

class SqliteStore final : public TmStore {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    statements_ = {};
    sqlite3_close_v2(db_);
  }

  Status Prepare();

  Result<std::unique_ptr<TmWriter>> BeginWrite(const WriteOptions& options) override {
    auto writer = std::make_unique<SqliteWriter>(*this, options);
    LOVCEN_RETURN_IF_ERROR(writer->Begin());
    return std::unique_ptr<TmWriter>(std::move(writer));
  }
  Result<std::unique_ptr<ReadSnapshot>> BeginRead() override;
  Result<std::vector<TranslationUnit>> FindExact(const LanguageTag& language,
                                                 const Segment& segment) override {
    // One statement: its implicit read transaction is the snapshot.
    return FindByKey(language, MatchKey(segment.text), segment);
  }
  // FindExact with the match key already computed.
  Result<std::vector<TranslationUnit>> FindByKey(const LanguageTag& language,
                                                 const std::string& key, const Segment& segment);
  Result<TranslationUnit> GetUnit(std::int64_t id) override;
  Result<std::vector<ConcordanceHit>> Search(const ConcordanceQuery& query) override;
  Result<TmStats> Stats() override;
  Status ForEachUnit(const UnitFilter& filter,
                     const std::function<bool(const TranslationUnit&)>& visit) override;
  Result<std::vector<Document>> Documents(std::string_view story_key) override;
  Result<std::int64_t> MaxUnitId() override;
  Status RebuildConcordanceIndex() override;
  Result<bool> ConcordanceStale() override;
  int schema_version() const override { return schema_version_; }

  sqlite3* db() { return db_; }
  void set_schema_version(int v) { schema_version_ = v; }
  Status SetMeta(std::string_view key, std::string_view value);
  Result<std::string> GetMeta(std::string_view key);

  // Prepared once, reused by every writer and reader of this connection.
  struct Statements {
    Statement insert_unit, update_unit, select_unit, select_body, insert_document, find_document,
        fts_insert, fts_delete, begin_read, commit_read;
    std::array<Statement, kLanguages> find_by_key;
  } statements_;

 private:
  sqlite3* db_;
  int schema_version_ = 0;
};

class SqliteReadSnapshot final : public ReadSnapshot {
 public:
  SqliteReadSnapshot(sqlite3* db, Statement& begin, Statement& commit)
      : scope_(db, begin, commit) {}

 private:
  ReadTransaction scope_;
};

Result<std::unique_ptr<ReadSnapshot>> SqliteStore::BeginRead() {
  return std::unique_ptr<ReadSnapshot>(
      std::make_unique<SqliteReadSnapshot>(db_, statements_.begin_read, statements_.commit_read));
}

// ---- writer ----------------------------------------------------------------

SqliteWriter::~SqliteWriter() {
  if (open_)
    sqlite::Exec(store_.db(), "ROLLBACK").ok();  // a failed rollback leaves nothing to undo
  ReturnToWal();
}

Result<bool> SqliteWriter::TmIsEmpty() {
  Status status;
  sqlite::Statement any(store_.db(), "SELECT EXISTS(SELECT 1 FROM units)", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  const bool empty = any.Step(&status) && any.Int(0) == 0;
  any.Reset();  // a statement still stepping would lock the schema
  LOVCEN_RETURN_IF_ERROR(status);
  return empty;
}

Status SqliteWriter::LeaveWalIfEmpty() {
  // Asked before the transaction (the journal cannot change inside one);
  // Begin() asks again inside it, where the answer holds for the write.
  auto empty = TmIsEmpty();
  if (!empty.ok()) return empty.error();
  if (!*empty) return Status::Ok();
  auto left = internal::SetJournalMode(store_.db(), "delete");
  if (!left.ok()) return left.error();
  if (!*left) return Status::Ok();  // someone else has the file open: stay in WAL
  wal_left_ = true;
  // A rollback journal is only safe from power loss with full syncs; they
  // are a few per transaction.
  return sqlite::Exec(store_.db(), "PRAGMA synchronous=FULL");
}

void SqliteWriter::ReturnToWal() {
  if (!wal_left_) return;
  wal_left_ = false;
  // Should a reader hold the file just now, it stays in rollback mode until
  // the next open of it, which asks for WAL again; nothing is lost.
  internal::SetJournalMode(store_.db(), "wal").ok();
  sqlite::Exec(store_.db(), "PRAGMA synchronous=NORMAL").ok();
}

std::string KeyIndexSql(std::int64_t code) {
  const std::string c = std::to_string(code);
  return "CREATE INDEX IF NOT EXISTS units_key" + c + " ON units(key" + c + ") WHERE key" + c +
         " IS NOT NULL";
}

Status SqliteWriter::Begin() {
  LOVCEN_RETURN_IF_ERROR(LeaveWalIfEmpty());
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), "BEGIN IMMEDIATE"));
  open_ = true;
  // An index already out of date cannot take incremental deletes (a
  // contentless FTS5 index would be corrupted); it stays stale until rebuilt.
  auto stale = store_.GetMeta("concordance_stale");
  if (!stale.ok()) return stale.error();
  if (*stale == "1") options_.update_concordance = false;
  auto empty = TmIsEmpty();
  if (!empty.ok()) return empty.error();
  if (*empty) {
    for (int code = 0; code < kLanguages; ++code) {
      const std::string drop = "DROP INDEX IF EXISTS units_key" + std::to_string(code);
      LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), drop.c_str()));
      key_index_live_[static_cast<std::size_t>(code)] = false;
    }
    LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), "DROP INDEX IF EXISTS units_by_changed"));
    bulk_ = true;
  }
  return Status::Ok();
}

Status SqliteWriter::EnsureKeyIndex(std::int64_t code) {
  bool& live = key_index_live_[static_cast<std::size_t>(code)];
  if (live) return Status::Ok();
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), KeyIndexSql(code).c_str()));
  live = true;
  return Status::Ok();
}

Result<std::int64_t> SqliteWriter::AddDocument(const Document& d) {
  auto& s = store_.statements_;
  s.find_document.Reset();
  s.find_document.Bind(1, d.story_key);
  s.find_document.Bind(2, LanguageCode(d.language));
  s.find_document.Bind(3, d.name);
  Status status;
  if (s.find_document.Step(&status)) {
    const std::int64_t id = s.find_document.Int(0);
    s.find_document.Reset();
    return id;
  }
  s.find_document.Reset();
  LOVCEN_RETURN_IF_ERROR(status);
  s.insert_document.Bind(1, d.story_key);
  s.insert_document.Bind(2, LanguageCode(d.language));
  s.insert_document.Bind(3, d.name);
  LOVCEN_RETURN_IF_ERROR(s.insert_document.Run());
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(store_.db()));
}

Status SqliteWriter::IndexTexts(std::int64_t id, const std::vector<Variant>& variants) {
  wrote_variants_ = true;
  if (!options_.update_concordance) return Status::Ok();
  auto& f = store_.statements_.fts_insert;
  for (const Variant& v : variants) {
    f.Bind(1, id * kVariantSlots + LanguageCode(v.language));
    f.BindStatic(2, v.segment.text);
    LOVCEN_RETURN_IF_ERROR(f.Run());
  }
  return Status::Ok();
}

Status SqliteWriter::UnindexTexts(std::int64_t id, const std::vector<Variant>& variants) {
  wrote_variants_ = true;
  if (!options_.update_concordance) return Status::Ok();
  // A contentless FTS5 index forgets a row only when told its old text.
  auto& f = store_.statements_.fts_delete;
  for (const Variant& v : variants) {
    f.Bind(1, id * kVariantSlots + LanguageCode(v.language));
    f.BindStatic(2, v.segment.text);
    LOVCEN_RETURN_IF_ERROR(f.Run());
  }
  return Status::Ok();
}

Result<std::int64_t> SqliteWriter::Add(const TranslationUnit& incoming) {
  auto prepared = PrepareUnit(incoming);
  if (!prepared.ok()) return prepared.error();
  return AddPrepared(std::move(*prepared));
}

Result<std::int64_t> SqliteWriter::AddPrepared(PreparedUnit prepared) {
  if (!open_) return StoreError("write already committed or rolled back");
  TranslationUnit& unit = prepared.unit;
  const std::vector<std::string>& keys = prepared.keys;
  const Variant* source = options_.source_language ? unit.Find(*options_.source_language) : nullptr;
  if (source == nullptr) source = unit.Find(prepared.first_language);
  if (source == nullptr || keys.size() != unit.variants.size()) {
    return UsageError("AddPrepared takes a unit made by PrepareUnit");
  }
  const std::string& source_key = keys[static_cast<std::size_t>(source - unit.variants.data())];

  // Duplicate detection on the source variant.
  if (bulk_) LOVCEN_RETURN_IF_ERROR(EnsureKeyIndex(LanguageCode(source->language)));
  auto existing = store_.FindByKey(source->language, source_key, source->segment);
  if (!existing.ok()) return existing.error();
  if (existing->empty() || options_.on_duplicate == DuplicatePolicy::kKeepBoth) {
    return Insert(unit, keys);
  }
  for (const TranslationUnit& stored : *existing) {
    bool same = true;
    for (std::size_t i = 0; same && i < unit.variants.size(); ++i) {
      const Variant* w = stored.Find(unit.variants[i].language);
      same = w != nullptr && MatchKey(w->segment.text) == keys[i] &&
             SameCodeLayout(w->segment, unit.variants[i].segment);
    }
    if (same) {
      ++summary_.duplicates_skipped;
      return std::int64_t{0};
    }
  }
  TranslationUnit& stored = existing->front();
  if (options_.on_duplicate == DuplicatePolicy::kSkip ||
      !NotOlder(unit.changed.empty() ? unit.created : unit.changed,
                stored.changed.empty() ? stored.created : stored.changed)) {
    ++summary_.duplicates_skipped;
    return std::int64_t{0};
  }
  return Replace(std::move(stored), unit);
}

Result<std::int64_t> SqliteWriter::Insert(const TranslationUnit& unit,
                                          const std::vector<std::string>& keys) {
  Pack(unit, &keys, &packed_);
  auto& s = store_.statements_.insert_unit;
  s.BindStatic(1, unit.tuid);
  s.BindStatic(2, OriginName(unit.origin));
  s.BindStatic(3, unit.story_key);
  if (unit.document_id > 0) {
    s.Bind(4, unit.document_id);
  } else {
    s.BindNull(4);
  }
  s.Bind(5, static_cast<std::int64_t>(unit.position));
  const std::string now = unit.created.empty() ? NowIso8601() : std::string();
  const std::string& created = unit.created.empty() ? now : unit.created;
  s.BindStatic(6, created);
  s.BindStatic(7, unit.changed.empty() ? created : unit.changed);
  s.BindStatic(8, unit.author);
  s.Bind(9, packed_.langs);
  BindKeys(s, 10, packed_);
  s.BindBlob(14, packed_.body);
  LOVCEN_RETURN_IF_ERROR(s.Run());
  const std::int64_t id = sqlite3_last_insert_rowid(store_.db());
  LOVCEN_RETURN_IF_ERROR(IndexTexts(id, unit.variants));
  ++summary_.added;
  return id;
}

// newer-wins: the incoming variants replace the stored ones of their
// languages (others stay), incoming properties replace stored ones of the
// same name.
Result<std::int64_t> SqliteWriter::Replace(TranslationUnit stored,
                                           const TranslationUnit& incoming) {
  std::vector<Variant> replaced;
  for (const Variant& v : incoming.variants) {
    if (Variant* old = stored.Find(v.language)) {
      replaced.push_back(std::move(*old));
      *old = v;
    } else {
      stored.variants.push_back(v);
    }
  }
  internal::SortVariants(&stored.variants);
  std::erase_if(stored.properties, [&](const Property& p) {
    return std::any_of(incoming.properties.begin(), incoming.properties.end(),
                       [&](const Property& q) { return q.name == p.name; });
  });
  stored.properties.insert(stored.properties.end(), incoming.properties.begin(),
                           incoming.properties.end());
  LOVCEN_RETURN_IF_ERROR(UnindexTexts(stored.id, replaced));
  Pack(stored, nullptr, &packed_);
  auto& up = store_.statements_.update_unit;
  const std::string changed = incoming.changed.empty() ? NowIso8601() : incoming.changed;
  up.BindStatic(1, changed);
  up.BindStatic(2, incoming.author);
  up.Bind(3, packed_.langs);
  BindKeys(up, 4, packed_);
  up.BindBlob(8, packed_.body);
  up.Bind(9, stored.id);
  LOVCEN_RETURN_IF_ERROR(up.Run());
  LOVCEN_RETURN_IF_ERROR(IndexTexts(stored.id, incoming.variants));
  ++summary_.updated;
  return stored.id;
}

Result<std::int64_t> SqliteWriter::RemoveStoryUnits(std::string_view story_key, Origin origin,
                                                    std::string_view having_property) {
  if (!open_) return StoreError("write already committed or rolled back");
  sqlite3* db = store_.db();
  Status status;
  std::vector<TranslationUnit> units;
  {
    Statement find(db,
                   std::string("SELECT ") + kUnitColumns +
                       " FROM units WHERE story_key=?1 AND origin=?2" +
                       // lets SQLite use the partial story index
                       (story_key.empty() ? "" : " AND story_key <> ''"),
                   &status);
    LOVCEN_RETURN_IF_ERROR(status);
    find.Bind(1, story_key);
    find.Bind(2, OriginName(origin));
    while (find.Step(&status)) {
      TranslationUnit unit;
      if (!ReadUnit(find, &unit)) return CorruptUnit(unit.id);
      const bool has = having_property.empty() ||
                       std::any_of(unit.properties.begin(), unit.properties.end(),
                                   [&](const Property& p) { return p.name == having_property; });
      if (has) units.push_back(std::move(unit));
    }
    LOVCEN_RETURN_IF_ERROR(status);
  }
  if (units.empty()) return std::int64_t{0};
  Statement drop(db, "DELETE FROM units WHERE id=?", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  for (const TranslationUnit& unit : units) {
    LOVCEN_RETURN_IF_ERROR(UnindexTexts(unit.id, unit.variants));
    drop.Bind(1, unit.id);
    LOVCEN_RETURN_IF_ERROR(drop.Run());
  }
  wrote_variants_ = true;
  summary_.removed += units.size();
  return static_cast<std::int64_t>(units.size());
}

Status SqliteWriter::Commit() {
  if (!open_) return StoreError("write already committed or rolled back");
  if (bulk_) {
    for (int code = 0; code < kLanguages; ++code) LOVCEN_RETURN_IF_ERROR(EnsureKeyIndex(code));
    LOVCEN_RETURN_IF_ERROR(
        sqlite::Exec(store_.db(), "CREATE INDEX IF NOT EXISTS units_by_changed ON units(changed)"));
    bulk_ = false;
  }
  if (wrote_variants_ && !options_.update_concordance) {
    LOVCEN_RETURN_IF_ERROR(store_.SetMeta("concordance_stale", "1"));
  }
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), "COMMIT"));
  open_ = false;
  ReturnToWal();
  return Status::Ok();
}

// ---- store -----------------------------------------------------------------

Status SqliteStore::Prepare() {
  Status status;
  auto& s = statements_;
  sqlite3* db = db_;
  s.insert_unit = Statement(
      db,
      "INSERT INTO units(tuid, origin, story_key, document_id, position, created, changed, author,"
      " langs, key0, key1, key2, key3, body) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      &status);
  s.update_unit = Statement(
      db,
      "UPDATE units SET changed=?, author=?, langs=?, key0=?, key1=?, key2=?, key3=?, body=?"
      " WHERE id=?",
      &status);
  s.select_unit =
      Statement(db, std::string("SELECT ") + kUnitColumns + " FROM units WHERE id=?", &status);
  s.select_body = Statement(db, "SELECT body FROM units WHERE id=?", &status);
  for (int code = 0; code < kLanguages; ++code) {
    s.find_by_key[static_cast<std::size_t>(code)] =
        Statement(db,
                  std::string("SELECT ") + kUnitColumns + " FROM units WHERE key" +
                      std::to_string(code) + "=?",
                  &status);
  }
  s.insert_document =
      Statement(db, "INSERT INTO documents(story_key, lang, name) VALUES(?,?,?)", &status);
  s.find_document =
      Statement(db, "SELECT id FROM documents WHERE story_key=? AND lang=? AND name=?", &status);
  s.fts_insert = Statement(db, "INSERT INTO concordance(rowid, text) VALUES(?,?)", &status);
  s.fts_delete = Statement(
      db, "INSERT INTO concordance(concordance, rowid, text) VALUES('delete',?,?)", &status);
  s.begin_read = Statement(db, "BEGIN", &status);
  s.commit_read = Statement(db, "COMMIT", &status);
  return status;
}

Status SqliteStore::SetMeta(std::string_view key, std::string_view value) {
  Status status;
  Statement s(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES(?,?)", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  s.Bind(1, key);
  s.Bind(2, value);
  return s.Run();
}

Result<std::string> SqliteStore::GetMeta(std::string_view key) {
  Status status;
  Statement s(db_, "SELECT value FROM meta WHERE key=?", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  s.Bind(1, key);
  std::string value;
  if (s.Step(&status)) value = std::string(s.Text(0));
  LOVCEN_RETURN_IF_ERROR(status);
  return value;
}

Result<TranslationUnit> SqliteStore::GetUnit(std::int64_t id) {
  auto& s = statements_.select_unit;
  s.Bind(1, id);
  Status status;
  TranslationUnit unit;
  const bool found = s.Step(&status);
  const bool intact = !found || ReadUnit(s, &unit);
  s.Reset();
  LOVCEN_RETURN_IF_ERROR(status);
  if (!found) return NotFound("no translation unit " + std::to_string(id));
  if (!intact) return CorruptUnit(id);
  return unit;
}

Result<std::vector<TranslationUnit>> SqliteStore::FindByKey(const LanguageTag& language,
                                                            const std::string& key,
                                                            const Segment& segment) {
  const std::int64_t code = LanguageCode(language);
  auto& s = statements_.find_by_key[static_cast<std::size_t>(code)];
  s.Bind(1, VariantKeyHash(language, key));
  std::vector<TranslationUnit> units;
  Status status;
  Segment stored;
  while (s.Step(&status)) {
    std::string_view text, codes;
    // The key column says the unit holds this language: a miss is damage.
    if (!internal::FindVariantText(s.Blob(kBodyColumn), code, &text, &codes)) {
      const std::int64_t id = s.Int(0);
      s.Reset();
      return CorruptUnit(id);
    }
    // Same text, same key: the common hit skips recomputing it.
    if (text != segment.text && MatchKey(text) != key) continue;  // a hash collision
    if (!codes.empty() || !segment.codes.empty()) {
      stored.text.assign(text);
      if (!DeserializeCodes(std::string(codes), &stored.codes)) continue;
      if (!SameCodeLayout(stored, segment)) continue;
    }
    TranslationUnit unit;
    if (!ReadUnit(s, &unit)) {
      s.Reset();
      return CorruptUnit(unit.id);
    }
    units.push_back(std::move(unit));
  }
  s.Reset();
  LOVCEN_RETURN_IF_ERROR(status);
  return units;
}

namespace {

bool IsWordByte(const std::string& text, std::size_t pos) {
  // Letters and digits of any script: every non-ASCII byte counts as part of
  // a word (UTF-8 lead and continuation bytes), ASCII by class.
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  return c >= 0x80 || std::isalnum(c) != 0;
}

// Spans of `query` (folded) in `text`, checked for the query mode.
std::vector<std::pair<std::size_t, std::size_t>> FindSpans(std::string_view text,
                                                           const std::string& folded_query,
                                                           ConcordanceQuery::Mode mode) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const FoldedText folded = FoldCase(text);
  std::size_t pos = 0;
  while ((pos = folded.text.find(folded_query, pos)) != std::string::npos) {
    const std::size_t end = pos + folded_query.size();
    const bool starts_word = pos == 0 || !IsWordByte(folded.text, pos - 1);
    const bool ends_word = end == folded.text.size() || !IsWordByte(folded.text, end);
    const bool ok = mode == ConcordanceQuery::Mode::kSubstring ||
                    (mode == ConcordanceQuery::Mode::kPrefix && starts_word) ||
                    (mode == ConcordanceQuery::Mode::kWord && starts_word && ends_word);
    if (ok) spans.emplace_back(folded.origin[pos], folded.origin[end]);
    pos = end;
  }
  return spans;
}

// An FTS5 query for text of three or more code points: every trigram of it,
// each quoted, ANDed (detail=none keeps the index small but cannot match
// phrases; FindSpans verifies the real substring afterwards).
std::string FtsTrigramQuery(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  std::string out;
  for (std::size_t i = 0; i + 3 < starts.size(); ++i) {
    if (!out.empty()) out += " AND ";
    out += '"';
    for (char c : text.substr(starts[i], starts[i + 3] - starts[i])) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

}  // namespace

Result<std::vector<ConcordanceHit>> SqliteStore::Search(const ConcordanceQuery& query) {
  const std::string needle = MatchKey(query.text);
  if (needle.empty()) return UsageError("empty search text");
  const std::string folded_query = FoldCaseString(needle);
  auto stale = GetMeta("concordance_stale");
  if (!stale.ok()) return stale.error();
  if (*stale == "1") {
    return StoreError(
        "the concordance index is out of date after a bulk import; run 'lovcen reindex'");
  }
  using Spans = std::vector<std::pair<std::size_t, std::size_t>>;
  std::vector<std::pair<std::int64_t, Spans>> found;  // concordance rowid, spans
  const auto wanted = [&](std::int64_t code) {
    return !query.language || LanguageFromCode(code) == *query.language;
  };
  Status status;
  // The index lookup and the unit reads share one snapshot.
  ReadTransaction snapshot(db_, statements_.begin_read, statements_.commit_read);
  if (CodePointCount(needle) >= 3) {
    // Newest first, straight from the index's own rowid order, so a query
    // stops after `limit` verified hits instead of sorting every candidate.
    Statement s(db_, "SELECT rowid FROM concordance WHERE concordance MATCH ? ORDER BY rowid DESC",
                &status);
    LOVCEN_RETURN_IF_ERROR(status);
    s.Bind(1, FtsTrigramQuery(needle));
    auto& body = statements_.select_body;
    while (found.size() < query.limit && s.Step(&status)) {
      const std::int64_t rowid = s.Int(0);
      if (!wanted(rowid % kVariantSlots)) continue;
      body.Bind(1, rowid / kVariantSlots);
      std::string_view text, codes;
      Spans spans;
      if (body.Step(&status) &&
          internal::FindVariantText(body.Blob(0), rowid % kVariantSlots, &text, &codes)) {
        spans = FindSpans(text, folded_query, query.mode);
      }
      body.Reset();
      if (!spans.empty()) found.emplace_back(rowid, std::move(spans));
    }
  } else {
    // The trigram index needs three characters; shorter queries scan.
    Statement s(db_, "SELECT id, body FROM units ORDER BY id DESC", &status);
    LOVCEN_RETURN_IF_ERROR(status);
    while (found.size() < query.limit && s.Step(&status)) {
      const std::int64_t id = s.Int(0);
      std::vector<std::pair<std::int64_t, Spans>> in_unit;
      const bool intact =
          internal::ForEachVariantText(s.Blob(1), [&](std::int64_t code, std::string_view text) {
            if (!wanted(code)) return;
            auto spans = FindSpans(text, folded_query, query.mode);
            if (!spans.empty()) in_unit.emplace_back(id * kVariantSlots + code, std::move(spans));
          });
      if (!intact) return CorruptUnit(id);
      // Highest language code first, as the index order gives.
      for (auto it = in_unit.rbegin(); it != in_unit.rend() && found.size() < query.limit; ++it) {
        found.push_back(std::move(*it));
      }
    }
  }
  LOVCEN_RETURN_IF_ERROR(status);
  std::vector<ConcordanceHit> hits;
  for (auto& [rowid, spans] : found) {
    auto unit = GetUnit(rowid / kVariantSlots);
    if (!unit.ok()) return unit.error();
    ConcordanceHit hit{std::move(*unit), LanguageFromCode(rowid % kVariantSlots), std::move(spans)};
    hits.push_back(std::move(hit));
  }
  return hits;
}

Result<TmStats> SqliteStore::Stats() {
  TmStats stats;
  stats.schema_version = schema_version_;
  Status status;
  ReadTransaction snapshot(db_, statements_.begin_read, statements_.commit_read);
  {
    Statement s(db_, "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM documents)",
                &status);
    LOVCEN_RETURN_IF_ERROR(status);
    if (s.Step(&status)) {
      stats.units = s.Int(0);
      stats.documents = s.Int(1);
    }
    LOVCEN_RETURN_IF_ERROR(status);
  }
  {
    Statement s(db_, "SELECT langs, count(*) FROM units GROUP BY langs", &status);
    LOVCEN_RETURN_IF_ERROR(status);
    while (s.Step(&status)) {
      const std::int64_t mask = s.Int(0);
      const std::int64_t count = s.Int(1);
      for (int a = 0; a < kLanguages; ++a) {
        if (!(mask & (1 << a))) continue;
        stats.variants_per_language[std::string(LanguageFromCode(a).str())] += count;
        for (int b = a + 1; b < kLanguages; ++b) {
          if (!(mask & (1 << b))) continue;
          const std::string key = std::string(LanguageFromCode(a).str()) + "<->" +
                                  std::string(LanguageFromCode(b).str());
          stats.pairs[key] += count;
        }
      }
    }
    LOVCEN_RETURN_IF_ERROR(status);
  }
  {
    Statement s(db_, "SELECT origin, count(*) FROM units GROUP BY origin", &status);
    LOVCEN_RETURN_IF_ERROR(status);
    while (s.Step(&status)) stats.units_per_origin[std::string(s.Text(0))] = s.Int(1);
    LOVCEN_RETURN_IF_ERROR(status);
  }
  auto stale = GetMeta("concordance_stale");
  if (!stale.ok()) return stale.error();
  stats.concordance_stale = *stale == "1";
  return stats;
}

Status SqliteStore::ForEachUnit(const UnitFilter& filter,
                                const std::function<bool(const TranslationUnit&)>& visit) {
  std::int64_t mask = 0;
  for (const LanguageTag& l : filter.required_languages) mask |= std::int64_t{1} << LanguageCode(l);
  Status status;
  // One ordered statement (one snapshot); a story goes through its index.
  Statement s(db_,
              std::string("SELECT ") + kUnitColumns + " FROM units WHERE id BETWEEN ?1 AND ?2" +
                  " AND langs & ?3 = ?3" +
                  (filter.story_key.empty() ? "" : " AND story_key = ?4 AND story_key <> ''") +
                  " ORDER BY id",
              &status);
  LOVCEN_RETURN_IF_ERROR(status);
  s.Bind(1, std::max<std::int64_t>(filter.min_unit_id, 0));
  s.Bind(2, filter.max_unit_id);
  s.Bind(3, mask);
  if (!filter.story_key.empty()) s.Bind(4, filter.story_key);
  while (s.Step(&status)) {
    TranslationUnit unit;
    if (!ReadUnit(s, &unit)) return CorruptUnit(unit.id);
    if (!visit(unit)) break;
  }
  return status;
}

Result<std::int64_t> SqliteStore::MaxUnitId() {
  Status status;
  Statement s(db_, "SELECT coalesce(max(id), 0) FROM units", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  std::int64_t id = 0;
  if (s.Step(&status)) id = s.Int(0);
  LOVCEN_RETURN_IF_ERROR(status);
  return id;
}

Result<std::vector<Document>> SqliteStore::Documents(std::string_view story_key) {
  Status status;
  Statement s(db_,
              story_key.empty()
                  ? "SELECT id, story_key, lang, name FROM documents ORDER BY id"
                  : "SELECT id, story_key, lang, name FROM documents WHERE story_key=? ORDER BY id",
              &status);
  LOVCEN_RETURN_IF_ERROR(status);
  if (!story_key.empty()) s.Bind(1, story_key);
  std::vector<Document> docs;
  while (s.Step(&status)) {
    docs.push_back(
        {s.Int(0), std::string(s.Text(1)), LanguageFromCode(s.Int(2)), std::string(s.Text(3))});
  }
  LOVCEN_RETURN_IF_ERROR(status);
  return docs;
}

Result<bool> SqliteStore::ConcordanceStale() {
  auto stale = GetMeta("concordance_stale");
  if (!stale.ok()) return stale.error();
  return *stale == "1";
}

Status SqliteStore::RebuildConcordanceIndex() {
  // A contentless index cannot 'rebuild' itself: emptied, then fed every
  // variant text from one ordered scan, in one transaction.
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
  Status status = sqlite::Exec(db_, "INSERT INTO concordance(concordance) VALUES('delete-all')");
  if (status.ok()) {
    Statement s(db_, "SELECT id, body FROM units ORDER BY id", &status);
    auto& f = statements_.fts_insert;
    while (status.ok() && s.Step(&status)) {
      const std::int64_t id = s.Int(0);
      const bool intact =
          internal::ForEachVariantText(s.Blob(1), [&](std::int64_t code, std::string_view text) {
            if (!status.ok()) return;
            f.Bind(1, id * kVariantSlots + code);
            f.BindStatic(2, text);
            status = f.Run();
          });
      if (!intact && status.ok()) status = CorruptUnit(id);
    }
  }
  if (status.ok()) status = SetMeta("concordance_stale", "0");
  if (status.ok()) return sqlite::Exec(db_, "COMMIT");
  sqlite::Exec(db_, "ROLLBACK").ok();
  return status;
}

}  // namespace

std::optional<DuplicatePolicy> DuplicatePolicyFromName(std::string_view name) {
  if (name == "newer-wins") return DuplicatePolicy::kNewerWins;
  if (name == "keep-both") return DuplicatePolicy::kKeepBoth;
  if (name == "skip") return DuplicatePolicy::kSkip;
  return std::nullopt;
}

Result<std::unique_ptr<TmStore>> OpenSqliteStore(const std::string& path,
                                                 const StoreOptions& options) {
  const bool existed = std::filesystem::exists(path);
  if (!existed && !options.create_if_missing) {
    return IoError("no translation memory here (run 'lovcen init' or import into it)", path);
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Error e = sqlite::DbError(db, "cannot open the translation memory");
    e.file = path;
    sqlite3_close_v2(db);
    return e;
  }
  auto store = std::make_unique<SqliteStore>(db);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  auto version = internal::OpenSchema(db, path);
  if (!version.ok()) return version.error();
  store->set_schema_version(*version);
  LOVCEN_RETURN_IF_ERROR(store->Prepare());
  return std::unique_ptr<TmStore>(std::move(store));
}

}  // namespace lovcen
