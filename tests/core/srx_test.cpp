// The SRX engine with user rule files: standard semantics (first matching
// rule decides, in order), cascade on and off, language maps, extension of
// the defaults, segmentsubflows, and errors that name the rule.
#include "lovcen/srx.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lovcen/formats/srx_reader.h"
#include "lovcen/segmenter.h"

namespace lovcen {
namespace {

using Segs = std::vector<std::string>;

Segs SegmentWith(const SrxDocument& doc, const std::string& lang, const std::string& text) {
  auto rules = doc.RulesFor(lang);
  EXPECT_TRUE(rules.ok()) << rules.error().ToString();
  auto seg = Segmenter::Create(*rules);
  EXPECT_TRUE(seg.ok()) << seg.error().ToString();
  Segs out;
  for (const auto& r : seg->Segment(text)) out.push_back(text.substr(r.begin, r.size()));
  return out;
}

SrxDocument Read(const std::string& xml) {
  auto doc = formats::ReadSrxBuffer(xml, "user.srx");
  EXPECT_TRUE(doc.ok()) << doc.error().ToString();
  return doc.ok() ? *doc : SrxDocument{};
}

// A user file: English has a no-break for "Mr."; Default breaks after
// sentence punctuation before a capital.
std::string UserSrx(bool cascade) {
  return std::string(R"(<?xml version="1.0"?>
<srx version="2.0" xmlns="http://www.lisa.org/srx20">
  <header segmentsubflows="no" cascade=")") +
         (cascade ? "yes" : "no") + R"(">
    <formathandle type="start" include="yes"/>
  </header>
  <body>
    <languagerules>
      <languagerule languagerulename="English">
        <rule break="no"><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="EN.*" languagerulename="English"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>)";
}

TEST(SrxEngine, CascadeOnCollectsEveryMatchingMap) {
  const SrxDocument doc = Read(UserSrx(true));
  EXPECT_TRUE(doc.cascade);
  auto rules = doc.RulesFor("en");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->names, (std::vector<std::string>{"English", "Default"}));
  EXPECT_EQ(SegmentWith(doc, "en", "I met Mr. Smith. He left."), (Segs{"I met Mr. Smith.", "He left."}));
  // A language that only the catch-all map covers.
  EXPECT_EQ(SegmentWith(doc, "de", "Ich traf Mr. Smith. Er ging."),
            (Segs{"Ich traf Mr.", "Smith.", "Er ging."}));
}

TEST(SrxEngine, CascadeOffStopsAtTheFirstMatchingMap) {
  const SrxDocument doc = Read(UserSrx(false));
  EXPECT_FALSE(doc.cascade);
  auto rules = doc.RulesFor("en-GB");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->names, (std::vector<std::string>{"English"}));
  // English alone has no break rule: nothing ever breaks.
  EXPECT_EQ(SegmentWith(doc, "en", "I met Mr. Smith. He left."), (Segs{"I met Mr. Smith. He left."}));
  EXPECT_EQ(SegmentWith(doc, "de", "Er kam. Er ging."), (Segs{"Er kam.", "Er ging."}));
}

TEST(SrxEngine, LanguagePatternsMatchTheWholeCodeCaseInsensitively) {
  const SrxDocument doc = Read(UserSrx(true));
  auto rules = doc.RulesFor("cnr-Latn");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->names, (std::vector<std::string>{"Default"}));  // "EN.*" must match all of it
  EXPECT_EQ(doc.RulesFor("eN-us")->names.front(), "English");
}

TEST(SrxEngine, FirstMatchingRuleInOrderDecides) {
  SrxRuleSet rules;
  rules.names = {"test"};
  SrxRule no_break{false, R"(\bMr\.)", R"(\s)", {}};
  SrxRule brk{true, R"(\.)", R"(\s)", {}};
  rules.rules = {no_break, brk};
  auto seg = Segmenter::Create(rules);
  ASSERT_TRUE(seg.ok());
  const std::string text = "Mr. Smith. Next.";
  EXPECT_EQ(seg->Segment(text).size(), 2u);  // the no-break rule wins at "Mr."
  rules.rules = {brk, no_break};
  auto reversed = Segmenter::Create(rules);
  ASSERT_TRUE(reversed.ok());
  EXPECT_EQ(reversed->Segment(text).size(), 3u);  // now the break rule comes first
}

