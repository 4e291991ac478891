// The search page's timeline: the matching statements of each year, per
// 1,000 statements of that year, drawn as SVG bars that link to the search
// narrowed to their year.
//
// Seam: the counts are those `communique trend` is to give. Until Searcher
// has trend(), they come from the search's year facet (every value) and
// index_years(); then year_bars() reads trend()'s answer instead, and
// /api/trend serves the same counts.

#ifndef COMMUNIQUE_SERVER_TIMELINE_H_
#define COMMUNIQUE_SERVER_TIMELINE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "communique/searcher.h"

namespace communique::server {

struct YearBar {
  int year = 0;
  std::uint64_t matches = 0;  // matching statements of the year
  std::uint64_t all = 0;      // statements of the year in the index
  double per_thousand = 0;    // matches per 1,000 of all, never above 1,000
};

// The year of a year facet value ("2020"), or 0 when it is not one.
int year_of(std::string_view value);

// One bar per year from the first to the last year with a match, years
// without one included (at 0) unless they span two centuries or more,
// from the year facets of the matches and of the whole index.
std::vector<YearBar> year_bars(const std::vector<FacetValue>& matching,
                               const std::vector<FacetValue>& everything);

// Statements per year in the whole index: the year facet of every dated
// statement (one without a date has no year to count in), as stats() gives
// it, at the cost of one search (`*`) rather than of stats()'s walk
// over every term.
std::vector<FacetValue> index_years(Searcher& searcher);

// The chart, each bar a link to `link_for(year)`; "" without bars.
std::string timeline_svg(const std::vector<YearBar>& bars,
                         const std::function<std::string(int year)>& link_for);

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_TIMELINE_H_
