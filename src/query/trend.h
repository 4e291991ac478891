// Counting a query's matches per date, for Searcher::trend: Xapian's stock
// ValueCountMatchSpy on the date slot over the whole match set, so that the
// counts are exact and the same on one index, a sharded archive and remote
// shards (xapian-tcpsrv runs that spy and no other).

#ifndef COMMUNIQUE_QUERY_TREND_H_
#define COMMUNIQUE_QUERY_TREND_H_

#include <xapian.h>

#include <cstdint>
#include <map>

namespace communique::query {

struct DateCounts {
  // Statements per date key (YYYYMMDD, 00 for the parts not known).
  std::map<std::uint32_t, std::uint64_t> by_date;
  std::uint64_t undated = 0;  // statements without a date
  std::uint64_t matches = 0;  // all of them
};

// The statements matching `query` counted by date. Xapian errors propagate.
DateCounts count_dates(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_TREND_H_
