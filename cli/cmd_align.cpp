// lovcen align A B [C [D]]: sentence alignment of the editions of one story
// (two or three languages; cnr may come in both scripts) into the TM (one transaction), with a
// review file; --batch DIR for an archive folder; --apply REVIEW to store a reviewed file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

#include "cli_common.h"
#include "lovcen/aligner.h"
#include "lovcen/formats/align_input.h"
#include "lovcen/formats/align_review.h"
#include "lovcen/formats/article_reader.h"
#include "lovcen/formats/srx_reader.h"
#include "lovcen/transliterator.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

namespace fs = std::filesystem;

struct AlignArgs {
  std::vector<std::string> files;
  std::string langs;
  std::string story;
  std::string review;
  double min_confidence = 0.5;
  bool dry_run = false;
  bool force = false;
  std::string batch;
  std::string apply;
  std::string srx;
};

// Editions whose matched beads are this unsure on average are taken for
// editions of different stories.
constexpr double kSameStoryConfidence = 0.35;
constexpr double kSameStoryShare = 0.5;
// Confidence alone cannot tell: the editions of a site share boilerplate
// (site name, menus, bylines) and sentence lengths fit by chance. Anchors do:
// on corpora/ every same-story pair agrees on 0.56-0.91 of its anchored beads,
// every cross-story pair on 0.39 or less (docs/alignment.md).
constexpr double kSameStoryAnchorAgreement = 0.47;
constexpr std::size_t kMinAnchoredBeads = 5;

// "dir/story.en.txt" -> "story".
std::string StoryKeyOf(const std::string& path) {
  std::string stem = fs::path(path).stem().string();
  const std::size_t dot = stem.rfind('.');
  if (dot != std::string::npos && LanguageTag::Parse(stem.substr(dot + 1)).ok()) stem.resize(dot);
  return stem;
}

