// lovcen validate FILE... [--schema XSD]: checks XLIFF 1.2, XLIFF 2.x and TMX
// files by lovcen's rules (and optionally a user-supplied XML Schema). Prints
// one line per finding, "file:line:column: rule: message"; exit 0 when every
// file is valid, 3 when any finding (or unreadable file).
#include <ostream>

#include "cli_common.h"
#include "lovcen/formats/validate.h"

namespace lovcen::cli {
namespace {

struct ValidateArgs {
  std::vector<std::string> files;
  std::string schema;
};

void Run(CliState& state, const ValidateArgs& args) {
  formats::ValidateOptions options;
  options.schema_path = args.schema;
  std::ostream& out = *state.out;
  bool all_valid = true;
  bool first = true;
  if (state.global.json) out << "{\"files\":[";
  for (const std::string& file : args.files) {
    auto report = formats::ValidateFile(file, options);
    if (!report.ok()) {
      all_valid = false;
      if (state.global.json) {
        out << (first ? "" : ",") << "{\"file\":" << JsonString(file)
            << ",\"error\":" << JsonString(report.error().ToString()) << "}";
        first = false;
      } else {
        *state.err << "lovcen: " << report.error().ToString() << '\n';
      }
      continue;
    }
    all_valid = all_valid && report->valid();
    if (state.global.json) {
      out << (first ? "" : ",") << "{\"file\":" << JsonString(file)
          << ",\"format\":" << JsonString(formats::FileFormatName(report->format))
          << ",\"valid\":" << (report->valid() ? "true" : "false") << ",\"findings\":[";
      for (std::size_t i = 0; i < report->findings.size(); ++i) {
        const formats::Finding& f = report->findings[i];
        out << (i ? "," : "") << "{\"line\":" << f.line << ",\"column\":" << f.column
            << ",\"rule\":" << JsonString(f.rule) << ",\"message\":" << JsonString(f.message) << "}";
      }
      out << "]}";
      first = false;
      continue;
    }
    for (const formats::Finding& f : report->findings) out << f.ToString() << '\n';
    if (!state.global.quiet) {
      if (report->valid()) {
        out << file << ": valid " << formats::FileFormatName(report->format) << '\n';
      } else {
        out << file << ": " << report->findings.size()
            << (report->findings.size() == 1 ? " finding" : " findings") << " ("
            << formats::FileFormatName(report->format) << ")\n";
      }
    }
  }
  if (state.global.json) out << "]}\n";
  state.exit_code = all_valid ? kExitOk : kExitBadInput;
}

}  // namespace

void AddValidateCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "check XLIFF 1.2, XLIFF 2.x or TMX files by the specifications' rules");
  cmd->add_option("files", args->files, "files to check (format detected from content)")->required();
  cmd->add_option("--schema", args->schema,
                  "also validate against this W3C XML Schema (a local .xsd; nothing is fetched)");
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
