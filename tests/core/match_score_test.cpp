// Each rule of design brief §3's fuzzy score, with numbers worked out by hand
// in the comments.
#include "lovcen/match_score.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include "lovcen/tokenizer.h"

namespace lovcen {
namespace {

class MatchScoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = Tokenizer::Create(LanguageTag(Language::kEnglish));
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    tokenizer_ = std::make_unique<Tokenizer>(std::move(*t));
  }
  std::vector<ScoreToken> Prep(const Segment& s) const {
    return PrepareScoreTokens(s, tokenizer_->Tokenize(s));
  }
  std::vector<ScoreToken> Prep(const std::string& text) const {
    Segment s;
    s.text = text;
    return Prep(s);
  }
  FuzzyScore Score(const std::string& s, const std::string& t) const { return ScoreFuzzy(Prep(s), Prep(t)); }

  std::unique_ptr<Tokenizer> tokenizer_;
};

TEST_F(MatchScoreTest, IdenticalSegmentsScoreHundredWithoutEdits) {
  const FuzzyScore f = Score("The talks ended.", "The talks ended.");
  EXPECT_EQ(f.distance, 0);
  EXPECT_EQ(f.score, 100);
  EXPECT_TRUE(f.edits.empty());
}

TEST_F(MatchScoreTest, OneSubstitutionInTenTokens) {
  // 9 words + "." = 10 tokens each; one word differs: D = 1,
  // floor(100 * (1 - 1/10)) = 90.
  const FuzzyScore f = Score("Rubio met the envoy of the president in Moscow today.",
                             "Rubio met the envoy of the president in Kyiv today.");
  EXPECT_EQ(f.distance, 10);
  EXPECT_EQ(f.score, 90);
  ASSERT_EQ(f.edits.size(), 1u);
  EXPECT_EQ(f.edits[0].kind, EditKind::kSubstitute);
  EXPECT_EQ(f.edits[0].source_token, 8);
  EXPECT_EQ(f.edits[0].tm_token, 8);
}

TEST_F(MatchScoreTest, ScoreIsFlooredNotRounded) {
  // 3 tokens each, one substitution: 100 * (1 - 1/3) = 66.67 -> 66.
  EXPECT_EQ(Score("Talks ended.", "Talks began.").score, 66);
  // 2 tokens vs 3, one insertion: 100 * (1 - 1/3) = 66.67 -> 66.
  EXPECT_EQ(Score("Talks.", "Talks ended.").score, 66);
}

TEST_F(MatchScoreTest, CaseOnlyDifferenceCostsTwoTenths) {
  // 7 tokens each ("the cat sat on the mat ."), first word differs in case:
  // D = 0.2, floor(100 * (1 - 0.2/7)) = floor(97.14) = 97.
  const FuzzyScore f = Score("The cat sat on the mat.", "the cat sat on the mat.");
  EXPECT_EQ(f.distance, 2);
  EXPECT_EQ(f.score, 97);
  ASSERT_EQ(f.edits.size(), 1u);
  EXPECT_EQ(f.edits[0].kind, EditKind::kCase);
  // Non-ASCII case: "ČAS" vs "čas" folds equal (2 tokens each with "."):
  // D = 0.2, floor(100 * (1 - 0.2/2)) = 90.
  EXPECT_EQ(Score("ČAS.", "čas.").score, 90);
}

TEST_F(MatchScoreTest, PunctuationOnlyDifferenceCostsHalf) {
  // "Hello , world" vs "Hello ; world": 3 tokens, D = 0.5,
  // floor(100 * (1 - 0.5/3)) = floor(83.33) = 83.
  const FuzzyScore f = Score("Hello, world", "Hello; world");
  EXPECT_EQ(f.distance, 5);
  EXPECT_EQ(f.score, 83);
  ASSERT_EQ(f.edits.size(), 1u);
  EXPECT_EQ(f.edits[0].kind, EditKind::kPunctuation);
  // Inside a word: "it's" vs "it’s" (typographic apostrophe), 3 tokens
  // ("it's", "fine", "."): D = 0.5, floor(100 * (1 - 0.5/3)) = 83.
  EXPECT_EQ(Score("it's fine.", "it\u2019s fine.").score, 83);
}

TEST_F(MatchScoreTest, DifferingInlineCodeCostsHalf) {
  // S: <b>here</b> now .  T: <i>here</i> now .  -> 5 tokens each
  // (code, here, code, now, .); both codes differ: D = 0.5 + 0.5 = 1,
  // floor(100 * (1 - 1/5)) = 80.
  Segment s, t;
  s.text = t.text = "here now.";
  s.codes = {{CodeKind::kOpen, 0, "1", "b", {}, "<b>"}, {CodeKind::kClose, 4, "1", "b", {}, "</b>"}};
  t.codes = {{CodeKind::kOpen, 0, "1", "i", {}, "<i>"}, {CodeKind::kClose, 4, "1", "i", {}, "</i>"}};
  const FuzzyScore f = ScoreFuzzy(Prep(s), Prep(t));
  EXPECT_EQ(f.distance, 10);
  EXPECT_EQ(f.score, 80);
  ASSERT_EQ(f.edits.size(), 2u);
  EXPECT_EQ(f.edits[0].kind, EditKind::kCode);
  // A code present in one segment only is an insertion at full cost:
  // "here now ." (3) vs "<x/> here now ." (4): D = 1, floor(100 * 3/4) = 75.
  Segment u;
  u.text = "here now.";
  u.codes = {{CodeKind::kStandalone, 0, "1", "x", {}, "<br/>"}};
  Segment plain;
  plain.text = "here now.";
  EXPECT_EQ(ScoreFuzzy(Prep(plain), Prep(u)).score, 75);
}

