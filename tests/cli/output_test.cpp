#include "cli/output.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace communique::cli {
namespace {

// What a hostile page may hold: an escape sequence that clears the screen
// and rewrites the title, a C1 CSI (U+009B), DEL, a bell, line breaks, and
// quotes and backslashes for JSON.
const std::string kHostile =
    "Title\x1b]0;pwned\x07 \x1b[2J\xc2\x9b"
    "31m \"quoted\" back\\slash\nnext line\r\x7f end";

// Whether `s` holds a byte a terminal obeys rather than shows: C0 (the
// line break aside, when `newlines` are allowed), DEL, or a C1 control
// (U+0080..U+009F, C2 80..C2 9F in UTF-8).
bool has_raw_control(const std::string& s, bool newlines = false) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' && newlines) continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

// Whether `s` is well-formed UTF-8 (no sequence cut in two).
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80             ? 1
                    : (c & 0xE0) == 0xC0 ? 2
                    : (c & 0xF0) == 0xE0 ? 3
                    : (c & 0xF8) == 0xF0 ? 4
                                         : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// `s` without the escape sequences of --color (ours): what is left must
// hold no escape at all.
std::string without_our_colours(std::string s) {
  for (const char* style : {"\033[1;31m", "\033[1m", "\033[36m", "\033[0m"}) {
    for (auto at = s.find(style); at != std::string::npos; at = s.find(style))
      s.erase(at, std::string(style).size());
  }
  return s;
}

Passage passage(const std::string& text, std::size_t match_start, std::size_t match_end) {
  Passage p;
  p.text = text;
  p.end = text.size();
  p.score = 1.5;
  p.highlights = {{match_start, match_end}};
  return p;
}

// A result whose every field a page or a query could have filled holds
// hostile text.
SearchResult hostile_result() {
  SearchResult r;
  r.query = "peace " + kHostile;
  r.total = 1;
  Hit h;
  h.id = "id-" + kHostile;
  h.score = 0.75;
  h.title = kHostile;
  h.date = Date{2020, 7, 17};
  h.country = "N\x1b[5mPL";
  h.ministers = {"Minister\x1b[1m One", "Two"};
  h.url = "https://example.org/\x1b[0m";
  std::string body = "Before peace" + kHostile + " after.";
  h.passages.push_back(passage(body, 7, 12));  // "peace"
  h.explanation = "why\x1b[31m";
  r.hits.push_back(h);
  r.facets.list.push_back({"country", {{"N\x1b[5mPL", 1}}});
  r.facets.list.push_back({"year", {{"2020", 1}}});
  r.warnings = {"the '(' is never closed\x1b[2J"};
  return r;
}

TEST(Printable, EscapesEveryControlAndKeepsTheText) {
  EXPECT_EQ(printable("a\x1b[31mb"), "a\\x1b[31mb");
  EXPECT_EQ(printable("bell\x07 del\x7f nul"), "bell\\x07 del\\x7f nul");
  EXPECT_EQ(printable(std::string("nul\0!", 5)), "nul\\x00!");
  EXPECT_EQ(printable("line\nbreak\ttab\r"), "line\\x0abreak\\x09tab\\x0d");
  EXPECT_EQ(printable("csi\xc2\x9b"
                      "31m"),
            "csi\\u009b31m");
  EXPECT_EQ(printable("\xc2\x80\xc2\x9f"), "\\u0080\\u009f");
  // Letters, the no-break space (C2 A0, just past the C1 block), CJK, emoji.
  const std::string text =
      "Déclaration\xc2\xa0"
      "du 中国外交部 🇺🇦 Łódź";
  EXPECT_EQ(printable(text), text);
  EXPECT_FALSE(has_raw_control(printable(kHostile)));
}

TEST(JsonLine, IsOneLineOfValidJsonWithTheTextIntact) {
  nlohmann::ordered_json j{{"text", kHostile}, {"n", 3}};
  std::string line = json_line(j);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_FALSE(has_raw_control(line));
  EXPECT_NE(line.find("\\u001b"), std::string::npos);
  EXPECT_NE(line.find("\\u009b"), std::string::npos);
  EXPECT_NE(line.find("\\u007f"), std::string::npos);
  EXPECT_NE(line.find("\\\"quoted\\\""), std::string::npos);
  auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["text"], kHostile);
  EXPECT_EQ(parsed["n"], 3);
}

