// Opening the TM for a subcommand, with the CLI's error conventions.
#pragma once

#include <memory>

#include "cli_common.h"
#include "lovcen/tm_store.h"

namespace lovcen::cli {

// Opens the TM named by --db / $LOVCEN_DB / ./lovcen.db. `create` makes a
// new file when none exists; otherwise a missing file is an error.
Result<std::unique_ptr<TmStore>> OpenStore(const CliState& state, bool create);

}  // namespace lovcen::cli
