// The checks one by one on planted errors and their look-alikes, in the four
// languages where it matters; the stem rule on real inflected forms; finding
// keys; the glossary store in a TM file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "lovcen/check.h"
#include "lovcen/glossary_store.h"
#include "lovcen/tm_store.h"
#include "lovcen/transliterator.h"
#include "test_paths.h"

namespace lovcen {
namespace {

LanguageTag Tag(const char* t) { return *LanguageTag::Parse(t); }

CheckItem Pair(const char* src_lang, const char* src, const char* tgt_lang,
               std::optional<std::string> tgt, std::string unit = "u") {
  CheckItem item;
  item.file = "f";
  item.unit = std::move(unit);
  item.source_language = Tag(src_lang);
  item.target_language = Tag(tgt_lang);
  item.source.text = src;
  if (tgt) item.target = Segment{*tgt, {}};
  return item;
}

std::vector<Finding> RunOne(const std::vector<CheckItem>& items, const std::string& check,
                            const CheckContext& context = {}) {
  CheckRunOptions options;
  options.checks = {check};
  auto r = RunChecks(items, context, options);
  EXPECT_TRUE(r.ok()) << r.error().ToString();
  return r.ok() ? *r : std::vector<Finding>{};
}

std::size_t Count(const CheckItem& item, const std::string& check,
                  const CheckContext& context = {}) {
  return RunOne({item}, check, context).size();
}

TEST(CheckRegistry, StableIdsInDesignOrder) {
  const std::vector<std::string> ids = CheckIds();
  EXPECT_EQ(
      ids, (std::vector<std::string>{
               "inconsistent-target", "inconsistent-source", "number-mismatch", "code-mismatch",
               "untranslated", "placeable-mismatch", "punctuation-end", "quote-style", "whitespace",
               "script-mismatch", "term-mismatch", "length-ratio"}));
  CheckRunOptions bad;
  bad.checks = {"spelling"};
  auto r = RunChecks({}, {}, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kUsage);
}

// A run big enough to go parallel gives exactly the findings of one thread,
// in the same order: every kind of error planted among clean pairs, repeated
// with varying numbers so the inconsistency and length checks see many groups.
TEST(CheckRegistry, ThreadsAndBatchesDoNotChangeFindings) {
  std::vector<CheckItem> items;
  for (int i = 0; i < 3000; ++i) {
    const std::string n = std::to_string(i % 97);
    const std::string id = "u" + std::to_string(i);
    switch (i % 6) {
      case 0:
        items.push_back(Pair("en", ("It cost " + n + " euros.").c_str(), "de",
                             "Es kostete " + n + " Euro.", id));
        break;
      case 1:
        items.push_back(Pair("en", ("It cost " + n + " euros.").c_str(), "de",
                             "Es kostete " + n + "1 Euro", id));
        break;
      case 2:
        items.push_back(
            Pair("en", "The minister said \"no\".", "cnr-Latn", "Ministar je rekao \"ne\".", id));
        break;
      case 3:
        items.push_back(Pair("en", "The meeting  ended.", "cnr-Cyrl", "Sastanak je završen.", id));
        break;
      case 4:
        items.push_back(Pair("en", "Podgorica, Montenegro", "de", "Podgorica, Montenegro", id));
        break;
      default:
        items.push_back(
            Pair("en", ("Day " + n + " of the talks.").c_str(), "de",
                 i % 12 == 5 ? "Tag " + n + " der Gespräche." : "Tag der Verhandlungen.", id));
    }
    items.back().order = static_cast<std::size_t>(i);
  }
  CheckRunOptions one;
  one.threads = 1;
  CheckRunOptions many;
  many.threads = 4;
  // Batches of an odd size that split units and slices anywhere.
  CheckRunOptions batched;
  batched.threads = 2;
  batched.batch = 37;
  auto a = RunChecks(items, {}, one);
  auto b = RunChecks(items, {}, many);
  auto c = RunChecks(items, {}, batched);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_GT(a->size(), 1000u);
  ASSERT_EQ(a->size(), b->size());
  ASSERT_EQ(a->size(), c->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].key, (*b)[i].key) << i;
    EXPECT_EQ((*a)[i].unit, (*b)[i].unit) << i;
    EXPECT_EQ((*a)[i].message, (*b)[i].message) << i;
    EXPECT_EQ((*a)[i].key, (*c)[i].key) << i;
    EXPECT_EQ((*a)[i].message, (*c)[i].message) << i;
  }
}

