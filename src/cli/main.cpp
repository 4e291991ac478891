// The communique command: index statements, search them, describe an index.
// A thin layer over the library; logs go to stderr, results to stdout.
// Exit codes: cli/app.h.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/app.h"
#include "cli/kwic_command.h"
#include "cli/output.h"
#include "cli/reference.h"
#include "cli/similar_command.h"
#include "cli/trend_command.h"
#include "communique/communique.h"
#include "server/server.h"

namespace {

using namespace communique;
using namespace communique::cli;

std::string default_db() {
  const char* env = std::getenv("COMMUNIQUE_DB");
  return env && *env ? env : "communique.db";
}

struct IndexArgs {
  std::vector<std::string> paths;
  std::string format = "auto", report;
  std::vector<std::string> map, set, checks, prune_prefixes;
  bool strict = false, rebuild = false, update = false, prune = false, allow_shrink = false,
       quiet = false;
  unsigned threads = 0, shards = 0;
  std::size_t memory_mb = 1024;
  std::uint64_t min_statements = 0;
};

std::map<std::string, std::string> key_values(const std::vector<std::string>& items,
                                              const char* flag) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InvalidArgument(std::string(flag) + " " + item + ": expected FIELD=VALUE, e.g. " +
                            flag + " date=Date");
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

// The check a rebuilt generation passes before it is switched in: enough
// statements, and each probe query finds something.
void check_new_state(const std::string& state, const IndexArgs& a) {
  Searcher searcher(state);
  std::uint64_t statements = searcher.stats().statements;
  if (statements < std::max<std::uint64_t>(a.min_statements, 1)) {
    throw InvalidArgument("the rebuilt index holds " + std::to_string(statements) +
                          " statements, fewer than " +
                          std::to_string(std::max<std::uint64_t>(a.min_statements, 1)) +
                          " (--min-statements); not switched in, the live index is unchanged");
  }
  SearchOptions probe;
  probe.limit = 1;
  probe.passages = 1;
  probe.facets = false;
  for (const auto& query : a.checks) {
    SearchResult r;
    try {
      r = searcher.search(query, probe);
    } catch (const QuerySyntaxError& e) {
      // A check that cannot search proves nothing: refuse, like one that
      // finds nothing.
      throw InvalidArgument("--check \"" + query + "\": " + e.what() +
                            "; not switched in, the live index is unchanged");
    }
    if (r.hits.empty()) {
      throw InvalidArgument("the rebuilt index finds nothing for --check \"" + query +
                            "\"; not switched in, the live index is unchanged");
    }
    spdlog::info("check \"{}\": {} statements match in the rebuilt index", cli::printable(query),
                 r.total);
  }
  spdlog::info("rebuilt index checked: {} statements; switching it in", statements);
}

int run_index(const std::string& db, const IndexArgs& a) {
  IndexOptions options;
  options.threads = a.threads;
  options.memory_mb = a.memory_mb;
  options.strict = a.strict;
  options.rebuild = a.rebuild;
  options.on_commit = [](const std::string& index, std::uint64_t n) {
    spdlog::debug("committed: {} holds {} statements", index, n);
  };
  options.skip_unchanged = a.update;
  options.allow_shrink = a.allow_shrink;
  options.shards = a.shards;
  if (a.rebuild) options.check = [&a](const std::string& state) { check_new_state(state, a); };
  if (!a.quiet) {
    options.progress = [](const IndexProgress& p) {
      spdlog::info("read {} statements, indexed {} ({:.1f} MB, {:.1f} MB/s)", p.read, p.indexed,
                   p.bytes / 1e6, p.bytes / 1e6 / std::max(p.seconds, 1e-3));
    };
  }
  ImportOptions import;
  import.format = a.format;
  import.map = key_values(a.map, "--map");
  import.set = key_values(a.set, "--set");
  // Before the index is created or locked, so that a typo leaves no trace.
  for (const auto& path : a.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw NotFound("no such file or directory: " + path);
  }
  Indexer indexer(db, options);
  IndexingSink sink(indexer);
  import_paths(a.paths, import, sink);
  if (a.prune && a.prune_prefixes.empty()) indexer.prune_unseen("");
  for (const auto& prefix : a.prune_prefixes) indexer.prune_unseen(prefix);
  IndexReport report = indexer.finish();
  spdlog::info("{}", cli::report_summary(report));
  if (report.kept) {
    spdlog::warn(
        "--prune kept {} statement(s) whose file or folder could not be read this time (see the "
        "problems below); mend the source and they are checked again on the next run",
        report.kept);
  }
  for (std::size_t i = 0; i < report.skipped_files.size() && i < 10; ++i) {
    spdlog::info("skipped {}", cli::printable(report.skipped_files[i]));
  }
  for (std::size_t i = 0; i < report.problems.size() && i < 10; ++i) {
    const Problem& p = report.problems[i];
    spdlog::warn("{}{}: {}: {}", cli::printable(p.where.file),
                 p.where.line ? ":" + std::to_string(p.where.line) : "", p.kind,
                 cli::printable(p.message));
  }
  if (report.problems.size() > 10) {
    spdlog::warn("... and {} more problems{}", report.problems.size() - 10,
                 a.report.empty() ? "; write them all with --report FILE" : "");
  }
  if (!a.report.empty()) {
    try {
      report.write_json(a.report);
    } catch (const IoError& e) {
      throw IoError(std::string(e.what()) + " (the index itself was written: see above)");
    }
  }
  return kOk;
}

struct SearchArgs {
  std::vector<std::string> words;
  std::string batch;
  SearchOptions options;
  bool json = false;
  bool no_collapse = false;
};

// How the query was read, where it differs from what was written: on
// stderr, so that a result read by a program stays as it was.
void warn_about(const SearchResult& r, bool batch) {
  for (const auto& w : r.warnings) {
    if (batch)
      spdlog::warn("query \"{}\": {}", cli::printable(r.query), cli::printable(w));
    else
      spdlog::warn("query: {}", cli::printable(w));
  }
}

int run_search(const std::string& db, SearchArgs& a, bool color) {
  a.options.collapse = !a.no_collapse;
  Searcher searcher(db);
  if (!a.batch.empty()) {
    std::ifstream file;
    if (a.batch != "-") {
      file.open(a.batch);
      if (!file) throw NotFound("cannot read query file " + a.batch);
    }
    std::istream& in = a.batch == "-" ? std::cin : file;
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      try {
        // took_ms: this query's wall time in the process (reopen and
        // search), so a benchmark can time queries without process starts.
        auto started = std::chrono::steady_clock::now();
        searcher.reopen();  // a long batch follows updates and rebuilds
        SearchResult r = searcher.search(line, a.options);
        double took_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        warn_about(r, true);
        if (a.json)
          std::cout << cli::result_json(r, a.options.explain, took_ms) << "\n";
        else
          cli::print_result(std::cout, r, color, a.options.explain);
      } catch (const Error& e) {  // one bad query does not stop the batch
        if (a.json)
          std::cout << cli::error_json(line, e.what()) << "\n";
        else
          std::cout << "error in query \"" << cli::printable(line)
                    << "\": " << cli::printable(e.what()) << "\n";
      }
      std::cout.flush();  // a program reading answers through a pipe gets each at once
    }
    return kOk;
  }
  std::string query;
  for (const auto& w : a.words) query += (query.empty() ? "" : " ") + w;
  SearchResult r = searcher.search(query, a.options);
  warn_about(r, false);
  if (a.json)
    std::cout << cli::result_json(r, a.options.explain) << "\n";
  else
    cli::print_result(std::cout, r, color, a.options.explain);
  return kOk;
}