TEST(ResultJson, IsOneLineOfValidJsonThatReadsBackAsTheResult) {
  SearchResult r = hostile_result();
  std::string line = result_json(r, false);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_FALSE(has_raw_control(line));
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["query"], r.query);
  EXPECT_EQ(j["total"], 1);
  ASSERT_EQ(j["hits"].size(), 1u);
  const auto& hit = j["hits"][0];
  EXPECT_EQ(hit["id"], r.hits[0].id);
  EXPECT_EQ(hit["title"], kHostile);
  EXPECT_EQ(hit["date"], "2020-07-17");
  EXPECT_EQ(hit["country"], r.hits[0].country);
  EXPECT_EQ(hit["ministers"][0], r.hits[0].ministers[0]);
  EXPECT_EQ(hit["url"], r.hits[0].url);
  ASSERT_EQ(hit["passages"].size(), 1u);
  EXPECT_EQ(hit["passages"][0]["text"], r.hits[0].passages[0].text);
  EXPECT_EQ(hit["passages"][0]["highlights"][0][0], 7);
  EXPECT_EQ(hit["passages"][0]["highlights"][0][1], 12);
  EXPECT_EQ(j["facets"]["country"][0]["value"], r.facets.list[0].values[0].value);
  EXPECT_EQ(j["facets"]["year"][0]["count"], 1);
  EXPECT_EQ(j["warnings"][0], r.warnings[0]);
}

TEST(ResultJson, OptionalFieldsAppearOnlyWhenTheyHoldSomething) {
  SearchResult r = hostile_result();
  auto plain = nlohmann::json::parse(result_json(r, false));
  EXPECT_FALSE(plain["hits"][0].contains("explain"));
  EXPECT_FALSE(plain.contains("took_ms"));
  EXPECT_FALSE(plain.contains("suggestions"));
  EXPECT_FALSE(plain.contains("did_you_mean"));

  r.suggestions = {{"sanctoins", "sanctions"}};
  r.did_you_mean = "sanctions";
  auto full = nlohmann::json::parse(result_json(r, true, 12.34567));
  EXPECT_EQ(full["hits"][0]["explain"], r.hits[0].explanation);
  EXPECT_DOUBLE_EQ(full["took_ms"].get<double>(), 12.346);
  EXPECT_EQ(full["suggestions"][0]["word"], "sanctoins");
  EXPECT_EQ(full["suggestions"][0]["suggestion"], "sanctions");
  EXPECT_EQ(full["did_you_mean"], "sanctions");

  r.warnings.clear();
  EXPECT_FALSE(nlohmann::json::parse(result_json(r, false)).contains("warnings"));
}

TEST(ErrorJson, CarriesTheQueryAndTheMessage) {
  auto j = nlohmann::json::parse(error_json(kHostile, "query \"x\" refused\n"));
  EXPECT_EQ(j["query"], kHostile);
  EXPECT_EQ(j["error"], "query \"x\" refused\n");
  EXPECT_FALSE(has_raw_control(error_json(kHostile, kHostile)));
  EXPECT_EQ(nlohmann::json::parse(error_json("no index")), nlohmann::json({{"error", "no index"}}));
}

