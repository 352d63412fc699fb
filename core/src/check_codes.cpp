// code-mismatch: the inline codes of the target against those of the source.
// A code is matched by kind and id (by kind and element when ids are absent,
// as in HTML-derived segments). Missing and extra codes are findings. Word
// order differs between languages, so moving a whole pair or a standalone code
// is allowed; what is not allowed is an order that breaks the markup: a close
// before its open, or two pairs crossing (<b><i></b></i>).
#include <algorithm>

#include "check_internal.h"

namespace lovcen::internal {
namespace {

std::string Name(const InlineCode& c) {
  std::string kind = c.kind == CodeKind::kOpen    ? "open "
                     : c.kind == CodeKind::kClose ? "close "
                                                  : "";
  return kind + "<" + c.element + (c.id.empty() ? "" : " id=" + c.id) + ">";
}

bool SameCode(const InlineCode& a, const InlineCode& b) {
  if (a.kind != b.kind) return false;
  if (!a.id.empty() || !b.id.empty()) return a.id == b.id;
  return a.element == b.element;
}

Span At(std::size_t offset, std::string_view text) {
  // A code sits between characters: highlight the character after it (or
  // before it at the end) so the place shows.
  if (text.empty()) return {0, 0};
  if (offset >= text.size()) return {text.size() - 1, text.size()};
  return {offset, offset + 1};
}

// First place where the pairs of `codes` are badly nested, or npos.
std::size_t BrokenNesting(const std::vector<InlineCode>& codes) {
  std::vector<std::size_t> open;  // indexes of open codes not closed yet
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const InlineCode& c = codes[i];
    if (c.kind == CodeKind::kOpen) {
      open.push_back(i);
    } else if (c.kind == CodeKind::kClose) {
      auto it = std::find_if(open.rbegin(), open.rend(),
                             [&](std::size_t o) { return codes[o].id == c.id; });
      if (it == open.rend()) {
        // A close without its open: only wrong when the open exists later.
        for (std::size_t k = i + 1; k < codes.size(); ++k) {
          if (codes[k].kind == CodeKind::kOpen && codes[k].id == c.id) return i;
        }
        continue;
      }
      if (it != open.rbegin()) return i;  // closes over another open pair: crossing
      open.pop_back();
    }
  }
  return std::string::npos;
}

void Compare(const CheckedPair& pair, FindingSink& sink) {
  const CheckItem& item = *pair.item;
  if (!item.target || (item.target->text.empty() && item.target->codes.empty())) return;
  const auto& src = item.source.codes;
  const auto& tgt = item.target->codes;
  if (src.empty() && tgt.empty()) return;
  std::vector<bool> used(tgt.size(), false);
  std::string missing, extra;
  std::vector<Span> src_spans, tgt_spans;
  for (const InlineCode& s : src) {
    bool found = false;
    for (std::size_t j = 0; j < tgt.size(); ++j) {
      if (!used[j] && SameCode(s, tgt[j])) {
        used[j] = found = true;
        break;
      }
    }
    if (!found) {
      missing += (missing.empty() ? "" : ", ") + Name(s);
      src_spans.push_back(At(s.offset, item.source.text));
    }
  }
  for (std::size_t j = 0; j < tgt.size(); ++j) {
    if (used[j]) continue;
    extra += (extra.empty() ? "" : ", ") + Name(tgt[j]);
    tgt_spans.push_back(At(tgt[j].offset, item.target->text));
  }
  std::string message;
  if (!missing.empty()) message = "inline code missing in target: " + missing;
  if (!extra.empty())
    message += (message.empty() ? "" : "; ") + std::string("extra inline code in target: ") + extra;
  if (message.empty() && BrokenNesting(src) == std::string::npos) {
    const std::size_t bad = BrokenNesting(tgt);
    if (bad != std::string::npos) {
      message = "inline codes reordered so that the markup breaks at " + Name(tgt[bad]);
      tgt_spans.push_back(At(tgt[bad].offset, item.target->text));
    }
  }
  if (message.empty()) return;
  sink.Add(pair, std::move(message), std::move(src_spans), std::move(tgt_spans));
}

}  // namespace

std::unique_ptr<Check> MakeCodeMismatchCheck() {
  return MakeCheck(
      "code-mismatch", Severity::kError,
      "inline tags missing, extra, or reordered so that the markup breaks",
      [](const std::vector<CheckedPair>& pairs, const CheckContext&, FindingSink& sink) {
        for (const CheckedPair& p : pairs) Compare(p, sink);
      });
}

}  // namespace lovcen::internal
