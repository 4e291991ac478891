// Facet counts over a query's whole match set, for every facet field of
// the schema (schema::facet_fields(): country, minister, year, mentions,
// role, language), counted one of two ways that give the same answer:
//
// - FacetTable: for one local index, the facet values of every statement
//   held in memory by docid, read once per index state, so that counting a
//   query's facets costs a few array increments per matching statement
//   instead of value reads (Xapian reads a value through a cache of one
//   chunk of one slot, so spies on several slots re-seek their value
//   streams at every document);
// - FacetSpies: for shards, Xapian's stock ValueCountMatchSpy on each
//   facet slot (xapian-tcpsrv knows no other spy, and Xapian 1.4 shows a
//   spy each shard's own docids, which shards share).

#ifndef COMMUNIQUE_QUERY_FACETS_H_
#define COMMUNIQUE_QUERY_FACETS_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "communique/searcher.h"

namespace communique::query {

class FacetTable {
 public:
  // Reads the facet slots of every document of `db` (Xapian errors
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
    // The statements counted: every match, also those a collapse key
    // then folds into another hit (spies see matches before collapsing).
    std::uint64_t seen() const { return seen_; }

   private:
    const FacetTable& table_;
    std::uint64_t seen_ = 0;
    std::vector<std::uint64_t> counts_;  // per value of every facet, as numbered by the table
  };

 private:
  // One facet's distinct values, numbered from `first` among the values of
  // every facet.
  struct Column {
    std::uint32_t first = 0;
    std::vector<std::string> names;
    // Per value, the first value counted as one with it (its own index,
    // but for the names of one person written differently).
    std::vector<std::uint32_t> group;
    // Per value, how it is shown (a person's, by the people table), read
    // once per index state; empty for a facet shown as stored.
    std::vector<std::string> display;
  };
  std::vector<Column> columns_;  // as schema::facet_fields()
  // Each docid's values of every facet, by number: values[start[d],
  // start[d + 1]) (one run per statement: counting is one loop).
  std::vector<std::uint32_t> start_;  // lastdocid + 2 entries
  std::vector<std::uint32_t> values_;
};

// The stock match spies of one query's facets, for shards.
class FacetSpies {
 public:
  FacetSpies();
  void attach(Xapian::Enquire& enquire);
  // By count, then value; the first `limit` of each (0 = all).
  Facets facets(std::size_t limit) const;

 private:
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;  // as schema::facet_fields()
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_FACETS_H_
