// punctuation-end, quote-style and whitespace: the typography of the target
// against its source and its language's house style.
#include "check_internal.h"
#include "lovcen/text.h"

namespace lovcen::internal {
namespace {

// --- punctuation-end --------------------------------------------------------

enum class End { kNone, kStop, kQuestion, kExclamation, kColon, kSemicolon, kEllipsis };

std::string_view EndName(End e) {
  switch (e) {
    case End::kNone:
      return "no final punctuation";
    case End::kStop:
      return "'.'";
    case End::kQuestion:
      return "'?'";
    case End::kExclamation:
      return "'!'";
    case End::kColon:
      return "':'";
    case End::kSemicolon:
      return "';'";
    case End::kEllipsis:
      return "an ellipsis";
  }
  return "";
}

bool IsSpace(std::int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F ||
         c == 0x2007 || c == 0x2009 || c == 0x200A || c == 0x3000;
}

bool IsCloser(std::int32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201C || c == 0x201D ||
         c == 0x2019 || c == 0x2018 || c == 0xBB || c == 0xAB || c == 0x203A || c == 0x2039;
}

// Decodes the code point ending at byte `end` (exclusive).
CodePoint Before(std::string_view text, std::size_t end, std::size_t* begin) {
  std::size_t b = end - 1;
  while (b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;
  *begin = b;
  return DecodeUtf8(text, b);
}

// The final punctuation of `text` and its byte span (closing quotes and
// brackets and white space at the end are looked through).
End FinalPunctuation(std::string_view text, Span* span) {
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t b = 0;
    const CodePoint cp = Before(text, end, &b);
    if (IsSpace(cp.value) || IsCloser(cp.value)) {
      end = b;
      continue;
    }
    *span = {b, end};
    switch (cp.value) {
      case '.':
        if (end >= 3 && text.substr(end - 3, 3) == "...") {
          *span = {end - 3, end};
          return End::kEllipsis;
        }
        return End::kStop;
      case '?':
        return End::kQuestion;
      case '!':
        return End::kExclamation;
      case ':':
        return End::kColon;
      case ';':
        return End::kSemicolon;
      case 0x2026:
        return End::kEllipsis;
      default:
        return End::kNone;
    }
  }
  *span = {0, 0};
  return End::kNone;
}

// True when the text ends in a number or date token: its final dot belongs to
// the token ("5. april 2025.", an ordinal "19."), not to the sentence.
bool EndsInValue(std::span<const Token> tokens) {
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    if (it->kind == TokenKind::kCode) continue;
    if (it->kind == TokenKind::kPunctuation) continue;
    return it->kind == TokenKind::kNumber || it->kind == TokenKind::kDate ||
           it->kind == TokenKind::kTime;
  }
  return false;
}

void PunctuationEnd(const CheckedPair& pair, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  if (!item.target || pair.target_key.empty()) return;
  if (EndsInValue(pair.source_tokens) || EndsInValue(pair.target_tokens)) return;
  Span s, t;
  const End se = FinalPunctuation(item.source.text, &s);
  const End te = FinalPunctuation(item.target->text, &t);
  if (se == te) return;
  std::vector<Span> ss, ts;
  if (se != End::kNone) ss.push_back(s);
  if (te != End::kNone) ts.push_back(t);
  sink.Add(
      pair,
      "source ends with " + std::string(EndName(se)) + ", target with " + std::string(EndName(te)),
      ss, ts);
}

// --- quote-style ------------------------------------------------------------

void QuoteStyle(const CheckedPair& pair, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  if (!item.target) return;
  const std::string_view text = item.target->text;
  const bool low_high = item.target_language.language() != Language::kEnglish;  // de, cnr: „…“
  std::vector<Span> bad;
  std::string found;
  int open = 0;  // „ not closed yet
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint cp = DecodeUtf8(text, i);
    const std::size_t len = static_cast<std::size_t>(cp.length);
    bool wrong = false;
    if (low_high) {
      if (cp.value == 0x201E) {
        ++open;
      } else if (cp.value == 0x201C) {
        if (open > 0) {
          --open;
        } else {
          // No „ before it in this segment: a closing “ of a quotation opened
          // in an earlier segment follows text; an opening one (the English
          // style) comes at the start or after white space, before text.
          const bool after_space = i == 0 || text[i - 1] == ' ' || text[i - 1] == '(';
          const bool before_text = i + len < text.size() && text[i + len] != ' ';
          wrong = after_space && before_text;
        }
      } else if (cp.value == '"' || cp.value == 0x201D) {
        wrong = true;
      }
    } else if (cp.value == 0x201E) {
      wrong = true;  // „ in English
    }
    if (wrong) {
      bad.push_back({i, i + len});
      if (found.find(text.substr(i, len)) == std::string::npos) {
        found += (found.empty() ? "" : " ") + std::string(text.substr(i, len));
      }
    }
    i += len;
  }
  if (bad.empty()) return;
  const std::string expected = low_high ? "„…“" : "“…” or \"…\"";
  sink.Add(pair,
           "quotation marks in " + std::string(item.target_language.str()) + " should be " +
               expected + ", found " + found,
           {}, bad);
}

