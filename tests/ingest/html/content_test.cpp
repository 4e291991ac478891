// Telling a page's statement from its navigation, headers, footers and
// link lists by structure alone: no id or class name is read, so the same
// page with its elements renamed gives the same statement.

#include "ingest/html/content.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/html/document.h"

namespace communique::ingest::html {
namespace {

std::string statement(std::string_view html) {
  Document doc = parse_document(html);
  return content_text(doc, extract_content(doc));
}

constexpr const char* kProse1 =
    "The two foreign ministers held talks on trade, transport corridors and water, and agreed "
    "to meet again in the autumn.";
constexpr const char* kProse2 =
    "They also discussed the situation in the region, and signed a memorandum on consular "
    "cooperation.";

std::string menu(int items) {
  std::string m;
  for (int i = 0; i < items; ++i)
    m += "<li><a href=\"/s" + std::to_string(i) + "\">Section " + std::to_string(i) + "</a></li>";
  return "<ul>" + m + "</ul>";
}

TEST(HtmlContent, TheStatementWithoutMenuHeadlinesAsideOrFooter) {
  std::string page = std::string("<body><nav>") + menu(20) + "</nav><article><h1>Talks</h1>" +
                     "<p>Updated: July 17, 2020</p><p>" + kProse1 + "</p><p>" + kProse2 +
                     "</p></article><aside><h2>Related</h2>" + menu(5) +
                     "</aside><footer><p>Copyright 2020 Ministry of Foreign Affairs. All rights "
                     "reserved. Contact us by mail, fax or telephone.</p></footer></body>";
  EXPECT_EQ(statement(page), std::string(kProse1) + "\n\n" + kProse2);
}

TEST(HtmlContent, TheSameInDivSoupWithoutSemanticElements) {
  std::string page = std::string("<body><div class=\"q1\">") +
                     "<div><a href=/>Home</a> <a href=/a>About</a> <a href=/b>Press</a> <a "
                     "href=/c>Contact</a></div>" +
                     menu(20) + "</div><div class=\"q2\"><div class=\"q3\">Talks</div>" +
                     "<div>Updated: July 17, 2020</div><div>" + kProse1 + "</div><div>" + kProse2 +
                     "</div></div><div class=\"q4\"><div>Related</div>" + menu(5) +
                     "</div><div class=\"q5\">\xC2\xA9 2020 Ministry of Foreign Affairs. All "
                     "rights reserved.</div></body>";
  EXPECT_EQ(statement(page), std::string(kProse1) + "\n\n" + kProse2);
}

TEST(HtmlContent, ParagraphsThatAreChildrenOfTheBodyAreOneStatement) {
  // No element holds the statement alone: the run of the body's children.
  std::string page = std::string("<body>") + menu(15) + "<h1>Talks</h1><p>" + kProse1 + "</p><p>" +
                     kProse2 + "</p>" + menu(8) + "</body>";
  EXPECT_EQ(statement(page), std::string(kProse1) + "\n\n" + kProse2);
}

TEST(HtmlContent, LinkListsAndShareBarsInsideTheStatementAreDropped) {
  std::string page = std::string("<body>") + menu(15) +
                     "<div><div>Share: <a href=/f>Facebook</a> <a href=/t>Twitter</a></div><p>" +
                     kProse1 + "</p>" + menu(3) + "<p>" + kProse2 +
                     "</p><div>Print</div></div></body>";
  EXPECT_EQ(statement(page), std::string(kProse1) + "\n\n" + kProse2);
}

TEST(HtmlContent, AShortStatementAmongALargeMenuAndFooter) {
  std::string page =
      std::string("<body><div>") + menu(200) + "</div><div><h1>答记者问</h1>" +
      "<p>问：中方对此有何评论？</p><p>答：中方欢迎有关协议，希望各方落实。</p></div>" +
      "<div><p>中华人民共和国外交部　版权所有</p><p>地址：北京市朝阳区　邮编：100701</p>" +
      menu(30) + "</div></body>";
  EXPECT_EQ(statement(page), "问：中方对此有何评论？\n\n答：中方欢迎有关协议，希望各方落实。");
}

// "Related articles" after the statement, each a linked headline over a
// summary that reads as prose: in cards, or as headings and paragraphs.
TEST(HtmlContent, TeasersOfOtherPagesAreNotTheStatement) {
  std::string teasers[] = {
      "Deputy Minister Travels to the Pacific Islands for Talks",
      "The Deputy Minister will visit three Pacific Island countries next week, and will meet "
      "leaders to discuss climate, fisheries and maritime security.",
      "Statement on the Anniversary of the Ceasefire Agreement",
      "One year ago the parties signed a ceasefire agreement, which has largely held despite "
      "several violations along the line of contact.",
  };
  std::string cards, flat;
  for (int i = 0; i < 4; i += 2) {
    std::string link = "<h3><a href=\"/" + std::to_string(i) + "\">" + teasers[i] + "</a></h3>";
    cards += "<div>" + link + "<p>" + teasers[i + 1] + "</p></div>";
    flat += link + "<p>" + teasers[i + 1] + "</p>";
  }
  for (const std::string& related : {cards, flat}) {
    std::string page = std::string("<body>") + menu(5) + "<div><div><h1>Talks</h1><p>" + kProse1 +
                       "</p><p>" + kProse2 + "</p></div><div><h2>Related</h2>" + related +
                       "</div></div></body>";
    EXPECT_EQ(statement(page), std::string(kProse1) + "\n\n" + kProse2);
  }
}

TEST(HtmlContent, APageOfLinksHoldsNoStatement) {
  std::string page = std::string("<body><h1>Press releases</h1>") + menu(40) +
                     "<div><a href=/next>Next page</a></div></body>";
  Document doc = parse_document(page);
  Content c = extract_content(doc);
  EXPECT_TRUE(c.blocks.empty());
  EXPECT_GT(c.link_share, 0.9);
  EXPECT_TRUE(extract_content(parse_document("")).blocks.empty());
  EXPECT_TRUE(extract_content(parse_document("<p>Home</p><p>Contact</p>")).blocks.empty());
}

TEST(HtmlContent, HintsAreNotRequirements) {
  // The only prose of the page sits in a <header>: it is still the statement.
  std::string page =
      std::string("<body><header><p>") + kProse1 + "</p></header>" + menu(10) + "</body>";
  EXPECT_EQ(statement(page), kProse1);
}

TEST(HtmlContent, AHeadlineTakenAsProseIsDroppedWithTheDateLineAfterIt) {
  std::string headline =
      "Foreign Minister meets his Kazakh counterpart in Almaty, discusses trade and water";
  std::string page = std::string("<body>") + menu(15) + "<div><div>" + headline +
                     "</div><div>2020-07-17 20:37</div><div>" + kProse1 + "</div></div></body>";
  Document doc = parse_document(page);
  Content c = extract_content(doc);
  EXPECT_EQ(content_text(doc, c), headline + "\n\n2020-07-17 20:37\n\n" + kProse1);
  drop_leading_title(doc, c, headline);
  EXPECT_EQ(content_text(doc, c), kProse1);
}

}  // namespace
}  // namespace communique::ingest::html
