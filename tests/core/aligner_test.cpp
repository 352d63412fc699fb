// The aligner on small hand-written editions: every bead kind, anchors by
// value in both Montenegrin scripts, a paragraph missing in one edition,
// structure, the length model and a long document.
#include "lovcen/aligner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "lovcen/transliterator.h"

namespace lovcen {
namespace {

const LanguageTag kEn{Language::kEnglish};
const LanguageTag kDe{Language::kGerman};
const LanguageTag kCnr{Language::kMontenegrinLatin};
const LanguageTag kCyrl{Language::kMontenegrinCyrillic};

// An edition from paragraphs of sentences; the first paragraph is the title
// when `title` is set.
AlignEdition Edition(const LanguageTag& lang,
                     const std::vector<std::vector<std::string>>& paragraphs, bool title = false) {
  AlignEdition e;
  e.language = lang;
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    for (const std::string& s : paragraphs[p]) {
      e.sentences.push_back(AlignSentence{
          s, static_cast<int>(p), title && p == 0 ? BlockType::kTitle : BlockType::kParagraph});
    }
  }
  return e;
}

Aligner MakeAligner(const Transliterator* t = nullptr, AlignerOptions options = {}) {
  auto a = Aligner::Create(options, t);
  EXPECT_TRUE(a.ok());
  return std::move(*a);
}

// The beads as "kind s_begin t_begin" strings, for readable failures.
std::vector<std::string> Shape(const PairAlignment& p) {
  std::vector<std::string> out;
  for (const Bead& b : p.beads) {
    out.push_back(std::string(BeadKindName(b.kind)) + " " + std::to_string(b.source_begin) + " " +
                  std::to_string(b.target_begin));
  }
  return out;
}

void ExpectCoversEverySentenceOnce(const PairAlignment& p, std::size_t ns, std::size_t nt) {
  std::size_t s = 0, t = 0;
  for (const Bead& b : p.beads) {
    EXPECT_EQ(b.source_begin, s);
    EXPECT_EQ(b.target_begin, t);
    s += b.source_count;
    t += b.target_count;
    EXPECT_GE(b.confidence, 0.0);
    EXPECT_LE(b.confidence, 1.0);
  }
  EXPECT_EQ(s, ns);
  EXPECT_EQ(t, nt);
}

// A realistic English paragraph and its German translation, one to one.
const std::vector<std::string> kEnBody = {
    "The government approved the budget for 2025 on Tuesday.",
    "It foresees spending of 3.2 billion euros, 8 percent more than last year.",
    "Opposition parties said the plan ignores the north of the country.",
    "The finance minister rejected the criticism at a press conference in Podgorica.",
    "Parliament is expected to vote on the proposal before the end of May.",
};
const std::vector<std::string> kDeBody = {
    "Die Regierung hat am Dienstag den Haushalt für 2025 gebilligt.",
    "Er sieht Ausgaben von 3,2 Milliarden Euro vor, 8 Prozent mehr als im Vorjahr.",
    "Die Oppositionsparteien erklärten, der Plan übergehe den Norden des Landes.",
    "Der Finanzminister wies die Kritik auf einer Pressekonferenz in Podgorica zurück.",
    "Das Parlament soll vor Ende Mai über den Vorschlag abstimmen.",
};

const std::vector<std::string> kCnrBody = {
    "Vlada je u utorak usvojila budžet za 2025. godinu.",
    "Predviđa potrošnju od 3,2 milijarde eura, 8 odsto više nego prošle godine.",
    "Opozicione partije kažu da plan zanemaruje sjever zemlje.",
    "Ministar finansija odbacio je kritike na konferenciji za medije u Podgorici.",
    "Očekuje se da parlament o prijedlogu glasa prije kraja maja.",
};

TEST(Aligner, OneToOneBeadsWithHighConfidence) {
  const Aligner aligner = MakeAligner();
  const PairAlignment p = aligner.Align(Edition(kEn, {kEnBody}), Edition(kDe, {kDeBody}));
  ExpectCoversEverySentenceOnce(p, 5, 5);
  ASSERT_EQ(p.beads.size(), 5u);
  for (const Bead& b : p.beads) {
    EXPECT_EQ(b.kind, BeadKind::k1_1);
    EXPECT_GT(b.confidence, 0.5);
  }
  EXPECT_GT(p.mean_confidence, 0.7);
  EXPECT_DOUBLE_EQ(p.matched_share, 1.0);
}

TEST(Aligner, SplitInTheTargetIsOneToTwo) {
  std::vector<std::string> de = kDeBody;
  de[1] = "Er sieht Ausgaben von 3,2 Milliarden Euro vor.";
  de.insert(de.begin() + 2, "Das sind 8 Prozent mehr als im Vorjahr.");
  const PairAlignment p = MakeAligner().Align(Edition(kEn, {kEnBody}), Edition(kDe, {de}));
  ExpectCoversEverySentenceOnce(p, 5, 6);
  EXPECT_EQ(Shape(p),
            (std::vector<std::string>{"1-1 0 0", "1-2 1 1", "1-1 2 3", "1-1 3 4", "1-1 4 5"}));
}

TEST(Aligner, MergeInTheTargetIsTwoToOne) {
  std::vector<std::string> de = kDeBody;
  de[2] =
      "Die Oppositionsparteien erklärten, der Plan übergehe den Norden des Landes, doch der "
      "Finanzminister wies die Kritik auf einer Pressekonferenz in Podgorica zurück.";
  de.erase(de.begin() + 3);
  const PairAlignment p = MakeAligner().Align(Edition(kEn, {kEnBody}), Edition(kDe, {de}));
  ExpectCoversEverySentenceOnce(p, 5, 4);
  EXPECT_EQ(Shape(p), (std::vector<std::string>{"1-1 0 0", "1-1 1 1", "2-1 2 2", "1-1 4 3"}));
}

TEST(Aligner, CrossedSplitIsTwoToTwo) {
  // The two English sentences cut the content at another place than the
  // two German ones: neither 1-1 pair is a translation, the pair of pairs is.
  const std::vector<std::string> en = {
      "The mayor opened the festival on Friday evening.",
      "Twelve bands from 4 countries will play on the old town square, and tickets cost 15 euros.",
      "The festival ends on Sunday with a concert of the city orchestra.",
  };
  const std::vector<std::string> de = {
      "Der Bürgermeister eröffnete das Festival am Freitagabend, auf dem Platz der Altstadt werden "
      "zwölf Bands aus 4 Ländern spielen.",
      "Karten kosten 15 Euro.",
      "Das Festival endet am Sonntag mit einem Konzert des Stadtorchesters.",
  };
  const PairAlignment p = MakeAligner().Align(Edition(kEn, {en}), Edition(kDe, {de}));
  ExpectCoversEverySentenceOnce(p, 3, 3);
  EXPECT_EQ(Shape(p), (std::vector<std::string>{"2-2 0 0", "1-1 2 2"}));
}

TEST(Aligner, SentenceMissingInEitherEditionIsOneToZeroOrZeroToOne) {
  std::vector<std::string> de = kDeBody;
  de.erase(de.begin() + 2);  // the opposition's sentence is not translated
  PairAlignment p = MakeAligner().Align(Edition(kEn, {kEnBody}), Edition(kDe, {de}));
  ExpectCoversEverySentenceOnce(p, 5, 4);
  EXPECT_EQ(Shape(p),
            (std::vector<std::string>{"1-1 0 0", "1-1 1 1", "1-0 2 2", "1-1 3 2", "1-1 4 3"}));

  std::vector<std::string> en = kEnBody;
  en.erase(en.begin() + 3);
  p = MakeAligner().Align(Edition(kEn, {en}), Edition(kDe, {kDeBody}));
  ExpectCoversEverySentenceOnce(p, 4, 5);
  EXPECT_EQ(Shape(p),
            (std::vector<std::string>{"1-1 0 0", "1-1 1 1", "1-1 2 2", "0-1 3 3", "1-1 3 4"}));
}

// A whole paragraph the German edition left out: 0-1 beads for it alone,
// the paragraphs after it still pair one to one.
TEST(Aligner, MissingParagraphGivesOmissionsNotACascade) {
  const std::vector<std::vector<std::string>> en = {
      {"Budget approved"},
      kEnBody,
      {"Economists welcomed the higher investment in roads.",
       "They warned, however, that public debt could reach 70 percent of GDP.",
       "The central bank did not comment."},
      {"The budget still needs the approval of the president.", "He has 7 days to sign it."},
  };
  const std::vector<std::vector<std::string>> de = {
      {"Haushalt gebilligt"},
      kDeBody,
      {"Der Haushalt braucht noch die Zustimmung des Präsidenten.",
       "Er hat 7 Tage Zeit, ihn zu unterzeichnen."},
  };
  const PairAlignment p = MakeAligner().Align(Edition(kEn, en, true), Edition(kDe, de, true));
  ExpectCoversEverySentenceOnce(p, 11, 8);
  std::size_t one_to_one = 0, omitted = 0;
  for (const Bead& b : p.beads) {
    if (b.kind == BeadKind::k1_1) {
      ++one_to_one;
      // Every 1-1 bead pairs a sentence with its own translation: the same
      // index once the missing paragraph is accounted for.
      const std::size_t expected_target = b.source_begin < 6 ? b.source_begin : b.source_begin - 3;
      EXPECT_EQ(b.target_begin, expected_target) << "source " << b.source_begin;
    } else {
      EXPECT_EQ(b.kind, BeadKind::k1_0);
      EXPECT_GE(b.source_begin, 6u);
      EXPECT_LT(b.source_begin, 9u);
      ++omitted;
    }
  }
  EXPECT_EQ(one_to_one, 8u);
  EXPECT_EQ(omitted, 3u);
}

TEST(Aligner, BeadsNeverCrossAParagraphBoundary) {
  // The English merges across the paragraph break what German keeps apart;
  // with paragraphs kept on both sides no bead may join the two paragraphs.
  const std::vector<std::vector<std::string>> en = {{kEnBody[0], kEnBody[1]},
                                                    {kEnBody[2], kEnBody[3]}};
  const std::vector<std::vector<std::string>> de = {{kDeBody[0], kDeBody[1]},
                                                    {kDeBody[2], kDeBody[3]}};
  const AlignEdition s = Edition(kEn, en), t = Edition(kDe, de);
  const PairAlignment p = MakeAligner().Align(s, t);
  for (const Bead& b : p.beads) {
    if (b.source_count == 2) {
      EXPECT_EQ(s.sentences[b.source_begin].block, s.sentences[b.source_begin + 1].block);
    }
    if (b.target_count == 2) {
      EXPECT_EQ(t.sentences[b.target_begin].block, t.sentences[b.target_begin + 1].block);
    }
  }
  EXPECT_EQ(Shape(p), (std::vector<std::string>{"1-1 0 0", "1-1 1 1", "1-1 2 2", "1-1 3 3"}));
}

// Numbers and dates agree by value across locales ("3.2" = "3,2",
// "5 April 2025" = "5. april 2025."); where lengths alone would pair the
// wrong sentences, the anchors pick the right ones.
TEST(Aligner, NumberAndDateAnchorsAgreeByValueAcrossLocales) {
  // Three sentences of nearly the same length, told apart only by numbers;
  // the Montenegrin edition drops the middle one.
  const std::vector<std::string> en = {
      "Exports rose by 12 percent to 1,250 million euros in March.",
      "Imports fell by 4 percent to 980 million euros on 5 April 2025.",
      "Tourism revenue grew by 31 percent to 415 million euros.",
  };
  const std::vector<std::string> cnr = {
      "Izvoz je u martu porastao za 12 odsto na 1.250 miliona eura.",
      "Prihodi od turizma porasli su za 31 odsto na 415 miliona eura.",
  };
  const Aligner with = MakeAligner();
  PairAlignment p = with.Align(Edition(kEn, {en}), Edition(kCnr, {cnr}));
  EXPECT_EQ(Shape(p), (std::vector<std::string>{"1-1 0 0", "1-0 1 1", "1-1 2 1"}));

  const std::vector<std::string> cnr_dates = {
      "Izvoz je u martu porastao za 12 odsto na 1.250 miliona eura.",
      "Uvoz je 5. aprila 2025. pao za 4 odsto na 980 miliona eura.",
      "Prihodi od turizma porasli su za 31 odsto na 415 miliona eura.",
  };
  p = with.Align(Edition(kEn, {en}), Edition(kCnr, {cnr_dates}));
  ASSERT_EQ(p.beads.size(), 3u);
  for (const Bead& b : p.beads) EXPECT_GT(b.confidence, 0.6) << BeadKindName(b.kind);
}

// Names in Cyrillic are compared after transliteration: the same bead as
// with the Latin edition, and a better-anchored one than without the
// transliterator.
TEST(Aligner, NameAnchorsWorkInBothMontenegrinScripts) {
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok());
  const std::vector<std::string> en = {
      "Milatović met Macron in Paris.",
      "The two presidents discussed energy.",
      "Later Milatović travelled on to Brussels for talks with Costa.",
  };
  const std::vector<std::string> latin = {
      "Milatović se u Parizu sastao sa Makronom.",
      "Dvojica predsjednika razgovarala su o energetici.",
      "Milatović je potom otputovao u Brisel na razgovore sa Koštom.",
  };
  const std::vector<std::string> cyrillic = {
      "Милатовић се у Паризу састао са Макроном.",
      "Двојица предсједника разговарала су о енергетици.",
      "Милатовић је потом отпутовао у Брисел на разговоре са Коштом.",
  };
  const Aligner aligner = MakeAligner(&*translit);
  const PairAlignment lat = aligner.Align(Edition(kEn, {en}), Edition(kCnr, {latin}));
  const PairAlignment cyr = aligner.Align(Edition(kEn, {en}), Edition(kCyrl, {cyrillic}));
  EXPECT_EQ(Shape(lat), Shape(cyr));
  EXPECT_EQ(Shape(cyr), (std::vector<std::string>{"1-1 0 0", "1-1 1 1", "1-1 2 2"}));
  // The Cyrillic beads are as sure as the Latin ones: the names were seen.
  for (std::size_t i = 0; i < cyr.beads.size(); ++i) {
    EXPECT_NEAR(cyr.beads[i].confidence, lat.beads[i].confidence, 0.05) << i;
  }
  const PairAlignment blind = MakeAligner().Align(Edition(kEn, {en}), Edition(kCyrl, {cyrillic}));
  EXPECT_LT(cyr.beads[0].cost, blind.beads[0].cost);
}

