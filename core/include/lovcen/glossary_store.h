// Glossary terms and accepted QA findings, kept in the TM file (tables of
// schema step "glossary terms and accepted findings", store_schema.cpp).
// Open it on a file that OpenSqliteStore() has created or migrated: it opens
// its own SQLite connection and refuses a file whose schema lacks the tables.
// Every write is one transaction. Used from one thread; open one per thread.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "lovcen/check.h"
#include "lovcen/status.h"

namespace lovcen {

// A finding marked accepted: it is not reported again.
struct AcceptedFinding {
  std::string key;      // Finding::key
  std::string check;    // check id
  std::string message;  // as reported when accepted (for people reading the list)
  std::string by;       // who accepted it
  std::string at;       // ISO 8601 UTC
};

struct GlossaryImportSummary {
  std::size_t entries = 0;
  std::size_t terms_added = 0;     // new rows
  std::size_t terms_existing = 0;  // already in the glossary
};

class GlossaryStore {
 public:
  virtual ~GlossaryStore() = default;
  // Adds the entries' terms (an existing entry id gains the new terms); one
  // transaction. `source` names the file they came from.
  virtual Result<GlossaryImportSummary> AddEntries(const std::vector<GlossaryEntry>& entries,
                                                   const std::string& source) = 0;
  // Every entry with its terms, in entry order of first import.
  virtual Result<std::vector<GlossaryEntry>> Entries() = 0;
  // Marks a finding accepted (again: updates who and when); one transaction.
  virtual Status Accept(const AcceptedFinding& finding) = 0;
  virtual Result<std::vector<AcceptedFinding>> Accepted() = 0;
  virtual Result<std::set<std::string>> AcceptedKeys() = 0;
};

Result<std::unique_ptr<GlossaryStore>> OpenSqliteGlossaryStore(const std::string& path,
                                                               int busy_timeout_ms = 10000);

}  // namespace lovcen
