// The matcher on corpora/ (one article held out of the TM at a time) and on
// small hand-made TMs for each match class.
#include "lovcen/matcher.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "lovcen/formats/importer.h"
#include "lovcen/text.h"
#include "test_paths.h"

namespace lovcen {
namespace {

const LanguageTag kEn(Language::kEnglish);
const LanguageTag kDe(Language::kGerman);
const LanguageTag kCnr(Language::kMontenegrinLatin);
const LanguageTag kCyr(Language::kMontenegrinCyrillic);

Segment Seg(std::string text) {
  Segment s;
  s.text = std::move(text);
  return s;
}

Variant V(LanguageTag lang, std::string text) {
  Variant v;
  v.language = lang;
  v.segment.text = std::move(text);
  return v;
}

// ---- corpora ---------------------------------------------------------------

struct Row {
  std::map<std::string, std::string> cells;  // language tag -> text
};

struct Article {
  std::string key;
  std::string tsv;
  std::vector<Row> rows;
};

std::vector<Article> ReadCorpora() {
  std::vector<Article> out;
  const std::string dir = testing::CorporaDir();
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string key = entry.path().filename().string();
    const std::string tsv = entry.path().string() + "/" + key + ".tsv";
    if (!entry.is_directory() || !std::filesystem::exists(tsv)) continue;
    Article a{key, tsv, {}};
    std::istringstream in(testing::ReadFile(tsv));
    std::string line;
    std::vector<std::string> header;
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::size_t at = 0;
      while (true) {
        const std::size_t tab = line.find('\t', at);
        cells.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
        if (tab == std::string::npos) break;
        at = tab + 1;
      }
      if (header.empty()) {
        header = cells;
        continue;
      }
      Row r;
      for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i)
        r.cells[header[i]] = cells[i];
      a.rows.push_back(std::move(r));
    }
    out.push_back(std::move(a));
  }
  std::sort(out.begin(), out.end(),
            [](const Article& x, const Article& y) { return x.key < y.key; });
  return out;
}

std::unique_ptr<TmStore> ImportAllBut(const std::vector<Article>& corpus,
                                      const std::string& held_out, const std::string& db) {
  auto store = OpenSqliteStore(db);
  EXPECT_TRUE(store.ok());
  auto writer = (*store)->BeginWrite();
  EXPECT_TRUE(writer.ok());
  for (const Article& a : corpus) {
    if (a.key == held_out) continue;
    Status s = formats::ImportTsv(a.tsv, **writer, {});
    EXPECT_TRUE(s.ok()) << s.error().ToString();
  }
  EXPECT_TRUE((*writer)->Commit().ok());
  return std::move(*store);
}

// The text with every token that holds a digit masked: sentences equal under
// this mask but not verbatim differ only in numbers and dates.
std::string DigitMask(const std::string& text) {
  static const std::regex kDigitToken(R"([^\s]*[0-9][^\s]*)");
  return std::regex_replace(MatchKey(text), kDigitToken, "#");
}

class CorporaMatcherTest : public ::testing::TestWithParam<int> {};