// --- whitespace -------------------------------------------------------------

struct SpaceFacts {
  bool leading = false, trailing = false, doubled = false, nbsp = false;
  Span leading_span, trailing_span;
  std::vector<Span> doubled_spans, nbsp_spans;
};

SpaceFacts Spaces(std::string_view text) {
  SpaceFacts f;
  std::size_t run_begin = 0, run = 0;
  bool seen_text = false;
  // A run of white space ends at `i`, before text.
  auto end_run = [&](std::size_t i) {
    if (run > 0) {
      if (!seen_text) {
        f.leading = true;
        f.leading_span = {run_begin, i};
      } else if (run > 1) {
        f.doubled = true;
        f.doubled_spans.push_back({run_begin, i});
      }
      run = 0;
    }
    seen_text = true;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    // Printable ASCII is most of every text (and this runs on every target
    // of a TM): it is neither a space nor in need of decoding.
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte > ' ' && byte < 0x80) {
      end_run(i);
      ++i;
      continue;
    }
    const CodePoint cp = byte < 0x80 ? CodePoint{byte, 1} : DecodeUtf8(text, i);
    const std::size_t len = static_cast<std::size_t>(cp.length);
    if (IsSpace(cp.value)) {
      if (run == 0) run_begin = i;
      ++run;
      if (cp.value == 0xA0 || cp.value == 0x202F || cp.value == 0x2007) {
        f.nbsp = true;
        f.nbsp_spans.push_back({i, i + len});
      }
    } else {
      end_run(i);
    }
    i += len;
  }
  if (run > 0) {
    if (seen_text) {
      f.trailing = true;
      f.trailing_span = {run_begin, text.size()};
    } else {
      f.leading = true;
      f.leading_span = {0, text.size()};
    }
  }
  return f;
}

void Whitespace(const CheckedPair& pair, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  if (!item.target || pair.target_key.empty()) return;
  const SpaceFacts s = Spaces(item.source.text);
  const SpaceFacts t = Spaces(item.target->text);
  std::vector<std::string> what;
  std::vector<Span> spans;
  if (t.leading && !s.leading) {
    what.emplace_back("leading");
    spans.push_back(t.leading_span);
  }
  if (t.trailing && !s.trailing) {
    what.emplace_back("trailing");
    spans.push_back(t.trailing_span);
  }
  if (t.doubled && !s.doubled) {
    what.emplace_back("double");
    spans.insert(spans.end(), t.doubled_spans.begin(), t.doubled_spans.end());
  }
  if (t.nbsp && !s.nbsp) {
    what.emplace_back("non-breaking");
    spans.insert(spans.end(), t.nbsp_spans.begin(), t.nbsp_spans.end());
  }
  if (what.empty()) return;
  std::string message;
  for (std::size_t i = 0; i < what.size(); ++i) {
    message += (i == 0 ? "" : i + 1 == what.size() ? " and " : ", ") + what[i];
  }
  message += " white space in the target that the source does not have";
  sink.Add(pair, std::move(message), {}, std::move(spans));
}

}  // namespace

std::unique_ptr<Check> MakePunctuationEndCheck() {
  return MakePairCheck("punctuation-end", Severity::kWarning,
                       "source and target end with different punctuation",
                       [](const CheckedPair& p, const CheckContext&, FindingSink& sink) {
                         PunctuationEnd(p, sink);
                       });
}

std::unique_ptr<Check> MakeQuoteStyleCheck() {
  return MakeCheck(
      "quote-style", Severity::kWarning,
      "quotation marks not in the target language's style (de, cnr „…“; en “…” or \"…\")",
      [](const std::vector<CheckedPair>& pairs, const CheckContext&, FindingSink& sink) {
        for (const CheckedPair& p : pairs) QuoteStyle(p, sink);
      });
}

std::unique_ptr<Check> MakeWhitespaceCheck() {
  return MakeCheck(
      "whitespace", Severity::kInfo,
      "double, leading, trailing or non-breaking white space in the target only",
      [](const std::vector<CheckedPair>& pairs, const CheckContext&, FindingSink& sink) {
        for (const CheckedPair& p : pairs) Whitespace(p, sink);
      });
}

}  // namespace lovcen::internal
