// SQLite implementation of TmStore. Layout (schema version 2):
//   units     one row per translation unit
//   variants  rowid = unit_id * 8 + language code, so a unit's variants are
//             one contiguous rowid range and need no second index; key_hash
//             hashes language and match key together, so exact lookup is one
//             probe of variants_by_key
//   concordance  FTS5 trigram index over variants.text (external content)
// See docs/store.md for why.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "lovcen/case_fold.h"
#include "lovcen/text.h"
#include "lovcen/tm_store.h"
#include "sqlite_statement.h"
#include "store_schema.h"

namespace lovcen {
namespace {

using sqlite::Statement;

constexpr std::int64_t kVariantSlots = 8;

std::int64_t LanguageCode(const LanguageTag& tag) {
  return static_cast<std::int64_t>(tag.language());
}

LanguageTag LanguageFromCode(std::int64_t code) {
  return LanguageTag(static_cast<Language>(code & 3));
}

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

class SqliteStore;

class SqliteWriter final : public TmWriter {
 public:
  SqliteWriter(SqliteStore& store, WriteOptions options)
      : store_(store), options_(std::move(options)) {}
  ~SqliteWriter() override;
  Status Begin();
  Result<std::int64_t> AddDocument(const Document& document) override;
  Result<std::int64_t> Add(const TranslationUnit& unit) override;
  Result<std::int64_t> RemoveStoryUnits(std::string_view story_key, Origin origin,
                                        std::string_view having_property) override;
  Status Commit() override;
  WriteSummary& summary() override { return summary_; }

 private:
  Status InsertVariant(std::int64_t unit_id, const Variant& v, const std::string& key);
  Status ReplaceVariant(std::int64_t unit_id, const Variant& v, const std::string& key);
  Status InsertProperties(std::int64_t unit_id, const std::vector<Property>& props);

  // Stored units with a `language` variant of this key and code layout.
  Result<std::vector<TranslationUnit>> FindExisting(const LanguageTag& language,
                                                    const std::string& key, const Segment& segment);

  SqliteStore& store_;
  WriteOptions options_;
  WriteSummary summary_;
  bool open_ = false;
  bool wrote_variants_ = false;
  // Bulk load into an empty TM: the key index is dropped for the write and
  // rebuilt at Commit() (building it sorted is several times cheaper than
  // maintaining it row by row); duplicates are found through added_keys_.
  bool bulk_ = false;
  std::unordered_multimap<std::int64_t, std::int64_t> added_keys_;  // key hash -> unit id
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
  Result<std::vector<TranslationUnit>> FindExact(const LanguageTag& language,
                                                 const Segment& segment) override {
    const std::string key = MatchKey(segment.text);
    // The key lookup and the unit reads share one snapshot: one lock of the
    // database instead of one per statement (a third of a lookup's time).
    ReadTransaction snapshot(db_, statements_.begin_read, statements_.commit_read);
    return FindByKey(language, key, segment);
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
    Statement insert_unit, update_unit, insert_variant, update_variant, select_variant_text,
        insert_property, delete_property, find_by_key, select_unit, count_properties,
        select_properties, insert_document, find_document, fts_insert, fts_delete,
        select_max_variant, begin_read, commit_read;
  } statements_;

 private:
  sqlite3* db_;
  int schema_version_ = 0;
};

// ---- writer ----------------------------------------------------------------

SqliteWriter::~SqliteWriter() {
  if (open_)
    sqlite::Exec(store_.db(), "ROLLBACK").ok();  // a failed rollback leaves nothing to undo
}

Status SqliteWriter::Begin() {
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), "BEGIN IMMEDIATE"));
  open_ = true;
  // An index already out of date cannot take incremental deletes (FTS5
  // external content would corrupt); it stays stale until rebuilt.
  auto stale = store_.GetMeta("concordance_stale");
  if (!stale.ok()) return stale.error();
  if (*stale == "1") options_.update_concordance = false;
  Status status;
  sqlite::Statement any(store_.db(), "SELECT EXISTS(SELECT 1 FROM units)", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  const bool empty = any.Step(&status) && any.Int(0) == 0;
  any.Reset();  // a statement still stepping would lock the schema
  LOVCEN_RETURN_IF_ERROR(status);
  if (empty) {
    LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), "DROP INDEX IF EXISTS variants_by_key"));
    bulk_ = true;
  }
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