TEST_P(CorporaMatcherTest, HeldOutArticle) {
  const std::vector<Article> corpus = ReadCorpora();
  const std::size_t which = static_cast<std::size_t>(GetParam());
  if (corpus.size() <= which) GTEST_SKIP() << "corpora/ has fewer articles";
  const Article& held = corpus[which];
  const std::string dir = testing::TempDir("matcher-corpora-" + std::to_string(which));
  auto store = ImportAllBut(corpus, held.key, dir + "/tm.db");
  MatcherOptions options;
  options.db_path = dir + "/tm.db";
  options.max_candidates = 3;
  auto matcher = Matcher::Open(*store, dir + "/tm.db.fuzzy", options);
  ASSERT_TRUE(matcher.ok()) << matcher.error().ToString();

  // What the rest of the corpus says about each English sentence.
  std::map<std::string, std::map<std::string, std::set<std::string>>>
      verbatim;  // key -> lang -> targets
  std::map<std::string, std::vector<const Row*>> masked;
  for (const Article& a : corpus) {
    if (a.key == held.key) continue;
    for (const Row& r : a.rows) {
      const std::string& en = r.cells.at("en");
      if (en.empty()) continue;
      for (const auto& [lang, text] : r.cells) {
        if (!text.empty()) verbatim[MatchKey(en)][lang].insert(text);
      }
      masked[DigitMask(en)].push_back(&r);
    }
  }

  std::vector<Segment> segments;
  std::vector<const Row*> rows;
  for (const Row& r : held.rows) {
    if (r.cells.at("en").empty()) continue;
    segments.push_back(Seg(r.cells.at("en")));
    rows.push_back(&r);
  }
  const LanguageTag to[] = {kDe, kCnr};
  auto matches = matcher->MatchArticle(segments, kEn, to);
  ASSERT_TRUE(matches.ok()) << matches.error().ToString();
  ASSERT_EQ(matches->size(), segments.size());

  std::set<std::string> seen;
  std::size_t repetitions = 0, exact = 0, context = 0, placeable = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string key = MatchKey(segments[i].text);
    const SegmentMatches& m = (*matches)[i];
    SCOPED_TRACE(held.key + ": " + segments[i].text);
    // Repetitions inside the article: every later copy, and only those.
    if (!seen.insert(key).second) {
      ++repetitions;
      ASSERT_GE(m.repetition_of, 0);
      EXPECT_EQ(MatchKey(segments[static_cast<std::size_t>(m.repetition_of)].text), key);
      for (const TargetMatches& t : m.targets) {
        ASSERT_FALSE(t.candidates.empty());
        EXPECT_EQ(t.candidates.front().match_class, MatchClass::kRepetition);
      }
      continue;
    }
    EXPECT_EQ(m.repetition_of, -1);
    for (const TargetMatches& t : m.targets) {
      const std::string lang(t.language.str());
      auto v = verbatim.find(key);
      if (v != verbatim.end() && v->second.count(lang) != 0) {
        // Verbatim elsewhere: exact, or context where the neighbours agree.
        ASSERT_FALSE(t.candidates.empty()) << lang;
        const Candidate& c = t.candidates.front();
        ASSERT_TRUE(c.match_class == MatchClass::kExact || c.match_class == MatchClass::kContext)
            << lang << " " << MatchClassName(c.match_class);
        EXPECT_EQ(c.score, c.match_class == MatchClass::kContext ? 101 : 100);
        EXPECT_EQ(v->second.at(lang).count(c.target.text), 1u) << c.target.text;
        // Context exactly when the stored neighbours equal this article's.
        auto units = store->FindExact(kEn, segments[i]);
        ASSERT_TRUE(units.ok());
        const Variant* tm = nullptr;
        for (const TranslationUnit& u : *units) {
          if (u.id == c.origin.unit_id) tm = u.Find(kEn);
        }
        ASSERT_NE(tm, nullptr);
        auto same = [](const Segment* s, const std::string& stored) {
          return s == nullptr ? stored.empty()
                              : !stored.empty() && MatchKey(s->text) == MatchKey(stored);
        };
        const bool neighbours =
            same(i > 0 ? &segments[i - 1] : nullptr, tm->context_pre) &&
            same(i + 1 < segments.size() ? &segments[i + 1] : nullptr, tm->context_post);
        EXPECT_EQ(c.match_class == MatchClass::kContext, neighbours);
        (c.match_class == MatchClass::kContext ? context : exact) += 1;
        continue;
      }
      auto mk = masked.find(DigitMask(segments[i].text));
      const std::string& expected = rows[i]->cells.at(lang);
      if (mk != masked.end() && !expected.empty()) {
        // Only numbers or dates differ: placeable, and the rebuilt target is
        // what the newsroom wrote in this article.
        ASSERT_FALSE(t.candidates.empty()) << lang;
        const Candidate& c = t.candidates.front();
        EXPECT_EQ(c.match_class, MatchClass::kPlaceable) << lang;
        EXPECT_GE(c.score, 97);
        EXPECT_LE(c.score, 99);
        EXPECT_EQ(c.target.text, expected) << lang;
        EXPECT_FALSE(c.substitutions.empty());
        ++placeable;
      }
    }
  }
  // Each article shares its site chrome with the others, and its date line
  // differs from theirs only in the date.
  EXPECT_GT(exact + context, 0u);
  EXPECT_GT(context, 0u);
  EXPECT_GT(placeable, 0u);
  EXPECT_EQ(repetitions, segments.size() - seen.size());
}

