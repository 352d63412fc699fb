#include "lovcen/matcher.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "lovcen/placeable.h"
#include "lovcen/text.h"
#include "lovcen/tokenizer.h"

namespace lovcen {

std::string_view MatchClassName(MatchClass match_class) {
  switch (match_class) {
    case MatchClass::kContext:
      return "context";
    case MatchClass::kExact:
      return "exact";
    case MatchClass::kPlaceable:
      return "placeable";
    case MatchClass::kFuzzy:
      return "fuzzy";
    case MatchClass::kRepetition:
      return "repetition";
    case MatchClass::kPivot:
      return "pivot";
  }
  return "fuzzy";
}

namespace {

// A segment with what matching needs of it, computed once.
struct Prepared {
  Segment segment;
  std::string key;  // match key
  std::vector<Token> tokens;
  std::vector<ScoreToken> score;
  std::vector<std::uint64_t> norms;
};

// Character admission probes the postings of this many of the rarest query
// tokens the TM holds (CandidateIndex::Lookup's probe_tokens): a near
// sentence keeps its rare words, and more probes cost more than they find
// (docs/matching.md).
constexpr std::size_t kCharacterProbeTokens = 2;
// The character score is a full O(n * m) Levenshtein: it is computed for at
// most this many hits of one segment, and only for keys up to this many code
// points (longer ones are matched on tokens alone), so a long segment cannot
// cost more than a few milliseconds.
constexpr int kMaxCharacterComparisons = 16;
constexpr std::size_t kMaxCharacterLength = 600;

// floor(100 * similarity), the character score compared with the threshold.
int CharacterScore(double similarity) {
  return static_cast<int>(std::floor(100 * similarity + 1e-9));
}

// A TM unit judged against the new segment on the source side, before any
// target language is looked at.
struct Judged {
  std::shared_ptr<TranslationUnit> unit;
  const Variant* tm = nullptr;  // in *unit
  bool exact = false;
  FuzzyScore fuzzy;
  // Set (>= 0) when admitted on its character score (fuzzy.score below the threshold).
  double char_similarity = -1;
  std::vector<std::size_t> placeables;  // token positions that differ, when only placeables do
  std::shared_ptr<Prepared> prepared;   // T, when not exact
};

// Everything the TM offers for one source segment, target-independent:
// computed once per segment and shared by every target language and by the
// first leg of a pivot.
struct SourceMatches {
  std::vector<Judged> judged;  // exact units first, then verified index hits
};

MatchOrigin OriginOf(const TranslationUnit& unit, const Variant& target) {
  MatchOrigin o;
  o.unit_id = unit.id;
  o.tuid = unit.tuid;
  o.story_key = unit.story_key;
  o.document_id = unit.document_id;
  o.origin = unit.origin;
  o.changed = !target.changed.empty() ? target.changed
              : !unit.changed.empty() ? unit.changed
                                      : unit.created;
  o.author = !target.author.empty() ? target.author : unit.author;
  return o;
}

// Repetition identity: match key plus the code layout (kind, element, offset).
std::string RepetitionKey(const Segment& segment) {
  std::string key = MatchKey(segment.text);
  for (const InlineCode& c : segment.codes) {
    key += '\x1f';
    key += static_cast<char>('0' + static_cast<int>(c.kind));
    key += c.element;
    key += ':';
    key += std::to_string(c.offset);
  }
  return key;
}

// The other Montenegrin script's tag, for a cnr target; nullopt otherwise.
std::optional<LanguageTag> OtherScript(const LanguageTag& to) {
  if (to.language() == Language::kMontenegrinCyrillic)
    return LanguageTag(Language::kMontenegrinLatin);
  if (to.language() == Language::kMontenegrinLatin)
    return LanguageTag(Language::kMontenegrinCyrillic);
  return std::nullopt;
}

bool SameContext(const Segment* neighbour, const std::string& stored) {
  if (neighbour == nullptr) return stored.empty();
  return !stored.empty() && MatchKey(neighbour->text) == MatchKey(stored);
}

}  // namespace

struct Matcher::Impl {
  Impl(TmStore& s, MatcherOptions o, std::unique_ptr<VariantSource> src, CandidateIndex i)
      : store(s), options(std::move(o)), source(std::move(src)), index(std::move(i)) {}

