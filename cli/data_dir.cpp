#include "data_dir.h"

#include <cstdlib>
#include <filesystem>

#include "lovcen/transliterator.h"

namespace lovcen::cli {
namespace {

bool HasRuleFiles(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "translit" / "cnr-Latn-Cyrl.txt", ec);
}

}  // namespace

// An installed tree is <prefix>/bin + <prefix>/share/lovcen/data; a build
// directory sits inside a clone.
Result<std::string> ResolveDataDir(const std::string& flag) {
  if (!flag.empty()) {
    if (!HasRuleFiles(flag)) {
      return UsageError("--data-dir " + flag + " has no translit/cnr-Latn-Cyrl.txt");
    }
    return flag;
  }
  if (const char* env = std::getenv("LOVCEN_DATA_DIR"); env != nullptr && *env != '\0') {
    if (!HasRuleFiles(env)) {
      return UsageError(std::string("$LOVCEN_DATA_DIR (") + env +
                        ") has no translit/cnr-Latn-Cyrl.txt");
    }
    return std::string(env);
  }
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path bin = exe.parent_path();
    for (const auto& candidate : {bin / ".." / "share" / "lovcen" / "data", bin / ".." / "data",
                                  bin / ".." / ".." / "data", bin / "data"}) {
      if (HasRuleFiles(candidate)) return std::filesystem::weakly_canonical(candidate, ec).string();
    }
  }
  if (HasRuleFiles(DefaultDataDir())) return DefaultDataDir();
  return UsageError(
      "cannot find the transliteration data (translit/cnr-Latn-Cyrl.txt): pass --data-dir or set "
      "$LOVCEN_DATA_DIR");
}

}  // namespace lovcen::cli