INSTANTIATE_TEST_SUITE_P(EachArticle, CorporaMatcherTest, ::testing::Range(0, 10));

TEST(MatcherIncomingTest, IncomingArticleAgainstTheWholeCorpus) {
  const std::vector<Article> corpus = ReadCorpora();
  const std::string sentences_path =
      testing::CorporaDir() + "/incoming/2025-05-10-rubio-ceasefire.en.sentences";
  if (corpus.empty() || !std::filesystem::exists(sentences_path))
    GTEST_SKIP() << "corpora/ incomplete";
  const std::string dir = testing::TempDir("matcher-incoming");
  auto store = ImportAllBut(corpus, "", dir + "/tm.db");
  MatcherOptions options;
  options.db_path = dir + "/tm.db";
  auto matcher = Matcher::Open(*store, dir + "/tm.db.fuzzy", options);
  ASSERT_TRUE(matcher.ok()) << matcher.error().ToString();
  std::vector<Segment> segments;
  std::istringstream in(testing::ReadFile(sentences_path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) segments.push_back(Seg(line));
  }
  const LanguageTag to[] = {kDe, kCnr, kCyr};
  auto matches = matcher->MatchArticle(segments, kEn, to);
  ASSERT_TRUE(matches.ok()) << matches.error().ToString();
  auto find = [&](const std::string& opening) -> std::size_t {
    std::size_t found = segments.size();
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].text.rfind(opening, 0) == 0 && found == segments.size()) found = i;
    }
    EXPECT_LT(found, segments.size()) << opening;
    return found;
  };
  auto top = [&](std::size_t i, std::size_t lang) -> const Candidate* {
    if (i >= matches->size()) return nullptr;
    const auto& c = (*matches)[i].targets[lang].candidates;
    return c.empty() ? nullptr : &c.front();
  };
  // a: verbatim seed sentences.
  for (const char* opening : {"\"That time is coming", "Ukrainian and European leaders have made",
                              "\u201cThere are still disagreements",
                              "\u201cThe Kremlin will continue", "We remain skeptical"}) {
    const std::size_t i = find(opening);
    for (std::size_t l = 0; l < 3; ++l) {
      const Candidate* c = top(i, l);
      ASSERT_NE(c, nullptr) << opening;
      EXPECT_GE(c->score, 100) << opening;
    }
  }
  // b: a number word changed ("two-day" -> "three-day"): one word token
  // differs, about 97 by the formula, a fuzzy match.
  {
    const std::size_t i = find("The US wants to see concrete steps");
    const Candidate* c = top(i, 0);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->match_class, MatchClass::kFuzzy);
    EXPECT_GE(c->score, 95);
    ASSERT_EQ(c->differing_source.size(), 1u);
    const auto [b, e] = c->differing_source[0];
    EXPECT_EQ(segments[i].text.substr(b, 5), "three");
  }
  // c: near sentences are fuzzy and name the words that changed.
  {
    const std::size_t i = find("A senior NATO official told Reuters");
    const Candidate* c = top(i, 1);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->match_class, MatchClass::kFuzzy);
    EXPECT_GE(c->score, 75);
    EXPECT_LT(c->score, 100);
    bool reuters = false;
    for (const auto& [b, e] : c->differing_source)
      reuters |= segments[i].text.substr(b, e - b) == "Reuters";
    EXPECT_TRUE(reuters);
    EXPECT_EQ(c->origin.story_key, "2025-04-05-rubio-moscow");
    EXPECT_FALSE(c->origin.changed.empty());
  }
  // d: the repeated sentence is matched once and repeated once.
  std::size_t repeated = 0;
  for (const SegmentMatches& m : *matches) repeated += m.repetition_of >= 0;
  std::set<std::string> distinct;
  for (const Segment& s : segments) distinct.insert(MatchKey(s.text));
  EXPECT_EQ(repeated, segments.size() - distinct.size());
  EXPECT_GE(repeated, 1u);
}