// The pairs of one unit share their source's tokens; each pair must still be
// judged on its own target exactly as when it is checked alone.
TEST(CheckRegistry, PairsOfOneUnitShareTheSourceTokensAndFindTheSame) {
  const char* source = "On 5 April 2025 the minister said \"no\" to 1,500 offers.";
  CheckItem de = Pair("en", source, "de",
                      "Am 5. April 2025 sagte der Minister „nein“ zu 1.500 Angeboten.", "u1");
  CheckItem latn = Pair("en", source, "cnr-Latn",
                        "Ministar je 5. aprila 2025. rekao \"ne\" na 1.600 ponuda", "u1");
  CheckItem cyrl = Pair("en", source, "cnr-Cyrl",
                        "Министар је 5. aprila 2025. рекао „не“ на 1.500 понуда.", "u1");
  de.order = 0;
  latn.order = 1;
  cyrl.order = 2;
  auto together = RunChecks({de, latn, cyrl}, {}, {});
  ASSERT_TRUE(together.ok());
  std::vector<std::string> alone;
  for (const CheckItem& item : {de, latn, cyrl}) {
    auto r = RunChecks({item}, {}, {});
    ASSERT_TRUE(r.ok());
    for (const Finding& f : *r) alone.push_back(f.key + " " + f.message);
  }
  std::vector<std::string> joint;
  for (const Finding& f : *together) joint.push_back(f.key + " " + f.message);
  std::sort(alone.begin(), alone.end());
  std::sort(joint.begin(), joint.end());
  EXPECT_EQ(joint, alone);
  // The planted errors are found on their own pairs: a changed number and a
  // missing full stop in cnr-Latn, Latin letters in cnr-Cyrl.
  EXPECT_GE(joint.size(), 3u);
}

TEST(CheckKey, StableAndTextSensitive) {
  const auto en = Tag("en"), de = Tag("de");
  EXPECT_EQ(FindingKey("x", en, de, {"a b", "c"}),
            FindingKey("x", en, de, {"a  b ", "c"}));  // match key
  EXPECT_NE(FindingKey("x", en, de, {"ab", "c"}), FindingKey("x", en, de, {"a", "bc"}));
  EXPECT_NE(FindingKey("x", en, de, {"a", "b"}), FindingKey("x", de, en, {"a", "b"}));
  EXPECT_EQ(FindingKey("number-mismatch", en, de, {"1", "2"}).rfind("number-mismatch:", 0), 0u);
}

TEST(NumberMismatch, ByValuePerLanguage) {
  EXPECT_EQ(Count(Pair("en", "It cost 1,500.5 euros.", "de", "Es kostete 1.500,5 Euro."),
                  "number-mismatch"),
            0u);
  EXPECT_EQ(Count(Pair("en", "It cost 1,500.5 euros.", "cnr-Latn", "Koštalo je 1.500,5 eura."),
                  "number-mismatch"),
            0u);
  EXPECT_EQ(Count(Pair("en", "It cost 1,500.5 euros.", "cnr-Cyrl", "Коштало је 1.500,5 еура."),
                  "number-mismatch"),
            0u);
  EXPECT_EQ(Count(Pair("en", "It cost 1,500.5 euros.", "de", "Es kostete 1.500,6 Euro."),
                  "number-mismatch"),
            1u);
  EXPECT_EQ(
      Count(Pair("en", "It cost 1,500 euros.", "de", "Es kostete 1,5 Euro."), "number-mismatch"),
      1u);
  EXPECT_EQ(
      Count(Pair("de", "Es kostete 3,2 Prozent.", "en", "It cost 3.2 percent."), "number-mismatch"),
      0u);
}

