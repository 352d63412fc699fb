// Segmentation speed on generated plain-text news (paragraphs of 3-6
// sentences built from newsroom phrases with titles, abbreviations, dates,
// numbers and quotes), per language: lovcen's default SRX rules against
// ICU's sentence break on the same text. Reported as bytes/s (MB/s).
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lovcen/formats/srx_reader.h"
#include "lovcen/segmenter.h"

namespace {

using lovcen::Language;
using lovcen::LanguageTag;

// A small deterministic generator (no global state).
struct Rng {
  uint64_t s;
  uint64_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  const std::string& Pick(const std::vector<std::string>& v) { return v[Next() % v.size()]; }
};

struct Phrases {
  std::vector<std::string> openers, subjects, verbs, objects, tails, quotes;
};

Phrases ForLanguage(Language language) {
  switch (language) {
    case Language::kEnglish:
      return {{"On Monday,", "In Brussels,", "According to officials,", "Meanwhile,", "Earlier this week,", ""},
              {"Dr. Smith", "the U.S. Secretary of State", "Mr. Jones of Acme Inc.", "the senior NATO official",
               "M.J. Gdnus", "the government in Podgorica", "Prof. Ivanović"},
              {"said that", "told reporters that", "confirmed on Dec. 5 that", "insisted that", "warned that"},
              {"the talks will resume at 10 a.m. on Friday", "prices rose by 3.5 percent in March",
               "the deal is worth $1,250.75 million", "the ceasefire is still holding",
               "the U.K. and the E.U. want concrete steps", "about 2,000 people attended the festival"},
              {".", ".", ".", "?", "!", "..."},
              {"“Of course, Russia wants peace. On the right terms,” he said.",
               "\"That time is coming and it's quite short.\" She left.",
               "“We remain skeptical,” the official said."}};
    case Language::kGerman:
      return {{"Am Montag", "In Brüssel", "Nach Angaben von Beamten", "Unterdessen", "Am 5. April 2025", ""},
              {"hat Dr. Schmidt", "hat der US-Außenminister", "hat Prof. Meier", "hat die Regierung in Podgorica",
               "hat der 3. Bürgermeister"},
              {"erklärt, dass", "bestätigt, dass", "gewarnt, dass", "z. B. gesagt, dass"},
              {"die Gespräche um 10 Uhr weitergehen", "die Preise im März um 3,5 Prozent stiegen",
               "der Vertrag 1.250,75 Mio. Euro wert ist", "die Waffenruhe hält",
               "rund 2.000 Menschen das Festival bzw. die Messe besuchten"},
              {".", ".", ".", "?", "!", "…"},
              {"„Natürlich will Russland Frieden. Zu den richtigen Bedingungen“, sagte er.",
               "„Wir bleiben skeptisch“, sagte der Beamte.", "Er sagte: „Das ist gut.“ Dann ging er."}};
    case Language::kMontenegrinLatin:
    case Language::kMontenegrinCyrillic:
      return {{"U ponedjeljak", "U Briselu", "Prema navodima zvaničnika", "U međuvremenu", "Dana 5. aprila 2025.", ""},
              {"dr. Petrović je", "američki državni sekretar je", "gosp. Marković je", "prof. Vuković je",
               "zvaničnik NATO-a je"},
              {"rekao da", "potvrdio da", "upozorio da", "tj. istakao da", "npr. naveo da"},
              {"će se razgovori nastaviti u 10 časova", "su cijene u martu porasle za 3,5 odsto",
               "sporazum vrijedi 1.250,75 miliona eura", "primirje i dalje važi",
               "je oko 2.000 ljudi posjetilo festival itd"},
              {".", ".", ".", "?", "!", "…"},
              {"„Naravno, Rusija želi mir. Pod pravim uslovima“, rekao je.",
               "„Ostajemo skeptični“, rekao je zvaničnik.", "Rekao je: „To je dobro.“ Zatim je otišao."}};
  }
  return {};
}

std::string NewsText(Language language, std::size_t bytes) {
  const Phrases p = ForLanguage(language);
  Rng rng{0x9E3779B97F4A7C15ull + static_cast<uint64_t>(language)};
  std::string out;
  while (out.size() < bytes) {
    const int sentences = 3 + static_cast<int>(rng.Next() % 4);
    for (int k = 0; k < sentences; ++k) {
      if (k > 0) out += ' ';
      if (rng.Next() % 5 == 0) {
        out += rng.Pick(p.quotes);
        continue;
      }
      const std::string& opener = rng.Pick(p.openers);
      if (!opener.empty()) out += opener + ' ';
      out += rng.Pick(p.subjects) + ' ' + rng.Pick(p.verbs) + ' ' + rng.Pick(p.objects);
      out += rng.Pick(p.tails);
    }
    out += '\n';
  }
  return out;
}

// Paragraphs of the text, as the CLI hands them to the segmenter.
std::vector<std::string_view> Blocks(const std::string& text) {
  std::vector<std::string_view> blocks;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    if (nl > at) blocks.emplace_back(text.data() + at, nl - at);
    at = nl + 1;
  }
  return blocks;
}