std::string Fixed(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Everything one run needs once: segmenters per language, the aligner.
struct Toolkit {
  SrxDocument srx;
  std::map<Language, Segmenter> segmenters;
  std::unique_ptr<Transliterator> transliterator;
  std::unique_ptr<Aligner> aligner;

  Result<const Segmenter*> SegmenterFor(const LanguageTag& tag) {
    auto it = segmenters.find(tag.language());
    if (it == segmenters.end()) {
      auto s = Segmenter::Create(srx, tag);
      if (!s.ok()) return s.error();
      it = segmenters.emplace(tag.language(), std::move(*s)).first;
    }
    return &it->second;
  }
};

Result<Toolkit> MakeToolkit(const AlignArgs& args) {
  Toolkit kit;
  auto srx = formats::ReadDefaultSrx(args.srx);
  if (!srx.ok()) return srx.error();
  kit.srx = std::move(*srx);
  auto tr = Transliterator::Create();
  if (!tr.ok()) return tr.error();
  kit.transliterator = std::make_unique<Transliterator>(std::move(*tr));
  AlignerOptions options;
  options.min_confidence = args.min_confidence;
  auto aligner = Aligner::Create(options, kit.transliterator.get());
  if (!aligner.ok()) return aligner.error();
  kit.aligner = std::make_unique<Aligner>(std::move(*aligner));
  return kit;
}

// One story's editions and their alignment, as multilingual beads.
struct StoryAlignment {
  std::string key;
  std::vector<formats::AlignArticle> editions;
  std::vector<MergedBead> beads;
  double mean_confidence = 0.0;
  double matched_share = 0.0;
  double anchor_agreement = 1.0;
  std::size_t anchored_beads = 0;
};

MergedBead FromPair(const Bead& b) {
  MergedBead m;
  m.spans = {{b.source_begin, b.source_count}, {b.target_begin, b.target_count}};
  m.confidence = b.confidence;
  return m;
}

std::optional<LengthModel> ModelFromTm(TmStore* store, const LanguageTag& a, const LanguageTag& b) {
  if (store == nullptr) return std::nullopt;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  UnitFilter filter;
  filter.required_languages = {a, b};
  const Status s = store->ForEachUnit(filter, [&](const TranslationUnit& tu) {
    const Variant* va = tu.Find(a);
    const Variant* vb = tu.Find(b);
    if (va && vb)
      pairs.emplace_back(CharacterLength(va->segment.text), CharacterLength(vb->segment.text));
    return pairs.size() < 5000;
  });
  if (!s.ok()) return std::nullopt;
  return EstimateLengthModel(pairs);
}

std::vector<std::optional<LengthModel>> ModelsFromTm(TmStore* store,
                                                     const std::vector<LanguageTag>& langs) {
  std::vector<std::optional<LengthModel>> models;
  if (langs.size() < 2) return models;
  models.push_back(ModelFromTm(store, langs[0], langs[1]));
  if (langs.size() == 3) {
    models.push_back(ModelFromTm(store, langs[0], langs[2]));
    models.push_back(ModelFromTm(store, langs[1], langs[2]));
  }
  return models;
}

// The length models of each set of languages, estimated from the TM once.
class LengthModels {
 public:
  explicit LengthModels(TmStore* store) : store_(store) {}
  const std::vector<std::optional<LengthModel>>& For(const std::vector<LanguageTag>& langs) {
    std::string set;
    for (const LanguageTag& l : langs) set += std::string(l.str()) + ",";
    auto it = by_set_.find(set);
    if (it == by_set_.end()) it = by_set_.emplace(set, ModelsFromTm(store_, langs)).first;
    return it->second;
  }

 private:
  TmStore* store_;
  std::map<std::string, std::vector<std::optional<LengthModel>>> by_set_;
};

// Where an article comes in both Montenegrin scripts, the Cyrillic edition is
// the Latin one transliterated: it is aligned with its Latin twin and joins
// the beads last, not as an edition of its own (design: docs/alignment.md).
std::optional<std::size_t> TwinIndex(const std::vector<formats::AlignArticle>& editions) {
  std::optional<std::size_t> latin, cyrillic;
  for (std::size_t i = 0; i < editions.size(); ++i) {
    const Language l = editions[i].edition.language.language();
    if (l == Language::kMontenegrinLatin) latin = i;
    if (l == Language::kMontenegrinCyrillic) cyrillic = i;
  }
  if (!latin || !cyrillic || editions.size() < 3) return std::nullopt;
  return cyrillic;
}

Result<StoryAlignment> AlignStory(Toolkit& kit, const std::string& key,
                                  const std::vector<std::string>& files,
                                  const std::vector<LanguageTag>& langs, LengthModels& models) {
  StoryAlignment story;
  story.key = key;
  for (std::size_t i = 0; i < files.size(); ++i) {
    formats::ArticleReadOptions read;
    if (i < langs.size()) read.language = langs[i];
    auto article = formats::ReadArticle(files[i], read);
    if (!article.ok()) return article.error();
    if (!article->language) {
      return UsageError("cannot tell the language of " + files[i] +
                        " (name it like story.en.txt or give --langs)");
    }
    for (const auto& other : story.editions) {
      if (other.edition.language == *article->language) {
        return UsageError("language " + std::string(article->language->str()) + " given twice (" +
                          other.article.source_name + " and " + files[i] + ")");
      }
    }
    auto segmenter = kit.SegmenterFor(*article->language);
    if (!segmenter.ok()) return segmenter.error();
    story.editions.push_back(formats::SegmentForAlignment(std::move(*article), **segmenter));
    if (story.editions.back().edition.sentences.empty()) {
      return BadInput("the edition has no sentences; nothing to align").InFile(files[i]);
    }
  }
  const std::optional<std::size_t> twin = TwinIndex(story.editions);
  if (twin)
    std::rotate(story.editions.begin() + *twin, story.editions.begin() + *twin + 1,
                story.editions.end());
  const std::size_t primary = story.editions.size() - (twin ? 1 : 0);
  if (primary > 3)
    return UsageError("give two or three languages (cnr in both scripts counts once)");
  std::vector<LanguageTag> primary_langs;
  for (std::size_t i = 0; i < primary; ++i)
    primary_langs.push_back(story.editions[i].edition.language);
  const std::vector<std::optional<LengthModel>>& m = models.For(primary_langs);

  // The pairings the story's quality is judged on: each edition's pairing
  // with the pivot, and the twin's with its base.
  std::vector<PairAlignment> pairs;
  if (primary == 2) {
    // The two scripts of cnr alone are one text: compared, not modelled.
    auto montenegrin = [](const LanguageTag& t) {
      return t.language() == Language::kMontenegrinLatin ||
             t.language() == Language::kMontenegrinCyrillic;
    };
    const bool scripts_only = montenegrin(story.editions[0].edition.language) &&
                              montenegrin(story.editions[1].edition.language);
    PairAlignment p =
        scripts_only ? kit.aligner->AlignTwins(story.editions[0].edition, story.editions[1].edition)
                     : kit.aligner->Align(story.editions[0].edition, story.editions[1].edition,
                                          m.empty() ? std::nullopt : m[0]);
    for (const Bead& b : p.beads) story.beads.push_back(FromPair(b));
    pairs.push_back(std::move(p));
  } else {
    const AlignEdition e[3] = {story.editions[0].edition, story.editions[1].edition,
                               story.editions[2].edition};
    MultiAlignment multi = kit.aligner->AlignThree(e, m);
    story.beads = std::move(multi.beads);
    pairs.push_back(std::move(multi.pairs[0]));
    pairs.push_back(std::move(multi.pairs[1]));
  }
  if (twin) {
    std::size_t base = 0;
    while (story.editions[base].edition.language.language() != Language::kMontenegrinLatin) ++base;
    pairs.push_back(kit.aligner->AddTwin(story.beads, base, story.editions[base].edition,
                                         story.editions.back().edition));
  }
  story.mean_confidence = 0;
  story.matched_share = 1;
  const PairAlignment* weakest = &pairs.front();
  for (const PairAlignment& p : pairs) {
    story.mean_confidence += p.mean_confidence / static_cast<double>(pairs.size());
    story.matched_share = std::min(story.matched_share, p.matched_share);
    if (p.anchor_agreement < weakest->anchor_agreement) weakest = &p;
  }
  story.anchor_agreement = weakest->anchor_agreement;
  story.anchored_beads = weakest->anchored_beads;
  return story;
}

bool DifferentStories(const StoryAlignment& s) {
  return s.mean_confidence < kSameStoryConfidence || s.matched_share < kSameStoryShare ||
         (s.anchored_beads >= kMinAnchoredBeads && s.anchor_agreement < kSameStoryAnchorAgreement);
}

std::string ReviewNote(const MergedBead& b, double min_confidence) {
  if (b.disagreement) return "check: pairings disagree";
  if (b.confidence < min_confidence) return "check: low confidence";
  return "";
}

// Stores the story's beads (those holding two editions or more) through `writer`.
Status StoreStory(TmWriter& writer, const StoryAlignment& story, double min_confidence,
                  std::size_t& units) {
  std::vector<std::int64_t> doc_ids;
  for (const auto& e : story.editions) {
    Document d;
    d.story_key = story.key;
    d.language = e.edition.language;
    d.name = fs::path(e.article.source_name).filename().string();
    auto id = writer.AddDocument(d);
    if (!id.ok()) return id.error();
    doc_ids.push_back(*id);
  }
  const std::string now = NowIso8601();
  for (const MergedBead& b : story.beads) {
    std::size_t present = 0;
    for (const auto& s : b.spans) present += s.count > 0;
    if (present < 2) continue;
    TranslationUnit tu;
    tu.origin = Origin::kAligned;
    tu.story_key = story.key;
    tu.created = tu.changed = now;
    std::string shape;
    for (std::size_t e = 0; e < b.spans.size(); ++e) {
      shape += (e ? "-" : "") + std::to_string(b.spans[e].count);
      if (b.spans[e].count == 0) continue;
      if (tu.document_id == 0) {
        tu.document_id = doc_ids[e];
        tu.position = static_cast<int>(b.spans[e].begin);
      }
      Variant v;
      v.language = story.editions[e].edition.language;
      v.segment = formats::JoinSentences(story.editions[e], b.spans[e].begin, b.spans[e].count);
      v.created = v.changed = now;
      tu.variants.push_back(std::move(v));
    }
    tu.properties.push_back({"x-confidence", Fixed(b.confidence)});
    tu.properties.push_back({"x-bead", shape});
    const std::string note = ReviewNote(b, min_confidence);
    if (b.disagreement) tu.properties.push_back({"x-alignment-disagreement", "yes"});
    if (!note.empty()) tu.properties.push_back({"x-review", note.substr(7)});
    const std::size_t added = writer.summary().added;
    auto id = writer.Add(tu);
    if (!id.ok()) return id.error();
    // A pair the TM already holds (boilerplate of the site, a sentence
    // repeated from another story) updates that unit instead.
    units += writer.summary().added - added;
  }
  return Status::Ok();
}

// Aligning a story again replaces what its earlier alignment stored (units
// a reviewer confirmed stay).
Status ReplaceStory(TmWriter& writer, const StoryAlignment& story, double min_confidence,
                    std::size_t& units) {
  auto removed = writer.RemoveStoryUnits(story.key, Origin::kAligned);
  if (!removed.ok()) return removed.error();
  return StoreStory(writer, story, min_confidence, units);
}

formats::ReviewFile ReviewOf(const StoryAlignment& story, double min_confidence) {
  formats::ReviewFile file;
  file.story = story.key;
  for (const auto& e : story.editions) file.languages.push_back(e.edition.language);
  for (const MergedBead& b : story.beads) {
    formats::ReviewRow row;
    row.review = ReviewNote(b, min_confidence);
    row.confidence = b.confidence;
    for (std::size_t e = 0; e < b.spans.size(); ++e) {
      row.cells.push_back(
          b.spans[e].count
              ? formats::JoinSentences(story.editions[e], b.spans[e].begin, b.spans[e].count).text
              : "");
    }
    file.rows.push_back(std::move(row));
  }
  return file;
}

// Gale-Church parameters from the TM's pairs of these languages, when it holds enough.
std::vector<LanguageTag> LanguagesOf(const std::vector<std::string>& files) {
  std::vector<LanguageTag> out;
  for (const std::string& f : files) {
    std::string stem = fs::path(f).stem().string();
    const std::size_t dot = stem.rfind('.');
    if (dot == std::string::npos) return {};
    auto tag = LanguageTag::Parse(stem.substr(dot + 1));
    if (!tag.ok()) return {};
    out.push_back(*tag);
  }
  return out;
}

Status WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  if (!out) return IoError("cannot write", path);
  return Status::Ok();
}

