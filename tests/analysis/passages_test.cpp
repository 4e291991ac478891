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
    if (p.end < body.size()) {
      EXPECT_NE(static_cast<unsigned char>(body[p.end]) & 0xC0, 0x80);
    }
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
  for (int i = 0; i < 30; ++i)
    para += "This is sentence number " + std::to_string(i) + " of the long paragraph here. ";
  auto spans = split_passages(para);
  ASSERT_GT(spans.size(), 1u);
  expect_well_formed(para, spans);
  for (const auto& p : spans) {
    std::string_view text = std::string_view(para).substr(p.start, p.end - p.start);
    EXPECT_LE(count(text), kMaxWords + 20);
    EXPECT_EQ(text.back(), '.');  // ends at a sentence end
  }
}

// Wraps `text` into lines of at most `width` bytes, as OCR output is.
std::string wrap(const std::string& text, std::size_t width) {
  std::istringstream in(text);
  std::string out, line, w;
  while (in >> w) {
    if (!line.empty() && line.size() + 1 + w.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  return out + line;
}

std::string sentences(int n, const std::string& topic) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += (i ? " " : "") + std::string("The delegation of ") + topic + " notes point " +
           std::to_string(i) + " of its long statement to the Assembly today.";
  }
  return out;
}

TEST(Passages, HardWrappedParagraphsAreRebuiltFromTheirLines) {
  // Three paragraphs of six 12-word sentences, wrapped at 55 bytes: only
  // each paragraph's last line ends a sentence short of the width.
  // Passages follow the paragraphs, not the lines.
  auto paragraph = [](const std::string& topic) {
    std::string text;
    for (int s = 0; s < 6; ++s) {
      text += (s ? " " : "") + topic;
      for (int w = 1; w < 12; ++w) text += " w" + std::to_string(100 + w);
      text += ".";
    }
    return wrap(text, 55);
  };
  std::string body = paragraph("alfa") + "\n" + paragraph("beta") + "\n" + paragraph("gama");
  auto spans = split_passages(body);
  ASSERT_EQ(spans.size(), 3u) << body;
  expect_well_formed(body, spans);
  const char* topics[] = {"alfa", "beta", "gama"};
  for (int i = 0; i < 3; ++i) {
    std::string text = body.substr(spans[i].start, spans[i].end - spans[i].start);
    EXPECT_EQ(text.back(), '.');
    EXPECT_EQ(count(text), 72u);
    EXPECT_NE(text.find(topics[i]), std::string::npos);
    EXPECT_EQ(text.find(topics[(i + 1) % 3]), std::string::npos) << text;
  }
}

TEST(Passages, LongParagraphsSplitIntoPiecesOfSimilarLength) {
  // 14 sentences of 15 words: two passages of 105, not 150 and 60.
  std::string body = wrap(sentences(14, "delta"), 60);
  auto spans = split_passages(body);
  ASSERT_EQ(spans.size(), 2u);
  for (const auto& p : spans)
    EXPECT_EQ(count(std::string_view(body).substr(p.start, p.end - p.start)), 105u);
}

TEST(Passages, PageBreaksInsideASentenceDoNotEndAPassage) {
  std::string first = wrap(sentences(3, "epsilon") + " The Assembly must act on", 50);
  std::string body =
      first + "\n24\n\n\n" + wrap("the matter before it now. " + sentences(3, "zeta"), 50);
  auto spans = split_passages(body);
  ASSERT_EQ(spans.size(), 1u);
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
  for (const auto& p : spans)
    total += count(std::string_view(body).substr(p.start, p.end - p.start));
  EXPECT_EQ(total, count(body));
}

TEST(Passages, ChineseTextWithoutSpacesIsSplitOnCharacterBoundaries) {
  std::string body;
  for (int i = 0; i < 400; ++i) body += "中方愿同各方共建一带一路。";
  auto spans = split_passages(body);
  ASSERT_GT(spans.size(), 1u);
  expect_well_formed(body, spans);
}

