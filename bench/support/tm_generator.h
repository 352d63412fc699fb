// Synthetic translation memories for benchmarks: news-like sentences over a
// Zipf-distributed vocabulary (60,000 words per language, realistic accented
// letters for cnr and de), lengths around 24 tokens, and a share of
// near-duplicates (one word changed) as in a real newsroom TM. Deterministic
// for a seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "lovcen/tm_types.h"

namespace lovcen::bench {

struct TmGeneratorOptions {
  std::uint64_t seed = 42;
  std::size_t vocabulary = 60000;
  double near_duplicate_share = 0.2;
  bool with_cyrillic = false;  // add a cnr-Cyrl variant (4 languages instead of 3)
};

class TmGenerator {
 public:
  explicit TmGenerator(TmGeneratorOptions options = {});

  // The next unit: en, de, cnr-Latn (and cnr-Cyrl) variants.
  TranslationUnit Next();
  // A sentence in `language` (for lookups of text that may not be stored).
  std::string Sentence(Language language);

 private:
  std::string Word(Language language, std::size_t rank);
  std::size_t ZipfRank();

  TmGeneratorOptions options_;
  std::mt19937_64 rng_;
  std::vector<double> cumulative_;  // Zipf CDF over ranks
  std::vector<TranslationUnit> recent_;  // for near-duplicates
};

// Writes `count` units as a lovcen TSV (header en, de, cnr-Latn) to `path`.
void WriteTsv(const std::string& path, std::size_t count, TmGeneratorOptions options = {});

// Peak resident set size of this process in MiB.
double PeakRssMiB();

}  // namespace lovcen::bench
