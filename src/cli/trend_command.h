// communique trend: how many statements match a query per year or month,
// against how many the index holds then, as a table with bars, CSV or JSON.

#ifndef COMMUNIQUE_CLI_TREND_COMMAND_H_
#define COMMUNIQUE_CLI_TREND_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "communique/searcher.h"

namespace communique::cli {

struct TrendArgs {
  std::vector<std::string> words;
  std::string by = "year";
  TrendOptions options;
  bool json = false, csv = false;
};

// Adds the command and its options to `app`, filling `args`;
// `number(lo, hi)` checks a whole number option (the command's own rule).
CLI::App* add_trend_command(
    CLI::App& app, TrendArgs& args,
    const std::function<CLI::Validator(std::uint64_t, std::uint64_t)>& number);

// Runs it on the index `db`; returns the exit code (errors are thrown).
int run_trend(const std::string& db, TrendArgs& args);

// The outputs. CSV: a header `period,series,count,total,per_1000`, then a
// row per series and period. JSON: one object {"query","by","split",
// "total","series":[{"key","points":[{"period","count","total",
// "per_1000"}]}]}, "warnings" when there are any. The table: a row per
// period from the first to the last that any series has a match in, with
// a bar of per_1000 in Unicode blocks fitted to `columns`.
std::string trend_csv(const Trend& trend);
std::string trend_json(const Trend& trend);
void print_trend(std::ostream& out, const Trend& trend, std::size_t columns);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_TREND_COMMAND_H_
