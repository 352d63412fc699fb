// lovcen check FILE... | --tm [--src L --tgt L]: QA checks over XLIFF, TMX or
// TSV files or the whole TM (docs/checks.md). Findings at or above
// --severity are printed (text, JSON or HTML) and make the exit code 1;
// accepted findings (--accept KEY --by NAME, stored in the TM) are counted,
// not shown.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <ostream>
#include <sstream>
#include <thread>

#include "check_report.h"
#include "cli_common.h"
#include "lovcen/check.h"
#include "lovcen/formats/check_input.h"
#include "lovcen/formats/tbx.h"
#include "lovcen/glossary_store.h"
#include "lovcen/text.h"
#include "lovcen/transliterator.h"
#include "store_access.h"

namespace lovcen::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> files;
  bool tm = false;
  std::string src, tgt;
  std::string checks;
  std::string severity = "warning";
  std::string format;
  std::string output;
  std::vector<std::string> glossaries;
  std::vector<std::string> allow_files;
  std::vector<std::string> accept;
  std::string by;
};

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

// One word or name per line; "#" starts a comment.
Status ReadAllowList(const std::string& path, std::set<std::string, std::less<>>* allowed) {
  std::ifstream in(path);
  if (!in) return IoError("cannot read the allow-list", path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::stringstream words(line);
    std::string w;
    while (words >> w) allowed->insert(ToNfc(w));
  }
  return Status::Ok();
}

