// The light document: blocks of visible text with the evidence of what
// each is, and what the page says about itself.

#include "ingest/html/document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace communique::ingest::html {
namespace {

std::vector<std::string> texts(const Document& doc) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) out.emplace_back(doc.block_text(i));
  return out;
}

using Texts = std::vector<std::string>;

TEST(HtmlDocument, BlockElementsCutTheTextAndInlineOnesDoNot) {
  Document doc = parse_document(
      "<div>One <b>bold</b> <span>line</span><p>Two</p>three<ul><li>four<li>five</ul></div>"
      "<table><tr><td>six<td>seven</table>");
  EXPECT_EQ(texts(doc), (Texts{"One bold line", "Two", "three", "four", "five", "six", "seven"}));
}

TEST(HtmlDocument, ElementsOfUnknownNamesCutBlocksToo) {
  // A page rewritten with custom elements still has its paragraphs.
  Document doc = parse_document("<x-article><x-p>First.</x-p><x-p>Second.</x-p></x-article>");
  EXPECT_EQ(texts(doc), (Texts{"First.", "Second."}));
}

TEST(HtmlDocument, WhiteSpaceCollapsesAndLineBreaksStay) {
  Document doc = parse_document(
      "<p>  a \n\t b&nbsp;&nbsp;c </p><p>line<br>next<br><br>new paragraph</p><pre>x\n  y</pre>");
  EXPECT_EQ(texts(doc), (Texts{"a b c", "line\nnext", "new paragraph", "x\n  y"}));
}

TEST(HtmlDocument, ALineBreakInTheSourceBetweenHanCharactersIsNoSpace) {
  Document doc = parse_document(
      "<p>中国\n外交部 Foreign\nMinistry</p><p>菜单<a href=/a>首页</a><a href=/b>English</a></p>");
  EXPECT_EQ(texts(doc), (Texts{"中国外交部 Foreign Ministry", "菜单首页 English"}));
}

TEST(HtmlDocument, ScriptsStylesFormsAndHiddenElementsAreNotText) {
  Document doc = parse_document(
      "<head><title>T</title><style>p{}</style></head><body><script>var x;</script>"
      "<noscript>Enable JavaScript</noscript><p>Seen<span style='display: none'> hidden</span></p>"
      "<select><option>Option</select><button>Print</button><svg><text>Logo</text></svg>"
      "<div hidden>Gone</div><div aria-hidden=true>Gone</div><template>Gone</template>"
      "<p>Also seen</p>");
  EXPECT_EQ(texts(doc), (Texts{"Seen", "Also seen"}));
  EXPECT_EQ(doc.title, "T");
}

TEST(HtmlDocument, TextAfterTheHeadWithoutABodyTagIsThePages) {
  Document doc = parse_document("<html><head><title>T</title>Stray words<p>Para</p>");
  EXPECT_EQ(texts(doc), (Texts{"Stray words", "Para"}));
}

TEST(HtmlDocument, BlocksKnowTheirLinksPunctuationAndLandmarks) {
  Document doc = parse_document(
      "<nav><a href=/>Home</a></nav>"
      "<p>The ministers met, and agreed. See <a href=/x>the annex</a></p>"
      "<div role=contentinfo>Contact us</div>"
      "<p>版权所有 中华人民共和国外交部</p><p>\xC2\xA9 2020 Ministry</p>"
      "<p>问：中方有何评论？答：我们欢迎。</p><p>Version 3.5 of mfa.gov</p>");
  ASSERT_EQ(doc.blocks.size(), 7u);
  EXPECT_TRUE(doc.blocks[0].boilerplate);
  EXPECT_EQ(doc.blocks[0].link_words, 1);
  const Block& p = doc.blocks[1];
  EXPECT_FALSE(p.boilerplate);
  EXPECT_EQ(p.words, 8);
  EXPECT_EQ(p.link_words, 2);
  EXPECT_EQ(p.punctuation, 2u);
  EXPECT_FALSE(p.ends_sentence);
  EXPECT_TRUE(doc.blocks[2].boilerplate);
  EXPECT_TRUE(doc.blocks[3].copyright);
  EXPECT_TRUE(doc.blocks[4].copyright);
  EXPECT_EQ(doc.blocks[5].words, 6);         // Han characters count half a word
  EXPECT_EQ(doc.blocks[5].punctuation, 2u);  // ？ 。 (a colon is no clause mark)
  EXPECT_TRUE(doc.blocks[5].ends_sentence);
  EXPECT_EQ(doc.blocks[6].punctuation, 0u);  // '.' inside numbers and addresses
}