// A line set in capitals (the site's name) holds words, not acronyms: its
// translation is a confident bead. A real acronym still anchors.
TEST(Aligner, LinesInCapitalsAreWordsNotAcronyms) {
  const std::vector<std::string> en = {"WORLD NEWS FOR MONTENEGRO DIASPORA",
                                       "NATO ministers met in Brussels on Thursday."};
  const std::vector<std::string> cnr = {"SVJETSKE VIJESTI ZA CRNOGORSKU DIJASPORU",
                                        "Ministri NATO-a sastali su se u četvrtak u Briselu."};
  const PairAlignment p = MakeAligner().Align(Edition(kEn, {en}), Edition(kCnr, {cnr}));
  ASSERT_EQ(Shape(p), (std::vector<std::string>{"1-1 0 0", "1-1 1 1"}));
  EXPECT_GT(p.beads[0].confidence, 0.5);
  EXPECT_GT(p.beads[1].confidence, 0.5);
  // Without the shared acronym the second bead is less sure.
  const std::vector<std::string> cnr_no_acronym = {cnr[0],
                                                   "Ministri su se sastali u četvrtak u Briselu."};
  const PairAlignment q = MakeAligner().Align(Edition(kEn, {en}), Edition(kCnr, {cnr_no_acronym}));
  EXPECT_LT(q.beads[1].cost, p.beads[1].cost + 10);
  EXPECT_GT(q.beads[1].cost, p.beads[1].cost);
}

