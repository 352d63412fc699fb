#include "lovcen/srx.h"

#include <unicode/regex.h>

#include <cstdlib>
#include <memory>

#include "srx_regex.h"

namespace lovcen {
namespace {

icu::UnicodeString Utf16(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

Error At(Error e, const SrxLocation& where) {
  if (e.file.empty()) e.file = where.file;
  if (e.line == 0) {
    e.line = where.line;
    e.column = where.column;
  }
  return e;
}

std::string RuleContext(const SrxLanguageRule& lr, std::size_t index) {
  return "languagerule '" + lr.name + "' rule " + std::to_string(index + 1);
}

Result<bool> MapMatches(const SrxLanguageMap& map, std::string_view code) {
  auto compiled = srx_internal::CompilePattern(
      Utf16(map.pattern), UREGEX_CASE_INSENSITIVE,
      "languagemap pattern '" + map.pattern + "'");
  if (!compiled.ok()) return At(compiled.error(), map.location);
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString text = Utf16(code);
  std::unique_ptr<icu::RegexMatcher> matcher((*compiled)->matcher(text, status));
  if (U_FAILURE(status)) return At(BadInput("languagemap pattern cannot run"), map.location);
  const bool matched = matcher->matches(status);
  return U_SUCCESS(status) && matched;
}

}  // namespace

SrxRuleSet SrxRuleSet::Extend(const SrxRuleSet& user, const SrxRuleSet& defaults) {
  SrxRuleSet out = user;
  out.rules.insert(out.rules.end(), defaults.rules.begin(), defaults.rules.end());
  out.names.insert(out.names.end(), defaults.names.begin(), defaults.names.end());
  return out;
}

const SrxLanguageRule* SrxDocument::FindLanguageRule(std::string_view name) const {
  for (const auto& lr : language_rules) {
    if (lr.name == name) return &lr;
  }
  return nullptr;
}

Result<SrxRuleSet> SrxDocument::RulesFor(std::string_view language_code) const {
  SrxRuleSet set;
  set.segment_subflows = segment_subflows;
  set.format_handling = format_handling;
  for (const auto& map : maps) {
    auto matched = MapMatches(map, language_code);
    if (!matched.ok()) return matched.error().InFile(source);
    if (!*matched) continue;
    const SrxLanguageRule* lr = FindLanguageRule(map.rule_name);
    if (lr == nullptr) {
      return At(BadInput("languagemap names languagerule '" + map.rule_name +
                         "', which the file does not define"),
                map.location)
          .InFile(source);
    }
    set.rules.insert(set.rules.end(), lr->rules.begin(), lr->rules.end());
    set.names.push_back(lr->name);
    if (!cascade) break;
  }
  return set;
}

Status ValidateSrxRule(const SrxRule& rule, const std::string& context) {
  srx_internal::SetCache cache;
  return srx_internal::ValidateSrxRule(rule, context, &cache);
}

Status srx_internal::ValidateSrxRule(const SrxRule& rule, const std::string& context,
                                     SetCache* cache) {
  using srx_internal::CompilePattern;
  if (!rule.before.empty()) {
    auto plain = CompilePattern(Utf16(rule.before), 0, context + ": beforebreak '" + rule.before + "'");
    if (!plain.ok()) return At(plain.error(), rule.location);
    const auto facts = srx_internal::AnalyzePattern(rule.before, srx_internal::kRepeatCap, cache);
    if (facts.has_backreference) {
      return At(BadInput(context + ": beforebreak '" + rule.before +
                         "' uses a back-reference, which the look-behind that tests it cannot hold"),
                rule.location);
    }
    // The segmenter tests the bounded form over a region that ends at the
    // position; a form whose length the analyser cannot bound runs as an ICU
    // look-behind instead, which must then compile.
    auto bounded = CompilePattern(facts.bounded, 0, context + ": beforebreak '" + rule.before + "'");
    if (!bounded.ok()) return At(bounded.error(), rule.location);
    if (facts.max_length < 0) {
      icu::UnicodeString behind(u"(?<=");
      behind.append(facts.bounded).append(u')');
      auto lookbehind = CompilePattern(behind, 0, context + ": beforebreak '" + rule.before +
                                                      "' (as a look-behind)", 4);
      if (!lookbehind.ok()) return At(lookbehind.error(), rule.location);
    }
  }
  if (!rule.after.empty()) {
    auto after = CompilePattern(Utf16(rule.after), 0, context + ": afterbreak '" + rule.after + "'");
    if (!after.ok()) return At(after.error(), rule.location);
  }
  return Status::Ok();
}

Status ValidateSrx(const SrxDocument& document) {
  srx_internal::SetCache cache;
  for (const auto& lr : document.language_rules) {
    for (std::size_t k = 0; k < lr.rules.size(); ++k) {
      Status s = srx_internal::ValidateSrxRule(lr.rules[k], RuleContext(lr, k), &cache);
      if (!s.ok()) return s.error().InFile(document.source);
    }
  }
  for (const auto& map : document.maps) {
    auto compiled = srx_internal::CompilePattern(Utf16(map.pattern), UREGEX_CASE_INSENSITIVE,
                                                 "languagemap pattern '" + map.pattern + "'");
    if (!compiled.ok()) return At(compiled.error(), map.location).InFile(document.source);
    if (document.FindLanguageRule(map.rule_name) == nullptr) {
      return At(BadInput("languagemap names languagerule '" + map.rule_name +
                         "', which the file does not define"),
                map.location)
          .InFile(document.source);
    }
  }
  return Status::Ok();
}

std::string DefaultSrxPath() {
  if (const char* dir = std::getenv("LOVCEN_DATA_DIR"); dir != nullptr && *dir != '\0') {
    return std::string(dir) + "/srx/lovcen-default.srx";
  }
  return std::string(LOVCEN_DATA_DIR) + "/srx/lovcen-default.srx";
}

}  // namespace lovcen
