#include "article_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <tuple>

#include "lovcen/transliterator.h"

namespace lovcen::bench {
namespace {

// ---- Lexicon ---------------------------------------------------------------
// Frequent ranks are each language's real function words; the rest are made
// of syllables typical of the language, so that lengths and letters look like
// the language (German nouns capitalised).

constexpr std::size_t kVocabulary = 20000;

constexpr const char* kFunction[3][32] = {
    {"the", "of",   "and",  "to",    "in",    "a",    "is",   "that", "for", "on",   "with",
     "as",  "was",  "by",   "at",    "it",    "from", "said", "has",  "be",  "will", "not",
     "are", "have", "this", "which", "after", "its",  "were", "but",  "an",  "who"},
    {"je",   "i",    "u",  "da",   "na",   "se",   "su",    "za",  "od",    "s",  "a",
     "o",    "koji", "će", "sa",   "iz",   "po",   "kao",   "ali", "što",   "to", "bi",
     "nije", "ne",   "do", "kako", "koja", "biti", "nakon", "ove", "prema", "već"},
    {"die", "der",    "und", "in", "den", "von",   "zu",  "das",  "mit",  "sich", "des",
     "auf", "für",    "ist", "im", "dem", "nicht", "ein", "eine", "als",  "auch", "es",
     "an",  "werden", "aus", "er", "hat", "dass",  "sie", "nach", "wird", "bei"}};

constexpr const char* kSyllables[3][30] = {
    {"pre", "sen", "tion", "com", "mit",   "tee", "ment", "gov",   "ern", "port",
     "min", "is",  "ter",  "fi",  "cial",  "re",  "con",  "struc", "de",  "vel",
     "op",  "na",  "al",   "an",  "nounc", "ed",  "eco",  "nom",   "ic",  "ly"},
    {"vla",  "da",  "mi",  "nis", "tar", "pred", "sjed", "nik", "odr", "ža",
     "no",   "ko",  "ra",  "vi",  "je",  "sti",  "sa",   "op",  "šti", "na",
     "grad", "ski", "pri", "ča",  "lje", "nje",  "ću",   "đe",  "vo",  "zi"},
    {"re",     "gie",  "rung",   "mi",    "nis",  "ter",   "ver", "hand", "lung", "ge",
     "spräch", "wirt", "schaft", "ent",   "wick", "stadt", "bür", "ger",  "meis", "amt",
     "zei",    "tung", "be",     "richt", "ei",   "ne",    "sch", "ö",    "ü",    "ten"}};

// Upper-cases the first letter (ASCII, or the two-byte Latin letters of cnr
// and de: ä ö ü, č ć š ž đ ś ź).
std::string Capitalized(std::string s) {
  if (s.empty()) return s;
  const auto c0 = static_cast<unsigned char>(s[0]);
  if (c0 < 0x80) {
    s[0] = static_cast<char>(std::toupper(c0));
  } else if (s.size() > 1 && (c0 & 0xE0) == 0xC0) {
    unsigned cp = ((c0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[1]) & 0x3Fu);
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) {
      cp -= 0x20;  // Latin-1: ä -> Ä
    } else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
      if (cp % 2 == 0) cp -= 1;  // Latin Extended-A pairs upper-odd here: ž -> Ž
    } else if (cp >= 0x100 && cp <= 0x17F) {
      if (cp % 2 == 1) cp -= 1;  // and upper-even elsewhere: č -> Č, đ -> Đ
    }
    s[0] = static_cast<char>(0xC0 | (cp >> 6));
    s[1] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

std::string Word(std::size_t lang, std::size_t rank) {
  if (rank < 32) return kFunction[lang][rank];
  std::string w;
  std::uint64_t x = rank * 2654435761u + 17 + lang * 7919;
  // German compounds run longer, Montenegrin a little: the length ratios of
  // real translations come mostly from this.
  const std::size_t syllables = 2 + (rank > 400) + (x % 3 == 0) + (lang == kDe && x % 4 == 0);
  for (std::size_t i = 0; i < syllables; ++i) {
    w += kSyllables[lang][x % 30];
    x = (x / 30) * 31 + 7;
  }
  if (lang == kDe && rank % 3 == 0) w = Capitalized(w);
  return w;
}

// Names are the same in each edition (cnr adds a case ending to some);
// places and organisations are translated.
constexpr const char* kFirstNames[] = {
    "Milena", "Jakov", "Olivera", "Marko",      "Ana",  "Nikola", "Jelena", "Stefan",
    "Ivana",  "Petar", "Sandra",  "Aleksandar", "Maja", "Danilo", "Tamara", "Luka"};
constexpr const char* kSurnames[] = {"Vuković",  "Milatović", "Radulović",  "Petrović",
                                     "Bošković", "Kovačević", "Šćepanović", "Popović",
                                     "Đurović",  "Marković",  "Lakić",      "Vujošević",
                                     "Rubio",    "Schneider", "Weber",      "Brown"};

struct Triple {
  const char* text[3];
};
constexpr Triple kPlaces[] = {{{"Podgorica", "Podgorici", "Podgorica"}},
                              {{"Brussels", "Briselu", "Brüssel"}},
                              {{"Belgrade", "Beogradu", "Belgrad"}},
                              {{"Kotor", "Kotoru", "Kotor"}},
                              {{"Washington", "Vašingtonu", "Washington"}},
                              {{"Berlin", "Berlinu", "Berlin"}},
                              {{"New York", "Njujorku", "New York"}},
                              {{"Budva", "Budvi", "Budva"}},
                              {{"Nikšić", "Nikšiću", "Nikšić"}},
                              {{"Vienna", "Beču", "Wien"}},
                              {{"Moscow", "Moskvi", "Moskau"}},
                              {{"Munich", "Minhenu", "München"}}};
constexpr Triple kOrgs[] = {{{"NATO", "NATO", "NATO"}}, {{"EU", "EU", "EU"}},
                            {{"UN", "UN", "UNO"}},      {{"IMF", "MMF", "IWF"}},
                            {{"OSCE", "OEBS", "OSZE"}}, {{"EBRD", "EBRD", "EBWE"}},
                            {{"UNDP", "UNDP", "UNDP"}}, {{"FIFA", "FIFA", "FIFA"}}};
constexpr const char* kMonthsEn[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
constexpr const char* kMonthsCnrGen[] = {"januara",   "februara", "marta",    "aprila",
                                         "maja",      "juna",     "jula",     "avgusta",
                                         "septembra", "oktobra",  "novembra", "decembra"};
constexpr const char* kMonthsCnrNom[] = {"januar",    "februar", "mart",     "april",
                                         "maj",       "jun",     "jul",      "avgust",
                                         "septembar", "oktobar", "novembar", "decembar"};
constexpr const char* kMonthsDe[] = {"Januar",    "Februar", "März",     "April",
                                     "Mai",       "Juni",    "Juli",     "August",
                                     "September", "Oktober", "November", "Dezember"};
constexpr const char* kMonthsEnShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// ---- Facts -----------------------------------------------------------------

enum class Kind {
  kWord,
  kComma,
  kName,
  kSurname,
  kPlace,
  kOrg,
  kInt,
  kPercent,
  kMoney,
  kDate,
  kYear
};

struct Token {
  Kind kind = Kind::kWord;
  std::uint64_t a = 0, b = 0,
                c = 0;  // word: rank; name: first, last; int: value; date: day, month, year
};

// One sentence of the underlying story, rendered in each language.
struct Fact {
  std::vector<Token> tokens;
  char end = '.';               // 0: none (title, sub-heading)
  int speaker = -1;             // a quote: `tokens` is said by this surname
  double ratio[3] = {1, 1, 1};  // target length in characters / English
  std::uint64_t seed = 0;       // for the words each translation adds
};

std::uint64_t Hash(std::string_view s, std::uint64_t seed) {
  std::uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string Grouped(std::uint64_t v, char sep) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string Tenths(std::uint64_t t, char sep) {
  return std::to_string(t / 10) + (t % 10 ? std::string(1, sep) + std::to_string(t % 10) : "");
}

std::string RenderToken(const Token& t, std::size_t lang) {
  switch (t.kind) {
    case Kind::kWord:
      return Word(lang, t.a);
    case Kind::kComma:
      return ",";
    case Kind::kName:
      return std::string(kFirstNames[t.a]) + " " + kSurnames[t.b];
    case Kind::kSurname: {
      std::string s = kSurnames[t.b];
      // cnr: a case ending on some mentions ("Vukovića"), as inflection does.
      if (lang == kCnr && t.c % 3 == 0) s += "a";
      return s;
    }
    case Kind::kPlace:
      return kPlaces[t.a].text[lang];
    case Kind::kOrg:
      return kOrgs[t.a].text[lang];
    case Kind::kInt:
      return lang == kEn ? Grouped(t.a, ',') : Grouped(t.a, '.');
    case Kind::kPercent:
      if (lang == kEn) return Tenths(t.a, '.') + "%";
      if (lang == kDe) return Tenths(t.a, ',') + " Prozent";
      return Tenths(t.a, ',') + (t.a % 2 ? " odsto" : "%");
    case Kind::kMoney:
      if (lang == kEn) return "€" + Tenths(t.a, '.') + " million";
      if (lang == kDe) return Tenths(t.a, ',') + " Millionen Euro";
      return Tenths(t.a, ',') + " miliona eura";
    case Kind::kDate: {
      const std::string day = std::to_string(t.a);
      const std::string year = t.c ? " " + std::to_string(t.c) : "";
      if (lang == kEn) return day + " " + kMonthsEn[t.b] + year;
      if (lang == kDe) return day + ". " + kMonthsDe[t.b] + year;
      return day + ". " + kMonthsCnrGen[t.b] + (t.c ? year + ". godine" : "");
    }
    case Kind::kYear:
      return std::to_string(t.a);
  }
  return {};
}

// The tokens joined; the first letter upper-cased when `capital`.
std::string Join(const std::vector<Token>& tokens, std::size_t lang, bool capital) {
  std::string s;
  for (const Token& t : tokens) {
    std::string w = RenderToken(t, lang);
    if (t.kind == Kind::kComma) {
      s += w;
      continue;
    }
    if (!s.empty()) s += ' ';
    s += w;
  }
  return capital ? Capitalized(std::move(s)) : s;
}

std::size_t Chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class Lexicon {
 public:
  Lexicon() {
    cumulative_.resize(kVocabulary);
    double sum = 0;
    for (std::size_t r = 0; r < kVocabulary; ++r)
      cumulative_[r] = sum += 1.0 / static_cast<double>(r + 1);
    for (double& c : cumulative_) c /= sum;
  }
  std::size_t Rank(std::mt19937_64& rng) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<std::size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) -
                                    cumulative_.begin());
  }
  // A content word: starts a sentence or follows a comma without looking odd.
  std::size_t ContentRank(std::mt19937_64& rng) const {
    std::size_t r = Rank(rng);
    while (r < 32) r = Rank(rng);
    return r;
  }

