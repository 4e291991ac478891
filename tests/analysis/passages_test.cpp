#include "analysis/passages.h"

#include <gtest/gtest.h>

#include <sstream>

namespace communique::analysis {
namespace {

std::string words(int n, const std::string& word = "word") {
  std::ostringstream out;
  for (int i = 0; i < n; ++i) out << (i ? " " : "") << word << i;
  return out.str();
}

std::size_t count(std::string_view s) {
  std::istringstream in{std::string(s)};
  std::string w;
  std::size_t n = 0;
  while (in >> w) ++n;
  return n;
}

void expect_well_formed(const std::string& body, const std::vector<PassageSpan>& spans) {
  std::size_t last = 0;
  for (const auto& p : spans) {
    EXPECT_LE(last, p.start);
    EXPECT_LT(p.start, p.end);
    EXPECT_LE(p.end, body.size());
    // Never inside a UTF-8 sequence, never starting or ending with space.
    EXPECT_NE(static_cast<unsigned char>(body[p.start]) & 0xC0, 0x80);
    if (p.end < body.size()) EXPECT_NE(static_cast<unsigned char>(body[p.end]) & 0xC0, 0x80);
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(body[p.start])));
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(body[p.end - 1])));
    last = p.end;
  }
}

TEST(Passages, ParagraphsOfGoodLengthStandAlone) {
  std::string body = words(60, "a") + "\n" + words(70, "b") + "\n" + words(50, "c");
  auto spans = split_passages(body);
  ASSERT_EQ(spans.size(), 3u);
  expect_well_formed(body, spans);
  EXPECT_EQ(body.substr(spans[1].start, spans[1].end - spans[1].start), words(70, "b"));
}

TEST(Passages, ShortLinesJoinTheFollowingText) {
  std::string body = "Mr. President,\n" + words(60, "a") + "\n" + words(60, "b");
  auto spans = split_passages(body);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].start, 0u);
  EXPECT_EQ(count(body.substr(spans[0].start, spans[0].end - spans[0].start)), 62u);
}

TEST(Passages, LongParagraphsAreCutAtSentences) {
  std::string para;
  for (int i = 0; i < 30; ++i) para += "This is sentence number " + std::to_string(i) + " of the long paragraph here. ";
  auto spans = split_passages(para);
  ASSERT_GT(spans.size(), 1u);
  expect_well_formed(para, spans);
  for (const auto& p : spans) {
    std::string_view text = std::string_view(para).substr(p.start, p.end - p.start);
    EXPECT_LE(count(text), kMaxWords + 20);
    EXPECT_EQ(text.back(), '.');  // ends at a sentence end
  }
}

TEST(Passages, TextWithoutSentencesIsCutAtWords) {
  std::string body = words(1000);
  auto spans = split_passages(body);
  ASSERT_GE(spans.size(), 6u);
  expect_well_formed(body, spans);
}

TEST(Passages, CoversEveryWord) {
  std::string body = "Intro line\n\n" + words(200, "x") + ".\nTail words here";
  auto spans = split_passages(body);
  std::size_t total = 0;
  for (const auto& p : spans) total += count(std::string_view(body).substr(p.start, p.end - p.start));
  EXPECT_EQ(total, count(body));
}

TEST(Passages, ChineseTextWithoutSpacesIsSplitOnCharacterBoundaries) {
  std::string body;
  for (int i = 0; i < 400; ++i) body += "中方愿同各方共建一带一路。";
  auto spans = split_passages(body);
  ASSERT_GT(spans.size(), 1u);
  expect_well_formed(body, spans);
}

TEST(Passages, EmptyBodyHasNoPassages) {
  EXPECT_TRUE(split_passages("").empty());
  EXPECT_TRUE(split_passages(" \n\n \t").empty());
}

}  // namespace
}  // namespace communique::analysis
