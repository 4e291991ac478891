#include "analysis/grams.h"

#include <gtest/gtest.h>

namespace communique::analysis {
namespace {

struct Laid {
  std::vector<Token> tokens;
  std::vector<std::uint32_t> starts;
};

Laid lay(std::string_view text) {
  Laid out;
  Analyzer().tokenize(text, out.tokens);
  lay_out(out.tokens, out.starts);
  return out;
}

std::vector<std::string> texts(const std::vector<Gram>& grams) {
  std::vector<std::string> out;
  for (const auto& g : grams) out.push_back(g.text);
  return out;
}

TEST(Grams, EachCharacterOfUnspacedScriptsTakesAPosition) {
  Laid l = lay("G20峰会在杭州举行 today");
  ASSERT_EQ(l.starts.size(), l.tokens.size() + 1);
  EXPECT_EQ(l.tokens.front().text, "g20");
  EXPECT_EQ(l.starts.front(), 0u);
  EXPECT_EQ(l.starts[1], 1u);  // 峰 follows G20
  EXPECT_EQ(l.tokens.back().text, "today");
  // G20, seven characters, today.
  EXPECT_EQ(l.starts.back(), 9u);
  EXPECT_EQ(l.starts[l.tokens.size() - 1], 8u);
}

TEST(Grams, EnglishWordsTakeOnePositionEach) {
  Laid l = lay("Transport corridors, across the Caspian.");
  EXPECT_EQ(l.starts, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5}));
}

TEST(Grams, CharactersAndBigramsOfARunWhateverItsWords) {
  Laid l = lay("我们呼吁各方保持克制");
  std::vector<Gram> characters, bigrams;
  append_grams(l.tokens, 0, l.tokens.size(), l.starts, &characters, &bigrams);
  EXPECT_EQ(texts(characters),
            (std::vector<std::string>{"我", "们", "呼", "吁", "各", "方", "保", "持", "克", "制"}));
  EXPECT_EQ(texts(bigrams), (std::vector<std::string>{"我们", "们呼", "呼吁", "吁各", "各方",
                                                      "方保", "保持", "持克", "克制"}));
  for (std::uint32_t i = 0; i < characters.size(); ++i) EXPECT_EQ(characters[i].position, i);
  for (std::uint32_t i = 0; i < bigrams.size(); ++i) EXPECT_EQ(bigrams[i].position, i);
}

TEST(Grams, PunctuationTakesNoPositionAndBigramsSpanIt) {
  Laid l = lay("双方同意，继续对话。");
  std::vector<Gram> characters, bigrams;
  append_grams(l.tokens, 0, l.tokens.size(), l.starts, &characters, &bigrams);
  EXPECT_EQ(texts(bigrams),
            (std::vector<std::string>{"双方", "方同", "同意", "意继", "继续", "续对", "对话"}));
  ASSERT_EQ(characters.size(), 8u);
  EXPECT_EQ(characters[4].text, "继");
  EXPECT_EQ(characters[4].position, 4u);
}

TEST(Grams, NoBigramSpansAnotherWord) {
  Laid l = lay("中美2023年会谈");
  std::vector<Gram> bigrams;
  append_grams(l.tokens, 0, l.tokens.size(), l.starts, nullptr, &bigrams);
  EXPECT_EQ(texts(bigrams), (std::vector<std::string>{"中美", "年会", "会谈"}));
}

TEST(Grams, JapaneseAndThaiGoByCharacterToo) {
  for (std::string_view text : {"外務大臣は会談を行った", "กระทรวงการต่างประเทศ"}) {
    Laid l = lay(text);
    std::vector<Gram> characters, bigrams;
    append_grams(l.tokens, 0, l.tokens.size(), l.starts, &characters, &bigrams);
    EXPECT_EQ(characters.size(), l.starts.back()) << text;
    EXPECT_EQ(bigrams.size() + 1, characters.size()) << text;
  }
}

}  // namespace
}  // namespace communique::analysis
