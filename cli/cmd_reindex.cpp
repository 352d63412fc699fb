// lovcen reindex: rebuild the TM's derived indexes.
#include <chrono>
#include <ostream>

#include "cli_common.h"
#include "store_access.h"

namespace lovcen::cli {

void AddReindexCommand(CLI::App& app, CliState& state) {
  CLI::App* cmd = app.add_subcommand("reindex", "rebuild the concordance index (after a bulk import)");
  cmd->callback([&state] {
    auto store = OpenStore(state, false);
    if (!store.ok()) {
      Fail(state, store.error());
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    if (Status s = (*store)->RebuildConcordanceIndex(); !s.ok()) {
      Fail(state, s.error());
      return;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (state.global.json) {
      *state.out << "{\"rebuilt\":[\"concordance\"],\"seconds\":" << seconds << "}\n";
    } else if (!state.global.quiet) {
      *state.out << "rebuilt the concordance index in " << seconds << " s\n";
    }
  });
}

}  // namespace lovcen::cli
