// Rendering of check findings; the HTML follows the look of the pre-fill
// analysis report (formats/src/prefill_report.cpp): same stylesheet, an SVG
// bar chart, plain tables.
#include "check_report.h"

#include <algorithm>
#include <map>
#include <ostream>

#include "cli_common.h"
#include "lovcen/formats/xml_parser.h"

namespace lovcen::cli {
namespace {

struct Counts {
  std::size_t error = 0, warning = 0, info = 0;
};

Counts Count(const std::vector<Finding>& findings) {
  Counts c;
  for (const Finding& f : findings) {
    if (f.severity == Severity::kError)
      ++c.error;
    else if (f.severity == Severity::kWarning)
      ++c.warning;
    else
      ++c.info;
  }
  return c;
}

std::string Html(std::string_view text) { return formats::EscapeAttribute(text); }

// `text` with `spans` in <mark> (spans out of order or overlapping are merged).
std::string Marked(const std::string& text, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
  });
  std::string out;
  std::size_t at = 0;
  for (const Span& s : spans) {
    if (s.begin < at || s.end > text.size() || s.begin >= s.end) continue;
    out += formats::EscapeText(text.substr(at, s.begin - at));
    out += "<mark>" + formats::EscapeText(text.substr(s.begin, s.end - s.begin)) + "</mark>";
    at = s.end;
  }
  out += formats::EscapeText(text.substr(at));
  // Show white space findings: leading, trailing and doubled spaces are
  // invisible in HTML otherwise.
  return out;
}

std::string Spans(const std::vector<Span>& spans) {
  std::string out = "[";
  for (std::size_t i = 0; i < spans.size(); ++i) {
    out += (i ? "," : "") + std::string("[") + std::to_string(spans[i].begin) + "," +
           std::to_string(spans[i].end) + "]";
  }
  return out + "]";
}

}  // namespace

void WriteCheckText(std::ostream& out, const std::vector<Finding>& findings,
                    const CheckReportInfo& info, bool quiet) {
  for (const Finding& f : findings) {
    out << f.Where() << ": " << SeverityName(f.severity) << ": " << f.check << ": " << f.message
        << " [" << f.key << "]\n";
  }
  if (quiet) return;
  const Counts c = Count(findings);
  out << info.pairs << " segment pairs checked: " << findings.size()
      << (findings.size() == 1 ? " finding" : " findings") << " (" << c.error << " errors, "
      << c.warning << " warnings, " << c.info << " info) at or above "
      << SeverityName(info.threshold);
  if (info.accepted) out << "; " << info.accepted << " accepted not shown";
  out << '\n';
}

void WriteCheckJson(std::ostream& out, const std::vector<Finding>& findings,
                    const CheckReportInfo& info) {
  const Counts c = Count(findings);
  out << "{\"checked\":" << JsonString(info.title) << ",\"pairs\":" << info.pairs
      << ",\"threshold\":" << JsonString(SeverityName(info.threshold))
      << ",\"counts\":{\"error\":" << c.error << ",\"warning\":" << c.warning
      << ",\"info\":" << c.info << "},\"accepted\":" << info.accepted << ",\"findings\":[";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    out << (i ? "," : "") << "\n{\"check\":" << JsonString(f.check)
        << ",\"severity\":" << JsonString(SeverityName(f.severity))
        << ",\"file\":" << JsonString(f.file) << ",\"unit\":" << JsonString(f.unit)
        << ",\"story\":" << JsonString(f.story)
        << ",\"source_language\":" << JsonString(f.source_language.str())
        << ",\"target_language\":" << JsonString(f.target_language.str())
        << ",\"message\":" << JsonString(f.message) << ",\"source\":" << JsonString(f.source)
        << ",\"target\":" << JsonString(f.target) << ",\"source_spans\":" << Spans(f.source_spans)
        << ",\"target_spans\":" << Spans(f.target_spans) << ",\"key\":" << JsonString(f.key);
    if (!f.variants.empty()) {
      out << ",\"variants\":[";
      for (std::size_t v = 0; v < f.variants.size(); ++v) {
        const FindingVariant& fv = f.variants[v];
        out << (v ? "," : "") << "{\"text\":" << JsonString(fv.text) << ",\"count\":" << fv.count
            << ",\"stories\":[";
        for (std::size_t s = 0; s < fv.stories.size(); ++s)
          out << (s ? "," : "") << JsonString(fv.stories[s]);
        out << "],\"units\":[";
        for (std::size_t s = 0; s < fv.units.size(); ++s)
          out << (s ? "," : "") << JsonString(fv.units[s]);
        out << "]}";
      }
      out << "]";
    }
    out << "}";
  }
  out << "]}\n";
}

