// Parses the query language of communique/searcher.h into a ParsedQuery:
// the syntax read (query/syntax.h), each word expanded into what it may
// match (query/expansion.h), filters compiled through the schema
// (query/filters.h), and what was repaired or may be misspelt said.

#ifndef COMMUNIQUE_QUERY_QUERY_PARSER_H_
#define COMMUNIQUE_QUERY_QUERY_PARSER_H_

#include <xapian.h>

#include <cstddef>
#include <string_view>

#include "communique/gazetteer.h"
#include "query/parsed_query.h"

namespace communique::query {

// Concepts searched at once, at most, after expansion ...
inline constexpr std::size_t kMaxConcepts = 64;
// ... and words and filters written in the query, counted before any is
// looked up: a phrase or OR-list of thousands of words would cost minutes
// to match.
inline constexpr std::size_t kMaxWords = 256;

class QueryParser {
 public:
  // `db` supplies the languages indexed (a word is stemmed for each) and
  // term statistics; `gazetteer` resolves country names and aliases. Both
  // must outlive the parser.
  QueryParser(const Xapian::Database& db, const Gazetteer& gazetteer);

  // Throws QuerySyntaxError with a message a user can act on: for an
  // empty query, a query whose words are all unsearchable (emoji,
  // punctuation) with nothing else to select by, a filter value that is
  // none of its field's, and the limits above and in query/syntax.h.
  // Unbalanced brackets and quotes are read, not refused
  // (ParsedQuery::warnings says how).
  ParsedQuery parse(std::string_view query);

 private:
  const Xapian::Database& db_;
  const Gazetteer& gazetteer_;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_QUERY_PARSER_H_
