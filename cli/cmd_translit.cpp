// lovcen translit --to cnr-Cyrl|cnr-Latn FILE: a Montenegrin text, article
// (plain-text layout, Markdown or HTML, markup intact) or the targets of an
// XLIFF file (inline codes intact) in the other script.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_common.h"
#include "data_dir.h"
#include "lovcen/formats/xliff.h"
#include "lovcen/text.h"
#include "lovcen/transliterator.h"

namespace lovcen::cli {
namespace {

struct TranslitArgs {
  std::string file;
  std::string to;
  std::string format = "auto";
  std::string output;
  std::string data_dir;
  std::string engine = "fast";
  std::vector<std::string> latin_only;
  bool strict_acronyms = false;
};

enum class InputFormat { kText, kMarkdown, kHtml, kXliff };

Result<InputFormat> ChooseFormat(const std::string& name, const std::string& file) {
  std::string format = name;
  if (format == "auto") {
    std::string ext = std::filesystem::path(file).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".md" || ext == ".markdown") return InputFormat::kMarkdown;
    if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputFormat::kHtml;
    if (ext == ".xlf" || ext == ".xliff" || ext == ".sdlxliff") return InputFormat::kXliff;
    return InputFormat::kText;
  }
  if (format == "text" || format == "article") return InputFormat::kText;
  if (format == "markdown") return InputFormat::kMarkdown;
  if (format == "html") return InputFormat::kHtml;
  if (format == "xliff") return InputFormat::kXliff;
  return UsageError("--format must be auto, text, article, markdown, html or xliff");
}

Result<std::string> ReadInput(const std::string& file) {
  std::ostringstream ss;
  if (file == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return IoError("cannot read the file", file);
    ss << in.rdbuf();
    if (in.bad()) return IoError("read failed", file);
  }
  return ss.str();
}

Status WriteOutput(CliState& state, const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    state.out->write(text.data(), static_cast<std::streamsize>(text.size()));
    state.out->flush();
    return Status::Ok();
  }
  // Write beside the target and rename, so a failure never leaves half a file.
  const std::string temp = path + ".lovcen-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot write", temp);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out.flush()) return IoError("write failed", temp);
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return IoError("cannot replace the output file", path);
  }
  return Status::Ok();
}

// A language tag as written, moved to the script `to`: cnr-Latn -> cnr-Cyrl,
// sr-Latn-ME -> sr-Cyrl-ME, cnr -> cnr-Cyrl.
std::string Retag(std::string tag, Script to) {
  const std::string_view from_script = to == Script::kCyrillic ? "latn" : "cyrl";
  const std::string_view to_script = to == Script::kCyrillic ? "Cyrl" : "Latn";
  std::string lower = tag;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view script : {from_script, std::string_view(to == Script::kCyrillic ? "cyrl" : "latn")}) {
    if (const std::size_t at = lower.find(script); at != std::string::npos) {
      return tag.replace(at, 4, to_script);
    }
  }
  return tag + "-" + std::string(to_script);
}

// XLIFF 1.2 or 2.x: the target of every segment (inline codes kept and
// moved with the text), and the target language, in the other script.
// Sources, notes and TM candidates stay as they are.
Result<std::string> TransliterateXliff(CliState& state, const Transliterator& t,
                                       const std::string& name, std::string_view xml, Script to,
                                       TranslitEngine engine) {
  formats::XmlInput input;
  input.name = name;
  input.buffer = xml;
  auto document = formats::ReadXliff(input);
  if (!document.ok()) return document.error();
  TagOptions tag_options;
  tag_options.fold_regions = state.global.fold_regions;
  auto check = [&](const std::string& tag) -> Status {
    if (tag.empty()) return Status::Ok();
    auto parsed = LanguageTag::Parse(tag, tag_options);
    if (!parsed.ok() || !parsed->is_montenegrin()) {
      return BadInput("the target language is '" + tag + "', not Montenegrin: nothing to transliterate");
    }
    return Status::Ok();
  };
  LOVCEN_RETURN_IF_ERROR(check(document->target_language));
  std::size_t segments = 0;
  for (formats::XliffFile& file : document->files) {
    LOVCEN_RETURN_IF_ERROR(check(file.target_language));
    formats::ForEachXliffUnit(file.items, [&](formats::XliffUnit& unit) {
      for (formats::XliffSegment& segment : unit.segments) {
        if (!segment.target) continue;
        segment.target = t.Transliterate(*segment.target, to, engine);
        const std::string_view lang = formats::AttributeValue(segment.target_attributes, "xml:lang");
        if (!lang.empty()) {
          formats::SetAttribute(segment.target_attributes, "xml:lang", Retag(std::string(lang), to),
                                "http://www.w3.org/XML/1998/namespace");
        }
        ++segments;
      }
    });
    if (!file.target_language.empty()) file.target_language = Retag(file.target_language, to);
  }
  if (!document->target_language.empty()) {
    document->target_language = Retag(document->target_language, to);
  }
  if (segments == 0) Warn(state, name + ": no target to transliterate");
  return formats::WriteXliff(*document);
}

