// Synthetic trilingual news articles for the alignment benchmarks: one story
// in en (the original), cnr-Latn and de, written as the newsroom's plain-text
// layout (site line, date line, title, byline, paragraphs separated by blank
// lines) that `lovcen align` reads. The editions share their facts: numbers,
// amounts, percentages and dates carry the same value in each locale's
// spelling ("1,250" / "1.250", "5 April 2025" / "5. aprila 2025." /
// "5. April 2025"), names are the same (cnr inflects some), places and
// organisations are translated. Translations differ the way real ones do at
// a small rate: a sentence split in two (1-2), two merged into one (2-1), a
// sentence or a whole paragraph left out, a sentence added; sentence lengths
// vary around cnr ~1.0x and de ~1.15x the English characters. The generator
// knows which sentences translate which, so it also gives the gold beads.
// Deterministic for (seed, story key).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/aligner.h"
#include "lovcen/status.h"

namespace lovcen::bench {

struct ArticleGeneratorOptions {
  std::uint64_t seed = 2025;
  // Per body sentence of a translated edition (cnr-Latn, de), independently.
  double split_rate = 0.03;  // rendered as two sentences (1-2)
  double merge_rate = 0.03;  // merged with the next sentence of its paragraph (2-1)
  double drop_rate = 0.015;  // left out (1-0)
  double extra_rate = 0.01;  // a sentence only this edition has follows (0-1)
  // Per translated edition of an article: one whole paragraph left out.
  double drop_paragraph_rate = 0.05;
  // Body sentences of the English edition (title and header lines apart).
  int min_sentences = 25;
  int max_sentences = 40;
};

// The editions in a fixed order.
enum EditionIndex : std::size_t { kEn = 0, kCnr = 1, kDe = 2 };

struct GeneratedEdition {
  LanguageTag language{Language::kEnglish};
  std::string file_text;  // the article file, plain-text layout
  // Every block's sentences in reading order as lovcen reads the file (site
  // line, date line, title, byline, body): what SegmentForAlignment should
  // give back, and what the gold beads count.
  AlignEdition edition;
};

struct GeneratedArticle {
  std::string key;
  std::array<GeneratedEdition, 3> editions;  // en, cnr-Latn, de (EditionIndex)
  // For each sentence of each edition, the range of the story's "facts"
  // (sentences of the underlying story) it expresses; empty for an added one.
  std::array<std::vector<std::pair<int, int>>, 3> facts;
};

// The gold alignment of editions `a` and `b` of `article`: beads covering
// every sentence of both once, in order (confidence 1; kind k2_2 stands for
// any bead larger than 2-1/1-2, which the generator makes rarely).
std::vector<Bead> GoldBeads(const GeneratedArticle& article, std::size_t a, std::size_t b);

// Share of the gold beads of (a, b) that `found` has exactly (same ranges).
double BeadAccuracy(const std::vector<Bead>& gold, const std::vector<Bead>& found);

class ArticleGenerator {
 public:
  explicit ArticleGenerator(ArticleGeneratorOptions options = {});

  // A typical article (options' sentence counts) for story `key`.
  GeneratedArticle Generate(std::string_view key) const;
  // One long document of about `sentences` body sentences per edition (for
  // the aligner's scaling; paragraphs of 1-4 sentences as in an article).
  GeneratedArticle GenerateLong(std::string_view key, int sentences) const;

 private:
  GeneratedArticle Make(std::string_view key, int min_sentences, int max_sentences) const;
  ArticleGeneratorOptions options_;
};

// Writes <dir>/<key>.en.txt, <key>.cnr-Latn.txt and <key>.de.txt, and with
// `cyrillic` also <key>.cnr-Cyrl.txt, the Latin edition transliterated (as
// the newsroom publishes it).
Status WriteArticleFiles(const GeneratedArticle& article, const std::string& dir,
                         const Transliterator* cyrillic = nullptr);

// Writes `count` stories ("story-0000", "story-0001", ...) into `dir`
// (created when missing). Returns the number of files written.
Result<std::size_t> WriteArchive(const std::string& dir, std::size_t count,
                                 ArticleGeneratorOptions options = {},
                                 const Transliterator* cyrillic = nullptr);

}  // namespace lovcen::bench
