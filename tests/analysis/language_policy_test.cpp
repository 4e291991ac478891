#include "analysis/language_policy.h"

#include <gtest/gtest.h>

namespace communique::analysis {
namespace {

Token word(std::string text, bool acronym = false, bool ideographic = false) {
  return Token{std::move(text), 0, 0, acronym, ideographic, false};
}

TEST(LanguagePolicy, StemsInTheIndexedLanguagesOrEnglishForAnEmptyIndex) {
  EXPECT_EQ(LanguagePolicy({}).stemming(), (std::vector<std::string>{"en"}));
  EXPECT_EQ(LanguagePolicy({"en", "fr"}).stemming(), (std::vector<std::string>{"en", "fr"}));
}

// English function words only, whatever the index holds: "die" and "son"
// are words of English queries.
TEST(LanguagePolicy, FunctionWordsAreEnglishOnes) {
  LanguagePolicy policy({"en", "de", "fr"});
  for (const char* w : {"the", "of", "and", "who"}) EXPECT_TRUE(policy.is_function_word(w)) << w;
  for (const char* w : {"die", "son", "peace", "corridors"})
    EXPECT_FALSE(policy.is_function_word(w)) << w;
}

TEST(LanguagePolicy, AcronymsAndIdeographsAreNeverFunctionWords) {
  LanguagePolicy policy({"en"});
  EXPECT_TRUE(policy.is_function_token(word("who")));
  EXPECT_FALSE(policy.is_function_token(word("who", /*acronym=*/true)));  // WHO
  EXPECT_FALSE(policy.is_function_token(word("的", false, /*ideographic=*/true)));
}

}  // namespace
}  // namespace communique::analysis
