// Internal: the factories of the checks (one per file check_<group>.cpp) and
// small helpers they share. Not part of lovcen's public interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lovcen/check.h"

namespace lovcen::internal {

std::unique_ptr<Check> MakeInconsistentTargetCheck();
std::unique_ptr<Check> MakeInconsistentSourceCheck();
std::unique_ptr<Check> MakeNumberMismatchCheck();
std::unique_ptr<Check> MakeCodeMismatchCheck();
std::unique_ptr<Check> MakeUntranslatedCheck();
std::unique_ptr<Check> MakePlaceableMismatchCheck();
std::unique_ptr<Check> MakePunctuationEndCheck();
std::unique_ptr<Check> MakeQuoteStyleCheck();
std::unique_ptr<Check> MakeWhitespaceCheck();
std::unique_ptr<Check> MakeScriptMismatchCheck();
std::unique_ptr<Check> MakeTermMismatchCheck();
std::unique_ptr<Check> MakeLengthRatioCheck();

// What every check of this library names about itself.
class NamedCheck : public Check {
 public:
  NamedCheck(std::string_view id, Severity severity, std::string_view summary)
      : id_(id), severity_(severity), summary_(summary) {}
  std::string_view id() const override { return id_; }
  Severity default_severity() const override { return severity_; }
  std::string_view summary() const override { return summary_; }

 private:
  std::string_view id_;
  Severity severity_;
  std::string_view summary_;
};

// A check defined by its id, severity, summary and a function over the pairs.
template <class Fn>
class SimpleCheck : public NamedCheck {
 public:
  SimpleCheck(std::string_view id, Severity severity, std::string_view summary, Fn fn)
      : NamedCheck(id, severity, summary), fn_(std::move(fn)) {}
  void Run(const std::vector<CheckedPair>& pairs, const CheckContext& context,
           FindingSink& sink) const override {
    fn_(pairs, context, sink);
  }

 private:
  Fn fn_;
};

// A check that judges each pair on its own from its tokens:
// fn(const CheckedPair&, const CheckContext&, FindingSink&).
template <class Fn>
class PairCheck : public NamedCheck {
 public:
  PairCheck(std::string_view id, Severity severity, std::string_view summary, Fn fn)
      : NamedCheck(id, severity, summary), fn_(std::move(fn)) {}
  bool needs_tokens() const override { return true; }
  void Run(const std::vector<CheckedPair>& pairs, const CheckContext& context,
           FindingSink& sink) const override {
    for (const CheckedPair& p : pairs) fn_(p, context, sink);
  }

 private:
  Fn fn_;
};

template <class Fn>
std::unique_ptr<Check> MakePairCheck(std::string_view id, Severity severity,
                                     std::string_view summary, Fn fn) {
  return std::make_unique<PairCheck<Fn>>(id, severity, summary, std::move(fn));
}

template <class Fn>
std::unique_ptr<Check> MakeCheck(std::string_view id, Severity severity, std::string_view summary,
                                 Fn fn) {
  return std::make_unique<SimpleCheck<Fn>>(id, severity, summary, std::move(fn));
}

// The text of a segment's target ("" without one).
inline std::string_view TargetText(const CheckItem& item) {
  return item.target ? std::string_view(item.target->text) : std::string_view();
}

// Short quoted excerpt of `text` for a message (at most ~40 code points).
std::string Quote(std::string_view text);

}  // namespace lovcen::internal