std::string DataDir() {
  if (const char* env = std::getenv("LOVCEN_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return DefaultDataDir();
}

// length-ratio judges a file's pairs by what is normal in the whole TM, not
// only in the file (a file of twenty pairs says little about its languages).
// Reads the TM's pairs of the languages the files hold, at most
// kLengthSamples per pair.
constexpr std::size_t kLengthSamples = 50000;

Status LearnLengthRatios(TmStore& store, const std::vector<CheckItem>& items,
                         CheckContext* context) {
  std::vector<std::pair<LanguageTag, LanguageTag>> wanted;
  for (const CheckItem& item : items) {
    const std::pair<LanguageTag, LanguageTag> p{item.source_language, item.target_language};
    if (std::find(wanted.begin(), wanted.end(), p) == wanted.end()) wanted.push_back(p);
  }
  std::map<std::pair<Language, Language>, LengthRatioStats> learned;
  std::size_t full = 0;
  Status st = store.ForEachUnit(UnitFilter{}, [&](const TranslationUnit& unit) {
    for (const auto& [src, tgt] : wanted) {
      const Variant* s = unit.Find(src);
      const Variant* t = unit.Find(tgt);
      if (s == nullptr || t == nullptr) continue;
      LengthRatioStats& stats = learned[{src.language(), tgt.language()}];
      if (stats.n >= kLengthSamples) continue;
      if (AddLengthRatioSample(s->segment.text, t->segment.text, stats) &&
          stats.n == kLengthSamples) {
        ++full;
      }
    }
    return full < wanted.size();
  });
  if (!st.ok()) return st;
  context->length_ratio_prior = std::move(learned);
  return Status::Ok();
}

// The TM's pairs as check items, in unit order. A big TM is read in two
// halves of its ids at once, the second through a second connection: the
// reading is a fifth of a whole-TM check and would otherwise run on one
// core. (Each half reads its own snapshot; units another process adds
// meanwhile may show up in the second.)
constexpr std::int64_t kSplitReadFrom = 20000;

// Moves `value` into storage that is never freed: for data that lives until
// the process exits anyway.
template <class T>
void LeaveToProcessExit(T&& value) {
  static_cast<void>(new std::decay_t<T>(std::forward<T>(value)));  // NOLINT: deliberate
}

Status ReadTmItems(const CliState& state, TmStore& store, const formats::CheckInputOptions& input,
                   std::vector<CheckItem>* items) {
  auto max_id = store.MaxUnitId();
  if (!max_id.ok()) return max_id.error();
  // No language filter in the query: UnitToCheckItems skips units without
  // the pair, and the store's filtered scan measured slower than reading all.
  auto read = [&input](TmStore& from, std::int64_t first, std::int64_t last,
                       std::vector<CheckItem>* out) {
    UnitFilter filter;
    filter.min_unit_id = first;
    filter.max_unit_id = last;
    return from.ForEachUnit(filter, [&](const TranslationUnit& unit) {
      formats::UnitToCheckItems(unit, "", input, out);
      return true;
    });
  };
  if (*max_id < kSplitReadFrom || std::thread::hardware_concurrency() < 2) {
    return read(store, 0, std::numeric_limits<std::int64_t>::max(), items);
  }
  auto second = OpenStore(state, false);
  if (!second.ok()) return second.error();
  const std::int64_t middle = *max_id / 2;
  std::vector<CheckItem> upper;
  Status upper_status;
  std::thread reader([&] {
    upper_status = read(**second, middle + 1, std::numeric_limits<std::int64_t>::max(), &upper);
  });
  Status lower_status = read(store, 0, middle, items);
  reader.join();
  LOVCEN_RETURN_IF_ERROR(lower_status);
  LOVCEN_RETURN_IF_ERROR(upper_status);
  // An item's order is its index in the list it was read into.
  const std::size_t offset = items->size();
  for (CheckItem& item : upper) item.order += offset;
  items->reserve(offset + upper.size());
  std::move(upper.begin(), upper.end(), std::back_inserter(*items));
  return Status::Ok();
}

void Run(CliState& state, const CheckArgs& args) {
  const bool accepting = !args.accept.empty();
  if (!accepting && args.files.empty() && !args.tm) {
    Fail(state, UsageError("check: give files to check, or --tm"));
    return;
  }
  if (!args.files.empty() && args.tm) {
    Fail(state, UsageError("check: give files or --tm, not both"));
    return;
  }
  if (accepting && args.by.empty()) {
    Fail(state, UsageError("check --accept: say who accepts with --by NAME"));
    return;
  }
  auto threshold = SeverityFromName(args.severity);
  if (!threshold) {
    Fail(state,
         UsageError("--severity must be info, warning or error, not '" + args.severity + "'"));
    return;
  }
  std::string format = args.format.empty() ? (state.global.json ? "json" : "text") : args.format;
  if (format != "text" && format != "json" && format != "html") {
    Fail(state, UsageError("--format must be text, json or html, not '" + format + "'"));
    return;
  }
  formats::CheckInputOptions input;
  input.tags.fold_regions = state.global.fold_regions;
  input.warn = [&state](const std::string& w) { Warn(state, w); };
  if (!args.src.empty()) {
    auto tag = ParseLanguage(state, args.src);
    if (!tag.ok()) return static_cast<void>(Fail(state, tag.error()));
    input.source = *tag;
  }
  if (!args.tgt.empty()) {
    auto tag = ParseLanguage(state, args.tgt);
    if (!tag.ok()) return static_cast<void>(Fail(state, tag.error()));
    input.target = *tag;
  }
  CheckRunOptions run;
  run.checks = SplitComma(args.checks);
  run.threshold = *threshold;

  // The TM: needed for --tm and --accept; otherwise used for its glossary and
  // accepted findings when it exists.
  std::error_code ec;
  const bool have_db = std::filesystem::exists(state.DbPath(), ec);
  std::unique_ptr<TmStore> store;
  std::unique_ptr<GlossaryStore> glossary_store;
  if (args.tm || accepting || have_db) {
    auto opened = OpenStore(state, accepting);
    if (!opened.ok()) return static_cast<void>(Fail(state, opened.error()));
    store = std::move(opened).value();
    auto g = OpenSqliteGlossaryStore(state.DbPath());
    if (!g.ok()) return static_cast<void>(Fail(state, g.error()));
    glossary_store = std::move(g).value();
  }

  CheckContext context;
  auto translit = Transliterator::Create([] {
    TransliteratorOptions o;
    o.data_dir = DataDir();
    return o;
  }());
  if (!translit.ok()) return static_cast<void>(Fail(state, translit.error()));
  context.transliterator = &*translit;
  if (glossary_store) {
    auto entries = glossary_store->Entries();
    if (!entries.ok()) return static_cast<void>(Fail(state, entries.error()));
    context.glossary = std::move(entries).value();
  }
  for (const std::string& g : args.glossaries) {
    formats::GlossaryReadOptions gopt;
    gopt.tags = input.tags;
    auto entries = formats::ReadGlossary(g, gopt);
    if (!entries.ok()) return static_cast<void>(Fail(state, entries.error()));
    context.glossary.insert(context.glossary.end(), entries->begin(), entries->end());
  }
  for (const std::string& a : args.allow_files) {
    Status st = ReadAllowList(a, &context.allowed);
    if (!st.ok()) return static_cast<void>(Fail(state, st.error()));
  }

  std::vector<CheckItem> items;
  for (const std::string& file : args.files) {
    Status st = formats::ReadCheckItems(file, input, &items);
    if (!st.ok()) return static_cast<void>(Fail(state, st.error()));
  }
  if (args.tm) {
    Status st = ReadTmItems(state, *store, input, &items);
    if (!st.ok()) return static_cast<void>(Fail(state, st.error()));
    if (items.empty()) {
      return static_cast<void>(
          Fail(state, BadInput("the TM holds no units with the languages asked for")));
    }
  }

  if (store && !args.tm && !items.empty()) {
    Status st = LearnLengthRatios(*store, items, &context);
    if (!st.ok()) return static_cast<void>(Fail(state, st.error()));
  }

  std::vector<Finding> findings;
  if (!items.empty()) {
    auto result = RunChecks(items, context, run);
    if (!result.ok()) return static_cast<void>(Fail(state, result.error()));
    findings = std::move(result).value();
  }

  if (accepting) {
    for (const std::string& key : args.accept) {
      AcceptedFinding a;
      a.key = key;
      a.check = key.substr(0, key.find(':'));
      a.by = args.by;
      a.at = NowIso8601();
      bool known = items.empty();
      for (const Finding& f : findings) {
        if (f.key == key) {
          a.message = f.Where() + ": " + f.message;
          known = true;
          break;
        }
      }
      if (!known) {
        return static_cast<void>(
            Fail(state, BadInput("no finding with key '" + key + "' in the checked input")));
      }
      if (key.find(':') == std::string::npos) {
        return static_cast<void>(
            Fail(state, UsageError("'" + key + "' is not a finding key (check:hash)")));
      }
      Status st = glossary_store->Accept(a);
      if (!st.ok()) return static_cast<void>(Fail(state, st.error()));
      if (!state.global.quiet)
        *state.err << "lovcen: accepted " << key << " (by " << args.by << ")\n";
    }
    if (items.empty()) return;
  }

  CheckReportInfo info;
  info.pairs = items.size();
  info.threshold = *threshold;
  if (args.tm) {
    info.title = "TM " + state.DbPath();
  } else {
    for (const std::string& f : args.files) info.title += (info.title.empty() ? "" : ", ") + f;
  }
  if (glossary_store) {
    auto keys = glossary_store->AcceptedKeys();
    if (!keys.ok()) return static_cast<void>(Fail(state, keys.error()));
    std::vector<Finding> kept;
    for (Finding& f : findings) {
      if (keys->count(f.key)) {
        ++info.accepted;
      } else {
        kept.push_back(std::move(f));
      }
    }
    findings = std::move(kept);
  }

  std::ofstream file;
  std::ostream* out = state.out;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary);
    if (!file)
      return static_cast<void>(Fail(state, IoError("cannot write the report", args.output)));
    out = &file;
  }
  if (format == "json") {
    WriteCheckJson(*out, findings, info);
  } else if (format == "html") {
    WriteCheckHtml(*out, findings, info);
  } else {
    WriteCheckText(*out, findings, info, state.global.quiet);
  }
  if (!args.output.empty()) {
    file.close();
    if (!file)
      return static_cast<void>(Fail(state, IoError("cannot write the report", args.output)));
    if (format != "text" || !state.global.quiet) {
      if (!state.global.quiet) {
        *state.err << "lovcen: " << findings.size() << " findings written to " << args.output
                   << '\n';
      }
    }
  }
  state.exit_code = findings.empty() ? kExitOk : kExitFindings;
  // The process ends once the report is out. Handing a TM's worth of items
  // and findings (hundreds of MB in millions of small blocks) back to malloc
  // one by one took 0.3-0.5 s of a 100,000-TU check; the OS takes the pages
  // back at once. Nothing else lives in them (no files, no locks).
  LeaveToProcessExit(std::move(items));
  LeaveToProcessExit(std::move(findings));
}

}  // namespace

void AddCheckCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<CheckArgs>();
  std::string ids;
  for (const std::string& id : CheckIds()) ids += (ids.empty() ? "" : ", ") + id;
  CLI::App* cmd = app.add_subcommand(
      "check",
      "QA checks over XLIFF/TMX/TSV files or the TM; exit 1 when findings reach --severity");
  cmd->footer("Checks: " + ids + ". See docs/checks.md.");
  cmd->add_option("files", args->files, "XLIFF 1.2/2.x, TMX or TSV files to check");
  cmd->add_flag("--tm", args->tm, "check the whole TM (--db) instead of files");
  cmd->add_option("--src", args->src, "source language (must match the files')");
  cmd->add_option("--tgt", args->tgt, "target language (must match the files')");
  cmd->add_option("--checks", args->checks, "comma-separated check ids to run (default all)");
  cmd->add_option("--severity", args->severity,
                  "lowest severity reported and failing: info|warning|error")
      ->default_str("warning");
  cmd->add_option("--format", args->format, "text|json|html (default text, json with --json)");
  cmd->add_option("-o,--output", args->output, "write the report to FILE");
  cmd->add_option("--glossary", args->glossaries, "also use this TBX/TSV glossary (not stored)");
  cmd->add_option("--allow", args->allow_files,
                  "file of words that may stay untranslated (one a line)");
  cmd->add_option("--accept", args->accept,
                  "mark the finding with this key accepted (stored in the TM)");
  cmd->add_option("--by", args->by, "who accepts (with --accept)");
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