// Characters of Chinese text in a span (each three bytes in UTF-8), but
// for its punctuation.
std::size_t han(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE4 && c <= 0xE9) ++n;  // U+4E00..U+9FFF
  }
  return n;
}

std::string text(std::string_view body, PassageSpan p) {
  return std::string(body.substr(p.start, p.end - p.start));
}

// A Chinese sentence of 23 characters and its full stop, told apart by `i`.
std::string chinese_sentence(int i, std::string_view stop = "。") {
  const char* digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  return std::string("双方在第") + digits[i % 10] + "轮会谈中讨论了区域合作与共同发展问题" +
         std::string(stop);
}

TEST(Passages, ChineseParagraphsAreSizedByTheirCharacters) {
  // Three paragraphs of 69 characters: passages of their own, as three
  // English paragraphs of 69 words are (not one of some 100 "words").
  std::string body;
  for (int p = 0; p < 3; ++p) {
    for (int s = 0; s < 3; ++s) body += chinese_sentence(p * 3 + s);
    body += "\n\n";
  }
  auto spans = split_passages(body);
  ASSERT_EQ(spans.size(), 3u) << body;
  expect_well_formed(body, spans);
  for (const auto& p : spans) EXPECT_EQ(han(text(body, p)), 3 * han(chinese_sentence(0)));
}

TEST(Passages, LongChineseParagraphsAreCutAtSentenceEnds) {
  // 16 sentences of 23 characters ending in 。, ！ or ？, with no space.
  std::string body;
  const char* stops[] = {"。", "！", "？"};
  for (int i = 0; i < 16; ++i) body += chinese_sentence(i, stops[i % 3]);
  auto spans = split_passages(body);
  ASSERT_GT(spans.size(), 2u);
  expect_well_formed(body, spans);
  for (const auto& p : spans) {
    std::string t = text(body, p);
    EXPECT_LE(han(t), kMaxWords);
    EXPECT_GE(han(t), kMinWords);
    EXPECT_TRUE(t.ends_with("。") || t.ends_with("！") || t.ends_with("？")) << t;
  }
}

TEST(Passages, AVeryLongChineseSentenceIsCutAfterItsClauses) {
  // One sentence of 12 clauses of 23 characters, joined by ；.
  std::string body;
  for (int i = 0; i < 12; ++i) {
    std::string clause = chinese_sentence(i, i == 11 ? "。" : "；");
    body += clause;
  }
  auto spans = split_passages(body);
  ASSERT_GT(spans.size(), 1u);
  expect_well_formed(body, spans);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    std::string t = text(body, spans[i]);
    EXPECT_LE(han(t), kMaxWords);
    EXPECT_TRUE(t.ends_with(i + 1 == spans.size() ? "。" : "；")) << t;
  }
}

TEST(Passages, JapaneseIsCutAtSentenceEnds) {
  std::string body;
  for (int i = 0; i < 12; ++i)
    body += "両国の外相は第" + std::to_string(i) + "回の会談で地域の協力について意見を交換した。";
  auto spans = split_passages(body);
  ASSERT_GT(spans.size(), 1u);
  expect_well_formed(body, spans);
  for (const auto& p : spans) EXPECT_TRUE(text(body, p).ends_with("。"));
}

TEST(Passages, ThaiIsSizedByItsLettersAndCutAtSpaces) {
  // Thai separates phrases, not words, by spaces: 30 phrases of 23 letters
  // make several passages, each cut at a space.
  std::string body;
  for (int i = 0; i < 30; ++i) body += (i ? " " : "") + std::string("กระทรวงการต่างประเทศแถลง");
  auto spans = split_passages(body);
  ASSERT_GT(spans.size(), 2u);
  expect_well_formed(body, spans);
  for (std::size_t i = 0; i + 1 < spans.size(); ++i) EXPECT_EQ(body[spans[i].end], ' ');
}

TEST(Passages, EmptyBodyHasNoPassages) {
  EXPECT_TRUE(split_passages("").empty());
  EXPECT_TRUE(split_passages(" \n\n \t").empty());
}

}  // namespace
}  // namespace communique::analysis