// Text, article layout, Markdown and HTML: the whole file through the
// transliterator, with the markup of its kind kept; XLIFF: the targets.
Result<std::string> TransliterateDocument(CliState& state, const Transliterator& t,
                                          const std::string& name, std::string_view text,
                                          InputFormat format, Script to, TranslitEngine engine) {
  switch (format) {
    case InputFormat::kText: return t.Transliterate(text, to, TextKind::kPlain, engine);
    case InputFormat::kMarkdown: return t.Transliterate(text, to, TextKind::kMarkdown, engine);
    case InputFormat::kHtml: return t.Transliterate(text, to, TextKind::kHtml, engine);
    case InputFormat::kXliff: return TransliterateXliff(state, t, name, text, to, engine);
  }
  return UsageError("unknown format");
}

void Run(CliState& state, const TranslitArgs& args) {
  auto tag = ParseLanguage(state, args.to);
  if (!tag.ok()) {
    Fail(state, tag.error());
    return;
  }
  if (!tag->is_montenegrin()) {
    Fail(state, UsageError("--to must be cnr-Latn or cnr-Cyrl, not " + std::string(tag->str())));
    return;
  }
  const Script to = tag->is_cyrillic() ? Script::kCyrillic : Script::kLatin;
  auto format = ChooseFormat(args.format, args.file);
  if (!format.ok()) {
    Fail(state, format.error());
    return;
  }
  if (args.engine != "fast" && args.engine != "icu") {
    Fail(state, UsageError("--engine must be fast or icu"));
    return;
  }
  const TranslitEngine engine = args.engine == "icu" ? TranslitEngine::kReference : TranslitEngine::kFast;
  auto data_dir = ResolveDataDir(args.data_dir);
  if (!data_dir.ok()) {
    Fail(state, data_dir.error());
    return;
  }
  TransliteratorOptions options;
  options.data_dir = *data_dir;
  options.extra_latin_only = args.latin_only;
  options.acronyms = args.strict_acronyms ? AcronymPolicy::kAdoptListOnly : AcronymPolicy::kTransliterate;
  options.with_reference = engine == TranslitEngine::kReference;
  auto transliterator = Transliterator::Create(options);
  if (!transliterator.ok()) {
    Fail(state, transliterator.error());
    return;
  }

  auto raw = ReadInput(args.file);
  if (!raw.ok()) {
    Fail(state, raw.error());
    return;
  }
  const std::string name = args.file == "-" ? "<stdin>" : args.file;
  if (Status valid = ValidateUtf8(*raw); !valid.ok()) {
    Fail(state, valid.error().InFile(name));
    return;
  }
  // A byte order mark is kept, so the output is the same kind of file
  // (XLIFF goes to the XML parser as it is, and is written without one).
  const bool xml = *format == InputFormat::kXliff;
  const std::string_view body = xml ? std::string_view(*raw) : StripBom(*raw);
  const bool bom = body.size() != raw->size();
  const std::string text = xml ? std::string(body) : ToNfc(body);

  auto result = TransliterateDocument(state, *transliterator, name, text, *format, to, engine);
  if (!result.ok()) {
    Fail(state, result.error().InFile(name));
    return;
  }
  const std::string output = (bom ? "\xEF\xBB\xBF" : "") + *result;
  const bool to_stdout = args.output.empty() || args.output == "-";
  if (state.global.json && to_stdout) {
    *state.out << "{\"file\":" << JsonString(name) << ",\"to\":" << JsonString(tag->str())
               << ",\"text\":" << JsonString(output) << "}\n";
    return;
  }
  if (Status written = WriteOutput(state, args.output, output); !written.ok()) {
    Fail(state, written.error());
    return;
  }
  if (state.global.json) {
    *state.out << "{\"file\":" << JsonString(name) << ",\"to\":" << JsonString(tag->str())
               << ",\"output\":" << JsonString(args.output) << ",\"bytes\":" << output.size() << "}\n";
  } else if (!state.global.quiet && !to_stdout) {
    *state.err << "lovcen: wrote " << args.output << " (" << tag->str() << ")\n";
  }
}

}  // namespace

void AddTranslitCommand(CLI::App& app, CliState& state) {
  auto args = std::make_shared<TranslitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "translit", "write a Montenegrin text in the other script (cnr-Latn <-> cnr-Cyrl)");
  cmd->add_option("file", args->file, "input file, or - for standard input")->required();
  cmd->add_option("--to", args->to, "target script: cnr-Cyrl or cnr-Latn")->required();
  cmd->add_option("--format", args->format,
                  "auto (by extension) | text | article | markdown | html | xliff")
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "write here instead of standard output");
  cmd->add_option("--data-dir", args->data_dir,
                  "directory holding translit/ (default: $LOVCEN_DATA_DIR, beside the program, "
                  "or the source tree)");
  cmd->add_option("--latin-only", args->latin_only,
                  "a name to keep in Latin letters, on top of translit/latin-only.txt (repeatable)");
  cmd->add_flag("--strict-acronyms", args->strict_acronyms,
                "keep an isolated all-caps word in Latin unless it is on the adopt list");
  cmd->add_option("--engine", args->engine, "fast | icu (ICU's rule engine, the reference)")
      ->capture_default_str();
  cmd->callback([&state, args] { Run(state, *args); });
}

}  // namespace lovcen::cli
