#include "cli_common.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace lovcen::cli {

std::string CliState::DbPath() const {
  if (!global.db.empty()) return global.db;
  if (const char* env = std::getenv("LOVCEN_DB"); env != nullptr && *env != '\0') return env;
  return "lovcen.db";
}

bool CliState::Interactive() const { return !global.quiet && ::isatty(STDERR_FILENO) == 1; }

int ExitCodeFor(const Error& error) {
  switch (error.kind) {
    case Error::Kind::kUsage: return kExitUsage;
    case Error::Kind::kStore: return kExitStore;
    case Error::Kind::kBadInput:
    case Error::Kind::kIo:
    case Error::Kind::kNotFound: return kExitBadInput;
  }
  return kExitBadInput;
}

int Fail(CliState& state, const Error& error) {
  *state.err << "lovcen: " << error.ToString() << '\n';
  state.exit_code = ExitCodeFor(error);
  return state.exit_code;
}

void Warn(CliState& state, const std::string& message) {
  if (!state.global.quiet) *state.err << "lovcen: warning: " << message << '\n';
}

Result<LanguageTag> ParseLanguage(CliState& state, const std::string& text) {
  TagOptions options;
  options.fold_regions = state.global.fold_regions;
  std::string warning;
  auto tag = LanguageTag::Parse(text, options, &warning);
  if (!tag.ok()) {
    Error e = tag.error();
    e.kind = Error::Kind::kUsage;
    return e;
  }
  if (!warning.empty()) Warn(state, warning);
  return tag;
}

Result<std::vector<LanguageTag>> ParseLanguageList(CliState& state, const std::string& text) {
  std::vector<LanguageTag> tags;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    auto tag = ParseLanguage(state, text.substr(start, comma - start));
    if (!tag.ok()) return tag.error();
    for (const auto& t : tags) {
      if (t == *tag) return UsageError("language '" + std::string(t.str()) + "' given twice");
    }
    tags.push_back(*tag);
    start = comma + 1;
  }
  return tags;
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

Progress::Progress(CliState& state, std::string label)
    : state_(state), label_(std::move(label)), active_(state.Interactive()) {}

Progress::~Progress() { Finish(); }

void Progress::Update(std::size_t done, std::size_t total) {
  if (!active_) return;
  if (done - last_ < 997 && done != total) return;  // redraw rarely, it is slow on a terminal
  last_ = done;
  *state_.err << '\r' << label_ << ' ' << done;
  if (total > 0) *state_.err << " / " << total << " (" << (100 * done / total) << "%)";
  state_.err->flush();
}

void Progress::Finish() {
  if (!active_) return;
  *state_.err << "\r\033[K";
  state_.err->flush();
  active_ = false;
}

}  // namespace lovcen::cli
