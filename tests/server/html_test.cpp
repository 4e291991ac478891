#include "server/html.h"

#include <gtest/gtest.h>

namespace communique::server {
namespace {

TEST(Html, EscapesEveryCharacterThatCouldOpenMarkupOrLeaveAnAttribute) {
  EXPECT_EQ(escape_html(R"(<script>alert(1)</script>)"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(escape_html(R"("><img src=x onerror=alert(1)>)"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(escape_html("it's & more"), "it&#39;s &amp; more");
  EXPECT_EQ(escape_html(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  // Text in every script passes unchanged.
  EXPECT_EQ(escape_html("一带一路 санкций مرحبا"), "一带一路 санкций مرحبا");
}

TEST(Html, UrlEncodingLeavesOnlyUnreservedBytes) {
  EXPECT_EQ(url_encode("a b/c?d=e&f#g"), "a%20b%2Fc%3Fd%3De%26f%23g");
  EXPECT_EQ(url_encode("minister:\"Wang Yi\""), "minister%3A%22Wang%20Yi%22");
  EXPECT_EQ(url_encode("../x"), "..%2Fx");
  EXPECT_EQ(url_encode("+"), "%2B");
  EXPECT_EQ(url_encode("外"), "%E5%A4%96");
  EXPECT_EQ(url_encode("javascript:alert(1)"), "javascript%3Aalert%281%29");
}

TEST(Html, LinksEncodeTheirParametersAndDropEmptyOnes) {
  EXPECT_EQ(link("/", {{"q", "a&b"}, {"page", ""}}), "/?q=a%26b");
  EXPECT_EQ(link("/", {{"q", "x"}, {"page", "2"}}), "/?q=x&page=2");
  EXPECT_EQ(link("/api/stats"), "/api/stats");
}

TEST(Html, OnlyWebAddressesBecomeLinks) {
  EXPECT_TRUE(is_web_url("https://www.mfa.gov.sg/Newsroom"));
  EXPECT_TRUE(is_web_url("HTTP://example.org/"));
  EXPECT_FALSE(is_web_url("javascript:alert(1)"));
  EXPECT_FALSE(is_web_url("JavaScript:alert(1)"));
  EXPECT_FALSE(is_web_url(" javascript:alert(1)"));
  EXPECT_FALSE(is_web_url("data:text/html,<script>alert(1)</script>"));
  EXPECT_FALSE(is_web_url("//evil.example/"));
  EXPECT_FALSE(is_web_url("https://"));
  EXPECT_FALSE(is_web_url("https://a.example/\nb"));
}

TEST(Html, CutsFallOnCharacterBoundaries) {
  std::string s = "a外b";  // 外 is three bytes, 1..3
  EXPECT_EQ(utf8_floor(s, 0), 0u);
  EXPECT_EQ(utf8_floor(s, 1), 1u);
  EXPECT_EQ(utf8_floor(s, 2), 1u);
  EXPECT_EQ(utf8_floor(s, 3), 1u);
  EXPECT_EQ(utf8_floor(s, 4), 4u);
  EXPECT_EQ(utf8_floor(s, 99), s.size());
}

}  // namespace
}  // namespace communique::server
