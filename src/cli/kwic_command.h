// communique kwic: a concordance, every occurrence of a query's words and
// phrases with its context, aligned on the match, or as CSV or JSON.

#ifndef COMMUNIQUE_CLI_KWIC_COMMAND_H_
#define COMMUNIQUE_CLI_KWIC_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "communique/searcher.h"

namespace communique::cli {

struct KwicArgs {
  std::vector<std::string> words;
  std::string sort = "date";
  KwicOptions options;
  bool limit_given = false;
  bool json = false, csv = false;
};

// `number(lo, hi)` checks a whole number option (the command's own rule).
CLI::App* add_kwic_command(
    CLI::App& app, KwicArgs& args,
    const std::function<CLI::Validator(std::uint64_t, std::uint64_t)>& number);

// Runs it on the index `db`, writing lines as they are found; returns the
// exit code (errors are thrown).
//
// Terminal: `id date country left*match*right` (the contexts keep the
// text's spaces around the match), the left context
// right-aligned so that the matches stand in one column, at most 100
// lines unless --limit says otherwise, then the counts. CSV: a header
// `id,date,country,left,match,right` and a row per occurrence. JSON: one
// object {"query","lines":[{"id","date","country","left","match","right",
// "start","end"}],"statements","occurrences","listed"} written as the
// lines come. CSV and JSON list every line unless --limit; the counts of
// a CSV listing go to stderr.
int run_kwic(const std::string& db, KwicArgs& args);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_KWIC_COMMAND_H_
