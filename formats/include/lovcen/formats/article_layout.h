// The shape rules that tell the parts of a newsroom article apart, shared by
// the plain-text, Markdown and HTML readers. They judge a line by its form in
// any of the four languages (en, de, cnr-Latn, cnr-Cyrl): dates by month and
// weekday names and digit patterns, bylines by a leading author label,
// footers by copyright wording. Pure functions of their input, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace lovcen::formats {

// True when `line` is nothing but a date, optionally with a weekday and a
// time: "05-Apr-2025", "5. april 2025.", "5. април 2025.", "05.04.2025",
// "2025-04-05", "April 5, 2025", "Samstag, 5. April 2025, 14:30".
bool IsDateLine(std::string_view line);

// Bytes of a leading author label ("AUTHOR:", "Autor:", "АУТОР:", "By ",
// "Von ", "Piše:", ...) including the colon and following spaces; 0 when
// the line does not start with one. Labels without a colon count only on a
// short line, so that "By the end of the day, ..." is not a byline.
std::size_t BylineLabelLength(std::string_view line);

// True when `line` carries a copyright notice: "©", "(c) 2025", "Copyright",
// "All Rights Reserved", "Alle Rechte vorbehalten", "Sva prava zadržana",
// "Сва права задржана".
bool IsCopyrightLine(std::string_view line);

// True for a short line (1 to 8 words) that ends without sentence
// punctuation or a closing quote: how the newsroom writes sub-headings.
bool LooksLikeSubheading(std::string_view line);

// Words in `line`, split at white space.
std::size_t WordCount(std::string_view line);

}  // namespace lovcen::formats
