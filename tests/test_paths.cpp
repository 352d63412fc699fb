#include "test_paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace lovcen::testing {

std::string SourceDir() { return LOVCEN_SOURCE_DIR; }
std::string CorporaDir() { return SourceDir() + "/corpora"; }

std::string SharedTestData() {
  std::filesystem::path p = std::filesystem::path(SourceDir()) / ".." / "shared" / "testdata";
  if (std::filesystem::is_directory(p)) return std::filesystem::canonical(p).string();
  return {};
}

std::string LovcenBinary() { return LOVCEN_BINARY; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TempDir(const std::string& name) {
  std::filesystem::path p = std::filesystem::temp_directory_path() /
                            ("lovcen-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p.string();
}

}  // namespace lovcen::testing