TEST(NumberMismatch, DatesAsDates) {
  EXPECT_EQ(Count(Pair("en", "05-Apr-2025", "cnr-Latn", "5. april 2025."), "number-mismatch"), 0u);
  EXPECT_EQ(Count(Pair("en", "05-Apr-2025", "de", "05.04.2025"), "number-mismatch"), 0u);
  EXPECT_EQ(Count(Pair("en", "05-Apr-2025", "de", "05.05.2025"), "number-mismatch"), 1u);  // month
  EXPECT_EQ(Count(Pair("en", "05-Apr-2025", "cnr-Cyrl", "6. април 2025."), "number-mismatch"), 1u);
  EXPECT_EQ(
      Count(Pair("en", "From July 5 to July 20, 2025.", "cnr-Latn", "Od 5. do 20. jula 2025."),
            "number-mismatch"),
      0u);
  EXPECT_EQ(Count(Pair("en", "Its 25th year and the third win.", "cnr-Latn",
                       "Njena 25. godina i treća pobjeda."),
                  "number-mismatch"),
            0u);
}

TEST(CodeMismatch, MissingExtraAndBrokenOrder) {
  CheckItem item = Pair("en", "Rubio met Lavrov.", "de", "Rubio traf Lawrow.");
  item.source.codes = {{CodeKind::kOpen, 0, "1", "g", {}, ""},
                       {CodeKind::kClose, 5, "1", "g", {}, ""}};
  EXPECT_EQ(Count(item, "code-mismatch"), 1u);  // missing in target
  item.target->codes = {{CodeKind::kOpen, 11, "1", "g", {}, ""},
                        {CodeKind::kClose, 17, "1", "g", {}, ""}};
  EXPECT_EQ(Count(item, "code-mismatch"), 0u);  // the pair moved to another word: allowed
  item.target->codes.push_back({CodeKind::kStandalone, 3, "2", "x", {}, ""});
  EXPECT_EQ(Count(item, "code-mismatch"), 1u);  // extra
  CheckItem crossed = Pair("en", "a b c", "de", "a b c");
  crossed.source.codes = {{CodeKind::kOpen, 0, "1", "bx", {}, ""},
                          {CodeKind::kOpen, 2, "2", "bx", {}, ""},
                          {CodeKind::kClose, 3, "2", "ex", {}, ""},
                          {CodeKind::kClose, 5, "1", "ex", {}, ""}};
  crossed.target->codes = {{CodeKind::kOpen, 0, "1", "bx", {}, ""},
                           {CodeKind::kOpen, 2, "2", "bx", {}, ""},
                           {CodeKind::kClose, 3, "1", "ex", {}, ""},
                           {CodeKind::kClose, 5, "2", "ex", {}, ""}};
  auto f = RunOne({crossed}, "code-mismatch");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("reordered"), std::string::npos);
}

TEST(Untranslated, EqualTargetsAndAllowList) {
  EXPECT_EQ(Count(Pair("en", "The talks went on.", "de", "The talks went on."), "untranslated"),
            1u);
  EXPECT_EQ(Count(Pair("en", "The talks went on.", "de", std::nullopt), "untranslated"), 1u);
  EXPECT_EQ(Count(Pair("en", "The talks went on.", "cnr-Latn", "  "), "untranslated"), 1u);
  EXPECT_EQ(Count(Pair("en", "NATO", "de", "NATO"), "untranslated"), 0u);
  EXPECT_EQ(Count(Pair("en", "Marco Rubio", "cnr-Latn", "Marco Rubio"), "untranslated"), 0u);
  EXPECT_EQ(Count(Pair("en", "87:79", "de", "87:79"), "untranslated"), 0u);
  CheckContext context;
  context.allowed = {"iPhone", "by", "Apple"};
  EXPECT_EQ(Count(Pair("en", "iPhone by Apple", "de", "iPhone by Apple"), "untranslated", context),
            0u);
  EXPECT_EQ(Count(Pair("en", "iPhone by Apple", "de", "iPhone by Apple"), "untranslated"), 1u);
}

