// Errors as values. Every operation that can fail returns a Status or a
// Result<T>; the error says what went wrong and, for input, where (file,
// line, column or byte offset). The CLI maps Error::Kind to exit codes in one
// place (design brief §10). Nothing here throws.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace lovcen {

struct Error {
  enum class Kind {
    kUsage,     // the caller asked for something impossible (exit 2)
    kBadInput,  // malformed or unsupported input data (exit 3)
    kStore,     // the translation memory failed or is incompatible (exit 4)
    kIo,        // a file could not be read or written (exit 3)
    kNotFound,  // a looked-up thing does not exist (exit 3)
  };
  Kind kind = Kind::kBadInput;
  std::string message;        // one line, for a person
  std::string file;           // empty when not about a file
  int line = 0;               // 1-based; 0 when unknown
  int column = 0;             // 1-based; 0 when unknown
  std::int64_t offset = -1;   // byte offset; -1 when unknown

  // "file:line:column: message", leaving out what is unknown.
  std::string ToString() const;

  // Returns a copy that names `path` when no file was named yet.
  Error InFile(std::string path) const;
};

Error UsageError(std::string message);
Error BadInput(std::string message);
Error StoreError(std::string message);
Error IoError(std::string message, std::string file = {});
Error NotFound(std::string message);

// Ok, or an Error. Cheap when ok.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design
  static Status Ok() { return Status(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

// A T or an Error (std::expected is C++23).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(status.error()) {}  // NOLINT: only from a failed Status

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace lovcen

// Propagates a failed Status/Result out of the enclosing function.
#define LOVCEN_RETURN_IF_ERROR(expr)                        \
  do {                                                      \
    auto lovcen_status_ = (expr);                           \
    if (!lovcen_status_.ok()) return lovcen_status_.error(); \
  } while (0)
