// Three editions: the three pairwise alignments, the merge of two of them
// through a pivot edition into multilingual beads, the check of each merged
// bead against the direct pairing of the other two editions, and the choice
// of the pivot whose merge that check agrees with most.
#include <algorithm>

#include "lovcen/aligner.h"

namespace lovcen {
namespace {

BeadKind Reverse(BeadKind k) {
  switch (k) {
    case BeadKind::k1_0:
      return BeadKind::k0_1;
    case BeadKind::k0_1:
      return BeadKind::k1_0;
    case BeadKind::k2_1:
      return BeadKind::k1_2;
    case BeadKind::k1_2:
      return BeadKind::k2_1;
    default:
      return k;
  }
}

PairAlignment Reversed(const PairAlignment& p) {
  PairAlignment r = p;
  std::swap(r.source, r.target);
  for (Bead& b : r.beads) {
    std::swap(b.source_begin, b.target_begin);
    std::swap(b.source_count, b.target_count);
    b.kind = Reverse(b.kind);
  }
  return r;
}

using Span = MergedBead::Span;

void Extend(Span& span, std::size_t begin, std::size_t count) {
  if (count == 0) return;
  if (span.count == 0) span.begin = begin;
  span.count = begin + count - span.begin;
}

// True when every bead of `xy` that touches x or y lies inside both.
bool Agrees(const PairAlignment& xy, const Span& x, const Span& y) {
  for (const Bead& b : xy.beads) {
    const bool touches_x = b.source_count && b.source_begin < x.begin + x.count &&
                           b.source_begin + b.source_count > x.begin;
    const bool touches_y = b.target_count && b.target_begin < y.begin + y.count &&
                           b.target_begin + b.target_count > y.begin;
    if (!touches_x && !touches_y) continue;
    const bool inside_x =
        b.source_count == 0 ||
        (b.source_begin >= x.begin && b.source_begin + b.source_count <= x.begin + x.count);
    const bool inside_y =
        b.target_count == 0 ||
        (b.target_begin >= y.begin && b.target_begin + b.target_count <= y.begin + y.count);
    if (!inside_x || !inside_y) return false;
  }
  return true;
}

// The merge of the two pairings of `pivot` into multilingual beads, each
// checked against the pairing of the other two editions.
MultiAlignment MergeThrough(std::size_t pivot, const PairAlignment& p01, const PairAlignment& p02,
                            const PairAlignment& p12) {
  const std::size_t x = pivot == 0 ? 1 : 0;
  const std::size_t y = pivot == 2 ? 1 : 2;
  PairAlignment px, py, xy;
  if (pivot == 0) {
    px = p01, py = p02, xy = p12;
  } else if (pivot == 1) {
    px = Reversed(p01), py = p12, xy = p02;
  } else {
    px = Reversed(p02), py = Reversed(p12), xy = p01;
  }

  MultiAlignment out;
  out.pivot = pivot;
  std::size_t ax = 0, ay = 0;
  auto emit_single = [&](std::size_t edition, const Bead& b) {
    MergedBead mb;
    mb.spans.assign(3, Span{});
    mb.spans[edition] = Span{b.target_begin, b.target_count};
    mb.confidence = b.confidence;
    const Span none{};
    mb.disagreement =
        edition == x ? !Agrees(xy, mb.spans[x], none) : !Agrees(xy, none, mb.spans[y]);
    out.beads.push_back(mb);
  };
  while (ax < px.beads.size() || ay < py.beads.size()) {
    if (ax < px.beads.size() && px.beads[ax].source_count == 0) {
      emit_single(x, px.beads[ax++]);
      continue;
    }
    if (ay < py.beads.size() && py.beads[ay].source_count == 0) {
      emit_single(y, py.beads[ay++]);
      continue;
    }
    if (ax >= px.beads.size() || ay >= py.beads.size()) break;  // both cover the pivot
    MergedBead mb;
    mb.spans.assign(3, Span{});
    mb.confidence = 1.0;
    auto take = [&](const Bead& b, std::size_t other) {
      Extend(mb.spans[pivot], b.source_begin, b.source_count);
      Extend(mb.spans[other], b.target_begin, b.target_count);
      mb.confidence = std::min(mb.confidence, b.confidence);
    };
    std::size_t end_x = px.beads[ax].source_begin + px.beads[ax].source_count;
    std::size_t end_y = py.beads[ay].source_begin + py.beads[ay].source_count;
    take(px.beads[ax++], x);
    take(py.beads[ay++], y);
    while (end_x != end_y) {
      if (end_x < end_y && ax < px.beads.size()) {
        end_x = px.beads[ax].source_begin + px.beads[ax].source_count;
        take(px.beads[ax++], x);
      } else if (end_y < end_x && ay < py.beads.size()) {
        end_y = py.beads[ay].source_begin + py.beads[ay].source_count;
        take(py.beads[ay++], y);
      } else {
        break;
      }
    }
    mb.disagreement = !Agrees(xy, mb.spans[x], mb.spans[y]);
    out.beads.push_back(mb);
  }
  out.pairs = {std::move(px), std::move(py), std::move(xy)};
  return out;
}

std::size_t Disagreements(const MultiAlignment& m) {
  std::size_t n = 0;
  for (const MergedBead& b : m.beads) n += b.disagreement;
  return n;
}

}  // namespace

MultiAlignment Aligner::AlignThree(std::span<const AlignEdition> editions,
                                   std::span<const std::optional<LengthModel>> models) const {
  auto model = [&](std::size_t k) { return k < models.size() ? models[k] : std::nullopt; };
  const PairAlignment p01 = Align(editions[0], editions[1], model(0));
  const PairAlignment p02 = Align(editions[0], editions[2], model(1));
  const PairAlignment p12 = Align(editions[1], editions[2], model(2));

  // Each edition as pivot gives a merge; the one the third pairing agrees
  // with most wins (a pivot pairing that joined a sentence to the wrong
  // neighbour shows as disagreements). Between equals the first edition,
  // the original the others were translated from when the caller follows
  // the convention (lovcen align puts English first): a translation aligns
  // best with its source. Then the pivot whose two pairings are the most
  // confident.
  const double score[3] = {p01.mean_confidence + p02.mean_confidence,
                           p01.mean_confidence + p12.mean_confidence,
                           p02.mean_confidence + p12.mean_confidence};
  MultiAlignment best;
  std::size_t best_disagreements = 0;
  for (std::size_t pivot = 0; pivot < 3; ++pivot) {
    MultiAlignment m = MergeThrough(pivot, p01, p02, p12);
    const std::size_t d = Disagreements(m);
    if (pivot == 0 || d < best_disagreements ||
        (d == best_disagreements && best.pivot != 0 && score[pivot] > score[best.pivot])) {
      best_disagreements = d;
      best = std::move(m);
    }
  }
  return best;
}

}  // namespace lovcen