constexpr std::size_t kTextBytes = 8 << 20;

void BM_Lovcen(benchmark::State& state, Language language) {
  auto doc = lovcen::formats::ReadDefaultSrx();
  if (!doc.ok()) return state.SkipWithError(doc.error().ToString().c_str());
  auto seg = lovcen::Segmenter::Create(*doc, LanguageTag(language));
  if (!seg.ok()) return state.SkipWithError(seg.error().ToString().c_str());
  const std::string text = NewsText(language, kTextBytes);
  const auto blocks = Blocks(text);
  std::size_t segments = 0;
  for (auto _ : state) {
    segments = 0;
    for (auto block : blocks) segments += seg->Segment(block).size();
    benchmark::DoNotOptimize(segments);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["segments"] = static_cast<double>(segments);
}

// ICU's sentence break alone (with its abbreviation suppressions where it
// has them), one iterator reused for every block as a fair baseline.
void BM_Icu(benchmark::State& state, Language language) {
  const std::string text = NewsText(language, kTextBytes);
  const auto blocks = Blocks(text);
  std::string id(LanguageTag(language).icu_locale());
  id += "@ss=standard";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createSentenceInstance(icu::Locale(id.c_str()), status));
  if (U_FAILURE(status)) return state.SkipWithError(u_errorName(status));
  std::size_t segments = 0;
  for (auto _ : state) {
    segments = 0;
    for (auto block : blocks) {
      UText* ut = utext_openUTF8(nullptr, block.data(), static_cast<int64_t>(block.size()), &status);
      bi->setText(ut, status);
      for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next()) ++segments;
      utext_close(ut);
    }
    benchmark::DoNotOptimize(segments);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["segments"] = static_cast<double>(segments);
}

// One long block, streamed through the windows (a 50 MB article in one line).
void BM_LovcenOneBlock(benchmark::State& state) {
  auto doc = lovcen::formats::ReadDefaultSrx();
  if (!doc.ok()) return state.SkipWithError(doc.error().ToString().c_str());
  auto seg = lovcen::Segmenter::Create(*doc, LanguageTag(Language::kEnglish));
  if (!seg.ok()) return state.SkipWithError(seg.error().ToString().c_str());
  std::string text = NewsText(Language::kEnglish, kTextBytes);
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  for (auto _ : state) benchmark::DoNotOptimize(seg->Segment(text).size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

BENCHMARK_CAPTURE(BM_Lovcen, en, Language::kEnglish)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Lovcen, de, Language::kGerman)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Lovcen, cnr_Latn, Language::kMontenegrinLatin)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Icu, en, Language::kEnglish)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Icu, de, Language::kGerman)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Icu, cnr_Latn, Language::kMontenegrinLatin)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LovcenOneBlock)->Unit(benchmark::kMillisecond);

}  // namespace

// With LOVCEN_BENCH_TEXT_DIR set, writes the generated text of each language
// there (news.en.txt, ...) and runs nothing: the input for comparing the
// segmenter's output before and after a change, byte for byte.
int main(int argc, char** argv) {
  if (const char* dir = std::getenv("LOVCEN_BENCH_TEXT_DIR")) {
    const std::pair<Language, const char*> languages[] = {
        {Language::kEnglish, "en"},
        {Language::kGerman, "de"},
        {Language::kMontenegrinLatin, "cnr-Latn"}};
    for (const auto& [language, name] : languages) {
      std::ofstream out(std::string(dir) + "/news." + name + ".txt", std::ios::binary);
      out << NewsText(language, kTextBytes);
      if (!out) return 1;
    }
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
