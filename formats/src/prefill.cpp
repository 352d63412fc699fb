#include "lovcen/formats/prefill.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "lovcen/formats/article_reader.h"
#include "lovcen/formats/importer.h"
#include "lovcen/tokenizer.h"

namespace lovcen::formats {

std::string_view BandName(Band band) {
  switch (band) {
    case Band::kContext:
      return "context";
    case Band::kExact:
      return "exact";
    case Band::kPlaceable:
      return "placeable";
    case Band::k95to99:
      return "95-99";
    case Band::k85to94:
      return "85-94";
    case Band::k75to84:
      return "75-84";
    case Band::k50to74:
      return "50-74";
    case Band::kNoMatch:
      return "no match";
    case Band::kRepetition:
      return "repetitions";
  }
  return "";
}

Band BandOf(const Candidate* best) {
  if (best == nullptr) return Band::kNoMatch;
  switch (best->match_class) {
    case MatchClass::kContext:
      return Band::kContext;
    case MatchClass::kExact:
      return Band::kExact;
    case MatchClass::kPlaceable:
      return Band::kPlaceable;
    case MatchClass::kRepetition:
      return Band::kRepetition;
    case MatchClass::kFuzzy:
    case MatchClass::kPivot:
      break;
  }
  if (best->score >= 95) return Band::k95to99;
  if (best->score >= 85) return Band::k85to94;
  if (best->score >= 75) return Band::k75to84;
  if (best->score >= 50) return Band::k50to74;
  return Band::kNoMatch;
}

namespace {

bool IsXliffFile(const std::string& path) {
  auto format = DetectFormat(path);
  return format.ok() && (*format == FileFormat::kXliff12 || *format == FileFormat::kXliff2);
}

// Visits the translatable units of `items` in document order.
template <class Items, class Fn>
void VisitTranslatable(Items& items, bool translatable, Fn&& fn) {
  for (auto& item : items) {
    if (auto* unit = std::get_if<XliffUnit>(&item.value)) {
      if (translatable && unit->translatable()) fn(*unit);
    } else if (auto* group = std::get_if<XliffGroup>(&item.value)) {
      VisitTranslatable(group->items, translatable && group->translate != "no", fn);
    }
  }
}

bool HasContent(const std::optional<Segment>& s) {
  return s && (!s->text.empty() || !s->codes.empty());
}

// Article markup as XLIFF 1.2 codes: pairs as bpt/ept, the rest as ph, the
// original markup kept as their native content.
Segment ArticleCodesToXliff(const Segment& segment, XliffVersion version) {
  Segment out = segment;
  for (InlineCode& code : out.codes) {
    const bool xliff_element = code.element == "bpt" || code.element == "ept" ||
                               code.element == "ph" || code.element == "g" || code.element == "x" ||
                               code.element == "it" || code.element == "bx" ||
                               code.element == "ex" || code.element == "pc" ||
                               code.element == "sc" || code.element == "ec";
    if (xliff_element) continue;
    code.element = code.kind == CodeKind::kOpen    ? "bpt"
                   : code.kind == CodeKind::kClose ? "ept"
                                                   : "ph";
    code.attributes = {{"id", code.id.empty() ? "1" : code.id}};
  }
  return IsolateUnpairedCodes(AdaptInlineCodes(out, version), version);
}

std::string Describe(const Candidate& c) {
  std::string text =
      "lovcen: " + std::string(MatchClassName(c.match_class)) + " match " + std::to_string(c.score);
  if (c.match_class == MatchClass::kRepetition) {
    return text + ", repeats segment " + std::to_string(c.repetition_of + 1) + " of this article";
  }
  if (c.by_characters) {
    text += " (character score; token score " + std::to_string(c.token_score) + ")";
  }
  text += " from TM unit " + std::to_string(c.origin.unit_id);
  if (!c.origin.story_key.empty()) text += ", story " + c.origin.story_key;
  if (!c.origin.changed.empty()) text += ", " + c.origin.changed;
  if (!c.origin.author.empty()) text += ", by " + c.origin.author;
  if (c.origin.pivot_language) {
    text += ", through " + std::string(c.origin.pivot_language->str());
  }
  if (c.origin.transliterated_from) {
    text += ", transliterated from " + std::string(c.origin.transliterated_from->str());
  }
  for (const Substitution& s : c.substitutions) {
    text += "; " + s.old_target + " -> " + s.new_target;
  }
  return text;
}

bool IsExactClass(const Candidate& c) {
  return c.match_class == MatchClass::kContext || c.match_class == MatchClass::kExact ||
         (c.match_class == MatchClass::kRepetition && c.score >= 100);
}

void FillSegment(XliffUnit& unit, XliffSegment& segment, const std::vector<Candidate>& candidates,
                 XliffVersion version, const std::string& segment_id) {
  const bool v2 = IsXliff2(version);
  if (!HasContent(segment.target) && !candidates.empty()) {
    const Candidate& best = candidates.front();
    segment.target = ArticleCodesToXliff(best.target, version);
    if (v2) {
      segment.state = IsExactClass(best) ? "translated" : "initial";
      segment.sub_state = std::string("lovcen:") + std::string(MatchClassName(best.match_class));
    } else {
      segment.state = IsExactClass(best) ? "translated" : "needs-review-translation";
      segment.sub_state = IsExactClass(best) ? "exact-match" : "fuzzy-match";
    }
    XliffNote note;
    note.text = Describe(best);
    if (!v2) SetAttribute(note.attributes, "from", "lovcen");
    unit.notes.push_back(std::move(note));
  }
  int k = static_cast<int>(unit.candidates.size());
  for (const Candidate& c : candidates) {
    XliffCandidate x;
    const int quality = std::min(c.score, 100);
    x.origin = "lovcen:" + std::string(MatchClassName(c.match_class)) +
               (c.origin.unit_id > 0 ? ":tu" + std::to_string(c.origin.unit_id) : std::string()) +
               (c.origin.transliterated_from ? ":transliterated" : "");
    x.source = ArticleCodesToXliff(c.tm_source, version);
    x.target = ArticleCodesToXliff(c.target, version);
    if (v2) {
      x.id = "m" + std::to_string(++k);
      x.ref = "#" + segment_id;
      x.similarity = std::to_string(quality);
      x.match_quality = std::to_string(quality);
      x.type = "tm";
    } else {
      x.match_quality = std::to_string(quality);
    }
    unit.candidates.push_back(std::move(x));
  }
}

std::string DatatypeOf(const Article& article) {
  switch (article.format) {
    case ArticleFormat::kHtml:
      return "html";
    case ArticleFormat::kMarkdown:
      return "x-markdown";
    case ArticleFormat::kPlainText:
      break;
  }
  return "plaintext";
}

}  // namespace

Result<PrefillJob> LoadPrefillInput(const std::string& path, const LanguageTag& from,
                                    const std::vector<LanguageTag>& to) {
  PrefillJob job;
  job.from = from;
  job.to = to;
  job.name = std::filesystem::path(path).filename().string();
  if (to.empty()) return UsageError("no target language (--to)");
  for (const LanguageTag& t : to) {
    if (t == from)
      return UsageError("target language " + std::string(t.str()) + " is the source language");
  }
  if (IsXliffFile(path)) {
    auto doc = ReadXliffFile(path);
    if (!doc.ok()) return doc.error();
    std::string source = doc->source_language;
    if (source.empty() && !doc->files.empty()) source = doc->files.front().source_language;
    auto tag = LanguageTag::Parse(source);
    if (!tag.ok() || !(*tag == from)) {
      return Error(BadInput("the XLIFF's source language is '" + source + "', not '" +
                            std::string(from.str()) + "' as --from says")
                       .InFile(path));
    }
    std::string target = doc->target_language;
    if (target.empty() && !doc->files.empty()) target = doc->files.front().target_language;
    if (!target.empty()) {
      auto ttag = LanguageTag::Parse(target);
      if (!ttag.ok() || to.size() != 1 || !(*ttag == to.front())) {
        return Error(BadInput("the XLIFF's target language is '" + target +
                              "': pre-fill it with --to " + target + " only")
                         .InFile(path));
      }
    }
    job.xliff = std::move(*doc);
    return job;
  }
  ArticleReadOptions options;
  auto article = ReadArticle(path, options);
  if (!article.ok()) return article.error();
  if (article->language && !(*article->language == from)) {
    return Error(BadInput("the article is in " + std::string(article->language->str()) +
                          " (by its name or markup), not " + std::string(from.str()))
                     .InFile(path));
  }
  article->language = from;
  job.article = std::move(*article);
  return job;
}

Status MatchPrefillJob(PrefillJob& job, const Segmenter* segmenter, Matcher& matcher) {
  if (job.article && segmenter == nullptr)
    return UsageError("pre-filling an article needs a segmenter");
  auto tokenizer = Tokenizer::Create(job.from);
  if (!tokenizer.ok()) return tokenizer.error();
  job.segments.clear();
  auto add = [&](std::size_t block, std::string unit_id, Segment source,
                 std::optional<Segment> existing) {
    PrefillSegment s;
    s.block = block;
    s.unit_id = std::move(unit_id);
    s.source = std::move(source);
    for (const Token& t : tokenizer->Tokenize(s.source.text)) {
      if (t.kind != TokenKind::kPunctuation && t.kind != TokenKind::kCode) ++s.words;
    }
    s.existing_target.assign(job.to.size(), std::nullopt);
    if (HasContent(existing)) s.existing_target[0] = std::move(existing);
    job.segments.push_back(std::move(s));
  };
  if (job.article) {
    for (std::size_t b = 0; b < job.article->blocks.size(); ++b) {
      const Segment& content = job.article->blocks[b].content;
      std::vector<std::pair<std::size_t, std::size_t>> ranges;
      for (const TextRange& r : segmenter->Segment(content.text))
        ranges.emplace_back(r.begin, r.end);
      for (Segment& piece : SplitSegment(content, ranges)) {
        add(b, "s" + std::to_string(job.segments.size() + 1), std::move(piece), std::nullopt);
      }
    }
  } else if (job.xliff) {
    std::size_t unit_index = 0;
    for (const XliffFile& file : job.xliff->files) {
      VisitTranslatable(file.items, file.translate != "no", [&](const XliffUnit& unit) {
        for (const XliffSegment& seg : unit.segments) {
          if (seg.ignorable) continue;
          add(unit_index, unit.id, seg.source, seg.target);
        }
        ++unit_index;
      });
    }
  }
  std::vector<Segment> sources;
  sources.reserve(job.segments.size());
  for (const PrefillSegment& s : job.segments) sources.push_back(s.source);
  auto matches = matcher.MatchArticle(sources, job.from, job.to);
  if (!matches.ok()) return matches.error();
  for (std::size_t i = 0; i < job.segments.size(); ++i) {
    for (TargetMatches& tm : (*matches)[i].targets) {
      job.segments[i].candidates.push_back(std::move(tm.candidates));
    }
    job.segments[i].candidates.resize(job.to.size());
  }
  return Status::Ok();
}

Result<XliffDocument> BuildPrefillXliff(const PrefillJob& job, std::size_t target_index,
                                        XliffVersion version) {
  const LanguageTag& to = job.to.at(target_index);
  const bool v2 = IsXliff2(version);
  if (job.xliff) {
    XliffDocument doc = *job.xliff;
    if (doc.target_language.empty()) doc.target_language = std::string(to.str());
    std::size_t next = 0;
    for (XliffFile& file : doc.files) {
      if (file.target_language.empty()) file.target_language = std::string(to.str());
      VisitTranslatable(file.items, file.translate != "no", [&](XliffUnit& unit) {
        for (XliffSegment& seg : unit.segments) {
          if (seg.ignorable) continue;
          const PrefillSegment& s = job.segments.at(next++);
          const std::string id = seg.id.empty() ? unit.id : seg.id;
          FillSegment(unit, seg, s.candidates[target_index], doc.version, id);
        }
      });
    }
    return doc;
  }
  const Article& article = *job.article;
  XliffDocument doc;
  doc.version = version;
  doc.source_language = std::string(job.from.str());
  doc.target_language = std::string(to.str());
  XliffFile file;
  file.id = v2 ? "f1" : "";
  file.original = job.name;
  file.source_language = doc.source_language;
  file.target_language = doc.target_language;
  file.datatype = v2 ? "" : DatatypeOf(article);
  std::size_t next = 0;
  for (std::size_t b = 0; b < article.blocks.size(); ++b) {
    XliffGroup group;
    group.id = "b" + std::to_string(b + 1);
    const std::string type(BlockTypeName(article.blocks[b].type));
    if (v2) {
      SetAttribute(group.attributes, "type", "lovcen:" + type);
    } else {
      SetAttribute(group.attributes, "restype", "x-" + type);
    }
    while (next < job.segments.size() && job.segments[next].block == b) {
      const PrefillSegment& s = job.segments[next++];
      XliffUnit unit;
      unit.id = s.unit_id;
      XliffSegment seg;
      if (v2) seg.id = s.unit_id;
      seg.source = ArticleCodesToXliff(s.source, version);
      FillSegment(unit, seg, s.candidates[target_index], version, s.unit_id);
      unit.segments.push_back(std::move(seg));
      group.items.push_back(XliffItem{std::move(unit)});
    }
    file.items.push_back(XliffItem{std::move(group)});
  }
  doc.files.push_back(std::move(file));
  return doc;
}

Analysis Analyse(const PrefillJob& job, std::size_t target_index) {
  Analysis a;
  a.target = job.to.at(target_index);
  for (const PrefillSegment& s : job.segments) {
    const auto& c = s.candidates[target_index];
    const Band band = BandOf(c.empty() ? nullptr : &c.front());
    BandCount& count = a.bands[static_cast<int>(band)];
    ++count.segments;
    count.words += s.words;
    if (!c.empty() && c.front().origin.transliterated_from) {
      ++a.transliterated.segments;
      a.transliterated.words += s.words;
    }
    ++a.total.segments;
    a.total.words += s.words;
  }
  return a;
}

}  // namespace lovcen::formats
