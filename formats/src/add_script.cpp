#include "lovcen/formats/add_script.h"

#include <optional>
#include <utility>
#include <vector>

#include "lovcen/match.h"

namespace lovcen::formats {
namespace {

// The variant a unit lacks: its tag, the script to write and the variant to
// write it from; nullopt when both scripts or neither are there.
struct Missing {
  LanguageTag language;
  Script script;
  const Variant* from;
};

std::optional<Missing> FindMissing(const TranslationUnit& unit) {
  const Variant* latin = unit.Find(LanguageTag(Language::kMontenegrinLatin));
  const Variant* cyrillic = unit.Find(LanguageTag(Language::kMontenegrinCyrillic));
  if (latin != nullptr && cyrillic == nullptr) {
    return Missing{LanguageTag(Language::kMontenegrinCyrillic), Script::kCyrillic, latin};
  }
  if (cyrillic != nullptr && latin == nullptr) {
    return Missing{LanguageTag(Language::kMontenegrinLatin), Script::kLatin, cyrillic};
  }
  return std::nullopt;
}

class ScriptAddingWriter : public TmWriter {
 public:
  ScriptAddingWriter(TmWriter& inner, const Transliterator& t, std::size_t* added)
      : inner_(inner), transliterator_(t), added_(added) {}
  Result<std::int64_t> AddDocument(const Document& document) override {
    return inner_.AddDocument(document);
  }
  Result<std::int64_t> Add(const TranslationUnit& unit) override {
    if (!FindMissing(unit)) return inner_.Add(unit);
    TranslationUnit copy = unit;
    if (AddMissingScript(copy, transliterator_) && added_ != nullptr) ++*added_;
    return inner_.Add(copy);
  }
  Result<std::int64_t> RemoveStoryUnits(std::string_view story_key, Origin origin,
                                        std::string_view having_property) override {
    return inner_.RemoveStoryUnits(story_key, origin, having_property);
  }
  Status Commit() override { return inner_.Commit(); }
  WriteSummary& summary() override { return inner_.summary(); }

 private:
  TmWriter& inner_;
  const Transliterator& transliterator_;
  std::size_t* added_;
};

}  // namespace

bool AddMissingScript(TranslationUnit& unit, const Transliterator& transliterator) {
  const std::optional<Missing> missing = FindMissing(unit);
  if (!missing) return false;
  Variant v = *missing->from;
  v.language = missing->language;
  v.segment = transliterator.Transliterate(missing->from->segment, missing->script);
  if (!v.context_pre.empty())
    v.context_pre = transliterator.Transliterate(v.context_pre, missing->script);
  if (!v.context_post.empty())
    v.context_post = transliterator.Transliterate(v.context_post, missing->script);
  unit.variants.push_back(std::move(v));
  unit.properties.push_back(
      Property{std::string(kTransliteratedProperty), std::string(missing->language.str())});
  return true;
}

std::unique_ptr<TmWriter> AddScriptWriter(TmWriter& inner, const Transliterator& transliterator,
                                          std::size_t* added) {
  return std::make_unique<ScriptAddingWriter>(inner, transliterator, added);
}

Result<AddScriptSummary> AddMissingScriptToStore(TmStore& store, TmWriter& writer,
                                                 const Transliterator& transliterator) {
  AddScriptSummary summary;
  std::vector<TranslationUnit> pending;
  Status read = store.ForEachUnit(UnitFilter{}, [&](const TranslationUnit& unit) {
    ++summary.units_seen;
    if (FindMissing(unit)) pending.push_back(unit);
    return true;
  });
  if (!read.ok()) return read.error();
  const std::string now = NowIso8601();
  for (TranslationUnit& unit : pending) {
    // The writer finds the stored unit through the incoming unit's first
    // variant: put first a variant whose text no other unit has.
    std::optional<std::size_t> identifying;
    for (std::size_t i = 0; i < unit.variants.size() && !identifying; ++i) {
      auto same = store.FindExact(unit.variants[i].language, unit.variants[i].segment);
      if (!same.ok()) return same.error();
      if (same->size() == 1 && same->front().id == unit.id) identifying = i;
    }
    if (!identifying) {
      ++summary.ambiguous;
      continue;
    }
    std::swap(unit.variants[0], unit.variants[*identifying]);
    AddMissingScript(unit, transliterator);
    unit.changed = now;
    auto id = writer.Add(unit);
    if (!id.ok()) return id.error();
    if (*id != unit.id) {
      return StoreError("re-adding unit " + std::to_string(unit.id) +
                        " with its other script stored it as unit " + std::to_string(*id));
    }
    ++summary.variants_added;
  }
  return summary;
}

}  // namespace lovcen::formats