// Writes the review file in the form its name asks for (TSV or XLIFF).
Status WriteReview(const std::string& path, const formats::ReviewFile& review) {
  if (!formats::IsXliffReviewPath(path)) return WriteFile(path, formats::WriteReviewTsv(review));
  auto xliff = formats::WriteReviewXliff(review);
  if (!xliff.ok()) return xliff.error();
  return WriteFile(path, *xliff);
}

void RunPair(CliState& state, const AlignArgs& args) {
  if (args.files.size() < 2 || args.files.size() > 4) {
    return void(Fail(state, UsageError("give two to four editions of one story (or --batch DIR)")));
  }
  std::vector<LanguageTag> langs;
  if (!args.langs.empty()) {
    auto list = ParseLanguageList(state, args.langs);
    if (!list.ok()) return void(Fail(state, list.error()));
    if (list->size() != args.files.size()) {
      return void(Fail(state, UsageError("--langs must name one language per edition")));
    }
    langs = *list;
  } else {
    langs = LanguagesOf(args.files);
  }
  for (std::size_t i = 0; i < langs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (langs[i] == langs[j]) {
        return void(Fail(state, UsageError("language " + std::string(langs[i].str()) +
                                           " given twice: each edition must be another language")));
      }
    }
  }
  auto kit = MakeToolkit(args);
  if (!kit.ok()) return void(Fail(state, kit.error()));
  std::unique_ptr<TmStore> store;
  if (!args.dry_run) {
    auto s = OpenStore(state, true);
    if (!s.ok()) return void(Fail(state, s.error()));
    store = std::move(*s);
  }
  const std::string key = args.story.empty() ? StoryKeyOf(args.files[0]) : args.story;
  LengthModels models(store.get());
  auto story = AlignStory(*kit, key, args.files, langs, models);
  if (!story.ok()) return void(Fail(state, story.error()));
  if (DifferentStories(*story) && !args.force) {
    return void(Fail(
        state, BadInput("the editions do not look like the same story (mean confidence " +
                        Fixed(story->mean_confidence) + ", " + Fixed(100 * story->matched_share) +
                        "% of sentences paired, " + Fixed(100 * story->anchor_agreement) +
                        "% of anchored pairs agree); nothing stored (--force to align anyway)")));
  }
  std::size_t units = 0, flagged = 0;
  for (const MergedBead& b : story->beads) flagged += !ReviewNote(b, args.min_confidence).empty();
  if (store) {
    auto writer = store->BeginWrite();
    if (!writer.ok()) return void(Fail(state, writer.error()));
    if (Status s = ReplaceStory(**writer, *story, args.min_confidence, units); !s.ok()) {
      return void(Fail(state, s.error()));
    }
    if (!args.review.empty()) {
      if (Status s = WriteReview(args.review, ReviewOf(*story, args.min_confidence)); !s.ok()) {
        return void(Fail(state, s.error()));  // the writer rolls back
      }
    }
    if (Status s = (*writer)->Commit(); !s.ok()) return void(Fail(state, s.error()));
  } else if (!args.review.empty()) {
    if (Status s = WriteReview(args.review, ReviewOf(*story, args.min_confidence)); !s.ok()) {
      return void(Fail(state, s.error()));
    }
  }
  if (state.global.json) {
    *state.out << "{\"story\":" << JsonString(key) << ",\"beads\":" << story->beads.size()
               << ",\"units\":" << units << ",\"flagged\":" << flagged
               << ",\"mean_confidence\":" << Fixed(story->mean_confidence)
               << ",\"anchor_agreement\":" << Fixed(story->anchor_agreement)
               << ",\"dry_run\":" << (args.dry_run ? "true" : "false") << "}\n";
    return;
  }
  if (state.global.quiet) return;
  if (args.dry_run) {
    for (const auto& row : ReviewOf(*story, args.min_confidence).rows) {
      *state.out << Fixed(row.confidence) << (row.review.empty() ? "" : " [" + row.review + "]");
      for (const std::string& c : row.cells) *state.out << "\n    " << (c.empty() ? "-" : c);
      *state.out << '\n';
    }
  }
  *state.out << "aligned " << key << ": " << story->beads.size() << " beads, " << flagged
             << " marked for review, mean confidence " << Fixed(story->mean_confidence) << "; "
             << (args.dry_run ? "dry run, nothing stored" : std::to_string(units) + " units stored")
             << '\n';
  if (!args.review.empty()) *state.out << "wrote " << args.review << '\n';
}