// Patterns opening with \b in every alternative (also under (?i:...)) are
// tried only where a word starts: they must still match exactly where ICU's
// \b says, inside words they must not, and alternatives without \b keep
// their own starts.
TEST(SrxEngine, WordBoundaryPatternsMatchOnlyAtWordStarts) {
  SrxRule brk{true, R"(\.)", R"(\s)", {}};
  const std::vector<std::string> befores = {R"(\b(?:Mr|Dr)\.|\bProf\.)", R"((?i:\b(?:mr|dr)\.))",
                                            R"((?i)\b(?:mr|dr)\.)"};
  for (const std::string& before : befores) {
    SrxRuleSet rules;
    rules.rules = {SrxRule{false, before, R"(\s)", {}}, brk};
    auto seg = Segmenter::Create(rules);
    ASSERT_TRUE(seg.ok()) << seg.error().ToString();
    Segs out;
    const std::string text = "Dr. Ana came. Mr. Bo too. XDr. Broken. (Mr. Ok) Čdr. Split. 5Dr. Split.";
    for (const auto& r : seg->Segment(text)) out.push_back(text.substr(r.begin, r.size()));
    // After a word character (X, Č, 5) there is no \b: those break.
    const Segs expected = {"Dr. Ana came.", "Mr. Bo too.", "XDr.", "Broken.", "(Mr. Ok) Čdr.",
                           "Split.", "5Dr.", "Split."};
    EXPECT_EQ(out, expected) << before;
  }
  // An alternative without \b: its starts are all tried.
  SrxRuleSet mixed;
  mixed.rules = {SrxRule{false, R"(\bMr\.|Dr\.)", R"(\s)", {}}, brk};
  auto seg = Segmenter::Create(mixed);
  ASSERT_TRUE(seg.ok());
  const std::string text = "XDr. Stays. XMr. Splits.";
  Segs out;
  for (const auto& r : seg->Segment(text)) out.push_back(text.substr(r.begin, r.size()));
  EXPECT_EQ(out, (Segs{"XDr. Stays.", "XMr.", "Splits."}));
}

TEST(SrxEngine, EmptyPatternsMatchEverywhere) {
  SrxRuleSet rules;
  rules.rules = {SrxRule{true, "", R"(\n)", {}}};  // break before every line feed
  auto seg = Segmenter::Create(rules);
  ASSERT_TRUE(seg.ok());
  const std::string text = "one\ntwo\nthree";
  const auto ranges = seg->Segment(text);
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(text.substr(ranges[2].begin, ranges[2].size()), "three");
  // No rules: no breaks, the whole text (trimmed) is one segment.
  auto none = Segmenter::Create(SrxRuleSet{});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->Segment("  a. B. c.  "), (std::vector<TextRange>{{2, 10}}));
}

TEST(SrxEngine, LongBeforePatternsAndLookarounds) {
  SrxRuleSet rules;
  // Unbounded repetition in a before-pattern (capped at 100 code points),
  // a look-behind inside it, and a look-ahead in the after-pattern.
  rules.rules = {SrxRule{false, R"(\((?:[^)]*)[.?!])", R"(\s[^(]*\))", {}},
                 SrxRule{true, R"((?<=[\w)])[.?!]+)", R"(\s+(?=\p{Lu}))", {}}};
  auto seg = Segmenter::Create(rules);
  ASSERT_TRUE(seg.ok()) << seg.error().ToString();
  const std::string text = "He left (it was late. Nobody saw him). Then rain. Then snow.";
  const auto ranges = seg->Segment(text);
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(text.substr(ranges[0].begin, ranges[0].size()), "He left (it was late. Nobody saw him).");
}