 private:
  std::vector<double> cumulative_;
};

const Lexicon& TheLexicon() {
  static const Lexicon lexicon;
  return lexicon;
}

double Uniform(std::mt19937_64& rng) { return std::uniform_real_distribution<double>(0, 1)(rng); }
std::uint64_t Pick(std::mt19937_64& rng, std::uint64_t n) { return rng() % n; }

// A sentence never ends on a function word: "... u." reads as an
// abbreviation to the cnr rules, and real sentences end on content anyway.
void EndOnContent(std::vector<Token>& t, std::mt19937_64& rng) {
  if (!t.empty() && t.back().kind == Kind::kWord && t.back().a < 32)
    t.back().a = TheLexicon().ContentRank(rng);
}

// A body sentence of about `words` words with anchors at a news rate.
Fact MakeFact(std::mt19937_64& rng, int words, int story_year) {
  const Lexicon& lex = TheLexicon();
  Fact f;
  f.seed = rng();
  f.tokens.push_back({Kind::kWord, lex.ContentRank(rng)});
  for (int i = 1; i < words; ++i) {
    if (i % 9 == 8 && i + 2 < words) f.tokens.push_back({Kind::kComma});
    f.tokens.push_back({Kind::kWord, lex.Rank(rng)});
  }
  auto insert = [&](Token t, bool may_start) {
    const std::size_t lo = may_start ? 0 : 1;
    const std::size_t hi = f.tokens.size() - 1;  // never last: the sentence ends with a word
    const std::size_t at = lo + Pick(rng, hi - lo + 1);
    f.tokens.insert(f.tokens.begin() + static_cast<std::ptrdiff_t>(at), t);
  };
  if (Uniform(rng) < 0.30) insert({Kind::kName, Pick(rng, 16), Pick(rng, 16)}, true);
  if (Uniform(rng) < 0.20) insert({Kind::kSurname, 0, Pick(rng, 16), rng()}, false);
  if (Uniform(rng) < 0.25) insert({Kind::kPlace, Pick(rng, 12)}, false);
  if (Uniform(rng) < 0.15) insert({Kind::kOrg, Pick(rng, 8)}, true);
  if (Uniform(rng) < 0.20) {
    const std::uint64_t v = Uniform(rng) < 0.5 ? 2 + Pick(rng, 98) : 100 + Pick(rng, 99900);
    insert({Kind::kInt, v}, false);
  }
  if (Uniform(rng) < 0.08) insert({Kind::kPercent, 1 + Pick(rng, 400)}, false);
  if (Uniform(rng) < 0.06) insert({Kind::kMoney, 5 + Pick(rng, 995)}, false);
  if (Uniform(rng) < 0.12) {
    const std::uint64_t year = Uniform(rng) < 0.6 ? static_cast<std::uint64_t>(story_year) : 0;
    insert({Kind::kDate, 1 + Pick(rng, 28), Pick(rng, 12), year}, false);
  }
  if (Uniform(rng) < 0.08)
    insert({Kind::kYear, static_cast<std::uint64_t>(story_year - Pick(rng, 30))}, false);
  EndOnContent(f.tokens, rng);
  const double e = Uniform(rng);
  f.end = e < 0.04 ? '?' : e < 0.06 ? '!' : '.';
  if (f.end == '.' && Uniform(rng) < 0.10) f.speaker = static_cast<int>(Pick(rng, 16));
  std::normal_distribution<double> cnr(1.0, 0.08), de(1.15, 0.09);
  f.ratio[kCnr] = std::clamp(cnr(rng), 0.8, 1.25);
  f.ratio[kDe] = std::clamp(de(rng), 0.9, 1.45);
  return f;
}

// The fact's tokens for `lang`, with words added or left out so that the
// rendering is about ratio x the English length (translations are not word
// for word).
std::vector<Token> TokensFor(const Fact& f, std::size_t lang) {
  std::vector<Token> t = f.tokens;
  if (lang == kEn) return t;
  std::mt19937_64 rng(f.seed ^ (lang * 0x9E3779B97F4A7C15ull));
  const double target = static_cast<double>(Chars(Join(f.tokens, kEn, true))) * f.ratio[lang];
  for (int guard = 0; guard < 60; ++guard) {
    const double len = static_cast<double>(Chars(Join(t, lang, true)));
    if (std::abs(len - target) <= 4) break;
    if (len < target) {
      const std::size_t at = 1 + Pick(rng, t.size() - 1);
      t.insert(t.begin() + static_cast<std::ptrdiff_t>(at),
               Token{Kind::kWord, TheLexicon().Rank(rng)});
    } else {
      std::vector<std::size_t> words;
      for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        if (t[i].kind == Kind::kWord) words.push_back(i);
      }
      if (words.size() < 2) break;
      t.erase(t.begin() + static_cast<std::ptrdiff_t>(words[Pick(rng, words.size())]));
    }
  }
  EndOnContent(t, rng);
  return t;
}

