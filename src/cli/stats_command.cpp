#include "cli/stats_command.h"

#include <iostream>

#include "cli/app.h"
#include "cli/output.h"
#include "communique/searcher.h"

namespace communique::cli {

CLI::App* add_stats_command(CLI::App& app, StatsArgs& args) {
  auto* stats = app.add_subcommand("stats", "describe the index: size, languages, facets");
  stats->add_flag("--json", args.json, "JSON output");
  return stats;
}

int run_stats(const std::string& db, const StatsArgs& args, bool color) {
  Searcher searcher(db);
  IndexStats s = searcher.stats();
  if (args.json)
    std::cout << stats_json(s) << "\n";
  else
    print_stats(std::cout, s, color);
  return kOk;
}

}  // namespace communique::cli
