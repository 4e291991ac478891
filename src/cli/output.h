// Printing results for people (terminal) and programs (JSON lines). The
// JSON here is the one schema of every program-facing answer: the CLI's
// --json and the server's /api/ endpoints both serialise through it.

#ifndef COMMUNIQUE_CLI_OUTPUT_H_
#define COMMUNIQUE_CLI_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "communique/report.h"
#include "communique/searcher.h"

namespace communique::cli {

// `text` safe to print on a terminal: control characters (C0, DEL, C1),
// which a page nobody controls may hold to move the cursor or rewrite the
// screen, are shown escaped (\x1b, \u009b). Everything the command prints
// from an index, a query or an input file goes through it.
std::string printable(std::string_view text);

// `j` on one line, control characters escaped as result_json escapes them.
std::string json_line(const nlohmann::ordered_json& j);

// `text` as one CSV field: printable (no control character, so no line
// break, in it), quoted where it holds a comma, a quote or outer spaces,
// and with a ' before a leading =, +, - or @, which spreadsheets would
// otherwise run as a formula (text from web pages is hostile).
std::string csv_field(std::string_view text);

// The columns of the terminal: $COLUMNS, else the terminal's, else 80.
std::size_t terminal_columns();

// How many columns `text` takes on a terminal: a character of the East
// Asian wide or full-width classes two, a combining mark none, others one.
std::size_t display_width(std::string_view text);

// One JSON object on one line: {"query","total","hits":[...],"facets":{...}},
// then "warnings", "suggestions" and "did_you_mean" when there are any, and
// "took_ms" when `took_ms` is not negative (batch mode: the query's wall
// time in milliseconds, measured inside the process). Control characters
// are escaped (\u001b, \u007f, \u009b).
std::string result_json(const SearchResult& result, bool explain, double took_ms = -1);

// {"query","error"} for a query that failed, so a batch can go on.
std::string error_json(const std::string& query, const std::string& error);

// {"error"} for a failure that is not a query's.
std::string error_json(const std::string& error);

// One statement whole: {"id","title","date","country","ministers",
// "mentions","role","language","source","url","body","passages":[{"start",
// "end"}],"matches":[...]}; passage offsets are UTF-8 byte offsets into
// "body", "matches" are passages as in result_json's hits.
std::string statement_json(const StoredStatement& stored);

// A readable listing: hits with their passages (matched words marked) and
// the facet summary. With `color` (--color), matches are marked in bold
// red instead of *...*, titles in bold and facet names in cyan; the
// colours are the command's own, around text already made printable.
void print_result(std::ostream& out, const SearchResult& result, bool color, bool explain);

// The same for Searcher::similar's result, whose query is the id.
void print_similar(std::ostream& out, const SearchResult& result, bool color, bool explain);

std::string stats_json(const IndexStats& stats);
void print_stats(std::ostream& out, const IndexStats& stats, bool color);

// The end-of-run summary of an indexing run, for stderr.
std::string report_summary(const IndexReport& report);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_OUTPUT_H_
