#include "cli/output.h"

#include <sys/ioctl.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

namespace communique::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json facet_json(const std::vector<FacetValue>& values) {
  ordered_json out = ordered_json::array();
  for (const auto& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
  return out;
}

ordered_json facets_json(const Facets& facets) {
  ordered_json out = ordered_json::object();
  for (const Facet& f : facets.list) out[f.name] = facet_json(f.values);
  return out;
}

ordered_json passages_json(const std::vector<Passage>& passages) {
  ordered_json out = ordered_json::array();
  for (const auto& p : passages) {
    ordered_json hl = ordered_json::array();
    for (auto [s, e] : p.highlights) hl.push_back({s, e});
    out.push_back({{"text", p.text},
                   {"start", p.start},
                   {"end", p.end},
                   {"score", p.score},
                   {"highlights", hl}});
  }
  return out;
}

// One line of JSON. The serializer escapes the C0 controls; DEL and the C1
// controls (U+0080..U+009F, which some terminals obey as escapes) are
// escaped here too, so that JSON shown on a terminal is as inert as the
// human output. Valid UTF-8 holds those bytes only as these characters,
// and JSON output holds them only inside strings.
std::string dump(const ordered_json& j) {
  std::string raw = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size());
  char buf[8];
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(raw[i + 1]) <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(raw[++i]));
      out += buf;
    } else {
      out += raw[i];
    }
  }
  return out;
}

// The colours of --color: ours alone, around text that printable() has
// made inert, so no statement can start, end or forge one.
constexpr const char* kMatchStyle = "\033[1;31m";  // bold red, as grep marks matches
constexpr const char* kTitleStyle = "\033[1m";     // bold
constexpr const char* kFacetStyle = "\033[36m";    // cyan
constexpr const char* kReset = "\033[0m";

std::string styled(const std::string& text, const char* style, bool color) {
  return color ? style + text + kReset : text;
}

// Backs `at` up to the start of a UTF-8 sequence.
std::size_t char_start(const std::string& s, std::size_t at) {
  while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
  return std::min(at, s.size());
}

// The passage with its matches marked, cut to about `width` bytes around
// the first match.
std::string marked(const Passage& p, bool color, std::size_t width = 360) {
  std::size_t from = 0, to = p.text.size();
  if (to > width) {
    std::size_t focus = p.highlights.empty() ? 0 : p.highlights.front().first;
    from = focus > width / 3 ? char_start(p.text, focus - width / 3) : 0;
    to = char_start(p.text, std::min(p.text.size(), from + width));
  }
  // Line breaks and tabs become spaces (a passage shows on one line), other
  // controls are escaped; then the marks, which are ours.
  auto text = [&](std::size_t a, std::size_t b) {
    std::string piece = p.text.substr(a, b - a);
    for (char& c : piece) {
      if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    }
    return printable(piece);
  };
  std::string out = from > 0 ? "..." : "";
  std::size_t at = from;
  for (auto [s, e] : p.highlights) {
    if (s < at || e > to) continue;
    out += text(at, s);
    out += color ? kMatchStyle : "*";
    out += text(s, e);
    out += color ? kReset : "*";
    at = e;
  }
  out += text(at, to);
  if (to < p.text.size()) out += "...";
  return out;
}

