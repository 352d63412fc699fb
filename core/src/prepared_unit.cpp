#include "lovcen/text.h"
#include "lovcen/tm_store.h"
#include "unit_body.h"

namespace lovcen {

Result<PreparedUnit> PrepareUnit(TranslationUnit unit) {
  if (unit.variants.empty()) return BadInput("translation unit without variants");
  PreparedUnit prepared;
  prepared.first_language = unit.variants.front().language;
  for (std::size_t i = 0; i < unit.variants.size(); ++i) {
    Variant& v = unit.variants[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (unit.variants[j].language == v.language) {
        return BadInput("two variants in language " + std::string(v.language.str()));
      }
    }
    for (std::string* text : {&v.segment.text, &v.context_pre, &v.context_post}) {
      if (text->empty()) continue;
      auto nfc = NormalizeInput(*text);
      if (!nfc.ok()) return nfc.error();
      *text = std::move(*nfc);
    }
    for (const InlineCode& c : v.segment.codes) {
      if (c.offset > v.segment.text.size())
        return BadInput("inline code beyond the end of its text");
    }
  }
  // The order every store reader returns variants in.
  internal::SortVariants(&unit.variants);
  prepared.keys.reserve(unit.variants.size());
  for (const Variant& v : unit.variants) prepared.keys.push_back(MatchKey(v.segment.text));
  prepared.unit = std::move(unit);
  return prepared;
}

}  // namespace lovcen
