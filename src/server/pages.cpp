// The search page and the statement page, rendered on the server so that
// searching and reading work without script. Every value from the index
// or the request is written through escape_html (text and attributes) and
// link/url_encode (URLs); the page carries no inline script or style, so
// the Content-Security-Policy can forbid both.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "communique/gazetteer.h"
#include "server/assets.h"
#include "server/handlers.h"
#include "server/html.h"
#include "server/query_edit.h"
#include "server/timeline.h"

namespace communique::server {

namespace {

// Facet values listed at once, and behind "more".
constexpr std::size_t kFacetShown = 8;
constexpr std::size_t kFacetMore = 40;
// Bytes of a passage shown in a result, around its first match.
constexpr std::size_t kPassageWidth = 480;
// Passages marked in the statement view: enough for every match.
constexpr std::size_t kStatementMatches = kMaxPassages;
// Matched windows of a statement called out as its best passages.
constexpr std::size_t kBestPassages = 3;

std::string asset_url(std::string_view name) {
  const Asset* a = find_asset(name);
  return "/assets/" + std::string(name) + (a ? "?v=" + std::string(a->version) : "");
}

std::string search_link(const std::string& q, std::size_t page = 1) {
  return link("/", {{"q", q}, {"page", page > 1 ? std::to_string(page) : ""}});
}

std::string statement_link(const std::string& id, const std::string& q) {
  return link("/statement/" + url_encode(id), {{"q", q}});
}

std::string country_label(const std::string& code) {
  const Country* c = Gazetteer::builtin().by_code(code);
  return c && !c->name.empty() ? c->name + " (" + code + ")" : code;
}

// A BCP 47 tag fit for a lang attribute, or "" (the page's own).
std::string lang_attr(const std::string& language) {
  bool ok = !language.empty() && language.size() < 36 &&
            std::all_of(language.begin(), language.end(),
                        [](unsigned char c) { return std::isalnum(c) || c == '-'; });
  return ok ? " lang=\"" + escape_html(language) + "\"" : "";
}

// The syntax the query box accepts (README, "Query syntax"), each example
// a search.
struct SyntaxRow {
  const char* example;
  const char* meaning;
};
constexpr SyntaxRow kSyntax[] = {
    {"transport corridors",
     "statements with these words; those with all of them, close together, rank first"},
    {"\"belt and road\"", "the phrase (also matches Belt-and-Road)"},
    {"一带一路", "Chinese, Japanese or Thai as written, without spaces"},
    {"sanctions -tariffs", "without a word (also NOT tariffs)"},
    {"sanctions OR embargo", "either word"},
    {"(russia OR ukraine) grain", "parentheses group alternatives"},
    {"WHO vaccines", "words in capitals are acronyms: the organisation, not the word \"who\""},
    {"Wang Yi", "a person or country by any of their names, in every script (Wang Yi finds 王毅)"},
    {"country:KAZ", "issued by that country: ISO code, name (country:Kazakhstan) or demonym"},
    {"mentions:KAZ", "concerning that country"},
    {"minister:\"Wang Yi\"",
     "by that minister (full name, or any name containing the word; in any script: "
     "minister:王毅 too)"},
    {"role:\"foreign minister\"", "by someone in that post"},
    {"language:zh", "written in that language"},
    {"date:2020-07", "on that year, month or day"},
    {"date:2019..2021", "in that range (ends included); date:2019.. from then on"},
    {"* -sanctions", "every statement (here: without the word), newest first"},
};

std::string syntax_help() {
  std::string out =
      "<details class=\"syntax\"><summary>Query syntax</summary>"
      "<table><thead><tr><th scope=\"col\">you write</th><th scope=\"col\">it means</th></tr>"
      "</thead><tbody>";
  for (const auto& row : kSyntax) {
    out += "<tr><td><a href=\"" + escape_html(search_link(row.example)) + "\"><code>" +
           escape_html(row.example) + "</code></a></td><td>" + escape_html(row.meaning) +
           "</td></tr>";
  }
  out +=
      "</tbody></table><p>Filters on the same field are alternatives (country:KAZ country:UZB); "
      "filters on different fields all apply. A query of filters (or exclusions) alone lists "
      "the matching statements, newest first.</p></details>";
  return out;
}

// The whole document around `main`.
std::string layout(const std::string& title, const std::string& query, const std::string& main,
                   bool focus_query = false) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      escape_html(title) +
      "</title>"
      "<link rel=\"stylesheet\" href=\"" +
      escape_html(asset_url("style.css")) +
      "\">"
      "<link rel=\"icon\" href=\"" +
      escape_html(asset_url("favicon.svg")) +
      "\" type=\"image/svg+xml\">"
      "<script src=\"" +
      escape_html(asset_url("app.js")) +
      "\" defer></script></head>\n<body>"
      "<a class=\"skip\" href=\"#main\">Skip to results</a>"
      "<header class=\"top\"><a class=\"brand\" href=\"/\">Communique</a>"
      "<form class=\"search\" role=\"search\" action=\"/\" method=\"get\">"
      "<label for=\"q\" class=\"visually-hidden\">Search statements</label>"
      "<input id=\"q\" name=\"q\" type=\"search\" dir=\"auto\" autocomplete=\"off\" "
      "spellcheck=\"false\" maxlength=\"" +
      std::to_string(kMaxQueryBytes) +
      "\" placeholder=\"transport corridors country:KAZ date:2019..\" value=\"" +
      escape_html(query) + "\"" + (focus_query ? " autofocus" : "") +
      ">"
      "<button type=\"submit\">Search</button></form>" +
      syntax_help() + "</header>\n<main id=\"main\">" + main +
      "</main>\n<footer><p>Communique: full-text search over foreign-ministry statements. "
      "Keys: <kbd>/</kbd> search box, <kbd>j</kbd>/<kbd>k</kbd> next/previous result.</p>"
      "</footer></body></html>\n";
  return out;
}

// A passage of a result: about `width` bytes around its first match, the
// matches marked.
std::string marked_html(const Passage& p, std::size_t width = kPassageWidth) {
  std::size_t from = 0, to = p.text.size();
  if (to > width) {
    std::size_t focus = p.highlights.empty() ? 0 : p.highlights.front().first;
    from = focus > width / 3 ? utf8_floor(p.text, focus - width / 3) : 0;
    to = utf8_floor(p.text, std::min(p.text.size(), from + width));
    // At a space where there is one near (not in scripts written without).
    if (from > 0) {
      std::size_t space = p.text.find(' ', from);
      if (space != std::string::npos && space < from + 24 && space < focus) from = space + 1;
    }
    if (to < p.text.size()) {
      std::size_t space = p.text.rfind(' ', to);
      if (space != std::string::npos && space + 24 > to && space > from) to = space;
    }
  }
  std::string out = from > 0 ? "… " : "";
  std::size_t at = from;
  for (auto [s, e] : p.highlights) {
    if (s < at || e > to || s >= e) continue;
    out += escape_html(std::string_view(p.text).substr(at, s - at));
    out += "<mark>" + escape_html(std::string_view(p.text).substr(s, e - s)) + "</mark>";
    at = e;
  }
  out += escape_html(std::string_view(p.text).substr(at, to - at));
  if (to < p.text.size()) out += " …";
  return out;
}

std::string meta_line(const Date& date, const std::string& country,
                      const std::vector<std::string>& ministers) {
  std::vector<std::string> parts;
  if (!date.empty()) {
    std::string d = escape_html(date.to_string());
    parts.push_back("<time datetime=\"" + d + "\">" + d + "</time>");
  } else {
    parts.push_back("no date");
  }
  if (!country.empty()) parts.push_back("<span>" + escape_html(country_label(country)) + "</span>");
  for (const auto& m : ministers)
    parts.push_back("<span dir=\"auto\">" + escape_html(m) + "</span>");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out;
}

// ---- facets and timeline ----

// How the page shows a facet of SearchResult: its heading, the filter a
// click on a value adds, and the value's label. Every facet the result
// has is shown, in the result's (the schema's) order; a facet this table
// does not know is shown by its name, its values as they are.
struct FacetView {
  std::string name;        // "country", as in Facets::list
  std::string label;       // "Country"
  std::string field;       // the filter a click adds: "date" for years
  bool countries = false;  // values are country codes, shown with their names
};

FacetView view_of(const std::string& name) {
  static const FacetView kKnown[] = {
      {"country", "Country", "country", true}, {"minister", "Minister", "minister", false},
      {"year", "Year", "date", false},         {"mentions", "Mentions", "mentions", true},
      {"role", "Role", "role", false},         {"language", "Language", "language", false},
  };
  for (const auto& v : kKnown) {
    if (v.name == name) return v;
  }
  return {name, name, name, false};
}

std::string facet_item(const FacetView& f, const FacetValue& v, const std::string& q) {
  // The value as shown is the value a filter takes (Facets' contract):
  // minister:"汪文斌 (Wang Wenbin)".
  std::string word = filter_word(f.field, v.value);
  std::string label = f.countries ? country_label(v.value) : v.value;
  auto active = removable_filters(q);
  bool on = std::find(active.begin(), active.end(), word) != active.end();
  std::string target = on                  ? without_word(q, word)
                       : f.field == "date" ? with_date(q, word)
                                           : with_word(q, word);
  std::string out = "<li><a href=\"" + escape_html(search_link(target)) + "\"";
  if (on) out += " class=\"on\" aria-current=\"true\" title=\"remove this filter\"";
  out += "><span class=\"value\" dir=\"auto\">" + escape_html(label) +
         "</span> <span class=\"count\">" + with_commas(v.count) + "</span></a></li>";
  return out;
}

std::string facets_html(const Facets& facets, const std::string& q) {
  std::string out = "<div class=\"facets\">";
  for (const Facet& facet : facets.list) {
    const std::vector<FacetValue>& values = facet.values;
    if (values.empty()) continue;
    FacetView f = view_of(facet.name);
    // An id from the name's letters only: the name is ours, but not known here.
    std::string id = "facet-";
    for (char c : f.name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    out += "<section class=\"facet\" aria-labelledby=\"" + id + "\"><h2 id=\"" + id + "\">" +
           escape_html(f.label) + "</h2><ul>";
    for (std::size_t i = 0; i < values.size() && i < kFacetShown; ++i)
      out += facet_item(f, values[i], q);
    out += "</ul>";
    if (values.size() > kFacetShown) {
      std::size_t more = std::min(values.size(), kFacetShown + kFacetMore) - kFacetShown;
      out += "<details><summary>" + std::to_string(more) + " more";
      if (values.size() > kFacetShown + more)
        out += " (of " + with_commas(values.size() - kFacetShown) + ")";
      out += "</summary><ul>";
      for (std::size_t i = kFacetShown; i < kFacetShown + more; ++i)
        out += facet_item(f, values[i], q);
      out += "</ul></details>";
    }
    out += "</section>";
  }
  return out + "</div>";
}

std::string active_filters(const std::string& q) {
  auto filters = removable_filters(q);
  if (filters.empty()) return "";
  std::string out = "<ul class=\"chips\" aria-label=\"Filters in the query\">";
  for (const auto& f : filters) {
    out += "<li><a href=\"" + escape_html(search_link(without_word(q, f))) +
           "\" title=\"remove this filter\"><span dir=\"auto\">" + escape_html(f) +
           "</span> <span aria-hidden=\"true\">×</span><span class=\"visually-hidden\"> "
           "(remove)</span></a></li>";
  }
  return out + "</ul>";
}

std::string hit_html(const Hit& h, const std::string& q) {
  std::string out = "<li class=\"hit\"><h2 dir=\"auto\"" + lang_attr(h.language) + "><a href=\"" +
                    escape_html(statement_link(h.id, q)) + "\">" +
                    escape_html(h.title.empty() ? h.id : h.title) + "</a></h2><p class=\"meta\">" +
                    meta_line(h.date, h.country, h.ministers) + "</p>";
  for (const auto& p : h.passages) {
    out += "<blockquote class=\"passage\" dir=\"auto\"" + lang_attr(h.language) + ">" +
           marked_html(p) + "</blockquote>";
  }
  return out + "</li>";
}

std::string pager(const std::string& q, std::size_t page, std::uint64_t total) {
  std::size_t pages = static_cast<std::size_t>(
      std::min<std::uint64_t>((total + kPageSize - 1) / kPageSize, kMaxOffset / kPageSize + 1));
  if (pages <= 1) return "";
  std::string out = "<nav class=\"pager\" aria-label=\"Pages\">";
  if (page > 1)
    out += "<a rel=\"prev\" href=\"" + escape_html(search_link(q, page - 1)) + "\">← Previous</a>";
  out += "<span>Page " + std::to_string(page) + " of " + with_commas(pages) + "</span>";
  if (page < pages)
    out += "<a rel=\"next\" href=\"" + escape_html(search_link(q, page + 1)) + "\">Next →</a>";
  return out + "</nav>";
}

std::string home_html(const IndexStats& stats) {
  std::string out =
      "<section class=\"home\"><h1>Search " + with_commas(stats.statements) + " statements</h1><p>";
  const auto& countries = stats.facets.of("country");
  const auto& years = stats.facets.of("year");
  if (!countries.empty()) out += "From " + with_commas(countries.size()) + " countries";
  if (!years.empty()) {
    int lo = 0, hi = 0;
    for (const auto& v : years) {
      if (int y = year_of(v.value)) {
        lo = lo ? std::min(lo, y) : y;
        hi = std::max(hi, y);
      }
    }
    if (lo) out += ", " + std::to_string(lo) + " to " + std::to_string(hi);
  }
  out += ". Try <a href=\"" + escape_html(search_link("transport corridors")) +
         "\">transport corridors</a>, <a href=\"" +
         escape_html(search_link("\"belt and road\" date:2019..")) +
         "\">\"belt and road\" date:2019..</a> or <a href=\"" +
         escape_html(search_link("WHO vaccines")) +
         "\">WHO vaccines</a>; the query syntax is under the box.</p>";
  // Or browse: every facet value lists its statements.
  out += "<div class=\"browse\">" + facets_html(stats.facets, "") + "</div></section>";
  return out;
}

}  // namespace

Reply page_search(Searcher& searcher, const Request& request) {
  std::string q = query_param(request, false);
  if (q.find_first_not_of(" \t\r\n") == std::string::npos) {
    return html_reply(200, layout("Communique", "", home_html(searcher.stats()), true));
  }
  std::size_t page =
      std::max<std::size_t>(count_param(request, "page", 1, kMaxOffset / kPageSize + 1), 1);
  SearchOptions options;
  options.offset = (page - 1) * kPageSize;
  options.limit = kPageSize;
  options.facet_limit = 0;  // every year, for the timeline
  SearchResult r;
  try {
    r = searcher.search(q, options);
  } catch (const QuerySyntaxError& e) {
    return page_error(400, e.what(), request);
  }
  std::string main = "<div class=\"summary\"><p role=\"status\">" + with_commas(r.total) +
                     (r.total == 1 ? " statement matches" : " statements match") +
                     " <q dir=\"auto\">" + escape_html(q) + "</q>";
  if (!r.hits.empty()) {
    main += "; " + with_commas(options.offset + 1) + " to " +
            with_commas(options.offset + r.hits.size()) + " shown";
  }
  main += ". <a class=\"json\" href=\"" + escape_html(link("/api/search", {{"q", q}})) +
          "\">As JSON</a></p>";
  // How the query was read, where that differs from what was written.
  if (!r.warnings.empty()) {
    main += "<ul class=\"warnings\" aria-label=\"How the query was read\">";
    for (const auto& w : r.warnings) main += "<li dir=\"auto\">" + escape_html(w) + "</li>";
    main += "</ul>";
  }
  if (!r.did_you_mean.empty()) {
    std::string missing;
    for (const auto& s : r.suggestions) missing += (missing.empty() ? "" : ", ") + s.word;
    main += "<p class=\"did-you-mean\">Did you mean <a href=\"" +
            escape_html(search_link(r.did_you_mean)) + "\" dir=\"auto\">" +
            escape_html(r.did_you_mean) + "</a>? <span>(no statement has " + escape_html(missing) +
            ")</span></p>";
  }
  main += active_filters(q) + "</div>";
  main += "<div class=\"columns\"><section class=\"results\" aria-label=\"Results\">";
  if (r.hits.empty()) {
    main += r.total ? "<p>No more results: this page is past the last one.</p>"
                    : "<p>Nothing matches. Fewer words, another form of a word, or fewer filters "
                      "may find something.</p>";
  } else {
    main += "<ol class=\"hits\" start=\"" + std::to_string(options.offset + 1) + "\">";
    for (const auto& h : r.hits) main += hit_html(h, q);
    main += "</ol>";
  }
  main += pager(q, page, r.total) + "</section><aside class=\"side\" aria-label=\"Refine\">";
  if (r.total) {
    main += timeline_svg(year_bars(r.facets.of("year"), index_years(searcher)), [&](int year) {
      return search_link(with_date(q, filter_word("date", std::to_string(year))));
    });
    main += facets_html(r.facets, q);
  }
  main += "</aside></div>";
  return html_reply(200, layout(q + " – Communique", q, main));
}

Reply page_statement(Searcher& searcher, const Request& request) {
  std::string q = query_param(request, false);
  const std::string& id = request.captures.at(0);
  StoredStatement st;
  try {
    st = searcher.statement(id, q, kStatementMatches);
  } catch (const QuerySyntaxError&) {
    st = searcher.statement(id);  // the statement still reads; nothing to mark
  }
  const Statement& s = st.statement;

  // Every matched word as a byte range of the body, and the best windows.
  std::vector<std::pair<std::size_t, std::size_t>> marks, best;
  for (std::size_t i = 0; i < st.matches.size(); ++i) {
    const Passage& m = st.matches[i];
    for (auto [a, b] : m.highlights) marks.emplace_back(m.start + a, m.start + b);
    if (i < kBestPassages) best.emplace_back(m.start, m.end);
  }
  std::sort(marks.begin(), marks.end());
  auto spans = st.passages;
  if (spans.empty() && !s.body.empty()) spans.emplace_back(0, s.body.size());

  std::string main = "<article class=\"statement\">";
  if (!q.empty()) {
    main += "<p class=\"back\"><a href=\"" + escape_html(search_link(q)) +
            "\">← Results for <q dir=\"auto\">" + escape_html(q) + "</q></a></p>";
  }
  main += "<h1 dir=\"auto\"" + lang_attr(s.language) + ">" +
          escape_html(s.title.empty() ? s.id : s.title) + "</h1><dl class=\"fields\">";
  auto field = [&](const char* name, const std::string& html) {
    if (!html.empty()) main += "<dt>" + std::string(name) + "</dt><dd>" + html + "</dd>";
  };
  field("Date", s.date.empty() ? "" : "<time>" + escape_html(s.date.to_string()) + "</time>");
  field("Country", s.country.empty()
                       ? ""
                       : "<a href=\"" +
                             escape_html(search_link(filter_word("country", s.country))) + "\">" +
                             escape_html(country_label(s.country)) + "</a>");
  std::string ministers;
  for (const auto& m : s.ministers) {
    ministers += (ministers.empty() ? "" : ", ") + std::string("<a dir=\"auto\" href=\"") +
                 escape_html(search_link(filter_word("minister", m))) + "\">" + escape_html(m) +
                 "</a>";
  }
  field("Ministers", ministers);
  std::string mentions;
  for (const auto& m : s.mentions) {
    mentions += (mentions.empty() ? "" : ", ") + std::string("<a href=\"") +
                escape_html(search_link(filter_word("mentions", m))) + "\">" +
                escape_html(country_label(m)) + "</a>";
  }
  field("Mentions", mentions);
  auto filter_link = [](const char* name, const std::string& value) {
    return value.empty()
               ? std::string()
               : "<a dir=\"auto\" href=\"" + escape_html(search_link(filter_word(name, value))) +
                     "\">" + escape_html(value) + "</a>";
  };
  field("Role", filter_link("role", s.role));
  field("Language", filter_link("language", s.language));
  field("Source", escape_html(s.source));
  // Only a web address becomes a link; anything else (javascript:, data:)
  // is shown as the text it is.
  field("Address", s.url.empty()       ? ""
                   : is_web_url(s.url) ? "<a href=\"" + escape_html(s.url) +
                                             "\" rel=\"noopener noreferrer nofollow\">" +
                                             escape_html(s.url) + "</a>"
                                       : "<span class=\"url\">" + escape_html(s.url) + "</span>");
  field("Id", "<code>" + escape_html(s.id) + "</code>");
  main += "</dl>";
  if (!q.empty()) {
    main += "<p class=\"matched\">" +
            (st.matches.empty() ? std::string("The words of the query are not in this text.")
                                : "Marked: the words of the query; highlighted: the " +
                                      std::to_string(std::min(st.matches.size(), kBestPassages)) +
                                      " passages it matches best. <a href=\"#best\">Go to the best "
                                      "one</a>.") +
            "</p>";
  }
  // Seam: links to similar statements go here when Searcher has similar().

  main += "<div class=\"body\"" + lang_attr(s.language) + ">";
  std::size_t next_mark = 0;
  bool anchored = false;
  const std::size_t best_first = best.empty() ? std::string::npos : best.front().first;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    auto [start, end] = spans[i];
    end = std::min(end, s.body.size());
    if (start >= end) continue;
    bool is_best = std::any_of(best.begin(), best.end(),
                               [&](const auto& w) { return start < w.second && w.first < end; });
    main += "<p id=\"p" + std::to_string(i + 1) + "\" dir=\"auto\"";
    if (is_best) main += " class=\"best\"";
    main += ">";
    if (!anchored && best_first != std::string::npos && start <= best_first && best_first < end) {
      main += "<span id=\"best\"></span>";
      anchored = true;
    }
    std::size_t at = start;
    while (next_mark < marks.size() && marks[next_mark].first < end) {
      auto [a, b] = marks[next_mark++];
      if (a < at || b > end) continue;
      main += escape_html(std::string_view(s.body).substr(at, a - at));
      main += "<mark>" + escape_html(std::string_view(s.body).substr(a, b - a)) + "</mark>";
      at = b;
    }
    main += escape_html(std::string_view(s.body).substr(at, end - at)) + "</p>";
  }
  main += "</div><p class=\"json\"><a href=\"" +
          escape_html(link("/api/statement/" + url_encode(s.id), {{"q", q}})) +
          "\">This statement as JSON</a></p></article>";
  return html_reply(200, layout((s.title.empty() ? s.id : s.title) + " – Communique", q, main));
}

Reply page_error(int status, const std::string& message, const Request& request) {
  std::string q = request.param("q");
  if (q.size() > kMaxQueryBytes) q.clear();
  std::string main = "<div class=\"error\" role=\"alert\"><h1>" +
                     std::string(status == 400   ? "That query cannot be searched"
                                 : status == 404 ? "Not found"
                                 : status == 503 ? "The index cannot be searched just now"
                                                 : "Something went wrong") +
                     "</h1><p dir=\"auto\">" + escape_html(message) + "</p></div>";
  return html_reply(status, layout("Error – Communique", q, main));
}

}  // namespace communique::server