Status SqliteWriter::InsertVariant(std::int64_t unit_id, const Variant& v, const std::string& key) {
  auto& s = store_.statements_.insert_variant;
  const std::int64_t rowid = unit_id * kVariantSlots + LanguageCode(v.language);
  const std::string codes = SerializeCodes(v.segment.codes);
  s.Bind(1, rowid);
  s.BindStatic(2, v.segment.text);
  s.BindStatic(3, codes);
  s.Bind(4, VariantKeyHash(v.language, key));
  s.BindStatic(5, v.context_pre);
  s.BindStatic(6, v.context_post);
  s.BindStatic(7, v.created);
  s.BindStatic(8, v.changed);
  s.BindStatic(9, v.author);
  LOVCEN_RETURN_IF_ERROR(s.Run());
  wrote_variants_ = true;
  if (bulk_) added_keys_.emplace(VariantKeyHash(v.language, key), unit_id);
  if (options_.update_concordance) {
    auto& f = store_.statements_.fts_insert;
    f.Bind(1, rowid);
    f.Bind(2, v.segment.text);
    LOVCEN_RETURN_IF_ERROR(f.Run());
  }
  return Status::Ok();
}

Status SqliteWriter::ReplaceVariant(std::int64_t unit_id, const Variant& v,
                                    const std::string& key) {
  const std::int64_t rowid = unit_id * kVariantSlots + LanguageCode(v.language);
  auto& sel = store_.statements_.select_variant_text;
  sel.Bind(1, rowid);
  Status status;
  const bool exists = sel.Step(&status);
  std::string old_text = exists ? std::string(sel.Text(0)) : std::string();
  sel.Reset();
  LOVCEN_RETURN_IF_ERROR(status);
  if (!exists) return InsertVariant(unit_id, v, key);
  if (options_.update_concordance) {
    auto& f = store_.statements_.fts_delete;
    f.Bind(1, rowid);
    f.Bind(2, old_text);
    LOVCEN_RETURN_IF_ERROR(f.Run());
  }
  auto& up = store_.statements_.update_variant;
  up.Bind(1, v.segment.text);
  up.Bind(2, SerializeCodes(v.segment.codes));
  up.Bind(3, VariantKeyHash(v.language, key));
  up.Bind(4, v.context_pre);
  up.Bind(5, v.context_post);
  up.Bind(6, v.created);
  up.Bind(7, v.changed);
  up.Bind(8, v.author);
  up.Bind(9, rowid);
  LOVCEN_RETURN_IF_ERROR(up.Run());
  wrote_variants_ = true;
  if (bulk_) added_keys_.emplace(VariantKeyHash(v.language, key), unit_id);
  if (!options_.update_concordance) return Status::Ok();
  auto& ins = store_.statements_.fts_insert;
  ins.Bind(1, rowid);
  ins.Bind(2, v.segment.text);
  return ins.Run();
}

Status SqliteWriter::InsertProperties(std::int64_t unit_id, const std::vector<Property>& props) {
  auto& s = store_.statements_.insert_property;
  for (const Property& p : props) {
    s.Bind(1, unit_id);
    s.Bind(2, p.name);
    s.Bind(3, p.value);
    LOVCEN_RETURN_IF_ERROR(s.Run());
  }
  return Status::Ok();
}

// Validates and NFC-normalises every text of an incoming unit.
Result<TranslationUnit> Normalized(const TranslationUnit& in) {
  TranslationUnit unit = in;
  if (unit.variants.empty()) return BadInput("translation unit without variants");
  for (std::size_t i = 0; i < unit.variants.size(); ++i) {
    Variant& v = unit.variants[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (unit.variants[j].language == v.language) {
        return BadInput("two variants in language " + std::string(v.language.str()));
      }
    }
    for (std::string* text : {&v.segment.text, &v.context_pre, &v.context_post}) {
      if (text->empty()) continue;
      auto nfc = NormalizeInput(*text);
      if (!nfc.ok()) return nfc.error();
      *text = std::move(*nfc);
    }
    for (const InlineCode& c : v.segment.codes) {
      if (c.offset > v.segment.text.size())
        return BadInput("inline code beyond the end of its text");
    }
  }
  return unit;
}