TEST(PlaceableMismatch, UrlsAndEmails) {
  EXPECT_EQ(Count(Pair("en", "See https://a.me/x now.", "de", "Siehe https://a.me/x jetzt."),
                  "placeable-mismatch"),
            0u);
  EXPECT_EQ(Count(Pair("en", "See https://a.me/x now.", "de", "Siehe https://a.me/y jetzt."),
                  "placeable-mismatch"),
            1u);
  EXPECT_EQ(
      Count(Pair("en", "Mail a@b.me now.", "cnr-Cyrl", "Пишите на c@b.me."), "placeable-mismatch"),
      1u);
  EXPECT_EQ(
      Count(Pair("en", "Mail a@b.me now.", "cnr-Cyrl", "Пишите на a@b.me."), "placeable-mismatch"),
      0u);
}

TEST(PunctuationEnd, DifferentEndsButNotDateDots) {
  EXPECT_EQ(Count(Pair("en", "He left.", "de", "Er ging!"), "punctuation-end"), 1u);
  EXPECT_EQ(Count(Pair("en", "He left?", "cnr-Latn", "Otišao je."), "punctuation-end"), 1u);
  EXPECT_EQ(Count(Pair("en", "He said: “No.”", "de", "Er sagte: „Nein.“"), "punctuation-end"), 0u);
  EXPECT_EQ(Count(Pair("en", "05-Apr-2025", "cnr-Latn", "5. april 2025."), "punctuation-end"), 0u);
  EXPECT_EQ(Count(Pair("en", "Wait...", "de", "Warte …"), "punctuation-end"), 0u);
}

TEST(QuoteStyle, HouseStylePerLanguage) {
  EXPECT_EQ(Count(Pair("en", "“Yes,” he said.", "de", "„Ja“, sagte er."), "quote-style"), 0u);
  EXPECT_EQ(Count(Pair("en", "“Yes,” he said.", "de", "“Ja”, sagte er."), "quote-style"), 1u);
  EXPECT_EQ(Count(Pair("en", "“Yes,” he said.", "cnr-Latn", "\"Da\", rekao je."), "quote-style"),
            1u);
  EXPECT_EQ(Count(Pair("en", "“Yes,” he said.", "cnr-Cyrl", "„Да“, рекао је."), "quote-style"), 0u);
  EXPECT_EQ(Count(Pair("en", "the end,” he said.", "cnr-Latn", "kraj“, rekao je."), "quote-style"),
            0u);
  EXPECT_EQ(Count(Pair("de", "„Ja“, sagte er.", "en", "\"Yes,\" he said."), "quote-style"), 0u);
  EXPECT_EQ(Count(Pair("de", "„Ja“, sagte er.", "en", "„Yes,“ he said."), "quote-style"), 1u);
}

TEST(Whitespace, OnlyWhatTheSourceDoesNotHave) {
  EXPECT_EQ(Count(Pair("en", "a b", "de", "a  b"), "whitespace"), 1u);
  EXPECT_EQ(Count(Pair("en", "a b", "de", "a b "), "whitespace"), 1u);
  EXPECT_EQ(Count(Pair("en", "a b", "de", " a b"), "whitespace"), 1u);
  EXPECT_EQ(Count(Pair("en", "a b", "de", "a\u00a0b"), "whitespace"), 1u);
  EXPECT_EQ(Count(Pair("en", "a  b ", "de", "a  b "), "whitespace"), 0u);
}

TEST(ScriptMismatch, BothScriptsWithLatinOnlyNames) {
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok()) << translit.error().ToString();
  CheckContext context;
  context.transliterator = &*translit;
  EXPECT_EQ(
      Count(Pair("en", "Talks.", "cnr-Latn", "Razgovori u Москви."), "script-mismatch", context),
      1u);
  EXPECT_EQ(
      Count(Pair("en", "Talks.", "cnr-Cyrl", "Разговори у Moskvi."), "script-mismatch", context),
      1u);
  EXPECT_EQ(Count(Pair("en", "CNN said.", "cnr-Cyrl", "CNN је рекао."), "script-mismatch", context),
            0u);
  EXPECT_EQ(
      Count(Pair("en", "Talks.", "cnr-Latn", "Razgovori u Moskvi."), "script-mismatch", context),
      0u);
  EXPECT_EQ(Count(Pair("en", "Talks.", "de", "Gespräche in Москва."), "script-mismatch", context),
            0u);  // not cnr
}

