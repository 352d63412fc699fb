// The aligner's search: Viterbi and forward sums over a band around the
// diagonal in one pass (bead costs cached per cell), a backward pass for the
// posterior probability of each chosen bead, and the confidence built from
// it. Memory is O(n * band).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

#include "aligner_internal.h"
#include "lovcen/aligner.h"
#include "lovcen/tokenizer.h"
#include "lovcen/transliterator.h"

namespace lovcen {

using align_internal::SentenceFeatures;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Step {
  BeadKind kind;
  int di, dj;
};
constexpr std::array<Step, 6> kSteps = {{{BeadKind::k1_1, 1, 1},
                                         {BeadKind::k1_0, 1, 0},
                                         {BeadKind::k0_1, 0, 1},
                                         {BeadKind::k2_1, 2, 1},
                                         {BeadKind::k1_2, 1, 2},
                                         {BeadKind::k2_2, 2, 2}}};

// -log(exp(-a) + exp(-b)).
double LogAdd(double a, double b) {
  if (a == kInf) return b;
  if (b == kInf) return a;
  const double lo = std::min(a, b);
  return lo - std::log1p(std::exp(-std::fabs(a - b)));
}

// How well a bead fits on its own, whatever the alternatives: a bead that
// costs much more than a plain translation would is doubtful even when it is
// the only way through.
double Fit(double cost) { return 1.0 / (1.0 + std::exp((cost - 8.0) / 1.5)); }

// The band: row i holds columns [lo[i], hi[i]], stored from offset[i].
struct Band {
  std::vector<std::size_t> lo, hi, offset;
  std::size_t cells = 0;
  Band(std::size_t n, std::size_t m, std::size_t width) : lo(n + 1), hi(n + 1), offset(n + 1) {
    for (std::size_t i = 0; i <= n; ++i) {
      const double c = n == 0 ? 0.0 : static_cast<double>(i) * static_cast<double>(m) / n;
      const auto center = static_cast<std::size_t>(std::llround(c));
      lo[i] = center > width ? center - width : 0;
      hi[i] = std::min(m, center + width);
      offset[i] = cells;
      cells += hi[i] - lo[i] + 1;
    }
  }
  // Index of cell (i, j), or npos outside the band.
  std::size_t At(std::size_t i, std::size_t j) const {
    if (j < lo[i] || j > hi[i]) return npos;
    return offset[i] + (j - lo[i]);
  }
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

}  // namespace

struct Aligner::Impl {
  AlignerOptions options;
  const Transliterator* transliterator = nullptr;
  std::map<Language, Tokenizer> tokenizers;

  std::vector<SentenceFeatures> Features(const AlignEdition& e) const {
    // Tokenizers are not thread-safe; a clone per call keeps Align() const
    // and shareable (cloning does not reload ICU's rules).
    const Tokenizer tokenizer = tokenizers.at(e.language.language()).Clone();
    std::vector<SentenceFeatures> f = align_internal::ExtractFeatures(
        e, tokenizer, options.use_anchors ? transliterator : nullptr);
    if (!options.use_anchors) {
      for (SentenceFeatures& s : f) s.hard.clear(), s.soft.clear(), s.quote = false;
    }
    return f;
  }
};

Result<Aligner> Aligner::Create(const AlignerOptions& options,
                                const Transliterator* transliterator) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->transliterator = transliterator;
  for (Language l : {Language::kEnglish, Language::kGerman, Language::kMontenegrinLatin,
                     Language::kMontenegrinCyrillic}) {
    auto t = Tokenizer::Create(LanguageTag(l));
    if (!t.ok()) return t.error();
    impl->tokenizers.emplace(l, std::move(*t));
  }
  return Aligner(std::move(impl));
}

Aligner::Aligner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Aligner::Aligner(Aligner&&) noexcept = default;
Aligner& Aligner::operator=(Aligner&&) noexcept = default;
Aligner::~Aligner() = default;
const AlignerOptions& Aligner::options() const { return impl_->options; }

