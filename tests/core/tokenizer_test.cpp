#include "lovcen/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "lovcen/placeable.h"
#include "lovcen/text.h"
#include "test_paths.h"

namespace lovcen {
namespace {

Tokenizer Make(Language language) {
  auto tokenizer = Tokenizer::Create(LanguageTag(language));
  EXPECT_TRUE(tokenizer.ok()) << tokenizer.error().ToString();
  return std::move(tokenizer).value();
}

// "kind:text" per token, which makes a failing expectation easy to read.
std::vector<std::string> Render(const std::vector<Token>& tokens, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    out.push_back(std::string(TokenKindName(t.kind)) + ":" + std::string(t.text(text)));
  }
  return out;
}

std::vector<std::string> Tok(Language language, std::string_view text) {
  return Render(Make(language).Tokenize(text), text);
}

using V = std::vector<std::string>;

TEST(TokenizerTest, EmptyAndWhiteSpaceOnlyTextHaveNoTokens) {
  EXPECT_TRUE(Tok(Language::kEnglish, "").empty());
  EXPECT_TRUE(Tok(Language::kEnglish, " \t\n\u00a0\u2009\u3000\u200b ").empty());
}

TEST(TokenizerTest, EnglishWordsApostrophesAndNames) {
  EXPECT_EQ(Tok(Language::kEnglish, "Rubio tells Moscow: Russia's clock is ticking"),
            (V{"word:Rubio", "word:tells", "word:Moscow", "punctuation::", "word:Russia's",
               "word:clock", "word:is", "word:ticking"}));
  // Curly apostrophe (U+2019) inside a word, and the name "Al Jazeera" is two words.
  EXPECT_EQ(Tok(Language::kEnglish, "On Moscow\u2019s terms, Al Jazeera Balkans reports."),
            (V{"word:On", "word:Moscow\u2019s", "word:terms", "punctuation:,", "word:Al",
               "word:Jazeera", "word:Balkans", "word:reports", "punctuation:."}));
  // A plural possessive keeps its apostrophe apart.
  EXPECT_EQ(Tok(Language::kEnglish, "member states' support"),
            (V{"word:member", "word:states", "punctuation:'", "word:support"}));
}

TEST(TokenizerTest, InitialismsAndHyphenatedCompounds) {
  EXPECT_EQ(Tok(Language::kEnglish, "in U.S.-led negotiations"),
            (V{"word:in", "word:U.S.-led", "word:negotiations"}));
  EXPECT_EQ(Tok(Language::kEnglish, "AUTHOR:M.J. GDNUS"),
            (V{"word:AUTHOR", "punctuation::", "word:M.J.", "word:GDNUS"}));
  EXPECT_EQ(Tok(Language::kEnglish, "the NATO-Ukraine Council, the first de-escalation"),
            (V{"word:the", "word:NATO-Ukraine", "word:Council", "punctuation:,", "word:the",
               "word:first", "word:de-escalation"}));
  // A hyphen before a digit or a space is punctuation.
  EXPECT_EQ(Tok(Language::kEnglish, "COVID-19 - again"),
            (V{"word:COVID", "punctuation:-", "number:19", "punctuation:-", "word:again"}));
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "sastanak NATO-a"),
            (V{"word:sastanak", "word:NATO-a"}));
}

TEST(TokenizerTest, QuotesArePunctuationTokens) {
  EXPECT_EQ(Tok(Language::kEnglish, "\u201cOf course, Russia wants peace.\u201d"),
            (V{"punctuation:\u201c", "word:Of", "word:course", "punctuation:,", "word:Russia",
               "word:wants", "word:peace", "punctuation:.", "punctuation:\u201d"}));
  EXPECT_EQ(Tok(Language::kGerman, "\u201eNat\u00fcrlich will Russland Frieden\u201c, sagte er."),
            (V{"punctuation:\u201e", "word:Nat\u00fcrlich", "word:will", "word:Russland",
               "word:Frieden", "punctuation:\u201c", "punctuation:,", "word:sagte", "word:er",
               "punctuation:."}));
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "\u201eNaravno\u201c"),
            (V{"punctuation:\u201e", "word:Naravno", "punctuation:\u201c"}));
}

