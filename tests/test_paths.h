// Where tests find the project's files and the shared public test data.
#pragma once

#include <string>

namespace lovcen::testing {

std::string SourceDir();     // the repository root
std::string CorporaDir();    // <root>/corpora
std::string SharedTestData();  // <root>/../shared/testdata, or "" when absent
std::string LovcenBinary();  // the built `lovcen` executable
std::string ReadFile(const std::string& path);  // whole file; aborts the test on failure
std::string TempDir(const std::string& name);   // fresh empty directory for one test

}  // namespace lovcen::testing