void RunBatch(CliState& state, const AlignArgs& args) {
  if (!fs::is_directory(args.batch)) {
    return void(Fail(state, IoError("not a directory", args.batch)));
  }
  // Stories by key, editions by language, from file names like key.lang.ext.
  std::map<std::string, std::map<std::string, std::string>> stories;
  for (const auto& entry : fs::recursive_directory_iterator(args.batch)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".txt" && ext != ".md" && ext != ".html" && ext != ".htm") continue;
    const std::vector<LanguageTag> l = LanguagesOf({entry.path().string()});
    if (l.empty()) continue;
    stories[StoryKeyOf(entry.path().string())][std::string(l[0].str())] = entry.path().string();
  }
  auto kit = MakeToolkit(args);
  if (!kit.ok()) return void(Fail(state, kit.error()));
  std::unique_ptr<TmStore> store;
  std::unique_ptr<TmWriter> writer;
  // Building a TM from an archive is a bulk load: into an empty TM the
  // concordance is built once after the commit, not row by row (which is
  // half the time of a batch).
  bool rebuild_concordance = false;
  if (!args.dry_run) {
    auto s = OpenStore(state, true);
    if (!s.ok()) return void(Fail(state, s.error()));
    store = std::move(*s);
    auto max_id = store->MaxUnitId();
    if (!max_id.ok()) return void(Fail(state, max_id.error()));
    const bool empty = *max_id == 0;
    WriteOptions write;
    write.update_concordance = !empty;
    rebuild_concordance = empty;
    auto w = store->BeginWrite(write);
    if (!w.ok()) return void(Fail(state, w.error()));
    writer = std::move(*w);
  }
  const auto start = std::chrono::steady_clock::now();
  LengthModels models(store.get());
  std::size_t aligned = 0, skipped = 0, units = 0, beads = 0, flagged = 0;
  Progress progress(state, "aligning");
  std::size_t done = 0;
  for (const auto& [key, by_lang] : stories) {
    progress.Update(++done, stories.size());
    if (by_lang.size() < 2) {
      Warn(state, key + ": " + std::to_string(by_lang.size()) + " edition(s), skipped");
      ++skipped;
      continue;
    }
    std::vector<std::string> files;
    std::vector<LanguageTag> langs;
    // English first when present: the usual pivot and source.
    for (const char* pref : {"en", "cnr-Latn", "cnr-Cyrl", "de"}) {
      auto it = by_lang.find(pref);
      if (it == by_lang.end()) continue;
      files.push_back(it->second);
      langs.push_back(LanguageTag::Parse(pref).value());
    }
    auto story = AlignStory(*kit, key, files, langs, models);
    if (!story.ok()) {
      // One unreadable story must not cost the archive: it is reported (and
      // the exit code says so), the others are stored.
      progress.Finish();
      Fail(state, story.error());
      ++skipped;
      continue;
    }
    if (DifferentStories(*story) && !args.force) {
      Fail(state, BadInput(key + ": the editions do not look like the same story (" +
                           Fixed(100 * story->anchor_agreement) +
                           "% of anchored pairs agree); skipped (--force to align anyway)"));
      ++skipped;
      continue;
    }
    ++aligned;
    beads += story->beads.size();
    for (const MergedBead& b : story->beads) flagged += !ReviewNote(b, args.min_confidence).empty();
    if (writer) {
      if (Status s = ReplaceStory(*writer, *story, args.min_confidence, units); !s.ok()) {
        progress.Finish();
        return void(Fail(state, s.error()));
      }
    }
  }
  if (writer) {
    if (Status s = writer->Commit(); !s.ok()) {
      progress.Finish();
      return void(Fail(state, s.error()));
    }
    if (rebuild_concordance && units > 0) {
      if (Status s = store->RebuildConcordanceIndex(); !s.ok()) {
        progress.Finish();
        Fail(state, s.error());
        *state.err << "lovcen: the units are stored; run 'lovcen reindex' for the concordance\n";
        return;
      }
    }
  }
  progress.Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (state.global.json) {
    *state.out << "{\"stories\":" << stories.size() << ",\"aligned\":" << aligned
               << ",\"skipped\":" << skipped << ",\"beads\":" << beads << ",\"units\":" << units
               << ",\"flagged\":" << flagged << ",\"seconds\":" << Fixed(seconds) << "}\n";
    return;
  }
  if (state.global.quiet) return;
  *state.out << "aligned " << aligned << " of " << stories.size() << " stories (" << skipped
             << " skipped): " << beads << " beads, " << flagged << " marked for review, " << units
             << (args.dry_run ? " units (dry run, nothing stored)" : " units stored") << " in "
             << Fixed(seconds) << " s (" << Fixed(seconds > 0 ? aligned / seconds : 0)
             << " stories/s)\n";
}