  TmStore& store;
  MatcherOptions options;
  std::unique_ptr<VariantSource> source;
  CandidateIndex index;
  std::map<Language, Tokenizer> tokenizers;
  std::map<Language, PlaceableFormatter> formatters;

  Result<const Tokenizer*> TokenizerFor(const LanguageTag& language) {
    auto it = tokenizers.find(language.language());
    if (it == tokenizers.end()) {
      auto created = Tokenizer::Create(language);
      if (!created.ok()) return created.error();
      it = tokenizers.emplace(language.language(), std::move(*created)).first;
    }
    return &it->second;
  }
  Result<const PlaceableFormatter*> FormatterFor(const LanguageTag& language) {
    auto it = formatters.find(language.language());
    if (it == formatters.end()) {
      auto created = PlaceableFormatter::Create(language);
      if (!created.ok()) return created.error();
      it = formatters.emplace(language.language(), std::move(*created)).first;
    }
    return &it->second;
  }

  Result<std::shared_ptr<Prepared>> Prepare(const Segment& segment, const LanguageTag& language) {
    auto tokenizer = TokenizerFor(language);
    if (!tokenizer.ok()) return tokenizer.error();
    auto p = std::make_shared<Prepared>();
    p->segment = segment;
    p->segment.text = ToNfc(segment.text);
    p->key = MatchKey(p->segment.text);
    p->tokens = (*tokenizer)->Tokenize(p->segment);
    p->score = PrepareScoreTokens(p->segment, p->tokens);
    p->norms.reserve(p->score.size());
    for (const ScoreToken& t : p->score) p->norms.push_back(t.norm);
    return p;
  }

