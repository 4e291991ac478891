// The pieces of a concordance line (Searcher::kwic): the text around a
// match, cut to a number of characters at a word boundary, white space
// shown as single spaces.

#ifndef COMMUNIQUE_QUERY_KWIC_H_
#define COMMUNIQUE_QUERY_KWIC_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace communique::query {

// The text of `body` before byte `at`: at most `width` characters (code
// points, runs of white space counting as one space), the nearest ones.
// Where `width` would cut a word, the context starts after it instead,
// unless that leaves no word (Chinese, Japanese and Thai are written
// without spaces: there the cut is at a character). Invalid UTF-8 shows
// as U+FFFD. REQUIRES: `at` is a character boundary within `body`.
std::string left_context(std::string_view body, std::size_t at, std::size_t width);

// Likewise after byte `at`, the first characters.
std::string right_context(std::string_view body, std::size_t at, std::size_t width);

// `text` with each run of white space (line breaks, tabs, no-break
// spaces) as one space.
std::string single_spaced(std::string_view text);

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_KWIC_H_
