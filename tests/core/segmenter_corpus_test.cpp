// Scores lovcen's default segmentation against the hand-written gold of every
// article in corpora/ (<story>/<story>.<lang>.sentences: one segment per line,
// blocks separated by one empty line; the article <story>.<lang>.txt has one
// block per non-empty line). Precision and recall of segment boundaries per
// language, with ICU's sentence break (plain, and with its abbreviation
// suppressions) measured beside it on the same blocks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lovcen/formats/srx_reader.h"
#include "lovcen/segmenter.h"
#include "test_paths.h"

namespace lovcen {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

// Boundaries as offsets into the block's non-white-space characters.
std::set<std::size_t> Cuts(const std::vector<std::string>& segments) {
  std::set<std::size_t> cuts;
  std::size_t at = 0;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    if (k > 0) cuts.insert(at);
    at += Squeeze(segments[k]).size();
  }
  return cuts;
}

std::vector<std::string> Texts(std::string_view block, const std::vector<TextRange>& ranges) {
  std::vector<std::string> out;
  for (const auto& r : ranges) out.emplace_back(block.substr(r.begin, r.size()));
  return out;
}

struct Score {
  std::size_t gold = 0, found = 0, hit = 0;
  void Add(const std::set<std::size_t>& g, const std::set<std::size_t>& f) {
    gold += g.size();
    found += f.size();
    for (std::size_t c : f) hit += g.count(c);
  }
  double precision() const { return found == 0 ? 1.0 : static_cast<double>(hit) / found; }
  double recall() const { return gold == 0 ? 1.0 : static_cast<double>(hit) / gold; }
};

struct LangStats {
  std::size_t articles = 0, blocks = 0;
  Score lovcen, icu, icu_ss;
  std::vector<std::string> misses;  // where lovcen disagrees with the gold
};

std::string Show(const std::vector<std::string>& segs) {
  std::string out;
  for (const auto& s : segs) out += "\n      | " + s;
  return out;
}

TEST(SegmenterCorpus, GoldBoundariesPerLanguage) {
  const fs::path root = testing::CorporaDir();
  if (!fs::is_directory(root)) GTEST_SKIP() << "no corpora/ yet";
  auto doc = formats::ReadDefaultSrx();
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();

  std::map<std::string, LangStats> stats;
  std::map<std::string, Segmenter> segmenters;
  std::size_t without_gold = 0;
  std::vector<fs::path> stories;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) stories.push_back(entry.path());
  }
  std::sort(stories.begin(), stories.end());
  for (const auto& story : stories) {
    const std::string key = story.filename().string();
    for (const auto& entry : fs::directory_iterator(story)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(key + ".", 0) != 0 || entry.path().extension() != ".txt") continue;
      const std::string lang = name.substr(key.size() + 1, name.size() - key.size() - 5);
      auto tag = LanguageTag::Parse(lang);
      if (!tag.ok()) continue;
      const fs::path gold_path = story / (key + "." + lang + ".sentences");
      if (!fs::exists(gold_path)) {
        ++without_gold;
        std::cout << "no gold for " << name << "\n";
        continue;
      }
      if (!segmenters.count(lang)) {
        auto seg = Segmenter::Create(*doc, *tag);
        ASSERT_TRUE(seg.ok()) << seg.error().ToString();
        segmenters.emplace(lang, std::move(*seg));
      }
      const Segmenter& segmenter = segmenters.at(lang);

      std::vector<std::string> blocks;
      for (auto& line : Lines(testing::ReadFile(entry.path().string()))) {
        if (!Blank(line)) blocks.push_back(line);
      }
      std::vector<std::vector<std::string>> gold(1);
      for (auto& line : Lines(testing::ReadFile(gold_path.string()))) {
        if (Blank(line)) {
          if (!gold.back().empty()) gold.emplace_back();
        } else {
          gold.back().push_back(line);
        }
      }
      if (gold.back().empty()) gold.pop_back();
      ASSERT_EQ(gold.size(), blocks.size()) << gold_path << ": gold blocks vs article lines";

      LangStats& s = stats[lang];
      ++s.articles;
      for (std::size_t b = 0; b < blocks.size(); ++b) {
        const std::string& block = blocks[b];
        ASSERT_EQ(Squeeze(block), Squeeze([&] {
                    std::string all;
                    for (const auto& g : gold[b]) all += g;
                    return all;
                  }()))
            << gold_path << " block " << b + 1 << " does not spell the article's line";
        ++s.blocks;
        const auto ours = Texts(block, segmenter.Segment(block));
        auto icu = IcuSentenceSegments(block, *tag, false);
        auto icu_ss = IcuSentenceSegments(block, *tag, true);
        ASSERT_TRUE(icu.ok() && icu_ss.ok());
        const auto g = Cuts(gold[b]);
        const auto f = Cuts(ours);
        s.lovcen.Add(g, f);
        s.icu.Add(g, Cuts(Texts(block, *icu)));
        s.icu_ss.Add(g, Cuts(Texts(block, *icu_ss)));
        if (g != f) {
          s.misses.push_back(name + " block " + std::to_string(b + 1) + "\n    gold:" +
                             Show(gold[b]) + "\n    lovcen:" + Show(ours));
        }
      }
    }
  }
  if (stats.empty()) GTEST_SKIP() << "no article with gold segmentation in corpora/ yet";

  std::printf("\nGold segmentation of corpora/ (boundaries inside blocks; %zu edition(s) without gold)\n",
              without_gold);
  std::printf("%-9s %8s %6s %9s | %-15s | %-15s | %-15s\n", "language", "articles", "blocks",
              "boundaries", "lovcen P / R", "ICU P / R", "ICU+ss P / R");
  for (const auto& [lang, s] : stats) {
    std::printf("%-9s %8zu %6zu %9zu | %6.4f / %6.4f | %6.4f / %6.4f | %6.4f / %6.4f\n",
                lang.c_str(), s.articles, s.blocks, s.lovcen.gold, s.lovcen.precision(),
                s.lovcen.recall(), s.icu.precision(), s.icu.recall(), s.icu_ss.precision(),
                s.icu_ss.recall());
  }
  for (const auto& [lang, s] : stats) {
    for (const auto& m : s.misses) std::cout << "differs: " << m << "\n";
    EXPECT_GE(s.lovcen.precision(), 0.99) << lang;
    EXPECT_GE(s.lovcen.recall(), 0.99) << lang;
  }
}

}  // namespace
}  // namespace lovcen
