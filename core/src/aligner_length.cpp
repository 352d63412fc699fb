// The Gale-Church length model: defaults per language pair, estimation from
// stored pairs, and the cost of one bead's lengths.
#include <algorithm>
#include <cmath>

#include "aligner_internal.h"
#include "lovcen/aligner.h"
#include "lovcen/text.h"

namespace lovcen {
namespace {

// Characters of news prose relative to English: German runs ~12% longer,
// Montenegrin (either script; the scripts have the same letters one for one)
// about as long as English.
double RelativeLength(const LanguageTag& tag) {
  switch (tag.language()) {
    case Language::kGerman:
      return 1.12;
    case Language::kEnglish:
    case Language::kMontenegrinLatin:
    case Language::kMontenegrinCyrillic:
      return 1.0;
  }
  return 1.0;
}

}  // namespace

LengthModel DefaultLengthModel(const LanguageTag& source, const LanguageTag& target) {
  LengthModel model;
  model.c = RelativeLength(target) / RelativeLength(source);
  model.s2 = 6.8;  // Gale and Church's estimate; the TM's pairs refine it
  return model;
}

std::optional<LengthModel> EstimateLengthModel(
    std::span<const std::pair<std::size_t, std::size_t>> pairs, std::size_t min_pairs) {
  double sum_s = 0, sum_t = 0;
  std::size_t n = 0;
  for (const auto& [s, t] : pairs) {
    if (s == 0 || t == 0) continue;
    sum_s += static_cast<double>(s);
    sum_t += static_cast<double>(t);
    ++n;
  }
  if (n < std::max<std::size_t>(min_pairs, 2)) return std::nullopt;
  LengthModel model;
  model.c = sum_t / sum_s;
  double var = 0;
  for (const auto& [s, t] : pairs) {
    if (s == 0 || t == 0) continue;
    const double d = static_cast<double>(t) - model.c * static_cast<double>(s);
    var += d * d / static_cast<double>(s);
  }
  // A TM of verbatim repeats would give a tiny variance and make the model
  // brittle on new text: keep it within a plausible range.
  model.s2 = std::clamp(var / static_cast<double>(n), 1.0, 40.0);
  return model;
}

std::size_t CharacterLength(std::string_view text) { return CodePointCount(text); }

std::string_view BeadKindName(BeadKind kind) {
  switch (kind) {
    case BeadKind::k1_1:
      return "1-1";
    case BeadKind::k1_0:
      return "1-0";
    case BeadKind::k0_1:
      return "0-1";
    case BeadKind::k2_1:
      return "2-1";
    case BeadKind::k1_2:
      return "1-2";
    case BeadKind::k2_2:
      return "2-2";
  }
  return "?";
}

namespace align_internal {

double LengthCost(double source, double target, const LengthModel& model) {
  // Gale and Church: delta = (l2 - c l1) / sqrt(s2 * mean length), cost =
  // -log 2(1 - Phi(|delta|)). erfc gives the two-sided tail directly.
  const double mean = (source + target / model.c) / 2.0;
  const double delta = (target - model.c * source) / std::sqrt(model.s2 * std::max(mean, 1.0));
  const double tail = std::erfc(std::fabs(delta) / std::sqrt(2.0));
  return -std::log(std::max(tail, 1e-30));
}

double PriorCost(BeadKind kind) {
  switch (kind) {
    case BeadKind::k1_1:
      return -std::log(0.89);
    case BeadKind::k1_0:
    case BeadKind::k0_1:
      return -std::log(0.0099 / 2);
    case BeadKind::k2_1:
    case BeadKind::k1_2:
      return -std::log(0.089 / 2);
    case BeadKind::k2_2:
      return -std::log(0.011);
  }
  return 0;
}

}  // namespace align_internal
}  // namespace lovcen