TEST(Aligner, TitleAlignsWithTitle) {
  const std::vector<std::vector<std::string>> en = {{"Budget approved"}, kEnBody};
  std::vector<std::vector<std::string>> de = {{"Haushalt für 2025 gebilligt"}, kDeBody};
  de[1].erase(de[1].begin());  // the German lead sentence is missing
  const PairAlignment p = MakeAligner().Align(Edition(kEn, en, true), Edition(kDe, de, true));
  ASSERT_FALSE(p.beads.empty());
  EXPECT_EQ(Shape(p).front(), "1-1 0 0");
}

TEST(Aligner, EmptyEditionGivesOmissionsOnly) {
  const PairAlignment p = MakeAligner().Align(Edition(kEn, {kEnBody}), Edition(kDe, {}));
  ExpectCoversEverySentenceOnce(p, 5, 0);
  for (const Bead& b : p.beads) EXPECT_EQ(b.kind, BeadKind::k1_0);
  EXPECT_DOUBLE_EQ(p.matched_share, 0.0);
}

TEST(Aligner, UnrelatedEditionsScoreLow) {
  const std::vector<std::string> de = {
      "Der FC Bayern gewann das Spiel gegen Dortmund mit 3:1.",
      "Zwei Tore fielen in der zweiten Halbzeit.",
      "Der Trainer lobte die Abwehr seiner Mannschaft.",
      "Das nächste Spiel findet in Leipzig statt.",
      "Die Fans feierten bis spät in die Nacht.",
  };
  const PairAlignment same = MakeAligner().Align(Edition(kEn, {kEnBody}), Edition(kDe, {kDeBody}));
  const PairAlignment other = MakeAligner().Align(Edition(kEn, {kEnBody}), Edition(kDe, {de}));
  EXPECT_LT(other.mean_confidence, same.mean_confidence - 0.2);
}

