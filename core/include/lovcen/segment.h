// A segment (design brief §2): UTF-8 text plus inline codes anchored at byte
// offsets into that text. Codes come from XLIFF, TMX, HTML or Markdown; each
// keeps what a reader needs to write it back exactly as it came in, so a
// round trip through the TM loses nothing.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace lovcen {

enum class CodeKind {
  kOpen,        // opens a pair (XLIFF g/bx/bpt/pc/sc, TMX bpt, HTML <b>)
  kClose,       // closes a pair (ex/ept/ec, TMX ept, HTML </b>)
  kStandalone,  // stands alone (x/ph/it, TMX ph/it, HTML <br>)
};

struct InlineCode {
  CodeKind kind = CodeKind::kStandalone;
  std::size_t offset = 0;  // byte offset in Segment::text where the code sits
  std::string id;          // pairs an open with its close (XLIFF id/rid, TMX i/x)
  std::string element;     // element it was read from: "g", "bpt", "ph", "pc", "b", ...
  std::vector<std::pair<std::string, std::string>> attributes;  // in document order
  std::string native;      // native content (text inside bpt/ept/ph/it, or markup)

  friend bool operator==(const InlineCode&, const InlineCode&) = default;
};

struct Segment {
  std::string text;               // NFC UTF-8, without the codes
  std::vector<InlineCode> codes;  // ordered by offset, then by document order

  bool has_codes() const { return !codes.empty(); }
  friend bool operator==(const Segment&, const Segment&) = default;
};

// True when both segments carry the same codes in the same places, judged on
// kind, element and position only (ids and native markup may differ between
// two files of the same sentence).
bool SameCodeLayout(const Segment& a, const Segment& b);

// A compact text form of the codes, for storage: stable, versioned,
// round-trips every field. Empty for a segment without codes.
std::string SerializeCodes(const std::vector<InlineCode>& codes);
// Inverse of SerializeCodes. Returns false on malformed input.
bool DeserializeCodes(const std::string& data, std::vector<InlineCode>* codes);

}  // namespace lovcen