TEST(StatementJson, HoldsTheBodyWholeWithItsPassageOffsets) {
  StoredStatement stored;
  stored.statement.id = "s1";
  stored.statement.title = kHostile;
  stored.statement.body = "First.\n" + kHostile;
  stored.passages = {{0, 6}, {7, stored.statement.body.size()}};
  std::string line = statement_json(stored);
  EXPECT_FALSE(has_raw_control(line));
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["body"], stored.statement.body);
  EXPECT_EQ(j["title"], kHostile);
  EXPECT_EQ(j["passages"][1]["start"], 7);
  EXPECT_EQ(j["passages"][1]["end"], stored.statement.body.size());
  EXPECT_TRUE(j["matches"].empty());
}

TEST(PrintResult, HostileTextNeverReachesTheTerminalRaw) {
  for (bool color : {false, true}) {
    std::ostringstream out;
    print_result(out, hostile_result(), color, true);
    // Without --color, no escape at all; with it, only ours.
    std::string shown = color ? without_our_colours(out.str()) : out.str();
    EXPECT_FALSE(has_raw_control(shown, true)) << (color ? "with" : "without") << " colour";
    EXPECT_NE(out.str().find("\\x1b[2J"), std::string::npos);
  }
}

TEST(PrintResult, ShowsTheHitItsPassageAndTheFacets) {
  SearchResult r;
  r.query = "peace";
  r.total = 1;
  Hit h;
  h.id = "npl-1";
  h.title = "Statement on peace";
  h.date = Date{2020, 7, 0};
  h.country = "NPL";
  h.ministers = {"A. Minister"};
  h.passages.push_back(passage("We want peace\nand\tquiet.", 8, 13));
  r.hits.push_back(h);
  r.facets.list.push_back({"country", {{"NPL", 1}}});
  std::ostringstream out;
  print_result(out, r, false, false);
  std::string s = out.str();
  EXPECT_NE(s.find("1 statement matches \"peace\""), std::string::npos) << s;
  EXPECT_NE(s.find("1. Statement on peace"), std::string::npos) << s;
  EXPECT_NE(s.find("2020-07 | NPL | A. Minister | id npl-1"), std::string::npos) << s;
  // The match marked; the passage on one line.
  EXPECT_NE(s.find("> We want *peace* and quiet."), std::string::npos) << s;
  EXPECT_NE(s.find("Statements by\n  country: NPL (1)"), std::string::npos) << s;
}

TEST(PrintResult, ColourOnlyWhenAsked) {
  SearchResult r = hostile_result();
  std::ostringstream plain, coloured;
  print_result(plain, r, false, false);
  print_result(coloured, r, true, false);
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
  EXPECT_NE(coloured.str().find("\033[1;31mpeace\033[0m"), std::string::npos) << coloured.str();
  EXPECT_NE(coloured.str().find("\033[36mcountry:\033[0m"), std::string::npos);
  EXPECT_NE(plain.str().find("*peace*"), std::string::npos);
}

TEST(PrintResult, ALongPassageIsCutAroundItsMatchOnCharacterBoundaries) {
  // 600 two-byte letters either side of the match: cut to about 360 bytes.
  std::string side;
  for (int i = 0; i < 600; ++i) side += "é";
  std::string text = side + " peace " + side;
  SearchResult r;
  r.query = "peace";
  r.total = 1;
  Hit h;
  h.id = "long";
  h.passages.push_back(passage(text, side.size() + 1, side.size() + 6));
  r.hits.push_back(h);
  std::ostringstream out;
  print_result(out, r, false, false);
  std::string s = out.str();
  EXPECT_TRUE(valid_utf8(s));
  auto line_start = s.find("> ...");
  ASSERT_NE(line_start, std::string::npos) << s;
  std::string line = s.substr(line_start, s.find('\n', line_start) - line_start);
  EXPECT_NE(line.find("*peace*"), std::string::npos);
  EXPECT_LT(line.size(), 400u);
  EXPECT_EQ(line.substr(line.size() - 3), "...");
}

TEST(PrintSimilar, NamesTheStatementAskedAbout) {
  SearchResult r;
  r.query = "npl-1\x1b[2J";
  r.total = 2;
  std::ostringstream out;
  print_similar(out, r, false, false);
  EXPECT_EQ(out.str(), "2 statements share words with npl-1\\x1b[2J\n");
}

