// communique serve [--bind ADDR] [--port N] ...: the index over HTTP, a
// search page and a JSON API, read-only (src/server/).

#ifndef COMMUNIQUE_CLI_SERVE_COMMAND_H_
#define COMMUNIQUE_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

#include "server/server.h"

namespace communique::cli {

struct ServeArgs {
  server::ServeOptions options;
  std::string token_file;
};

// Adds the `serve` command to `app`, reading its arguments into `args`
// (which must outlive the parse), and returns it.
CLI::App* add_serve_command(CLI::App& app, ServeArgs& args);

// Serves the index `db` until SIGINT or SIGTERM, then returns kOk once the
// requests in progress are answered. An index that cannot be opened yet is
// no error (it is answered 503 until it can); an address that cannot be
// bound or an unreadable --token-file throws. Blocks SIGINT and SIGTERM in
// the calling thread: call it from main, before any other thread starts.
int run_serve(const std::string& db, ServeArgs& args);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_SERVE_COMMAND_H_