// The fact as a sentence of `lang` (quote and final punctuation included).
std::string Sentence(const Fact& f, std::size_t lang, bool capital = true, bool with_end = true) {
  const std::vector<Token> t = TokensFor(f, lang);
  if (f.speaker >= 0) {
    const std::string said = Join(t, lang, true);
    const std::string who = kSurnames[f.speaker];
    std::string s = lang == kEn    ? "“" + said + ",” " + who + " said"
                    : lang == kCnr ? "„" + said + "“, rekao je " + who
                                   : "„" + said + "“, sagte " + who;
    return with_end ? s + '.' : s;
  }
  std::string s = Join(t, lang, capital);
  if (with_end && f.end) s += f.end;
  return s;
}

// The fact as two sentences of `lang` (a translator's split): the second
// opens with a pronoun as such a split does.
std::pair<std::string, std::string> SplitSentence(const Fact& f, std::size_t lang) {
  std::vector<Token> t = TokensFor(f, lang);
  std::size_t at = t.size() / 2;
  while (at + 2 < t.size() && t[at].kind != Kind::kWord) ++at;
  std::vector<Token> first(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(at));
  std::vector<Token> second(t.begin() + static_cast<std::ptrdiff_t>(at), t.end());
  while (!first.empty() && first.back().kind == Kind::kComma) first.pop_back();
  while (!second.empty() && second.front().kind == Kind::kComma) second.erase(second.begin());
  std::mt19937_64 rng(f.seed + lang);
  EndOnContent(first, rng);
  static constexpr const char* kOpen[3] = {"This", "To", "Das"};
  return {Join(first, lang, true) + ".",
          std::string(kOpen[lang]) + " " + Join(second, lang, false) + f.end};
}