TEST(Stats, JsonAndTextSayWhatTheIndexHolds) {
  IndexStats s;
  s.statements = 3;
  s.terms = 120;
  s.average_length = 41.6;
  s.generation = "gen-000002";
  s.languages = {{"en", 2}, {"fr\x1b[2J", 1}};
  s.duplicate_groups = 1;
  s.grouped_statements = 2;
  s.facets.list.push_back({"country", {{"NPL", 2}, {"UZB", 1}}});
  auto j = nlohmann::json::parse(stats_json(s));
  EXPECT_EQ(j["statements"], 3);
  EXPECT_EQ(j["terms"], 120);
  EXPECT_EQ(j["generation"], "gen-000002");
  EXPECT_EQ(j["languages"][1]["value"], "fr\x1b[2J");
  EXPECT_EQ(j["languages"][1]["count"], 1);
  EXPECT_EQ(j["grouped_statements"], 2);
  EXPECT_EQ(j["facets"]["country"][1]["value"], "UZB");

  std::ostringstream out;
  print_stats(out, s, false);
  EXPECT_EQ(out.str(),
            "3 statements, 120 distinct terms, 41 words per statement on average\n"
            "generation: gen-000002\n"
            "languages: en (2) fr\\x1b[2J (1)\n"
            "near-identical: 2 statements in 1 groups\n"
            "Statements by\n"
            "  country: NPL (2), UZB (1)\n");
}

TEST(ReportSummary, CountsWhatTheRunDid) {
  IndexReport r;
  r.read = 5;
  r.indexed = 3;
  r.replaced = 1;
  r.unchanged = 1;
  r.skipped = 1;
  r.seconds = 1.25;
  r.per_format = {{"jsonl", 5}};
  Problem p;
  p.kind = "bad-date";
  r.problems = {p};
  EXPECT_EQ(report_summary(r),
            "read 5 statements, indexed 3 (2 added, 1 changed), 1 unchanged, 0 removed, 1 "
            "skipped; 1.25 s\n  by format: jsonl 5\n  problems: bad-date 1");
}

TEST(CsvField, QuotesDefusesAndEscapes) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a, b"), "\"a, b\"");
  EXPECT_EQ(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csv_field(" padded "), "\" padded \"");
  // A spreadsheet would run these as formulas.
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-1"), "'-1");
  EXPECT_EQ(csv_field("@cmd"), "'@cmd");
  // One row per line, and no escape reaches the terminal that shows it.
  EXPECT_EQ(csv_field("two\nlines\x1b[2J"), "two\\x0alines\\x1b[2J");
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width("peace"), 5u);
  EXPECT_EQ(display_width("Łódź"), 4u);
  EXPECT_EQ(display_width("中国外交部"), 10u);  // wide
  EXPECT_EQ(display_width("ＡＢ"), 4u);         // full-width
  EXPECT_EQ(display_width("e\xcc\x81te"), 3u);  // a combining acute accent takes none
  EXPECT_EQ(display_width(""), 0u);
}

TEST(TerminalColumns, ColumnsFromTheEnvironmentWithinBounds) {
  const char* saved = std::getenv("COLUMNS");
  std::string before = saved ? saved : "";
  ::setenv("COLUMNS", "123", 1);
  EXPECT_EQ(terminal_columns(), 123u);
  // Nonsense and absurd widths fall back to the terminal's, or 80.
  for (const char* bad : {"12", "abc", "100x", "100000"}) {
    ::setenv("COLUMNS", bad, 1);
    std::size_t columns = terminal_columns();
    EXPECT_GE(columns, 20u) << bad;
    EXPECT_NE(columns, 12u) << bad;
    EXPECT_NE(columns, 100000u) << bad;
  }
  if (saved)
    ::setenv("COLUMNS", before.c_str(), 1);
  else
    ::unsetenv("COLUMNS");
}

}  // namespace
}  // namespace communique::cli
