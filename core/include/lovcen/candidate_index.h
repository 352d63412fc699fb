// Fuzzy candidate index over the variants of a TM, one file per language.
// Derived data (design brief §4): built from the TM, persisted beside it
// (mapped, so a cold start reads only the pages a lookup touches),
// caught up incrementally when units are added or changed, rebuilt by
// `lovcen reindex`. Lookup() never scans the TM: it probes the postings of
// the query's rarest tokens inside a length band and verifies with a
// bit-parallel edit distance that is a lower bound of the §3 distance (see
// docs/matching.md). Safe for concurrent Lookup(); Update()/Add() need
// exclusive access.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/segment.h"
#include "lovcen/status.h"
#include "lovcen/tm_store.h"

namespace lovcen {

// What the TM looked like when the index was last brought up to date.
struct TmVersion {
  std::int64_t units = 0;
  std::int64_t max_unit_id = 0;
  std::string max_changed;  // newest unit change stamp (ISO 8601)
  friend bool operator==(const TmVersion&, const TmVersion&) = default;
};

// Which variants to read: units with id > after_unit_id, plus (when
// changed_after is not empty) units changed after that stamp.
struct VariantFilter {
  LanguageTag language{Language::kEnglish};
  std::int64_t after_unit_id = 0;
  std::string changed_after;
};

// Where the index reads the TM from. SqliteVariantSource reads the store's
// file directly (one ordered scan: a full build at 1M units is I/O plus
// tokenizing); StoreVariantSource works on any TmStore through ForEachUnit.
class VariantSource {
 public:
  virtual ~VariantSource() = default;
  virtual Result<TmVersion> Version() = 0;
  // Calls `visit(unit_id, segment)` in unit id order.
  virtual Status ForEachVariant(const VariantFilter& filter,
                                const std::function<void(std::int64_t, const Segment&)>& visit) = 0;
};
Result<std::unique_ptr<VariantSource>> SqliteVariantSource(const std::string& db_path);
std::unique_ptr<VariantSource> StoreVariantSource(TmStore& store);

// The index path for a TM file: "<db>.fuzzy"; each language's data is in
// IndexFilePath(): "<db>.fuzzy.en", "<db>.fuzzy.cnr-Latn", ... (and a
// ".delta" beside each once units were added after its build).
std::string DefaultIndexPath(const std::string& db_path);
std::string IndexFilePath(const std::string& index_path, const LanguageTag& language);

struct IndexHit {
  std::int64_t unit_id = 0;
  int lower_bound = 0;       // unit-cost distance over token classes, in whole edits
  std::uint32_t tokens = 0;  // token count of the TM variant
};

struct IndexBuildStats {
  std::size_t segments = 0;  // per build, all languages
  std::size_t tokens = 0;
  double seconds = 0;
  bool rebuilt = false;       // Open() found the file missing, stale or corrupt
  std::size_t caught_up = 0;  // variants added to the delta by Open()/Update()
};

struct IndexOptions {
  // Languages to index; empty = all four.
  std::vector<LanguageTag> languages;
  // Worker threads for tokenizing during a build (0 = hardware concurrency).
  unsigned threads = 0;
  // When the delta (variants added since the last build) exceeds this share
  // of the main index, Update() rebuilds instead.
  double max_delta_share = 0.25;
  // Open() loads the languages that have a file but builds none; Ensure()
  // builds a language when it is first needed (the matcher's mode: a cold
  // start pays only for the source language).
  bool lazy = false;
};

class CandidateIndex {
 public:
  // Builds the index from `source` and writes it to `path` (atomically: a
  // temporary file renamed over the old one).
  static Result<CandidateIndex> Build(VariantSource& source, const std::string& path,
                                      const IndexOptions& options = {});
  // Opens the index at `path`; builds each language when missing, unreadable
  // or of another format version (unless lazy), and catches up with the TM
  // when it changed.
  static Result<CandidateIndex> Open(VariantSource& source, const std::string& path,
                                     const IndexOptions& options = {});

  CandidateIndex(CandidateIndex&&) noexcept;
  CandidateIndex& operator=(CandidateIndex&&) noexcept;
  ~CandidateIndex();

  // Opens or builds `language` if it is not loaded yet.
  Status Ensure(VariantSource& source, const LanguageTag& language);

  // Reads what the TM gained since the index was last brought up to date
  // into the delta (persisted beside the index); rebuilds when the TM shrank
  // or the delta grew too large.
  Status Update(VariantSource& source);

  // Variants of `language` whose unit-cost distance over token classes to
  // `query` (PrepareScoreTokens(...).norm of the new segment) is at most what
  // a §3 score of `threshold` allows, best lower bound first, at most `limit`.
  // Every variant that can score >= threshold is among them when limit is
  // not reached.
  // `probe_tokens` > 0 makes the look cheap and incomplete: only the
  // postings of that many of the rarest query tokens the TM holds are read,
  // and what they hold is admitted down to `threshold`; a variant is then
  // found only if it shares one of those tokens (the matcher's character
  // admission uses this: a near sentence whose words changed letters keeps
  // its rare words). 0: as many as `threshold` needs to miss nothing.
  std::vector<IndexHit> Lookup(const LanguageTag& language, std::span<const std::uint64_t> query,
                               int threshold, std::size_t limit,
                               std::size_t probe_tokens = 0) const;

  const IndexBuildStats& stats() const;
  const TmVersion& version() const;
  bool has(const LanguageTag& language) const;          // loaded
  std::size_t size(const LanguageTag& language) const;  // indexed variants
  std::size_t delta_size() const;

 private:
  struct Impl;
  explicit CandidateIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Unit-cost edit distance of two sequences (Myers/Hyyro bit-parallel for a
// pattern up to 64 symbols, a banded DP beyond); returns a value greater
// than `max_distance` as soon as the distance is known to exceed it.
int BoundedEditDistance(std::span<const std::uint32_t> pattern, std::span<const std::uint32_t> text,
                        int max_distance);

}  // namespace lovcen