int run_compact(const std::string& db) {
  CompactReport r = compact_index(db);
  spdlog::info("compacted {}: {} statements, {:.1f} MB -> {:.1f} MB in {:.1f} s", db, r.statements,
               r.bytes_before / 1e6, r.bytes_after / 1e6, r.seconds);
  return kOk;
}

int run_repair(const std::string& db) {
  RepairReport r = repair_index(db);
  for (const auto& line : r.actions) spdlog::info("{}", line);
  if (!r.changed) spdlog::info("{}: nothing to repair", db);
  return kOk;
}

int run_stats(const std::string& db, bool json, bool color) {
  Searcher searcher(db);
  IndexStats s = searcher.stats();
  if (json)
    std::cout << cli::stats_json(s) << "\n";
  else
    cli::print_stats(std::cout, s, color);
  return kOk;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// What is wrong with the command word of the command line, for CLI11
// would say only "A subcommand is required": a word that names no command
// (with the nearest one), or none at all; and the commands there are
// (hidden ones accepted, not listed). "" when it is fine, or for CLI11 to
// judge (--help, --version).
std::string command_problem(int argc, char** argv, const CLI::App& app) {
  std::vector<std::string> names, shown;
  for (const CLI::App* command : app.get_subcommands({})) {
    names.push_back(command->get_name());
    if (!command->get_group().empty()) shown.push_back(command->get_name());
  }
  // The global options that take a value (--db DIR, --color WHEN), whose
  // value is no command.
  std::vector<std::string> take_values;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_expected_max() == 0) continue;  // a flag
    for (const auto& name : option->get_lnames()) take_values.push_back("--" + name);
    for (const auto& name : option->get_snames()) take_values.push_back("-" + name);
  }
  std::string commands = " The commands are ";
  for (std::size_t i = 0; i < shown.size(); ++i)
    commands += (i == 0 ? "" : i + 1 == shown.size() ? " and " : ", ") + shown[i];
  commands += " (communique --help).";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (std::find(take_values.begin(), take_values.end(), arg) != take_values.end()) {
      ++i;  // its value
    } else if (arg == "--" || arg == "-h" || arg == "--help" || arg == "--version") {
      return {};
    } else if (!arg.empty() && arg[0] != '-') {
      if (std::find(names.begin(), names.end(), arg) != names.end()) return {};
      std::string message = "unknown command \"" + std::string(arg) + "\"";
      std::size_t best = 3;
      for (const auto& command : shown) {
        std::size_t d = edit_distance(arg, command);
        if (d < best || command.rfind(arg, 0) == 0) {
          best = command.rfind(arg, 0) == 0 ? 0 : d;
          message = "unknown command \"" + std::string(arg) + "\"; did you mean " + command + "?";
        }
      }
      return message + commands;
    }
  }
  return "no command given." + commands;
}