// ---- hand-made TMs -----------------------------------------------------------

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("matcher");
    db_ = dir_ + "/tm.db";
    auto store = OpenSqliteStore(db_);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
  }
  std::int64_t Add(std::vector<Variant> variants, std::string story = "story",
                   std::string changed = {}) {
    // Keep-both: units sharing a source stay apart (the pivot test needs it).
    WriteOptions options;
    options.on_duplicate = DuplicatePolicy::kKeepBoth;
    auto writer = store_->BeginWrite(options);
    EXPECT_TRUE(writer.ok());
    TranslationUnit u;
    u.variants = std::move(variants);
    u.story_key = std::move(story);
    u.changed = std::move(changed);
    u.author = "desk";
    auto id = (*writer)->Add(u);
    EXPECT_TRUE(id.ok());
    EXPECT_TRUE((*writer)->Commit().ok());
    return id.ok() ? *id : 0;
  }
  Matcher Open(MatcherOptions options = {}) {
    options.db_path = db_;
    auto m = Matcher::Open(*store_, db_ + ".fuzzy", options);
    EXPECT_TRUE(m.ok()) << m.error().ToString();
    return std::move(*m);
  }
  std::vector<Candidate> Match(Matcher& m, const Segment& s, const LanguageTag& from,
                               const LanguageTag& to, const Segment* prev = nullptr,
                               const Segment* next = nullptr) {
    const LanguageTag targets[] = {to};
    auto r = m.MatchSegment(s, prev, next, from, targets);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? r->targets[0].candidates : std::vector<Candidate>{};
  }
  std::string dir_, db_;
  std::unique_ptr<TmStore> store_;
};

TEST_F(MatcherTest, ContextNeedsBothNeighbours) {
  Variant en = V(kEn, "The talks ended.");
  en.context_pre = "Rubio flew home.";
  en.context_post = "Nothing was signed.";
  const std::int64_t id = Add({en, V(kDe, "Die Gespräche endeten.")});
  Matcher m = Open();
  const Segment prev = Seg("Rubio  flew home."), next = Seg("Nothing was signed."),
                other = Seg("Later.");
  auto both = Match(m, Seg("The talks ended."), kEn, kDe, &prev, &next);
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(both[0].match_class, MatchClass::kContext);
  EXPECT_EQ(both[0].score, 101);
  EXPECT_EQ(both[0].origin.unit_id, id);
  EXPECT_EQ(both[0].origin.story_key, "story");
  EXPECT_EQ(both[0].origin.author, "desk");
  auto one = Match(m, Seg("The talks ended."), kEn, kDe, &prev, &other);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].match_class, MatchClass::kExact);
  EXPECT_EQ(one[0].score, 100);
  EXPECT_EQ(one[0].target.text, "Die Gespräche endeten.");
  auto none = Match(m, Seg("The talks ended."), kEn, kDe);
  EXPECT_EQ(none[0].match_class, MatchClass::kExact);
}

TEST_F(MatcherTest, ContextWithBothNeighboursAbsent) {
  Add({V(kEn, "Headline only"), V(kDe, "Nur Titel")});
  Matcher m = Open();
  auto c = Match(m, Seg("Headline  only"), kEn, kDe);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].match_class, MatchClass::kContext);
}

TEST_F(MatcherTest, InlineCodesDecideExactness) {
  const std::string text = "Read more about the talks here.";  // "here" at bytes 26-30
  Variant en = V(kEn, text);
  en.segment.codes = {{CodeKind::kOpen, 26, "1", "a", {}, "<a>"},
                      {CodeKind::kClose, 30, "1", "a", {}, "</a>"}};
  Variant de = V(kDe, "Mehr über die Gespräche hier.");  // "hier" at bytes 26-30
  de.segment.codes = {{CodeKind::kOpen, 26, "1", "a", {}, "<a>"},
                      {CodeKind::kClose, 30, "1", "a", {}, "</a>"}};
  Add({en, de});
  Matcher m = Open();
  // Codes missing: 7 tokens against 9, two deletions, floor(100 * 7/9) = 77.
  auto plain = Match(m, Seg(text), kEn, kDe);
  ASSERT_FALSE(plain.empty());
  EXPECT_EQ(plain[0].match_class, MatchClass::kFuzzy);
  EXPECT_EQ(plain[0].score, 77);
  // Same layout but another element: a placeable (codes differ only),
  // the target's code replaced in place.
  Segment b = Seg(text);
  b.codes = {{CodeKind::kOpen, 26, "1", "b", {}, "<b>"},
             {CodeKind::kClose, 30, "1", "b", {}, "</b>"}};
  auto coded = Match(m, b, kEn, kDe);
  ASSERT_FALSE(coded.empty());
  EXPECT_EQ(coded[0].match_class, MatchClass::kPlaceable);
  EXPECT_EQ(coded[0].score, 98);
  ASSERT_EQ(coded[0].target.codes.size(), 2u);
  EXPECT_EQ(coded[0].target.codes[0].element, "b");
  EXPECT_EQ(coded[0].target.codes[0].offset, 26u);
  EXPECT_EQ(coded[0].target.text, "Mehr über die Gespräche hier.");
}

