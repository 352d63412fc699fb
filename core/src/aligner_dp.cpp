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

// Steps past kSteps: a whole block of the source (kBlockOmitSource) or of
// the target omitted at once; their length is the block's.
constexpr std::size_t kBlockOmitSource = kSteps.size();
constexpr std::size_t kBlockOmitTarget = kSteps.size() + 1;
constexpr std::size_t kAllSteps = kSteps.size() + 2;

// For each position p (0..n): the length of the block of two or more
// sentences that ends just before p (`ending`) and starts at p (`starting`);
// 0 where there is none.
struct BlockSpans {
  std::vector<std::size_t> ending, starting;
  explicit BlockSpans(const std::vector<SentenceFeatures>& f)
      : ending(f.size() + 1, 0), starting(f.size() + 1, 0) {
    for (std::size_t b = 0; b < f.size();) {
      std::size_t e = b + 1;
      while (e < f.size() && f[e].block == f[b].block) ++e;
      if (e - b >= 2) ending[e] = starting[b] = e - b;
      b = e;
    }
  }
};

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

  const BlockSpans sblocks(s), tblocks(t);
  const double omit_one = align_internal::PriorCost(BeadKind::k1_0) + align_internal::kOmissionCost;
  // Step k into cell (i, j): how far it reaches back (di, dj).
  auto step_span = [&](std::size_t k, std::size_t i,
                       std::size_t j) -> std::pair<std::size_t, std::size_t> {
    if (k < kSteps.size()) return {kSteps[k].di, kSteps[k].dj};
    if (!bounded) return {0, 0};
    if (k == kBlockOmitSource) return {sblocks.ending[i], 0};
    return {0, tblocks.ending[j]};
  };
  auto step_cost = [&](std::size_t k, std::size_t i, std::size_t j, std::size_t len) -> double {
    if (k < kSteps.size()) return bead_cost(kSteps[k], i, j);
    return omit_one + align_internal::kBlockOmissionExtra * static_cast<double>(len - 1);
  };

  // Forward pass: Viterbi (best) and forward sums (all paths), bead costs
  // cached for the backward pass.
  std::vector<double> best(band.cells, kInf), fwd(band.cells, kInf);
  std::vector<std::array<float, kAllSteps>> costs(band.cells);
  std::vector<std::uint8_t> back(band.cells, 255);
  best[0] = fwd[0] = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    for (std::size_t j = band.lo[i]; j <= band.hi[i]; ++j) {
      const std::size_t at = band.At(i, j);
      auto& cell_costs = costs[at];
      for (std::size_t k = 0; k < kAllSteps; ++k) {
        cell_costs[k] = std::numeric_limits<float>::infinity();
        const auto [di, dj] = step_span(k, i, j);
        if (di + dj == 0 || i < di || j < dj) continue;
        const std::size_t from = band.At(i - di, j - dj);
        if (from == Band::npos || fwd[from] == kInf) continue;
        const double c = step_cost(k, i, j, di + dj);
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
      for (std::size_t k = 0; k < kAllSteps; ++k) {
        std::size_t di = 0, dj = 0;
        if (k < kSteps.size()) {
          di = kSteps[k].di, dj = kSteps[k].dj;
        } else if (bounded) {
          (k == kBlockOmitSource ? di : dj) =
              k == kBlockOmitSource ? sblocks.starting[i] : tblocks.starting[j];
        }
        if (di + dj == 0 || i + di > n || j + dj > m) continue;
        const std::size_t to = band.At(i + di, j + dj);
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
    if (back[at] >= kSteps.size()) {
      // A whole block omitted: one 1-0 (0-1) bead per sentence, each as
      // sure as the block step.
      const auto [di, dj] = step_span(back[at], i, j);
      const std::size_t len = di + dj;
      const double cost = costs[at][back[at]];
      const std::size_t from = band.At(i - di, j - dj);
      const double posterior = std::exp(-(fwd[from] + cost + bwd[at] - total));
      for (std::size_t k = len; k-- > 0;) {
        Bead b;
        b.kind = di ? BeadKind::k1_0 : BeadKind::k0_1;
        b.source_begin = di ? i - di + k : i;
        b.source_count = di ? 1 : 0;
        b.target_begin = dj ? j - dj + k : j;
        b.target_count = dj ? 1 : 0;
        b.cost = cost / static_cast<double>(len);
        b.confidence = std::clamp(posterior, 0.0, 1.0) * Fit(b.cost);
        result.beads.push_back(b);
      }
      i -= di;
      j -= dj;
      continue;
    }
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
  std::size_t matched_beads = 0, matched_sentences = 0, anchored = 0, agreeing = 0;
  auto has_anchors = [](const std::vector<SentenceFeatures>& f, std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) {
      if (!f[k].hard.empty() || !f[k].medium.empty() || !f[k].soft.empty() || f[k].quote)
        return true;
    }
    return false;
  };
  for (const Bead& b : result.beads) {
    if (b.source_count == 0 || b.target_count == 0) continue;
    conf += b.confidence;
    ++matched_beads;
    matched_sentences += b.source_count + b.target_count;
    const std::size_t se = b.source_begin + b.source_count, te = b.target_begin + b.target_count;
    if (!has_anchors(s, b.source_begin, se) && !has_anchors(t, b.target_begin, te)) continue;
    ++anchored;
    agreeing += align_internal::AnchorCost(s, b.source_begin, se, t, b.target_begin, te) < 0;
  }
  result.anchored_beads = anchored;
  result.anchor_agreement =
      anchored ? static_cast<double>(agreeing) / static_cast<double>(anchored) : 1.0;
  result.mean_confidence = matched_beads ? conf / static_cast<double>(matched_beads) : 0.0;
  result.matched_share =
      n + m ? static_cast<double>(matched_sentences) / static_cast<double>(n + m) : 0.0;
  return result;
}

}  // namespace lovcen