TEST(TokenizerTest, NumbersWithSeparatorsAreSingleTokens) {
  EXPECT_EQ(Tok(Language::kEnglish, "1,000.5 and 1.000,5 or 3,2 and 1.015"),
            (V{"number:1,000.5", "word:and", "number:1.000,5", "word:or", "number:3,2",
               "word:and", "number:1.015"}));
  EXPECT_EQ(Tok(Language::kEnglish, "a fall of -4.5 (-3) to \u22122"),
            (V{"word:a", "word:fall", "word:of", "number:-4.5", "punctuation:(", "number:-3",
               "punctuation:)", "word:to", "number:\u22122"}));
  // A hyphen between numbers is a range, not a sign.
  EXPECT_EQ(Tok(Language::kEnglish, "2020-2025"),
            (V{"number:2020", "punctuation:-", "number:2025"}));
  EXPECT_EQ(Tok(Language::kEnglish, "5-3"), (V{"number:5", "punctuation:-", "number:3"}));
  // Percentages: the number, then the sign.
  EXPECT_EQ(Tok(Language::kGerman, "um 50 % und 12,5%"),
            (V{"word:um", "number:50", "punctuation:%", "word:und", "number:12,5",
               "punctuation:%"}));
  // A sentence-final dot is not part of the number.
  EXPECT_EQ(Tok(Language::kEnglish, "It cost 1,000,000."),
            (V{"word:It", "word:cost", "number:1,000,000", "punctuation:."}));
  // Digit strings that are no number in any convention are words.
  EXPECT_EQ(Tok(Language::kEnglish, "version 1.2.3"), (V{"word:version", "word:1.2.3"}));
}

TEST(TokenizerTest, DatesInEveryStyle) {
  EXPECT_EQ(Tok(Language::kEnglish, "05-Apr-2025"), (V{"date:05-Apr-2025"}));
  EXPECT_EQ(Tok(Language::kEnglish, "on April 5, 2025, he said"),
            (V{"word:on", "date:April 5, 2025", "punctuation:,", "word:he", "word:said"}));
  EXPECT_EQ(Tok(Language::kEnglish, "on 5 April 2025."),
            (V{"word:on", "date:5 April 2025", "punctuation:."}));
  EXPECT_EQ(Tok(Language::kEnglish, "since 2025-04-05"), (V{"word:since", "date:2025-04-05"}));
  EXPECT_EQ(Tok(Language::kEnglish, "on 4/5/2025"), (V{"word:on", "date:4/5/2025"}));
  EXPECT_EQ(Tok(Language::kEnglish, "on April 5 at noon"),
            (V{"word:on", "date:April 5", "word:at", "word:noon"}));
  // The month comes first only in English: this is April, then a number.
  EXPECT_EQ(Tok(Language::kGerman, "im April 3,5 Prozent"),
            (V{"word:im", "word:April", "number:3,5", "word:Prozent"}));
  // German: the dot after the year ends the sentence.
  EXPECT_EQ(Tok(Language::kGerman, "Am 5. April 2025 und am 05.04.2025."),
            (V{"word:Am", "date:5. April 2025", "word:und", "word:am", "date:05.04.2025",
               "punctuation:."}));
}

