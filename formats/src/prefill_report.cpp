// The pre-fill analysis as text, JSON and HTML (with a bar chart and every
// segment's best match, the differing source words highlighted).
#include <cstdio>
#include <sstream>

#include "lovcen/formats/prefill.h"

namespace lovcen::formats {
namespace {

std::string Json(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
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
  return out + "\"";
}

std::string Html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Percent(std::size_t part, std::size_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
  return buf;
}

const Candidate* Best(const PrefillSegment& s, std::size_t target) {
  const auto& c = s.candidates[target];
  return c.empty() ? nullptr : &c.front();
}

// The source with the words that differ from the TM source in <mark>.
std::string Highlighted(const PrefillSegment& s, const Candidate* best) {
  if (best == nullptr || best->differing_source.empty()) return Html(s.source.text);
  std::string out;
  std::size_t at = 0;
  for (const auto& [b, e] : best->differing_source) {
    if (b < at || e > s.source.text.size()) continue;
    out += Html(s.source.text.substr(at, b - at));
    out += "<mark>" + Html(s.source.text.substr(b, e - b)) + "</mark>";
    at = e;
  }
  out += Html(s.source.text.substr(at));
  return out;
}

}  // namespace

std::string AnalysisText(const PrefillJob& job, const std::vector<Analysis>& analyses) {
  std::ostringstream out;
  for (const Analysis& a : analyses) {
    out << "analysis " << job.name << "  " << job.from.str() << " -> " << a.target.str() << '\n';
    char line[128];
    std::snprintf(line, sizeof line, "  %-12s %9s %7s %9s %7s\n", "band", "segments", "", "words", "");
    out << line;
    for (int b = 0; b < kBandCount; ++b) {
      const BandCount& c = a.bands[b];
      std::snprintf(line, sizeof line, "  %-12s %9zu %7s %9zu %7s\n",
                    std::string(BandName(static_cast<Band>(b))).c_str(), c.segments,
                    Percent(c.segments, a.total.segments).c_str(), c.words,
                    Percent(c.words, a.total.words).c_str());
      out << line;
    }
    std::snprintf(line, sizeof line, "  %-12s %9zu %7s %9zu\n", "total", a.total.segments, "", a.total.words);
    out << line;
    if (a.transliterated.segments > 0) {
      out << "  of which " << a.transliterated.segments << " segments (" << a.transliterated.words
          << " words) transliterated from the other script\n";
    }
  }
  return out.str();
}

std::string AnalysisJson(const PrefillJob& job, const std::vector<Analysis>& analyses) {
  std::ostringstream out;
  out << "{\"article\":" << Json(job.name) << ",\"from\":" << Json(job.from.str()) << ",\"targets\":[";
  for (std::size_t t = 0; t < analyses.size(); ++t) {
    const Analysis& a = analyses[t];
    out << (t ? "," : "") << "{\"language\":" << Json(a.target.str()) << ",\"bands\":{";
    for (int b = 0; b < kBandCount; ++b) {
      out << (b ? "," : "") << Json(BandName(static_cast<Band>(b))) << ":{\"segments\":"
          << a.bands[b].segments << ",\"words\":" << a.bands[b].words << "}";
    }
    out << "},\"total\":{\"segments\":" << a.total.segments << ",\"words\":" << a.total.words
        << "},\"transliterated\":{\"segments\":" << a.transliterated.segments
        << ",\"words\":" << a.transliterated.words << "},\"segments\":[";
    for (std::size_t i = 0; i < job.segments.size(); ++i) {
      const PrefillSegment& s = job.segments[i];
      const Candidate* best = Best(s, t);
      out << (i ? "," : "") << "{\"id\":" << Json(s.unit_id) << ",\"source\":" << Json(s.source.text)
          << ",\"words\":" << s.words << ",\"band\":" << Json(BandName(BandOf(best)));
      if (best != nullptr) {
        out << ",\"class\":" << Json(MatchClassName(best->match_class)) << ",\"score\":" << best->score
            << ",\"target\":" << Json(best->target.text) << ",\"unit\":" << best->origin.unit_id
            << ",\"origin\":" << Json(OriginName(best->origin.origin));
        if (best->origin.transliterated_from) {
          out << ",\"transliterated_from\":" << Json(best->origin.transliterated_from->str());
        }
      }
      if (s.existing_target[t]) out << ",\"kept_target\":" << Json(s.existing_target[t]->text);
      out << "}";
    }
    out << "]}";
  }
  out << "]}\n";
  return out.str();
}

std::string AnalysisHtml(const PrefillJob& job, const std::vector<Analysis>& analyses) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>lovcen pre-fill: "
      << Html(job.name) << "</title>\n<style>body{font-family:sans-serif;margin:2em}"
         "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
         "vertical-align:top}mark{background:#ffd54f}.bar{fill:#3f7fbf}.label{font-size:12px}</style>"
         "</head><body>\n<h1>Pre-fill analysis: "
      << Html(job.name) << "</h1>\n";
  for (std::size_t t = 0; t < analyses.size(); ++t) {
    const Analysis& a = analyses[t];
    out << "<section class=\"target\" data-lang=\"" << Html(a.target.str()) << "\"><h2>"
        << Html(job.from.str()) << " &rarr; " << Html(a.target.str()) << "</h2>\n";
    const int width = 420, row = 22;
    out << "<svg class=\"chart\" width=\"" << width + 200 << "\" height=\"" << row * kBandCount + 10
        << "\" role=\"img\" aria-label=\"words per band\">\n";
    for (int b = 0; b < kBandCount; ++b) {
      const BandCount& c = a.bands[b];
      const int w = a.total.words ? static_cast<int>(static_cast<double>(width) * static_cast<double>(c.words) /
                                                     static_cast<double>(a.total.words))
                                  : 0;
      out << "<text class=\"label\" x=\"0\" y=\"" << row * b + 15 << "\">"
          << Html(BandName(static_cast<Band>(b))) << "</text><rect class=\"bar\" x=\"90\" y=\"" << row * b + 3
          << "\" width=\"" << w << "\" height=\"16\"></rect><text class=\"label\" x=\"" << 95 + w << "\" y=\""
          << row * b + 15 << "\">" << c.words << " words, " << c.segments << " seg.</text>\n";
    }
    out << "</svg>\n<table class=\"bands\"><tr><th>band</th><th>segments</th><th>words</th></tr>\n";
    for (int b = 0; b < kBandCount; ++b) {
      out << "<tr><td>" << Html(BandName(static_cast<Band>(b))) << "</td><td>" << a.bands[b].segments
          << "</td><td>" << a.bands[b].words << "</td></tr>\n";
    }
    out << "<tr><th>total</th><th>" << a.total.segments << "</th><th>" << a.total.words << "</th></tr></table>\n";
    if (a.transliterated.segments > 0) {
      out << "<p class=\"transliterated\">" << a.transliterated.segments << " segments ("
          << a.transliterated.words << " words) transliterated from the other script</p>\n";
    }
    out << "<table class=\"segments\"><tr><th>#</th><th>source (differing words marked)</th><th>best match</th>"
           "<th>target</th></tr>\n";
    for (const PrefillSegment& s : job.segments) {
      const Candidate* best = Best(s, t);
      out << "<tr><td>" << Html(s.unit_id) << "</td><td>" << Highlighted(s, best) << "</td><td>";
      if (best != nullptr) {
        out << Html(MatchClassName(best->match_class)) << " " << best->score;
        if (best->origin.transliterated_from) {
          out << ", transliterated from " << Html(best->origin.transliterated_from->str());
        }
      } else {
        out << "no match";
      }
      out << "</td><td>" << (best ? Html(best->target.text) : std::string()) << "</td></tr>\n";
    }
    out << "</table></section>\n";
  }
  out << "</body></html>\n";
  return out.str();
}

}  // namespace lovcen::formats
