// lovcen reindex: rebuild the TM's derived indexes (concordance and fuzzy).
#include <chrono>
#include <ostream>

#include "cli_common.h"
#include "lovcen/candidate_index.h"
#include "store_access.h"

namespace lovcen::cli {

void AddReindexCommand(CLI::App& app, CliState& state) {
  CLI::App* cmd = app.add_subcommand(
      "reindex", "rebuild the concordance index (after a bulk import) and the fuzzy match index");
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
    const double concordance_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto source = SqliteVariantSource(state.DbPath());
    if (!source.ok()) {
      Fail(state, source.error());
      return;
    }
    Progress progress(state, "building the fuzzy index");
    auto index = CandidateIndex::Build(**source, DefaultIndexPath(state.DbPath()));
    progress.Finish();
    if (!index.ok()) {
      Fail(state, index.error());
      return;
    }
    const double fuzzy_s = index->stats().seconds;
    if (state.global.json) {
      *state.out << "{\"rebuilt\":[\"concordance\",\"fuzzy\"],\"seconds\":" << (concordance_s + fuzzy_s)
                 << ",\"concordance_seconds\":" << concordance_s << ",\"fuzzy_seconds\":" << fuzzy_s
                 << ",\"fuzzy_segments\":" << index->stats().segments << "}\n";
    } else if (!state.global.quiet) {
      *state.out << "rebuilt the concordance index in " << concordance_s << " s\n"
                 << "rebuilt the fuzzy index (" << index->stats().segments << " variants) in " << fuzzy_s
                 << " s\n";
    }
  });
}

}  // namespace lovcen::cli
