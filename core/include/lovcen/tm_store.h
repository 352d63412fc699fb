// The translation memory store (design brief §4). An abstract interface so a
// server engine could replace SQLite later; OpenSqliteStore() is the only
// implementation today. Every write goes through a TmWriter, which is one
// transaction: it lands whole on Commit() or not at all (destroying an
// uncommitted writer rolls back). Readers never block on a writer (WAL).
// A TmStore is used from one thread; open one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/status.h"
#include "lovcen/tm_types.h"

namespace lovcen {

// What to do when an incoming unit has the same source (match key and inline
// codes) as a stored one but a different translation.
enum class DuplicatePolicy {
  kNewerWins,  // update the stored variants when the incoming unit is not older
  kKeepBoth,   // store the incoming unit beside the old one
  kSkip,       // keep the stored unit, count the incoming one as skipped
};
std::optional<DuplicatePolicy> DuplicatePolicyFromName(std::string_view name);

struct WriteOptions {
  DuplicatePolicy on_duplicate = DuplicatePolicy::kNewerWins;
  // The language whose variant identifies duplicates; nullopt = each unit's
  // first variant.
  std::optional<LanguageTag> source_language;
  // Keep the concordance index current during the write. A bulk load is
  // faster with false; the index is then marked stale until
  // RebuildConcordanceIndex() (lovcen reindex) runs.
  bool update_concordance = true;
};

struct Rejection {
  std::string where;  // e.g. "row 17" or "tu 'abc' (line 40)"
  std::string reason;
};

struct WriteSummary {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t duplicates_skipped = 0;
  std::size_t removed = 0;          // by RemoveStoryUnits
  std::vector<Rejection> rejected;  // filled by importers, not by the store
};

// A unit checked, NFC-normalised and keyed: the CPU-heavy half of adding it
// to a TM. Preparing touches no store and is safe on any thread, so an
// importer can prepare units on one thread while another writes them
// (TmWriter::AddPrepared).
struct PreparedUnit {
  TranslationUnit unit;           // variants in language-code order
  std::vector<std::string> keys;  // MatchKey() of each variant's text, same order
  // The first variant's language as given: the source for duplicate
  // detection when WriteOptions::source_language is unset or absent.
  LanguageTag first_language{Language::kEnglish};
};

// Fails (kBadInput) on a unit without variants, two variants of one
// language, invalid UTF-8, or an inline code beyond the end of its text.
Result<PreparedUnit> PrepareUnit(TranslationUnit unit);

class TmWriter {
 public:
  virtual ~TmWriter() = default;  // rolls back unless Commit() succeeded
  // Adds a document (or finds the same story/language/name) and returns its id.
  virtual Result<std::int64_t> AddDocument(const Document& document) = 0;
  // Adds one unit under the duplicate policy. Text must be valid UTF-8;
  // it is NFC-normalised here. Returns the stored unit id (0 when skipped).
  virtual Result<std::int64_t> Add(const TranslationUnit& unit) = 0;
  // Add() of a unit PrepareUnit() made. Writers that change units on the
  // way (or keep them) may rely on this default, which adds `prepared.unit`.
  virtual Result<std::int64_t> AddPrepared(PreparedUnit prepared) { return Add(prepared.unit); }
  // Removes the units of `story_key` whose origin is `origin` and, when
  // `having_property` is not empty, that carry a property of that name, with
  // their variants, properties and concordance entries. Returns how many were
  // removed. Lets a re-alignment or a reviewed alignment replace what an
  // earlier one stored, inside the same transaction.
  virtual Result<std::int64_t> RemoveStoryUnits(std::string_view story_key, Origin origin,
                                                std::string_view having_property = {}) = 0;
  virtual Status Commit() = 0;
  virtual WriteSummary& summary() = 0;
};

struct ConcordanceQuery {
  enum class Mode { kWord, kPrefix, kSubstring };
  std::string text;
  std::optional<LanguageTag> language;  // nullopt = every language
  Mode mode = Mode::kSubstring;
  std::size_t limit = 50;
};

struct ConcordanceHit {
  TranslationUnit unit;                      // with every variant, for the other languages
  LanguageTag language{Language::kEnglish};  // variant that matched
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // byte ranges matched
};

struct TmStats {
  std::int64_t units = 0;
  std::int64_t documents = 0;
  std::map<std::string, std::int64_t> variants_per_language;  // by canonical tag
  std::map<std::string, std::int64_t> pairs;                  // "en<->de": units holding both
  std::map<std::string, std::int64_t> units_per_origin;
  int schema_version = 0;
  bool concordance_stale = false;
};

struct UnitFilter {
  std::vector<LanguageTag> required_languages;  // unit must hold all of them
  std::string story_key;                        // empty = any
  // Units with ids in [min_unit_id, max_unit_id]: lets several readers, each
  // with its own store, share one scan of a big TM (see MaxUnitId()).
  std::int64_t min_unit_id = 0;
  std::int64_t max_unit_id = std::numeric_limits<std::int64_t>::max();
};

// While it lives, the reads of its store share one read transaction: they
// see one snapshot, and skip the locking SQLite does per statement otherwise
// (a third of an exact lookup). For batches: one article's pre-fill, a run
// of lookups. A write in progress on the same store is unaffected (its reads
// already share its transaction). Keep it short: a WAL checkpoint cannot
// pass a snapshot still open.
class ReadSnapshot {
 public:
  virtual ~ReadSnapshot() = default;
};

class TmStore {
 public:
  virtual ~TmStore() = default;
  virtual Result<std::unique_ptr<ReadSnapshot>> BeginRead() = 0;
  virtual Result<std::unique_ptr<TmWriter>> BeginWrite(const WriteOptions& options = {}) = 0;
  // Units holding a `language` variant whose match key equals that of `text`
  // and whose inline-code layout equals `codes`' (design brief §2).
  virtual Result<std::vector<TranslationUnit>> FindExact(const LanguageTag& language,
                                                         const Segment& segment) = 0;
  virtual Result<TranslationUnit> GetUnit(std::int64_t id) = 0;
  virtual Result<std::vector<ConcordanceHit>> Search(const ConcordanceQuery& query) = 0;
  virtual Result<TmStats> Stats() = 0;
  // Calls `visit` for each matching unit in id order until it returns false.
  virtual Status ForEachUnit(const UnitFilter& filter,
                             const std::function<bool(const TranslationUnit&)>& visit) = 0;
  virtual Result<std::vector<Document>> Documents(std::string_view story_key) = 0;
  // The highest unit id in use (0 for an empty TM).
  virtual Result<std::int64_t> MaxUnitId() = 0;
  virtual Status RebuildConcordanceIndex() = 0;
  // True when a bulk load left the concordance index out of date (Search()
  // then fails until RebuildConcordanceIndex() runs).
  virtual Result<bool> ConcordanceStale() = 0;
  virtual int schema_version() const = 0;
};

struct StoreOptions {
  bool create_if_missing = true;
  int busy_timeout_ms = 10000;
};

// The newest schema this binary knows. Opening a file with a newer one is a
// kStore error; an older one is migrated forward in one transaction.
constexpr int kSchemaVersion = 4;

Result<std::unique_ptr<TmStore>> OpenSqliteStore(const std::string& path,
                                                 const StoreOptions& options = {});

}  // namespace lovcen
