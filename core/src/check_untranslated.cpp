// untranslated: a target that is missing or empty, or that equals the source
// where it should not. A target may equal the source when every word in it
// stays the same in any language: numbers-only text, acronyms (all capitals:
// NATO, EU, USA), names on the allow-list (CheckContext::allowed and the
// transliterator's Latin-only list), or a short name (at most four words, each
// capitalised: "Marco Rubio", "Podgorica"). Anything with a lower-case word
// beyond that is text that needed translating.
#include <unicode/uchar.h>

#include "check_internal.h"
#include "lovcen/text.h"
#include "lovcen/transliterator.h"

namespace lovcen::internal {
namespace {

constexpr std::size_t kMaxNameWords = 4;

struct WordShape {
  bool has_letter = false;
  bool all_upper = true;  // every letter upper case
  bool first_upper = false;
};

WordShape Shape(std::string_view word) {
  WordShape s;
  bool first = true;
  for (std::size_t i = 0; i < word.size();) {
    const CodePoint cp = DecodeUtf8(word, i);
    i += static_cast<std::size_t>(cp.length);
    if (cp.value < 0 || !u_isalpha(cp.value)) continue;
    s.has_letter = true;
    const bool upper = u_isupper(cp.value) || u_istitle(cp.value);
    if (first) s.first_upper = upper;
    first = false;
    if (!upper) s.all_upper = false;
  }
  return s;
}

void CheckPair(const CheckedPair& pair, const CheckContext& context, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  bool source_has_content = false;
  for (const Token& t : pair.source_tokens) {
    if (t.kind != TokenKind::kPunctuation && t.kind != TokenKind::kCode) source_has_content = true;
  }
  if (!source_has_content) return;
  if (!item.target || pair.target_key.empty()) {
    sink.Add(pair, "target is empty", {}, {});
    return;
  }
  if (item.source_language == item.target_language) return;
  if (pair.source_key != pair.target_key) return;
  std::size_t words = 0;
  bool all_capitalised = true;
  std::vector<Span> spans;  // the words that needed translating
  for (const Token& t : pair.source_tokens) {
    if (t.kind != TokenKind::kWord) continue;
    const std::string_view w = t.text(item.source.text);
    const WordShape s = Shape(w);
    if (!s.has_letter) continue;
    ++words;
    if (!s.first_upper) all_capitalised = false;
    const bool acronym = s.all_upper && CodePointCount(w) >= 2;
    const bool allowed = context.allowed.count(w) > 0 ||
                         (context.transliterator && context.transliterator->IsLatinOnlyName(w));
    if (!acronym && !allowed) spans.push_back({t.begin, t.end});
  }
  if (spans.empty()) return;                              // numbers, acronyms, names
  if (all_capitalised && words <= kMaxNameWords) return;  // a short name
  sink.Add(pair, "target equals the source (" + Quote(item.source.text) + ")", spans, spans);
}

}  // namespace

std::unique_ptr<Check> MakeUntranslatedCheck() {
  return MakePairCheck("untranslated", Severity::kError,
                       "target empty, or equal to the source where it should not be",
                       [](const CheckedPair& p, const CheckContext& context, FindingSink& sink) {
                         CheckPair(p, context, sink);
                       });
}

}  // namespace lovcen::internal