TEST(TokenizerTest, MontenegrinDatesKeepTheYearDot) {
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "Održan je 5. aprila 2025. godine."),
            (V{"word:Održan", "word:je", "date:5. aprila 2025.", "word:godine", "punctuation:."}));
  // At the end of a sentence the one dot is both the year's and the sentence's.
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "Podgorica, 5. april 2025."),
            (V{"word:Podgorica", "punctuation:,", "date:5. april 2025."}));
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "dana 05.04.2025. i 5. 4. 2025."),
            (V{"word:dana", "date:05.04.2025.", "word:i", "date:5. 4. 2025."}));
  EXPECT_EQ(Tok(Language::kMontenegrinCyrillic,
                "\u041e\u0434\u0440\u0436\u0430\u043d \u0458\u0435 5. \u0430\u043f\u0440\u0438\u043b\u0430 2025."),
            (V{"word:\u041e\u0434\u0440\u0436\u0430\u043d", "word:\u0458\u0435",
               "date:5. \u0430\u043f\u0440\u0438\u043b\u0430 2025."}));
  EXPECT_EQ(Tok(Language::kMontenegrinCyrillic, "5. \u0430\u043f\u0440\u0438\u043b 2025."),
            (V{"date:5. \u0430\u043f\u0440\u0438\u043b 2025."}));
  // A no-break space between day and month (careful typesetting).
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "5.\u00a0aprila"), (V{"date:5.\u00a0aprila"}));
  // An ordinal that is not a date: number, dot, word.
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "5. mjesto"),
            (V{"number:5", "punctuation:.", "word:mjesto"}));
  // An impossible date is no date.
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "31. februara"),
            (V{"number:31", "punctuation:.", "word:februara"}));
}

TEST(TokenizerTest, Times) {
  EXPECT_EQ(Tok(Language::kEnglish, "at 10:30 and 9:05 a.m. and 7 pm"),
            (V{"word:at", "time:10:30", "word:and", "time:9:05 a.m.", "word:and", "time:7 pm"}));
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "u 10.30 h i 10.30h"),
            (V{"word:u", "time:10.30 h", "word:i", "time:10.30h"}));
  // "10.30" is a time before an hour word, which stays a word.
  EXPECT_EQ(Tok(Language::kGerman, "um 10.30 Uhr"), (V{"word:um", "time:10.30", "word:Uhr"}));
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "u 10.30 časova"),
            (V{"word:u", "time:10.30", "word:časova"}));
  // Without one it is a number.
  EXPECT_EQ(Tok(Language::kEnglish, "grew 10.30 points"),
            (V{"word:grew", "number:10.30", "word:points"}));
  // Decided: a bare H:MM is a clock time after a clock word ("at", "um",
  // "u", ...) or at the start of the text, and otherwise a score or ratio.
  EXPECT_EQ(Tok(Language::kEnglish, "won 12:11, lost 3:1"),
            (V{"word:won", "number:12", "punctuation::", "number:11", "punctuation:,",
               "word:lost", "number:3", "punctuation::", "number:1"}));
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "savladao Jadran sa 12:11. U 12:11 je kraj."),
            (V{"word:savladao", "word:Jadran", "word:sa", "number:12", "punctuation::",
               "number:11", "punctuation:.", "word:U", "time:12:11", "word:je", "word:kraj",
               "punctuation:."}));
  EXPECT_EQ(Tok(Language::kGerman, "Um 12:11 mit 12:11"),
            (V{"word:Um", "time:12:11", "word:mit", "number:12", "punctuation::", "number:11"}));
  EXPECT_EQ(Tok(Language::kEnglish, "12:11"), (V{"time:12:11"}));
  EXPECT_EQ(Tok(Language::kEnglish, "score 10:30:15"), (V{"word:score", "time:10:30:15"}));
  EXPECT_EQ(Tok(Language::kGerman, "Ende 10:30 Uhr"),
            (V{"word:Ende", "time:10:30", "word:Uhr"}));
  EXPECT_EQ(Tok(Language::kEnglish, "24:30"), (V{"number:24", "punctuation::", "number:30"}));
  // An hour before a clock word; "sati" may count hours of duration.
  EXPECT_EQ(Tok(Language::kGerman, "um 19 Uhr"), (V{"word:um", "time:19", "word:Uhr"}));
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "u 19 časova, trajalo 19 sati"),
            (V{"word:u", "time:19", "word:časova", "punctuation:,", "word:trajalo", "number:19",
               "word:sati"}));
  // "am" is a German word, not ante meridiem.
  EXPECT_EQ(Tok(Language::kGerman, "10 am Bahnhof"),
            (V{"number:10", "word:am", "word:Bahnhof"}));
}

