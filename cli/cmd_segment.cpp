// `lovcen segment FILE --lang L [--srx FILE] [--srx-extend] [--paragraphs]`:
// prints the segments of a plain-text article, one per line, an empty line
// between blocks (the layout of corpora/*.sentences), or with --json each
// segment with its byte offsets in FILE. Reads the file in pieces, so memory
// stays bounded whatever its size.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "cli_common.h"
#include "lovcen/formats/srx_reader.h"
#include "lovcen/segmenter.h"
#include "lovcen/text.h"

namespace lovcen::cli {
namespace {

struct SegmentOptions {
  std::string file;
  std::string lang;
  std::string srx;
  bool extend = false;
  bool paragraphs = false;
};

constexpr std::size_t kChunk = std::size_t{1} << 20;

// Bytes at the end of `data` that start a code point not yet complete.
std::size_t IncompleteTail(std::string_view data) {
  const std::size_t n = data.size();
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    const auto c = static_cast<unsigned char>(data[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
    std::size_t need = 1;
    if ((c & 0xE0) == 0xC0) need = 2;
    else if ((c & 0xF0) == 0xE0) need = 3;
    else if ((c & 0xF8) == 0xF0) need = 4;
    return need > back ? back : 0;
  }
  return 0;
}

// Writes segments as they become final, in text or JSON.
class Printer {
 public:
  Printer(CliState& state, const std::string& file, const LanguageTag& tag,
          const SrxRuleSet& rules)
      : state_(state), out_(*state.out) {
    if (!state.global.json) return;
    out_ << "{\"file\":" << JsonString(file) << ",\"language\":" << JsonString(tag.str())
         << ",\"rules\":[";
    for (std::size_t k = 0; k < rules.names.size(); ++k) {
      out_ << (k ? "," : "") << JsonString(rules.names[k]);
    }
    out_ << "],\"segments\":[";
  }

  void Segment(std::size_t block, std::size_t block_offset, const StreamedSegment& s) {
    if (state_.global.json) {
      out_ << (segments_ ? ",\n" : "\n") << "{\"block\":" << block
           << ",\"begin\":" << block_offset + s.range.begin
           << ",\"end\":" << block_offset + s.range.end << ",\"text\":" << JsonString(s.text)
           << "}";
    } else {
      if (block != last_block_ && segments_ > 0) out_ << '\n';
      for (char c : s.text) out_ << (c == '\n' || c == '\r' ? ' ' : c);
      out_ << '\n';
    }
    last_block_ = block;
    ++segments_;
  }

  void Finish(std::size_t blocks) {
    if (state_.global.json) {
      out_ << (segments_ ? "\n" : "") << "],\"blocks\":" << blocks << ",\"count\":" << segments_
           << "}\n";
    }
    out_.flush();
  }

 private:
  CliState& state_;
  std::ostream& out_;
  std::size_t segments_ = 0;
  std::size_t last_block_ = static_cast<std::size_t>(-1);
};

// Splits the input into blocks (each non-empty line, or with --paragraphs
// each run of non-blank lines) and streams every block through the segmenter.
class BlockReader {
 public:
  BlockReader(const Segmenter& segmenter, Printer& printer, bool paragraphs)
      : segmenter_(segmenter), printer_(printer), paragraphs_(paragraphs) {}

  void Feed(std::string_view data, std::size_t offset) {
    std::size_t i = 0;
    while (i < data.size()) {
      const std::size_t nl = data.find('\n', i);
      const std::size_t stop = nl == std::string_view::npos ? data.size() : nl;
      Add(data.substr(i, stop - i), offset + i);
      if (nl == std::string_view::npos) break;
      EndLine(offset + nl);
      i = nl + 1;
    }
  }

  void Finish() {
    EndLine(0);
    CloseBlock();
  }
  std::size_t blocks() const { return blocks_; }

 private:
  static bool Blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
  }

  void Add(std::string_view piece, std::size_t offset) {
    if (piece.empty()) return;
    if (!line_has_text_ && Blank(piece)) {
      pending_space_.append(piece);  // white space before any text of this line
      return;
    }
    if (!line_has_text_) {
      line_has_text_ = true;
      if (!stream_) {
        stream_ = std::make_unique<SegmentStream>(segmenter_);
        block_offset_ = offset - pending_space_.size();
      } else {
        Push(pending_newline_);
      }
      pending_newline_.clear();
      Push(pending_space_);
      pending_space_.clear();
    }
    Push(piece);
  }

  void EndLine(std::size_t newline_offset) {
    (void)newline_offset;
    if (!line_has_text_) {
      // A blank line ends a paragraph; in line mode every line already did.
      CloseBlock();
      pending_space_.clear();
      return;
    }
    line_has_text_ = false;
    if (!paragraphs_) {
      CloseBlock();
    } else {
      pending_newline_ = pending_space_ + "\n";  // joins the next line of the paragraph
    }
    pending_space_.clear();
  }

  void Push(std::string_view text) {
    if (text.empty()) return;
    for (const auto& s : stream_->Feed(text)) printer_.Segment(blocks_, block_offset_, s);
  }

  void CloseBlock() {
    if (!stream_) return;
    for (const auto& s : stream_->Finish()) printer_.Segment(blocks_, block_offset_, s);
    stream_.reset();
    pending_newline_.clear();
    ++blocks_;
  }

  const Segmenter& segmenter_;
  Printer& printer_;
  bool paragraphs_;
  std::unique_ptr<SegmentStream> stream_;
  std::size_t block_offset_ = 0;
  std::size_t blocks_ = 0;
  bool line_has_text_ = false;
  std::string pending_space_;
  std::string pending_newline_;
};

Result<SrxRuleSet> LoadRules(const SegmentOptions& opt, const LanguageTag& tag) {
  if (opt.extend && opt.srx.empty()) return UsageError("--srx-extend needs --srx FILE");
  std::optional<SrxRuleSet> user;
  if (!opt.srx.empty()) {
    auto doc = formats::ReadSrxFile(opt.srx);
    if (!doc.ok()) return doc.error();
    auto rules = doc->RulesFor(tag.str());
    if (!rules.ok()) return rules.error();
    if (!opt.extend) return *rules;
    user = std::move(*rules);
  }
  auto defaults = formats::ReadDefaultSrx();
  if (!defaults.ok()) return defaults.error();
  auto rules = defaults->RulesFor(tag.str());
  if (!rules.ok()) return rules.error();
  if (user) return SrxRuleSet::Extend(*user, *rules);
  return rules;
}

void Run(CliState& state, const SegmentOptions& opt) {
  auto tag = ParseLanguage(state, opt.lang);
  if (!tag.ok()) return void(Fail(state, tag.error()));
  auto rules = LoadRules(opt, *tag);
  if (!rules.ok()) return void(Fail(state, rules.error()));
  auto segmenter = Segmenter::Create(*rules);
  if (!segmenter.ok()) return void(Fail(state, segmenter.error()));

  std::istream* in = &std::cin;
  std::ifstream file;
  if (opt.file != "-") {
    file.open(opt.file, std::ios::binary);
    if (!file) return void(Fail(state, IoError("cannot open", opt.file)));
    in = &file;
  }

  Printer printer(state, opt.file, *tag, *rules);
  BlockReader reader(*segmenter, printer, opt.paragraphs);
  Progress progress(state, "segmenting (bytes)");
  std::string chunk(kChunk, '\0');
  std::string carry;  // an incomplete code point from the previous chunk
  std::size_t offset = 0;  // file offset of carry's first byte
  bool first = true;
  for (;;) {
    in->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in->gcount());
    if (got == 0) break;
    std::string data = carry + chunk.substr(0, got);
    std::size_t skip = 0;
    if (first) {
      skip = data.size() - StripBom(data).size();
      first = false;
    }
    const std::size_t tail = in->eof() ? 0 : IncompleteTail(data);
    const std::string_view ready = std::string_view(data).substr(0, data.size() - tail);
    if (Status s = ValidateUtf8(ready); !s.ok()) {
      Error e = s.error();
      e.offset += static_cast<std::int64_t>(offset);
      e.file = opt.file;
      e.message = "not UTF-8 text: " + e.message;
      return void(Fail(state, e));
    }
    if (const std::size_t nul = ready.find('\0'); nul != std::string_view::npos) {
      Error e = BadInput("binary file: NUL byte, not plain text");
      e.file = opt.file;
      e.offset = static_cast<std::int64_t>(offset + nul);
      return void(Fail(state, e));
    }
    reader.Feed(ready.substr(skip), offset + skip);
    offset += ready.size();
    carry.assign(data, data.size() - tail, tail);
    progress.Update(offset);
  }
  if (!carry.empty()) {
    Error e = BadInput("not UTF-8 text: truncated sequence at the end of the file");
    e.file = opt.file;
    e.offset = static_cast<std::int64_t>(offset);
    return void(Fail(state, e));
  }
  if (in->bad()) return void(Fail(state, IoError("read error", opt.file)));
  reader.Finish();
  progress.Finish();
  printer.Finish(reader.blocks());
}

}  // namespace

void AddSegmentCommand(CLI::App& app, CliState& state) {
  auto opt = std::make_shared<SegmentOptions>();
  CLI::App* cmd = app.add_subcommand(
      "segment", "Split a plain-text article into segments with SRX rules (one per line)");
  cmd->add_option("FILE", opt->file, "UTF-8 plain text; each non-empty line is a block ('-' = stdin)")
      ->required();
  cmd->add_option("--lang,-l", opt->lang, "language of the text: en, de, cnr-Latn, cnr-Cyrl")
      ->required();
  cmd->add_option("--srx", opt->srx, "SRX 2.0/1.0 rules replacing lovcen's defaults");
  cmd->add_flag("--srx-extend", opt->extend,
                "put the --srx rules before the defaults instead of replacing them");
  cmd->add_flag("--paragraphs", opt->paragraphs,
                "blocks are separated by blank lines (line breaks inside go to the rules)");
  cmd->callback([&state, opt] { Run(state, *opt); });
}

}  // namespace lovcen::cli
