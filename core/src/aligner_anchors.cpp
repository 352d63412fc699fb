// Anchor evidence for the aligner: numbers and dates by value (read in each
// edition's locale), acronyms and names (compared in Latin letters, folded to
// ASCII, names by their first letters so that inflected forms meet: "Putin"
// and "Putina"), quotation marks, and where each sentence sits in the
// article's blocks.
#include <unicode/uchar.h>

#include <algorithm>
#include <span>
#include <string>

#include "aligner_internal.h"
#include "lovcen/placeable.h"
#include "lovcen/text.h"
#include "lovcen/transliterator.h"

namespace lovcen::align_internal {
namespace {

// Letters of the four editions' alphabets reduced to ASCII, lower case, so a
// name is compared the same in en, de and cnr ("Đukanović" = "Dukanovic").
void AppendFolded(std::int32_t c, std::string& out) {
  switch (c) {
    case U'č':
    case U'ć':
    case U'Č':
    case U'Ć':
      out += 'c';
      return;
    case U'š':
    case U'ś':
    case U'Š':
    case U'Ś':
      out += 's';
      return;
    case U'ž':
    case U'ź':
    case U'Ž':
    case U'Ź':
      out += 'z';
      return;
    case U'đ':
    case U'Đ':
      out += 'd';
      return;
    case U'ä':
    case U'Ä':
      out += 'a';
      return;
    case U'ö':
    case U'Ö':
      out += 'o';
      return;
    case U'ü':
    case U'Ü':
      out += 'u';
      return;
    case U'ß':
      out += "ss";
      return;
    default:
      break;
  }
  if (c < 0x80) {
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return;
  }
  const UChar32 lower = u_tolower(c);
  char buf[4];
  int n = 0;
  if (lower < 0x800) {
    buf[n++] = static_cast<char>(0xC0 | (lower >> 6));
  } else {
    buf[n++] = static_cast<char>(0xE0 | (lower >> 12));
    buf[n++] = static_cast<char>(0x80 | ((lower >> 6) & 0x3F));
  }
  buf[n++] = static_cast<char>(0x80 | (lower & 0x3F));
  out.append(buf, static_cast<std::size_t>(n));
}

std::uint64_t Key(char tag, std::string_view value) {
  std::string k(1, tag);
  k += ':';
  k += value;
  return KeyHash(k);
}

// Names and acronyms of a Latin-script text: words starting with an upper
// case letter (4+ letters: their first four letters, folded) and all-caps
// words of 2+ letters (whole, folded). A line set in capitals (a site name,
// a headline) holds words, not acronyms: there all-caps words count as
// capitalised ones, or every translated word would be an unmatched acronym.
void AddWords(std::string_view text, std::vector<std::uint64_t>& medium,
              std::vector<std::uint64_t>& soft) {
  struct Word {
    std::string folded;
    std::size_t letters = 0, upper = 0;
    bool capital = false;
  };
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    const CodePoint cp = DecodeUtf8(text, i);
    if (cp.value < 0 || !u_isalpha(cp.value)) {
      i += static_cast<std::size_t>(cp.length);
      continue;
    }
    Word word;
    word.capital = u_isupper(cp.value);
    while (i < text.size()) {
      const CodePoint w = DecodeUtf8(text, i);
      if (w.value < 0 || !u_isalpha(w.value)) break;
      ++word.letters;
      if (u_isupper(w.value)) ++word.upper;
      AppendFolded(w.value, word.folded);
      i += static_cast<std::size_t>(w.length);
    }
    words.push_back(std::move(word));
  }
  std::size_t long_words = 0, long_caps = 0;
  for (const Word& w : words) {
    if (w.letters < 3) continue;
    ++long_words;
    long_caps += w.upper == w.letters;
  }
  const bool in_capitals = long_caps >= 2 && 2 * long_caps > long_words;
  for (const Word& w : words) {
    if (!w.capital) continue;
    if (w.letters >= 2 && w.upper == w.letters && !in_capitals) {
      medium.push_back(Key('A', w.folded));
    } else if (w.letters >= 4) {
      std::size_t cut = 0, seen = 0;
      while (cut < w.folded.size() && seen < 4) {
        cut += static_cast<std::size_t>(DecodeUtf8(w.folded, cut).length);
        ++seen;
      }
      soft.push_back(Key('W', std::string_view(w.folded).substr(0, cut)));
    }
  }
}

std::string NumberKey(const NumberValue& v) {
  std::string integer = v.integer;
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  std::string fraction = v.fraction;
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string key = (v.negative ? "-" : "") + (integer.empty() ? "0" : integer);
  if (!fraction.empty()) key += "." + fraction;
  return key;
}

void SortUnique(std::vector<std::uint64_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::vector<SentenceFeatures> ExtractFeatures(const AlignEdition& edition,
                                              const Tokenizer& tokenizer,
                                              const Transliterator* transliterator) {
  const LanguageTag& lang = edition.language;
  std::vector<SentenceFeatures> out(edition.sentences.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    const AlignSentence& s = edition.sentences[k];
    SentenceFeatures& f = out[k];
    f.length = static_cast<std::uint32_t>(CharacterLength(s.text));
    f.block = s.block;
    f.type = s.type;
    f.block_start = k == 0 || edition.sentences[k - 1].block != s.block;
    f.block_end = k + 1 == out.size() || edition.sentences[k + 1].block != s.block;
    for (const Token& t : tokenizer.Tokenize(s.text)) {
      const std::string_view text = t.text(s.text);
      if (t.kind == TokenKind::kNumber) {
        if (auto v = ParseNumber(text, lang)) {
          const std::string key = NumberKey(*v);
          const bool significant = key.size() >= 2;  // "7" is often written as a word
          (significant ? f.hard : f.medium).push_back(Key('N', key));
        }
      } else if (t.kind == TokenKind::kDate) {
        if (auto d = ParseDate(text, lang)) {
          f.hard.push_back(Key('D', std::to_string(d->month) + "-" + std::to_string(d->day)));
          if (d->year != 0) f.hard.push_back(Key('N', std::to_string(d->year)));
        }
      } else if (t.kind == TokenKind::kTime) {
        if (auto tv = ParseTime(text, lang)) {
          f.medium.push_back(Key('T', std::to_string(tv->hour) + ":" + std::to_string(tv->minute)));
        }
      }
    }
    if (lang.is_cyrillic() && transliterator != nullptr) {
      AddWords(transliterator->ToLatin(s.text), f.medium, f.soft);
    } else {
      AddWords(s.text, f.medium, f.soft);
    }
    for (std::string_view q : {"\"", "\u201E", "\u201C", "\u201D", "\u00AB", "\u00BB"}) {
      if (s.text.find(q) != std::string::npos) f.quote = true;
    }
    SortUnique(f.hard);
    SortUnique(f.medium);
    SortUnique(f.soft);
  }
  return out;
}

namespace {

// Shared and unshared keys of two sorted multisets given as up to two lists each.
struct Overlap {
  int shared = 0;
  int unshared = 0;
};

// The keys of sentences [b, e): the sentence's own list for one sentence,
// else merged into `buffer`.
enum class Tier { kHard, kMedium, kSoft };

const std::vector<std::uint64_t>& Keys(const SentenceFeatures& f, Tier tier) {
  return tier == Tier::kHard ? f.hard : tier == Tier::kMedium ? f.medium : f.soft;
}

std::span<const std::uint64_t> Gather(const std::vector<SentenceFeatures>& f, std::size_t b,
                                      std::size_t e, Tier tier,
                                      std::vector<std::uint64_t>& buffer) {
  if (e - b == 1) return Keys(f[b], tier);
  buffer.clear();
  for (std::size_t k = b; k < e; ++k) {
    const auto& v = Keys(f[k], tier);
    buffer.insert(buffer.end(), v.begin(), v.end());
  }
  SortUnique(buffer);
  return buffer;
}

Overlap Compare(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  Overlap o;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++o.shared, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++o.unshared, ++i;
    } else {
      ++o.unshared, ++j;
    }
  }
  o.unshared += static_cast<int>(a.size() - i + b.size() - j);
  return o;
}

}  // namespace