// communique --version: the library's version, and those of Xapian and ICU
// it was built with (and runs with, where they differ).
std::string version_text() {
  LibraryVersions v = library_versions();
  auto one = [](const char* name, const std::string& built, const std::string& running) {
    std::string s = std::string(name) + " " + running;
    if (built != running) s += " (built with " + built + ")";
    return s;
  };
  return std::string("communique ") + version() + "\n" +
         one("Xapian", v.xapian_built, v.xapian_running) + ", " +
         one("ICU", v.icu_built, v.icu_running);
}

struct ServeArgs {
  server::ServeOptions options;
  std::string token_file;
};

int run_serve(const std::string& db, ServeArgs& a) {
  a.options.db = db;
  if (!a.token_file.empty()) a.options.token = server::read_token_file(a.token_file);
  // SIGINT and SIGTERM stop the server once the requests in progress are
  // answered: blocked before any thread starts (threads inherit the mask),
  // then awaited by one thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  server::Server srv(a.options);
  srv.bind();
  try {
    Searcher probe(db);
  } catch (const Error& e) {
    spdlog::warn("{}; answering 503 until the index can be opened", e.what());
  }
  const std::string& host = a.options.bind;
  spdlog::info("serving {} at http://{}:{}/{}", db,
               host.find(':') == std::string::npos ? host : "[" + host + "]", srv.port(),
               a.options.token.empty() ? "" : " (requests need the token)");
  std::atomic<bool> signalled = false;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    spdlog::info("stopping (signal {})", sig);
    srv.stop();
  });
  srv.run();
  if (!signalled) ::kill(::getpid(), SIGTERM);  // wakes the waiter
  waiter.join();
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
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
  bool verbose = false, quiet_logs = false;
  app.add_option(
         "--db", db,
         "index directory or Xapian stub file (default: $COMMUNIQUE_DB, else ./communique.db)")
      ->capture_default_str();
  app.add_flag("-v,--verbose", verbose, "log debugging detail");
  app.add_flag("-q,--quiet", quiet_logs, "log warnings and errors only");
  std::string color = "auto";
  app.add_option("--color", color,
                 "colour matches, titles and facets: auto (on a terminal, unless NO_COLOR is "
                 "set), always or never; JSON is never coloured")
      ->capture_default_str()
      ->check(CLI::IsMember({kColorChoices[0], kColorChoices[1], kColorChoices[2]}));

  IndexArgs ia;
  auto* index =
      app.add_subcommand("index", "index statements from files or folders (formats detected)");
  index->add_option("paths", ia.paths, "files or folders to read")->required()->type_name("PATH");
  index->add_option("--format", ia.format, "auto, jsonl, ungdc, ministry-json, page, csv or tsv")
      ->capture_default_str();
  index->add_option("--map", ia.map, "FIELD=COLUMN for csv/tsv (e.g. body=Speech)")
      ->type_name("FIELD=COLUMN");
  index->add_option("--set", ia.set, "FIELD=VALUE for every record (e.g. country=NPL)")
      ->type_name("FIELD=VALUE");
  index->add_option("--report", ia.report, "write the full ingest report as JSON to this file")
      ->type_name("FILE");
  index->add_flag("--strict", ia.strict, "any problem aborts the run before anything is committed");
  auto* rebuild =
      index->add_flag("--rebuild", ia.rebuild,
                      "replace the whole index with these statements (switched in when checked)");
  auto* update = index->add_flag(
      "--update", ia.update,
      "write only new or changed statements (by content hash); report the unchanged");
  auto* prune =
      index->add_flag("--prune", ia.prune, "remove indexed statements not in these sources");
  index
      ->add_option("--prune-prefix", ia.prune_prefixes,
                   "with --prune: only statements whose id starts so")
      ->type_name("PREFIX")
      ->needs(prune);
  index
      ->add_flag("--allow-shrink", ia.allow_shrink,
                 "with --prune: allow removing more than half of the index")
      ->needs(prune);
  index->add_option("--shards", ia.shards, "write a sharded archive of N shards (a new directory)")
      ->check(whole_number(1, 256));
  index
      ->add_option("--check", ia.checks,
                   "with --rebuild: switch in only if this query finds something")
      ->type_name("QUERY")
      ->needs(rebuild);
  index
      ->add_option("--min-statements", ia.min_statements,
                   "with --rebuild: switch in only with at least N statements")
      ->check(whole_number(0, 4294967295))
      ->needs(rebuild);
  rebuild->excludes(update)->excludes(prune);
  index->add_option("--threads", ia.threads, "indexing threads (default: one per core)")
      ->check(whole_number(1, IndexOptions::kMaxThreads));
  index->add_option("--memory", ia.memory_mb, "memory budget in MiB for uncommitted documents")
      ->capture_default_str()
      ->check(whole_number(16, 1 << 20));

  SearchArgs sa;
  auto* search = app.add_subcommand("search", "search the index");
  search
      ->add_option("query", sa.words,
                   "the query (words, \"phrases\", -excluded, OR, field:value filters, * for "
                   "every statement; after -- when it begins with -)")
      ->type_name("QUERY");
  search->add_option("--limit", sa.options.limit, "statements to show")
      ->capture_default_str()
      ->check(whole_number(0, 100000));
  search->add_option("--offset", sa.options.offset, "statements to skip")
      ->capture_default_str()
      ->check(whole_number(0, 1000000));
  search->add_option("--passages", sa.options.passages, "passages per statement")
      ->capture_default_str()
      ->check(whole_number(0, 1000));
  search->add_option("--facets", sa.options.facet_limit, "values per facet (0 = all)")
      ->capture_default_str()
      ->check(whole_number(0, 100000));
  search->add_flag("--json", sa.json, "one JSON object per query on stdout");
  search->add_option("--batch", sa.batch, "read one query per line from FILE (- for stdin)")
      ->type_name("FILE");
  search->add_flag("--explain", sa.options.explain, "say why each hit ranked where it did");
  search->add_flag("--no-collapse", sa.no_collapse,
                   "show near-identical statements apart, not as one hit");

  app.add_subcommand("compact",
                     "compact the index with Xapian's compactor (safe while others search)");

  app.add_subcommand("repair", "point a damaged stub at the index's newest complete generation");

  bool stats_json = false;
  auto* stats = app.add_subcommand("stats", "describe the index: size, languages, facets");
  stats->add_flag("--json", stats_json, "JSON output");

  ServeArgs va;
  auto* serve = app.add_subcommand(
      "serve", "serve the index over HTTP: a search page and a JSON API (read-only)");
  serve->add_option("--bind", va.options.bind, "address to listen on")->capture_default_str();
  serve->add_option("--port", va.options.port, "port to listen on (0: any free one)")
      ->capture_default_str()
      ->check(whole_number(0, 65535));
  serve->add_option("--threads", va.options.threads, "searches at once (default: one per core)")
      ->check(whole_number(1, 256));
  serve
      ->add_option("--queue", va.options.queue,
                   "connections that may wait for a thread; more are answered 503")
      ->capture_default_str()
      ->check(whole_number(0, 100000));
  serve->add_option("--token-file", va.token_file,
                    "require \"Authorization: Bearer TOKEN\", TOKEN the first line of this file");

  SimilarArgs similar_args;
  auto* similar = add_similar_command(app, similar_args);
  cli::TrendArgs ta;
  auto* trend = cli::add_trend_command(app, ta, whole_number);
  cli::KwicArgs ka;
  auto* kwic = cli::add_kwic_command(app, ka, whole_number);

  ReferenceArgs reference;
  add_reference_commands(app, reference);

  if (std::string problem = command_problem(argc, argv, app); !problem.empty()) {
    spdlog::error("{}", cli::printable(problem));
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  }
  spdlog::set_level(verbose      ? spdlog::level::debug
                    : quiet_logs ? spdlog::level::warn
                                 : spdlog::level::info);
  const bool colored = use_color(color, STDOUT_FILENO);
  if (auto* sink =
          dynamic_cast<spdlog::sinks::stderr_color_sink_mt*>(logger->sinks().front().get()))
    sink->set_color_mode(use_color(color, STDERR_FILENO) ? spdlog::color_mode::always
                                                         : spdlog::color_mode::never);

  try {
    if (*index) return run_index(db, ia);
    if (app.got_subcommand("compact")) return run_compact(db);
    if (app.got_subcommand("repair")) return run_repair(db);
    if (*serve) return run_serve(db, va);
    if (*search) {
      if (sa.batch.empty() && sa.words.empty()) {
        spdlog::error("search needs a query, or --batch FILE");
        return kUsage;
      }
      return run_search(db, sa, colored);
    }
    if (*similar) return run_similar(db, similar_args, colored);
    if (*trend) return cli::run_trend(db, ta);
    if (*kwic) return cli::run_kwic(db, ka);
    if (run_reference_command(app, reference, std::cout)) return kOk;
    return run_stats(db, stats_json, colored);
  } catch (const QuerySyntaxError& e) {
    spdlog::error("query: {}", cli::printable(e.what()));
    return kQuerySyntax;
  } catch (const NotFound& e) {
    spdlog::error("{}", cli::printable(e.what()));
    return kNotFound;
  } catch (const LockedError& e) {
    spdlog::error("{}", cli::printable(e.what()));
    return kLocked;
  } catch (const CorruptIndex& e) {
    spdlog::error("{}", cli::printable(e.what()));
    return kCorrupt;
  } catch (const IoError& e) {
    spdlog::error("{}", cli::printable(e.what()));
    return kIo;
  } catch (const InvalidArgument& e) {
    spdlog::error("{}", cli::printable(e.what()));
    return kUsage;
  } catch (const std::exception& e) {
    spdlog::error("{}", cli::printable(e.what()));
    return kFailure;
  }
}
