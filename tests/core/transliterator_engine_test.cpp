// The fast rule engine against ICU's on small rule sets that exercise the
// matching semantics it must reproduce: rule order, before-contexts seen on
// the output, after-contexts on the input, the "ether" past either end of
// the span, anchors, and NFC after the rules.
#include <gtest/gtest.h>

#include <random>

#include "../../core/src/transliterator_rules.h"

namespace lovcen::translit {
namespace {

void ExpectSameOnRandomText(const std::string& rules, const std::vector<std::string>& pieces,
                            int rounds = 2000) {
  auto fast = RuleMachine::Compile(rules, "test");
  ASSERT_TRUE(fast.ok()) << fast.error().ToString();
  auto icu = IcuRuleEngine::Create(rules, "test");
  ASSERT_TRUE(icu.ok()) << icu.error().ToString();
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  for (int round = 0; round < rounds; ++round) {
    std::string text;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) text += pieces[pick(rng)];
    std::string reference;
    icu->Apply(text, reference);
    ASSERT_EQ(fast->Apply(text), reference) << "rules: " << rules << "\ninput: " << text;
  }
}

TEST(RuleEngine, FirstMatchingRuleInOrderWins) {
  ExpectSameOnRandomText("abc > X ; ab > Y ; a > Z ; b > W ;", {"a", "b", "c", " "});
}

TEST(RuleEngine, BeforeContextSeesOutputAndEther) {
  // "a" after an output capital, and [^[:L:]] matching at the span start.
  ExpectSameOnRandomText("[:Lu:] { a > Q ; [^[:L:]] { b > R ; a > A ; b > b ; c > C ;",
                         {"a", "b", "c", " ", "."});
}

TEST(RuleEngine, AfterContextSeesInputAndEther) {
  ExpectSameOnRandomText("a } [:Lu:] > X ; a } [^[:Ll:]] > Y ; a } b c > Z ; b > B ;",
                         {"a", "b", "c", "B", " "});
}

TEST(RuleEngine, AnchorsAndVariables) {
  ExpectSameOnRandomText("$up = [A-Z] ; $up { a } $up > M ; ^ b > S ; a } $ > E ; a > m ;",
                         {"a", "A", "b", " "});
}

TEST(RuleEngine, EscapesQuotesAndNfc) {
  ExpectSameOnRandomText("\\u0073 \\u0301 > '\\u015B' ; 'x' > 'y' ; s > с ; :: NFC ;",
                         {"s", "\u0301", "x", "e", "\u0300", " "});
}

TEST(RuleEngine, CompoundOnTheRealRuleFiles) {
  // Covered on real text by transliterator_test; here the parser must at
  // least accept what it is given and refuse what it cannot reproduce.
  for (const char* bad : {"(a) > $1 ;", "a > b | c ;", "a <> b ;", "a+ > b ;", ":: Latin-Cyrillic ;",
                          "$x = abc ; $x > y ;", "[a-z] > x ;", "a > b ; :: NFC ; c > d ;"}) {
    auto m = RuleMachine::Compile(bad, "bad.txt");
    EXPECT_FALSE(m.ok()) << bad;
    if (!m.ok()) {
      EXPECT_EQ(m.error().file, "bad.txt");
    }
  }
  auto m = RuleMachine::Compile("# c\n\na > b ;\n\n  x > y ;\n(q) > z ;", "bad.txt");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().line, 6);
}

}  // namespace
}  // namespace lovcen::translit
