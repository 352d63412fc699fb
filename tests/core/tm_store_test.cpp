#include "lovcen/tm_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "../../core/src/store_schema.h"
#include "lovcen/case_fold.h"
#include "lovcen/text.h"
#include "test_paths.h"

namespace lovcen {
namespace {

using testing::TempDir;

const LanguageTag kEn(Language::kEnglish);
const LanguageTag kDe(Language::kGerman);
const LanguageTag kCnr(Language::kMontenegrinLatin);
const LanguageTag kCyr(Language::kMontenegrinCyrillic);

Variant V(LanguageTag lang, std::string text) {
  Variant v;
  v.language = lang;
  v.segment.text = std::move(text);
  return v;
}

TranslationUnit Unit(std::string en, std::string cnr, std::string de = {}) {
  TranslationUnit u;
  u.variants.push_back(V(kEn, std::move(en)));
  u.variants.push_back(V(kCnr, std::move(cnr)));
  if (!de.empty()) u.variants.push_back(V(kDe, std::move(de)));
  return u;
}

std::unique_ptr<TmStore> Open(const std::string& path) {
  auto store = OpenSqliteStore(path);
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  return std::move(*store);
}

TEST(TmStoreTest, RoundTripsUnitsWithMetadata) {
  const std::string path = TempDir("store-roundtrip") + "/tm.db";
  auto store = Open(path);
  TranslationUnit u = Unit("Rubio met Putin's envoy.", "Rubio se sastao s Putinovim izaslanikom.",
                           "Rubio traf Putins Gesandten.");
  u.tuid = "tu-1";
  u.origin = Origin::kAligned;
  u.story_key = "2025-04-05-rubio-moscow";
  u.position = 7;
  u.created = "2025-04-05T10:00:00Z";
  u.changed = "2025-04-06T11:30:00Z";
  u.author = "M.J.";
  u.properties = {{"x-confidence", "0.93"}, {"x-note", "checked"}};
  u.variants[0].context_pre = "Previous.";
  u.variants[0].context_post = "Next.";
  u.variants[1].segment.codes.push_back({CodeKind::kOpen, 0, "1", "g", {{"ctype", "bold"}}, "<b>"});
  u.variants[1].segment.codes.push_back({CodeKind::kClose, 5, "1", "g", {}, "</b>"});
  auto writer = store->BeginWrite();
  ASSERT_TRUE(writer.ok());
  auto id = (*writer)->Add(u);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  ASSERT_TRUE((*writer)->Commit().ok());

  auto back = store->GetUnit(*id);
  ASSERT_TRUE(back.ok());
  u.id = *id;
  // Variants come back in language order (en, de, cnr-Latn, cnr-Cyrl).
  std::swap(u.variants[1], u.variants[2]);
  EXPECT_EQ(*back, u);
}

TEST(TmStoreTest, NormalisesToNfcAndFindsExactByMatchKey) {
  auto store = Open(TempDir("store-exact") + "/tm.db");
  auto writer = store->BeginWrite();
  ASSERT_TRUE(writer.ok());
  // "predśednik" written with a combining acute (s + U+0301) is stored as NFC ś.
  ASSERT_TRUE((*writer)
                  ->Add(Unit("the president",
                             "preds\xCC\x81"
                             "ednik"))
                  .ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  Segment query{"  the   president ", {}};
  auto found = store->FindExact(kEn, query);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().Find(kCnr)->segment.text,
            "pred\xC5\x9B"
            "ednik");
  EXPECT_TRUE(store->FindExact(kDe, query)->empty());  // same text, other language
  Segment with_code{"the president", {{CodeKind::kStandalone, 0, "1", "x", {}, ""}}};
  EXPECT_TRUE(store->FindExact(kEn, with_code)->empty());  // codes are part of exactness
}

TEST(TmStoreTest, DuplicatePolicies) {
  const std::string dir = TempDir("store-dups");
  auto store = Open(dir + "/tm.db");
  auto add = [&](WriteOptions options, TranslationUnit u) {
    auto w = store->BeginWrite(options);
    EXPECT_TRUE(w.ok());
    EXPECT_TRUE((*w)->Add(u).ok());
    EXPECT_TRUE((*w)->Commit().ok());
    return (*w)->summary();
  };
  TranslationUnit first = Unit("Hello.", "Zdravo.");
  first.changed = "2025-01-01T00:00:00Z";
  EXPECT_EQ(add({}, first).added, 1u);
  EXPECT_EQ(add({}, first).duplicates_skipped, 1u);  // identical
  TranslationUnit newer = Unit("Hello.", "Dobar dan.");
  newer.changed = "2025-02-01T00:00:00Z";
  WriteOptions skip;
  skip.on_duplicate = DuplicatePolicy::kSkip;
  EXPECT_EQ(add(skip, newer).duplicates_skipped, 1u);
  EXPECT_EQ(add({}, newer).updated, 1u);  // newer wins
  auto found = store->FindExact(kEn, {"Hello.", {}});
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().Find(kCnr)->segment.text, "Dobar dan.");
  TranslationUnit older = Unit("Hello.", "Zdravo!");
  older.changed = "2024-01-01T00:00:00Z";
  EXPECT_EQ(add({}, older).duplicates_skipped, 1u);  // older loses
  WriteOptions both;
  both.on_duplicate = DuplicatePolicy::kKeepBoth;
  EXPECT_EQ(add(both, older).added, 1u);
  EXPECT_EQ(store->FindExact(kEn, {"Hello.", {}})->size(), 2u);
  // The concordance follows updates: the replaced text is gone from it.
  ConcordanceQuery q;
  q.text = "Dobar";
  EXPECT_EQ(store->Search(q)->size(), 1u);
  q.text = "Zdravo.";
  EXPECT_EQ(store->Search(q)->size(), 0u);
}

TEST(TmStoreTest, UncommittedWriteLeavesTmUnchanged) {
  auto store = Open(TempDir("store-rollback") + "/tm.db");
  {
    auto w = store->BeginWrite();
    ASSERT_TRUE((*w)->Add(Unit("One.", "Jedan.")).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  {
    auto w = store->BeginWrite();
    for (int i = 0; i < 100; ++i) ASSERT_TRUE((*w)->Add(Unit("S " + std::to_string(i), "R")).ok());
    // destroyed without Commit()
  }
  EXPECT_EQ(store->Stats()->units, 1);
}

TEST(TmStoreTest, RejectsInvalidUtf8WithOffset) {
  auto store = Open(TempDir("store-utf8") + "/tm.db");
  auto w = store->BeginWrite();
  auto id = (*w)->Add(Unit("ok", "bad \xC3("));
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().kind, Error::Kind::kBadInput);
  EXPECT_EQ(id.error().offset, 4);
}

TEST(TmStoreTest, ConcordanceFindsInflectedFormsByPrefixAndSubstring) {
  auto store = Open(TempDir("store-concordance") + "/tm.db");
  auto w = store->BeginWrite();
  ASSERT_TRUE((*w)->Add(Unit("He returned to Moscow.", "Vratio se u Moskvu.")).ok());
  ASSERT_TRUE((*w)->Add(Unit("Talks in Moscow.", "Razgovori u Moskvi.")).ok());
  ASSERT_TRUE((*w)->Add(Unit("Moscow's terms.", "Uslovi MOSKVE.")).ok());
  ASSERT_TRUE((*w)->Add(Unit("Unrelated.", "Nevezano.")).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  ConcordanceQuery q;
  q.text = "Moskv";
  q.language = kCnr;
  q.mode = ConcordanceQuery::Mode::kPrefix;
  auto hits = store->Search(q);
  ASSERT_TRUE(hits.ok()) << hits.error().ToString();
  ASSERT_EQ(hits->size(), 3u);  // Moskvu, Moskvi, MOSKVE (case-insensitive)
  for (const auto& hit : *hits) {
    ASSERT_EQ(hit.spans.size(), 1u);
    const std::string& text = hit.unit.Find(kCnr)->segment.text;
    EXPECT_EQ(FoldCaseString(text.substr(hit.spans[0].first, 5)), "moskv");
    EXPECT_NE(hit.unit.Find(kEn), nullptr);  // the other languages come along
  }
  q.mode = ConcordanceQuery::Mode::kWord;
  EXPECT_EQ(store->Search(q)->size(), 0u);  // no whole word "Moskv"
  q.text = "Moskvi";
  EXPECT_EQ(store->Search(q)->size(), 1u);
  q.mode = ConcordanceQuery::Mode::kSubstring;
  q.text = "oskv";
  q.language.reset();
  EXPECT_EQ(store->Search(q)->size(), 3u);
  q.text = "u";  // shorter than a trigram: scanned
  q.language = kCnr;
  q.mode = ConcordanceQuery::Mode::kWord;
  EXPECT_EQ(store->Search(q)->size(), 2u);
}

// Re-aligning or applying a review replaces a story's aligned units: they
// go with their variants, properties and concordance entries; other
// stories, other origins and a rolled-back removal are untouched.
TEST(TmStoreTest, RemoveStoryUnitsDropsOnlyThatStoryAndOrigin) {
  const std::string path = TempDir("store-remove") + "/tm.db";
  auto store = Open(path);
  auto unit = [](std::string en, std::string cnr, std::string story, Origin origin,
                 std::vector<Property> props = {}) {
    TranslationUnit u = Unit(std::move(en), std::move(cnr));
    u.story_key = std::move(story);
    u.origin = origin;
    u.properties = std::move(props);
    return u;
  };
  {
    auto w = store->BeginWrite();
    ASSERT_TRUE((*w)->Add(unit("Talks in Moscow.", "Razgovori u Moskvi.", "a", Origin::kAligned,
                               {{"x-confidence", "0.40"}}))
                    .ok());
    ASSERT_TRUE((*w)->Add(unit("He flew home.", "Odletio je kući.", "a", Origin::kAligned)).ok());
    ASSERT_TRUE((*w)->Add(unit("Reviewed pair.", "Pregledan par.", "a", Origin::kConfirmed,
                               {{"x-reviewed", "yes"}}))
                    .ok());
    ASSERT_TRUE((*w)->Add(unit("Hand pair.", "Ručni par.", "a", Origin::kConfirmed)).ok());
    ASSERT_TRUE((*w)->Add(unit("Moscow again.", "Opet Moskva.", "b", Origin::kAligned)).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  {
    auto w = store->BeginWrite();  // rolled back: nothing changes
    EXPECT_EQ(*(*w)->RemoveStoryUnits("a", Origin::kAligned), 2);
  }
  EXPECT_EQ(store->Stats()->units, 5);
  auto w = store->BeginWrite();
  EXPECT_EQ(*(*w)->RemoveStoryUnits("a", Origin::kAligned), 2);
  EXPECT_EQ(*(*w)->RemoveStoryUnits("a", Origin::kConfirmed, "x-reviewed"), 1);
  EXPECT_EQ(*(*w)->RemoveStoryUnits("missing", Origin::kAligned), 0);
  EXPECT_EQ((*w)->summary().removed, 3u);
  ASSERT_TRUE((*w)->Commit().ok());

  auto stats = store->Stats();
  EXPECT_EQ(stats->units, 2);
  EXPECT_EQ(stats->variants_per_language["en"], 2);
  Segment s;
  s.text = "Talks in Moscow.";
  EXPECT_TRUE(store->FindExact(kEn, s)->empty());
  ConcordanceQuery q;
  q.text = "Moskv";
  q.language = kCnr;
  q.mode = ConcordanceQuery::Mode::kPrefix;
  auto hits = store->Search(q);
  ASSERT_TRUE(hits.ok()) << hits.error().ToString();
  ASSERT_EQ(hits->size(), 1u);  // only story b's
  EXPECT_EQ(hits->front().unit.story_key, "b");
  // The index stays sound: FTS5's check against the variants table passes.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(
      sqlite3_exec(db, "INSERT INTO concordance(concordance, rank) VALUES('integrity-check', 1)",
                   nullptr, nullptr, nullptr),
      SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(TmStoreTest, DeferredConcordanceIsMarkedStaleUntilRebuilt) {
  auto store = Open(TempDir("store-stale") + "/tm.db");
  WriteOptions bulk;
  bulk.update_concordance = false;
  auto w = store->BeginWrite(bulk);
  ASSERT_TRUE((*w)->Add(Unit("Podgorica today.", "Podgorica danas.")).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_TRUE(store->Stats()->concordance_stale);
  ConcordanceQuery q;
  q.text = "Podgorica";
  EXPECT_FALSE(store->Search(q).ok());
  ASSERT_TRUE(store->RebuildConcordanceIndex().ok());
  EXPECT_FALSE(store->Stats()->concordance_stale);
  EXPECT_EQ(store->Search(q)->size(), 2u);  // the en and the cnr-Latn variant
}

TEST(TmStoreTest, StatsCountsPairsAndLanguages) {
  auto store = Open(TempDir("store-stats") + "/tm.db");
  auto w = store->BeginWrite();
  ASSERT_TRUE((*w)->Add(Unit("a", "b", "c")).ok());
  ASSERT_TRUE((*w)->Add(Unit("d", "e")).ok());
  Document doc{0, "story-1", kEn, "story-1.en.txt"};
  ASSERT_TRUE((*w)->AddDocument(doc).ok());
  ASSERT_EQ(*(*w)->AddDocument(doc), 1);  // same document found again
  ASSERT_TRUE((*w)->Commit().ok());
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->units, 2);
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->variants_per_language.at("en"), 2);
  EXPECT_EQ(stats->variants_per_language.at("de"), 1);
  EXPECT_EQ(stats->pairs.at("en<->cnr-Latn"), 2);
  EXPECT_EQ(stats->pairs.at("en<->de"), 1);
  EXPECT_EQ(stats->units_per_origin.at("imported"), 2);
}

TEST(TmStoreTest, MigratesSchemaVersionOneKeepingData) {
  const std::string path = TempDir("store-migrate") + "/v1.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(internal::CreateSchemaAtVersion(db, 1).ok());
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO units(id, origin) VALUES(1, 'imported');"
                         "INSERT INTO variants(id, text, key_hash) VALUES(8, 'Old text.', 0);"
                         "INSERT INTO unit_properties(unit_id, name, value) VALUES(1, 'x-a', 'b');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = Open(path);
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  auto unit = store->GetUnit(1);
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->Find(kEn)->segment.text, "Old text.");
  EXPECT_EQ(unit->Find(kEn)->context_pre, "");  // column added by version 2
  ASSERT_EQ(unit->properties.size(), 1u);       // counted by the migration
  EXPECT_EQ(unit->properties[0].value, "b");
  ConcordanceQuery q;
  q.text = "Old text";
  EXPECT_EQ(store->Search(q)->size(), 1u);  // the migration indexed existing rows
}

TEST(TmStoreTest, MigratesSchemaVersionThreeToOneRowPerUnit) {
  // Version 3 kept one row per variant and per property; version 4 packs
  // them into the unit's row. Every field must survive, and the new
  // indexes (exact lookup, concordance) must find the old rows.
  const std::string path = TempDir("store-migrate3") + "/v3.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(internal::CreateSchemaAtVersion(db, 3).ok());
  const std::string codes = SerializeCodes(
      {{CodeKind::kOpen, 0, "1", "g", {}, "<b>"}, {CodeKind::kClose, 5, "1", "g", {}, "</b>"}});
  // Key hashes as version 3 wrote them: language tag, NUL, match key.
  const auto key = [](std::string_view tag, std::string_view text) {
    std::string joined(tag);
    joined.push_back('\0');
    joined += MatchKey(text);
    return std::to_string(static_cast<std::int64_t>(KeyHash(joined)));
  };
  const std::string sql =
      "INSERT INTO units(id, tuid, origin, story_key, position, created, changed, author,"
      " property_count) VALUES(3, 'tu-3', 'aligned', 'story-a', 4, '2025-01-01T00:00:00Z',"
      " '2025-01-02T00:00:00Z', 'ed', 2);"
      "INSERT INTO variants(id, text, codes, key_hash, context_pre, context_post, author)"
      " VALUES(24, 'Bold text here.', '" +
      codes + "', " + key("en", "Bold text here.") +
      ", 'Before.', 'After.', 'tr');"
      "INSERT INTO variants(id, text, key_hash) VALUES(26, 'Podebljan tekst ovdje.', " +
      key("cnr-Latn", "Podebljan tekst ovdje.") +
      ");"
      "INSERT INTO unit_properties(unit_id, name, value) VALUES(3, 'x-a', '1');"
      "INSERT INTO unit_properties(unit_id, name, value) VALUES(3, 'x-b', '2');";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto store = Open(path);
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  auto unit = store->GetUnit(3);
  ASSERT_TRUE(unit.ok()) << unit.error().ToString();
  EXPECT_EQ(unit->tuid, "tu-3");
  EXPECT_EQ(unit->origin, Origin::kAligned);
  EXPECT_EQ(unit->position, 4);
  EXPECT_EQ(unit->changed, "2025-01-02T00:00:00Z");
  ASSERT_EQ(unit->variants.size(), 2u);
  const Variant* en = unit->Find(kEn);
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(en->segment.codes.size(), 2u);
  EXPECT_EQ(en->context_pre, "Before.");
  EXPECT_EQ(en->context_post, "After.");
  EXPECT_EQ(en->author, "tr");
  ASSERT_EQ(unit->properties.size(), 2u);
  EXPECT_EQ(unit->properties[1].name, "x-b");
  Segment bold{"Bold text here.", en->segment.codes};
  auto exact = store->FindExact(kEn, bold);
  ASSERT_TRUE(exact.ok());
  ASSERT_EQ(exact->size(), 1u);
  EXPECT_EQ(exact->front().id, 3);
  EXPECT_EQ(store->FindExact(kCnr, Segment{"Podebljan  tekst ovdje.", {}})->size(), 1u);
  ConcordanceQuery q;
  q.text = "Podeblj";
  q.mode = ConcordanceQuery::Mode::kPrefix;
  EXPECT_EQ(store->Search(q)->size(), 1u);
  EXPECT_EQ(store->Stats()->pairs.at("en<->cnr-Latn"), 1);
}

TEST(TmStoreTest, PreparedUnitsAddLikeUnits) {
  auto store = Open(TempDir("store-prepared") + "/tm.db");
  auto w = store->BeginWrite();
  ASSERT_TRUE(w.ok());
  TranslationUnit u = Unit("Cafe\u0301 opens.", "Kafic\u0301 se otvara.", "Das Cafe\u0301 öffnet.");
  auto prepared = PrepareUnit(u);
  ASSERT_TRUE(prepared.ok());
  // NFC, language-code order, one key per variant.
  EXPECT_EQ(prepared->unit.variants[0].segment.text, "Caf\u00e9 opens.");
  EXPECT_EQ(prepared->unit.variants[1].language, kDe);
  EXPECT_EQ(prepared->keys.size(), 3u);
  EXPECT_EQ(prepared->first_language, kEn);
  auto id = (*w)->AddPrepared(std::move(*prepared));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ((*w)->Add(u).value(), 0);  // the same unit again: a duplicate
  EXPECT_EQ((*w)->summary().duplicates_skipped, 1u);
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ(store->FindExact(kDe, Segment{"Das Caf\u00e9 öffnet.", {}})->size(), 1u);

  TranslationUnit twice = Unit("a", "b");
  twice.variants.push_back(V(kEn, "c"));
  EXPECT_FALSE(PrepareUnit(twice).ok());
  EXPECT_FALSE(PrepareUnit(TranslationUnit{}).ok());
  TranslationUnit bad = Unit("a", "b");
  bad.variants[1].segment.text = "\xC3";
  EXPECT_EQ(PrepareUnit(bad).error().kind, Error::Kind::kBadInput);
}

TEST(TmStoreTest, ReadSnapshotHoldsOneStateAcrossReads) {
  const std::string path = TempDir("store-snapshot") + "/tm.db";
  auto writer_store = Open(path);
  {
    auto w = writer_store->BeginWrite();
    ASSERT_TRUE((*w)->Add(Unit("One.", "Jedan.")).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto reader_store = Open(path);
  {
    auto snapshot = reader_store->BeginRead();
    ASSERT_TRUE(snapshot.ok());
    EXPECT_EQ(reader_store->FindExact(kEn, Segment{"One.", {}})->size(), 1u);
    auto w = writer_store->BeginWrite();
    ASSERT_TRUE((*w)->Add(Unit("Two.", "Dva.")).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    // Committed meanwhile, but after the snapshot began: not seen.
    EXPECT_TRUE(reader_store->FindExact(kEn, Segment{"Two.", {}})->empty());
    EXPECT_EQ(reader_store->Stats()->units, 1);
  }
  EXPECT_EQ(reader_store->FindExact(kEn, Segment{"Two.", {}})->size(), 1u);
  // Inside a write a snapshot changes nothing: the write sees its own rows.
  auto w = reader_store->BeginWrite();
  ASSERT_TRUE((*w)->Add(Unit("Three.", "Tri.")).ok());
  auto snapshot = reader_store->BeginRead();
  EXPECT_EQ(reader_store->FindExact(kEn, Segment{"Three.", {}})->size(), 1u);
}

TEST(TmStoreTest, RefusesNewerSchemaAndForeignFiles) {
  const std::string dir = TempDir("store-newer");
  const std::string newer = dir + "/newer.db";
  { auto store = Open(newer); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(newer);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, Error::Kind::kStore);
  EXPECT_NE(store.error().ToString().find("schema version 99"), std::string::npos);

  const std::string text = dir + "/notes.txt";
  FILE* f = fopen(text.c_str(), "w");
  fputs("this is not a database, just some notes that are long enough to look like a file\n", f);
  fclose(f);
  auto notdb = OpenSqliteStore(text);
  ASSERT_FALSE(notdb.ok());
  EXPECT_NE(notdb.error().ToString().find("not a lovcen translation memory"), std::string::npos);

  StoreOptions no_create;
  no_create.create_if_missing = false;
  EXPECT_FALSE(OpenSqliteStore(dir + "/missing.db", no_create).ok());
}

TEST(TmStoreTest, ReaderSeesConsistentSnapshotDuringWrite) {
  const std::string path = TempDir("store-wal") + "/tm.db";
  auto writer_store = Open(path);
  {
    auto w = writer_store->BeginWrite();
    ASSERT_TRUE((*w)->Add(Unit("Before.", "Prije.")).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto reader_store = Open(path);
  auto w = writer_store->BeginWrite();
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 500; ++i)
    ASSERT_TRUE((*w)->Add(Unit("During " + std::to_string(i), "x")).ok());
  // The reader is not blocked and sees the last committed state.
  auto stats = reader_store->Stats();
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->units, 1);
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ(reader_store->Stats()->units, 501);
}

// The file's journal mode as another connection sees it.
std::string JournalMode(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
  std::string mode;
  if (sqlite3_step(s) == SQLITE_ROW)
    mode = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return mode;
}

// A bulk load into an empty TM that nobody else has open goes through a
// rollback journal (each page written once); the file is in WAL mode again
// when the write ends, whether it committed or not.
TEST(TmStoreTest, BulkLoadIntoEmptyTmUsesRollbackJournalThenWal) {
  const std::string path = TempDir("store-bulk-journal") + "/tm.db";
  auto store = Open(path);
  {
    auto w = store->BeginWrite();
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 2000; ++i)
      ASSERT_TRUE((*w)->Add(Unit("Sentence " + std::to_string(i) + ".", "x")).ok());
    EXPECT_TRUE(std::filesystem::exists(path + "-journal"));
    // Rolled back: nothing lands, and the file is a WAL file again.
  }
  EXPECT_EQ(store->Stats()->units, 0);
  EXPECT_EQ(JournalMode(path), "wal");
  {
    auto w = store->BeginWrite();
    for (int i = 0; i < 2000; ++i)
      ASSERT_TRUE((*w)->Add(Unit("Sentence " + std::to_string(i) + ".", "x")).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  EXPECT_EQ(JournalMode(path), "wal");
  EXPECT_EQ(store->Stats()->units, 2000);
  EXPECT_EQ(store->FindExact(kEn, Segment{"Sentence 1999.", {}})->size(), 1u);
  // The next write is not into an empty TM: WAL throughout.
  auto w = store->BeginWrite();
  ASSERT_TRUE((*w)->Add(Unit("One more.", "y")).ok());
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  ASSERT_TRUE((*w)->Commit().ok());
}

// With a reader holding the empty TM open, the bulk load keeps the WAL, so
// the reader is never blocked.
TEST(TmStoreTest, BulkLoadKeepsWalWhileAnotherConnectionIsOpen) {
  const std::string path = TempDir("store-bulk-reader") + "/tm.db";
  auto writer_store = Open(path);
  auto reader_store = Open(path);
  ASSERT_EQ(reader_store->Stats()->units, 0);
  auto w = writer_store->BeginWrite();
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 2000; ++i)
    ASSERT_TRUE((*w)->Add(Unit("During " + std::to_string(i), "x")).ok());
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  auto stats = reader_store->Stats();
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_EQ(stats->units, 0);
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ(reader_store->Stats()->units, 2000);
  EXPECT_EQ(JournalMode(path), "wal");
}

// While a bulk load without the WAL holds the file exclusively, opening it
// says so instead of calling it "not a lovcen translation memory".
TEST(TmStoreTest, OpeningDuringAnExclusiveWriteSaysSo) {
  const std::string path = TempDir("store-locked") + "/tm.db";
  { auto store = Open(path); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE", nullptr, nullptr, nullptr),
      SQLITE_OK);
  StoreOptions options;
  options.busy_timeout_ms = 50;
  auto store = OpenSqliteStore(path, options);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().ToString().find("being written by another process"), std::string::npos)
      << store.error().ToString();
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_TRUE(OpenSqliteStore(path, options).ok());
}

TEST(TmStoreTest, ForEachUnitFiltersByLanguageAndStory) {
  auto store = Open(TempDir("store-foreach") + "/tm.db");
  auto w = store->BeginWrite();
  TranslationUnit a = Unit("a", "b", "c");
  a.story_key = "s1";
  TranslationUnit b = Unit("d", "e");
  b.story_key = "s2";
  ASSERT_TRUE((*w)->Add(a).ok());
  ASSERT_TRUE((*w)->Add(b).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  auto english_of = [&](const UnitFilter& filter) {
    std::vector<std::string> seen;
    EXPECT_TRUE(store
                    ->ForEachUnit(filter,
                                  [&](const TranslationUnit& u) {
                                    seen.push_back(u.Find(kEn)->segment.text);
                                    return true;
                                  })
                    .ok());
    return seen;
  };
  UnitFilter filter;
  filter.required_languages = {kEn, kDe};
  EXPECT_EQ(english_of(filter), std::vector<std::string>{"a"});
  filter = {};
  filter.story_key = "s2";
  EXPECT_EQ(english_of(filter), std::vector<std::string>{"d"});
}

// ForEachUnit reads the whole TM by merging three ordered scans; every unit
// must come out exactly as GetUnit reads it (variants, contexts, properties,
// metadata), and id ranges must split the scan without loss or overlap.
TEST(TmStoreTest, ForEachUnitScanEqualsGetUnitAndSplitsByIdRange) {
  auto store = Open(TempDir("store-foreach-scan") + "/tm.db");
  std::vector<std::int64_t> ids;
  {
    auto w = store->BeginWrite();
    for (int i = 0; i < 60; ++i) {
      TranslationUnit u =
          Unit("Sentence " + std::to_string(i) + ".", "Rečenica " + std::to_string(i) + ".",
               i % 3 == 0 ? "Satz " + std::to_string(i) + "." : std::string());
      u.story_key = i % 2 ? "odd" : "even";
      u.author = "author" + std::to_string(i);
      u.variants[0].context_pre = i > 0 ? "Sentence " + std::to_string(i - 1) + "." : "";
      if (i % 4 == 1) u.properties = {{"x-note", "n" + std::to_string(i)}, {"x-two", "t"}};
      auto id = (*w)->Add(u);
      ASSERT_TRUE(id.ok()) << id.error().ToString();
      ids.push_back(*id);
    }
    ASSERT_TRUE((*w)->Commit().ok());
  }
  auto same = [](const TranslationUnit& a, const TranslationUnit& b) {
    if (a.id != b.id || a.story_key != b.story_key || a.author != b.author ||
        a.created != b.created || a.variants.size() != b.variants.size() ||
        a.properties.size() != b.properties.size()) {
      return false;
    }
    for (std::size_t i = 0; i < a.variants.size(); ++i) {
      const Variant &x = a.variants[i], &y = b.variants[i];
      if (x.language != y.language || x.segment.text != y.segment.text ||
          x.context_pre != y.context_pre || x.context_post != y.context_post) {
        return false;
      }
    }
    for (std::size_t i = 0; i < a.properties.size(); ++i) {
      if (a.properties[i].name != b.properties[i].name ||
          a.properties[i].value != b.properties[i].value) {
        return false;
      }
    }
    return true;
  };
  // The ids a filter yields, each unit checked against GetUnit.
  auto scan = [&](const UnitFilter& filter) {
    std::vector<std::int64_t> seen;
    EXPECT_TRUE(store
                    ->ForEachUnit(filter,
                                  [&](const TranslationUnit& u) {
                                    auto stored = store->GetUnit(u.id);
                                    EXPECT_TRUE(stored.ok() && same(u, *stored)) << "unit " << u.id;
                                    seen.push_back(u.id);
                                    return true;
                                  })
                    .ok());
    return seen;
  };
  EXPECT_EQ(scan({}), ids);
  EXPECT_EQ(*store->MaxUnitId(), ids.back());

  UnitFilter lower, upper;
  lower.max_unit_id = ids[20];
  upper.min_unit_id = ids[20] + 1;
  std::vector<std::int64_t> split = scan(lower);
  const std::vector<std::int64_t> rest = scan(upper);
  split.insert(split.end(), rest.begin(), rest.end());
  EXPECT_EQ(split, ids);
  // A range inside a story, and stopping early.
  UnitFilter odd;
  odd.story_key = "odd";
  odd.max_unit_id = ids[9];
  EXPECT_EQ(scan(odd), (std::vector<std::int64_t>{ids[1], ids[3], ids[5], ids[7], ids[9]}));
  int visits = 0;
  ASSERT_TRUE(store->ForEachUnit({}, [&](const TranslationUnit&) { return ++visits < 3; }).ok());
  EXPECT_EQ(visits, 3);
  auto empty = Open(TempDir("store-foreach-empty") + "/tm.db");
  EXPECT_EQ(*empty->MaxUnitId(), 0);
}

}  // namespace
}  // namespace lovcen

namespace lovcen {
namespace {

// Regression: updating a variant while the concordance is deferred or stale
// issued an FTS5 'delete' for a row the index never held, which corrupted it
// ("database disk image is malformed").
TEST(TmStoreTest, UpdatesWhileConcordanceIsStaleKeepTheIndexSound) {
  auto store = Open(TempDir("store-stale-update") + "/tm.db");
  WriteOptions bulk;
  bulk.update_concordance = false;
  {
    auto w = store->BeginWrite(bulk);
    TranslationUnit a = Unit("Kotor festival opens.", "Festival u Kotoru počinje.");
    a.changed = "2025-01-01T00:00:00Z";
    TranslationUnit b = Unit("Kotor festival opens.", "Otvara se festival u Kotoru.");
    b.changed = "2025-02-01T00:00:00Z";
    ASSERT_TRUE((*w)->Add(a).ok());
    auto updated = (*w)->Add(b);
    ASSERT_TRUE(updated.ok()) << updated.error().ToString();
    ASSERT_TRUE((*w)->Commit().ok());
    EXPECT_EQ((*w)->summary().updated, 1u);
  }
  {
    // A normal write while the index is still stale.
    auto w = store->BeginWrite();
    TranslationUnit c = Unit("Kotor festival opens.", "Počinje festival u Kotoru.");
    c.changed = "2025-03-01T00:00:00Z";
    ASSERT_TRUE((*w)->Add(c).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_TRUE(store->Stats()->concordance_stale);
  ASSERT_TRUE(store->RebuildConcordanceIndex().ok());
  ConcordanceQuery q;
  q.text = "festival u Kotoru";
  auto hits = store->Search(q);
  ASSERT_TRUE(hits.ok()) << hits.error().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->front().unit.Find(kCnr)->segment.text, "Počinje festival u Kotoru.");
}

}  // namespace
}  // namespace lovcen
