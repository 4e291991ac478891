#include "cli/kwic_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "cli/output.h"

namespace communique::cli {

namespace {

// Lines written before the output is flushed: the first at once (a
// program reading through a pipe sees the concordance start), then in
// blocks, not a write per line.
constexpr std::uint64_t kFlushEvery = 4096;

// The terminal's id column: as wide as the widest id of the first lines
// (lines stream, so later ones cannot widen it), within bounds.
constexpr std::size_t kIdColumnLines = 100;
constexpr std::size_t kMaxIdColumn = 40;

std::string padded_left(const std::string& text, std::size_t width) {
  std::size_t shown = display_width(text);
  return std::string(shown < width ? width - shown : 0, ' ') + text;
}

std::string padded_right(const std::string& text, std::size_t width) {
  std::size_t shown = display_width(text);
  return text + std::string(shown < width ? width - shown : 0, ' ');
}

}  // namespace

CLI::App* add_kwic_command(
    CLI::App& app, KwicArgs& a,
    const std::function<CLI::Validator(std::uint64_t, std::uint64_t)>& number) {
  auto* kwic = app.add_subcommand(
      "kwic", "every occurrence of a query's words and phrases, with its context (a concordance)");
  kwic->add_option("query", a.words, "the query, as search takes it")->required();
  kwic->add_option("--width", a.options.width, "characters of context each side")
      ->capture_default_str()
      ->check(number(1, 1000));
  kwic->add_option("--limit", a.options.limit,
                   "lines to list (default 100 on a terminal, all with --csv or --json; 0 = all); "
                   "every occurrence is counted")
      ->check(number(0, std::uint64_t{1} << 40))
      ->each([&a](const std::string&) { a.limit_given = true; });
  kwic->add_option("--sort", a.sort,
                   "date (newest first; streams), country, left or right (these hold every line "
                   "in memory until sorted)")
      ->capture_default_str()
      ->check(CLI::IsMember({"date", "country", "left", "right"}));
  auto* json = kwic->add_flag("--json", a.json, "one JSON object, written as lines come");
  kwic->add_flag("--csv", a.csv, "CSV: id,date,country,left,match,right")->excludes(json);
  return kwic;
}

int run_kwic(const std::string& db, KwicArgs& a) {
  Searcher searcher(db);
  std::string query;
  for (const auto& w : a.words) query += (query.empty() ? "" : " ") + w;
  KwicOptions& o = a.options;
  o.sort = a.sort == "country" ? KwicSort::kCountry
           : a.sort == "left"  ? KwicSort::kLeft
           : a.sort == "right" ? KwicSort::kRight
                               : KwicSort::kDate;
  bool terminal = !a.json && !a.csv;
  if (terminal && !a.limit_given) o.limit = 100;
  bool color = terminal && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");

  std::ostream& out = std::cout;
  std::uint64_t lines = 0;
  std::size_t id_column = 0;
  bool column_known = false;
  auto flush = [&] {
    if (++lines == 1 || lines % kFlushEvery == 0) out.flush();
  };
  if (a.csv) out << "id,date,country,left,match,right\n";
  if (a.json) {
    nlohmann::ordered_json head{{"query", query}};
    std::string text = json_line(head);
    text.pop_back();  // the closing brace: the lines and counts follow
    out << text << ",\"lines\":[";
  }
  std::vector<Concordance> first_lines;  // the terminal's, until the id column is known
  auto print_line = [&](const Concordance& c) {
    std::string match = printable(c.match);
    out << padded_right(printable(c.id), id_column) << "  "
        << padded_right(c.date.empty() ? "no date" : c.date.to_string(), 10) << "  "
        << padded_right(printable(c.country), 3) << "  " << padded_left(printable(c.left), o.width)
        << (color ? "\033[1m" + match + "\033[0m" : "*" + match + "*") << printable(c.right)
        << "\n";
  };
  auto each = [&](const Concordance& c) {
    if (a.csv) {
      out << csv_field(c.id) << "," << csv_field(c.date.to_string()) << "," << csv_field(c.country)
          << "," << csv_field(c.left) << "," << csv_field(c.match) << "," << csv_field(c.right)
          << "\n";
    } else if (a.json) {
      nlohmann::ordered_json line{{"id", c.id},           {"date", c.date.to_string()},
                                  {"country", c.country}, {"left", c.left},
                                  {"match", c.match},     {"right", c.right},
                                  {"start", c.start},     {"end", c.end}};
      out << (lines ? ",\n" : "\n") << json_line(line);
    } else if (!column_known) {
      first_lines.push_back(c);
      if (first_lines.size() < kIdColumnLines) return true;
      column_known = true;
      for (const auto& l : first_lines)
        id_column = std::max(id_column, std::min(display_width(printable(l.id)), kMaxIdColumn));
      for (const auto& l : first_lines) print_line(l);
      first_lines.clear();
    } else {
      print_line(c);
    }
    flush();
    return static_cast<bool>(out);
  };
  KwicSummary summary = searcher.kwic(query, o, each);
  if (!first_lines.empty()) {
    for (const auto& l : first_lines)
      id_column = std::max(id_column, std::min(display_width(printable(l.id)), kMaxIdColumn));
    for (const auto& l : first_lines) print_line(l);
  }
  for (const auto& w : summary.warnings) std::cerr << "warning: query: " << printable(w) << "\n";
  std::string counts = std::to_string(summary.occurrences) +
                       (summary.occurrences == 1 ? " occurrence in " : " occurrences in ") +
                       std::to_string(summary.statements) +
                       (summary.statements == 1 ? " matching statement" : " matching statements");
  if (a.json) {
    out << (lines ? "\n" : "") << "],\"statements\":" << summary.statements
        << ",\"occurrences\":" << summary.occurrences << ",\"listed\":" << summary.listed;
    if (!summary.warnings.empty())
      out << ",\"warnings\":" << json_line(nlohmann::ordered_json(summary.warnings));
    out << "}\n";
  } else if (a.csv) {
    std::cerr << "kwic \"" << printable(query) << "\": " << counts << "\n";
  } else {
    out << (summary.listed ? "\n" : "") << counts << " for \"" << printable(query) << "\"";
    if (summary.listed < summary.occurrences && !summary.stopped)
      out << "; the first " << summary.listed << " listed (--limit 0 lists all)";
    out << "\n";
  }
  out.flush();
  return 0;
}

}  // namespace communique::cli