bool Splittable(const Fact& f) { return f.speaker < 0 && f.end == '.' && f.tokens.size() >= 10; }

// ---- Article ---------------------------------------------------------------

struct Paragraph {
  std::vector<int> facts;  // indices into Story::facts
  bool subheading = false;
};

struct Story {
  std::vector<Fact> facts;  // 0 site line, 1 date line, 2 title, 3 byline, then the body
  std::vector<Paragraph> body;
  int day = 1, month = 0, year = 2025;
  int author_first = 0, author_last = 0;
};

constexpr const char* kSite[3] = {"WORLD NEWS FOR MONTENEGRO DIASPORA",
                                  "SVJETSKE VIJESTI ZA CRNOGORSKU DIJASPORU",
                                  "WELTNACHRICHTEN FÜR DIE MONTENEGRINISCHE DIASPORA"};
constexpr const char* kAuthorLabel[3] = {"AUTHOR: ", "AUTOR: ", "AUTOR: "};

Story MakeStory(std::mt19937_64& rng, int min_sentences, int max_sentences) {
  Story s;
  s.day = 1 + static_cast<int>(Pick(rng, 28));
  s.month = static_cast<int>(Pick(rng, 12));
  s.year = 2024 + static_cast<int>(Pick(rng, 2));
  s.author_first = static_cast<int>(Pick(rng, 16));
  s.author_last = static_cast<int>(Pick(rng, 16));
  s.facts.resize(4);  // header lines are rendered from the story's fields
  Fact title = MakeFact(rng, 5 + static_cast<int>(Pick(rng, 6)), s.year);
  title.end = 0;
  title.speaker = -1;
  s.facts[2] = title;

  const int total = min_sentences + static_cast<int>(Pick(rng, max_sentences - min_sentences + 1));
  const int min_paras = (total + 3) / 4;
  int paras = static_cast<int>(std::lround(total / (2.0 + Uniform(rng))));
  paras = std::clamp(paras, min_paras, total);
  if (total <= 80) paras = std::clamp(paras, std::max(8, min_paras), std::min(20, total));
  std::vector<int> sizes(paras, 1);
  for (int left = total - paras; left > 0;) {
    int& n = sizes[Pick(rng, paras)];
    if (n < 4) --left, ++n;
  }
  std::normal_distribution<double> words(21, 7);
  const int subheading_at = Uniform(rng) < 0.3 ? paras / 2 : -1;
  for (int p = 0; p < paras; ++p) {
    if (p == subheading_at && p > 0) {
      Fact h = MakeFact(rng, 2 + static_cast<int>(Pick(rng, 4)), s.year);
      h.end = 0;
      h.speaker = -1;
      s.facts.push_back(h);
      s.body.push_back({{static_cast<int>(s.facts.size()) - 1}, true});
    }
    Paragraph para;
    for (int i = 0; i < sizes[p]; ++i) {
      s.facts.push_back(MakeFact(rng, std::clamp(static_cast<int>(words(rng)), 6, 45), s.year));
      para.facts.push_back(static_cast<int>(s.facts.size()) - 1);
    }
    s.body.push_back(std::move(para));
  }
  return s;
}

