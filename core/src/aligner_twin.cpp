// A twin edition (the same text in the other script: cnr-Cyrl beside
// cnr-Latn) joins merged beads through its pairing with the base edition.
// The pairing is a comparison, not a translation model: both editions are
// read in Latin script, sentences that then read the same are paired (their
// longest common subsequence, so repeated sentences keep their order), and
// only the stretches between two such pairs go through the length and anchor
// model (an edited sentence, one edition's extra sentence).
#include <algorithm>
#include <cstdint>

#include "aligner_internal.h"
#include "lovcen/aligner.h"
#include "lovcen/text.h"
#include "lovcen/transliterator.h"

namespace lovcen {
namespace {

using Span = MergedBead::Span;

void Extend(Span& span, std::size_t begin, std::size_t count) {
  if (count == 0) return;
  if (span.count == 0) span.begin = begin;
  span.count = begin + count - span.begin;
}

MergedBead TwinOnly(std::size_t editions, const Bead& b) {
  MergedBead mb;
  mb.spans.assign(editions + 1, Span{});
  mb.spans.back() = Span{b.target_begin, b.target_count};
  mb.confidence = b.confidence;
  return mb;
}

// Beyond this many sentence pairs (n * m) the quadratic comparison gives way
// to the banded model alone.
constexpr std::size_t kMaxCompareCells = std::size_t{4} << 20;  // 2,048 x 2,048: 16 MiB

AlignEdition Slice(const AlignEdition& e, std::size_t begin, std::size_t end) {
  AlignEdition out;
  out.language = e.language;
  out.has_paragraphs = e.has_paragraphs;
  out.sentences.assign(e.sentences.begin() + static_cast<std::ptrdiff_t>(begin),
                       e.sentences.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

// Pairs (i, j) of equal keys in a longest common subsequence, in order.
std::vector<std::pair<std::size_t, std::size_t>> CommonSentences(
    const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  const std::size_t n = a.size(), m = b.size();
  // len[i][j]: LCS length of a[i..] and b[j..].
  std::vector<std::uint32_t> len((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return len[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j]) {
      out.emplace_back(i++, j++);
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

}  // namespace

PairAlignment Aligner::AlignTwins(const AlignEdition& base, const AlignEdition& twin) const {
  const std::size_t n = base.sentences.size(), m = twin.sentences.size();
  if (impl_->transliterator == nullptr || n * m > kMaxCompareCells) return Align(base, twin);
  auto keys = [&](const AlignEdition& e) {
    std::vector<std::uint64_t> out;
    out.reserve(e.sentences.size());
    for (const AlignSentence& s : e.sentences) {
      out.push_back(KeyHash(MatchKey(impl_->transliterator->ToLatin(s.text))));
    }
    return out;
  };
  std::vector<std::pair<std::size_t, std::size_t>> common = CommonSentences(keys(base), keys(twin));
  common.emplace_back(n, m);  // sentinel: the stretch after the last pair

  PairAlignment out;
  out.source = base.language;
  out.target = twin.language;
  double agreeing = 0;
  std::size_t si = 0, ti = 0;
  for (const auto& [i, j] : common) {
    if (i > si || j > ti) {
      // The stretch between two equal pairs: the model decides.
      const PairAlignment gap = Align(Slice(base, si, i), Slice(twin, ti, j));
      for (Bead b : gap.beads) {
        b.source_begin += si;
        b.target_begin += ti;
        out.beads.push_back(b);
      }
      out.anchored_beads += gap.anchored_beads;
      agreeing += gap.anchor_agreement * static_cast<double>(gap.anchored_beads);
    }
    if (i < n) out.beads.push_back(Bead{i, 1, j, 1, 1.0, 0.0, BeadKind::k1_1});
    si = i + 1;
    ti = j + 1;
  }
  out.anchor_agreement =
      out.anchored_beads ? agreeing / static_cast<double>(out.anchored_beads) : 1.0;
  double confidence = 0;
  std::size_t matched_beads = 0, matched_sentences = 0;
  for (const Bead& b : out.beads) {
    if (b.source_count == 0 || b.target_count == 0) continue;
    confidence += b.confidence;
    ++matched_beads;
    matched_sentences += b.source_count + b.target_count;
  }
  out.mean_confidence = matched_beads ? confidence / static_cast<double>(matched_beads) : 0.0;
  out.matched_share =
      n + m ? static_cast<double>(matched_sentences) / static_cast<double>(n + m) : 0.0;
  return out;
}

PairAlignment Aligner::AddTwin(std::vector<MergedBead>& beads, std::size_t base,
                               const AlignEdition& base_edition, const AlignEdition& twin) const {
  PairAlignment pair = AlignTwins(base_edition, twin);
  const std::size_t editions = beads.empty() ? base + 1 : beads.front().spans.size();
  std::vector<MergedBead> out;
  out.reserve(beads.size() + 4);
  std::size_t k = 0;  // next bead of `pair`
  bool straddled = false;
  for (MergedBead& mb : beads) {
    Span twin_span;
    const Span b = mb.spans[base];
    if (straddled && b.count > 0) {
      mb.disagreement = true;
      straddled = false;
    }
    if (b.count > 0) {
      const std::size_t end = b.begin + b.count;
      bool taken = false;
      while (k < pair.beads.size()) {
        const Bead& p = pair.beads[k];
        if (p.source_count == 0) {
          // A twin sentence the base lacks: inside this bead when it falls
          // between two of the bead's base sentences, before it otherwise.
          if (taken) {
            Extend(twin_span, p.target_begin, p.target_count);
            mb.confidence = std::min(mb.confidence, p.confidence);
          } else {
            out.push_back(TwinOnly(editions, p));
          }
          ++k;
          continue;
        }
        if (p.source_begin >= end) break;
        Extend(twin_span, p.target_begin, p.target_count);
        mb.confidence = std::min(mb.confidence, p.confidence);
        taken = true;
        ++k;
        if (p.source_begin + p.source_count > end) {
          mb.disagreement = true;
          straddled = true;
        }
        if (p.source_begin + p.source_count >= end) break;
      }
    }
    mb.spans.push_back(twin_span);
    out.push_back(std::move(mb));
  }
  for (; k < pair.beads.size(); ++k) {
    if (pair.beads[k].target_count > 0) out.push_back(TwinOnly(editions, pair.beads[k]));
  }
  beads = std::move(out);
  return pair;
}

}  // namespace lovcen
