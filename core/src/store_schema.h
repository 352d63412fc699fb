// Internal: the store's schema and its forward migrations. Each version is
// one step; a new file runs every step from 1, so version 1 stays a real,
// tested code path.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "lovcen/status.h"

namespace lovcen::internal {

// Sets the connection up (WAL, foreign keys), checks the file's schema
// version and migrates it forward in one transaction. Returns the version.
Result<int> OpenSchema(sqlite3* db, const std::string& path);

// Asks SQLite to put the file in journal `mode` ("wal", "delete"). True when
// the file is now in it; false when SQLite cannot switch now (another
// connection holds the file, or a lock is taken): not an error, the caller
// carries on in the mode the file has. Other failures are errors.
Result<bool> SetJournalMode(sqlite3* db, std::string_view mode);

// Runs the migration steps up to and including `version` on an empty
// database (tests use it to make old files).
Status CreateSchemaAtVersion(sqlite3* db, int version);

}  // namespace lovcen::internal
