#include "core/name_keys.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace communique::core {
namespace {

// Whether a word of running text may stand for the name.
bool meets(std::string_view text_word, std::string_view name) {
  auto words = scan_name_words(text_word, WordsOf::kText, true);
  if (words.size() != 1) return false;
  std::string key = name_key(name);
  const auto& w = words[0];
  return w.key == key || std::find(w.variants.begin(), w.variants.end(), key) != w.variants.end();
}

TEST(NameKeys, EnglishPossessivesApostrophesAndDotsGo) {
  EXPECT_EQ(name_key("Kyrgyzstan's"), "kyrgyzstan");
  EXPECT_EQ(name_key("U.S."), "us");
  EXPECT_EQ(name_key("The Netherlands"), "netherlands");
  EXPECT_EQ(name_key("Côte d’Ivoire"), name_key("Cote d'Ivoire"));
}

TEST(NameKeys, FrenchElisionsGoAndTheOffsetFollows) {
  std::string text = "vers l'Inde et l’Allemagne";
  auto words = scan_name_words(text, WordsOf::kText, false);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[1].key, "inde");
  EXPECT_EQ(text.substr(words[1].start, words[1].end - words[1].start), "Inde");
  EXPECT_TRUE(words[1].capitalised);
  EXPECT_EQ(words[3].key, "allemagne");
}

TEST(NameKeys, RussianCasesMeetTheNominative) {
  for (const char* form : {"Китай", "Китая", "Китаю", "Китаем", "Китае"})
    EXPECT_TRUE(meets(form, "Китай")) << form;
  for (const char* form : {"Россия", "России", "Россию", "Россией"})
    EXPECT_TRUE(meets(form, "Россия")) << form;
  for (const char* form : {"Казахстан", "Казахстана", "Казахстаном", "Казахстане"})
    EXPECT_TRUE(meets(form, "Казахстан")) << form;
  for (const char* form : {"российский", "российская", "российского", "российской", "российскими"})
    EXPECT_TRUE(meets(form, "российский")) << form;
  // Names that do not decline are left whole: Малые is not Мали.
  EXPECT_EQ(name_key("Мали"), "мали");
  EXPECT_FALSE(meets("Малые", "Мали"));
}

TEST(NameKeys, ArabicPrefixesAndTheArticleGo) {
  for (const char* form : {"الصين", "صين", "والصين", "بالصين", "للصين", "فالصين", "وبالصين"})
    EXPECT_TRUE(meets(form, "الصين")) << form;
  EXPECT_TRUE(meets("أمريكا", "امريكا"));  // hamza on alef folds away
  // A name that starts with a letter like a prefix is still itself.
  EXPECT_TRUE(meets("بريطانيا", "بريطانيا"));
  EXPECT_FALSE(meets("ريطانيا", "بريطانيا"));
}

TEST(NameKeys, HanRunsAreWordsOnlyWhenAsked) {
  std::string text = "中国和Russia";
  auto with = scan_name_words(text, WordsOf::kText, true);
  ASSERT_EQ(with.size(), 2u);
  EXPECT_EQ(with[0].key, "中国和");
  auto words = scan_name_words(text, WordsOf::kText, false);
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[0].key, kHanBarrier);  // no name runs across the characters left out
  EXPECT_EQ(words[1].key, "russia");
  EXPECT_EQ(words[1].start, std::string("中国和").size());
}

TEST(NameKeys, CapitalisationIsReadInEveryScript) {
  auto words = scan_name_words("Китай китай Chine chine 中国", WordsOf::kText, true);
  ASSERT_EQ(words.size(), 5u);
  EXPECT_TRUE(words[0].capitalised);
  EXPECT_FALSE(words[1].capitalised);
  EXPECT_TRUE(words[2].capitalised);
  EXPECT_FALSE(words[3].capitalised);
  EXPECT_TRUE(words[4].capitalised);  // no case
}

}  // namespace
}  // namespace communique::core