// Stores a reviewed file: each row with two or more cells becomes a confirmed
// unit of the story, in one transaction.
void RunApply(CliState& state, const AlignArgs& args) {
  auto review = formats::IsXliffReviewPath(args.apply) ? formats::ReadReviewXliff(args.apply)
                                                       : formats::ReadReviewTsv(args.apply);
  if (!review.ok()) return void(Fail(state, review.error()));
  const std::string key = args.story.empty() ? review->story : args.story;
  if (args.dry_run) {
    *state.out << "read " << review->rows.size() << " rows of " << key
               << "; dry run, nothing stored\n";
    return;
  }
  auto store = OpenStore(state, true);
  if (!store.ok()) return void(Fail(state, store.error()));
  auto writer = (*store)->BeginWrite();
  if (!writer.ok()) return void(Fail(state, writer.error()));
  // The reviewed file is the story's alignment now: what the aligner stored
  // and what an earlier review confirmed give way to it, in this one
  // transaction, so a corrected pair never stands beside the wrong one.
  auto aligned = (*writer)->RemoveStoryUnits(key, Origin::kAligned);
  if (!aligned.ok()) return void(Fail(state, aligned.error()));
  auto reviewed = (*writer)->RemoveStoryUnits(key, Origin::kConfirmed, "x-reviewed");
  if (!reviewed.ok()) return void(Fail(state, reviewed.error()));
  if (*aligned + *reviewed == 0) {
    Warn(state, args.apply + ": the TM held no aligned units of story '" + key +
                    "'; storing the reviewed rows as new units");
  }
  const std::string now = NowIso8601();
  std::size_t units = 0;
  for (const formats::ReviewRow& row : review->rows) {
    TranslationUnit tu;
    tu.origin = Origin::kConfirmed;
    tu.story_key = key;
    tu.created = tu.changed = now;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (row.cells[c].empty()) continue;
      Variant v;
      v.language = review->languages[c];
      v.segment.text = row.cells[c];
      v.created = v.changed = now;
      tu.variants.push_back(std::move(v));
    }
    if (tu.variants.size() < 2) continue;
    tu.properties.push_back({"x-confidence", "1.00"});
    tu.properties.push_back({"x-reviewed", "yes"});
    auto id = (*writer)->Add(tu);
    if (!id.ok()) return void(Fail(state, id.error().InFile(args.apply)));
    ++units;
  }
  if (Status s = (*writer)->Commit(); !s.ok()) return void(Fail(state, s.error()));
  const WriteSummary& sum = (*writer)->summary();
  if (state.global.json) {
    *state.out << "{\"story\":" << JsonString(key) << ",\"units\":" << units
               << ",\"added\":" << sum.added << ",\"updated\":" << sum.updated
               << ",\"replaced\":" << sum.removed << "}\n";
    return;
  }
  if (!state.global.quiet) {
    *state.out << "applied " << args.apply << " to " << key << ": " << units << " reviewed units ("
               << sum.added << " added, " << sum.updated << " updated), replacing " << sum.removed
               << " earlier units of the story\n";
  }
}

