#include "cli/search_command.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/app.h"
#include "cli/output.h"
#include "communique/error.h"

namespace communique::cli {

namespace {

// How the query was read, where it differs from what was written: on
// stderr, so that a result read by a program stays as it was.
void warn_about(const SearchResult& r, bool batch) {
  for (const auto& w : r.warnings) {
    if (batch)
      spdlog::warn("query \"{}\": {}", printable(r.query), printable(w));
    else
      spdlog::warn("query: {}", printable(w));
  }
}

int run_batch(Searcher& searcher, const SearchArgs& a, bool color) {
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
        std::cout << result_json(r, a.options.explain, took_ms) << "\n";
      else
        print_result(std::cout, r, color, a.options.explain);
    } catch (const Error& e) {  // one bad query does not stop the batch
      if (a.json)
        std::cout << error_json(line, e.what()) << "\n";
      else
        std::cout << "error in query \"" << printable(line) << "\": " << printable(e.what())
                  << "\n";
    }
    std::cout.flush();  // a program reading answers through a pipe gets each at once
  }
  return kOk;
}

}  // namespace

CLI::App* add_search_command(CLI::App& app, SearchArgs& sa) {
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
  return search;
}

int run_search(const std::string& db, SearchArgs& a, bool color) {
  if (a.batch.empty() && a.words.empty()) {
    spdlog::error("search needs a query, or --batch FILE");
    return kUsage;
  }
  a.options.collapse = !a.no_collapse;
  Searcher searcher(db);
  if (!a.batch.empty()) return run_batch(searcher, a, color);
  std::string query;
  for (const auto& w : a.words) query += (query.empty() ? "" : " ") + w;
  SearchResult r = searcher.search(query, a.options);
  warn_about(r, false);
  if (a.json)
    std::cout << result_json(r, a.options.explain) << "\n";
  else
    print_result(std::cout, r, color, a.options.explain);
  return kOk;
}

}  // namespace communique::cli
