#include "core/han_names.h"

#include <gtest/gtest.h>

namespace communique::core {
namespace {

std::vector<std::string> find(const HanNames& names, std::string_view text) {
  std::vector<std::string> out;
  names.find(text, [&](std::size_t start, std::size_t end, std::size_t value) {
    out.push_back(std::to_string(value) + ":" + std::string(text.substr(start, end - start)));
  });
  return out;
}

TEST(HanNames, TakesTheLongestNameAtEachPlace) {
  HanNames names;
  EXPECT_TRUE(names.add("几内亚", 1));
  EXPECT_TRUE(names.add("巴布亚新几内亚", 2));
  EXPECT_TRUE(names.add("赤道几内亚", 3));
  EXPECT_EQ(find(names, "巴布亚新几内亚、赤道几内亚和几内亚"),
            (std::vector<std::string>{"2:巴布亚新几内亚", "3:赤道几内亚", "1:几内亚"}));
}

TEST(HanNames, KeepsOnlyNamesOfTwoHanCharactersOrMore) {
  HanNames names;
  EXPECT_TRUE(names.add("美", 1));  // a Han name, but one character: never found
  EXPECT_FALSE(names.add("Chine", 2));
  EXPECT_FALSE(names.add("刚果（布）", 3));
  EXPECT_EQ(names.size(), 0u);
  EXPECT_TRUE(find(names, "美国").empty());
}

TEST(HanNames, ATwoCharacterNameStartsAWord) {
  HanNames names;
  names.add("中国", 1);
  names.add("加纳", 2);
  EXPECT_EQ(find(names, "中国人民"), (std::vector<std::string>{"1:中国"}));  // runs into 人民
  EXPECT_TRUE(find(names, "增加纳税").empty());                              // 增加 纳税
}

TEST(HanNames, AWholeWordNameAlsoEndsOne) {
  HanNames names;
  names.add("以方", 1, /*whole_word=*/true);
  EXPECT_EQ(find(names, "以方表示"), (std::vector<std::string>{"1:以方"}));
  EXPECT_TRUE(find(names, "以方便群众").empty());  // 以 方便
}

TEST(HanNames, OffsetsAreBytesOfTheWholeText) {
  HanNames names;
  names.add("南非", 7);
  std::string text = "Talks: 南非, then 南非.";
  std::vector<std::size_t> starts;
  names.find(text, [&](std::size_t start, std::size_t, std::size_t) { starts.push_back(start); });
  EXPECT_EQ(starts, (std::vector<std::size_t>{7, text.rfind("南非")}));
}

TEST(HanNames, AreFoundAfterDashesAndCurlyQuotesInLatinText) {
  // Other characters of three bytes (a dash, a curly quote) come before,
  // between and inside the runs of Latin text the search skips.
  HanNames names;
  names.add("南非", 7);
  names.add("中国", 8);
  std::string text = "It’s “peace” — 南非 and more text — “中国”, …南非";
  EXPECT_EQ(find(names, text), (std::vector<std::string>{"7:南非", "8:中国", "7:南非"}));
}

TEST(HanNames, SegmentsChineseWords) {
  EXPECT_EQ(chinese_word_starts(U"成功举行"), (std::vector<bool>{true, false, true, false, true}));
  EXPECT_EQ(chinese_word_starts(U""), (std::vector<bool>{true}));
}

}  // namespace
}  // namespace communique::core