Result<std::int64_t> SqliteWriter::Add(const TranslationUnit& incoming) {
  if (!open_) return StoreError("write already committed or rolled back");
  auto normalized = Normalized(incoming);
  if (!normalized.ok()) return normalized.error();
  TranslationUnit& unit = *normalized;
  const Variant* source =
      options_.source_language ? unit.Find(*options_.source_language) : &unit.variants.front();
  if (source == nullptr) source = &unit.variants.front();

  std::vector<std::string> keys;
  keys.reserve(unit.variants.size());
  for (const Variant& v : unit.variants) keys.push_back(MatchKey(v.segment.text));
  const std::string& source_key = keys[static_cast<std::size_t>(source - unit.variants.data())];

  // Duplicate detection on the source variant.
  auto existing = FindExisting(source->language, source_key, source->segment);
  if (!existing.ok()) return existing.error();
  if (!existing->empty() && options_.on_duplicate != DuplicatePolicy::kKeepBoth) {
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
    const TranslationUnit& stored = existing->front();
    if (options_.on_duplicate == DuplicatePolicy::kSkip ||
        !NotOlder(unit.changed.empty() ? unit.created : unit.changed,
                  stored.changed.empty() ? stored.created : stored.changed)) {
      ++summary_.duplicates_skipped;
      return std::int64_t{0};
    }
    for (std::size_t i = 0; i < unit.variants.size(); ++i) {
      LOVCEN_RETURN_IF_ERROR(ReplaceVariant(stored.id, unit.variants[i], keys[i]));
    }
    auto& up = store_.statements_.update_unit;
    up.Bind(1, unit.changed.empty() ? NowIso8601() : unit.changed);
    up.Bind(2, unit.author);
    up.Bind(3, stored.id);
    LOVCEN_RETURN_IF_ERROR(up.Run());
    auto& del = store_.statements_.delete_property;
    for (const Property& p : unit.properties) {
      del.Bind(1, stored.id);
      del.Bind(2, p.name);
      LOVCEN_RETURN_IF_ERROR(del.Run());
    }
    LOVCEN_RETURN_IF_ERROR(InsertProperties(stored.id, unit.properties));
    auto& count = store_.statements_.count_properties;
    count.Bind(1, stored.id);
    LOVCEN_RETURN_IF_ERROR(count.Run());
    ++summary_.updated;
    return stored.id;
  }

  auto& s = store_.statements_.insert_unit;
  s.Bind(1, unit.tuid);
  s.Bind(2, OriginName(unit.origin));
  s.Bind(3, unit.story_key);
  if (unit.document_id > 0) {
    s.Bind(4, unit.document_id);
  } else {
    s.BindNull(4);
  }
  s.Bind(5, static_cast<std::int64_t>(unit.position));
  const std::string now = unit.created.empty() ? NowIso8601() : std::string();
  s.Bind(6, unit.created.empty() ? now : unit.created);
  s.Bind(7, unit.changed.empty() ? (unit.created.empty() ? now : unit.created) : unit.changed);
  s.Bind(8, unit.author);
  s.Bind(9, static_cast<std::int64_t>(unit.properties.size()));
  LOVCEN_RETURN_IF_ERROR(s.Run());
  const std::int64_t id = sqlite3_last_insert_rowid(store_.db());
  for (std::size_t i = 0; i < unit.variants.size(); ++i) {
    LOVCEN_RETURN_IF_ERROR(InsertVariant(id, unit.variants[i], keys[i]));
  }
  LOVCEN_RETURN_IF_ERROR(InsertProperties(id, unit.properties));
  ++summary_.added;
  return id;
}

Result<std::vector<TranslationUnit>> SqliteWriter::FindExisting(const LanguageTag& language,
                                                                const std::string& key,
                                                                const Segment& segment) {
  if (!bulk_) return store_.FindByKey(language, key, segment);
  std::vector<TranslationUnit> units;
  auto [begin, end] = added_keys_.equal_range(VariantKeyHash(language, key));
  std::vector<std::int64_t> ids;
  for (auto it = begin; it != end; ++it) ids.push_back(it->second);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (std::int64_t id : ids) {
    auto unit = store_.GetUnit(id);
    if (!unit.ok()) return unit.error();
    const Variant* v = unit->Find(language);
    // The map keeps keys of replaced texts too: check the current one.
    if (v != nullptr && MatchKey(v->segment.text) == key && SameCodeLayout(v->segment, segment)) {
      units.push_back(std::move(*unit));
    }
  }
  return units;
}

