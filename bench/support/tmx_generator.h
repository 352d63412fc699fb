// A generated trilingual TMX for benchmarks: the TmGenerator's news-like
// sentences (Zipf vocabulary, ~24 tokens, near-duplicates) as TMX 1.4b units
// with what a newsroom export carries: tuid, dates, x-origin and x-story
// props, the neighbouring sentences as x-context-pre/post, inline codes
// (bold pairs, links as ph) in a share of units, and characters to escape.
// Written directly, not through lovcen's TmxWriter, so the reader is
// measured on input lovcen did not produce. Deterministic for a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "support/tm_generator.h"

namespace lovcen::bench {

struct TmxGeneratorOptions {
  TmGeneratorOptions sentences;
  double code_share = 0.15;       // units with a bpt/ept pair and a ph in every variant
  std::size_t story_length = 40;  // units per x-story; context within a story only
  bool context = true;            // x-context-pre/post props (two more sentences per unit)
};

// Writes `count` units (en, de, cnr-Latn) to `path`; returns the file size.
std::uint64_t WriteTmx(const std::string& path, std::size_t count,
                       const TmxGeneratorOptions& options = {});

}  // namespace lovcen::bench
