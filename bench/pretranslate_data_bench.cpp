// Not a Google Benchmark: the data generator of bench/pretranslate_compare.sh
// (named *_bench.cpp so the bench glob builds it with the generators it uses).
//
//   pretranslate_data_bench TM_UNITS ARTICLE_SEGMENTS OUT_DIR
//
// writes OUT_DIR/tm.tmx, a bilingual en -> de TMX 1.4b of TM_UNITS units (the
// TmGenerator's news-like sentences: Zipf vocabulary, ~24 tokens, 20%
// near-duplicates), and OUT_DIR/article.xlf, an XLIFF 1.2 "new article" of
// ARTICLE_SEGMENTS trans-units with empty targets: 30% sentences of the TM
// verbatim, 45% TM sentences with one to five words replaced (fuzzy matches
// from about 95 down to below 75), 25% new sentences. OUT_DIR/article.kinds
// lists "id kind" per segment (exact / near-N / new) for the script's report.
// Plain TMX without inline codes or props, so both tools read the same text.
// Deterministic.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/tm_generator.h"

namespace {

std::string Escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> w;
  std::size_t at = 0;
  while (at < s.size()) {
    const std::size_t space = std::min(s.find(' ', at), s.size());
    if (space > at) w.push_back(s.substr(at, space - at));
    at = space + 1;
  }
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  using lovcen::Language;
  using lovcen::bench::TmGenerator;
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s TM_UNITS ARTICLE_SEGMENTS OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::size_t units = std::strtoull(argv[1], nullptr, 10);
  const std::size_t segments = std::strtoull(argv[2], nullptr, 10);
  const std::filesystem::path dir = argv[3];
  std::filesystem::create_directories(dir);
  if (units < segments * 4) {
    std::fprintf(stderr, "the TM must be at least four times the article\n");
    return 2;
  }

  // The TM, keeping a spread sample of its English sentences for the article.
  std::vector<std::string> sample;
  const std::size_t step = units / (segments * 2);
  {
    std::ofstream tmx(dir / "tm.tmx", std::ios::binary);
    tmx << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"
           "<header creationtool=\"pretranslate_data_bench\" creationtoolversion=\"1\" "
           "segtype=\"sentence\" o-tmf=\"bench\" adminlang=\"en\" srclang=\"en\" "
           "datatype=\"plaintext\"/>\n<body>\n";
    TmGenerator gen;
    for (std::size_t i = 0; i < units; ++i) {
      const lovcen::TranslationUnit u = gen.Next();
      const std::string& en = u.variants[0].segment.text;  // en, de, cnr-Latn
      const std::string& de = u.variants[1].segment.text;
      if (i % step == step / 2) sample.push_back(en);
      tmx << "<tu tuid=\"n" << i << "\"><tuv xml:lang=\"en\"><seg>" << Escaped(en)
          << "</seg></tuv><tuv xml:lang=\"de\"><seg>" << Escaped(de) << "</seg></tuv></tu>\n";
    }
    tmx << "</body>\n</tmx>\n";
    if (!tmx) {
      std::fprintf(stderr, "cannot write %s\n", (dir / "tm.tmx").c_str());
      return 1;
    }
  }

  // The article.
  std::mt19937_64 rng(2025);
  TmGenerator fresh(lovcen::bench::TmGeneratorOptions{7});
  std::vector<std::string> vocabulary;
  for (const std::string& s : sample) {
    for (const std::string& w : Words(s)) vocabulary.push_back(w);
  }
  std::ofstream xlf(dir / "article.xlf", std::ios::binary);
  std::ofstream kinds(dir / "article.kinds", std::ios::binary);
  xlf << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
         "<file original=\"article.txt\" source-language=\"en\" target-language=\"de\" "
         "datatype=\"plaintext\">\n<body>\n";
  for (std::size_t i = 0; i < segments; ++i) {
    std::string text, kind;
    if (i % 20 < 6) {  // 30%
      text = sample[(i * 2) % sample.size()];
      kind = "exact";
    } else if (i % 20 < 15) {  // 45%
      std::vector<std::string> w = Words(sample[(i * 2 + 1) % sample.size()]);
      const std::size_t changes = 1 + i % 5;  // one to five words
      for (std::size_t c = 0; c < changes; ++c)
        w[rng() % w.size()] = vocabulary[rng() % vocabulary.size()];
      for (const std::string& x : w) text += (text.empty() ? "" : " ") + x;
      kind = "near-" + std::to_string(changes);
    } else {
      text = fresh.Sentence(Language::kEnglish);
      kind = "new";
    }
    const std::string id = "s" + std::to_string(i + 1);
    xlf << "<trans-unit id=\"" << id << "\"><source>" << Escaped(text)
        << "</source></trans-unit>\n";
    kinds << id << ' ' << kind << '\n';
  }
  xlf << "</body>\n</file>\n</xliff>\n";
  return xlf && kinds ? 0 : 1;
}
