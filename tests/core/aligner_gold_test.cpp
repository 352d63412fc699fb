// Scores the aligner against the hand-made gold alignments of corpora/.
//
// Gold beads of a pair (en, L) come from <key>.tsv, one row per bead over all
// four editions: each cell is matched against the edition's gold sentences
// (<key>.<lang>.sentences) to learn how many sentences it holds, and the row
// projects to the bead (en sentences, L sentences). A row empty in both is
// skipped; a row of k sentences on one side and none on the other is k
// omissions (1-0 or 0-1); a row of k sentences on both sides with k >= 2
// exists only because a third edition merged them, and is k 1-1 beads
// (checked by hand for every such row: docs/alignment.md).
//
// Bead F1 is scored twice, both times beside the length-only baseline: with
// the gold segmentation as input (pure alignment quality; beads compared by
// sentence indices) and end to end from the .txt articles through lovcen's
// own reader and segmenter (beads compared by their text).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "lovcen/aligner.h"
#include "lovcen/formats/align_input.h"
#include "lovcen/formats/article_reader.h"
#include "lovcen/formats/srx_reader.h"
#include "lovcen/transliterator.h"
#include "test_paths.h"

namespace lovcen {
namespace {

namespace fs = std::filesystem;

const char* const kLangs[] = {"en", "cnr-Latn", "cnr-Cyrl", "de"};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

// Gold sentences of one edition, with their block index (blocks separated by
// an empty line).
AlignEdition ReadSentences(const std::string& path, const LanguageTag& lang) {
  AlignEdition e;
  e.language = lang;
  std::istringstream in(testing::ReadFile(path));
  std::string line;
  int block = 0;
  bool gap = false;
  while (std::getline(in, line)) {
    if (line.empty()) {
      gap = true;
      continue;
    }
    if (gap && !e.sentences.empty()) ++block;
    gap = false;
    e.sentences.push_back(AlignSentence{line, block, BlockType::kParagraph});
  }
  return e;
}

struct Story {
  std::string key;
  std::map<std::string, AlignEdition> gold_editions;
  // Per row and language: sentence range [first, first + count).
  std::vector<std::map<std::string, std::pair<std::size_t, std::size_t>>> rows;
};

Story ReadStory(const std::string& dir, const std::string& key) {
  Story story;
  story.key = key;
  for (const char* l : kLangs) {
    story.gold_editions[l] =
        ReadSentences(dir + "/" + key + "." + l + ".sentences", LanguageTag::Parse(l).value());
    // Block types from the article when its blocks match the gold blocks.
    auto article = formats::ReadArticle(dir + "/" + key + "." + l + ".txt");
    AlignEdition& e = story.gold_editions[l];
    if (article.ok() && !e.sentences.empty() &&
        article->blocks.size() == static_cast<std::size_t>(e.sentences.back().block + 1)) {
      for (AlignSentence& s : e.sentences) s.type = article->blocks[s.block].type;
    }
  }
  std::istringstream in(testing::ReadFile(dir + "/" + key + ".tsv"));
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = SplitTabs(line);
  std::map<std::string, std::size_t> next;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = SplitTabs(line);
    std::map<std::string, std::pair<std::size_t, std::size_t>> row;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const auto& sents = story.gold_editions[header[c]].sentences;
      std::size_t& p = next[header[c]];
      std::size_t count = 0;
      if (!cell.empty()) {
        std::string joined;
        for (std::size_t k = 1; p + k <= sents.size() && k <= 3; ++k) {
          joined += (k > 1 ? " " : "") + sents[p + k - 1].text;
          if (joined == cell) {
            count = k;
            break;
          }
        }
        EXPECT_NE(count, 0u) << key << " " << header[c]
                             << ": cell not in the gold sentences: " << cell;
      }
      row[header[c]] = {p, count};
      p += count;
    }
    story.rows.push_back(row);
  }
  return story;
}

