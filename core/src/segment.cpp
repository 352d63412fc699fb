#include "lovcen/segment.h"

#include <charconv>

namespace lovcen {
namespace {

// Format "1;" then per code "kind,offset,len:id,len:element,nattrs,(len:k,len:v)*,len:native;"
// Length-prefixed fields keep any byte sequence safe without escaping.
void PutField(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

bool GetNumber(const std::string& in, std::size_t& pos, std::size_t& value, char stop) {
  const char* begin = in.data() + pos;
  const char* end = in.data() + in.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr == end || *ptr != stop) return false;
  pos = static_cast<std::size_t>(ptr - in.data()) + 1;
  return true;
}

bool GetField(const std::string& in, std::size_t& pos, std::string& field) {
  std::size_t len = 0;
  if (!GetNumber(in, pos, len, ':')) return false;
  if (pos + len > in.size()) return false;
  field.assign(in, pos, len);
  pos += len;
  return true;
}

}  // namespace

bool SameCodeLayout(const Segment& a, const Segment& b) {
  if (a.codes.size() != b.codes.size()) return false;
  for (std::size_t i = 0; i < a.codes.size(); ++i) {
    const InlineCode& x = a.codes[i];
    const InlineCode& y = b.codes[i];
    if (x.kind != y.kind || x.element != y.element || x.offset != y.offset) return false;
  }
  return true;
}

std::string SerializeCodes(const std::vector<InlineCode>& codes) {
  if (codes.empty()) return {};
  std::string out = "1;";
  for (const InlineCode& c : codes) {
    out += std::to_string(static_cast<int>(c.kind));
    out += ',';
    out += std::to_string(c.offset);
    out += ',';
    PutField(out, c.id);
    PutField(out, c.element);
    out += std::to_string(c.attributes.size());
    out += ',';
    for (const auto& [k, v] : c.attributes) {
      PutField(out, k);
      PutField(out, v);
    }
    PutField(out, c.native);
    out += ';';
  }
  return out;
}

bool DeserializeCodes(const std::string& data, std::vector<InlineCode>* codes) {
  codes->clear();
  if (data.empty()) return true;
  if (data.rfind("1;", 0) != 0) return false;
  std::size_t pos = 2;
  while (pos < data.size()) {
    InlineCode c;
    std::size_t kind = 0, nattrs = 0;
    if (!GetNumber(data, pos, kind, ',') || kind > 2) return false;
    c.kind = static_cast<CodeKind>(kind);
    if (!GetNumber(data, pos, c.offset, ',')) return false;
    if (!GetField(data, pos, c.id) || !GetField(data, pos, c.element)) return false;
    if (!GetNumber(data, pos, nattrs, ',')) return false;
    for (std::size_t i = 0; i < nattrs; ++i) {
      std::string k, v;
      if (!GetField(data, pos, k) || !GetField(data, pos, v)) return false;
      c.attributes.emplace_back(std::move(k), std::move(v));
    }
    if (!GetField(data, pos, c.native)) return false;
    if (pos >= data.size() || data[pos] != ';') return false;
    ++pos;
    codes->push_back(std::move(c));
  }
  return true;
}

}  // namespace lovcen