std::string HeaderLine(const Story& s, int fact, std::size_t lang) {
  char buf[64];
  switch (fact) {
    case 0:
      return kSite[lang];
    case 1:
      if (lang == kEn) {
        std::snprintf(buf, sizeof buf, "%02d-%s-%d", s.day, kMonthsEnShort[s.month], s.year);
      } else if (lang == kDe) {
        std::snprintf(buf, sizeof buf, "%02d.%02d.%d", s.day, s.month + 1, s.year);
      } else {
        std::snprintf(buf, sizeof buf, "%d. %s %d.", s.day, kMonthsCnrNom[s.month], s.year);
      }
      return buf;
    case 2:
      return Sentence(s.facts[2], lang, true, false);
    default:
      return std::string(kAuthorLabel[lang]) + kFirstNames[s.author_first] + " " +
             kSurnames[s.author_last];
  }
}

// Renders edition `lang` of `s`: the file and its sentences with their facts.
void RenderEdition(const Story& s, std::size_t lang, const ArticleGeneratorOptions& o,
                   std::uint64_t seed, GeneratedEdition& out,
                   std::vector<std::pair<int, int>>& facts) {
  std::mt19937_64 rng(seed);
  const Lexicon& lex = TheLexicon();
  const bool translated = lang != kEn;
  std::string& file = out.file_text;
  int block = 0;
  auto add = [&](std::string text, BlockType type, int fact_lo, int fact_hi) {
    out.edition.sentences.push_back(AlignSentence{std::move(text), block, type});
    facts.emplace_back(fact_lo, fact_hi);
  };
  const BlockType header_types[4] = {BlockType::kChrome, BlockType::kDateLine, BlockType::kTitle,
                                     BlockType::kByline};
  for (int h = 0; h < 4; ++h) {
    const std::string line = HeaderLine(s, h, lang);
    file += line + (h == 0 ? "\n" : "\n\n");
    add(line, header_types[h], h, h + 1);
    ++block;
  }
  int dropped_paragraph = -1;
  if (translated && Uniform(rng) < o.drop_paragraph_rate) {
    dropped_paragraph = static_cast<int>(1 + Pick(rng, s.body.size() - 1));
    if (s.body[dropped_paragraph].subheading) dropped_paragraph = -1;
  }
  for (std::size_t p = 0; p < s.body.size(); ++p) {
    const Paragraph& para = s.body[p];
    if (static_cast<int>(p) == dropped_paragraph) continue;
    if (para.subheading) {
      const int f = para.facts[0];
      const std::string line = Sentence(s.facts[f], lang, true, false);
      file += line + "\n\n";
      add(line, BlockType::kSubheading, f, f + 1);
      ++block;
      continue;
    }
    std::string text;
    const std::size_t first = out.edition.sentences.size();
    auto put = [&](std::string sentence, int lo, int hi) {
      if (!text.empty()) text += ' ';
      text += sentence;
      add(std::move(sentence), BlockType::kParagraph, lo, hi);
    };
    for (std::size_t i = 0; i < para.facts.size(); ++i) {
      const int f = para.facts[i];
      const Fact& fact = s.facts[f];
      const double r = translated ? Uniform(rng) : 1.0;
      if (r < o.drop_rate) continue;
      if (r < o.drop_rate + o.merge_rate && i + 1 < para.facts.size() && Splittable(fact) &&
          Splittable(s.facts[f + 1])) {
        static constexpr const char* kAnd[3] = {"and", "a", "und"};
        const Fact& next = s.facts[f + 1];
        const bool keep_capital = next.tokens[0].kind != Kind::kWord || lang == kDe;
        put(Sentence(fact, lang, true, false) + ", " + kAnd[lang] + " " +
                Sentence(next, lang, keep_capital),
            f, f + 2);
        ++i;
      } else if (r < o.drop_rate + o.merge_rate + o.split_rate && Splittable(fact)) {
        auto [a, b] = SplitSentence(fact, lang);
        put(std::move(a), f, f + 1);
        put(std::move(b), f, f + 1);
      } else {
        put(Sentence(fact, lang), f, f + 1);
      }
      if (translated && Uniform(rng) < o.extra_rate) {
        std::mt19937_64 extra(rng());
        Fact x = MakeFact(extra, 8 + static_cast<int>(Pick(extra, 12)), s.year);
        x.speaker = -1;
        x.tokens[0] = Token{Kind::kWord, lex.ContentRank(extra)};
        put(Sentence(x, lang), 0, 0);
      }
    }
    if (out.edition.sentences.size() == first) continue;
    file += text + "\n\n";
    ++block;
  }
}