using IndexBead = std::pair<std::vector<std::size_t>, std::vector<std::size_t>>;

std::set<IndexBead> GoldBeads(const Story& story, const std::string& src, const std::string& tgt) {
  std::set<IndexBead> beads;
  for (const auto& row : story.rows) {
    const auto [sb, sc] = row.at(src);
    const auto [tb, tc] = row.at(tgt);
    auto range = [](std::size_t b, std::size_t c) {
      std::vector<std::size_t> v;
      for (std::size_t k = 0; k < c; ++k) v.push_back(b + k);
      return v;
    };
    if (sc == 0 && tc == 0) continue;
    if (sc == tc && sc >= 2) {
      for (std::size_t k = 0; k < sc; ++k) beads.insert({{sb + k}, {tb + k}});
    } else if (tc == 0) {
      for (std::size_t k = 0; k < sc; ++k) beads.insert({{sb + k}, {}});
    } else if (sc == 0) {
      for (std::size_t k = 0; k < tc; ++k) beads.insert({{}, {tb + k}});
    } else {
      beads.insert({range(sb, sc), range(tb, tc)});
    }
  }
  return beads;
}

std::set<IndexBead> PredictedBeads(const PairAlignment& a) {
  std::set<IndexBead> out;
  for (const Bead& b : a.beads) {
    IndexBead ib;
    for (std::size_t k = 0; k < b.source_count; ++k) ib.first.push_back(b.source_begin + k);
    for (std::size_t k = 0; k < b.target_count; ++k) ib.second.push_back(b.target_begin + k);
    out.insert(ib);
  }
  return out;
}

