#include "lovcen/status.h"

namespace lovcen {

std::string Error::ToString() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    } else if (offset >= 0) {
      out += ": byte " + std::to_string(offset);
    }
    out += ": ";
  } else if (offset >= 0) {
    out += "byte " + std::to_string(offset) + ": ";
  }
  out += message;
  return out;
}

Error Error::InFile(std::string path) const {
  Error copy = *this;
  if (copy.file.empty()) copy.file = std::move(path);
  return copy;
}

namespace {
Error Make(Error::Kind kind, std::string message) {
  Error e;
  e.kind = kind;
  e.message = std::move(message);
  return e;
}
}  // namespace

Error UsageError(std::string message) { return Make(Error::Kind::kUsage, std::move(message)); }
Error BadInput(std::string message) { return Make(Error::Kind::kBadInput, std::move(message)); }
Error StoreError(std::string message) { return Make(Error::Kind::kStore, std::move(message)); }
Error IoError(std::string message, std::string file) {
  Error e = Make(Error::Kind::kIo, std::move(message));
  e.file = std::move(file);
  return e;
}
Error NotFound(std::string message) { return Make(Error::Kind::kNotFound, std::move(message)); }

}  // namespace lovcen
