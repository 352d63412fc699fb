// script-mismatch: Cyrillic words in a cnr-Latn text and Latin words in a
// cnr-Cyrl text, on either side of the pair. The transliterator decides what
// is allowed to stay in the other script (its Latin-only names in
// data/translit/latin-only.txt, foreign words with letters outside the
// Montenegrin alphabet, URLs, Roman numerals): exactly what transliteration
// itself keeps, so the check and `lovcen translit` never disagree.
#include "check_internal.h"
#include "lovcen/transliterator.h"

namespace lovcen::internal {
namespace {

void Side(const CheckedPair& pair, const Transliterator& translit, bool target, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  const LanguageTag& language = target ? item.target_language : item.source_language;
  if (!language.is_montenegrin()) return;
  if (target && !item.target) return;
  const std::string& text = target ? item.target->text : item.source.text;
  const Script expected = language.is_cyrillic() ? Script::kCyrillic : Script::kLatin;
  auto mismatches = translit.FindScriptMismatches(text, expected);
  if (mismatches.empty()) return;
  std::vector<Span> spans;
  std::string words;
  for (const ScriptMismatch& m : mismatches) {
    spans.push_back({m.begin, m.end});
    if (spans.size() <= 5) words += (words.empty() ? "" : ", ") + Quote(m.word);
  }
  if (mismatches.size() > 5) words += ", ...";
  std::string message = std::string(expected == Script::kLatin ? "Cyrillic" : "Latin") +
                        " letters in the " + std::string(target ? "target" : "source") + " (" +
                        std::string(language.str()) + "): " + words;
  if (target) {
    sink.Add(pair, std::move(message), {}, std::move(spans));
  } else {
    sink.Add(pair, std::move(message), std::move(spans), {});
  }
}

}  // namespace

std::unique_ptr<Check> MakeScriptMismatchCheck() {
  return MakeCheck(
      "script-mismatch", Severity::kError,
      "Cyrillic letters in cnr-Latn or Latin letters in cnr-Cyrl (Latin-only names allowed)",
      [](const std::vector<CheckedPair>& pairs, const CheckContext& context, FindingSink& sink) {
        if (context.transliterator == nullptr) return;
        for (const CheckedPair& p : pairs) {
          Side(p, *context.transliterator, false, sink);
          Side(p, *context.transliterator, true, sink);
        }
      });
}

}  // namespace lovcen::internal