Result<std::int64_t> SqliteWriter::RemoveStoryUnits(std::string_view story_key, Origin origin,
                                                    std::string_view having_property) {
  if (!open_) return StoreError("write already committed or rolled back");
  sqlite3* db = store_.db();
  Status status;
  std::vector<std::int64_t> ids;
  {
    Statement find(db,
                   having_property.empty()
                       ? "SELECT id FROM units WHERE story_key=?1 AND origin=?2"
                       : "SELECT id FROM units WHERE story_key=?1 AND origin=?2 AND EXISTS("
                         "SELECT 1 FROM unit_properties p WHERE p.unit_id=units.id AND p.name=?3)",
                   &status);
    LOVCEN_RETURN_IF_ERROR(status);
    find.Bind(1, story_key);
    find.Bind(2, OriginName(origin));
    if (!having_property.empty()) find.Bind(3, having_property);
    while (find.Step(&status)) ids.push_back(find.Int(0));
    LOVCEN_RETURN_IF_ERROR(status);
  }
  if (ids.empty()) return std::int64_t{0};
  Statement variants(db, "SELECT id, text FROM variants WHERE id BETWEEN ? AND ?", &status);
  Statement drop_variants(db, "DELETE FROM variants WHERE id BETWEEN ? AND ?", &status);
  Statement drop_properties(db, "DELETE FROM unit_properties WHERE unit_id=?", &status);
  Statement drop_unit(db, "DELETE FROM units WHERE id=?", &status);
  LOVCEN_RETURN_IF_ERROR(status);
  for (const std::int64_t id : ids) {
    const std::int64_t first = id * kVariantSlots, last = first + kVariantSlots - 1;
    // External-content FTS5 needs the old text to forget a row.
    if (options_.update_concordance) {
      variants.Bind(1, first);
      variants.Bind(2, last);
      std::vector<std::pair<std::int64_t, std::string>> rows;
      while (variants.Step(&status))
        rows.emplace_back(variants.Int(0), std::string(variants.Text(1)));
      variants.Reset();
      LOVCEN_RETURN_IF_ERROR(status);
      auto& f = store_.statements_.fts_delete;
      for (const auto& [rowid, text] : rows) {
        f.Bind(1, rowid);
        f.Bind(2, text);
        LOVCEN_RETURN_IF_ERROR(f.Run());
      }
    }
    drop_variants.Bind(1, first);
    drop_variants.Bind(2, last);
    LOVCEN_RETURN_IF_ERROR(drop_variants.Run());
    drop_properties.Bind(1, id);
    LOVCEN_RETURN_IF_ERROR(drop_properties.Run());
    drop_unit.Bind(1, id);
    LOVCEN_RETURN_IF_ERROR(drop_unit.Run());
  }
  if (bulk_) {
    // Units added earlier in this write may be among those removed.
    const std::unordered_set<std::int64_t> gone(ids.begin(), ids.end());
    std::erase_if(added_keys_, [&](const auto& entry) { return gone.count(entry.second) > 0; });
  }
  wrote_variants_ = true;
  summary_.removed += ids.size();
  return static_cast<std::int64_t>(ids.size());
}