  Result<SourceMatches> Judge(const Prepared& s, const LanguageTag& from, std::size_t k);
  Result<std::vector<Candidate>> CandidatesFor(const Prepared& s, const SourceMatches& sm,
                                               const Segment* previous, const Segment* next,
                                               const LanguageTag& from, const LanguageTag& to,
                                               std::size_t k, bool transliterate = true);
  Result<std::optional<Segment>> Rebuild(const Prepared& s, const Judged& j, const Variant& target,
                                         const LanguageTag& from,
                                         std::vector<Substitution>* substitutions);
  Result<std::vector<Candidate>> Pivot(const Prepared& s, const SourceMatches& sm,
                                       const Segment* previous, const Segment* next,
                                       const LanguageTag& from, const LanguageTag& to);
};

// Rebuilds the TM target with the new segment's placeables; nullopt when a
// value's place in the target cannot be found safely (then the match is fuzzy).
Result<std::optional<Segment>> Matcher::Impl::Rebuild(const Prepared& s, const Judged& j,
                                                      const Variant& target,
                                                      const LanguageTag& from,
                                                      std::vector<Substitution>* substitutions) {
  const Prepared& t = *j.prepared;
  auto tokenizer = TokenizerFor(target.language);
  if (!tokenizer.ok()) return tokenizer.error();
  auto formatter = FormatterFor(target.language);
  if (!formatter.ok()) return formatter.error();
  const std::vector<Token> target_tokens = (*tokenizer)->Tokenize(target.segment);
  const std::string& target_text = target.segment.text;

  struct Replacement {
    std::size_t begin, end;
    std::string text;
  };
  std::vector<Replacement> replacements;
  std::vector<std::pair<std::size_t, InlineCode>> code_replacements;
  std::unordered_set<std::size_t> handled_targets;
  std::unordered_set<std::size_t> handled_positions;

  for (std::size_t i : j.placeables) {
    if (handled_positions.count(i) != 0) continue;
    const Token& st = s.tokens[i];
    const Token& tt = t.tokens[i];
    if (tt.kind == TokenKind::kCode) {
      const InlineCode& old_code = t.segment.codes[tt.code_index];
      const InlineCode& new_code = s.segment.codes[st.code_index];
      if (old_code.id.empty()) return std::optional<Segment>();
      std::size_t found = target.segment.codes.size(), count = 0;
      for (std::size_t c = 0; c < target.segment.codes.size(); ++c) {
        const InlineCode& tc = target.segment.codes[c];
        if (tc.id == old_code.id && tc.kind == old_code.kind) {
          found = c;
          ++count;
        }
      }
      if (count != 1 || !handled_targets.insert(target_tokens.size() + found).second)
        return std::optional<Segment>();
      InlineCode replaced = new_code;
      replaced.offset = target.segment.codes[found].offset;
      code_replacements.emplace_back(found, std::move(replaced));
      continue;
    }
    auto old_value = ParsePlaceable(tt.kind, tt.text(t.segment.text), from);
    auto new_value = ParsePlaceable(st.kind, st.text(s.segment.text), from);
    if (!old_value.ok() || !new_value.ok()) return std::optional<Segment>();
    // Every TM source token holding the old value must change the same way,
    // else the target's occurrences cannot be told apart.
    std::size_t in_source = 0;
    for (std::size_t p = 0; p < t.tokens.size(); ++p) {
      if (t.tokens[p].kind != tt.kind) continue;
      auto v = ParsePlaceable(t.tokens[p].kind, t.tokens[p].text(t.segment.text), from);
      if (!v.ok() || !SameValue(*v, *old_value)) continue;
      auto w = ParsePlaceable(s.tokens[p].kind, s.tokens[p].text(s.segment.text), from);
      if (s.tokens[p].kind != tt.kind || !w.ok() || !SameValue(*w, *new_value))
        return std::optional<Segment>();
      handled_positions.insert(p);
      ++in_source;
    }
    std::vector<std::size_t> places;
    for (std::size_t q = 0; q < target_tokens.size(); ++q) {
      const Token& g = target_tokens[q];
      if (g.kind != tt.kind) continue;
      auto v = ParsePlaceable(g.kind, g.text(target_text), target.language);
      if (v.ok() && SameValue(*v, *old_value)) places.push_back(q);
    }
    if (places.size() != in_source) return std::optional<Segment>();
    Substitution sub;
    sub.old_source = std::string(tt.text(t.segment.text));
    sub.new_source = std::string(st.text(s.segment.text));
    for (std::size_t q : places) {
      if (!handled_targets.insert(q).second) return std::optional<Segment>();
      const Token& g = target_tokens[q];
      auto model = ParsePlaceable(g.kind, g.text(target_text), target.language);
      std::string text = SameValue(*old_value, *new_value)
                             ? std::string(g.text(target_text))
                             : (*formatter)->Format(*new_value, &*model);
      if (sub.old_target.empty()) {
        sub.old_target = std::string(g.text(target_text));
        sub.new_target = text;
      }
      replacements.push_back({g.begin, g.end, std::move(text)});
    }
    substitutions->push_back(std::move(sub));
  }

  Segment out = target.segment;
  for (auto& [index, code] : code_replacements) out.codes[index] = std::move(code);
  std::sort(replacements.begin(), replacements.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
  for (const Replacement& r : replacements) {
    out.text.replace(r.begin, r.end - r.begin, r.text);
    const long long delta =
        static_cast<long long>(r.text.size()) - static_cast<long long>(r.end - r.begin);
    for (InlineCode& c : out.codes) {
      if (c.offset >= r.end && c.offset > r.begin)
        c.offset = static_cast<std::size_t>(static_cast<long long>(c.offset) + delta);
    }
  }
  return std::optional<Segment>(std::move(out));
}

Result<SourceMatches> Matcher::Impl::Judge(const Prepared& s, const LanguageTag& from,
                                           std::size_t k) {
  SourceMatches sm;
  const int threshold = options.threshold;
  LOVCEN_RETURN_IF_ERROR(index.Ensure(*source, from));
  std::unordered_set<std::int64_t> seen;
  auto exact = store.FindExact(from, s.segment);
  if (!exact.ok()) return exact.error();
  for (TranslationUnit& u : *exact) {
    if (!seen.insert(u.id).second) continue;
    Judged j;
    j.unit = std::make_shared<TranslationUnit>(std::move(u));
    j.tm = j.unit->Find(from);
    if (j.tm == nullptr) continue;
    j.exact = true;
    j.fuzzy.score = 100;
    sm.judged.push_back(std::move(j));
  }
  const std::size_t limit = std::max<std::size_t>(64, 8 * k);
  const std::size_t key_length = CodePointCount(s.key);
  int character_comparisons = 0;
  // Verified scores so far, to stop once k units (plus slack for units that
  // lack a target language) are better than anything later hits can reach.
  std::vector<int> scores(sm.judged.size(), 101);
  const std::size_t want = k + 2;
  // Verifies index hits; `by_characters`: also admit on the character score
  // (then the token bounds say nothing about what is left: no early stop).
  auto verify = [&](const std::vector<IndexHit>& hits, bool by_characters) -> Status {
    for (const IndexHit& hit : hits) {
      if (seen.count(hit.unit_id) != 0) continue;
      // A hit whose classes all agree may be a placeable match: up to 99.
      const int upper = hit.lower_bound == 0
                            ? 99
                            : ScoreFromDistance(hit.lower_bound * 10, s.score.size(), hit.tokens);
      if (!by_characters && scores.size() >= want) {
        std::nth_element(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(want - 1),
                         scores.end(), std::greater<int>());
        if (scores[want - 1] > upper) break;
      }
      seen.insert(hit.unit_id);
      auto fetched = store.GetUnit(hit.unit_id);
      if (!fetched.ok()) {
        if (fetched.error().kind == Error::Kind::kNotFound) continue;  // index older than the TM
        return fetched.error();
      }
      Judged j;
      j.unit = std::make_shared<TranslationUnit>(std::move(*fetched));
      j.tm = j.unit->Find(from);
      if (j.tm == nullptr) continue;
      const std::string tm_key = MatchKey(j.tm->segment.text);
      j.exact = tm_key == s.key && SameCodeLayout(j.tm->segment, s.segment);
      if (!j.exact) {
        auto prepared = Prepare(j.tm->segment, from);
        if (!prepared.ok()) return prepared.error();
        j.prepared = std::move(*prepared);
        const Prepared& t = *j.prepared;
        j.fuzzy = ScoreFuzzy(s.score, t.score);
        bool only_placeables = t.tokens.size() == s.tokens.size();
        for (std::size_t i = 0; only_placeables && i < s.tokens.size(); ++i) {
          if (s.score[i].text == t.score[i].text && s.tokens[i].kind == t.tokens[i].kind) continue;
          if (s.tokens[i].kind == t.tokens[i].kind && IsPlaceable(s.tokens[i].kind)) {
            j.placeables.push_back(i);
          } else {
            only_placeables = false;
          }
        }
        if (!only_placeables) j.placeables.clear();
      } else {
        j.fuzzy.score = 100;
      }
      int best = j.exact                 ? 101
                 : !j.placeables.empty() ? PlaceableScore(j.placeables.size())
                                         : j.fuzzy.score;
      if (best < threshold && j.placeables.empty() && options.character_admission) {
        // The character score can reach the threshold only if the lengths
        // allow it: similarity <= shorter / longer.
        const std::size_t tm_length = CodePointCount(tm_key);
        const std::size_t longer = std::max(key_length, tm_length);
        if (longer > 0 && longer <= kMaxCharacterLength &&
            character_comparisons < kMaxCharacterComparisons &&
            100 * std::min(key_length, tm_length) >= static_cast<std::size_t>(threshold) * longer) {
          ++character_comparisons;
          const double similarity = CharacterSimilarity(s.key, tm_key);
          if (CharacterScore(similarity) >= threshold) {
            j.char_similarity = similarity;
            best = CharacterScore(similarity);
          }
        }
      }
      if (best >= threshold || !j.placeables.empty()) {
        scores.push_back(best);
        sm.judged.push_back(std::move(j));
      }
    }
    return Status::Ok();
  };
  LOVCEN_RETURN_IF_ERROR(verify(index.Lookup(from, s.norms, threshold, limit), false));
  // Character admission complements the token score where it finds
  // nothing: looking below the threshold costs index work that a segment
  // with candidates does not need.
  const int floor = CharacterAdmissionFloor(threshold);
  if (options.character_admission && floor < threshold && sm.judged.empty()) {
    LOVCEN_RETURN_IF_ERROR(
        verify(index.Lookup(from, s.norms, floor, limit, kCharacterProbeTokens), true));
  }
  return sm;
}

Result<std::vector<Candidate>> Matcher::Impl::CandidatesFor(
    const Prepared& s, const SourceMatches& sm, const Segment* previous, const Segment* next,
    const LanguageTag& from, const LanguageTag& to, std::size_t k, bool transliterate) {
  std::vector<Candidate> list;
  if (to == from) return list;
  const std::optional<LanguageTag> other = OtherScript(to);
  const bool can_transliterate =
      transliterate && other && options.transliterator != nullptr && !(*other == from);
  for (const Judged& j : sm.judged) {
    const Variant* target = j.unit->Find(to);
    // Only the other script: its transliteration is the target, and every
    // step below (placeables formatted in `to`) works on that.
    Variant transliterated;
    if (target == nullptr && can_transliterate) {
      if (const Variant* v = j.unit->Find(*other)) {
        transliterated = *v;
        transliterated.language = to;
        transliterated.segment = options.transliterator->Transliterate(
            v->segment,
            to.language() == Language::kMontenegrinCyrillic ? Script::kCyrillic : Script::kLatin);
        target = &transliterated;
      }
    }
    if (target == nullptr) continue;
    Candidate c;
    c.target_language = to;
    c.tm_source = j.tm->segment;
    c.target = target->segment;
    c.origin = OriginOf(*j.unit, *target);
    if (target == &transliterated) {
      c.origin.origin = Origin::kTransliterated;
      c.origin.transliterated_from = other;
    } else if (other) {
      for (const Property& p : j.unit->properties) {
        if (p.name == kTransliteratedProperty && p.value == to.str()) {
          c.origin.origin = Origin::kTransliterated;
          c.origin.transliterated_from = other;
        }
      }
    }
    if (j.exact) {
      const bool context =
          SameContext(previous, j.tm->context_pre) && SameContext(next, j.tm->context_post);
      c.match_class = context ? MatchClass::kContext : MatchClass::kExact;
      c.score = context ? 101 : 100;
      c.char_similarity = 1.0;
    } else {
      bool placed = false;
      if (!j.placeables.empty()) {
        auto rebuilt = Rebuild(s, j, *target, from, &c.substitutions);
        if (!rebuilt.ok()) return rebuilt.error();
        if (rebuilt->has_value()) {
          c.match_class = MatchClass::kPlaceable;
          c.score = PlaceableScore(j.placeables.size());
          c.target = std::move(**rebuilt);
          placed = true;
        } else {
          c.substitutions.clear();
        }
      }
      if (!placed) {
        c.match_class = MatchClass::kFuzzy;
        c.token_score = j.fuzzy.score;
        if (j.fuzzy.score >= options.threshold) {
          c.score = j.fuzzy.score;
        } else if (j.char_similarity >= 0 &&
                   CharacterScore(j.char_similarity) >= options.threshold) {
          c.score = CharacterScore(j.char_similarity);
          c.char_similarity = j.char_similarity;
          c.by_characters = true;
        } else {
          continue;
        }
      }
      c.edits = j.fuzzy.edits;
      for (const TokenEdit& e : j.fuzzy.edits) {
        if (e.source_token < 0) continue;
        const ScoreToken& st = s.score[static_cast<std::size_t>(e.source_token)];
        c.differing_source.emplace_back(st.begin, st.end);
      }
    }
    list.push_back(std::move(c));
  }
  // Character similarity only where it decides something: equal scores.
  std::map<int, int> per_score;
  for (const Candidate& c : list) ++per_score[c.score];
  for (Candidate& c : list) {
    if (c.match_class != MatchClass::kContext && c.match_class != MatchClass::kExact &&
        !c.by_characters && per_score[c.score] > 1) {  // by_characters: known already
      c.char_similarity = CharacterSimilarity(s.key, MatchKey(c.tm_source.text));
    }
  }
  std::stable_sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.char_similarity != b.char_similarity) return a.char_similarity > b.char_similarity;
    return a.origin.changed > b.origin.changed;
  });
  if (list.size() > k) list.resize(k);
  return list;
}

