// Tokenizer and placeable throughput on generated news-like text: sentences
// of about 24 tokens drawn from a small per-language vocabulary, with the
// numbers, dates, times, URLs, quotes and hyphenated names that news copy has.
// Reports tokens/s and bytes/s; the raw ICU word break over the same text is
// the baseline the tokenizer's joining adds to.
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "lovcen/placeable.h"
#include "lovcen/tokenizer.h"

namespace lovcen {
namespace {

struct Vocabulary {
  std::vector<const char*> words;
  std::vector<const char*> names;
  std::vector<const char*> dates;
  std::vector<const char*> numbers;
  std::vector<const char*> times;
  const char* open_quote;
  const char* close_quote;
};

Vocabulary VocabularyFor(Language language) {
  switch (language) {
    case Language::kEnglish:
      return {{"the", "said", "minister", "talks", "peace", "Russia's", "Moscow\u2019s", "on",
               "in", "a", "of", "to", "that", "government", "agreement", "week", "officials",
               "meeting", "U.S.-led", "ceasefire", "energy", "terms", "after", "reported",
               "three-year", "negotiations", "would", "security", "president", "with"},
              {"Rubio", "Putin", "NATO", "Al Jazeera", "Brussels", "Podgorica", "Kotor"},
              {"05-Apr-2025", "April 5, 2025", "May 12", "2025-04-05"},
              {"1,500", "3.2", "-4.5", "12,000", "87", "2025", "0.6"},
              {"at 10:30", "7 p.m.", "10:30 a.m."},
              "\u201c",
              "\u201d"};
    case Language::kGerman:
      return {{"der", "sagte", "Minister", "Gespr\u00e4che", "Frieden", "Russlands", "am", "in",
               "ein", "von", "zu", "dass", "Regierung", "Abkommen", "Woche", "Vertreter",
               "Treffen", "US-gef\u00fchrten", "Waffenruhe", "Energie", "Bedingungen", "nach",
               "berichtete", "Verhandlungen", "w\u00fcrde", "Sicherheit", "Pr\u00e4sident", "mit",
               "NATO-Au\u00dfenminister", "die"},
              {"Rubio", "Putin", "NATO", "Al Jazeera", "Br\u00fcssel", "Podgorica", "Kotor"},
              {"05.04.2025", "5. April 2025", "12. Mai", "2025-04-05"},
              {"1.500", "3,2", "-4,5", "12.000", "87", "2025", "0,6"},
              {"um 10.30 Uhr", "um 10:30", "19 Uhr"},
              "\u201e",
              "\u201c"};
    case Language::kMontenegrinLatin:
      return {{"je", "rekao", "ministar", "pregovori", "mir", "Rusije", "u", "na", "od", "da",
               "vlada", "sporazum", "sedmice", "zvani\u010dnici", "sastanak", "NATO-a", "prekid",
               "vatre", "energetske", "uslovima", "nakon", "prenosi", "\u015butra", "\u0111e",
               "pregovora", "bezbjednosti", "predsjednik", "sa", "iz", "\u0107e"},
              {"Rubio", "Putin", "NATO", "Al Jazeera", "Brisel", "Podgorica", "Kotor"},
              {"5. april 2025.", "5. aprila 2025.", "12. maja", "05.04.2025."},
              {"1.500", "3,2", "-4,5", "12.000", "87", "2025", "0,6"},
              {"u 10.30 h", "u 10:30", "u 19 \u010dasova"},
              "\u201e",
              "\u201c"};
    case Language::kMontenegrinCyrillic:
      return {{"\u0458\u0435", "\u0440\u0435\u043a\u0430\u043e", "\u043c\u0438\u043d\u0438\u0441\u0442\u0430\u0440",
               "\u043f\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u0438", "\u043c\u0438\u0440",
               "\u0420\u0443\u0441\u0438\u0458\u0435", "\u0443", "\u043d\u0430", "\u043e\u0434",
               "\u0434\u0430", "\u0432\u043b\u0430\u0434\u0430",
               "\u0441\u043f\u043e\u0440\u0430\u0437\u0443\u043c", "\u0441\u0435\u0434\u043c\u0438\u0446\u0435",
               "\u0441\u0430\u0441\u0442\u0430\u043d\u0430\u043a", "\u041d\u0410\u0422\u041e-\u0430",
               "\u043f\u0440\u0435\u043a\u0438\u0434", "\u0432\u0430\u0442\u0440\u0435",
               "\u043d\u0430\u043a\u043e\u043d", "\u043f\u0440\u0435\u043d\u043e\u0441\u0438",
               "\u0441\u0301\u0443\u0442\u0440\u0430", "\u0452\u0435",
               "\u043f\u0440\u0435\u0434\u0441\u0458\u0435\u0434\u043d\u0438\u043a", "\u0441\u0430",
               "\u0438\u0437", "\u045b\u0435"},
              {"\u0420\u0443\u0431\u0438\u043e", "\u041f\u0443\u0442\u0438\u043d", "\u041d\u0410\u0422\u041e",
               "Al Jazeera", "\u0411\u0440\u0438\u0441\u0435\u043b",
               "\u041f\u043e\u0434\u0433\u043e\u0440\u0438\u0446\u0430", "\u041a\u043e\u0442\u043e\u0440"},
              {"5. \u0430\u043f\u0440\u0438\u043b 2025.", "5. \u0430\u043f\u0440\u0438\u043b\u0430 2025.",
               "12. \u043c\u0430\u0458\u0430", "05.04.2025."},
              {"1.500", "3,2", "-4,5", "12.000", "87", "2025", "0,6"},
              {"\u0443 10.30 h", "\u0443 10:30"},
              "\u201e",
              "\u201c"};
  }
  return {};
}

// Sentences like news copy; deterministic for a given language.
std::vector<std::string> NewsSentences(Language language, std::size_t count) {
  const Vocabulary v = VocabularyFor(language);
  std::mt19937 rng(20250405);
  auto pick = [&](const std::vector<const char*>& list) {
    return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(rng)];
  };
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t s = 0; s < count; ++s) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(12, 30)(rng);
    bool quoted = chance(15);
    if (quoted) text += v.open_quote;
    for (int w = 0; w < length; ++w) {
      if (w > 0) text += ' ';
      if (chance(6)) {
        text += pick(v.names);
      } else if (chance(5)) {
        text += pick(v.numbers);
        if (chance(30)) text += '%';
      } else if (chance(2)) {
        text += pick(v.dates);
      } else if (chance(1)) {
        text += pick(v.times);
      } else {
        text += pick(v.words);
      }
      if (chance(8)) text += ',';
    }
    if (chance(3)) text += " https://www.cbcg.me/vijesti?id=" + std::to_string(s);
    if (chance(2)) text += " news@cbcg.me";
    text += '.';
    if (quoted) text += v.close_quote;
    out.push_back(std::move(text));
  }
  return out;
}