TEST(Aligner, ThreeEditionsMergeIntoMultilingualBeads) {
  std::vector<std::string> de = kDeBody;
  de[1] = "Er sieht Ausgaben von 3,2 Milliarden Euro vor.";
  de.insert(de.begin() + 2, "Das sind 8 Prozent mehr als im Vorjahr.");
  const AlignEdition editions[3] = {Edition(kEn, {kEnBody}), Edition(kCnr, {kCnrBody}),
                                    Edition(kDe, {de})};
  const MultiAlignment m = MakeAligner().AlignThree(editions);
  ASSERT_EQ(m.beads.size(), 5u);
  EXPECT_EQ(m.beads[1].spans[0].count, 1u);
  EXPECT_EQ(m.beads[1].spans[1].count, 1u);
  EXPECT_EQ(m.beads[1].spans[2].count, 2u);
  for (const MergedBead& b : m.beads) EXPECT_FALSE(b.disagreement);
  EXPECT_EQ(m.pairs.size(), 3u);
}

std::vector<std::string> ToCyrillic(const Transliterator& t,
                                    const std::vector<std::string>& latin) {
  std::vector<std::string> out;
  for (const std::string& s : latin) out.push_back(t.ToCyrillic(s));
  return out;
}

// The Cyrillic edition joins each bead with the sentences of its Latin twin.
TEST(Aligner, TwinEditionJoinsTheBeadsOfItsBase) {
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok());
  std::vector<std::string> de = kDeBody;
  de[1] = "Er sieht Ausgaben von 3,2 Milliarden Euro vor.";
  de.insert(de.begin() + 2, "Das sind 8 Prozent mehr als im Vorjahr.");
  const AlignEdition editions[3] = {Edition(kEn, {kEnBody}), Edition(kCnr, {kCnrBody}),
                                    Edition(kDe, {de})};
  const Aligner aligner = MakeAligner(&*translit);
  MultiAlignment m = aligner.AlignThree(editions);
  const PairAlignment twin =
      aligner.AddTwin(m.beads, 1, editions[1], Edition(kCyrl, {ToCyrillic(*translit, kCnrBody)}));
  ASSERT_EQ(m.beads.size(), 5u);
  for (std::size_t i = 0; i < m.beads.size(); ++i) {
    ASSERT_EQ(m.beads[i].spans.size(), 4u);
    EXPECT_EQ(m.beads[i].spans[3].begin, i);
    EXPECT_EQ(m.beads[i].spans[3].count, 1u);
    EXPECT_FALSE(m.beads[i].disagreement) << i;
  }
  EXPECT_EQ(m.beads[1].spans[2].count, 2u);
  EXPECT_GT(twin.mean_confidence, 0.9);
  EXPECT_DOUBLE_EQ(twin.matched_share, 1.0);
}