void Run(CliState& state, const AlignArgs& args) {
  if (args.min_confidence < 0 || args.min_confidence > 1) {
    return void(Fail(state, UsageError("--min-confidence must be between 0 and 1")));
  }
  const int modes = !args.batch.empty() + !args.apply.empty() + !args.files.empty();
  if (modes != 1) {
    return void(
        Fail(state, UsageError("give two to four editions, or --batch DIR, or --apply REVIEW")));
  }
  if (!args.review.empty() && fs::path(args.review).extension() != ".tsv" &&
      !formats::IsXliffReviewPath(args.review)) {
    return void(
        Fail(state, UsageError("--review writes TSV or XLIFF: name the file *.tsv or *.xlf")));
  }
  if (!args.batch.empty()) return RunBatch(state, args);
  if (!args.apply.empty()) return RunApply(state, args);
  RunPair(state, args);
}

}  // namespace

void AddAlignCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<AlignArgs>();
  CLI::App* cmd = app.add_subcommand("align", "align the editions of a story into the TM");
  cmd->add_option("editions", args->files,
                  "two to four article files (text, Markdown, HTML); cnr in both scripts: the "
                  "Cyrillic pairs with the Latin");
  cmd->add_option("--langs", args->langs,
                  "languages of the editions, comma-separated (default: from file names)");
  cmd->add_option("--story", args->story, "story key (default: the first file's name)");
  cmd->add_option("--review", args->review,
                  "write a review file (*.tsv, or XLIFF 1.2 *.xlf) with the beads to check marked");
  cmd->add_option("--min-confidence", args->min_confidence,
                  "beads below this are marked for review")
      ->capture_default_str();
  cmd->add_flag("--dry-run", args->dry_run, "align and report, store nothing");
  cmd->add_flag("--force", args->force, "align even editions that look like different stories");
  cmd->add_option("--batch", args->batch,
                  "align every story of an archive folder (key.lang.txt files)");
  cmd->add_option("--apply", args->apply,
                  "store the units of a reviewed review file (*.tsv or *.xlf)");
  cmd->add_option("--srx", args->srx, "segmentation rules (default: lovcen's own)");
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