TEST(TokenizerTest, UrlsAndEmailAddresses) {
  EXPECT_EQ(Tok(Language::kEnglish, "See https://www.cbcg.me/x?y=1."),
            (V{"word:See", "url:https://www.cbcg.me/x?y=1", "punctuation:."}));
  EXPECT_EQ(Tok(Language::kEnglish, "Visit www.example.com, then (http://x.me/a_(b)) now"),
            (V{"word:Visit", "url:www.example.com", "punctuation:,", "word:then",
               "punctuation:(", "url:http://x.me/a_(b)", "punctuation:)", "word:now"}));
  EXPECT_EQ(Tok(Language::kEnglish, "\u201chttps://vijesti.me/\u010dlanak\u201d"),
            (V{"punctuation:\u201c", "url:https://vijesti.me/\u010dlanak",
               "punctuation:\u201d"}));
  EXPECT_EQ(Tok(Language::kEnglish, "Write to news.desk@cbcg.me."),
            (V{"word:Write", "word:to", "email:news.desk@cbcg.me", "punctuation:."}));
  // ICU reads a handle as one word; a lone "@" is punctuation.
  EXPECT_EQ(Tok(Language::kEnglish, "at @handle"), (V{"word:at", "word:@handle"}));
  EXPECT_EQ(Tok(Language::kEnglish, "a @ b"), (V{"word:a", "punctuation:@", "word:b"}));
  // A bare domain is not an address (it could be a sentence without spaces).
  EXPECT_EQ(Tok(Language::kEnglish, "cbcg.me"), (V{"word:cbcg.me"}));
}

TEST(TokenizerTest, MontenegrinLettersAndCyrillic) {
  EXPECT_EQ(Tok(Language::kMontenegrinLatin, "Śutra će iźesti sve."),
            (V{"word:Śutra", "word:će", "word:iźesti", "word:sve", "punctuation:."}));
  // с́ has no precomposed form: с + U+0301 stays inside the word.
  EXPECT_EQ(Tok(Language::kMontenegrinCyrillic, "\u0441\u0301\u0443\u0442\u0440\u0430 \u0421\u0410\u0414-\u0430"),
            (V{"word:\u0441\u0301\u0443\u0442\u0440\u0430", "word:\u0421\u0410\u0414-\u0430"}));
}

TEST(TokenizerTest, OffsetsAreUtf8Bytes) {
  const std::string text = "\u0420\u0443\u0441\u0438\u0458\u0430 1.500,5 \u20ac.";  // Русија 1.500,5 €.
  const auto tokens = Make(Language::kMontenegrinCyrillic).Tokenize(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, 12u);  // six two-byte letters
  EXPECT_EQ(tokens[1].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[1].begin, 13u);
  EXPECT_EQ(tokens[1].end, 20u);
  EXPECT_EQ(tokens[2].kind, TokenKind::kPunctuation);
  EXPECT_EQ(tokens[2].begin, 21u);
  EXPECT_EQ(tokens[2].end, 24u);  // € is three bytes
  EXPECT_EQ(tokens[3].text(text), ".");
}

TEST(TokenizerTest, InvalidUtf8DoesNotCrash) {
  const std::string text = "abc \xff\xfe def \xe2\x82";
  const auto tokens = Make(Language::kEnglish).Tokenize(text);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.front().text(text), "abc");
  for (const Token& t : tokens) EXPECT_LE(t.end, text.size());
}