double AnchorCost(const std::vector<SentenceFeatures>& s, std::size_t sb, std::size_t se,
                  const std::vector<SentenceFeatures>& t, std::size_t tb, std::size_t te) {
  thread_local std::vector<std::uint64_t> abuf, bbuf;
  auto overlap = [&](Tier tier) {
    if (se == sb) return Overlap{0, static_cast<int>(Gather(t, tb, te, tier, bbuf).size())};
    if (te == tb) return Overlap{0, static_cast<int>(Gather(s, sb, se, tier, abuf).size())};
    return Compare(Gather(s, sb, se, tier, abuf), Gather(t, tb, te, tier, bbuf));
  };
  // A number or date on one side only is strong evidence against the bead,
  // one on both sides strong evidence for it; acronyms and small numbers
  // (sometimes written out or spelt differently) count less. In an omission
  // the anchors are expected to be missing on the other side: they cost
  // little there, so that a left-out sentence is not glued to its neighbour
  // just because the lengths allow it.
  const Overlap hard = overlap(Tier::kHard);
  const Overlap medium = overlap(Tier::kMedium);
  if (sb == se || tb == te) return 0.5 * hard.unshared + 0.2 * medium.unshared;
  double cost =
      2.5 * hard.unshared - 2.0 * hard.shared + 0.8 * medium.unshared - 1.2 * medium.shared;
  // Shared names count; missing ones do not (German capitalises every noun).
  const Overlap soft = overlap(Tier::kSoft);
  cost -= 1.2 * std::min(soft.shared, 4);
  bool sq = false, tq = false;
  for (std::size_t k = sb; k < se; ++k) sq = sq || s[k].quote;
  for (std::size_t k = tb; k < te; ++k) tq = tq || t[k].quote;
  if (sq && tq) cost -= 0.5;
  if (sq != tq) cost += 1.0;
  return cost;
}

double StructureCost(const std::vector<SentenceFeatures>& s, std::size_t sb, std::size_t se,
                     const std::vector<SentenceFeatures>& t, std::size_t tb, std::size_t te) {
  if (sb == se || tb == te) return 0;
  double cost = 0;
  // A paragraph start opposite a sentence inside a paragraph: evidence of a
  // shift. Only starts count: a sentence left out at the end of one edition's
  // paragraph makes the ends differ in the right alignment too.
  if (s[sb].block_start != t[tb].block_start) cost += 1.5;
  const bool stitle = s[sb].type == BlockType::kTitle, ttitle = t[tb].type == BlockType::kTitle;
  if (stitle != ttitle) {
    cost += 6.0;
  } else if (s[sb].type != t[tb].type) {
    cost += 2.0;
  }
  return cost;
}

}  // namespace lovcen::align_internal
