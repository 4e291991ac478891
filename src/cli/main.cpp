// The communique command: index statements, search them, describe an index.
// A thin layer over the library, one file per command (cli/*_command.h);
// logs go to stderr, results to stdout. Exit codes: cli/app.h.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/index_command.h"
#include "cli/kwic_command.h"
#include "cli/maintenance_commands.h"
#include "cli/output.h"
#include "cli/reference.h"
#include "cli/search_command.h"
#include "cli/serve_command.h"
#include "cli/similar_command.h"
#include "cli/stats_command.h"
#include "cli/trend_command.h"
#include "cli/unknown_command.h"

int main(int argc, char** argv) {
  using namespace communique::cli;
  // A file size limit (ulimit -f) should fail a write with EFBIG, reported
  // like a full disk, rather than kill the process mid-commit.
  std::signal(SIGXFSZ, SIG_IGN);
  auto logger = spdlog::stderr_color_mt("communique");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%^%l%$: %v");

  CLI::App app{"Communique: search foreign-ministry statements by passage"};
  app.require_subcommand(1);
  // Global options may come before or after the command
  // (`communique index --db DB ...`, as the README and messages write it).
  app.fallthrough();
  app.set_version_flag("--version", version_text,
                       "print the version, and those of Xapian and ICU, then exit");
  std::string db = default_db();
  bool verbose = false, quiet = false;
  app.add_option(
         "--db", db,
         "index directory or Xapian stub file (default: $COMMUNIQUE_DB, else ./communique.db)")
      ->capture_default_str();
  app.add_flag("-v,--verbose", verbose, "log debugging detail");
  app.add_flag("-q,--quiet", quiet, "log warnings and errors only");
  std::string color = "auto";
  app.add_option("--color", color,
                 "colour matches, titles and facets: auto (on a terminal, unless NO_COLOR is "
                 "set), always or never; JSON is never coloured")
      ->capture_default_str()
      ->check(CLI::IsMember({kColorChoices[0], kColorChoices[1], kColorChoices[2]}));

  // The commands, in the order --help, the manual and the completions list them.
  IndexArgs index_args;
  auto* index = add_index_command(app, index_args);
  SearchArgs search_args;
  auto* search = add_search_command(app, search_args);
  auto* compact = add_compact_command(app);
  auto* repair = add_repair_command(app);
  StatsArgs stats_args;
  auto* stats = add_stats_command(app, stats_args);
  ServeArgs serve_args;
  auto* serve = add_serve_command(app, serve_args);
  SimilarArgs similar_args;
  auto* similar = add_similar_command(app, similar_args);
  TrendArgs trend_args;
  auto* trend = add_trend_command(app, trend_args, whole_number);
  KwicArgs kwic_args;
  auto* kwic = add_kwic_command(app, kwic_args, whole_number);
  ReferenceArgs reference_args;
  add_reference_commands(app, reference_args);

  const std::vector<std::string> args(argv + 1, argv + argc);
  if (std::string problem = command_problem(app, args); !problem.empty()) {
    spdlog::error("{}", printable(problem));
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  }
  spdlog::set_level(verbose ? spdlog::level::debug
                    : quiet ? spdlog::level::warn
                            : spdlog::level::info);
  const bool colored = use_color(color, STDOUT_FILENO);
  if (auto* sink =
          dynamic_cast<spdlog::sinks::stderr_color_sink_mt*>(logger->sinks().front().get()))
    sink->set_color_mode(use_color(color, STDERR_FILENO) ? spdlog::color_mode::always
                                                         : spdlog::color_mode::never);

  return run_guarded([&] {
    if (*index) return run_index(db, index_args);
    if (*search) return run_search(db, search_args, colored);
    if (*compact) return run_compact(db);
    if (*repair) return run_repair(db);
    if (*stats) return run_stats(db, stats_args, colored);
    if (*serve) return run_serve(db, serve_args);
    if (*similar) return run_similar(db, similar_args, colored);
    if (*trend) return run_trend(db, trend_args);
    if (*kwic) return run_kwic(db, kwic_args);
    if (run_reference_command(app, reference_args, std::cout)) return static_cast<int>(kOk);
    return static_cast<int>(kFailure);  // no command: refused by command_problem above
  });
}
