// A parsed query compiled to Xapian queries (ParsedQuery::to_xapian and
// proximity_query are defined here, beside what they share).

#ifndef COMMUNIQUE_QUERY_COMPILE_H_
#define COMMUNIQUE_QUERY_COMPILE_H_

#include <xapian.h>

#include "query/parsed_query.h"

namespace communique::query {

// Xapian 1.4's PHRASE and NEAR take terms only, so a run whose positions
// may each hold one of several terms becomes the runs of their
// combinations: at most this many; beyond that, each slot's first (most
// frequent) term. The passage ranker checks every form.
inline constexpr std::size_t kMaxTermCombinations = 16;

// The statements `matcher` may match: a word's forms (as one term,
// weighted by the form written), a phrase in order within its width (gaps
// take any word), a run of characters among the statements holding its
// bigrams, a phrase across a passage boundary by its two sides.
Xapian::Query matcher_query(const Matcher& matcher);

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_COMPILE_H_
