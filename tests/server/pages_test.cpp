#include <gtest/gtest.h>

#include <regex>

#include "server/handlers.h"
#include "server/query_edit.h"
#include "server/html.h"
#include "support/temp_index.h"

namespace communique::server {
namespace {

constexpr const char* kScript = "<script>alert(1)</script>";
constexpr const char* kBreakOut = "\"><img src=x onerror=alert(1)>";

Request request(std::multimap<std::string, std::string> params,
                std::vector<std::string> captures = {}) {
  Request r;
  r.params = std::move(params);
  r.captures = std::move(captures);
  return r;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// The page's own markup only: one script element (its own file), no inline
// handlers, no element that the statement's text tried to open.
void expect_no_markup_from_the_text(const std::string& html) {
  EXPECT_EQ(count(html, "<script"), 1u) << html;
  EXPECT_NE(html.find("<script src=\"/assets/app.js?v="), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  // No event handler attribute in any tag (text holds no raw '<', so every
  // tag is the page's own; quoted attribute values are left out).
  static const std::regex tag("<[^>]*>"), quoted("\"[^\"]*\""),
      handler("\\son[a-z]+\\s*=", std::regex::icase);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    std::string bare = std::regex_replace(it->str(), quoted, "\"\"");
    EXPECT_FALSE(std::regex_search(bare, handler)) << it->str();
  }
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);  // no inline style either
}

class Pages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    Statement hostile = testing::make_statement(
        "hostile/1?x=<b>",
        std::string("Hostile ") + kScript + " corridors text.\n\nSecond " + kBreakOut +
            " corridors and <a href=\"javascript:alert(1)\">x</a>.",
        "KAZ", "2020-05-01", {std::string("Minister ") + kBreakOut}, "en");
    hostile.title = std::string("Title ") + kScript;
    hostile.url = "javascript:alert(1)";
    hostile.source = kBreakOut;
    hostile.role = std::string("spokesperson ") + kBreakOut;
    hostile.mentions = {kScript};
    Statement plain = testing::make_statement("plain-1", "Transport corridors across the Caspian.",
                                              "KAZ", "2019-03-02", {"Aibek Sadykov"}, "en");
    plain.url = "https://example.org/a?b=1&c=2";
    Statement arabic =
        testing::make_statement("ar-1", "ممرات النقل عبر بحر قزوين", "SAU", "2021-01-01", {}, "ar");
    // Written with the Latin form of the name; shown in the person's script.
    Statement chinese = testing::make_statement("zh-1", "外交部发言人汪文斌主持例行记者会。", "CHN",
                                                "2021-06-01", {"Wang Wenbin"}, "zh");
    chinese.mentions = {"USA"};
    chinese.role = "spokesperson";
    testing::build_index(dir_->str("db"), {hostile, plain, arabic, chinese});
  }
  static void TearDownTestSuite() { delete dir_; }
  static testing::TempDir* dir_;
};
testing::TempDir* Pages::dir_ = nullptr;

