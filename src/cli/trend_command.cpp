#include "cli/trend_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/output.h"

namespace communique::cli {

namespace {

// per_1000 as shown: three decimals.
std::string per_1000_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  return buf;
}

double rounded(double value) { return std::round(value * 1000) / 1000; }

// A bar of `eighths` eighths of a column, in Unicode blocks.
std::string bar(std::size_t eighths) {
  static const char* const kPartial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  std::string out;
  for (std::size_t i = 0; i < eighths / 8; ++i) out += "█";
  return out + kPartial[eighths % 8];
}

std::string padded(const std::string& text, std::size_t width, bool right) {
  std::size_t shown = display_width(text);
  std::string pad(shown < width ? width - shown : 0, ' ');
  return right ? pad + text : text + pad;
}

}  // namespace

CLI::App* add_trend_command(
    CLI::App& app, TrendArgs& a,
    const std::function<CLI::Validator(std::uint64_t, std::uint64_t)>& number) {
  auto* trend = app.add_subcommand(
      "trend", "statements matching a query per year or month, against all statements then");
  trend->add_option("query", a.words, "the query, as search takes it")->required();
  trend->add_option("--by", a.by, "period: year or month")
      ->capture_default_str()
      ->check(CLI::IsMember({"year", "month"}));
  trend
      ->add_option("--split", a.options.split,
                   "one series per value of a facet: country, minister or mentions")
      ->check(CLI::IsMember({"country", "minister", "mentions"}));
  trend->add_option("--top", a.options.top, "with --split: series of the top N values, then other")
      ->capture_default_str()
      ->check(number(1, 1000));
  auto* json = trend->add_flag("--json", a.json, "one JSON object");
  trend->add_flag("--csv", a.csv, "CSV: period,series,count,total,per_1000")->excludes(json);
  return trend;
}

int run_trend(const std::string& db, TrendArgs& a) {
  Searcher searcher(db);
  std::string query;
  for (const auto& w : a.words) query += (query.empty() ? "" : " ") + w;
  a.options.by = a.by == "month" ? TrendPeriod::kMonth : TrendPeriod::kYear;
  Trend trend = searcher.trend(query, a.options);
  for (const auto& w : trend.warnings) std::cerr << "warning: query: " << printable(w) << "\n";
  if (a.json)
    std::cout << trend_json(trend) << "\n";
  else if (a.csv)
    std::cout << trend_csv(trend);
  else
    print_trend(std::cout, trend, terminal_columns());
  return 0;
}

std::string trend_csv(const Trend& trend) {
  std::string out = "period,series,count,total,per_1000\n";
  for (const TrendSeries& series : trend.series) {
    for (const TrendPoint& p : series.points) {
      out += csv_field(p.period) + "," + csv_field(series.key) + "," + std::to_string(p.count) +
             "," + std::to_string(p.total) + "," + per_1000_text(p.per_1000) + "\n";
    }
  }
  return out;
}

std::string trend_json(const Trend& trend) {
  nlohmann::ordered_json j;
  j["query"] = trend.query;
  j["by"] = trend.by;
  if (!trend.split.empty()) j["split"] = trend.split;
  j["total"] = trend.total;
  nlohmann::ordered_json series = nlohmann::ordered_json::array();
  for (const TrendSeries& s : trend.series) {
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const TrendPoint& p : s.points) {
      points.push_back({{"period", p.period},
                        {"count", p.count},
                        {"total", p.total},
                        {"per_1000", rounded(p.per_1000)}});
    }
    series.push_back({{"key", s.key}, {"points", std::move(points)}});
  }
  j["series"] = std::move(series);
  if (!trend.warnings.empty()) j["warnings"] = trend.warnings;
  return json_line(j);
}

void print_trend(std::ostream& out, const Trend& trend, std::size_t columns) {
  out << trend.total << (trend.total == 1 ? " statement matches" : " statements match") << " \""
      << printable(trend.query) << "\", by " << trend.by;
  if (!trend.split.empty()) out << " and " << trend.split;
  out << "; per 1000 statements of the period\n";
  // The periods where any series has a match, and the largest rate, which
  // the bars are scaled to.
  std::size_t first = SIZE_MAX, last = 0;
  double most = 0;
  std::size_t key_width = 6;
  for (const TrendSeries& s : trend.series) {
    key_width = std::max(key_width, std::min<std::size_t>(display_width(printable(s.key)), 30));
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      if (!s.points[i].count) continue;
      first = std::min(first, i);
      last = std::max(last, i);
      most = std::max(most, s.points[i].per_1000);
    }
  }
  if (first == SIZE_MAX) return;
  bool split = trend.series.size() > 1 || trend.series.front().key != "all";
  // period, [series], count, total, per 1000, bar
  std::size_t fixed = 8 + (split ? key_width + 2 : 0) + 9 + 9 + 10 + 1;
  std::size_t bar_columns = columns > fixed + 10 ? columns - fixed : 10;
  out << padded("period", 8, false);
  if (split) out << padded("series", key_width + 2, false);
  out << padded("count", 9, true) << padded("total", 9, true) << padded("per 1000", 10, true)
      << "\n";
  for (std::size_t i = first; i <= last; ++i) {
    for (const TrendSeries& s : trend.series) {
      if (i >= s.points.size()) continue;
      const TrendPoint& p = s.points[i];
      out << padded(p.period, 8, false);
      if (split) out << padded(printable(s.key), key_width + 2, false);
      out << padded(std::to_string(p.count), 9, true) << padded(std::to_string(p.total), 9, true)
          << padded(per_1000_text(p.per_1000).substr(0, 9), 10, true) << " ";
      auto eighths =
          most > 0 ? static_cast<std::size_t>(std::lround(p.per_1000 / most * bar_columns * 8)) : 0;
      out << bar(eighths) << "\n";
    }
  }
}

}  // namespace communique::cli