// A sentence only the twin holds is a bead of its own; one only the base
// holds keeps an empty twin span; nothing is lost or doubled.
TEST(Aligner, TwinSentencesTheBaseLacksBecomeBeadsOfTheirOwn) {
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok());
  std::vector<std::string> cyrl = ToCyrillic(*translit, kCnrBody);
  cyrl.erase(cyrl.begin() + 3);
  cyrl.insert(cyrl.begin() + 1,
              "Сједница је трајала до касно у ноћ, уз бројне амандмане опозиције.");
  const Aligner aligner = MakeAligner(&*translit);
  const AlignEdition en = Edition(kEn, {kEnBody});
  const AlignEdition cnr = Edition(kCnr, {kCnrBody});
  const PairAlignment p = aligner.Align(en, cnr);
  std::vector<MergedBead> beads;
  for (const Bead& b : p.beads) {
    beads.push_back(MergedBead{
        {{b.source_begin, b.source_count}, {b.target_begin, b.target_count}}, b.confidence, false});
  }
  const PairAlignment twin = aligner.AddTwin(beads, 1, cnr, Edition(kCyrl, {cyrl}));
  ASSERT_EQ(beads.size(), 6u) << testing::PrintToString(Shape(twin));
  EXPECT_EQ(beads[1].spans[0].count, 0u);
  EXPECT_EQ(beads[1].spans[1].count, 0u);
  EXPECT_EQ(beads[1].spans[2].begin, 1u);
  EXPECT_EQ(beads[1].spans[2].count, 1u);
  EXPECT_EQ(beads[4].spans[1].begin, 3u);  // the sentence the twin lacks
  EXPECT_EQ(beads[4].spans[2].count, 0u);
  std::size_t twin_sentences = 0;
  for (const MergedBead& b : beads) {
    if (b.spans[2].count) {
      EXPECT_EQ(b.spans[2].begin, twin_sentences);
    }
    twin_sentences += b.spans[2].count;
  }
  EXPECT_EQ(twin_sentences, cyrl.size());
}

