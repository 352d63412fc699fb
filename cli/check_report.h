// The findings of `lovcen check` as text (one line each), JSON and an HTML
// report (grouped by check, with a bar chart of counts, source and target
// with the offending parts marked, and the variants of each inconsistency
// side by side with their counts and stories).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "lovcen/check.h"

namespace lovcen::cli {

struct CheckReportInfo {
  std::string title;         // what was checked ("file.xlf", "TM lovcen.db")
  std::size_t pairs = 0;     // segment pairs checked
  std::size_t accepted = 0;  // findings not shown because they were accepted
  Severity threshold = Severity::kWarning;
};

void WriteCheckText(std::ostream& out, const std::vector<Finding>& findings,
                    const CheckReportInfo& info, bool quiet);
void WriteCheckJson(std::ostream& out, const std::vector<Finding>& findings,
                    const CheckReportInfo& info);
void WriteCheckHtml(std::ostream& out, const std::vector<Finding>& findings,
                    const CheckReportInfo& info);

}  // namespace lovcen::cli
