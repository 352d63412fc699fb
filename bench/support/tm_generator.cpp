#include "tm_generator.h"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace lovcen::bench {
namespace {

constexpr const char* kLatinSyllables[] = {"ka", "ro", "mi", "ne", "za", "vo", "li", "da", "pre", "sta",
                                            "ko", "ri", "to", "ma", "no", "ve", "sa", "du", "gra", "lo"};
constexpr const char* kCnrExtra[] = {"č", "ć", "š", "ž", "đ", "nj", "lj", "dž", "ś", "ź"};
constexpr const char* kDeExtra[] = {"ä", "ö", "ü", "ß", "sch", "ch", "ei", "ie"};

}  // namespace

TmGenerator::TmGenerator(TmGeneratorOptions options) : options_(options), rng_(options.seed) {
  cumulative_.resize(options_.vocabulary);
  double sum = 0;
  for (std::size_t r = 0; r < options_.vocabulary; ++r) {
    sum += 1.0 / static_cast<double>(r + 1);
    cumulative_[r] = sum;
  }
  for (double& c : cumulative_) c /= sum;
}

std::size_t TmGenerator::ZipfRank() {
  const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  return static_cast<std::size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) -
                                  cumulative_.begin());
}

std::string TmGenerator::Word(Language language, std::size_t rank) {
  // A word is a deterministic function of its rank: frequent ranks are short.
  std::string w;
  std::size_t x = rank * 2654435761u + 17 + static_cast<std::size_t>(language) * 7919;
  const std::size_t syllables = 1 + (rank > 100) + (rank > 2000) + (x % 2);
  for (std::size_t i = 0; i < syllables; ++i) {
    w += kLatinSyllables[x % 20];
    x /= 20;
    if (language == Language::kMontenegrinLatin && x % 5 == 0) w += kCnrExtra[x % 10];
    if (language == Language::kGerman && x % 6 == 0) w += kDeExtra[x % 8];
    x = x * 31 + 7;
  }
  return w;
}

std::string TmGenerator::Sentence(Language language) {
  std::normal_distribution<double> length(24, 7);
  const int n = std::clamp(static_cast<int>(length(rng_)), 4, 60);
  std::string s;
  for (int i = 0; i < n; ++i) {
    std::string w = Word(language, ZipfRank());
    if (i == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    if (!s.empty()) s += (i % 9 == 8) ? ", " : " ";
    s += w;
    if (i == n / 2 && rng_() % 8 == 0) s += " " + std::to_string(rng_() % 5000);
  }
  s += '.';
  return s;
}

TranslationUnit TmGenerator::Next() {
  const bool near = !recent_.empty() &&
                    std::uniform_real_distribution<double>(0, 1)(rng_) < options_.near_duplicate_share;
  TranslationUnit u;
  if (near) {
    u = recent_[rng_() % recent_.size()];
    for (Variant& v : u.variants) {
      // Change one word: the kind of edit a follow-up story makes.
      const std::size_t space = v.segment.text.find(' ', rng_() % v.segment.text.size());
      if (space != std::string::npos) {
        v.segment.text.insert(space, " " + Word(v.language.language(), ZipfRank()));
      } else {
        v.segment.text += " " + Word(v.language.language(), ZipfRank());
      }
    }
  } else {
    for (Language l : {Language::kEnglish, Language::kGerman, Language::kMontenegrinLatin}) {
      Variant v;
      v.language = LanguageTag(l);
      v.segment.text = Sentence(l);
      u.variants.push_back(std::move(v));
    }
    if (options_.with_cyrillic) {
      Variant v;
      v.language = LanguageTag(Language::kMontenegrinCyrillic);
      v.segment.text = "Ћ" + u.variants[2].segment.text;  // a distinct text is enough here
      u.variants.push_back(std::move(v));
    }
  }
  if (recent_.size() < 1000) {
    recent_.push_back(u);
  } else {
    recent_[rng_() % recent_.size()] = u;
  }
  return u;
}

void WriteTsv(const std::string& path, std::size_t count, TmGeneratorOptions options) {
  TmGenerator gen(options);
  std::ofstream out(path, std::ios::binary);
  out << "en\tde\tcnr-Latn\n";
  for (std::size_t i = 0; i < count; ++i) {
    const TranslationUnit u = gen.Next();
    out << u.variants[0].segment.text << '\t' << u.variants[1].segment.text << '\t'
        << u.variants[2].segment.text << '\n';
  }
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace lovcen::bench
