// Internals of the aligner shared by its source files (aligner_*.cpp): the
// per-sentence features the costs read, and the cost terms themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "lovcen/aligner.h"
#include "lovcen/tokenizer.h"

namespace lovcen::align_internal {

// What the DP knows about one sentence. Anchor keys are hashes, sorted.
struct SentenceFeatures {
  std::uint32_t length = 0;           // characters
  std::vector<std::uint64_t> hard;    // numbers of 2+ digits, dates: must agree
  std::vector<std::uint64_t> medium;  // acronyms, one-digit numbers, times: should agree
  std::vector<std::uint64_t> soft;    // names: bonus when shared
  bool quote = false;                 // holds quotation marks
  int block = 0;
  bool block_start = false;
  bool block_end = false;
  BlockType type = BlockType::kParagraph;
};

// Extracts the features of every sentence of `edition`; `transliterator` may
// be null (then Cyrillic words are compared as written).
std::vector<SentenceFeatures> ExtractFeatures(const AlignEdition& edition,
                                              const Tokenizer& tokenizer,
                                              const Transliterator* transliterator);

// -log of the Gale-Church probability that `target` characters translate
// `source` characters (both > 0).
double LengthCost(double source, double target, const LengthModel& model);

// -log prior of each bead kind (Gale and Church 1991).
double PriorCost(BeadKind kind);

// Cost of omitting one sentence (1-0 / 0-1), beyond its prior.
constexpr double kOmissionCost = 0.5;

// An edition that leaves out a whole paragraph is a common edit; leaving
// out its sentences one by one is not. Omitting a whole block of k >= 2
// sentences costs one omission plus this for each further sentence, so a
// missing paragraph is taken out whole instead of pairing its first
// sentence with the next paragraph's and omitting the rest across both.
constexpr double kBlockOmissionExtra = 2.0;

// Anchor cost (negative = evidence for the bead) of source sentences
// [sb, se) against target sentences [tb, te).
double AnchorCost(const std::vector<SentenceFeatures>& s, std::size_t sb, std::size_t se,
                  const std::vector<SentenceFeatures>& t, std::size_t tb, std::size_t te);

// Structure cost: paragraph starts and ends, titles, block types.
double StructureCost(const std::vector<SentenceFeatures>& s, std::size_t sb, std::size_t se,
                     const std::vector<SentenceFeatures>& t, std::size_t tb, std::size_t te);

}  // namespace lovcen::align_internal

namespace lovcen {

// The aligner's state, shared by its source files.
struct Aligner::Impl {
  AlignerOptions options;
  const Transliterator* transliterator = nullptr;
  std::map<Language, Tokenizer> tokenizers;

  std::vector<align_internal::SentenceFeatures> Features(const AlignEdition& e) const {
    // Tokenizers are not thread-safe; a clone per call keeps Align() const
    // and shareable (cloning does not reload ICU's rules).
    const Tokenizer tokenizer = tokenizers.at(e.language.language()).Clone();
    std::vector<align_internal::SentenceFeatures> f = align_internal::ExtractFeatures(
        e, tokenizer, options.use_anchors ? transliterator : nullptr);
    if (!options.use_anchors) {
      for (auto& s : f) s.hard.clear(), s.soft.clear(), s.quote = false;
    }
    return f;
  }
};

}  // namespace lovcen