Result<std::vector<Candidate>> Matcher::Impl::Pivot(const Prepared& s, const SourceMatches& sm,
                                                    const Segment* previous, const Segment* next,
                                                    const LanguageTag& from,
                                                    const LanguageTag& to) {
  std::vector<LanguageTag> pivots = options.pivot_languages;
  if (pivots.empty()) {
    for (Language l : {Language::kEnglish, Language::kMontenegrinLatin, Language::kGerman,
                       Language::kMontenegrinCyrillic}) {
      pivots.emplace_back(l);
    }
  }
  std::vector<Candidate> out;
  std::unordered_set<std::int64_t> seen;
  for (const LanguageTag& pivot : pivots) {
    if (pivot == from || pivot == to) continue;
    // Leg 1 reuses what the TM offered for S; only leg 2 looks up again.
    // (Never through a transliterated pivot: the other script is a pivot itself.)
    auto first = CandidatesFor(s, sm, previous, next, from, pivot, 3, false);
    if (!first.ok()) return first.error();
    for (const Candidate& leg1 : *first) {
      auto p = Prepare(leg1.target, pivot);
      if (!p.ok()) return p.error();
      auto judged = Judge(**p, pivot, options.max_candidates);
      if (!judged.ok()) return judged.error();
      auto second =
          CandidatesFor(**p, *judged, nullptr, nullptr, pivot, to, options.max_candidates);
      if (!second.ok()) return second.error();
      for (Candidate& leg2 : *second) {
        const int score = std::min(std::min(leg1.score, 100), std::min(leg2.score, 100));
        if (score < options.threshold || !seen.insert(leg2.origin.unit_id).second) continue;
        Candidate c = std::move(leg2);
        c.origin.pivot_language = pivot;
        c.origin.pivot_unit_id = leg1.origin.unit_id;
        c.origin.pivot_first_leg_score = leg1.score;
        c.origin.pivot_second_leg_score = c.score;
        c.match_class = MatchClass::kPivot;
        c.score = score;
        c.tm_source = leg1.tm_source;
        c.edits = leg1.edits;
        c.differing_source = leg1.differing_source;
        c.substitutions = leg1.substitutions;
        c.char_similarity = leg1.char_similarity;
        out.push_back(std::move(c));
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.origin.changed > b.origin.changed;
  });
  if (out.size() > options.max_candidates) out.resize(options.max_candidates);
  return out;
}

int CharacterAdmissionFloor(int threshold) {
  return std::max(threshold - 25, std::min(threshold, 40));
}

Matcher::Matcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;
Matcher::~Matcher() = default;

Result<Matcher> Matcher::Open(TmStore& store, const std::string& index_path,
                              const MatcherOptions& options) {
  if (options.threshold < 0 || options.threshold > 100) {
    return UsageError("match threshold must be between 0 and 100");
  }
  if (options.max_candidates == 0) return UsageError("at least one candidate must be asked for");
  std::unique_ptr<VariantSource> source;
  if (!options.db_path.empty()) {
    auto opened = SqliteVariantSource(options.db_path);
    if (!opened.ok()) return opened.error();
    source = std::move(*opened);
  } else {
    source = StoreVariantSource(store);
  }
  IndexOptions index_options = options.index;
  index_options.lazy = true;  // a language is built when first matched from
  auto index = CandidateIndex::Open(*source, index_path, index_options);
  if (!index.ok()) return index.error();
  return Matcher(std::make_unique<Impl>(store, options, std::move(source), std::move(*index)));
}

const MatcherOptions& Matcher::options() const { return impl_->options; }
CandidateIndex& Matcher::index() { return impl_->index; }

Result<SegmentMatches> Matcher::MatchSegment(const Segment& source, const Segment* previous,
                                             const Segment* next, const LanguageTag& from,
                                             std::span<const LanguageTag> to) {
  auto s = impl_->Prepare(source, from);
  if (!s.ok()) return s.error();
  auto sm = impl_->Judge(**s, from, impl_->options.max_candidates);
  if (!sm.ok()) return sm.error();
  SegmentMatches matches;
  for (std::size_t li = 0; li < to.size(); ++li) {
    TargetMatches t;
    t.language = to[li];
    auto direct =
        impl_->CandidatesFor(**s, *sm, previous, next, from, to[li], impl_->options.max_candidates);
    if (!direct.ok()) return direct.error();
    t.candidates = std::move(*direct);
    if (t.candidates.empty() && impl_->options.pivot) {
      auto pivot = impl_->Pivot(**s, *sm, previous, next, from, to[li]);
      if (!pivot.ok()) return pivot.error();
      t.candidates = std::move(*pivot);
    }
    matches.targets.push_back(std::move(t));
  }
  return matches;
}

Result<std::vector<SegmentMatches>> Matcher::MatchArticle(std::span<const Segment> segments,
                                                          const LanguageTag& from,
                                                          std::span<const LanguageTag> to) {
  // One snapshot of the TM for the whole article.
  auto snapshot = impl_->store.BeginRead();
  if (!snapshot.ok()) return snapshot.error();
  std::vector<SegmentMatches> out;
  out.reserve(segments.size());
  std::unordered_map<std::string, std::size_t> first_seen;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string key = RepetitionKey(segments[i]);
    auto [it, first] = first_seen.emplace(key, i);
    if (!first) {
      const SegmentMatches& earlier = out[it->second];
      SegmentMatches repeated;
      repeated.repetition_of = static_cast<int>(it->second);
      for (const TargetMatches& t : earlier.targets) {
        TargetMatches copy;
        copy.language = t.language;
        Candidate rep;
        rep.match_class = MatchClass::kRepetition;
        rep.target_language = t.language;
        rep.tm_source = segments[it->second];
        rep.repetition_of = static_cast<int>(it->second);
        rep.char_similarity = 1.0;
        if (!t.candidates.empty()) {
          rep.score = t.candidates.front().score;
          rep.target = t.candidates.front().target;
          rep.origin = t.candidates.front().origin;
        }
        copy.candidates.push_back(std::move(rep));
        for (const Candidate& c : t.candidates) {
          if (c.match_class != MatchClass::kRepetition) copy.candidates.push_back(c);
        }
        repeated.targets.push_back(std::move(copy));
      }
      out.push_back(std::move(repeated));
      continue;
    }
    const Segment* previous = i > 0 ? &segments[i - 1] : nullptr;
    const Segment* next = i + 1 < segments.size() ? &segments[i + 1] : nullptr;
    auto matches = MatchSegment(segments[i], previous, next, from, to);
    if (!matches.ok()) return matches.error();
    out.push_back(std::move(*matches));
  }
  return out;
}

}  // namespace lovcen