TEST(Stems, RealInflectedForms) {
  const auto cnr = Tag("cnr-Latn"), cyrl = Tag("cnr-Cyrl"), de = Tag("de"), en = Tag("en");
  for (const char* w : {"Moskva", "Moskvi", "Moskvu", "Moskvom", "MOSKVE"})
    EXPECT_TRUE(SameStem("Moskva", w, cnr)) << w;
  EXPECT_FALSE(SameStem("Moskva", "Moskovljani", cnr));
  for (const char* w : {"Москва", "Москви", "Москву", "Москвом"})
    EXPECT_TRUE(SameStem("Москва", w, cyrl)) << w;
  for (const char* w : {"Regierung", "Regierungen", "Landesregierung"})
    EXPECT_TRUE(SameStem("Regierung", w, de)) << w;
  for (const char* w : {"Ministerium", "Ministeriums", "Ministerien", "Bildungsministerium"}) {
    EXPECT_TRUE(SameStem("Ministerium", w, de)) << w;
  }
  EXPECT_FALSE(SameStem("Regierung", "Regierungsbildung", de));
  EXPECT_TRUE(SameStem("ministry", "ministries", en));
  EXPECT_TRUE(SameStem("government", "government's", en));
  EXPECT_FALSE(SameStem("EU", "EUR", en));
  auto spans = FindTerm("Vlada Crne Gore", "Sastanak sa Vladom Crne Gore je odložen.", cnr);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].begin, 12u);
}

TEST(TermMismatch, GlossaryTermMissingInTarget) {
  CheckContext context;
  context.glossary = {
      {"g", {{Tag("en"), "government"}, {Tag("cnr-Latn"), "Vlada"}, {Tag("de"), "Regierung"}}}};
  EXPECT_EQ(Count(Pair("en", "The government met.", "cnr-Latn", "Kabinet se sastao."),
                  "term-mismatch", context),
            1u);
  EXPECT_EQ(Count(Pair("en", "The government met.", "cnr-Latn", "Sastala se Vlada."),
                  "term-mismatch", context),
            0u);
  EXPECT_EQ(Count(Pair("en", "Both governments met.", "de", "Beide Regierungen trafen sich."),
                  "term-mismatch", context),
            0u);
  EXPECT_EQ(Count(Pair("en", "Talks went on.", "de", "Gespräche."), "term-mismatch", context), 0u);
  // No cnr-Cyrl term: the cnr-Latn one, transliterated.
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok());
  context.transliterator = &*translit;
  EXPECT_EQ(Count(Pair("en", "The government met.", "cnr-Cyrl", "Састала се Влада."),
                  "term-mismatch", context),
            0u);
  EXPECT_EQ(Count(Pair("en", "The government met.", "cnr-Cyrl", "Састао се кабинет."),
                  "term-mismatch", context),
            1u);
}

TEST(Inconsistency, TargetsAndSourcesWithCountsAndStories) {
  std::vector<CheckItem> items = {Pair("en", "Hello  world.", "de", "Hallo Welt.", "1"),
                                  Pair("en", "Hello world.", "de", "Hallo Welt.", "2"),
                                  Pair("en", "Hello world.", "de", "Servus Welt.", "3"),
                                  Pair("en", "Hi world.", "de", "Servus Welt.", "4")};
  items[0].story = "a";
  items[2].story = "b";
  auto f = RunOne(items, "inconsistent-target");
  ASSERT_EQ(f.size(), 1u);
  ASSERT_EQ(f[0].variants.size(), 2u);
  EXPECT_EQ(f[0].variants[0].text, "Hallo Welt.");
  EXPECT_EQ(f[0].variants[0].count, 2u);
  EXPECT_EQ(f[0].variants[0].stories, std::vector<std::string>{"a"});
  EXPECT_EQ(f[0].variants[1].stories, std::vector<std::string>{"b"});
  EXPECT_EQ(f[0].unit, "1");
  EXPECT_EQ(RunOne(items, "inconsistent-source").size(), 1u);
  items.pop_back();
  items.pop_back();
  EXPECT_TRUE(RunOne(items, "inconsistent-target").empty());  // white space is no variant
}

