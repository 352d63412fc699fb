// SRX 2.0 segmentation rules as data (the model; formats/srx_reader.h reads
// files into it). A document holds named language rules, each an ordered list
// of break / no-break rules with before/after patterns (Java-style regular
// expressions, run on ICU regex), and language maps that pick the rules for
// a language code. Pure values: copyable, no I/O, safe to share across threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lovcen/status.h"

namespace lovcen {

// Where a rule or map was read from, so that an error can point at it.
struct SrxLocation {
  std::string file;  // empty for rules built in code
  int line = 0;
  int column = 0;
};

// One <rule>: a position is a break (or explicitly not one) when `before`
// matches text ending there and `after` matches text starting there. An empty
// pattern matches everywhere.
struct SrxRule {
  bool is_break = true;
  std::string before;
  std::string after;
  SrxLocation location;
};

// One <languagerule>: a named, ordered list of rules.
struct SrxLanguageRule {
  std::string name;
  std::vector<SrxRule> rules;
  SrxLocation location;
};

// One <languagemap>: `pattern` (a regex over the whole language code, matched
// case-insensitively because BCP 47 tags are) selects `rule_name`.
struct SrxLanguageMap {
  std::string pattern;
  std::string rule_name;
  SrxLocation location;
};

// <formathandle>: whether an inline code at a break stays with the segment it
// borders (SRX defaults: start codes go to the next segment, end and
// isolated codes stay with the previous one).
struct SrxFormatHandling {
  bool include_start = false;
  bool include_end = true;
  bool include_isolated = true;
};

// The rules that apply to one language, in the order they are tried.
struct SrxRuleSet {
  std::vector<SrxRule> rules;
  std::vector<std::string> names;  // language rules that contributed, in order
  bool segment_subflows = true;
  SrxFormatHandling format_handling;

  // `user` first, then `defaults`: the user's rules win where both match,
  // the defaults still apply everywhere else (`lovcen segment --srx-extend`).
  static SrxRuleSet Extend(const SrxRuleSet& user, const SrxRuleSet& defaults);
};

struct SrxDocument {
  std::string version = "2.0";  // "1.0" documents are read leniently
  bool cascade = false;         // SRX 1.0 has no cascade: false
  bool segment_subflows = true;
  SrxFormatHandling format_handling;
  std::vector<SrxLanguageRule> language_rules;
  std::vector<SrxLanguageMap> maps;
  std::string source;  // file it came from, for messages

  const SrxLanguageRule* FindLanguageRule(std::string_view name) const;

  // The rules for `language_code` ("en", "cnr-Latn", ...): with cascade, the
  // rules of every map that matches, in map order; without, those of the
  // first match only. No matching map gives an empty rule set (nothing ever
  // breaks). Fails when a map names a missing language rule or its pattern
  // does not compile.
  Result<SrxRuleSet> RulesFor(std::string_view language_code) const;
};

// Compiles every pattern of `document` (language patterns, before and after
// patterns, and the look-behind form the segmenter runs) and returns the
// first failure, naming the language rule, the rule's 1-based index and its
// file:line:column. Also checks that maps name existing language rules.
Status ValidateSrx(const SrxDocument& document);

// Same check for one rule; `context` names it in the message
// ("languagerule 'English' rule 3").
Status ValidateSrxRule(const SrxRule& rule, const std::string& context);

// The bundled default rules (data/srx/lovcen-default.srx) are found here
// unless a caller passes its own path: $LOVCEN_DATA_DIR/srx/... when that
// variable is set, else the data directory the library was built with.
std::string DefaultSrxPath();

}  // namespace lovcen