TEST_F(MatcherTest, PlaceableNumbersAreWrittenForTheTargetLocale) {
  Add({V(kEn, "The fine is 200 euros."), V(kDe, "Die Strafe beträgt 200 Euro."),
       V(kCnr, "Kazna iznosi 200 eura.")});
  Matcher m = Open();
  for (const auto& [to, expected] : {std::pair{kDe, "Die Strafe beträgt 1.500 Euro."},
                                     std::pair{kCnr, "Kazna iznosi 1.500 eura."}}) {
    auto c = Match(m, Seg("The fine is 1,500 euros."), kEn, to);
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(c[0].match_class, MatchClass::kPlaceable);
    EXPECT_EQ(c[0].score, 99);
    EXPECT_EQ(c[0].target.text, expected);
    ASSERT_EQ(c[0].substitutions.size(), 1u);
    EXPECT_EQ(c[0].substitutions[0].old_target, "200");
    EXPECT_EQ(c[0].substitutions[0].new_target, "1.500");
  }
}

TEST_F(MatcherTest, DatesAreRewrittenInTheTargetsStyle) {
  Add({V(kEn, "05-Apr-2025"), V(kDe, "05.04.2025"), V(kCnr, "5. april 2025."),
       V(kCyr, "5. април 2025.")});
  Matcher m = Open();
  EXPECT_EQ(Match(m, Seg("12-Apr-2025"), kEn, kDe)[0].target.text, "12.04.2025");
  EXPECT_EQ(Match(m, Seg("12-Apr-2025"), kEn, kCnr)[0].target.text, "12. april 2025.");
  EXPECT_EQ(Match(m, Seg("12-Apr-2025"), kEn, kCyr)[0].target.text, "12. април 2025.");
  // Two placeables differ: 98.
  Add({V(kEn, "Match 3 on 05-Apr-2025"), V(kDe, "Spiel 3 am 05.04.2025")});
  Matcher m2 = Open();
  auto c = Match(m2, Seg("Match 4 on 07-Apr-2025"), kEn, kDe);
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0].match_class, MatchClass::kPlaceable);
  EXPECT_EQ(c[0].score, 98);
  EXPECT_EQ(c[0].target.text, "Spiel 4 am 07.04.2025");
}

TEST_F(MatcherTest, NumberWithoutASafePlaceInTheTargetFallsBackToFuzzy) {
  // The target writes the number as a word: nothing to substitute.
  Add({V(kEn, "He stayed 3 days."), V(kDe, "Er blieb drei Tage.")});
  // The old value occurs twice and only one changes: ambiguous.
  Add({V(kEn, "Add 2 and 2 now."), V(kDe, "Addiere 2 und 2 jetzt.")});
  Matcher m = Open();
  auto words = Match(m, Seg("He stayed 4 days."), kEn, kDe);
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words[0].match_class, MatchClass::kFuzzy);
  EXPECT_EQ(words[0].score, 80);  // 5 tokens, one substitution
  EXPECT_EQ(words[0].target.text, "Er blieb drei Tage.");
  auto twice = Match(m, Seg("Add 2 and 5 now."), kEn, kDe);
  ASSERT_FALSE(twice.empty());
  EXPECT_EQ(twice[0].match_class, MatchClass::kFuzzy);
  EXPECT_EQ(twice[0].score, 83);  // 6 tokens, one substitution: floor(83.3)
}