constexpr std::size_t kSentences = 20000;

const std::vector<std::string>& Corpus(Language language) {
  static const std::array<std::vector<std::string>, 4> corpora = {
      NewsSentences(Language::kEnglish, kSentences), NewsSentences(Language::kGerman, kSentences),
      NewsSentences(Language::kMontenegrinLatin, kSentences),
      NewsSentences(Language::kMontenegrinCyrillic, kSentences)};
  return corpora[static_cast<std::size_t>(language)];
}

std::size_t Bytes(const std::vector<std::string>& sentences) {
  std::size_t n = 0;
  for (const auto& s : sentences) n += s.size();
  return n;
}

// One Tokenize() per segment, as TM import and matching call it.
void BM_TokenizeSegments(benchmark::State& state) {
  const auto language = static_cast<Language>(state.range(0));
  const auto& sentences = Corpus(language);
  auto tokenizer = Tokenizer::Create(LanguageTag(language));
  if (!tokenizer.ok()) {
    state.SkipWithError(tokenizer.error().ToString().c_str());
    return;
  }
  std::size_t tokens = 0;
  for (auto _ : state) {
    for (const auto& s : sentences) {
      auto result = tokenizer->Tokenize(s);
      tokens += result.size();
      benchmark::DoNotOptimize(result.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(sentences)));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["segments/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * sentences.size()), benchmark::Counter::kIsRate);
  state.SetLabel(std::string(LanguageTag(language).str()));
}
BENCHMARK(BM_TokenizeSegments)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

// One long text (an article file) in one call.
void BM_TokenizeDocument(benchmark::State& state) {
  const auto language = static_cast<Language>(state.range(0));
  std::string text;
  for (const auto& s : Corpus(language)) (text += s) += '\n';
  auto tokenizer = Tokenizer::Create(LanguageTag(language));
  std::size_t tokens = 0;
  for (auto _ : state) {
    auto result = tokenizer->Tokenize(text);
    tokens += result.size();
    benchmark::DoNotOptimize(result.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.SetLabel(std::string(LanguageTag(language).str()));
}
BENCHMARK(BM_TokenizeDocument)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);

// Segments with two inline codes each (a bold name), as read from XLIFF.
void BM_TokenizeSegmentsWithCodes(benchmark::State& state) {
  const auto& sentences = Corpus(Language::kEnglish);
  std::vector<Segment> segments;
  for (const auto& s : sentences) {
    Segment seg;
    seg.text = s;
    const std::size_t space = s.find(' ', s.size() / 3);
    const std::size_t next = space == std::string::npos ? space : s.find(' ', space + 1);
    if (next != std::string::npos) {
      InlineCode open;
      open.kind = CodeKind::kOpen;
      open.offset = space + 1;
      open.element = "g";
      InlineCode close = open;
      close.kind = CodeKind::kClose;
      close.offset = next;
      seg.codes = {open, close};
    }
    segments.push_back(std::move(seg));
  }
  auto tokenizer = Tokenizer::Create(LanguageTag(Language::kEnglish));
  std::size_t tokens = 0;
  for (auto _ : state) {
    for (const auto& seg : segments) {
      auto result = tokenizer->Tokenize(seg);
      tokens += result.size();
      benchmark::DoNotOptimize(result.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(sentences)));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TokenizeSegmentsWithCodes)->Unit(benchmark::kMillisecond);

// Baseline: ICU word break alone over the same segments (no joining, no
// classification, no output).
void BM_IcuWordBreakOnly(benchmark::State& state) {
  const auto language = static_cast<Language>(state.range(0));
  const auto& sentences = Corpus(language);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(icu::BreakIterator::createWordInstance(
      icu::Locale(std::string(LanguageTag(language).icu_locale()).c_str()), status));
  std::size_t pieces = 0;
  for (auto _ : state) {
    for (const auto& s : sentences) {
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, s.data(), static_cast<int64_t>(s.size()), &status);
      breaker->setText(&ut, status);
      utext_close(&ut);
      for (int32_t p = breaker->first(); p != icu::BreakIterator::DONE; p = breaker->next()) {
        ++pieces;
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(sentences)));
  state.counters["pieces/s"] = benchmark::Counter(static_cast<double>(pieces), benchmark::Counter::kIsRate);
  state.SetLabel(std::string(LanguageTag(language).str()));
}
BENCHMARK(BM_IcuWordBreakOnly)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_TokenizerCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto t = Tokenizer::Create(LanguageTag(Language::kMontenegrinLatin));
    benchmark::DoNotOptimize(t.ok());
  }
}
BENCHMARK(BM_TokenizerCreate)->Unit(benchmark::kMicrosecond);

void BM_TokenizerClone(benchmark::State& state) {
  auto t = Tokenizer::Create(LanguageTag(Language::kMontenegrinLatin));
  for (auto _ : state) {
    auto copy = t->Clone();
    benchmark::DoNotOptimize(&copy);
  }
}
BENCHMARK(BM_TokenizerClone)->Unit(benchmark::kMicrosecond);

void BM_PlaceableFormatterCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto f = PlaceableFormatter::Create(LanguageTag(Language::kMontenegrinLatin));
    benchmark::DoNotOptimize(f.ok());
  }
}
BENCHMARK(BM_PlaceableFormatterCreate)->Unit(benchmark::kMicrosecond);

// Parse an English number, write it for German: one placeable substitution.
void BM_NumberParseAndFormat(benchmark::State& state) {
  const LanguageTag en(Language::kEnglish);
  auto de = PlaceableFormatter::Create(LanguageTag(Language::kGerman));
  for (auto _ : state) {
    auto v = ParseNumber("1,234,567.25", en);
    std::string s = de->FormatNumber(*v);
    benchmark::DoNotOptimize(s.data());
  }
}
BENCHMARK(BM_NumberParseAndFormat);

void BM_DateParseAndFormat(benchmark::State& state) {
  const LanguageTag en(Language::kEnglish);
  auto cnr = PlaceableFormatter::Create(LanguageTag(Language::kMontenegrinLatin));
  for (auto _ : state) {
    auto v = ParseDate("April 5, 2025", en);
    std::string s = cnr->FormatDate(*v);
    benchmark::DoNotOptimize(s.data());
  }
}
BENCHMARK(BM_DateParseAndFormat);

}  // namespace
}  // namespace lovcen

BENCHMARK_MAIN();