TEST(TokenizerTest, SegmentCodesAreTokensAndBoundaries) {
  Segment segment;
  segment.text = "Read more at www.cbcg.me today";
  InlineCode open;
  open.kind = CodeKind::kOpen;
  open.offset = 13;
  open.element = "g";
  InlineCode close = open;
  close.kind = CodeKind::kClose;
  close.offset = 24;
  segment.codes = {open, close};
  const auto tokens = Make(Language::kEnglish).Tokenize(segment);
  EXPECT_EQ(Render(tokens, segment.text),
            (V{"word:Read", "word:more", "word:at", "code:", "url:www.cbcg.me", "code:",
               "word:today"}));
  EXPECT_EQ(tokens[3].code_index, 0u);
  EXPECT_EQ(tokens[3].begin, 13u);
  EXPECT_EQ(tokens[5].code_index, 1u);
  EXPECT_EQ(tokens[5].end, 24u);

  // A code inside what would be one word splits it.
  Segment inside;
  inside.text = "Putin's envoy";
  InlineCode ph;
  ph.offset = 5;
  ph.element = "ph";
  InlineCode end_code = ph;
  end_code.offset = inside.text.size();
  inside.codes = {ph, end_code};
  EXPECT_EQ(Render(Make(Language::kEnglish).Tokenize(inside), inside.text),
            (V{"word:Putin", "code:", "punctuation:'", "word:s", "word:envoy", "code:"}));
}

TEST(TokenizerTest, CloneTokenizesTheSame) {
  const Tokenizer original = Make(Language::kGerman);
  const Tokenizer copy = original.Clone();
  const std::string text = "Am 5. April 2025 um 10.30 Uhr: 1.500,5 \u20ac, siehe www.dw.com.";
  EXPECT_EQ(copy.language(), original.language());
  EXPECT_EQ(Render(copy.Tokenize(text), text), Render(original.Tokenize(text), text));
}

TEST(TokenizerTest, IsPlaceableKinds) {
  EXPECT_TRUE(IsPlaceable(TokenKind::kNumber));
  EXPECT_TRUE(IsPlaceable(TokenKind::kDate));
  EXPECT_TRUE(IsPlaceable(TokenKind::kTime));
  EXPECT_TRUE(IsPlaceable(TokenKind::kUrl));
  EXPECT_TRUE(IsPlaceable(TokenKind::kEmail));
  EXPECT_TRUE(IsPlaceable(TokenKind::kCode));
  EXPECT_FALSE(IsPlaceable(TokenKind::kWord));
  EXPECT_FALSE(IsPlaceable(TokenKind::kPunctuation));
}

// Properties that must hold on any real text: tokens in order, inside the
// text, not overlapping, never white space, and every non-space byte covered.
void CheckInvariants(const Tokenizer& tokenizer, const std::string& text, const std::string& name) {
  const auto tokens = tokenizer.Tokenize(text);
  std::vector<bool> covered(text.size(), false);
  std::size_t last_end = 0;
  for (const Token& t : tokens) {
    ASSERT_LE(last_end, t.begin) << name << ": overlapping tokens at " << t.begin;
    ASSERT_LT(t.begin, t.end) << name;
    ASSERT_LE(t.end, text.size()) << name;
    const std::string_view s = t.text(text);
    ASSERT_NE(MatchKey(s), "") << name << ": white space token at " << t.begin;
    if (t.kind != TokenKind::kDate && t.kind != TokenKind::kTime) {
      ASSERT_EQ(s.find(' '), std::string_view::npos) << name << ": '" << s << "'";
    }
    for (std::size_t k = t.begin; k < t.end; ++k) covered[k] = true;
    last_end = t.end;
  }
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (covered[k]) continue;
    const std::size_t start = k;
    while (k < text.size() && !covered[k]) ++k;
    // White space, or the invisible U+200B that the tokenizer also skips.
    std::string gap = MatchKey(std::string_view(text).substr(start, k - start));
    for (std::size_t z; (z = gap.find("\u200b")) != std::string::npos;) gap.erase(z, 3);
    ASSERT_EQ(MatchKey(gap), "") << name << ": bytes " << start << ".." << k << " are in no token";
  }
}

