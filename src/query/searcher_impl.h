// What a Searcher holds, shared by the files that implement its calls
// (searcher.cpp: search, stats and statement; the analyst views beside it:
// similar.cpp).

#ifndef COMMUNIQUE_QUERY_SEARCHER_IMPL_H_
#define COMMUNIQUE_QUERY_SEARCHER_IMPL_H_

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "communique/error.h"
#include "communique/gazetteer.h"
#include "communique/searcher.h"
#include "core/xapian_error.h"
#include "query/facets.h"
#include "query/groups.h"
#include "query/hits.h"
#include "query/index_reader.h"
#include "query/trend.h"

namespace communique {

struct Searcher::Impl {
  explicit Impl(std::string path) : reader(std::move(path)), hits(reader.db()) {}

  // Moves to the latest committed state (see IndexReader::reopen).
  void reopen() {
    if (reader.reopen()) {
      facet_table.reset();
      group_table.reset();
      date_totals.reset();
    }
  }

  const Xapian::Database& db() const { return reader.db(); }

  // The facet values of the state the reader is at, read at first use
  // (one local database only: shards count with stock spies).
  const query::FacetTable& facets_of_state();

  // The groups of near-identical statements of that state, read at first
  // use.
  const query::GroupTable& groups_of_state();

  // Counts the facets of `query`'s matches over the whole match set into
  // `out`, and returns the exact number of matches.
  std::uint64_t count_facets(const Xapian::Query& query, std::size_t limit, Facets& out);

  // `body` run on one committed state: where a writer commits twice while
  // it reads (Xapian::DatabaseModifiedError), reopened and run again, at
  // most query::kReadAttempts times. Xapian's errors come out translated,
  // prefixed with `what` ("searching DB").
  template <typename Body>
  auto on_one_state(const std::string& what, Body body) -> decltype(body()) {
    for (int attempt = 1;; ++attempt) {
      try {
        return body();
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= query::kReadAttempts)
          core::rethrow(e, what + " (a writer kept committing underneath; try again)");
        reopen();
      } catch (const Xapian::Error& e) {
        core::rethrow(e, what);
      }
    }
  }

  SearchResult search(std::string_view text, const SearchOptions& options);
  IndexStats stats();
  StoredStatement stored(std::string_view id, std::string_view query, std::size_t passages);
  SearchResult similar(std::string_view id, const SearchOptions& options);

  // The weighting of every ranking (BM25, its length normalisation
  // softened).
  static std::unique_ptr<Xapian::Weight> ranking_weight();

  Trend trend(std::string_view text, const TrendOptions& options);  // query/trend.cpp
  // query/kwic.cpp; `emitted` counts the lines passed to `each`.
  KwicSummary kwic(std::string_view text, const KwicOptions& options,
                   const std::function<bool(const Concordance&)>& each, std::uint64_t& emitted);

  query::IndexReader reader;
  const Gazetteer& gazetteer = Gazetteer::builtin();
  query::HitBuilder hits;
  std::unique_ptr<query::FacetTable> facet_table;
  std::unique_ptr<query::GroupTable> group_table;
  // The statements of the whole index per date, at first use per state.
  std::unique_ptr<query::DateCounts> date_totals;
};

// The error for an id no statement of the index `index` has, the same
// wherever an id is looked up (statement(), similar(), the server's page).
NotFound unknown_statement(std::string_view id, const std::string& index);

}  // namespace communique

#endif  // COMMUNIQUE_QUERY_SEARCHER_IMPL_H_