// The twin joined two sentences its base keeps apart in two beads: the twin
// pair goes to the first bead and both are flagged for review.
TEST(Aligner, TwinJoiningTwoBeadsFlagsBoth) {
  auto translit = Transliterator::Create();
  ASSERT_TRUE(translit.ok());
  std::vector<std::string> cyrl = ToCyrillic(*translit, kCnrBody);
  cyrl[1] += " " + cyrl[2];
  cyrl.erase(cyrl.begin() + 2);
  const Aligner aligner = MakeAligner(&*translit);
  const AlignEdition cnr = Edition(kCnr, {kCnrBody});
  std::vector<MergedBead> beads;
  for (std::size_t i = 0; i < kCnrBody.size(); ++i)
    beads.push_back(MergedBead{{{i, 1}}, 0.9, false});
  aligner.AddTwin(beads, 0, cnr, Edition(kCyrl, {cyrl}));
  ASSERT_EQ(beads.size(), 5u);
  EXPECT_EQ(beads[1].spans[1].begin, 1u);
  EXPECT_EQ(beads[1].spans[1].count, 1u);
  EXPECT_EQ(beads[2].spans[1].count, 0u);
  EXPECT_TRUE(beads[1].disagreement);
  EXPECT_TRUE(beads[2].disagreement);
  EXPECT_FALSE(beads[0].disagreement);
  EXPECT_FALSE(beads[3].disagreement);
}

TEST(Aligner, LengthModelIsEstimatedFromEnoughPairs) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < 400; ++i)
    pairs.emplace_back(40 + i % 60, (40 + i % 60) * 12 / 10 + i % 5);
  const auto model = EstimateLengthModel(pairs);
  ASSERT_TRUE(model.has_value());
  EXPECT_NEAR(model->c, 1.2, 0.05);
  pairs.resize(50);
  EXPECT_FALSE(EstimateLengthModel(pairs).has_value());
  EXPECT_EQ(CharacterLength("Čačak"), 5u);
}

// The banded search keeps a long document linear: 2,000 sentences per side
// align, every sentence covered once and the diagonal found. (The speed is
// measured in bench/align_bench.cpp.)
TEST(Aligner, LongDocumentAlignsAlongTheDiagonal) {
  std::vector<std::string> en, de;
  for (std::size_t i = 0; i < 2000; ++i) {
    en.push_back(kEnBody[i % 5] + " Item " + std::to_string(i + 10) + ".");
    de.push_back(kDeBody[i % 5] + " Punkt " + std::to_string(i + 10) + ".");
  }
  const PairAlignment p = MakeAligner().Align(Edition(kEn, {en}), Edition(kDe, {de}));
  ExpectCoversEverySentenceOnce(p, 2000, 2000);
  std::size_t diagonal = 0;
  for (const Bead& b : p.beads)
    diagonal += b.kind == BeadKind::k1_1 && b.source_begin == b.target_begin;
  EXPECT_GT(diagonal, 1990u);
}

}  // namespace
}  // namespace lovcen
