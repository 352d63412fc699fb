// Streaming TMX 1.4b writer. Output is built in one large buffer and flushed
// in big blocks, so writing costs about one pass over the bytes. The file is
// written under a temporary name and renamed into place by Finish(): a
// writer destroyed without Finish() leaves nothing behind. The output is
// valid under the TMX 1.4b DTD and deterministic (no timestamp in the header),
// so exporting the same TM twice gives the same bytes. Not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lovcen/formats/tmx.h"
#include "lovcen/language.h"
#include "lovcen/status.h"
#include "lovcen/tm_types.h"

namespace lovcen::formats {

struct TmxWriterOptions {
  // Header srclang, and the variant written first in every <tu>.
  LanguageTag source{Language::kEnglish};
  // Languages written after the source, in this order; empty = every other
  // variant of each unit, in the unit's order.
  std::vector<LanguageTag> targets;
  std::string admin_language = "en";
  // When set, this header is written exactly (for WriteRaw copies) instead
  // of lovcen's own.
  std::optional<TmxHeader> raw_header;
  std::size_t flush_bytes = std::size_t{1} << 20;  // buffer size before a write(2)
};

// How codes are written (the inverse of the reader, see tmx.h):
//  - a code read from TMX (element bpt/ept/ph/it/ut with TMX attributes, or
//    hi) is written back as that element with its attributes and `native`
//    as content, so a TMX round trip gives the same XML;
//  - any other code (XLIFF g/x/bx/ex/pc/sc/ec, HTML tags) is written the way
//    OmegaT matches TMX codes: the original markup as escaped text in
//    <bpt i="n">, <ept i="n">, <ph> (no x attribute), and an open or close
//    without its partner in the segment as <it pos="begin|end">. The markup
//    is `native` (escaped as text; for bpt/ept/ph/it/ut codes `native` is
//    already XML content and kept) or, when empty, rebuilt from element and
//    attributes (<g id="1">, </g>, <x id="7"/>).
// Props x-origin, x-story and x-context-pre/post are written from the unit's
// fields; properties of those names are not written a second time.
class TmxWriter {
 public:
  // Opens `path` (through "<path>.tmp-<pid>") and writes the prolog and header.
  static Result<std::unique_ptr<TmxWriter>> Create(const std::string& path,
                                                   const TmxWriterOptions& options);
  // Writes into memory; output() holds the document after Finish().
  static std::unique_ptr<TmxWriter> InMemory(const TmxWriterOptions& options);

  ~TmxWriter();
  TmxWriter(const TmxWriter&) = delete;
  TmxWriter& operator=(const TmxWriter&) = delete;

  // Writes one unit: the source variant, then the targets present. A unit
  // without the source variant or without any target is not written and
  // kNotFound is returned; a unit with a character XML 1.0 cannot carry
  // (control characters, U+FFFE/U+FFFF) is not written and kBadInput is
  // returned. Either way the writer stays usable.
  Status Write(const TranslationUnit& unit);

  // Writes a unit exactly as read (every attribute, note, prop and code).
  Status WriteRaw(const TmxUnit& unit);

  // Closes the document; for a file, flushes, syncs and renames it into place.
  Status Finish();

  const std::string& output() const { return buffer_; }  // InMemory only
  std::uint64_t bytes_written() const { return flushed_ + buffer_.size(); }
  std::size_t units_written() const { return units_; }

 private:
  explicit TmxWriter(const TmxWriterOptions& options);
  void WriteHeader();
  Status Flush();

  TmxWriterOptions options_;
  std::string buffer_;
  std::string path_;       // final path; empty in memory
  std::string temp_path_;  // written here until Finish()
  std::FILE* file_ = nullptr;
  std::uint64_t flushed_ = 0;
  std::size_t units_ = 0;
  bool finished_ = false;
};

}  // namespace lovcen::formats