TEST(TokenizerTest, InvariantsHoldOnTheSampleArticles) {
  const std::filesystem::path root = testing::CorporaDir();
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no corpora/ yet";
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    Language language = Language::kEnglish;
    if (name.find(".de.") != std::string::npos) language = Language::kGerman;
    if (name.find(".cnr-Latn.") != std::string::npos) language = Language::kMontenegrinLatin;
    if (name.find(".cnr-Cyrl.") != std::string::npos) language = Language::kMontenegrinCyrillic;
    const std::string text = testing::ReadFile(entry.path().string());
    if (!ValidateUtf8(text).ok()) continue;  // readers reject those before tokenizing
    CheckInvariants(Make(language), text, entry.path().string());
    ++files;
  }
  if (files == 0) GTEST_SKIP() << "corpora/ has no text yet";
}

// The cnr-Cyrl editions are transliterations of the cnr-Latn ones (see
// corpora/README.md): both scripts must give the same token kinds, the same
// punctuation, numbers, times and addresses, and dates of the same value.
TEST(TokenizerTest, MontenegrinScriptsTokenizeAlikeOnAlignedCorpora) {
  const std::filesystem::path root = testing::CorporaDir();
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no corpora/ yet";
  const Tokenizer latn = Make(Language::kMontenegrinLatin);
  const Tokenizer cyrl = Make(Language::kMontenegrinCyrillic);
  std::size_t rows = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tsv") continue;
    std::istringstream in(testing::ReadFile(entry.path().string()));
    std::string line;
    std::getline(in, line);
    ASSERT_EQ(line, "en\tcnr-Latn\tcnr-Cyrl\tde") << entry.path();
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::size_t from = 0;
      for (std::size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1) {
        cells.push_back(line.substr(from, tab - from));
      }
      cells.push_back(line.substr(from));
      if (cells.size() != 4) continue;
      const std::string& l = cells[1];
      const std::string& c = cells[2];
      const auto a = latn.Tokenize(l);
      const auto b = cyrl.Tokenize(c);
      ASSERT_EQ(a.size(), b.size()) << l << "\n" << c;
      for (std::size_t k = 0; k < a.size(); ++k) {
        ASSERT_EQ(a[k].kind, b[k].kind) << a[k].text(l) << " / " << b[k].text(c);
        if (a[k].kind == TokenKind::kDate) {
          const auto da = ParseDate(a[k].text(l), latn.language());
          const auto db = ParseDate(b[k].text(c), cyrl.language());
          ASSERT_TRUE(da && db);
          EXPECT_EQ(da->year * 10000 + da->month * 100 + da->day,
                    db->year * 10000 + db->month * 100 + db->day);
          EXPECT_EQ(da->style, db->style) << a[k].text(l);
        } else if (a[k].kind != TokenKind::kWord) {
          EXPECT_EQ(a[k].text(l), b[k].text(c));
        }
      }
      ++rows;
    }
  }
  if (rows == 0) GTEST_SKIP() << "corpora/ has no aligned stories yet";
}

TEST(TokenizerTest, InvariantsHoldOnMixedText) {
  const std::string text =
      "WORLD NEWS\n05-Apr-2025\n\nRubio tells Moscow: Russia\u2019s clock is ticking "
      "(1,500.5 km, -4.5%, 10:30 a.m.) \u2014 see https://www.cbcg.me/x?y=1. "
      "\u201eU.S.-led\u201c \u0420\u0443\u0441\u0438\u0458\u0430 5. \u0430\u043f\u0440\u0438\u043b\u0430 2025. "
      "news@cbcg.me\u00a0\u00a0 \U0001F600 \u200b x";
  for (Language language : {Language::kEnglish, Language::kGerman, Language::kMontenegrinLatin,
                            Language::kMontenegrinCyrillic}) {
    CheckInvariants(Make(language), text, "mixed");
  }
}

}  // namespace
}  // namespace lovcen