// A sentence whose every other word lost its last letter's spelling scores
// about 50 by tokens and over 90 by characters: admitted on characters. The
// same edit in a segment of more than 600 code points is left to the tokens
// (the character comparison is quadratic).
TEST_F(MatcherTest, CharacterAdmissionIsBoundedBySegmentLength) {
  const std::vector<std::string> words = {"government", "minister",  "parliament", "budget",
                                          "opposition", "president", "agreement",  "country"};
  auto sentence = [&](std::size_t n, bool respelled) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      std::string w = words[(i * 5 + i / 8) % words.size()] + std::to_string(i);
      if (respelled && i % 2 == 1) w += "s";
      out += (i ? " " : "") + w;
    }
    return out + ".";
  };
  Add({V(kEn, sentence(20, false)), V(kDe, "kurz")});
  Add({V(kEn, sentence(80, false)), V(kDe, "lang")});
  Matcher m = Open();
  auto short_one = Match(m, Seg(sentence(20, true)), kEn, kDe);
  ASSERT_EQ(short_one.size(), 1u);
  EXPECT_TRUE(short_one[0].by_characters);
  EXPECT_EQ(short_one[0].target.text, "kurz");
  EXPECT_LT(short_one[0].token_score, 75);
  ASSERT_GT(CodePointCount(sentence(80, true)), 600u);
  EXPECT_TRUE(Match(m, Seg(sentence(80, true)), kEn, kDe).empty());
}

TEST_F(MatcherTest, FuzzyTopKIsOrderedAndThresholded) {
  Add({V(kEn, "The government approved the new budget on Monday."), V(kDe, "A")}, "s",
      "2025-01-01T00:00:00Z");
  Add({V(kEn, "The government approved the new budget on Friday."), V(kDe, "B")}, "s",
      "2025-02-01T00:00:00Z");
  Add({V(kEn, "The Government approved the new budget on Monday!"), V(kDe, "C")}, "s",
      "2025-03-01T00:00:00Z");
  Add({V(kEn, "Completely unrelated words here."), V(kDe, "D")});
  MatcherOptions options;
  options.max_candidates = 2;
  Matcher m = Open(options);
  auto c = Match(m, Seg("The government approved the new budget on Tuesday."), kEn, kDe);
  // 9 tokens; A and B: one substitution, floor(100 * 8/9) = 88; C: sub +
  // case + punctuation = 1.7, floor(100 * (1 - 1.7/9)) = 81.
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].score, 88);
  EXPECT_EQ(c[1].score, 88);
  // Tie on score: character similarity ("Tuesday" vs "Monday" 4 edits,
  // vs "Friday" 4 edits: equal), then the newer change date first.
  EXPECT_EQ(c[0].target.text, "B");
  EXPECT_EQ(c[1].target.text, "A");
  options.max_candidates = 5;
  options.threshold = 85;
  options.character_admission = false;
  Matcher strict = Open(options);
  EXPECT_EQ(
      Match(strict, Seg("The government approved the new budget on Tuesday."), kEn, kDe).size(),
      2u);
  // C scores 81 by tokens but 88 by characters (6 edits over 50 code points:
  // "Tues"/"Mon" 4, "g"/"G" 1, "."/"!" 1; floor(100 * (1 - 6/50)) = 88):
  // admitted on characters with that score, behind A and B (88 too, but
  // closer in characters: 0.92).
  options.character_admission = true;
  Matcher by_chars = Open(options);
  auto bc = Match(by_chars, Seg("The government approved the new budget on Tuesday."), kEn, kDe);
  ASSERT_EQ(bc.size(), 3u);
  EXPECT_EQ(bc[2].target.text, "C");
  EXPECT_TRUE(bc[2].by_characters);
  EXPECT_EQ(bc[2].token_score, 81);
  EXPECT_EQ(bc[2].score,
            static_cast<int>(
                100 * CharacterSimilarity("The government approved the new budget on Tuesday.",
                                          "The Government approved the new budget on Monday!")));
  EXPECT_GE(bc[2].score, 85);
  EXPECT_FALSE(bc[0].by_characters);
  options.character_admission = false;
  options.threshold = 80;
  Matcher loose = Open(options);
  auto l = Match(loose, Seg("The government approved the new budget on Tuesday."), kEn, kDe);
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[2].target.text, "C");
  EXPECT_EQ(l[2].score, 81);
}

