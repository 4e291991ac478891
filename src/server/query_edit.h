// Editing a query string the way the search page's links do: a click on a
// facet value or a timeline bar adds a filter to the query, a click on an
// active filter removes it, so that the URL always says what is shown.
// Only whole top-level words are touched; anything inside parentheses or
// next to OR/NOT is left as the user wrote it.

#ifndef COMMUNIQUE_SERVER_QUERY_EDIT_H_
#define COMMUNIQUE_SERVER_QUERY_EDIT_H_

#include <string>
#include <string_view>
#include <vector>

namespace communique::server {

// The query's words, split at spaces outside double quotes
// (minister:"Wang Yi" is one word; inside quotes, \" is not a quote).
std::vector<std::string> query_words(std::string_view query);

// FIELD:VALUE, with VALUE in double quotes when it holds a space or a
// character of the query syntax, and a double quote or backslash in it
// escaped (role:"Minister \"a.i.\""), so that the filter finds the value.
std::string filter_word(std::string_view field, std::string_view value);

// `query` and `word`, unless the query already has that word at top level.
std::string with_word(std::string_view query, const std::string& word);

// `query` with its removable date: (and year:) filters replaced by `word`:
// a click on a year narrows to that year rather than adding an alternative.
std::string with_date(std::string_view query, const std::string& word);

// `query` without the removable filter `word`.
std::string without_word(std::string_view query, const std::string& word);

// The filters (country:, minister:, date:, ...) standing alone at the top
// level of `query`, which a link may remove without changing the rest.
std::vector<std::string> removable_filters(std::string_view query);

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_QUERY_EDIT_H_
