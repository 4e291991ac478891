// Names typed in one script find statements that write them in another:
// "Wang Yi" finds 王毅, "Lavrov" Лавров and 拉夫罗夫, "North Korea" 朝鲜.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "communique/searcher.h"
#include "support/temp_index.h"

namespace communique {
namespace {

using testing::make_statement;

class NamesAcrossScripts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    testing::build_index(
        dir_->str("db"),
        {
            make_statement("zh-spokesperson", "外交部发言人汪文斌主持例行记者会。汪文斌表示，中方欢迎各方参与。",
                           "CHN", "2023-11-09", {}, "zh"),
            make_statement("zh-talks", "王毅同拉夫罗夫举行会谈，双方就乌克兰问题交换意见。", "CHN",
                           "2023-10-16", {}, "zh"),
            make_statement("zh-peninsula", "朝鲜半岛局势总体保持稳定。", "CHN", "2023-09-12", {},
                           "zh"),
            make_statement("zh-other-wang", "王先生表示欢迎。", "CHN", "2023-09-13", {}, "zh"),
            make_statement("ru-minister",
                           "Министр иностранных дел Сергей Лавров провёл переговоры в Москве.",
                           "RUS", "2023-10-17", {}, "ru"),
            make_statement("en-meeting", "Wang Yi met Sergey Lavrov in Beijing on Monday.", "SGP",
                           "2023-10-18", {}, "en"),
            make_statement("en-weather", "The talks covered trade, climate and peace.", "SGP",
                           "2023-10-19", {}, "en"),
        });
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::vector<std::string> found(std::string_view query) {
    std::vector<std::string> ids;
    for (const auto& hit : Searcher(dir_->str("db")).search(query, {}).hits) ids.push_back(hit.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static testing::TempDir* dir_;
};

testing::TempDir* NamesAcrossScripts::dir_ = nullptr;

using Ids = std::vector<std::string>;

TEST_F(NamesAcrossScripts, AChineseNameTypedInPinyin) {
  EXPECT_EQ(found("Wang Wenbin"), Ids{"zh-spokesperson"});
  EXPECT_EQ(found("\"Wang Wenbin\""), Ids{"zh-spokesperson"});
  EXPECT_EQ(found("Wang Yi"), (Ids{"en-meeting", "zh-talks"}));
  EXPECT_EQ(found("wang yi"), (Ids{"en-meeting", "zh-talks"}));
}

TEST_F(NamesAcrossScripts, ARussianNameInAnyScript) {
  const Ids lavrov{"en-meeting", "ru-minister", "zh-talks"};
  EXPECT_EQ(found("Lavrov"), lavrov);
  EXPECT_EQ(found("Лавров"), lavrov);
  EXPECT_EQ(found("\"Sergey Lavrov\""), lavrov);
}

TEST_F(NamesAcrossScripts, ACountryByTheNameTheStatementsLanguageGivesIt) {
  EXPECT_EQ(found("\"North Korea\""), Ids{"zh-peninsula"});
}

// A Chinese surname alone, or a word that is nobody's name, is not turned
// into a person.
TEST_F(NamesAcrossScripts, NoGuessedPeople) {
  EXPECT_EQ(found("Wang"), Ids{"en-meeting"});
  EXPECT_EQ(found("peace"), Ids{"en-weather"});
}

// The match in the other script is what the passage marks.
TEST_F(NamesAcrossScripts, ThePassageMarksTheNameAsTheStatementWritesIt) {
  SearchResult r = Searcher(dir_->str("db")).search("Wang Wenbin", {});
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].passages.empty());
  const Passage& p = r.hits[0].passages[0];
  ASSERT_FALSE(p.highlights.empty());
  auto [start, end] = p.highlights[0];
  EXPECT_EQ(p.text.substr(start, end - start), "汪文斌");
}

// --explain says how a word matched where it was not as typed.
TEST_F(NamesAcrossScripts, ExplainSaysWhichOtherNameOrCharactersMatched) {
  SearchOptions options;
  options.explain = true;
  Searcher searcher(dir_->str("db"));
  auto explanation = [&](std::string_view query, const std::string& id) {
    for (const auto& hit : searcher.search(query, options).hits) {
      if (hit.id == id) return hit.explanation;
    }
    return std::string("(not found)");
  };
  EXPECT_NE(explanation("Lavrov", "zh-talks").find("another name: 拉夫罗夫"), std::string::npos);
  EXPECT_NE(explanation("Lavrov", "ru-minister").find("another name: Сергей Лавров"),
            std::string::npos);
  // As typed, nothing to say.
  EXPECT_EQ(explanation("Lavrov", "en-meeting").find("another name"), std::string::npos);
  EXPECT_NE(explanation("举行会谈", "zh-talks").find("by its characters"), std::string::npos);
}

}  // namespace
}  // namespace communique