struct Score {
  std::size_t correct = 0, predicted = 0, gold = 0;
  void Add(std::size_t c, std::size_t p, std::size_t g) { correct += c, predicted += p, gold += g; }
  double F1() const {
    if (predicted == 0 || gold == 0) return 0;
    const double p = static_cast<double>(correct) / predicted,
                 r = static_cast<double>(correct) / gold;
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

template <class T>
std::size_t Common(const std::set<T>& a, const std::set<T>& b) {
  std::size_t n = 0;
  for (const T& x : a) n += b.count(x);
  return n;
}

using TextBead = std::pair<std::string, std::string>;

std::string JoinText(const AlignEdition& e, std::size_t b, std::size_t c) {
  std::string out;
  for (std::size_t k = 0; k < c; ++k) out += (k ? " " : "") + e.sentences[b + k].text;
  return out;
}

std::set<TextBead> AsText(const std::set<IndexBead>& beads, const AlignEdition& s,
                          const AlignEdition& t) {
  std::set<TextBead> out;
  for (const auto& [si, ti] : beads) {
    out.insert({si.empty() ? "" : JoinText(s, si.front(), si.size()),
                ti.empty() ? "" : JoinText(t, ti.front(), ti.size())});
  }
  return out;
}

std::vector<std::string> StoryKeys() {
  std::vector<std::string> keys;
  for (const auto& entry : fs::directory_iterator(testing::CorporaDir())) {
    const std::string key = entry.path().filename().string();
    if (entry.is_directory() && fs::exists(entry.path() / (key + ".tsv"))) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// One edition of a corpora story read and segmented as `lovcen align` does.
formats::AlignArticle ReadEdition(const std::string& dir, const std::string& key, const char* lang,
                                  const SrxDocument& srx,
                                  std::map<std::string, Segmenter>& segmenters) {
  const LanguageTag tag = LanguageTag::Parse(lang).value();
  if (!segmenters.count(lang)) segmenters.emplace(lang, Segmenter::Create(srx, tag).value());
  auto article = formats::ReadArticle(dir + "/" + key + "." + lang + ".txt");
  EXPECT_TRUE(article.ok()) << article.error().ToString();
  if (!article.ok()) return {};
  article->language = tag;
  return formats::SegmentForAlignment(std::move(*article), segmenters.at(lang));
}

TEST(AlignerGold, BeadF1AgainstCorporaGold) {
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok()) << translit.error().ToString();
  auto lovcen = Aligner::Create({}, &*translit);
  ASSERT_TRUE(lovcen.ok());
  AlignerOptions base_opts;
  base_opts.use_anchors = false;
  base_opts.use_structure = false;
  auto baseline = Aligner::Create(base_opts, &*translit);
  ASSERT_TRUE(baseline.ok());
  auto srx = formats::ReadDefaultSrx();
  ASSERT_TRUE(srx.ok());

  const std::vector<std::string> targets = {"cnr-Latn", "cnr-Cyrl", "de"};
  std::map<std::string, Score> gold_lovcen, gold_base, e2e_lovcen, e2e_base;
  std::map<std::string, Segmenter> segmenters;
  std::printf("%-32s %-9s %8s %8s %8s %8s\n", "story", "pair", "gold-seg", "baseline", "e2e",
              "baseline");
  for (const std::string& key : StoryKeys()) {
    const std::string dir = testing::CorporaDir() + "/" + key;
    const Story story = ReadStory(dir, key);
    std::map<std::string, formats::AlignArticle> articles;
    for (const char* l : kLangs) articles.emplace(l, ReadEdition(dir, key, l, *srx, segmenters));
    for (const std::string& tgt : targets) {
      const AlignEdition& s = story.gold_editions.at("en");
      const AlignEdition& t = story.gold_editions.at(tgt);
      const std::set<IndexBead> gold = GoldBeads(story, "en", tgt);
      const auto lp = PredictedBeads(lovcen->Align(s, t));
      const auto bp = PredictedBeads(baseline->Align(s, t));
      for (const IndexBead& b : lp) {
        if (gold.count(b)) continue;
        std::printf("  wrong bead en%s-%s:", key.c_str(), tgt.c_str());
        for (std::size_t i : b.first)
          std::printf(" en[%zu] %.40s |", i, s.sentences[i].text.c_str());
        for (std::size_t i : b.second)
          std::printf(" %s[%zu] %.40s |", tgt.c_str(), i, t.sentences[i].text.c_str());
        std::printf("\n");
      }
      Score gl, gb, el, eb;
      gl.Add(Common(lp, gold), lp.size(), gold.size());
      gb.Add(Common(bp, gold), bp.size(), gold.size());
      // End to end: lovcen's own segmentation, beads compared by text.
      const std::set<TextBead> gold_text = AsText(gold, s, t);
      const AlignEdition& es = articles.at("en").edition;
      const AlignEdition& et = articles.at(tgt).edition;
      const auto el_text = AsText(PredictedBeads(lovcen->Align(es, et)), es, et);
      const auto eb_text = AsText(PredictedBeads(baseline->Align(es, et)), es, et);
      el.Add(Common(el_text, gold_text), el_text.size(), gold_text.size());
      eb.Add(Common(eb_text, gold_text), eb_text.size(), gold_text.size());
      std::printf("%-32s en-%-6s %8.3f %8.3f %8.3f %8.3f\n", key.c_str(), tgt.c_str(), gl.F1(),
                  gb.F1(), el.F1(), eb.F1());
      gold_lovcen[tgt].Add(gl.correct, gl.predicted, gl.gold);
      gold_base[tgt].Add(gb.correct, gb.predicted, gb.gold);
      e2e_lovcen[tgt].Add(el.correct, el.predicted, el.gold);
      e2e_base[tgt].Add(eb.correct, eb.predicted, eb.gold);
    }
  }
  for (const std::string& tgt : targets) {
    std::printf("%-32s en-%-6s %8.3f %8.3f %8.3f %8.3f\n", "ALL (micro F1)", tgt.c_str(),
                gold_lovcen[tgt].F1(), gold_base[tgt].F1(), e2e_lovcen[tgt].F1(),
                e2e_base[tgt].F1());
    EXPECT_GE(gold_lovcen[tgt].F1(), 0.97) << "en-" << tgt << " with gold segmentation";
    EXPECT_GE(e2e_lovcen[tgt].F1(), 0.97) << "en-" << tgt << " end to end";
    EXPECT_GE(gold_lovcen[tgt].F1(), gold_base[tgt].F1()) << "en-" << tgt;
  }
}

// The four editions end to end as `lovcen align` stores them: en, cnr-Latn
// and de aligned three ways, cnr-Cyrl joined through its Latin twin. Each
// multilingual bead must be a row of the gold table, all four cells equal;
// and the twin pairing alone is scored against the gold cnr-Latn/cnr-Cyrl
// beads beside the translation model's.
TEST(AlignerGold, FourEditionsMatchTheGoldRows) {
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok()) << translit.error().ToString();
  auto aligner = Aligner::Create({}, &*translit);
  ASSERT_TRUE(aligner.ok());
  auto srx = formats::ReadDefaultSrx();
  ASSERT_TRUE(srx.ok());
  const char* const order[] = {"en", "cnr-Latn", "de", "cnr-Cyrl"};
  std::map<std::string, Segmenter> segmenters;
  Score rows, twin, model;
  for (const std::string& key : StoryKeys()) {
    const std::string dir = testing::CorporaDir() + "/" + key;
    const Story story = ReadStory(dir, key);
    std::vector<AlignEdition> e2e;
    for (const char* l : order) e2e.push_back(ReadEdition(dir, key, l, *srx, segmenters).edition);
    MultiAlignment m = aligner->AlignThree(std::span(e2e).first(3));
    aligner->AddTwin(m.beads, 1, e2e[1], e2e[3]);
    std::set<std::vector<std::string>> predicted, gold;
    for (const MergedBead& b : m.beads) {
      std::vector<std::string> cells;
      for (std::size_t e = 0; e < 4; ++e)
        cells.push_back(JoinText(e2e[e], b.spans[e].begin, b.spans[e].count));
      predicted.insert(cells);
    }
    for (const auto& row : story.rows) {
      std::vector<std::string> cells;
      std::size_t present = 0;
      for (const char* l : order) {
        const auto [first, count] = row.at(l);
        cells.push_back(JoinText(story.gold_editions.at(l), first, count));
        present += count > 0;
      }
      if (present > 0) gold.insert(cells);
    }
    const std::size_t common = Common(predicted, gold);
    for (const auto& cells : predicted) {
      if (gold.count(cells)) continue;
      std::printf("  not a gold row of %s:", key.c_str());
      for (const std::string& c : cells) std::printf(" | %.30s", c.c_str());
      std::printf(" (pivot %zu)", m.pivot);
      std::printf("\n");
    }
    rows.Add(common, predicted.size(), gold.size());

    const std::set<IndexBead> gold_twin = GoldBeads(story, "cnr-Latn", "cnr-Cyrl");
    const AlignEdition& latin = story.gold_editions.at("cnr-Latn");
    const AlignEdition& cyrillic = story.gold_editions.at("cnr-Cyrl");
    const auto tp = PredictedBeads(aligner->AlignTwins(latin, cyrillic));
    const auto mp = PredictedBeads(aligner->Align(latin, cyrillic));
    twin.Add(Common(tp, gold_twin), tp.size(), gold_twin.size());
    model.Add(Common(mp, gold_twin), mp.size(), gold_twin.size());
  }
  std::printf("four-edition rows (end to end): F1 %.3f (%zu of %zu gold rows)\n", rows.F1(),
              rows.correct, rows.gold);
  std::printf("cnr-Latn/cnr-Cyrl twin pairing: F1 %.3f; translation model alone %.3f\n", twin.F1(),
              model.F1());
  EXPECT_GE(rows.F1(), 0.97);
  EXPECT_GE(twin.F1(), 0.99);
  EXPECT_GE(twin.F1(), model.F1());
}

}  // namespace
}  // namespace lovcen
