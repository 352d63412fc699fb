#include "support/tmx_generator.h"

#include <cstdio>
#include <optional>
#include <random>
#include <vector>

namespace lovcen::bench {
namespace {

void AppendEscaped(std::string& out, const std::string& text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
}

// The segment with codes: a bold pair around the second and third words
// and a link placeholder before the last word.
void AppendSegmentWithCodes(std::string& out, const std::string& text) {
  std::vector<std::size_t> spaces;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') spaces.push_back(i);
  }
  if (spaces.size() < 4) {
    AppendEscaped(out, text);
    return;
  }
  const std::size_t open = spaces[0] + 1, close = spaces[2], link = spaces.back() + 1;
  AppendEscaped(out, text.substr(0, open));
  out += "<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt>";
  AppendEscaped(out, text.substr(open, close - open));
  out += "<ept i=\"1\">&lt;/b&gt;</ept>";
  AppendEscaped(out, text.substr(close, link - close));
  out +=
      "<ph x=\"2\" type=\"link\">&lt;a href=\"https://vijesti.example/a?id=1&amp;p=2\"/&gt;</ph>";
  AppendEscaped(out, text.substr(link));
}

std::string TmxDate(std::size_t i) {
  char buf[32];
  const std::size_t day = i / 5000;
  std::snprintf(buf, sizeof buf, "2025%02zu%02zuT%02zu%02zu%02zuZ", 1 + (day / 28) % 12,
                1 + day % 28, (i / 3600) % 24, (i / 60) % 60, i % 60);
  return buf;
}

}  // namespace

std::uint64_t WriteTmx(const std::string& path, std::size_t count,
                       const TmxGeneratorOptions& options) {
  static constexpr const char* kLangs[] = {"en", "de", "cnr-Latn"};
  TmGenerator gen(options.sentences);
  std::mt19937_64 rng(options.sentences.seed + 1);
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  std::string out;
  out.reserve(std::size_t{1} << 21);
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
      "<tmx version=\"1.4\">\n"
      "<header creationtool=\"tmx_generator\" creationtoolversion=\"1\" segtype=\"sentence\" "
      "o-tmf=\"bench\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n";
  std::optional<TranslationUnit> previous;
  TranslationUnit current = gen.Next();
  std::uint64_t size = 0;
  for (std::size_t i = 0; i < count; ++i) {
    TranslationUnit next = i + 1 < count ? gen.Next() : TranslationUnit{};
    // An ampersand now and then, as in company names.
    if (rng() % 50 == 0) {
      for (Variant& v : current.variants)
        v.segment.text.insert(v.segment.text.find(' ') + 1, "R&D ");
    }
    const bool codes = std::uniform_real_distribution<double>(0, 1)(rng) < options.code_share;
    const std::size_t story = i / options.story_length;
    const bool first_in_story = i % options.story_length == 0;
    const bool last_in_story = (i + 1) % options.story_length == 0 || i + 1 == count;
    const std::string date = TmxDate(i);
    out += "<tu tuid=\"n";
    out += std::to_string(i);
    out += "\" creationdate=\"" + date + "\" changedate=\"" + date + "\">\n";
    out += "  <prop type=\"x-origin\">aligned</prop>\n  <prop type=\"x-story\">story-";
    out += std::to_string(story);
    out += "</prop>\n";
    if (options.context && !first_in_story && previous) {
      out += "  <prop type=\"x-context-pre\">";
      AppendEscaped(out, previous->variants[0].segment.text);
      out += "</prop>\n";
    }
    if (options.context && !last_in_story) {
      out += "  <prop type=\"x-context-post\">";
      AppendEscaped(out, next.variants[0].segment.text);
      out += "</prop>\n";
    }
    for (std::size_t l = 0; l < 3; ++l) {
      out += "  <tuv xml:lang=\"";
      out += kLangs[l];
      out += "\"><seg>";
      if (codes) {
        AppendSegmentWithCodes(out, current.variants[l].segment.text);
      } else {
        AppendEscaped(out, current.variants[l].segment.text);
      }
      out += "</seg></tuv>\n";
    }
    out += "</tu>\n";
    previous = std::move(current);
    current = std::move(next);
    if (out.size() >= (std::size_t{1} << 20)) {
      size += std::fwrite(out.data(), 1, out.size(), file);
      out.clear();
    }
  }
  out += "</body>\n</tmx>\n";
  size += std::fwrite(out.data(), 1, out.size(), file);
  std::fclose(file);
  return size;
}

}  // namespace lovcen::bench
