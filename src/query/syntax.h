// The query language (communique/searcher.h) read into items, before any
// word is looked up: no database, no word analysis, so that it is cheap to
// fuzz on its own. Text pasted from anywhere is read, not refused: a ')'
// that closes nothing is skipped, a '(' or a quote never closed is closed
// at the end of the query, a field name without a value is a word; each
// such repair is told in QuerySyntax::warnings.

#ifndef COMMUNIQUE_QUERY_SYNTAX_H_
#define COMMUNIQUE_QUERY_SYNTAX_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "schema/fields.h"

namespace communique::query {

// Limits that keep one query's work bounded.
inline constexpr std::size_t kMaxQueryBytes = 16 * 1024;
inline constexpr std::size_t kMaxDepth = 16;

// One element of the query line.
struct QueryItem {
  enum Kind {
    kText,    // words, as written ("transport corridors")
    kPhrase,  // a quoted phrase
    kGroup,   // ( ... ): `children`
    kFilter,  // field:value
    kOr,      // OR between the items around it
    kAll,     // "*": every statement
  };

  explicit QueryItem(Kind k, std::string t = {}) : kind(k), text(std::move(t)) {}

  Kind kind;
  bool excluded = false;                     // -word, NOT word
  std::string text;                          // the words, phrase or filter value
  const schema::FieldSpec* field = nullptr;  // of a filter
  std::vector<QueryItem> children;           // of a group
};

struct QuerySyntax {
  std::vector<QueryItem> items;
  std::vector<std::string> warnings;  // the repairs made, for the user
};

// Reads `query` (valid UTF-8, at most kMaxQueryBytes). Runs of plain words
// are one kText item, so that names of several words ("North Korea") are
// seen whole; the operand right of an OR stays an item of its own. Throws
// QuerySyntaxError for nesting beyond kMaxDepth, a NOT with nothing after
// it, and "-*".
QuerySyntax read_query(std::string_view query);

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_SYNTAX_H_
