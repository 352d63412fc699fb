// Private to the SRX engine: reading one character class out of a Java-style
// pattern, so that its answers can be taken from ICU once per code point
// (tables) instead of once per position of the text.
#pragma once

#include <cstddef>
#include <string_view>

namespace lovcen::srx_internal {

// Whether `pattern` is a single character class whose match at a position
// depends on the code point there and nothing else: one escape (`\s`, `\d`,
// `\w` and their negations, `\p{..}`, `\P{..}`) or a bracket class without
// nested classes, set operations, groups or look-arounds. Anything else (a
// quantifier, an anchor, a second atom) answers false, which costs speed only.
bool IsOneClass(std::string_view pattern);

// The length in bytes of the one-class pattern at the start of `p` (an
// escape, a `\p{..}` or a bracket class without nesting), or 0.
std::size_t OneClassLength(std::string_view p);

}  // namespace lovcen::srx_internal
