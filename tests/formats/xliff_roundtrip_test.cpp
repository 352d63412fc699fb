// Read -> write round trips of real XLIFF files: the canonical XML of what
// lovcen writes must equal that of what it read (xml_canonical.h says what
// "canonical" ignores).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lovcen/formats/xliff.h"
#include "test_paths.h"
#include "xml_canonical.h"

namespace lovcen::formats {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> XliffFilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".xlf" || ext == ".xliff")) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Round-trips `path` and reports a readable difference when it fails.
::testing::AssertionResult RoundTrips(const std::string& path) {
  const std::string original = testing::ReadFile(path);
  auto doc = ReadXliffFile(path);
  if (!doc.ok()) return ::testing::AssertionFailure() << "read: " << doc.error().ToString();
  auto written = WriteXliff(*doc);
  if (!written.ok()) return ::testing::AssertionFailure() << "write: " << written.error().ToString();
  auto a = testing::CanonicalXml(original);
  auto b = testing::CanonicalXml(*written);
  if (!a.ok()) return ::testing::AssertionFailure() << "canonical(original): " << a.error().ToString();
  if (!b.ok()) {
    return ::testing::AssertionFailure() << "written XML does not parse: " << b.error().ToString()
                                         << "\n" << *written;
  }
  if (*a == *b) return ::testing::AssertionSuccess();
  std::size_t i = 0;
  while (i < a->size() && i < b->size() && (*a)[i] == (*b)[i]) ++i;
  const std::size_t from = i > 200 ? i - 200 : 0;
  return ::testing::AssertionFailure()
         << "canonical forms differ at byte " << i << "\n  read:    ..." << a->substr(from, 400)
         << "\n  written: ..." << b->substr(from, 400);
}

TEST(XliffRoundTripTest, OasisValidFilesRoundTrip) {
  const std::string data = testing::SharedTestData();
  if (data.empty()) GTEST_SKIP() << "shared testdata absent";
  const std::string suite = data + "/xliff2-oasis/xliff-21/test-suite";
  auto files = XliffFilesUnder(suite + "/core/valid");
  for (const char* dir : {"/modules/valid", "/core/in-out"}) {
    auto more = XliffFilesUnder(suite + dir);
    files.insert(files.end(), more.begin(), more.end());
  }
  ASSERT_EQ(files.size(), 77u);  // 25 core, 34 module, 18 in-out files
  for (const std::string& f : files) EXPECT_TRUE(RoundTrips(f)) << f;
}

TEST(XliffRoundTripTest, OmegatFilesRoundTrip) {
  const std::string data = testing::SharedTestData();
  if (data.empty()) GTEST_SKIP() << "shared testdata absent";
  int checked = 0;
  for (const std::string& f : XliffFilesUnder(data + "/xliff-omegat")) {
    if (f.find("invalid-content") != std::string::npos) continue;  // broken on purpose
    EXPECT_TRUE(RoundTrips(f)) << f;
    ++checked;
  }
  EXPECT_GE(checked, 14);
}

}  // namespace
}  // namespace lovcen::formats
