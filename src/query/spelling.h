// "Did you mean": for words a query seeks that no statement holds, the
// closest word of the spelling dictionary the index keeps
// (WritableDatabase::add_spelling at index time), when some statement
// holds that one.

#ifndef COMMUNIQUE_QUERY_SPELLING_H_
#define COMMUNIQUE_QUERY_SPELLING_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "communique/analyzer.h"
#include "query/expansion.h"
#include "query/parsed_query.h"

namespace communique::query {

// Words of one query looked up in the spelling dictionary, at most (each
// lookup reads the lists of words sharing its trigrams), and so the most
// suggestions offered.
inline constexpr std::size_t kMaxSpellingLookups = 8;

// A word a query seeks, and how it was written there.
using SoughtWord = std::pair<Token, std::string>;

// Fills out.suggestions (each word written, and the word suggested) and
// out.did_you_mean (`query` with them replaced) for the `words` of `query`
// that no statement holds. Leaves them empty for an index without a
// spelling dictionary (a remote shard keeps none).
void suggest_spellings(const Xapian::Database& db, const Expander& expander,
                       const std::string& query, const std::vector<SoughtWord>& words,
                       ParsedQuery& out);

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_SPELLING_H_