void WriteCheckHtml(std::ostream& out, const std::vector<Finding>& findings,
                    const CheckReportInfo& info) {
  // Group by check in registry order.
  std::map<std::string, std::vector<const Finding*>> by_check;
  for (const Finding& f : findings) by_check[f.check].push_back(&f);
  std::vector<std::string> order;
  for (const std::string& id : CheckIds()) {
    if (by_check.count(id)) order.push_back(id);
  }
  const Counts c = Count(findings);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>QA checks: "
      << Html(info.title)
      << "</title>\n<style>body{font-family:sans-serif;margin:2em}"
         "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
         "vertical-align:top}mark{background:#ffd54f;white-space:pre-wrap}.bar{fill:#3f7fbf}.label{"
         "font-size:12px}"
         ".error{color:#b00020}.warning{color:#8a5a00}.info{color:#555}.key{font-family:monospace;"
         "font-size:11px}"
         "</style></head><body>\n<h1>QA checks: "
      << Html(info.title) << "</h1>\n<p class=\"summary\">" << info.pairs
      << " segment pairs checked; " << findings.size() << " findings (" << c.error << " errors, "
      << c.warning << " warnings, " << c.info << " info) at or above "
      << SeverityName(info.threshold);
  if (info.accepted) out << "; " << info.accepted << " accepted findings not shown";
  out << ".</p>\n";
  if (!order.empty()) {
    std::size_t most = 1;
    for (const auto& id : order) most = std::max(most, by_check[id].size());
    const int width = 420, row = 22;
    out << "<svg class=\"chart\" width=\"" << width + 260 << "\" height=\""
        << row * static_cast<int>(order.size()) + 10
        << "\" role=\"img\" aria-label=\"findings per check\">\n";
    for (std::size_t i = 0; i < order.size(); ++i) {
      const std::size_t n = by_check[order[i]].size();
      const int w = static_cast<int>(static_cast<double>(width) * static_cast<double>(n) /
                                     static_cast<double>(most));
      const int y = row * static_cast<int>(i);
      out << "<text class=\"label\" x=\"0\" y=\"" << y + 15 << "\">" << Html(order[i])
          << "</text><rect class=\"bar\" x=\"150\" y=\"" << y + 3 << "\" width=\"" << w
          << "\" height=\"16\"></rect><text class=\"label\" x=\"" << 155 + w << "\" y=\"" << y + 15
          << "\">" << n << "</text>\n";
    }
    out << "</svg>\n";
  } else {
    out << "<p class=\"clean\">No findings.</p>\n";
  }
  out << "<table class=\"findings\"><tr><th>check</th><th>severity</th><th>findings</th></tr>\n";
  for (const auto& id : order) {
    const Finding* first = by_check[id].front();
    out << "<tr><td><a href=\"#check-" << Html(id) << "\">" << Html(id) << "</a></td><td class=\""
        << SeverityName(first->severity) << "\">" << SeverityName(first->severity) << "</td><td>"
        << by_check[id].size() << "</td></tr>\n";
  }
  out << "</table>\n";
  for (const auto& id : order) {
    out << "<section class=\"check\" id=\"check-" << Html(id) << "\"><h2>" << Html(id) << " ("
        << by_check[id].size() << ")</h2>\n<table class=\"findings\" data-check=\"" << Html(id)
        << "\"><tr><th>segment</th><th>severity</th><th>message</th><th>source</th><th>target</"
           "th></tr>\n";
    for (const Finding* f : by_check[id]) {
      out << "<tr class=\"finding\"><td>" << Html(f->Where()) << "<br><span class=\"key\">"
          << Html(f->key) << "</span></td><td class=\"" << SeverityName(f->severity) << "\">"
          << SeverityName(f->severity) << "</td><td>" << Html(f->message) << "</td><td lang=\""
          << Html(f->source_language.str()) << "\">" << Marked(f->source, f->source_spans)
          << "</td><td lang=\"" << Html(f->target_language.str()) << "\">";
      if (f->variants.empty()) {
        out << Marked(f->target, f->target_spans);
      } else {
        out << "<table class=\"variants\"><tr><th>variant</th><th>count</th><th>stories</th></tr>";
        for (const FindingVariant& v : f->variants) {
          std::string stories;
          for (const std::string& s : v.stories) stories += (stories.empty() ? "" : ", ") + s;
          out << "<tr><td>" << Html(v.text) << "</td><td>" << v.count << "</td><td>"
              << Html(stories) << "</td></tr>";
        }
        out << "</table>";
      }
      out << "</td></tr>\n";
    }
    out << "</table></section>\n";
  }
  out << "</body></html>\n";
}

}  // namespace lovcen::cli