GeneratedArticle Render(const Story& s, std::string_view key, const ArticleGeneratorOptions& o) {
  GeneratedArticle a;
  a.key = std::string(key);
  const Language langs[3] = {Language::kEnglish, Language::kMontenegrinLatin, Language::kGerman};
  for (std::size_t l = 0; l < 3; ++l) {
    a.editions[l].language = LanguageTag(langs[l]);
    a.editions[l].edition.language = LanguageTag(langs[l]);
    RenderEdition(s, l, o, Hash(key, o.seed + 1000 * (l + 1)), a.editions[l], a.facts[l]);
  }
  return a;
}

BeadKind KindOf(std::size_t s, std::size_t t) {
  if (s == 1 && t == 1) return BeadKind::k1_1;
  if (s == 1 && t == 0) return BeadKind::k1_0;
  if (s == 0 && t == 1) return BeadKind::k0_1;
  if (s == 2 && t == 1) return BeadKind::k2_1;
  if (s == 1 && t == 2) return BeadKind::k1_2;
  return BeadKind::k2_2;
}

}  // namespace

ArticleGenerator::ArticleGenerator(ArticleGeneratorOptions options) : options_(options) {}

GeneratedArticle ArticleGenerator::Make(std::string_view key, int min_sentences,
                                        int max_sentences) const {
  std::mt19937_64 rng(Hash(key, options_.seed));
  const Story story = MakeStory(rng, min_sentences, max_sentences);
  return Render(story, key, options_);
}

