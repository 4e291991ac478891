#include "query/trend.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "communique/error.h"
#include "query/query_parser.h"
#include "query/searcher_impl.h"
#include "schema/fields.h"
#include "schema/schema.h"

namespace communique {

namespace query {

DateCounts count_dates(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  Xapian::ValueCountMatchSpy spy(schema::kDateSlot);
  enquire.add_matchspy(&spy);
  // Every match visited: the count is exact (see Impl::count_facets).
  Xapian::doccount everything = std::max<Xapian::doccount>(db.get_doccount(), 1);
  DateCounts counts;
  counts.matches = enquire.get_mset(0, 0, everything).get_matches_estimated();
  std::uint64_t dated = 0;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    double key = Xapian::sortable_unserialise(*v);
    if (!(key >= 0 && key < 1e9)) continue;  // not a value this index writes
    counts.by_date[static_cast<std::uint32_t>(std::lround(key))] += v.get_termfreq();
    dated += v.get_termfreq();
  }
  counts.undated = counts.matches - std::min(dated, counts.matches);
  return counts;
}

}  // namespace query

namespace {

constexpr std::uint32_t kUndated = ~0u;  // the period of statements without a date

// The period a date key falls in: its year (YYYY0000), or by month its
// month (YYYYMM00), a date of a year alone staying its year.
std::uint32_t period_of(std::uint32_t date_key, TrendPeriod by) {
  if (by == TrendPeriod::kYear) return date_key / 10000 * 10000;
  return date_key / 100 * 100;
}

std::string period_label(std::uint32_t period) {
  if (period == kUndated) return "undated";
  unsigned year = period / 10000, month = period / 100 % 100;
  char buf[16];
  if (month)
    std::snprintf(buf, sizeof buf, "%04u-%02u", year, month);
  else
    std::snprintf(buf, sizeof buf, "%04u", year);
  return buf;
}

std::map<std::uint32_t, std::uint64_t> by_period(const query::DateCounts& counts, TrendPeriod by) {
  std::map<std::uint32_t, std::uint64_t> out;
  for (const auto& [date, n] : counts.by_date) out[period_of(date, by)] += n;
  if (counts.undated) out[kUndated] += counts.undated;
  return out;
}

// The facet a trend may be split by, from its field name or an alias.
const schema::FieldSpec& split_field(const std::string& name) {
  const schema::FieldSpec* field = schema::find_field(name);
  if (!field || !field->is_facet() ||
      (field->facet != "country" && field->facet != "minister" && field->facet != "mentions")) {
    throw InvalidArgument("a trend is split by country, minister or mentions, not \"" + name +
                          "\"");
  }
  return *field;
}

}  // namespace

Trend Searcher::Impl::trend(std::string_view text, const TrendOptions& options) {
  const schema::FieldSpec* field = options.split.empty() ? nullptr : &split_field(options.split);
  const Xapian::Database& db = reader.db();
  query::QueryParser parser(db, gazetteer);
  query::ParsedQuery parsed = parser.parse(text);
  Xapian::Query match = parsed.to_xapian();

  Trend trend;
  trend.query = std::string(text);
  trend.by = options.by == TrendPeriod::kYear ? "year" : "month";
  trend.split = field ? std::string(field->facet) : "";
  trend.warnings = std::move(parsed.warnings);

  if (!date_totals)
    date_totals =
        std::make_unique<query::DateCounts>(query::count_dates(db, Xapian::Query::MatchAll));
  const std::map<std::uint32_t, std::uint64_t> totals = by_period(*date_totals, options.by);

  auto add_series = [&](std::string key, const query::DateCounts& counts) {
    std::map<std::uint32_t, std::uint64_t> counted = by_period(counts, options.by);
    TrendSeries series{std::move(key), {}};
    for (const auto& [period, total] : totals) {
      auto it = counted.find(period);
      std::uint64_t n = it == counted.end() ? 0 : it->second;
      series.points.push_back({period_label(period), n, total, total ? 1000.0 * n / total : 0.0});
    }
    trend.series.push_back(std::move(series));
  };

  if (!field) {
    query::DateCounts counts = query::count_dates(db, match);
    trend.total = counts.matches;
    add_series("all", counts);
    return trend;
  }
  // The top values of the facet, counted as search counts them; each
  // series is then the query filtered by its value, as `field:value`
  // would be (so its counts are those of search), and "other" the rest.
  Facets facets;
  trend.total = count_facets(match, options.top, facets);
  std::vector<Xapian::Query> filters;
  for (const FacetValue& value : facets.of(field->facet)) {
    std::string key = schema::key(*field, value.value, gazetteer).value_or(value.value);
    std::vector<std::string> terms = schema::terms(*field, key);
    Xapian::Query filter(Xapian::Query::OP_OR, terms.begin(), terms.end());
    add_series(value.value,
               query::count_dates(db, Xapian::Query(Xapian::Query::OP_FILTER, match, filter)));
    filters.push_back(std::move(filter));
  }
  Xapian::Query rest =
      filters.empty()
          ? match
          : Xapian::Query(Xapian::Query::OP_AND_NOT, match,
                          Xapian::Query(Xapian::Query::OP_OR, filters.begin(), filters.end()));
  query::DateCounts other = query::count_dates(db, rest);
  if (other.matches) add_series("other", other);
  return trend;
}

Trend Searcher::trend(std::string_view query, const TrendOptions& options) {
  return impl_->on_one_state("counting matches by date in " + impl_->reader.path(),
                             [&] { return impl_->trend(query, options); });
}

}  // namespace communique
