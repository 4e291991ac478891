// communique stats [--json]: what the index holds: its size, languages,
// near-identical groups and facets.

#ifndef COMMUNIQUE_CLI_STATS_COMMAND_H_
#define COMMUNIQUE_CLI_STATS_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

namespace communique::cli {

struct StatsArgs {
  bool json = false;
};

// Adds the `stats` command to `app`, reading its arguments into `args`
// (which must outlive the parse), and returns it.
CLI::App* add_stats_command(CLI::App& app, StatsArgs& args);

// Describes the index `db` on stdout, for people (coloured with `color`)
// or as one JSON line. Throws the library's errors; returns kOk.
int run_stats(const std::string& db, const StatsArgs& args, bool color);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_STATS_COMMAND_H_
