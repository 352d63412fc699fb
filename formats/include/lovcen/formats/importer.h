// Getting files into the TM: format detection by content (not only by
// extension) and one entry point that reads any supported file into an open
// TmWriter. The caller owns the transaction: it commits after every file of
// one command was read, so a failure anywhere leaves the TM as it was.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "lovcen/language.h"
#include "lovcen/status.h"
#include "lovcen/tm_store.h"

namespace lovcen::formats {

enum class FileFormat { kUnknown, kTsv, kTmx, kXliff12, kXliff2 };
std::string_view FileFormatName(FileFormat format);

// Looks at the first bytes of the file (BOM, UTF-16, XML root element and its
// version attribute, a tab-separated header of language tags).
Result<FileFormat> DetectFormat(const std::string& path);

struct ImportOptions {
  TagOptions tags;             // --fold-regions
  bool all_states = false;     // XLIFF: import targets in any state
  std::string story_key;       // empty: derived from the file name where it makes sense
  // Called now and then with the number of units read so far; may be empty.
  std::function<void(std::size_t)> progress;
  // Called once for each language alias normalised (e.g. sr-Latn-ME); may be empty.
  std::function<void(const std::string&)> warn;
};

// Reads `path` (of `format`, or detected when kUnknown) into `writer`.
// Units that cannot be stored are counted in writer.summary().rejected with a
// reason; a malformed file is an error naming file, line and column.
Status ImportInto(const std::string& path, FileFormat format, TmWriter& writer,
                  const ImportOptions& options);

// A tab-separated file of aligned segments: a header row of language tags
// (one column per language), then one unit per row; an empty cell means no
// variant. Each row's neighbours give the variants' context. The story key
// defaults to the file name without extension.
Status ImportTsv(const std::string& path, TmWriter& writer, const ImportOptions& options);

}  // namespace lovcen::formats
