// The facet values of every statement of a local index, held in memory by
// docid, so that counting a query's facets costs a few array increments
// per matching statement instead of value reads.
//
// Xapian reads a value through a cache of one chunk of one slot, so spies
// on several slots re-seek their value streams at every document; reading
// each slot's stream once, in docid order, when the index is opened is
// far cheaper than doing so for every query.

#ifndef COMMUNIQUE_QUERY_FACET_TABLE_H_
#define COMMUNIQUE_QUERY_FACET_TABLE_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "communique/searcher.h"

namespace communique::query {

class FacetTable {
 public:
  // Reads the facet value slots of every document of `db` (Xapian errors
  // propagate). REQUIRES: `db` is local; a remote shard would send every
  // value over the network.
  explicit FacetTable(const Xapian::Database& db);

  // Counts the statements a match visits, per facet value. Attach one to an
  // Enquire (it must outlive the get_mset call), then read facets().
  class Counter : public Xapian::MatchSpy {
   public:
    explicit Counter(const FacetTable& table);
    void operator()(const Xapian::Document& doc, double weight) override;
    // By count, then value; the first `limit` of each (0 = all).
    Facets facets(std::size_t limit) const;

   private:
    const FacetTable& table_;
    std::vector<std::uint64_t> country_, year_, minister_;
  };

 private:
  // Distinct values, and for each docid the index of its value (kNone when
  // it has none); ministers as a list per docid.
  static constexpr std::uint32_t kNone = ~0u;
  std::vector<std::string> countries_, years_, ministers_;
  std::vector<std::uint32_t> country_of_, year_of_;
  std::vector<std::uint32_t>
      minister_start_;  // docid -> first in minister_ids_; size lastdocid + 2
  std::vector<std::uint32_t> minister_ids_;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_FACET_TABLE_H_