TEST(LengthRatio, OutliersNeedEnoughPairs) {
  std::vector<CheckItem> items;
  for (int i = 0; i < 40; ++i) {
    const std::string src =
        "The council met again on day " + std::string(static_cast<std::size_t>(i % 7), 'x') + ".";
    items.push_back(Pair("en", src.c_str(), "de",
                         "Der Rat trat am Tag " +
                             std::string(static_cast<std::size_t>(i % 7), 'x') +
                             " wieder zusammen.",
                         std::to_string(i)));
  }
  EXPECT_TRUE(RunOne(items, "length-ratio").empty());
  items.push_back(
      Pair("en", "The council met again on the second day of the summit.", "de", "Rat.", "short"));
  auto f = RunOne(items, "length-ratio");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].unit, "short");
  items.resize(10);
  items.push_back(
      Pair("en", "The council met again on the second day of the summit.", "de", "Rat.", "short"));
  EXPECT_TRUE(RunOne(items, "length-ratio").empty());  // too few pairs to learn from
}

// A file too small to learn from is judged by what the TM knows (the prior),
// and the prior outweighs the file's own pairs.
TEST(LengthRatio, PriorFromTheTmJudgesASmallFile) {
  CheckContext context;
  LengthRatioStats& prior = context.length_ratio_prior[{Language::kEnglish, Language::kGerman}];
  for (int i = 0; i < 200; ++i) {
    const std::string src = "The council met again on day " + std::to_string(i) + " of the talks.";
    // Translations vary in length as real ones do.
    static const char* const kTails[] = {
        " der Gespräche wieder zusammen.", " der Verhandlungen erneut zusammen.",
        " wieder zusammen.", " der langen Gespräche in der Hauptstadt wieder zusammen."};
    const std::string tgt = "Der Rat trat am Tag " + std::to_string(i) + kTails[i % 4];
    EXPECT_TRUE(AddLengthRatioSample(src, tgt, prior));
  }
  EXPECT_FALSE(AddLengthRatioSample("Short title", "Kurzer Titel", prior));  // too short to count
  EXPECT_FALSE(AddLengthRatioSample("The council met again on Monday.", "", prior));
  EXPECT_EQ(prior.n, 200u);
  std::vector<CheckItem> items = {
      Pair("en", "The council met again on the second day of the summit.", "de",
           "Der Rat trat am zweiten Tag des Gipfels wieder zusammen.", "fine"),
      Pair("en", "The council met again on the second day of the summit.", "de", "Rat.", "short")};
  EXPECT_TRUE(RunOne(items, "length-ratio").empty());  // two pairs: nothing to learn from
  auto f = RunOne(items, "length-ratio", context);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].unit, "short");
  EXPECT_NE(f[0].message.find("200 pairs"), std::string::npos) << f[0].message;
  // A prior below the minimum is ignored.
  context.length_ratio_min_pairs = 500;
  EXPECT_TRUE(RunOne(items, "length-ratio", context).empty());
}

TEST(GlossaryStore, TermsAndAcceptedFindingsInTheTmFile) {
  const std::string dir = testing::TempDir("glossary-store");
  const std::string path = dir + "/tm.db";
  EXPECT_FALSE(OpenSqliteGlossaryStore(path).ok());  // no file yet
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
  }
  auto g = OpenSqliteGlossaryStore(path);
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  std::vector<GlossaryEntry> entries = {
      {"moscow", {{Tag("en"), "Moscow"}, {Tag("cnr-Latn"), "Moskva"}}}};
  auto s = (*g)->AddEntries(entries, "a.tbx");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->terms_added, 2u);
  s = (*g)->AddEntries(entries, "a.tbx");
  EXPECT_EQ(s->terms_existing, 2u);
  auto back = (*g)->Entries();
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].terms.size(), 2u);
  ASSERT_TRUE(
      (*g)->Accept({"untranslated:0123456789abcdef", "untranslated", "msg", "ana", ""}).ok());
  ASSERT_TRUE(
      (*g)->Accept({"untranslated:0123456789abcdef", "untranslated", "msg", "marko", ""}).ok());
  auto accepted = (*g)->Accepted();
  ASSERT_TRUE(accepted.ok());
  ASSERT_EQ(accepted->size(), 1u);
  EXPECT_EQ((*accepted)[0].by, "marko");
  EXPECT_FALSE((*accepted)[0].at.empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lovcen