Status SqliteWriter::Commit() {
  if (!open_) return StoreError("write already committed or rolled back");
  if (bulk_) {
    LOVCEN_RETURN_IF_ERROR(
        sqlite::Exec(store_.db(), "CREATE INDEX variants_by_key ON variants(key_hash)"));
    bulk_ = false;
  }
  if (wrote_variants_ && !options_.update_concordance) {
    LOVCEN_RETURN_IF_ERROR(store_.SetMeta("concordance_stale", "1"));
  }
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(store_.db(), "COMMIT"));
  open_ = false;
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
      " property_count) VALUES(?,?,?,?,?,?,?,?,?)",
      &status);
  s.count_properties = Statement(
      db,
      "UPDATE units SET property_count = (SELECT count(*) FROM unit_properties WHERE unit_id = ?1)"
      " WHERE id = ?1",
      &status);
  s.update_unit = Statement(db, "UPDATE units SET changed=?, author=? WHERE id=?", &status);
  s.insert_variant = Statement(
      db,
      "INSERT INTO variants(id, text, codes, key_hash, context_pre, context_post, created, changed,"
      " author) VALUES(?,?,?,?,?,?,?,?,?)",
      &status);
  s.update_variant = Statement(
      db,
      "UPDATE variants SET text=?, codes=?, key_hash=?, context_pre=?, context_post=?, created=?,"
      " changed=?, author=? WHERE id=?",
      &status);
  s.select_variant_text = Statement(db, "SELECT text FROM variants WHERE id=?", &status);
  s.insert_property =
      Statement(db, "INSERT INTO unit_properties(unit_id, name, value) VALUES(?,?,?)", &status);
  s.delete_property =
      Statement(db, "DELETE FROM unit_properties WHERE unit_id=? AND name=?", &status);
  s.find_by_key = Statement(db, "SELECT id, text, codes FROM variants WHERE key_hash=?", &status);
  s.select_unit = Statement(
      db,
      "SELECT u.id, u.tuid, u.origin, u.story_key, u.document_id, u.position, u.created, u.changed,"
      " u.author, u.property_count, v.id, v.text, v.codes, v.context_pre, v.context_post, "
      "v.created,"
      " v.changed, v.author FROM units u LEFT JOIN variants v ON v.id BETWEEN ?2 AND ?3"
      " WHERE u.id = ?1 ORDER BY v.id",
      &status);
  s.select_properties = Statement(
      db, "SELECT name, value FROM unit_properties WHERE unit_id=? ORDER BY rowid", &status);
  s.insert_document =
      Statement(db, "INSERT INTO documents(story_key, lang, name) VALUES(?,?,?)", &status);
  s.find_document =
      Statement(db, "SELECT id FROM documents WHERE story_key=? AND lang=? AND name=?", &status);
  s.fts_insert = Statement(db, "INSERT INTO concordance(rowid, text) VALUES(?,?)", &status);
  s.begin_read = Statement(db, "BEGIN", &status);
  s.commit_read = Statement(db, "COMMIT", &status);
  s.fts_delete = Statement(
      db, "INSERT INTO concordance(concordance, rowid, text) VALUES('delete',?,?)", &status);
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

namespace {

// Column layouts shared by GetUnit (one unit) and ForEachUnit (a scan):
// unit columns from `first`: id, tuid, origin, story_key, document_id,
// position, created, changed, author, property_count.
std::int64_t ReadUnitColumns(const Statement& s, int first, TranslationUnit* unit) {
  unit->id = s.Int(first);
  unit->tuid = std::string(s.Text(first + 1));
  unit->origin = OriginFromName(s.Text(first + 2)).value_or(Origin::kImported);
  unit->story_key = std::string(s.Text(first + 3));
  unit->document_id = s.IsNull(first + 4) ? 0 : s.Int(first + 4);
  unit->position = static_cast<int>(s.Int(first + 5));
  unit->created = std::string(s.Text(first + 6));
  unit->changed = std::string(s.Text(first + 7));
  unit->author = std::string(s.Text(first + 8));
  return s.Int(first + 9);
}

// Variant columns from `first`: id, text, codes, context_pre, context_post,
// created, changed, author. False when the stored codes are corrupt.
bool ReadVariantColumns(const Statement& s, int first, Variant* v) {
  v->language = LanguageFromCode(s.Int(first) % kVariantSlots);
  v->segment.text = std::string(s.Text(first + 1));
  if (!DeserializeCodes(std::string(s.Text(first + 2)), &v->segment.codes)) return false;
  v->context_pre = std::string(s.Text(first + 3));
  v->context_post = std::string(s.Text(first + 4));
  v->created = std::string(s.Text(first + 5));
  v->changed = std::string(s.Text(first + 6));
  v->author = std::string(s.Text(first + 7));
  return true;
}

constexpr const char* kUnitColumns =
    "id, tuid, origin, story_key, document_id, position, created, changed, author, property_count";
constexpr const char* kVariantColumns =
    "id, text, codes, context_pre, context_post, created, changed, author";

}  // namespace