TEST_F(Pages, HostileTextInResultsIsShownAsText) {
  Searcher searcher(dir_->str("db"));
  Reply reply = page_search(searcher, request({{"q", "corridors"}}));
  EXPECT_EQ(reply.status, 200);
  expect_no_markup_from_the_text(reply.body);
  EXPECT_NE(reply.body.find("Title &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(reply.body.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  // The id in the statement link is encoded as one path segment.
  EXPECT_NE(reply.body.find("href=\"/statement/hostile%2F1%3Fx%3D%3Cb%3E?q=corridors\""),
            std::string::npos);
  // Facet links carry the hostile minister as an encoded query (the name
  // as the index holds it: its quote and "(1)" tidied away, its markup not).
  EXPECT_NE(reply.body.find("minister%3A%22Minister%20%3E%3Cimg%20src%3Dx%20onerror%3Dalert%3E%22"),
            std::string::npos)
      << reply.body;
}

TEST_F(Pages, HostileTextInAStatementIsShownAsText) {
  Searcher searcher(dir_->str("db"));
  Reply reply = page_statement(searcher, request({{"q", "corridors"}}, {"hostile/1?x=<b>"}));
  EXPECT_EQ(reply.status, 200);
  expect_no_markup_from_the_text(reply.body);
  EXPECT_NE(reply.body.find("&lt;a href=&quot;javascript:alert(1)&quot;&gt;"), std::string::npos);
  // The javascript: address is text, not a link; a web address is a link.
  EXPECT_NE(reply.body.find("<span class=\"url\">javascript:alert(1)</span>"), std::string::npos);
  Reply plain = page_statement(searcher, request({}, {"plain-1"}));
  EXPECT_NE(plain.body.find("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener "
                            "noreferrer nofollow\">"),
            std::string::npos);
  // The query's words are marked in the text.
  EXPECT_NE(reply.body.find("<mark>corridors</mark>"), std::string::npos);
}

TEST_F(Pages, AHostileQueryIsEchoedAsText) {
  Searcher searcher(dir_->str("db"));
  std::string q = std::string("corridors ") + kBreakOut;
  Reply reply = page_search(searcher, request({{"q", q}}));
  expect_no_markup_from_the_text(reply.body);
  EXPECT_NE(reply.body.find("value=\"corridors &quot;&gt;&lt;img"), std::string::npos);
  Reply bad = page_search(searcher, request({{"q", std::string("country:Atlantis ") + kScript}}));
  EXPECT_EQ(bad.status, 400);
  expect_no_markup_from_the_text(bad.body);
}

TEST_F(Pages, RightToLeftTextIsMarkedForTheBrowserToLayOut) {
  Searcher searcher(dir_->str("db"));
  Reply reply = page_search(searcher, request({{"q", "country:SAU"}}));
  EXPECT_NE(reply.body.find("<blockquote class=\"passage\" dir=\"auto\" lang=\"ar\">ممرات النقل"),
            std::string::npos)
      << reply.body;
}

TEST_F(Pages, FacetsAndTimelineLinkToNarrowerSearches) {
  Searcher searcher(dir_->str("db"));
  Reply reply = page_search(searcher, request({{"q", "corridors"}}));
  // A country facet adds its filter; a year bar replaces the date filters.
  EXPECT_NE(reply.body.find("href=\"/?q=corridors%20country%3AKAZ\""), std::string::npos);
  EXPECT_NE(reply.body.find("<a class=\"bar\" href=\"/?q=corridors%20date%3A2019\""),
            std::string::npos);
  EXPECT_NE(reply.body.find("data-year=\"2020\""), std::string::npos);
  // Two of the index's statements in 2020 and 2019 each match: 1,000 per 1,000.
  EXPECT_NE(reply.body.find("2019: 1 of 1 statements (1000.0 per 1,000)"), std::string::npos);
  Reply narrowed = page_search(searcher, request({{"q", "corridors date:2019..2020"}}));
  EXPECT_NE(narrowed.body.find("<a class=\"bar\" href=\"/?q=corridors%20date%3A2020\""),
            std::string::npos);
  // An active filter is shown, and its link removes it.
  Reply filtered = page_search(searcher, request({{"q", "corridors country:KAZ"}}));
  EXPECT_NE(filtered.body.find("<ul class=\"chips\""), std::string::npos);
  EXPECT_NE(filtered.body.find("class=\"on\" aria-current=\"true\""), std::string::npos);
}

// Every facet the result has is on the page, in the schema's order.
TEST_F(Pages, EveryFacetIsShownInTheSchemasOrder) {
  Searcher searcher(dir_->str("db"));
  Reply reply = page_search(searcher, request({{"q", "*"}}));
  std::size_t at = 0;
  for (const char* name : {"country", "minister", "year", "mentions", "role", "language"}) {
    std::size_t found = reply.body.find(std::string("<h2 id=\"facet-") + name + "\">", at);
    ASSERT_NE(found, std::string::npos) << name << " missing or out of order";
    at = found;
  }
  // Countries, mentioned ones too, by name; other values as they are.
  EXPECT_NE(reply.body.find(">United States (USA)</span>"), std::string::npos);
  EXPECT_NE(reply.body.find("href=\"/?q=%2A%20mentions%3AUSA\""), std::string::npos);
  EXPECT_NE(reply.body.find("href=\"/?q=%2A%20role%3Aspokesperson\""), std::string::npos);
  EXPECT_NE(reply.body.find("href=\"/?q=%2A%20language%3Azh\""), std::string::npos);
}

// A person's facet value (their name in their script, the Latin after it)
// is a filter: its link finds their statements and shows it as active.
TEST_F(Pages, APersonsFacetValueLinksToTheirStatements) {
  Searcher searcher(dir_->str("db"));
  Reply reply = page_search(searcher, request({{"q", "记者会"}}));
  EXPECT_NE(reply.body.find(">汪文斌 (Wang Wenbin)</span>"), std::string::npos) << reply.body;
  std::string q = "记者会 minister:\"汪文斌 (Wang Wenbin)\"";
  ASSERT_NE(reply.body.find("href=\"" + escape_html(link("/", {{"q", q}})) + "\""),
            std::string::npos)
      << reply.body;
  Reply narrowed = page_search(searcher, request({{"q", q}}));
  EXPECT_EQ(narrowed.status, 200);
  EXPECT_NE(narrowed.body.find("1 statement matches"), std::string::npos) << narrowed.body;
  EXPECT_NE(narrowed.body.find("/statement/zh-1?"), std::string::npos);
  // Active: the facet's link and the filter's chip both remove it.
  EXPECT_NE(narrowed.body.find("<ul class=\"chips\""), std::string::npos);
  EXPECT_NE(narrowed.body.find("href=\"/?q=%E8%AE%B0%E8%80%85%E4%BC%9A\" class=\"on\""),
            std::string::npos)
      << narrowed.body;
}

// A facet value holding a double quote (the hostile role here) links to a
// filter that finds its statement: the quote is escaped in the query.
TEST_F(Pages, AFacetValueWithAQuoteLinksToItsStatements) {
  Searcher searcher(dir_->str("db"));
  SearchResult all = searcher.search("*");
  std::string value;
  for (const auto& v : all.facets.of("role")) {
    if (v.value.find('"') != std::string::npos) value = v.value;
  }
  ASSERT_FALSE(value.empty()) << "no role value holds a quote";
  std::string q = "* " + filter_word("role", value);
  Reply reply = page_search(searcher, request({{"q", "*"}}));
  ASSERT_NE(reply.body.find("href=\"" + escape_html(link("/", {{"q", q}})) + "\""),
            std::string::npos)
      << reply.body;
  Reply narrowed = page_search(searcher, request({{"q", q}}));
  EXPECT_EQ(narrowed.status, 200);
  EXPECT_NE(narrowed.body.find("1 statement matches"), std::string::npos) << narrowed.body;
  EXPECT_NE(narrowed.body.find("/statement/hostile%2F1"), std::string::npos) << narrowed.body;
  expect_no_markup_from_the_text(narrowed.body);
}

TEST_F(Pages, HowTheQueryWasReadAndASpellingSuggestionAreShown) {
  Searcher searcher(dir_->str("db"));
  Reply typo = page_search(searcher, request({{"q", "corridorz"}}));
  EXPECT_NE(typo.body.find("Did you mean <a href=\"/?q=corridors\" dir=\"auto\">corridors</a>?"),
            std::string::npos)
      << typo.body;
  Reply unclosed = page_search(searcher, request({{"q", "\"transport corridors"}}));
  EXPECT_NE(unclosed.body.find("<ul class=\"warnings\""), std::string::npos) << unclosed.body;
  Reply plain = page_search(searcher, request({{"q", "corridors"}}));
  EXPECT_EQ(plain.body.find("<ul class=\"warnings\""), std::string::npos);
  EXPECT_EQ(plain.body.find("Did you mean"), std::string::npos);
}

TEST_F(Pages, AnUnknownStatementIsA404Page) {
  Searcher searcher(dir_->str("db"));
  try {
    page_statement(searcher, request({}, {"missing"}));
    ADD_FAILURE() << "found a missing statement";
  } catch (const NotFound& e) {
    Reply reply = page_error(status_of(e), e.what(), request({}));
    EXPECT_EQ(reply.status, 404);
    EXPECT_NE(reply.body.find("no statement has the id &quot;missing&quot;"), std::string::npos);
  }
}

}  // namespace
}  // namespace communique::server
