#include "lovcen/formats/importer.h"

#include <algorithm>
#include <array>
#include <fstream>

#include "lovcen/formats/tmx.h"
#include "lovcen/formats/xliff_tm.h"

namespace lovcen::formats {

std::string_view FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kTsv:
      return "TSV";
    case FileFormat::kTmx:
      return "TMX";
    case FileFormat::kXliff12:
      return "XLIFF 1.2";
    case FileFormat::kXliff2:
      return "XLIFF 2";
    case FileFormat::kUnknown:
      break;
  }
  return "unknown";
}

namespace {

// The first few KiB as UTF-8-ish ASCII: UTF-16 is reduced to its low bytes,
// enough to see element names and attributes.
std::string Head(const std::string& path, bool* readable) {
  std::ifstream in(path, std::ios::binary);
  *readable = in.good();
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const bool le = head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFF &&
                  static_cast<unsigned char>(head[1]) == 0xFE;
  const bool be = head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFE &&
                  static_cast<unsigned char>(head[1]) == 0xFF;
  const bool le_nobom = head.size() >= 2 && head[0] == '<' && head[1] == '\0';
  const bool be_nobom = head.size() >= 2 && head[0] == '\0' && head[1] == '<';
  if (le || be || le_nobom || be_nobom) {
    std::string narrow;
    const std::size_t start = (le || be) ? 2 : 0;
    const std::size_t low = (le || le_nobom) ? 0 : 1;
    for (std::size_t i = start; i + 1 < head.size(); i += 2) narrow += head[i + low];
    return narrow;
  }
  return head;
}

// Name of the root element: the first '<' not opening a declaration,
// comment, processing instruction or DOCTYPE.
std::string RootElement(const std::string& head, std::size_t* where) {
  std::size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string::npos) {
    if (pos + 1 < head.size() && (head[pos + 1] == '?' || head[pos + 1] == '!')) {
      ++pos;
      continue;
    }
    std::size_t end = head.find_first_of(" \t\r\n/>", pos + 1);
    if (end == std::string::npos) end = head.size();
    std::string name = head.substr(pos + 1, end - pos - 1);
    if (const auto colon = name.find(':'); colon != std::string::npos)
      name = name.substr(colon + 1);
    *where = pos;
    return name;
  }
  return {};
}

}  // namespace

Result<FileFormat> DetectFormat(const std::string& path) {
  bool readable = false;
  const std::string head = Head(path, &readable);
  if (!readable) return IoError("cannot read the file", path);
  if (head.empty()) return Error(BadInput("empty file").InFile(path));
  std::size_t root_at = 0;
  const std::string root = RootElement(head, &root_at);
  if (!root.empty()) {
    std::string lower = root;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == "tmx") return FileFormat::kTmx;
    if (lower == "xliff") {
      const std::size_t tag_end = head.find('>', root_at);
      const std::string tag = head.substr(
          root_at, tag_end == std::string::npos ? std::string::npos : tag_end - root_at);
      if (tag.find("urn:oasis:names:tc:xliff:document:2") != std::string::npos ||
          tag.find("version=\"2") != std::string::npos ||
          tag.find("version='2") != std::string::npos) {
        return FileFormat::kXliff2;
      }
      return FileFormat::kXliff12;
    }
    if (head.find('\t') == std::string::npos) {
      return Error(BadInput("XML with root element <" + root + ">: not TMX or XLIFF").InFile(path));
    }
  }
  const std::size_t eol = head.find('\n');
  const std::string first = head.substr(0, eol);
  if (first.rfind("# lovcen align review:", 0) == 0) {
    return Error(
        BadInput("a review file of 'lovcen align': store it with 'lovcen align --apply FILE'")
            .InFile(path));
  }
  if (first.find('\t') != std::string::npos) return FileFormat::kTsv;
  return Error(BadInput("unknown file format (expected TMX, XLIFF or a tab-separated file with a "
                        "header of language tags)")
                   .InFile(path));
}

Status ImportInto(const std::string& path, FileFormat format, TmWriter& writer,
                  const ImportOptions& options) {
  if (format == FileFormat::kUnknown) {
    auto detected = DetectFormat(path);
    if (!detected.ok()) return detected.error();
    format = *detected;
  }
  switch (format) {
    case FileFormat::kTsv:
      return ImportTsv(path, writer, options);
    case FileFormat::kTmx:
      return ImportTmxInto(path, writer, options);
    case FileFormat::kXliff12:
    case FileFormat::kXliff2: {
      // An align review file is valid XLIFF, but its units are one story's
      // alignment to replace, not translations to add.
      bool readable = false;
      if (Head(path, &readable).find("product-name=\"lovcen-align-review\"") != std::string::npos) {
        return Error(
            BadInput("a review file of 'lovcen align': store it with 'lovcen align --apply FILE'")
                .InFile(path));
      }
      return ImportXliffInto(path, writer, options);
    }
    case FileFormat::kUnknown:
      break;
  }
  return Error(UsageError("importing " + std::string(FileFormatName(format)) + " is not supported")
                   .InFile(path));
}

}  // namespace lovcen::formats
