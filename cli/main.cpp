// The `lovcen` command: global options, subcommands, exit codes.
#include <iostream>

#include "cli_common.h"

int main(int argc, char** argv) {
  using namespace lovcen::cli;
  CliState state;
  state.out = &std::cout;
  state.err = &std::cerr;

  CLI::App app{"lovcen: translation memory and localization toolkit for news articles"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  app.set_version_flag("--version", "lovcen 0.1.0");
  app.add_option("--db", state.global.db, "TM file (default $LOVCEN_DB or ./lovcen.db)");
  app.add_flag("--json", state.global.json, "machine-readable output");
  app.add_flag("--quiet,-q", state.global.quiet, "no progress or warnings");
  app.add_flag("--fold-regions", state.global.fold_regions,
               "read en-US/en-GB as en and de-DE/de-AT/de-CH as de");

  // One line per subcommand (each in its cmd_<name>.cpp).
  AddInitCommand(app, state);
  AddImportCommand(app, state);
  AddSearchCommand(app, state);
  AddStatsCommand(app, state);
  AddReindexCommand(app, state);
  AddSegmentCommand(app, state);
  AddValidateCommand(app, state);
  AddMatchCommand(app, state);
  AddExportCommand(app, state);
  AddPrefillCommand(app, state);
  AddTranslitCommand(app, state);
  AddCheckCommand(app, state);
  AddGlossaryCommand(app, state);
  AddAlignCommand(app, state);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return state.exit_code;
}