Result<TranslationUnit> SqliteStore::GetUnit(std::int64_t id) {
  // One statement for the unit and its variants (a contiguous rowid range);
  // properties only when the unit has any.
  auto& s = statements_.select_unit;
  s.Bind(1, id);
  s.Bind(2, id * kVariantSlots);
  s.Bind(3, id * kVariantSlots + kVariantSlots - 1);
  Status status;
  TranslationUnit unit;
  std::int64_t property_count = 0;
  bool found = false;
  while (s.Step(&status)) {
    if (!found) {
      found = true;
      property_count = ReadUnitColumns(s, 0, &unit);
    }
    if (s.IsNull(10)) continue;  // a unit without variants
    Variant v;
    if (!ReadVariantColumns(s, 10, &v)) {
      s.Reset();
      return StoreError("corrupt inline codes in unit " + std::to_string(id));
    }
    unit.variants.push_back(std::move(v));
  }
  s.Reset();
  LOVCEN_RETURN_IF_ERROR(status);
  if (!found) return NotFound("no translation unit " + std::to_string(id));
  if (property_count > 0) {
    auto& p = statements_.select_properties;
    p.Bind(1, id);
    while (p.Step(&status))
      unit.properties.push_back({std::string(p.Text(0)), std::string(p.Text(1))});
    p.Reset();
    LOVCEN_RETURN_IF_ERROR(status);
  }
  return unit;
}

