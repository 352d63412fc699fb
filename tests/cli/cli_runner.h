// Runs the built `lovcen` binary for end-to-end tests and captures what it
// printed and its exit code.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "test_paths.h"

namespace lovcen::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `args` is appended to the binary's path and run by /bin/sh, so quote
// paths with spaces. Standard input is /dev/null.
inline CliRun RunLovcen(const std::string& args) {
  const std::string dir = TempDir("cli-run");
  const std::string out_file = dir + "/out";
  const std::string err_file = dir + "/err";
  const std::string command = "'" + LovcenBinary() + "' " + args + " </dev/null >'" + out_file +
                              "' 2>'" + err_file + "'";
  CliRun run;
  const int status = std::system(command.c_str());
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(out_file);
  run.err = ReadFile(err_file);
  std::filesystem::remove_all(dir);
  return run;
}

}  // namespace lovcen::testing
