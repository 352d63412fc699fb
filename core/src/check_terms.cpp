// term-mismatch and the stem rule it matches terms by (docs/checks.md
// "Stems"). Words are compared case-folded (ICU full folding); a text word is
// a form of a term word when it is the term word's stem plus one of the
// endings of the language:
//   cnr (both scripts): the stem drops one final vowel of the term word
//     (Moskva -> moskv); endings "", a e i o u, om em, ama ima, ih im, og oj,
//     ov ova ove ovi ovima, ju (in Cyrillic the same letters);
//   de: the stem is the word itself; endings "", s es e en n er ern ns nen,
//     and a final -um may become -en (Ministerium, Ministerien); the term
//     may also end a compound (Bildungsministerium, Landesregierung);
//   en: endings "", s es 's, and a final -y may become -ies.
// Term words of fewer than four letters must match exactly (EU, UN, SAD).
#include <unicode/uchar.h>

#include <array>
#include <map>

#include "check_internal.h"
#include "lovcen/case_fold.h"
#include "lovcen/text.h"
#include "lovcen/transliterator.h"

namespace lovcen {
namespace {

constexpr std::size_t kMinStemmedLetters = 4;

struct Word {
  std::string folded;
  Span span;
};

std::vector<Word> Words(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0, begin = 0;
  bool in = false;
  while (i <= text.size()) {
    bool alnum = false;
    std::size_t len = 1;
    if (i < text.size()) {
      const CodePoint cp = DecodeUtf8(text, i);
      len = static_cast<std::size_t>(cp.length);
      alnum =
          cp.value >= 0 && (u_isalnum(cp.value) || u_hasBinaryProperty(cp.value, UCHAR_DIACRITIC));
    }
    if (alnum && !in) {
      begin = i;
      in = true;
    } else if (!alnum && in) {
      out.push_back({FoldCaseString(text.substr(begin, i - begin)), {begin, i}});
      in = false;
    }
    i += len;
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool OneOf(std::string_view rest, const auto& endings) {
  for (std::string_view e : endings) {
    if (rest == e) return true;
  }
  return false;
}

bool StemMatch(std::string_view term, std::string_view word, const LanguageTag& language) {
  if (term == word) return true;
  if (CodePointCount(term) < kMinStemmedLetters) return false;
  auto rest_after = [&](std::string_view stem, std::string_view* rest) {
    if (word.size() < stem.size() || word.substr(0, stem.size()) != stem) return false;
    *rest = word.substr(stem.size());
    return true;
  };
  std::string_view rest;
  switch (language.language()) {
    case Language::kMontenegrinLatin:
    case Language::kMontenegrinCyrillic: {
      static constexpr std::array<std::string_view, 22> kLatin = {
          "",   "a",  "e",  "i",  "o",   "u",   "om",  "em",    "ama", "ima", "ih",
          "im", "og", "oj", "ov", "ova", "ove", "ovi", "ovima", "ju",  "ovo", "ome"};
      static constexpr std::array<std::string_view, 22> kCyrillic = {
          "",   "а",  "е",  "и",  "о",   "у",   "ом",  "ем",    "ама", "има", "их",
          "им", "ог", "ој", "ов", "ова", "ове", "ови", "овима", "ју",  "ово", "оме"};
      std::string_view stem = term;
      for (std::string_view v : language.is_cyrillic()
                                    ? std::array<std::string_view, 5>{"а", "е", "и", "о", "у"}
                                    : std::array<std::string_view, 5>{"a", "e", "i", "o", "u"}) {
        if (EndsWith(term, v)) {
          stem = term.substr(0, term.size() - v.size());
          break;
        }
      }
      if (!rest_after(stem, &rest)) return false;
      return language.is_cyrillic() ? OneOf(rest, kCyrillic) : OneOf(rest, kLatin);
    }
    case Language::kGerman: {
      static constexpr std::array<std::string_view, 10> kEndings = {"",  "s",  "es",  "e",  "en",
                                                                    "n", "er", "ern", "ns", "nen"};
      auto matches = [&](std::string_view w) {
        if (w.size() >= term.size() && w.substr(0, term.size()) == term &&
            OneOf(w.substr(term.size()), kEndings)) {
          return true;
        }
        const std::string_view base = term.substr(0, term.size() - 2);
        return EndsWith(term, "um") && w.size() == base.size() + 2 &&
               w.substr(0, base.size()) == base && w.substr(base.size()) == "en";
      };
      if (matches(word)) return true;
      // A compound ending in the term: Bildungsministerium, Landesregierung.
      for (std::size_t p = 1; p + term.size() <= word.size() + 2 && p < word.size(); ++p) {
        if ((static_cast<unsigned char>(word[p]) & 0xC0) == 0x80) continue;
        if (matches(word.substr(p))) return true;
      }
      return false;
    }
    case Language::kEnglish: {
      static constexpr std::array<std::string_view, 5> kEndings = {"", "s", "es", "'s", "\u2019s"};
      if (rest_after(term, &rest) && OneOf(rest, kEndings)) return true;
      if (EndsWith(term, "y") && rest_after(term.substr(0, term.size() - 1), &rest)) {
        return rest == "ies";
      }
      return false;
    }
  }
  return false;
}

std::vector<Span> FindFolded(const std::vector<Word>& term, const std::vector<Word>& text,
                             const LanguageTag& language) {
  std::vector<Span> spans;
  if (term.empty() || text.size() < term.size()) return spans;
  for (std::size_t i = 0; i + term.size() <= text.size(); ++i) {
    bool all = true;
    for (std::size_t k = 0; k < term.size() && all; ++k) {
      all = StemMatch(term[k].folded, text[i + k].folded, language);
    }
    if (all) spans.push_back({text[i].span.begin, text[i + term.size() - 1].span.end});
  }
  return spans;
}

}  // namespace

bool SameStem(std::string_view term_word, std::string_view word, const LanguageTag& language) {
  return StemMatch(FoldCaseString(term_word), FoldCaseString(word), language);
}

std::vector<Span> FindTerm(std::string_view term, std::string_view text,
                           const LanguageTag& language) {
  return FindFolded(Words(term), Words(text), language);
}

namespace internal {
namespace {

// Terms of `entry` in `language`; a cnr term in the other script is
// transliterated when the entry has none in this one.
std::vector<std::vector<Word>> TermsIn(const GlossaryEntry& entry, const LanguageTag& language,
                                       const Transliterator* translit) {
  std::vector<std::vector<Word>> out;
  for (const auto& [tag, term] : entry.terms) {
    if (tag == language) out.push_back(Words(term));
  }
  if (out.empty() && language.is_montenegrin() && translit != nullptr) {
    for (const auto& [tag, term] : entry.terms) {
      if (tag.is_montenegrin() && tag != language) {
        out.push_back(Words(translit->Transliterate(
            term, language.is_cyrillic() ? Script::kCyrillic : Script::kLatin)));
      }
    }
  }
  return out;
}

void Run(const std::vector<CheckedPair>& pairs, const CheckContext& context, FindingSink& sink) {
  if (context.glossary.empty()) return;
  struct Prepared {
    std::vector<std::vector<Word>> source, target;
    std::string source_text, target_label;
  };
  // Per language pair, the entries with terms on both sides.
  std::map<std::pair<Language, Language>, std::vector<Prepared>> by_pair;
  for (const CheckedPair& p : pairs) {
    const CheckItem& item = *p.item;
    if (!item.target || item.target->text.empty()) continue;
    const auto lp =
        std::make_pair(item.source_language.language(), item.target_language.language());
    auto it = by_pair.find(lp);
    if (it == by_pair.end()) {
      std::vector<Prepared> prepared;
      for (const GlossaryEntry& e : context.glossary) {
        Prepared pe;
        pe.source = TermsIn(e, item.source_language, context.transliterator);
        pe.target = TermsIn(e, item.target_language, context.transliterator);
        if (pe.source.empty() || pe.target.empty()) continue;
        for (const auto& [tag, term] : e.terms) {
          if (tag == item.source_language && pe.source_text.empty()) pe.source_text = term;
          if (tag == item.target_language) {
            pe.target_label += (pe.target_label.empty() ? "" : " / ") + Quote(term);
          }
        }
        if (pe.target_label.empty()) {
          for (const auto& words : pe.target) {
            std::string t;
            for (const Word& w : words) t += (t.empty() ? "" : " ") + w.folded;
            pe.target_label += (pe.target_label.empty() ? "" : " / ") + Quote(t);
          }
        }
        prepared.push_back(std::move(pe));
      }
      it = by_pair.emplace(lp, std::move(prepared)).first;
    }
    if (it->second.empty()) continue;
    const std::vector<Word> src_words = Words(item.source.text);
    std::vector<Word> tgt_words;
    bool tgt_ready = false;
    for (const Prepared& pe : it->second) {
      std::vector<Span> found;
      for (const auto& term : pe.source) {
        auto spans = FindFolded(term, src_words, item.source_language);
        found.insert(found.end(), spans.begin(), spans.end());
      }
      if (found.empty()) continue;
      if (!tgt_ready) {
        tgt_words = Words(item.target->text);
        tgt_ready = true;
      }
      bool ok = false;
      for (const auto& term : pe.target) {
        if (!FindFolded(term, tgt_words, item.target_language).empty()) {
          ok = true;
          break;
        }
      }
      if (ok) continue;
      sink.Add(p,
               "glossary term " + Quote(pe.source_text) + " in the source, but not " +
                   pe.target_label + " in the target",
               std::move(found), {});
    }
  }
}

}  // namespace

std::unique_ptr<Check> MakeTermMismatchCheck() {
  return MakeCheck("term-mismatch", Severity::kWarning,
                   "a glossary term in the source without its equivalent in the target", Run);
}

}  // namespace internal
}  // namespace lovcen
