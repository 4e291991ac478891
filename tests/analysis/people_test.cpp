#include "analysis/people.h"

#include <gtest/gtest.h>
#include <unicode/translit.h>

#include <algorithm>
#include <memory>
#include <thread>

#include "communique/error.h"

namespace communique::analysis {
namespace {

const People& people() { return People::builtin(); }

// The transforms the module relies on are in the ICU on the machine.
TEST(People, TheTransliteratorsExist) {
  for (const char* id : {"Han-Latin", "Han-Latin/Names", "Russian-Latin/BGN", "Latin-ASCII"}) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    EXPECT_TRUE(U_SUCCESS(status) && t) << id;
  }
}

TEST(People, ChineseNamesInPinyinSurnameFirstGivenNameJoined) {
  EXPECT_EQ(chinese_name_to_latin("王毅"), "Wang Yi");
  EXPECT_EQ(chinese_name_to_latin("汪文斌"), "Wang Wenbin");
  EXPECT_EQ(chinese_name_to_latin("毛宁"), "Mao Ning");
  EXPECT_EQ(chinese_name_to_latin("赵立坚"), "Zhao Lijian");
  EXPECT_EQ(chinese_name_to_latin("欧阳修"), "Ouyang Xiu");  // a compound surname as one
  EXPECT_EQ(chinese_name_to_latin("司马光"), "Sima Guang");
  // The surname read as a surname: 曾 is Zeng (not ceng), 单 is Shan (not dan).
  EXPECT_EQ(chinese_name_to_latin("曾庆红"), "Zeng Qinghong");
  EXPECT_EQ(chinese_name_to_latin("单霁翔"), "Shan Jixiang");
  // Not Chinese names: no known surname, too long, not characters.
  EXPECT_EQ(chinese_name_to_latin("拉夫罗夫"), "");
  EXPECT_EQ(chinese_name_to_latin("普京"), "");
  EXPECT_EQ(chinese_name_to_latin("王"), "");
  EXPECT_EQ(chinese_name_to_latin("Wang Yi"), "");
}

TEST(People, ChineseSurnames) {
  EXPECT_EQ(chinese_surname_length(U"欧阳修"), 2u);
  EXPECT_EQ(chinese_surname_length(U"汪文斌"), 1u);
  EXPECT_EQ(chinese_surname_length(U"国家"), 0u);  // 国 is a rare surname and a common word
  EXPECT_EQ(chinese_surname_length(U""), 0u);
}

TEST(People, RussianNamesByBgn) {
  EXPECT_EQ(cyrillic_name_to_latin("Захарова"), "Zakharova");  // not Zaharova
  EXPECT_EQ(cyrillic_name_to_latin("С.В.Лавров"), "S. V. Lavrov");
  EXPECT_EQ(cyrillic_name_to_latin("Сергей Лавров"), "Sergey Lavrov");
  EXPECT_EQ(cyrillic_name_to_latin("Си Цзиньпин"), "Si Tszinpin");  // the soft sign's mark goes
}

TEST(People, OnePersonOneKeyWhateverTheScript) {
  std::string lavrov = people().identify("Sergey Lavrov").key;
  EXPECT_EQ(lavrov, "sergey lavrov");
  for (const char* form : {"С.В.Лавров", "С. В. Лавров", "Сергей Лавров", "拉夫罗夫",
                           "Sergei Lavrov", "谢尔盖•拉夫罗夫"})
    EXPECT_EQ(people().identify(form).key, lavrov) << form;
  EXPECT_EQ(people().identify("汪文斌").key, people().identify("Wang Wenbin").key);
  EXPECT_EQ(people().identify("王毅").key, people().identify("Ван И").key);
}

TEST(People, TheFacetShowsThePersonsOwnScriptThenTheLatinName) {
  EXPECT_EQ(people().identify("汪文斌").display, "汪文斌 (Wang Wenbin)");
  EXPECT_EQ(people().identify("Wang Wenbin").display, "汪文斌 (Wang Wenbin)");
  EXPECT_EQ(people().identify("拉夫罗夫").display, "Сергей Лавров (Sergey Lavrov)");
  EXPECT_EQ(people().identify("布林肯").display, "Antony Blinken");
  // Names the table does not know: the transform's Latin form.
  PersonName zhang = people().identify("张明");
  EXPECT_EQ(zhang.latin, "Zhang Ming");
  EXPECT_EQ(zhang.display, "张明 (Zhang Ming)");
  PersonName overchuk = people().identify("А.Л.Оверчук");
  EXPECT_EQ(overchuk.written, "А. Л. Оверчук");
  EXPECT_EQ(overchuk.latin, "A. L. Overchuk");
  EXPECT_EQ(overchuk.key, "a l overchuk");
  // A foreign name in characters the table does not know has no Latin form.
  PersonName simina = people().identify("西米纳");
  EXPECT_EQ(simina.latin, "");
  EXPECT_EQ(simina.display, "西米纳");
  EXPECT_EQ(simina.key, "西米纳");
  // Given names read otherwise than by their commonest reading.
  EXPECT_EQ(people().identify("马朝旭").latin, "Ma Zhaoxu");
}

TEST(People, FormsOfAPersonForAQueryInAnyScript) {
  auto has = [](const std::vector<std::string>& forms, const std::string& f) {
    return std::find(forms.begin(), forms.end(), f) != forms.end();
  };
  for (const char* query : {"Lavrov", "Лавров", "lavrov", "Sergey Lavrov", "拉夫罗夫"}) {
    auto forms = people().forms(query);
    EXPECT_TRUE(has(forms, "Сергей Лавров")) << query;
    EXPECT_TRUE(has(forms, "拉夫罗夫")) << query;
    EXPECT_EQ(forms.front(), "Sergey Lavrov") << query;
  }
  EXPECT_TRUE(has(people().forms("Wang Yi"), "王毅"));
  // Not in the table: the written and the Latin form.
  EXPECT_EQ(people().forms("张明"), (std::vector<std::string>{"张明", "Zhang Ming"}));
}

// What a query's words may be expanded to: only a person the table knows
// for sure, never a guess.
TEST(People, KnownFormsOnlyOfOnePersonTheTableKnows) {
  for (const char* query : {"Lavrov", "Лавров", "LAVROV", "Sergei Lavrov", "С.В.Лавров"}) {
    auto forms = people().known_forms(query);
    ASSERT_FALSE(forms.empty()) << query;
    EXPECT_EQ(forms.front(), "Sergey Lavrov") << query;
  }
  auto wang_yi = people().known_forms("wang yi");
  EXPECT_NE(std::find(wang_yi.begin(), wang_yi.end(), "王毅"), wang_yi.end());
  EXPECT_EQ(people().known_forms("Blinken").front(), "Antony Blinken");
  // A Chinese surname or given name alone names no one in particular; a
  // word the table does not hold, or a name it does not know, is no one.
  for (const char* query : {"Wang", "Yi", "Mao", "peace", "Zhang Ming", "张明", "Sergey"}) {
    EXPECT_TRUE(people().known_forms(query).empty()) << query;
  }
  // A surname two people share names neither.
  People two("name\tnative\tforms\nIvan Petrov\t\t\nOleg Petrov\t\t\n");
  EXPECT_TRUE(two.known_forms("Petrov").empty());
  EXPECT_EQ(two.known_forms("Oleg Petrov"), (std::vector<std::string>{"Oleg Petrov"}));
}

TEST(People, KnowsTheLongestFormInCharactersATextStartsWith) {
  EXPECT_EQ(people().known_han_prefix("拉夫罗夫表示"), std::string("拉夫罗夫").size());
  EXPECT_EQ(people().known_han_prefix("谢尔盖·拉夫罗夫表示"),
            std::string("谢尔盖·拉夫罗夫").size());
  EXPECT_EQ(people().known_han_prefix("表示"), 0u);
}

TEST(People, RefusesATableThatGivesOneFormToTwoPeople) {
  try {
    People("name\tnative\tforms\nWang Yi\t王毅\t\nWang Yi Two\t\t王毅\n");
    FAIL() << "accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(People("name\tnative\tforms\n\t王毅\t\n"), InvalidArgument);
}

TEST(People, ServesThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<std::string> keys(8);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 50; ++n) {
        keys[i] = people().identify(i % 2 ? "赵立坚" : "Захарова").key;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < keys.size(); ++i)
    EXPECT_EQ(keys[i], i % 2 ? "zhao lijian" : "zakharova");
}

}  // namespace
}  // namespace communique::analysis
