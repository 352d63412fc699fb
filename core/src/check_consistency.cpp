// inconsistent-target (one source, several targets) and inconsistent-source
// (one target, several sources), per language pair, over every pair of the
// run: across files, or across the whole TM with --tm. Texts are compared by
// match key (white space does not make a variant; case and punctuation do).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "check_internal.h"
#include "lovcen/text.h"

namespace lovcen::internal {
namespace {

constexpr std::size_t kMaxUnitsListed = 20;

// Groups pairs by the key of one side and reports each group whose other side
// has more than one distinct key. `by_source` picks the side that groups.
void FindInconsistencies(const std::vector<CheckedPair>& pairs, FindingSink& sink, bool by_source) {
  struct Group {
    std::vector<std::size_t> members;  // indexes into pairs
  };
  // Key: languages + grouping text. Insertion order kept for stable output.
  std::unordered_map<std::string, std::size_t> index;
  std::vector<Group> groups;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const CheckItem& item = *pairs[i].item;
    if (!item.target || item.target->text.empty()) continue;
    std::string key(item.source_language.str());
    key += '\x1f';
    key += item.target_language.str();
    key += '\x1f';
    key += by_source ? pairs[i].source_key : pairs[i].target_key;
    auto [it, added] = index.emplace(std::move(key), groups.size());
    if (added) groups.emplace_back();
    groups[it->second].members.push_back(i);
  }
  for (const Group& g : groups) {
    if (g.members.size() < 2) continue;
    std::vector<FindingVariant> variants;
    std::map<std::string, std::size_t> variant_of;
    for (std::size_t m : g.members) {
      const CheckItem& item = *pairs[m].item;
      const std::string& other = by_source ? item.target->text : item.source.text;
      auto [it, added] =
          variant_of.emplace(by_source ? pairs[m].target_key : pairs[m].source_key, variants.size());
      if (added) {
        variants.emplace_back();
        variants.back().text = other;
      }
      FindingVariant& v = variants[it->second];
      ++v.count;
      if (!item.story.empty() &&
          std::find(v.stories.begin(), v.stories.end(), item.story) == v.stories.end()) {
        v.stories.push_back(item.story);
      }
      if (v.units.size() < kMaxUnitsListed) {
        v.units.push_back(item.file.empty() ? item.unit : item.file + "#" + item.unit);
      }
    }
    if (variants.size() < 2) continue;
    std::stable_sort(
        variants.begin(), variants.end(),
        [](const FindingVariant& a, const FindingVariant& b) { return a.count > b.count; });
    const CheckedPair& first = pairs[g.members.front()];
    std::string message =
        std::to_string(variants.size()) +
        (by_source ? " different targets for the source " : " different sources for the target ") +
        Quote(by_source ? first.item->source.text : first.item->target->text) + " (";
    for (std::size_t v = 0; v < variants.size(); ++v) {
      message +=
          (v ? ", " : "") + Quote(variants[v].text) + " x" + std::to_string(variants[v].count);
    }
    message += ")";
    sink.Add(first, std::move(message), {}, {}, std::move(variants));
  }
}

}  // namespace

std::unique_ptr<Check> MakeInconsistentTargetCheck() {
  return MakeCheck("inconsistent-target", Severity::kWarning,
                   "the same source is translated in different ways",
                   [](const std::vector<CheckedPair>& pairs, const CheckContext&,
                      FindingSink& sink) { FindInconsistencies(pairs, sink, true); });
}

std::unique_ptr<Check> MakeInconsistentSourceCheck() {
  return MakeCheck("inconsistent-source", Severity::kInfo,
                   "the same target translates different sources",
                   [](const std::vector<CheckedPair>& pairs, const CheckContext&,
                      FindingSink& sink) { FindInconsistencies(pairs, sink, false); });
}

}  // namespace lovcen::internal
