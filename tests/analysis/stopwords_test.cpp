// The function-word lists queries drop and "similar" ignores, and the
// guess of a Latin-script text's language from its function words.

#include "analysis/stopwords.h"

#include <gtest/gtest.h>

#include <string>

#include "communique/analyzer.h"

namespace communique::analysis {
namespace {

// Whether a word as a user writes it is a function word, folded first as
// the tokenizer folds it (the lists hold folded words).
bool stopped(const std::string& written, std::string_view language) {
  return is_stopword(Analyzer::fold(written), language);
}

TEST(Stopwords, EachListedLanguageHasItsFunctionWords) {
  EXPECT_TRUE(is_stopword("the", "en"));
  EXPECT_TRUE(is_stopword("of", "en"));
  EXPECT_TRUE(is_stopword("les", "fr"));
  EXPECT_TRUE(is_stopword("dans", "fr"));
  EXPECT_TRUE(is_stopword("los", "es"));
  EXPECT_TRUE(is_stopword("para", "es"));
  EXPECT_TRUE(is_stopword("und", "de"));
  EXPECT_TRUE(is_stopword("nicht", "de"));
  EXPECT_TRUE(is_stopword("и", "ru"));
  EXPECT_TRUE(is_stopword("который", "ru"));
}

TEST(Stopwords, AListIsItsLanguagesOnly) {
  // A word is stopped in its own language, not in another's: "die" is a
  // German article and an English verb; "con" Spanish; "the" English.
  EXPECT_TRUE(is_stopword("die", "de"));
  EXPECT_FALSE(is_stopword("die", "en"));
  EXPECT_TRUE(is_stopword("con", "es"));
  EXPECT_FALSE(is_stopword("con", "fr"));
  EXPECT_FALSE(is_stopword("the", "fr"));
  EXPECT_FALSE(is_stopword("les", "en"));
  EXPECT_FALSE(is_stopword("the", "ru"));
  EXPECT_FALSE(is_stopword("и", "en"));
}

TEST(Stopwords, WordsAreMatchedFolded) {
  // Case and accents folded as the tokenizer folds them: "Für", "ÉTÉ",
  // "Ещё" are stopped; the lists hold the folded forms.
  EXPECT_TRUE(stopped("The", "en"));
  EXPECT_TRUE(stopped("AND", "en"));
  EXPECT_TRUE(stopped("Für", "de"));
  EXPECT_TRUE(stopped("über", "de"));
  EXPECT_TRUE(stopped("été", "fr"));
  EXPECT_TRUE(stopped("Être", "fr"));
  EXPECT_TRUE(stopped("más", "es"));
  EXPECT_TRUE(stopped("Ещё", "ru"));
  EXPECT_TRUE(stopped("её", "ru"));
  // Unfolded, a word is not matched: callers fold.
  EXPECT_FALSE(is_stopword("The", "en"));
  EXPECT_FALSE(is_stopword("für", "de"));
}

TEST(Stopwords, OtherLanguagesHaveNone) {
  for (const char* language : {"zh", "ja", "ar", "it", "xx", "EN", "en-GB"}) {
    SCOPED_TRACE(language);
    EXPECT_FALSE(is_stopword("the", language));
    EXPECT_FALSE(is_stopword("de", language));
    EXPECT_FALSE(is_stopword("的", language));
  }
}

TEST(Stopwords, NoLanguageMeansEnglish) {
  // A statement whose language is not known is read as English.
  EXPECT_TRUE(is_stopword("the", ""));
  EXPECT_FALSE(is_stopword("und", ""));
}

TEST(Stopwords, TheStatementsContentWordsAreNotStopped) {
  // The words the statements are about are searched, never dropped.
  for (const char* word : {"united", "nations", "peace", "security", "minister", "foreign",
                           "sanctions", "sovereignty", "china", "us", "states"})
    EXPECT_FALSE(is_stopword(word, "en")) << word;
  for (const char* word : {"paix", "nations", "unies", "securite", "ministre"})
    EXPECT_FALSE(is_stopword(word, "fr")) << word;
  for (const char* word : {"paz", "naciones", "unidas", "seguridad", "ministro"})
    EXPECT_FALSE(is_stopword(word, "es")) << word;
  for (const char* word : {"frieden", "vereinten", "nationen", "sicherheit", "minister"})
    EXPECT_FALSE(is_stopword(word, "de")) << word;
  for (const char* word : {"мир", "оон", "безопасность", "министр", "санкции"})
    EXPECT_FALSE(is_stopword(word, "ru")) << word;
}

// (As a string, for gtest to print.)
std::string guess(std::string_view text) { return std::string(guess_latin_language(text)); }

TEST(GuessLatinLanguage, TheCommonestFunctionWordsDecide) {
  EXPECT_EQ(guess("The minister said that the talks with the delegation were "
                  "useful and that trade is growing."),
            "en");
  EXPECT_EQ(guess("Le ministre a rencontré les représentants des pays voisins "
                  "et il est satisfait des résultats obtenus dans les "
                  "négociations."),
            "fr");
  EXPECT_EQ(guess("El ministro se reunió con los representantes de los países "
                  "vecinos y habló del comercio y de la seguridad para la región."),
            "es");
  EXPECT_EQ(guess("Der Minister traf die Vertreter der Nachbarländer und sagte, "
                  "das Gespräch ist nicht einfach gewesen, aber die Lage den "
                  "Umständen entsprechend gut."),
            "de");
}

TEST(GuessLatinLanguage, CaseDoesNotMatter) {
  EXPECT_EQ(guess("LES PAYS ET LES MINISTRES DANS LA RÉGION"), "fr");
  EXPECT_EQ(guess("Los Países Y Las Regiones Del Sur"), "es");
}

TEST(GuessLatinLanguage, EnglishWhenNoneStandOut) {
  EXPECT_EQ(guess(""), "en");
  EXPECT_EQ(guess("2020-07-17 14:00"), "en");
  EXPECT_EQ(guess("Tashkent Astana Bishkek"), "en");
  EXPECT_EQ(guess("Tokayev Mirziyoyev"), "en");
  EXPECT_EQ(guess("外交部发言人"), "en");
}

}  // namespace
}  // namespace communique::analysis
