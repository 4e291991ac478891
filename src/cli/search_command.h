// communique search [--json] [--batch FILE] ... QUERY: the statements that
// match a query, best first, with their passages and facets.

#ifndef COMMUNIQUE_CLI_SEARCH_COMMAND_H_
#define COMMUNIQUE_CLI_SEARCH_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "communique/searcher.h"

namespace communique::cli {

struct SearchArgs {
  std::vector<std::string> words;
  std::string batch;
  SearchOptions options;
  bool json = false;
  bool no_collapse = false;
};

// Adds the `search` command to `app`, reading its arguments into `args`
// (which must outlive the parse), and returns it.
CLI::App* add_search_command(CLI::App& app, SearchArgs& args);

// Searches the index `db` for the query (the words joined by spaces) or,
// with --batch, for each line of the file (- for stdin), printing each
// answer to stdout for people (coloured with `color`) or as one JSON line.
// How a query was read, where it differs from what was written, goes to
// stderr. In a batch a bad query's error is printed in its place and the
// batch goes on. Without a query or --batch, logs "search needs a query"
// and returns kUsage; otherwise throws the library's errors (NotFound for
// an unreadable --batch file) or returns kOk.
int run_search(const std::string& db, SearchArgs& args, bool color);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_SEARCH_COMMAND_H_
