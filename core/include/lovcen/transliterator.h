// Montenegrin transliteration between cnr-Latn and cnr-Cyrl (design brief §9).
// The letters follow ICU transform rules kept in data/translit/ (the single
// source of truth). They run through a table-driven UTF-8 engine compiled from
// those rules at load time (the default) or through ICU's own rule-based
// Transliterator built from the same text (the reference; the tests prove the
// two give identical output). Around the rules, a scanner leaves as written
// what must not change script: URLs, e-mail addresses, markup and inline
// codes, Latin-only names, words in a foreign alphabet, Roman numerals and
// author signatures. Output is NFC. A Transliterator is immutable after
// Create(): the fast engine may serve many threads at once, the reference
// engine one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/segment.h"
#include "lovcen/status.h"

namespace lovcen {

// The two scripts of Montenegrin.
enum class Script { kLatin, kCyrillic };

// "cnr-Latn" / "cnr-Cyrl".
std::string_view ScriptTag(Script script);

enum class TranslitEngine {
  kFast,       // tables compiled from the rule files (default; well over 50 MB/s)
  kReference,  // ICU Transliterator::createFromRules on the same rules (slow)
};

// What the text is, so that its markup survives untouched.
enum class TextKind {
  kPlain,     // plain text, including the newsroom's article layout
  kMarkdown,  // keeps code spans and fences, link targets and labels, autolinks, HTML
  kHtml,      // keeps tags, comments, entities and <script|style|code|pre|kbd|samp>
};

// What happens to an all-caps word (an acronym) that is on neither list.
enum class AcronymPolicy {
  // Transliterated: Montenegrin acronyms (DPS, CBCG) are the norm in
  // Montenegrin text. Only Latin-only entries stay Latin.
  kTransliterate,
  // An isolated all-caps word (neither neighbour word is all caps, so not a
  // headline) stays Latin unless it is on the adopt list.
  kAdoptListOnly,
};

struct TransliteratorOptions {
  // Directory holding translit/ (rule files and lists); empty means
  // DefaultDataDir().
  std::string data_dir;
  // Added to data/translit/latin-only.txt and adopt-acronyms.txt; the same
  // line syntax as the files ("WADA ВАДА" for an explicit Cyrillic form).
  std::vector<std::string> extra_latin_only;
  std::vector<std::string> extra_adopt;
  AcronymPolicy acronyms = AcronymPolicy::kTransliterate;
  // Leave a word as written when it holds a letter outside the 32-letter
  // alphabet of the source script (Witkoff, Müller; Юрий in Cyrillic).
  bool keep_foreign_words = true;
  // Leave Roman numerals in Latin letters (Petar II, XXI vijek).
  bool keep_roman_numerals = true;
  // Leave the text after a signature label (AUTOR:) as written.
  bool keep_signatures = true;
  // Also build the ICU reference engine (tests and benchmarks).
  bool with_reference = false;
};

// The data directory compiled in (LOVCEN_DATA_DIR, the source tree's data/).
std::string DefaultDataDir();

// A word of a text in the wrong script for its edition: one that
// Transliterate() would change.
struct ScriptMismatch {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::string word;
};

// Script of a letter: Latin or Cyrillic for letters of those scripts,
// nullopt for anything else (digits, punctuation, marks, other scripts).
std::optional<Script> LetterScript(char32_t c);

// True for a single code point that is a letter of the Montenegrin alphabet
// in `script` (a b c č ć d đ ... ś ź, а б в ... ш; the digraphs count by
// their parts, с́ and з́ by their base letter).
bool IsMontenegrinLetter(char32_t c, Script script);

class Transliterator {
 public:
  // Loads the rule files and lists. Errors name the file and line.
  static Result<Transliterator> Create(const TransliteratorOptions& options = {});

  Transliterator(Transliterator&&) noexcept;
  Transliterator& operator=(Transliterator&&) noexcept;
  ~Transliterator();

  // `text` (valid UTF-8, normally NFC) written in the script `to`.
  // Text already in `to` passes through unchanged. Linear in the input.
  std::string Transliterate(std::string_view text, Script to, TextKind kind = TextKind::kPlain,
                            TranslitEngine engine = TranslitEngine::kFast) const;
  std::string ToCyrillic(std::string_view text, TextKind kind = TextKind::kPlain) const {
    return Transliterate(text, Script::kCyrillic, kind);
  }
  std::string ToLatin(std::string_view text, TextKind kind = TextKind::kPlain) const {
    return Transliterate(text, Script::kLatin, kind);
  }

  // A segment in the script `to`: its text transliterated with its inline
  // codes kept and moved to the same places. The text between two code
  // positions is transliterated as a unit (a code splits words).
  Segment Transliterate(const Segment& segment, Script to,
                        TranslitEngine engine = TranslitEngine::kFast) const;

  // True when `name` is on the Latin-only list (as written or in all caps).
  bool IsLatinOnlyName(std::string_view name) const;

  // Words of `text` that are in the wrong script for an edition in
  // `expected`: Cyrillic words in cnr-Latn, Latin words in cnr-Cyrl, except
  // what transliteration keeps (Latin-only names, foreign words, URLs,
  // Roman numerals, signatures, markup). For the script-mismatch check.
  std::vector<ScriptMismatch> FindScriptMismatches(std::string_view text, Script expected,
                                                   TextKind kind = TextKind::kPlain) const;

  bool has_reference() const;
  // The full rule text each engine was built from (the file with the
  // generated digraph-exception rules inserted), for diagnostics.
  const std::string& rules(Script to) const;
  // Number of stems in the digraph-exception list.
  std::size_t exception_count() const;

 private:
  struct Impl;
  explicit Transliterator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lovcen
