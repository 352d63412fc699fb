// What every `lovcen` subcommand shares: the global options, the one place
// where an Error becomes an exit code (design brief §10), and output helpers.
// Each subcommand lives in its own cmd_<name>.cpp and only parses options,
// calls the libraries and prints.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>
#include <vector>

#include "lovcen/language.h"
#include "lovcen/status.h"

namespace lovcen::cli {

enum ExitCode { kExitOk = 0, kExitFindings = 1, kExitUsage = 2, kExitBadInput = 3, kExitStore = 4 };

struct GlobalOptions {
  std::string db;          // --db, else $LOVCEN_DB, else ./lovcen.db
  bool json = false;       // --json: machine-readable output
  bool quiet = false;      // --quiet: no progress, no warnings
  bool fold_regions = false;  // --fold-regions: en-US -> en, de-AT -> de
};

// State shared by the subcommands of one run; a subcommand's callback sets
// exit_code.
struct CliState {
  GlobalOptions global;
  int exit_code = kExitOk;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  std::string DbPath() const;
  bool Interactive() const;  // stderr is a terminal and not --quiet: show progress
};

int ExitCodeFor(const Error& error);
// Prints "lovcen: <error>" on stderr and returns its exit code.
int Fail(CliState& state, const Error& error);
// Prints a warning unless --quiet.
void Warn(CliState& state, const std::string& message);
// Parses a language option; warnings for aliases go through Warn().
Result<LanguageTag> ParseLanguage(CliState& state, const std::string& text);
// Parses a comma-separated list of language tags.
Result<std::vector<LanguageTag>> ParseLanguageList(CliState& state, const std::string& text);

// JSON string literal with escapes.
std::string JsonString(std::string_view text);

// A progress line on stderr, redrawn in place, only when Interactive().
class Progress {
 public:
  Progress(CliState& state, std::string label);
  ~Progress();
  void Update(std::size_t done, std::size_t total = 0);  // total 0 = unknown
  void Finish();

 private:
  CliState& state_;
  std::string label_;
  bool active_;
  std::size_t last_ = 0;
};

// Subcommand registration; each defined in its cmd_<name>.cpp.
// (one line per subcommand)
void AddInitCommand(CLI::App& app, CliState& state);
void AddImportCommand(CLI::App& app, CliState& state);
void AddSearchCommand(CLI::App& app, CliState& state);
void AddStatsCommand(CLI::App& app, CliState& state);
void AddReindexCommand(CLI::App& app, CliState& state);
void AddSegmentCommand(CLI::App& app, CliState& state);
void AddValidateCommand(CLI::App& app, CliState& state);
void AddMatchCommand(CLI::App& app, CliState& state);
void AddExportCommand(CLI::App& app, CliState& state);
void AddPrefillCommand(CLI::App& app, CliState& state);
void AddTranslitCommand(CLI::App& app, CliState& state);
void AddCheckCommand(CLI::App& app, CliState& state);
void AddGlossaryCommand(CLI::App& app, CliState& state);
void AddAlignCommand(CLI::App& app, CliState& state);

}  // namespace lovcen::cli
