#include "communique/analyzer.h"

#include <gtest/gtest.h>

namespace communique {
namespace {

std::vector<Token> tokens(std::string_view text) {
  Analyzer a;
  std::vector<Token> out;
  a.tokenize(text, out);
  return out;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : tokens(text)) out.push_back(t.text);
  return out;
}

TEST(Analyzer, FoldsCaseAndAccents) {
  EXPECT_EQ(words("Ürümqi NÉGOCIATIONS Genève"),
            (std::vector<std::string>{"urumqi", "negociations", "geneve"}));
}

TEST(Analyzer, DropsPossessivesWithEitherApostrophe) {
  EXPECT_EQ(words("China's China’s Kyrgyzstan's"),
            (std::vector<std::string>{"china", "china", "kyrgyzstan"}));
}

TEST(Analyzer, DropsFrenchElisions) {
  EXPECT_EQ(words("l'Union d’accord"), (std::vector<std::string>{"union", "accord"}));
}

TEST(Analyzer, SplitsHyphenatedWordsAndMarksThemGlued) {
  auto t = tokens("Belt-and-Road COVID-19");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].text, "belt");
  EXPECT_FALSE(t[0].glued);
  EXPECT_TRUE(t[1].glued);
  EXPECT_TRUE(t[2].glued);
  EXPECT_EQ(t[3].text, "covid");
  EXPECT_FALSE(t[3].glued);
  EXPECT_EQ(t[4].text, "19");
  EXPECT_TRUE(t[4].glued);
}

TEST(Analyzer, RecognisesAcronymsWrittenInCapitals) {
  auto t = tokens("the WHO and U.S. who us");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_TRUE(t[1].acronym);
  EXPECT_EQ(t[1].text, "who");
  EXPECT_TRUE(t[3].acronym);
  EXPECT_EQ(t[3].text, "us");
  EXPECT_FALSE(t[4].acronym);
  EXPECT_FALSE(t[5].acronym);
}

TEST(Analyzer, OffsetsAreUtf8ByteRanges) {
  std::string text = "Ürümqi, 共建一带一路倡议";
  for (const auto& t : tokens(text)) {
    ASSERT_LE(t.end, text.size());
    std::string_view raw = std::string_view(text).substr(t.start, t.end - t.start);
    EXPECT_EQ(Analyzer::fold(raw), t.text);
  }
}

TEST(Analyzer, SegmentsChineseIntoWordsNotCharacters) {
  auto t = tokens("中方愿同各方共建一带一路");
  ASSERT_FALSE(t.empty());
  bool multi_character_word = false;
  for (const auto& token : t) {
    EXPECT_TRUE(token.ideographic);
    if (token.text.size() > 3) multi_character_word = true;  // more than one CJK character
  }
  EXPECT_TRUE(multi_character_word);
}

TEST(Analyzer, StemsByLanguage) {
  Analyzer a;
  EXPECT_EQ(a.stem("negotiations", "en"), a.stem("negotiating", "en"));
  EXPECT_EQ(a.stem("санкций", "ru"), a.stem("санкции", "ru"));
  EXPECT_EQ(a.stem("2020", "en"), "2020");
  EXPECT_EQ(a.stem("words", "xx"), "words");  // no stemmer: unchanged
  EXPECT_EQ(a.stem("words", ""), "words");
}

TEST(Analyzer, FoldedRussianFormsShareAStem) {
  Analyzer a;
  EXPECT_EQ(a.stem(Analyzer::fold("санкций"), "ru"), a.stem(Analyzer::fold("санкции"), "ru"));
}

TEST(Analyzer, GuessesLanguageFromScriptAndWords) {
  EXPECT_EQ(Analyzer::guess_language("中方愿同各方共建一带一路"), "zh");
  EXPECT_EQ(Analyzer::guess_language("日本の外務大臣は、会談を行いました"), "ja");
  EXPECT_EQ(Analyzer::guess_language("Министр иностранных дел заявил"), "ru");
  EXPECT_EQ(Analyzer::guess_language("أكد وزير الخارجية"), "ar");
  EXPECT_EQ(Analyzer::guess_language("Les négociations sur la sécurité et la paix"), "fr");
  EXPECT_EQ(Analyzer::guess_language("The minister said that the talks were useful"), "en");
}

TEST(Analyzer, InvalidUtf8IsASeparatorNotACrash) {
  std::string text = "peace\xff\xfe talks \xc3";
  auto w = words(text);
  EXPECT_NE(std::find(w.begin(), w.end(), "peace"), w.end());
  EXPECT_NE(std::find(w.begin(), w.end(), "talks"), w.end());
}

TEST(RepairUtf8, ReplacesInvalidSequences) {
  std::string s =
      "ok\xff"
      "fine\xc3";
  EXPECT_EQ(repair_utf8(s), 2u);
  EXPECT_EQ(s,
            "ok\xEF\xBF\xBD"
            "fine\xEF\xBF\xBD");
  std::string good = "Ürümqi";
  EXPECT_EQ(repair_utf8(good), 0u);
  EXPECT_EQ(good, "Ürümqi");
}

TEST(Analyzer, StopwordsAreLanguageSpecific) {
  EXPECT_TRUE(Analyzer::is_stopword("the", "en"));
  EXPECT_FALSE(Analyzer::is_stopword("sanctions", "en"));
  EXPECT_TRUE(Analyzer::is_stopword("les", "fr"));
  EXPECT_FALSE(Analyzer::is_stopword("the", "zh"));
}

}  // namespace
}  // namespace communique