TEST_F(MatcherTest, CharacterSimilarityBreaksTiesBeforeTheDate) {
  // Both score floor(100 * 5/6) = 83 (6 tokens, one substitution), but
  // "budgets" is one character from "budget" and "plan" is six: the older,
  // closer unit comes first.
  Add({V(kEn, "The minister approved the budgets."), V(kDe, "close")}, "s", "2025-01-01T00:00:00Z");
  Add({V(kEn, "The minister approved the plan."), V(kDe, "far")}, "s", "2025-06-01T00:00:00Z");
  Matcher m = Open();
  auto c = Match(m, Seg("The minister approved the budget."), kEn, kDe);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].score, 83);
  EXPECT_EQ(c[1].score, 83);
  EXPECT_EQ(c[0].target.text, "close");
  EXPECT_GT(c[0].char_similarity, c[1].char_similarity);
}

TEST_F(MatcherTest, PivotThroughAThirdLanguage) {
  // cnr -> de: no unit holds both, but cnr -> en and en -> de do.
  const std::int64_t first =
      Add({V(kCnr, "Pregovori su završeni."), V(kEn, "The talks have ended.")});
  const std::int64_t second =
      Add({V(kEn, "The talks have ended."), V(kDe, "Die Gespräche sind beendet.")});
  Matcher m = Open();
  auto c = Match(m, Seg("Pregovori su završeni."), kCnr, kDe);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].match_class, MatchClass::kPivot);
  EXPECT_EQ(c[0].score, 100);
  EXPECT_EQ(c[0].target.text, "Die Gespräche sind beendet.");
  ASSERT_TRUE(c[0].origin.pivot_language.has_value());
  EXPECT_EQ(*c[0].origin.pivot_language, kEn);
  EXPECT_EQ(c[0].origin.pivot_unit_id, first);
  EXPECT_EQ(c[0].origin.unit_id, second);
  // A fuzzy first leg: the lower of the two legs. 4 tokens, one substituted
  // word -> 75 on the first leg; the second leg is exact (100).
  auto f = Match(m, Seg("Pregovori su počeli."), kCnr, kDe);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].match_class, MatchClass::kPivot);
  EXPECT_EQ(f[0].score, 75);
  MatcherOptions no_pivot;
  no_pivot.pivot = false;
  Matcher direct = Open(no_pivot);
  EXPECT_TRUE(Match(direct, Seg("Pregovori su završeni."), kCnr, kDe).empty());
}

