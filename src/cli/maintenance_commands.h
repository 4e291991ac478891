// communique compact and communique repair: the index's upkeep, neither
// with options of its own.

#ifndef COMMUNIQUE_CLI_MAINTENANCE_COMMANDS_H_
#define COMMUNIQUE_CLI_MAINTENANCE_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>

namespace communique::cli {

// Add the `compact` and `repair` commands to `app` and return them.
CLI::App* add_compact_command(CLI::App& app);
CLI::App* add_repair_command(CLI::App& app);

// Compacts the index `db` with Xapian's compactor (compact_index), logging
// its statements and size before and after. Throws the library's errors;
// returns kOk.
int run_compact(const std::string& db);

// Points a damaged stub of `db` at its newest complete generation
// (repair_index), logging what it did, or that nothing needed doing.
// Throws the library's errors; returns kOk.
int run_repair(const std::string& db);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_MAINTENANCE_COMMANDS_H_