Result<std::vector<TranslationUnit>> SqliteStore::FindByKey(const LanguageTag& language,
                                                            const std::string& key,
                                                            const Segment& segment) {
  auto& s = statements_.find_by_key;
  s.Bind(1, VariantKeyHash(language, key));
  std::vector<std::int64_t> ids;
  Status status;
  while (s.Step(&status)) {
    const std::int64_t rowid = s.Int(0);
    if (rowid % kVariantSlots != LanguageCode(language)) continue;
    // Same text, same key: the common hit skips recomputing it.
    if (s.Text(1) != segment.text && MatchKey(s.Text(1)) != key) continue;  // a hash collision
    Segment stored;
    if (!DeserializeCodes(std::string(s.Text(2)), &stored.codes)) continue;
    stored.text = std::string(s.Text(1));
    if (!SameCodeLayout(stored, segment)) continue;
    ids.push_back(rowid / kVariantSlots);
  }
  s.Reset();
  LOVCEN_RETURN_IF_ERROR(status);
  std::vector<TranslationUnit> units;
  for (std::int64_t id : ids) {
    auto unit = GetUnit(id);
    if (!unit.ok()) return unit.error();
    units.push_back(std::move(*unit));
  }
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
  // The trigram index needs three characters; shorter queries scan (SQLite's
  // lower() folds ASCII only, so the scan filters in FindSpans).
  const bool use_index = CodePointCount(needle) >= 3;
  Status status;
  // Newest first, straight from the index's own rowid order, so a query
  // stops after `limit` verified hits instead of sorting every candidate.
  Statement s(db_,
              use_index ? "SELECT v.id, v.text FROM (SELECT rowid AS id FROM concordance"
                          " WHERE concordance MATCH ? ORDER BY rowid DESC) c"
                          " JOIN variants v ON v.id = c.id"
                        : "SELECT id, text FROM variants ORDER BY id DESC",
              &status);
  LOVCEN_RETURN_IF_ERROR(status);
  if (use_index) s.Bind(1, FtsTrigramQuery(needle));
  std::vector<ConcordanceHit> hits;
  std::vector<std::pair<std::int64_t, std::vector<std::pair<std::size_t, std::size_t>>>> found;
  while (found.size() < query.limit && s.Step(&status)) {
    const std::int64_t rowid = s.Int(0);
    const LanguageTag lang = LanguageFromCode(rowid % kVariantSlots);
    if (query.language && !(lang == *query.language)) continue;
    auto spans = FindSpans(s.Text(1), folded_query, query.mode);
    if (spans.empty()) continue;
    found.emplace_back(rowid, std::move(spans));
  }
  LOVCEN_RETURN_IF_ERROR(status);
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
    // Language mask per unit in one ordered pass over variants (rowids of a
    // unit are contiguous), then pairs from the masks.
    Statement s(db_,
                "SELECT mask, count(*) FROM (SELECT id / 8 AS unit, sum(1 << (id % 8)) AS mask"
                " FROM variants GROUP BY unit) GROUP BY mask",
                &status);
    LOVCEN_RETURN_IF_ERROR(status);
    while (s.Step(&status)) {
      const std::int64_t mask = s.Int(0);
      const std::int64_t count = s.Int(1);
      for (int a = 0; a < 4; ++a) {
        if (!(mask & (1 << a))) continue;
        stats.variants_per_language[std::string(LanguageFromCode(a).str())] += count;
        for (int b = a + 1; b < 4; ++b) {
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
  const auto wanted = [&](const TranslationUnit& unit) {
    return std::all_of(filter.required_languages.begin(), filter.required_languages.end(),
                       [&](const LanguageTag& l) { return unit.Find(l) != nullptr; });
  };
  Status status;
  if (!filter.story_key.empty()) {
    // A story is a few dozen units: read each through the story index.
    Statement s(db_, "SELECT id FROM units WHERE story_key=?1 AND id BETWEEN ?2 AND ?3 ORDER BY id",
                &status);
    LOVCEN_RETURN_IF_ERROR(status);
    s.Bind(1, filter.story_key);
    s.Bind(2, filter.min_unit_id);
    s.Bind(3, filter.max_unit_id);
    while (s.Step(&status)) {
      auto unit = GetUnit(s.Int(0));
      if (!unit.ok()) return unit.error();
      if (wanted(*unit) && !visit(*unit)) break;
    }
    return status;
  }
  // The whole TM (or an id range of it): units, variants and properties
  // each read in rowid order and merged here (a variant's unit is its rowid
  // / 8). Three sequential scans instead of a random probe per unit: about a
  // third of the time.
  ReadTransaction snapshot(db_, statements_.begin_read, statements_.commit_read);
  Statement units(
      db_,
      std::string("SELECT ") + kUnitColumns + " FROM units WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
      &status);
  Statement variants(db_,
                     std::string("SELECT ") + kVariantColumns +
                         " FROM variants WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                     &status);
  Statement properties(db_,
                       "SELECT unit_id, name, value FROM unit_properties"
                       " WHERE unit_id BETWEEN ?1 AND ?2 ORDER BY unit_id, rowid",
                       &status);
  LOVCEN_RETURN_IF_ERROR(status);
  constexpr std::int64_t kMaxSlotted = std::numeric_limits<std::int64_t>::max() / kVariantSlots - 1;
  const std::int64_t min_id = std::max<std::int64_t>(filter.min_unit_id, 0);
  const std::int64_t max_id = filter.max_unit_id;
  units.Bind(1, min_id);
  units.Bind(2, max_id);
  variants.Bind(1, std::min(min_id, kMaxSlotted) * kVariantSlots);
  variants.Bind(2, max_id > kMaxSlotted ? std::numeric_limits<std::int64_t>::max()
                                        : max_id * kVariantSlots + kVariantSlots - 1);
  properties.Bind(1, min_id);
  properties.Bind(2, max_id);
  LOVCEN_RETURN_IF_ERROR(status);
  bool variant_row = variants.Step(&status);
  LOVCEN_RETURN_IF_ERROR(status);
  bool property_row = false, properties_started = false;
  while (units.Step(&status)) {
    TranslationUnit unit;
    const std::int64_t property_count = ReadUnitColumns(units, 0, &unit);
    // Rows of units that no longer exist (none are written) are passed over.
    while (variant_row && variants.Int(0) / kVariantSlots < unit.id) {
      variant_row = variants.Step(&status);
    }
    while (variant_row && variants.Int(0) / kVariantSlots == unit.id) {
      Variant v;
      if (!ReadVariantColumns(variants, 0, &v)) {
        return StoreError("corrupt inline codes in unit " + std::to_string(unit.id));
      }
      unit.variants.push_back(std::move(v));
      variant_row = variants.Step(&status);
    }
    LOVCEN_RETURN_IF_ERROR(status);
    if (property_count > 0) {
      if (!properties_started) {
        property_row = properties.Step(&status);
        properties_started = true;
      }
      while (property_row && properties.Int(0) < unit.id) property_row = properties.Step(&status);
      while (property_row && properties.Int(0) == unit.id) {
        unit.properties.push_back(
            {std::string(properties.Text(1)), std::string(properties.Text(2))});
        property_row = properties.Step(&status);
      }
      LOVCEN_RETURN_IF_ERROR(status);
    }
    if (wanted(unit) && !visit(unit)) break;
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
  LOVCEN_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
  Status status = sqlite::Exec(db_, "INSERT INTO concordance(concordance) VALUES('rebuild')");
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