TEST_F(MatcherTest, FuzzyResultsEqualBruteForceOnAGeneratedTm) {
  std::mt19937 rng(17);
  std::vector<std::string> words;
  static const char* kSyllables[] = {"ka", "ro", "mi", "ne", "za", "vo", "li", "da"};
  for (int i = 0; i < 60; ++i) {
    words.push_back(std::string(kSyllables[i % 8]) + kSyllables[(i / 8) % 8] +
                    kSyllables[(i * 5) % 7]);
  }
  std::vector<std::string> texts;
  {
    WriteOptions wo;
    wo.on_duplicate = DuplicatePolicy::kKeepBoth;
    auto writer = store_->BeginWrite(wo);
    ASSERT_TRUE(writer.ok());
    for (int i = 0; i < 800; ++i) {
      std::string s;
      if (!texts.empty() && rng() % 3 == 0) {
        s = texts[rng() % texts.size()];
        const std::size_t space = s.find(' ', rng() % s.size());
        s.insert(space == std::string::npos ? s.size() : space, " " + words[rng() % words.size()]);
      } else {
        const int n = 4 + static_cast<int>(rng() % 14);
        for (int k = 0; k < n; ++k)
          s += (k ? " " : "") +
               words[static_cast<std::size_t>(std::pow(60.0, (rng() % 1000) / 1000.0))];
      }
      texts.push_back(s);
      TranslationUnit u;
      u.variants = {V(kEn, s), V(kDe, "de " + std::to_string(i))};
      ASSERT_TRUE((*writer)->Add(u).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  MatcherOptions options;
  options.max_candidates = 4;
  options.threshold = 60;
  options.pivot = false;
  options.character_admission = false;  // the §3 score alone; with it: below
  Matcher m = Open(options);
  auto tokenizer = Tokenizer::Create(kEn);
  ASSERT_TRUE(tokenizer.ok());
  auto prep = [&](const std::string& t) {
    const Segment s = Seg(t);
    return PrepareScoreTokens(s, tokenizer->Tokenize(s));
  };
  // The §3 scores of the best max_candidates TUs, by scanning them all.
  auto brute_force = [&](const std::string& query) {
    const auto qs = prep(query);
    std::vector<int> expected;
    for (const std::string& t : texts) {
      const int score = ScoreFuzzy(qs, prep(t)).score;
      if (score >= options.threshold) expected.push_back(score);
    }
    std::sort(expected.rbegin(), expected.rend());
    if (expected.size() > options.max_candidates) expected.resize(options.max_candidates);
    return expected;
  };
  auto scores = [&](Matcher& matcher, const std::string& query) {
    std::vector<int> got;
    for (const Candidate& c : Match(matcher, Seg(query), kEn, kDe)) got.push_back(c.score);
    return got;
  };
  for (int q = 0; q < 40; ++q) {
    const std::string query = texts[rng() % texts.size()] + " " + words[rng() % words.size()];
    EXPECT_EQ(scores(m, query), brute_force(query)) << query;
  }
  // With character admission on, the same queries give the same results:
  // each has token candidates, and the character score only complements a
  // segment that has none.
  options.character_admission = true;
  Matcher chars = Open(options);
  for (int q = 0; q < 10; ++q) {
    const std::string query = texts[rng() % texts.size()] + " " + words[rng() % words.size()];
    const std::vector<int> expected = brute_force(query);
    if (expected.empty()) continue;
    EXPECT_EQ(scores(chars, query), expected) << query;
  }
  // A sentence with one letter changed in every other word: by tokens far
  // below the threshold, by characters close. The sentence it came from is
  // found on its character score (the best the brute force knows), and every
  // candidate offered is right about both of its scores.
  const int floor = CharacterAdmissionFloor(options.threshold);
  std::size_t admitted = 0;
  for (int q = 0; q < 40; ++q) {
    const std::string& original = texts[rng() % texts.size()];
    std::string query;
    std::istringstream in(original);
    std::string word;
    for (int w = 0; in >> word; ++w) {
      if (w % 2 == 1) word.back() = word.back() == 'a' ? 'e' : 'a';
      query += (w ? " " : "") + word;
    }
    const auto qs = prep(query);
    int best_by_chars = -1;
    bool any_by_tokens = false;
    for (const std::string& t : texts) {
      const int score = ScoreFuzzy(qs, prep(t)).score;
      any_by_tokens |= score >= options.threshold;
      const int by_chars = static_cast<int>(100 * CharacterSimilarity(query, t) + 1e-9);
      if (score < options.threshold && score >= floor && by_chars >= options.threshold) {
        best_by_chars = std::max(best_by_chars, by_chars);
      }
    }
    if (any_by_tokens || best_by_chars < 0) continue;
    const auto got = Match(chars, Seg(query), kEn, kDe);
    ASSERT_FALSE(got.empty()) << query;
    EXPECT_EQ(got[0].score, best_by_chars) << query;
    for (const Candidate& c : got) {
      EXPECT_TRUE(c.by_characters);
      EXPECT_EQ(c.score,
                static_cast<int>(100 * CharacterSimilarity(query, c.tm_source.text) + 1e-9));
      EXPECT_EQ(c.token_score, ScoreFuzzy(qs, prep(c.tm_source.text)).score);
      EXPECT_LT(c.token_score, options.threshold);
    }
    ++admitted;
    // Off, the same query finds nothing.
    EXPECT_TRUE(Match(m, Seg(query), kEn, kDe).empty()) << query;
  }
  EXPECT_GT(admitted, 5u) << "too few queries exercised character admission";
}

}  // namespace
}  // namespace lovcen
