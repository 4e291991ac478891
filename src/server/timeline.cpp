#include "server/timeline.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

#include "server/html.h"

namespace communique::server {

namespace {
// Beyond this span, years without a match get no bar of their own.
constexpr int kMaxYears = 200;
}  // namespace

int year_of(std::string_view value) {
  int y = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), y);
  return ec == std::errc() && end == value.data() + value.size() ? y : 0;
}

std::vector<YearBar> year_bars(const std::vector<FacetValue>& matching,
                               const std::vector<FacetValue>& everything) {
  std::map<int, std::uint64_t> all, hits;
  for (const auto& v : everything) {
    if (int y = year_of(v.value)) all[y] = v.count;
  }
  for (const auto& v : matching) {
    if (int y = year_of(v.value)) hits[y] = v.count;
  }
  std::vector<YearBar> out;
  if (hits.empty()) return out;
  auto add = [&](int y) {
    YearBar bar{y, hits.count(y) ? hits[y] : 0, all.count(y) ? all[y] : 0, 0};
    // The index may have moved on between the two counts: never above 1,000.
    if (bar.all) bar.per_thousand = 1000.0 * std::min(bar.matches, bar.all) / bar.all;
    out.push_back(bar);
  };
  int first = hits.begin()->first, last = hits.rbegin()->first;
  if (last - first < kMaxYears) {
    for (int y = first; y <= last; ++y) add(y);
  } else {  // a stray date far off: the years with matches only
    for (const auto& [y, n] : hits) add(y);
  }
  return out;
}

std::vector<FacetValue> index_years(Searcher& searcher) {
  SearchOptions options;
  options.limit = 0;
  options.passages = 0;
  options.facet_limit = 0;
  return searcher.search("*", options).facets.of("year");
}

namespace {

std::string number(double v, int digits = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

std::string timeline_svg(const std::vector<YearBar>& bars,
                         const std::function<std::string(int year)>& link_for) {
  if (bars.empty()) return "";
  // Drawn at about the side panel's width, so that its text reads at the
  // page's size; a few years are a few bars, not one wide block.
  constexpr double kWidth = 320, kHeight = 90, kLabels = 16, kTop = 14;
  double top = 0;
  for (const auto& b : bars) top = std::max(top, b.per_thousand);
  if (top <= 0) top = 1;
  double slot = std::min(kWidth / bars.size(), 40.0);
  double gap = slot > 4 ? 1 : 0;
  std::string first = std::to_string(bars.front().year), last = std::to_string(bars.back().year);
  std::string out = "<figure class=\"timeline\"><svg viewBox=\"0 0 " + number(kWidth, 0) + " " +
                    number(kTop + kHeight + kLabels, 0) +
                    "\" preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"timeline-title\">"
                    "<title id=\"timeline-title\">Matching statements per 1,000 statements of "
                    "each year, " +
                    first + " to " + last + "</title>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const YearBar& b = bars[i];
    double h = b.per_thousand / top * kHeight;
    if (b.matches && h < 1.5) h = 1.5;  // every year with a match shows
    double x = i * slot;
    std::string label = std::to_string(b.year) + ": " + with_commas(b.matches) + " of " +
                        with_commas(b.all) + " statements (" + number(b.per_thousand) +
                        " per 1,000)";
    out += "<a class=\"bar\" href=\"" + escape_html(link_for(b.year)) + "\" aria-label=\"" +
           escape_html(label) + "\" data-year=\"" + std::to_string(b.year) + "\"><title>" +
           escape_html(label) + "</title><rect class=\"slot\" x=\"" + number(x, 2) + "\" y=\"" +
           number(kTop, 0) + "\" width=\"" + number(slot, 2) + "\" height=\"" + number(kHeight, 0) +
           "\"/><rect class=\"fill\" x=\"" + number(x + gap / 2, 2) + "\" y=\"" +
           number(kTop + kHeight - h, 2) + "\" width=\"" + number(std::max(slot - gap, 0.5), 2) +
           "\" height=\"" + number(h, 2) + "\"/></a>";
  }
  std::string baseline = number(kTop + kHeight + 13, 0);
  out += "<text x=\"0\" y=\"" + baseline + "\">" + first + "</text>";
  if (bars.size() > 1) {
    out += "<text x=\"" + number(slot * bars.size(), 2) + "\" y=\"" + baseline +
           "\" text-anchor=\"end\">" + last + "</text>";
  }
  out += "<text x=\"" + number(kWidth, 0) + "\" y=\"10\" text-anchor=\"end\">up to " + number(top) +
         " per 1,000</text></svg><figcaption>Matching statements per 1,000 statements of each "
         "year. A bar narrows the search to its year.</figcaption></figure>";
  return out;
}

}  // namespace communique::server