TEST_F(MatchScoreTest, InsertAndDeleteCostOneAndTheLongerSegmentCounts) {
  // S has 4 tokens, T 5 ("very" inserted in T): D = 1, max = 5,
  // floor(100 * (1 - 1/5)) = 80, and the edit is a deletion (T token absent from S).
  const FuzzyScore f = Score("It was late.", "It was very late.");
  EXPECT_EQ(f.score, 80);
  ASSERT_EQ(f.edits.size(), 1u);
  EXPECT_EQ(f.edits[0].kind, EditKind::kDelete);
  EXPECT_EQ(f.edits[0].tm_token, 2);
  const FuzzyScore g = Score("It was very late.", "It was late.");
  EXPECT_EQ(g.score, 80);
  ASSERT_EQ(g.edits.size(), 1u);
  EXPECT_EQ(g.edits[0].kind, EditKind::kInsert);
  EXPECT_EQ(g.edits[0].source_token, 2);
}

TEST_F(MatchScoreTest, CostsCombine) {
  // "The talks, said Rubio, ended ." vs "the talks; said Rubio, began ."
  // 8 tokens each: case 0.2 + punctuation 0.5 + substitution 1 = 1.7,
  // floor(100 * (1 - 1.7/8)) = floor(78.75) = 78.
  const FuzzyScore f = Score("The talks, said Rubio, ended.", "the talks; said Rubio, began.");
  EXPECT_EQ(f.distance, 17);
  EXPECT_EQ(f.score, 78);
}

TEST_F(MatchScoreTest, ScoreArithmeticIsExact) {
  // 100 * (1 - 2.5/10) = 75 exactly: no floating-point loss to 74.
  EXPECT_EQ(ScoreFromDistance(25, 10, 10), 75);
  EXPECT_EQ(ScoreFromDistance(26, 10, 10), 74);
  EXPECT_EQ(ScoreFromDistance(0, 0, 0), 100);
  EXPECT_EQ(ScoreFromDistance(50, 3, 2), 0);  // never negative
  EXPECT_EQ(MaxDistanceForThreshold(75, 10, 10), 25);
  EXPECT_EQ(MaxDistanceForThreshold(75, 7, 3), 17);  // 10*D <= 25*7 = 175
  EXPECT_EQ(ScoreFromDistance(17, 7, 3), 75);
  EXPECT_EQ(ScoreFromDistance(18, 7, 3), 74);
}

TEST_F(MatchScoreTest, PlaceableScoreLosesOnePointPerPlaceableDownToNinetySeven) {
  EXPECT_EQ(PlaceableScore(1), 99);
  EXPECT_EQ(PlaceableScore(2), 98);
  EXPECT_EQ(PlaceableScore(3), 97);
  EXPECT_EQ(PlaceableScore(7), 97);
}

TEST_F(MatchScoreTest, CharacterSimilarityForTieBreaks) {
  // kitten -> sitting: 3 edits over 7 code points.
  EXPECT_DOUBLE_EQ(CharacterSimilarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
  // Counted in code points, not bytes: "čaj" vs "caj" is one edit in three.
  EXPECT_DOUBLE_EQ(CharacterSimilarity("\u010daj", "caj"), 1.0 - 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(CharacterSimilarity("", ""), 1.0);
}

TEST_F(MatchScoreTest, TokensWhoseSubstitutionIsCheapShareTheirIndexClass) {
  // The index's lower bound rests on this (docs/matching.md).
  const std::pair<const char*, const char*> pairs[] = {
      {"The", "the"}, {"\u010cAS", "\u010das"}, {"1,500", "1500"}, {"it's", "it\u2019s"}, {",", ";"}};
  for (const auto& [x, y] : pairs) {
    const auto a = Prep(x);
    const auto b = Prep(y);
    ASSERT_EQ(a.size(), 1u) << x;
    ASSERT_EQ(b.size(), 1u) << y;
    EXPECT_LT(SubstitutionCost(a[0], b[0]), kIndelCost) << x << " " << y;
    EXPECT_EQ(a[0].norm, b[0].norm) << x << " " << y;
  }
  // Placeables of any value share one class, so that a segment differing
  // only in them is found with no edits left.
  EXPECT_EQ(Prep("1,500")[0].norm, Prep("https://x.me/b")[0].norm);
  // Different words do not.
  EXPECT_NE(Prep("talks")[0].norm, Prep("walks")[0].norm);
}

TEST_F(MatchScoreTest, AsciiPunctuationIsUnicodePunctuation) {
  // The bare form drops exactly the characters ICU calls punctuation.
  for (int c = 0x21; c < 0x7f; ++c) {
    Segment word;
    word.text = std::string("a") + static_cast<char>(c) + "b";
    const Token whole{TokenKind::kWord, 0, 3, 0};
    const auto prepared = PrepareScoreTokens(word, std::span<const Token>(&whole, 1));
    EXPECT_EQ(prepared[0].bare.size() == 2, u_ispunct(c) != 0) << static_cast<char>(c);
    EXPECT_EQ(TokenClass(word, whole), prepared[0].norm) << static_cast<char>(c);
  }
}

TEST_F(MatchScoreTest, TokenClassAgreesWithPrepareScoreTokens) {
  Segment s;
  s.text = "The U.S. said 1,500 it's \u201cČAS\u201d, Ä-ha! co-operate www.x.me 10:30 e@x.me (ok) ...";
  s.codes = {{CodeKind::kStandalone, 4, "1", "x", {}, "<x/>"}};
  const auto tokens = tokenizer_->Tokenize(s);
  const auto score = PrepareScoreTokens(s, tokens);
  ASSERT_EQ(tokens.size(), score.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(TokenClass(s, tokens[i]), score[i].norm) << score[i].text;
}

}  // namespace
}  // namespace lovcen