// "Statements by" and a line per facet with values: the first `shown`
// values of each (ministers, whose names are long, half as many).
void print_facets(std::ostream& out, const Facets& facets, std::size_t shown, bool color) {
  if (std::all_of(facets.list.begin(), facets.list.end(),
                  [](const Facet& f) { return f.values.empty(); }))
    return;
  out << "Statements by\n";
  for (const Facet& f : facets.list) {
    if (f.values.empty()) continue;
    std::size_t n = f.name == "minister" ? (shown + 1) / 2 : shown;
    out << "  " << styled(f.name + ":", kFacetStyle, color);
    for (std::size_t i = 0; i < f.values.size() && i < n; ++i) {
      out << (i ? ", " : " ") << printable(f.values[i].value) << " (" << f.values[i].count << ")";
    }
    if (f.values.size() > n) out << ", ...";
    out << "\n";
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// The hits, each with its passages, and the facet summary.
void print_hits(std::ostream& out, const SearchResult& r, bool color, bool explain) {
  std::size_t rank = 0;
  for (const auto& h : r.hits) {
    out << "\n"
        << ++rank << ". " << styled(printable(h.title.empty() ? h.id : h.title), kTitleStyle, color)
        << "\n";
    out << "   " << (h.date.empty() ? "no date" : h.date.to_string());
    if (!h.country.empty()) out << " | " << printable(h.country);
    if (!h.ministers.empty()) out << " | " << printable(join(h.ministers));
    out << " | id " << printable(h.id) << "\n";
    for (const auto& p : h.passages) out << "   > " << marked(p, color) << "\n";
    if (!h.duplicates.empty()) {
      out << "   +" << h.duplicates.size() << " near-identical:";
      for (std::size_t i = 0; i < h.duplicates.size(); ++i) {
        const Duplicate& d = h.duplicates[i];
        out << (i ? ", " : " ") << printable(d.country.empty() ? d.id : d.country) << " "
            << (d.date.empty() ? "no date" : d.date.to_string());
        if (d.same_country) out << " (id " << printable(d.id) << ")";
      }
      out << "\n";
    }
    if (explain && !h.explanation.empty()) out << "   why: " << printable(h.explanation) << "\n";
  }
  if (!r.hits.empty()) out << "\n";
  print_facets(out, r.facets, 8, color);
}

}  // namespace

std::string json_line(const ordered_json& j) { return dump(j); }

std::string csv_field(std::string_view text) {
  std::string value = printable(text);
  if (!value.empty() && std::string_view("=+-@").find(value.front()) != std::string_view::npos)
    value.insert(0, "'");
  bool quote = value.find_first_of(",\"") != std::string::npos ||
               (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::size_t terminal_columns() {
  if (const char* env = std::getenv("COLUMNS")) {
    char* end = nullptr;
    long n = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && n >= 20 && n <= 1000) return static_cast<std::size_t>(n);
  }
  winsize size{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col >= 20)
    return size.ws_col;
  return 80;
}

std::size_t display_width(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  auto length = static_cast<std::int32_t>(text.size());
  std::size_t width = 0;
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      ++width;
      continue;
    }
    auto category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || c == 0x200B) continue;
    auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
  }
  return width;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(text[++i]));
      out += buf;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string result_json(const SearchResult& r, bool explain, double took_ms) {
  ordered_json j;
  j["query"] = r.query;
  j["total"] = r.total;
  ordered_json hits = ordered_json::array();
  for (const auto& h : r.hits) {
    ordered_json hit;
    hit["id"] = h.id;
    hit["score"] = h.score;
    hit["title"] = h.title;
    hit["date"] = h.date.to_string();
    hit["country"] = h.country;
    hit["ministers"] = h.ministers;
    if (!h.mentions.empty()) hit["mentions"] = h.mentions;
    if (!h.role.empty()) hit["role"] = h.role;
    if (!h.url.empty()) hit["url"] = h.url;
    hit["passages"] = passages_json(h.passages);
    if (!h.duplicates.empty()) {
      ordered_json duplicates = ordered_json::array();
      for (const auto& d : h.duplicates) {
        duplicates.push_back({{"id", d.id},
                              {"country", d.country},
                              {"date", d.date.to_string()},
                              {"same_country", d.same_country}});
      }
      hit["duplicates"] = std::move(duplicates);
    }
    if (explain) hit["explain"] = h.explanation;
    hits.push_back(std::move(hit));
  }
  j["hits"] = std::move(hits);
  j["facets"] = facets_json(r.facets);
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  if (!r.suggestions.empty()) {
    ordered_json suggestions = ordered_json::array();
    for (const auto& s : r.suggestions)
      suggestions.push_back({{"word", s.word}, {"suggestion", s.suggestion}});
    j["suggestions"] = std::move(suggestions);
    j["did_you_mean"] = r.did_you_mean;
  }
  if (took_ms >= 0) j["took_ms"] = std::round(took_ms * 1000) / 1000;
  return dump(j);
}