TEST(HtmlDocument, ElementsHoldTheirBlocksInDocumentOrder) {
  Document doc = parse_document("<div><p>a</p><div><p>b</p><p>c</p></div></div><p>d</p>");
  ASSERT_EQ(doc.blocks.size(), 4u);
  const Element& outer = doc.elements[doc.elements[doc.blocks[0].element].parent];
  EXPECT_EQ(outer.first_block, 0u);
  EXPECT_EQ(outer.end_block, 3u);
  EXPECT_EQ(doc.elements[0].end_block, 4u);
  EXPECT_EQ(doc.blocks[1].element + 1, doc.blocks[2].element);
}

TEST(HtmlDocument, WhatThePageSaysAboutItself) {
  Document doc = parse_document(
      "<html lang=zh-CN><head><meta charset=utf-8>"
      "<meta name=\"ArticleTitle\" content=\"标题&lt;br&gt;续\">"
      "<meta property=\"og:url\" content=\"https://www.example.org/a\">"
      "<link rel=canonical href=\"https://www.mfa.gov.cn/web/x.shtml\">"
      "<script type=\"application/ld+json\">{\"datePublished\": \"2022-01-25\"}</script>"
      "<title>Title &amp; more</title></head><body>"
      "<h1>Head<br>line</h1><time datetime=\"2022-01-25T10:00\">25 Jan</time>"
      "<p><time>2022-01-24</time> <a href=\"https://www.mfa.gov.cn/x\">x</a>"
      "<a href=\"//www.mfa.gov.cn/y\">y</a><a href=\"http://other.org\">z</a></p></body></html>");
  EXPECT_EQ(doc.language, "zh-CN");
  EXPECT_EQ(doc.meta("articletitle"), "标题<br>续");
  EXPECT_EQ(doc.meta("og:url"), "https://www.example.org/a");
  EXPECT_EQ(doc.canonical, "https://www.mfa.gov.cn/web/x.shtml");
  ASSERT_EQ(doc.json_ld.size(), 1u);
  EXPECT_EQ(doc.title, "Title & more");
  ASSERT_EQ(doc.headings.size(), 1u);
  EXPECT_EQ(doc.headings[0].text, "Head\nline");
  ASSERT_EQ(doc.times.size(), 2u);
  EXPECT_EQ(doc.times[0].value, "2022-01-25T10:00");
  EXPECT_EQ(doc.times[1].value, "2022-01-24");
  ASSERT_FALSE(doc.link_hosts.empty());
  EXPECT_EQ(doc.link_hosts[0].first, "www.mfa.gov.cn");
  EXPECT_EQ(doc.link_hosts[0].second, 2u);
}

TEST(HtmlDocument, MarkupEscapedTwiceIsNotText) {
  Document doc = parse_document(
      "<p>杜马选举&lt;br&gt;初步结果</p><p>Duma &lt;b&gt;vote&lt;/b&gt; 3 &lt; 5</p>");
  EXPECT_EQ(texts(doc), (Texts{"杜马选举初步结果", "Duma vote 3 < 5"}));
  EXPECT_EQ(strip_escaped_markup("a<br>b <p class=\"x\">c</p> <notatag> x<y"),
            "a b c <notatag> x<y");
  // A tag that the removal of another brings together goes too.
  EXPECT_EQ(strip_escaped_markup("x <b<br>r> y"), "x y");
}

TEST(HtmlDocument, NestingBeyondTheLimitIsFlattenedNotLost) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "deep text";
  for (int i = 0; i < 5000; ++i) html += "</div>";
  html += "<p>after</p>";
  Document doc = parse_document(html);
  EXPECT_EQ(texts(doc), (Texts{"deep text", "after"}));
  EXPECT_LE(doc.elements.size(), kMaxOpenElements + 2);
}

}  // namespace
}  // namespace communique::ingest::html
