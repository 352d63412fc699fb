// lovcen stats: what the TM holds.
#include <ostream>

#include "cli_common.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

void PrintMap(std::ostream& out, const std::map<std::string, std::int64_t>& map) {
  out << "{";
  bool first = true;
  for (const auto& [k, v] : map) {
    out << (first ? "" : ",") << JsonString(k) << ":" << v;
    first = false;
  }
  out << "}";
}

void Run(CliState& state) {
  auto store = OpenStore(state, false);
  if (!store.ok()) {
    Fail(state, store.error());
    return;
  }
  auto stats = (*store)->Stats();
  if (!stats.ok()) {
    Fail(state, stats.error());
    return;
  }
  std::ostream& out = *state.out;
  if (state.global.json) {
    out << "{\"db\":" << JsonString(state.DbPath()) << ",\"schema_version\":" << stats->schema_version
        << ",\"units\":" << stats->units << ",\"documents\":" << stats->documents
        << ",\"variants_per_language\":";
    PrintMap(out, stats->variants_per_language);
    out << ",\"pairs\":";
    PrintMap(out, stats->pairs);
    out << ",\"units_per_origin\":";
    PrintMap(out, stats->units_per_origin);
    out << ",\"concordance_stale\":" << (stats->concordance_stale ? "true" : "false") << "}\n";
    return;
  }
  out << "translation memory " << state.DbPath() << " (schema " << stats->schema_version << ")\n"
      << "  units:     " << stats->units << '\n'
      << "  documents: " << stats->documents << '\n'
      << "  variants per language:\n";
  for (const auto& [lang, n] : stats->variants_per_language) out << "    " << lang << "\t" << n << '\n';
  out << "  language pairs:\n";
  for (const auto& [pair, n] : stats->pairs) out << "    " << pair << "\t" << n << '\n';
  out << "  units by origin:\n";
  for (const auto& [origin, n] : stats->units_per_origin) out << "    " << origin << "\t" << n << '\n';
  if (stats->concordance_stale) out << "  concordance index out of date: built on the next search (or run 'lovcen reindex')\n";
}

}  // namespace

void AddStatsCommand(CLI::App& app, CliState& state) {
  CLI::App* cmd = app.add_subcommand("stats", "units, variants per language, pairs and documents in the TM");
  cmd->callback([&state] { Run(state); });
}

}  // namespace lovcen::cli
