// lovcen init: create an empty TM (or check an existing one).
#include <filesystem>
#include <ostream>

#include "cli_common.h"
#include "store_access.h"

namespace lovcen::cli {

void AddInitCommand(CLI::App& app, CliState& state) {
  CLI::App* cmd = app.add_subcommand("init", "create an empty translation memory");
  cmd->callback([&state] {
    const bool existed = std::filesystem::exists(state.DbPath());
    auto store = OpenStore(state, true);
    if (!store.ok()) {
      Fail(state, store.error());
      return;
    }
    if (state.global.json) {
      *state.out << "{\"db\":" << JsonString(state.DbPath()) << ",\"created\":"
                 << (existed ? "false" : "true") << ",\"schema_version\":"
                 << (*store)->schema_version() << "}\n";
    } else if (!state.global.quiet) {
      *state.out << (existed ? "translation memory already exists: " : "created translation memory: ")
                 << state.DbPath() << " (schema " << (*store)->schema_version() << ")\n";
    }
  });
}

}  // namespace lovcen::cli