TEST(SrxEngine, SegmentSubflowsFlag) {
  const SrxDocument doc = Read(UserSrx(true));
  EXPECT_FALSE(doc.segment_subflows);
  EXPECT_TRUE(doc.format_handling.include_start);
  auto rules = doc.RulesFor("de");
  ASSERT_TRUE(rules.ok());
  auto seg = Segmenter::Create(*rules);
  ASSERT_TRUE(seg.ok());
  EXPECT_EQ(seg->SegmentSubflow(" Eins. Zwei. ").size(), 1u);
  EXPECT_EQ(seg->Segment(" Eins. Zwei. ").size(), 2u);
}

TEST(SrxEngine, ExtendPutsUserRulesBeforeTheDefaults) {
  auto defaults = formats::ReadDefaultSrx();
  ASSERT_TRUE(defaults.ok()) << defaults.error().ToString();
  // The user's rule: never break after "Ing." (not in the default list).
  const SrxDocument user = Read(R"(<srx version="2.0" xmlns="http://www.lisa.org/srx20">
    <header segmentsubflows="yes" cascade="yes"/>
    <body><languagerules><languagerule languagerulename="Mine">
      <rule break="no"><beforebreak>\bIng\.</beforebreak><afterbreak>\s</afterbreak></rule>
    </languagerule></languagerules>
    <maprules><languagemap languagepattern="en.*" languagerulename="Mine"/></maprules></body></srx>)");
  const std::string text = "He met Ing. Peters. Dr. Smith came too.";
  auto base = defaults->RulesFor("en");
  auto mine = user.RulesFor("en");
  ASSERT_TRUE(base.ok() && mine.ok());
  auto plain = Segmenter::Create(*base);
  auto extended = Segmenter::Create(SrxRuleSet::Extend(*mine, *base));
  auto replaced = Segmenter::Create(*mine);
  ASSERT_TRUE(plain.ok() && extended.ok() && replaced.ok());
  EXPECT_EQ(plain->Segment(text).size(), 3u);
  EXPECT_EQ(extended->Segment(text).size(), 2u);  // user rule + defaults
  EXPECT_EQ(replaced->Segment(text).size(), 1u);  // user rules alone never break
  EXPECT_EQ(SrxRuleSet::Extend(*mine, *base).names.front(), "Mine");
  // A language the user file does not cover keeps the defaults only.
  auto mine_de = user.RulesFor("de");
  ASSERT_TRUE(mine_de.ok());
  EXPECT_TRUE(mine_de->rules.empty());
}

TEST(SrxEngine, RegexThatDoesNotCompileNamesTheRule) {
  auto doc = formats::ReadSrxBuffer(R"(<?xml version="1.0"?>
<srx version="2.0" xmlns="http://www.lisa.org/srx20">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Broken">
        <rule break="no"><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>[.?!</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules><languagemap languagepattern=".*" languagerulename="Broken"/></maprules>
  </body>
</srx>)",
                                     "broken.srx");
  ASSERT_FALSE(doc.ok());
  const std::string message = doc.error().ToString();
  EXPECT_NE(message.find("broken.srx:8:"), std::string::npos) << message;
  EXPECT_NE(message.find("languagerule 'Broken' rule 2"), std::string::npos) << message;
  EXPECT_NE(message.find("beforebreak '[.?!'"), std::string::npos) << message;
  EXPECT_EQ(doc.error().kind, Error::Kind::kBadInput);
}

TEST(SrxEngine, BackReferenceInBeforePatternIsRefused) {
  SrxRule rule{false, R"((\w)\1\.)", R"(\s)", {}};
  Status s = ValidateSrxRule(rule, "languagerule 'X' rule 1");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("back-reference"), std::string::npos);
}

TEST(SrxEngine, MapToAMissingLanguageRuleIsAnError) {
  auto doc = formats::ReadSrxBuffer(R"(<srx version="2.0" xmlns="http://www.lisa.org/srx20">
    <header segmentsubflows="yes" cascade="yes"/>
    <body><languagerules><languagerule languagerulename="A"/></languagerules>
    <maprules><languagemap languagepattern=".*" languagerulename="B"/></maprules></body></srx>)",
                                     "map.srx");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("'B'"), std::string::npos);
}

}  // namespace
}  // namespace lovcen
