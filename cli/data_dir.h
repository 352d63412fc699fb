// Where lovcen's data files (data/translit/, data/srx/) are, for the
// subcommands that load them (translit, and prefill / import when they
// transliterate between the two Montenegrin scripts).
#pragma once

#include <string>

#include "lovcen/status.h"

namespace lovcen::cli {

// --data-dir (`flag`, when not empty), then $LOVCEN_DATA_DIR, then beside the
// executable, then the source tree it was built from; a usage error naming
// what is missing when none holds translit/cnr-Latn-Cyrl.txt.
Result<std::string> ResolveDataDir(const std::string& flag);

}  // namespace lovcen::cli