GeneratedArticle ArticleGenerator::Generate(std::string_view key) const {
  return Make(key, options_.min_sentences, options_.max_sentences);
}

GeneratedArticle ArticleGenerator::GenerateLong(std::string_view key, int sentences) const {
  return Make(key, sentences, sentences);
}

std::vector<Bead> GoldBeads(const GeneratedArticle& article, std::size_t a, std::size_t b) {
  // Sentences of a and b that express a common fact belong to one bead;
  // facts appear in the same order in every edition, so beads are found in
  // one sweep, growing a bead while the next sentence on either side starts
  // before the bead's last fact ends.
  const auto& fa = article.facts[a];
  const auto& fb = article.facts[b];
  std::vector<Bead> beads;
  std::size_t i = 0, j = 0;
  auto empty = [](const std::pair<int, int>& r) { return r.first == r.second; };
  while (i < fa.size() || j < fb.size()) {
    Bead bead;
    bead.source_begin = i;
    bead.target_begin = j;
    bead.confidence = 1.0;
    if (i < fa.size() && (empty(fa[i]) || j == fb.size() || fa[i].second <= fb[j].first)) {
      ++i;  // nothing in b expresses it
    } else if (j < fb.size() && (empty(fb[j]) || i == fa.size() || fb[j].second <= fa[i].first)) {
      ++j;
    } else {
      int hi = std::max(fa[i].second, fb[j].second);
      ++i, ++j;
      for (bool grew = true; grew;) {
        grew = false;
        if (i < fa.size() && !empty(fa[i]) && fa[i].first < hi)
          hi = std::max(hi, fa[i++].second), grew = true;
        if (j < fb.size() && !empty(fb[j]) && fb[j].first < hi)
          hi = std::max(hi, fb[j++].second), grew = true;
      }
    }
    bead.source_count = i - bead.source_begin;
    bead.target_count = j - bead.target_begin;
    bead.kind = KindOf(bead.source_count, bead.target_count);
    beads.push_back(bead);
  }
  return beads;
}

double BeadAccuracy(const std::vector<Bead>& gold, const std::vector<Bead>& found) {
  if (gold.empty()) return 1.0;
  std::set<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> have;
  for (const Bead& b : found)
    have.emplace(b.source_begin, b.source_count, b.target_begin, b.target_count);
  std::size_t hits = 0;
  for (const Bead& b : gold)
    hits += have.count({b.source_begin, b.source_count, b.target_begin, b.target_count});
  return static_cast<double>(hits) / static_cast<double>(gold.size());
}

Status WriteArticleFiles(const GeneratedArticle& article, const std::string& dir,
                         const Transliterator* cyrillic) {
  auto write = [&](std::string_view lang, const std::string& text) {
    const std::string path = dir + "/" + article.key + "." + std::string(lang) + ".txt";
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) return Status(IoError("cannot write", path));
    return Status::Ok();
  };
  for (const GeneratedEdition& e : article.editions) {
    LOVCEN_RETURN_IF_ERROR(write(e.language.str(), e.file_text));
  }
  if (cyrillic != nullptr) {
    LOVCEN_RETURN_IF_ERROR(
        write("cnr-Cyrl", cyrillic->ToCyrillic(article.editions[kCnr].file_text)));
  }
  return Status::Ok();
}

Result<std::size_t> WriteArchive(const std::string& dir, std::size_t count,
                                 ArticleGeneratorOptions options, const Transliterator* cyrillic) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory: " + ec.message(), dir);
  const ArticleGenerator generator(options);
  for (std::size_t i = 0; i < count; ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "story-%04zu", i);
    LOVCEN_RETURN_IF_ERROR(WriteArticleFiles(generator.Generate(key), dir, cyrillic));
  }
  return count * (cyrillic ? 4 : 3);
}

}  // namespace lovcen::bench