PairAlignment Aligner::Align(const AlignEdition& source, const AlignEdition& target,
                             const std::optional<LengthModel>& model_override) const {
  const AlignerOptions& opt = impl_->options;
  const LengthModel model = model_override ? *model_override
                            : opt.length_model
                                ? *opt.length_model
                                : DefaultLengthModel(source.language, target.language);
  const std::vector<SentenceFeatures> s = impl_->Features(source);
  const std::vector<SentenceFeatures> t = impl_->Features(target);
  const std::size_t n = s.size(), m = t.size();
  const bool bounded = opt.use_structure && source.has_paragraphs && target.has_paragraphs;

  PairAlignment result;
  result.source = source.language;
  result.target = target.language;

  const auto width = std::max<std::size_t>(
      {opt.min_band, static_cast<std::size_t>(std::ceil(opt.band_fraction * std::max(n, m))),
       // the band must reach the corner whatever the lengths
       n > m ? n - m : m - n});
  const Band band(n, m, width);

  auto bead_cost = [&](const Step& st, std::size_t i, std::size_t j) -> double {
    const std::size_t i0 = i - st.di, j0 = j - st.dj;
    if (bounded) {
      if (st.di == 2 && s[i0].block != s[i0 + 1].block) return kInf;
      if (st.dj == 2 && t[j0].block != t[j0 + 1].block) return kInf;
    }
    double cost = align_internal::PriorCost(st.kind);
    if (st.di == 0 || st.dj == 0) {
      cost += align_internal::kOmissionCost;
    } else {
      double ls = 0, lt = 0;
      for (std::size_t k = i0; k < i; ++k) ls += s[k].length;
      for (std::size_t k = j0; k < j; ++k) lt += t[k].length;
      cost += align_internal::LengthCost(ls, lt, model);
      if (opt.use_structure) cost += align_internal::StructureCost(s, i0, i, t, j0, j);
    }
    cost += align_internal::AnchorCost(s, i0, i, t, j0, j);
    return cost;
  };

  // Forward pass: Viterbi (best) and forward sums (all paths), bead costs
  // cached for the backward pass.
  std::vector<double> best(band.cells, kInf), fwd(band.cells, kInf);
  std::vector<std::array<float, 6>> costs(band.cells);
  std::vector<std::uint8_t> back(band.cells, 255);
  best[0] = fwd[0] = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    for (std::size_t j = band.lo[i]; j <= band.hi[i]; ++j) {
      const std::size_t at = band.At(i, j);
      auto& cell_costs = costs[at];
      for (std::size_t k = 0; k < kSteps.size(); ++k) {
        cell_costs[k] = std::numeric_limits<float>::infinity();
        const Step& st = kSteps[k];
        if (i < static_cast<std::size_t>(st.di) || j < static_cast<std::size_t>(st.dj)) continue;
        const std::size_t from = band.At(i - st.di, j - st.dj);
        if (from == Band::npos || fwd[from] == kInf) continue;
        const double c = bead_cost(st, i, j);
        if (c == kInf) continue;
        cell_costs[k] = static_cast<float>(c);
        if (best[from] + c < best[at]) {
          best[at] = best[from] + c;
          back[at] = static_cast<std::uint8_t>(k);
        }
        fwd[at] = LogAdd(fwd[at], fwd[from] + c);
      }
    }
  }

  // Backward sums: cost of all ways from (i, j) to the end.
  std::vector<double> bwd(band.cells, kInf);
  bwd[band.At(n, m)] = 0;
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = band.hi[i] + 1; j-- > band.lo[i];) {
      const std::size_t at = band.At(i, j);
      for (std::size_t k = 0; k < kSteps.size(); ++k) {
        const Step& st = kSteps[k];
        if (i + st.di > n || j + st.dj > m) continue;
        const std::size_t to = band.At(i + st.di, j + st.dj);
        if (to == Band::npos || bwd[to] == kInf) continue;
        const float c = costs[to][k];
        if (c == std::numeric_limits<float>::infinity()) continue;
        bwd[at] = LogAdd(bwd[at], bwd[to] + c);
      }
    }
  }

  const double total = fwd[band.At(n, m)];
  std::size_t i = n, j = m;
  while (i > 0 || j > 0) {
    const std::size_t at = band.At(i, j);
    const Step& st = kSteps[back[at]];
    Bead b;
    b.kind = st.kind;
    b.source_begin = i - st.di;
    b.source_count = st.di;
    b.target_begin = j - st.dj;
    b.target_count = st.dj;
    b.cost = costs[at][back[at]];
    const std::size_t from = band.At(b.source_begin, b.target_begin);
    const double posterior = std::exp(-(fwd[from] + b.cost + bwd[at] - total));
    b.confidence = std::clamp(posterior, 0.0, 1.0) * Fit(b.cost);
    result.beads.push_back(b);
    i = b.source_begin;
    j = b.target_begin;
  }
  std::reverse(result.beads.begin(), result.beads.end());

  double conf = 0;
  std::size_t matched_beads = 0, matched_sentences = 0;
  for (const Bead& b : result.beads) {
    if (b.source_count == 0 || b.target_count == 0) continue;
    conf += b.confidence;
    ++matched_beads;
    matched_sentences += b.source_count + b.target_count;
  }
  result.mean_confidence = matched_beads ? conf / static_cast<double>(matched_beads) : 0.0;
  result.matched_share =
      n + m ? static_cast<double>(matched_sentences) / static_cast<double>(n + m) : 0.0;
  return result;
}

}  // namespace lovcen