std::string error_json(const std::string& query, const std::string& error) {
  return dump(ordered_json{{"query", query}, {"error", error}});
}

std::string error_json(const std::string& error) { return dump(ordered_json{{"error", error}}); }

std::string statement_json(const StoredStatement& stored) {
  const Statement& s = stored.statement;
  ordered_json j;
  j["id"] = s.id;
  j["title"] = s.title;
  j["date"] = s.date.to_string();
  j["country"] = s.country;
  j["ministers"] = s.ministers;
  j["mentions"] = s.mentions;
  j["role"] = s.role;
  j["language"] = s.language;
  j["source"] = s.source;
  j["url"] = s.url;
  j["body"] = s.body;
  ordered_json spans = ordered_json::array();
  for (auto [start, end] : stored.passages) spans.push_back({{"start", start}, {"end", end}});
  j["passages"] = std::move(spans);
  j["matches"] = passages_json(stored.matches);
  return dump(j);
}

void print_result(std::ostream& out, const SearchResult& r, bool color, bool explain) {
  out << r.total << (r.total == 1 ? " statement matches" : " statements match") << " \""
      << printable(r.query) << "\"\n";
  if (!r.did_you_mean.empty()) {
    out << "Did you mean \"" << printable(r.did_you_mean) << "\"? (no statement has";
    for (std::size_t i = 0; i < r.suggestions.size(); ++i)
      out << (i ? ", " : " ") << printable(r.suggestions[i].word);
    out << ")\n";
  }
  print_hits(out, r, color, explain);
}

void print_similar(std::ostream& out, const SearchResult& r, bool color, bool explain) {
  out << r.total << (r.total == 1 ? " statement shares" : " statements share") << " words with "
      << printable(r.query);
  if (!r.hits.empty()) out << "; the most alike first";
  out << "\n";
  print_hits(out, r, color, explain);
}

std::string stats_json(const IndexStats& s) {
  ordered_json j;
  j["statements"] = s.statements;
  j["terms"] = s.terms;
  j["average_length"] = s.average_length;
  j["generation"] = s.generation;
  ordered_json langs = ordered_json::array();
  for (const auto& [lang, n] : s.languages) langs.push_back({{"value", lang}, {"count", n}});
  j["languages"] = std::move(langs);
  j["duplicate_groups"] = s.duplicate_groups;
  j["grouped_statements"] = s.grouped_statements;
  j["facets"] = facets_json(s.facets);
  return dump(j);
}

void print_stats(std::ostream& out, const IndexStats& s, bool color) {
  out << s.statements << " statements, " << s.terms << " distinct terms, "
      << static_cast<long>(s.average_length) << " words per statement on average\n";
  if (!s.generation.empty()) out << "generation: " << printable(s.generation) << "\n";
  out << "languages:";
  for (const auto& [lang, n] : s.languages) out << " " << printable(lang) << " (" << n << ")";
  out << "\n";
  out << "near-identical: " << s.grouped_statements << " statements in " << s.duplicate_groups
      << " groups\n";
  print_facets(out, s.facets, 15, color);
}

std::string report_summary(const IndexReport& r) {
  std::ostringstream out;
  out << "read " << r.read << " statements, indexed " << r.indexed << " (" << r.indexed - r.replaced
      << " added, " << r.replaced << " changed), " << r.unchanged << " unchanged, " << r.removed
      << " removed, " << r.skipped << " skipped";
  if (r.files_skipped) out << "; " << r.files_skipped << " files not statements";
  out.precision(3);
  out << "; " << r.seconds << " s";
  if (!r.per_format.empty()) {
    out << "\n  by format:";
    for (const auto& [format, n] : r.per_format) out << " " << format << " " << n;
  }
  auto counts = r.problem_counts();
  if (!counts.empty()) {
    out << "\n  problems:";
    for (const auto& [kind, n] : counts) out << " " << kind << " " << n;
  }
  return out.str();
}

}  // namespace communique::cli
