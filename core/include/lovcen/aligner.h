// Sentence alignment of the editions of one article (design brief §8).
// Dynamic programming over beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 whose cost
// is the Gale-Church length model (characters, i.e. code points) plus anchor
// evidence: numbers and dates compared by value in each edition's locale,
// acronyms and names compared in Latin script (cnr-Cyrl is transliterated
// first), quotes, and the article's structure (a title aligns with a title;
// no bead joins sentences of two paragraphs, and paragraph starts prefer
// paragraph starts). The search runs in a band around the diagonal: time and
// memory are O(n * band), where the band is the larger of 40 sentences and
// 6 % of the document (so that a long edition that drifts is still
// followed); 2,000 sentences a side align in about half a second
// (bench/align_bench.cpp). Each bead carries a confidence in 0..1 from its
// cost.
// An Aligner is immutable after Create() and may be shared between threads.
// docs/alignment.md describes the model and how it was measured.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/article.h"
#include "lovcen/language.h"
#include "lovcen/status.h"

namespace lovcen {

class Transliterator;

// One sentence of an edition, in reading order.
struct AlignSentence {
  std::string text;
  int block = 0;  // index of the block (paragraph, title, ...) it belongs to
  BlockType type = BlockType::kParagraph;
};

// One edition of the article: its language and sentences.
struct AlignEdition {
  LanguageTag language{Language::kEnglish};
  std::vector<AlignSentence> sentences;
  // False when the edition's blocks do not mean anything (e.g. a flat list of
  // sentences): beads may then cross block boundaries.
  bool has_paragraphs = true;
};

// Gale-Church length model: target length ~ N(c * l, s2 * l) for a source of
// l characters.
struct LengthModel {
  double c = 1.0;
  double s2 = 6.8;
};

// The default model of a language pair (source, target), from the typical
// length ratio of news prose in those languages.
LengthModel DefaultLengthModel(const LanguageTag& source, const LanguageTag& target);

// Estimates (c, s2) from stored sentence pairs, given as their lengths in
// characters (source, target). nullopt when fewer than `min_pairs` usable
// pairs are given; the caller then keeps the default.
std::optional<LengthModel> EstimateLengthModel(
    std::span<const std::pair<std::size_t, std::size_t>> pairs, std::size_t min_pairs = 200);

// Length in characters (code points) as the model counts it.
std::size_t CharacterLength(std::string_view text);

enum class BeadKind { k1_1, k1_0, k0_1, k2_1, k1_2, k2_2 };
std::string_view BeadKindName(BeadKind kind);  // "1-1", "1-0", ...

// Sentences [source_begin, source_begin + source_count) of the source edition
// align with [target_begin, target_begin + target_count) of the target.
struct Bead {
  std::size_t source_begin = 0;
  std::size_t source_count = 0;
  std::size_t target_begin = 0;
  std::size_t target_count = 0;
  double confidence = 0.0;  // 0..1: how likely this bead is right
  double cost = 0.0;        // the DP cost of the bead (lower is better)
  BeadKind kind = BeadKind::k1_1;
};

struct AlignerOptions {
  // Use anchors (numbers, dates, acronyms, names, quotes). Off: length model
  // only (the baseline).
  bool use_anchors = true;
  // Use the article structure (titles, paragraph boundaries). Off: flat text.
  bool use_structure = true;
  // Length model per pair; nullopt = DefaultLengthModel().
  std::optional<LengthModel> length_model;
  // Half-width of the search band in sentences: the larger of these.
  std::size_t min_band = 40;
  double band_fraction = 0.06;  // of the longer edition
  // Beads below this confidence are marked for review (the CLI's default for
  // --min-confidence).
  double min_confidence = 0.5;
};

// The result of aligning two editions.
struct PairAlignment {
  LanguageTag source{Language::kEnglish};
  LanguageTag target{Language::kEnglish};
  std::vector<Bead> beads;       // in order, covering every sentence of both sides once
  double mean_confidence = 0.0;  // over beads holding at least one sentence on each side
  // Share of sentences of both sides in beads that are not 1-0/0-1: near 0
  // means the editions are probably not of the same story.
  double matched_share = 0.0;
  // Of the beads pairing sentences that hold anchors (numbers, dates,
  // acronyms, names, quotes) on either side, the share whose anchors agree
  // more than they clash; 1 when no bead holds any. Editions of the same
  // story score high; unrelated ones that happen to share a site's
  // boilerplate and similar sentence lengths score low.
  double anchor_agreement = 1.0;
  std::size_t anchored_beads = 0;  // how many beads anchor_agreement is over
};

// A multilingual unit of a three-edition alignment: for each edition (in the
// order given to AlignThree), its sentence range.
struct MergedBead {
  struct Span {
    std::size_t begin = 0;
    std::size_t count = 0;
  };
  std::vector<Span> spans;    // one per edition
  double confidence = 0.0;    // the lowest of the pairwise beads it was built from
  bool disagreement = false;  // the direct pairing of the two non-pivot editions disagrees
};

struct MultiAlignment {
  std::size_t pivot = 0;  // edition through which the others were aligned
  std::vector<MergedBead> beads;
  std::vector<PairAlignment> pairs;  // pivot-other pairings, then the check pairing
};

class Aligner {
 public:
  // `transliterator` (not owned, may be null) turns cnr-Cyrl names and
  // acronyms into Latin before they are compared; without it Cyrillic
  // editions align on length, numbers and structure only.
  static Result<Aligner> Create(const AlignerOptions& options = {},
                                const Transliterator* transliterator = nullptr);
  Aligner(Aligner&&) noexcept;
  Aligner& operator=(Aligner&&) noexcept;
  ~Aligner();

  // Aligns two editions. Never fails on text; an empty edition gives 1-0 or
  // 0-1 beads only. `model` overrides the options' length model.
  PairAlignment Align(const AlignEdition& source, const AlignEdition& target,
                      const std::optional<LengthModel>& model = std::nullopt) const;

  // Aligns three editions into multilingual beads: all three pairings are
  // computed, each edition's two pairings are merged through it, and the
  // third pairing checks each merge (disagreement flag); the pivot is the
  // edition whose merge has the fewest disagreements, between equals the
  // first edition (give the original first), then the one whose two
  // pairings are the most confident.
  // `models`, when given, holds the length models for the pairings (0,1),
  // (0,2), (1,2) (nullopt entries fall back to the defaults).
  MultiAlignment AlignThree(std::span<const AlignEdition> editions,
                            std::span<const std::optional<LengthModel>> models = {}) const;

  // Adds `twin`, the edition `base_edition` in its other script (cnr-Cyrl
  // beside cnr-Latn), to `beads` as one more span per bead, appended last;
  // `base` is the index of base_edition's spans. The twin is aligned with its
  // base, not through the pivot: the two are one text, where a pairing with a
  // translation would add its errors. Read in one script, sentences that are
  // the same pair with confidence 1; only the stretches between them (an
  // edited sentence, one edition's extra sentence) go through the model. Twin
  // sentences paired with base sentences of two merged beads go to the first
  // and flag both (disagreement); twin sentences the base lacks become beads
  // of their own. Each bead's confidence becomes the lower of its own and its
  // twin pairings'. Returns the pairing (base -> twin).
  PairAlignment AddTwin(std::vector<MergedBead>& beads, std::size_t base,
                        const AlignEdition& base_edition, const AlignEdition& twin) const;

  // The pairing AddTwin uses (base -> twin), on its own.
  PairAlignment AlignTwins(const AlignEdition& base, const AlignEdition& twin) const;

  const AlignerOptions& options() const;

 private:
  struct Impl;
  explicit Aligner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lovcen
