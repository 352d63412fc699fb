// length-ratio: a target much longer or shorter than its source, judged
// against what is normal for the language pair. The model is learned from the
// pairs of the run (the whole TM with --tm): mean and standard deviation of
// log((target code points + 1) / (source code points + 1)) over the pairs
// whose source has at least kMinSourceCodePoints code points (short headlines
// and labels vary too much to say anything). A pair is an outlier when its
// |z| exceeds CheckContext::length_ratio_z; nothing is reported for a pair of
// languages with fewer than length_ratio_min_pairs such pairs.
#include <cmath>
#include <cstdio>
#include <map>

#include "check_internal.h"
#include "lovcen/text.h"

namespace lovcen {
namespace internal {
namespace {

constexpr std::size_t kMinSourceCodePoints = 20;

double LogRatio(std::size_t source_points, std::size_t target_points) {
  return std::log((static_cast<double>(target_points) + 1.0) /
                  (static_cast<double>(source_points) + 1.0));
}

void Run(const std::vector<CheckedPair>& pairs, const CheckContext& context, FindingSink& sink) {
  std::map<std::pair<Language, Language>, LengthRatioStats> models;
  std::vector<double> ratio(pairs.size(), std::nan(""));
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const CheckItem& item = *pairs[i].item;
    if (!item.target || item.target->text.empty()) continue;
    const std::size_t s = CodePointCount(item.source.text);
    if (s < kMinSourceCodePoints) continue;
    const double x = LogRatio(s, CodePointCount(item.target->text));
    ratio[i] = x;
    LengthRatioStats& m =
        models[{item.source_language.language(), item.target_language.language()}];
    m.sum += x;
    m.sum_sq += x * x;
    ++m.n;
  }
  // What the TM knows about a pair outweighs the few pairs of a file.
  for (const auto& [languages, prior] : context.length_ratio_prior) {
    if (prior.n >= context.length_ratio_min_pairs) models[languages] = prior;
  }
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (std::isnan(ratio[i])) continue;
    const CheckItem& item = *pairs[i].item;
    const LengthRatioStats& m =
        models[{item.source_language.language(), item.target_language.language()}];
    if (m.n < context.length_ratio_min_pairs) continue;
    const double mean = m.sum / static_cast<double>(m.n);
    const double var = m.sum_sq / static_cast<double>(m.n) - mean * mean;
    const double sd = std::sqrt(std::max(var, 1e-6));
    const double z = (ratio[i] - mean) / sd;
    if (std::fabs(z) <= context.length_ratio_z) continue;
    char message[160];
    std::snprintf(message, sizeof message,
                  "target is %.2f times as long as the source; usual for %s -> %s is %.2f (z = "
                  "%+.1f, %zu pairs)",
                  std::exp(ratio[i]), std::string(item.source_language.str()).c_str(),
                  std::string(item.target_language.str()).c_str(), std::exp(mean), z, m.n);
    sink.Add(pairs[i], message, {}, {});
  }
}

}  // namespace

std::unique_ptr<Check> MakeLengthRatioCheck() {
  return MakeCheck(
      "length-ratio", Severity::kInfo,
      "target length an outlier for the language pair (learned from the TM or the files)", Run);
}

}  // namespace internal

bool AddLengthRatioSample(std::string_view source, std::string_view target,
                          LengthRatioStats& stats) {
  if (target.empty()) return false;
  const std::size_t s = CodePointCount(source);
  if (s < internal::kMinSourceCodePoints) return false;
  const double x = internal::LogRatio(s, CodePointCount(target));
  stats.sum += x;
  stats.sum_sq += x * x;
  ++stats.n;
  return true;
}

}  // namespace lovcen
