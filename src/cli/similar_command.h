// communique similar [--limit N] [--passages K] [--json] [--explain] ID:
// the statements most like one statement (Searcher::similar).

#ifndef COMMUNIQUE_CLI_SIMILAR_COMMAND_H_
#define COMMUNIQUE_CLI_SIMILAR_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

#include "communique/searcher.h"

namespace communique::cli {

struct SimilarArgs {
  std::string id;
  SearchOptions options;
  bool json = false;
};

// Adds the `similar` command to `app`, reading its arguments into `args`
// (which must outlive the parse), and returns it.
CLI::App* add_similar_command(CLI::App& app, SimilarArgs& args);

// Prints the statements like args.id in the index `db`, for people or, with
// --json, as search --json does. Throws the library's errors (NotFound for
// an id no statement has).
int run_similar(const std::string& db, const SimilarArgs& args, bool color);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_SIMILAR_COMMAND_H_
