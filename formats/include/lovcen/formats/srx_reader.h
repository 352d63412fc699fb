// Reads SRX rule files (LISA SRX 2.0; SRX 1.0 leniently: no cascade, the
// first <maprule>'s maps) through the hardened parser into lovcen's rule
// model (lovcen/srx.h). Every pattern is compiled while reading, so a file
// that loads is a file the segmenter can run; a pattern that does not compile
// is an error naming the language rule, the rule's index and file:line:column.
#pragma once

#include <string>
#include <string_view>

#include "lovcen/srx.h"
#include "lovcen/status.h"

namespace lovcen::formats {

Result<SrxDocument> ReadSrxFile(const std::string& path);

// `name` is used in messages only.
Result<SrxDocument> ReadSrxBuffer(std::string_view xml, const std::string& name);

// lovcen's bundled rules (en, de, cnr; sr, hr, bs use cnr's) from `path`, or
// from DefaultSrxPath() when `path` is empty.
Result<SrxDocument> ReadDefaultSrx(const std::string& path = {});

}  // namespace lovcen::formats
