// Office holders found in Chinese and Russian text (the English extractor's
// tests are in enrich_test.cpp).

#include "ingest/ministers.h"

#include <gtest/gtest.h>

#include "analysis/people.h"
#include "communique/gazetteer.h"
#include "ingest/enrich.h"

namespace communique::ingest {
namespace {

const Gazetteer& g() { return Gazetteer::builtin(); }

std::vector<std::string> found(std::string_view text) { return extract_ministers(text, g()); }

TEST(ChineseOfficeHolders, ThePostThenTheName) {
  EXPECT_EQ(found("2024年4月3日外交部发言人汪文斌主持例行记者会"),
            std::vector<std::string>{"汪文斌"});
  EXPECT_EQ(found("国务委员兼外长王毅同来访的客人会谈。"), std::vector<std::string>{"王毅"});
  EXPECT_EQ(found("国家主席习近平应约同对方通电话。"), std::vector<std::string>{"习近平"});
  EXPECT_EQ(found("国务院总理李强出席开幕式。"), std::vector<std::string>{"李强"});
  EXPECT_EQ(found("外交部长王毅表示，"), std::vector<std::string>{"王毅"});
  EXPECT_EQ(found("外交部发言人毛宁答记者问"), std::vector<std::string>{"毛宁"});
  EXPECT_EQ(found("发言人毛宁说，"), std::vector<std::string>{"毛宁"});
  // Names of people the table does not know.
  EXPECT_EQ(found("外交部副部长张明表示"), std::vector<std::string>{"张明"});
  EXPECT_EQ(found("外交部发言人欧阳文华主持记者会"), std::vector<std::string>{"欧阳文华"});
}

TEST(ChineseOfficeHolders, ForeignNamesInCharacters) {
  EXPECT_EQ(found("俄罗斯外长拉夫罗夫表示"), std::vector<std::string>{"拉夫罗夫"});
  EXPECT_EQ(found("美国国务卿安东尼·布林肯访华。"), std::vector<std::string>{"安东尼·布林肯"});
  EXPECT_EQ(found("某国总统马纳罗夫表示"), std::vector<std::string>{"马纳罗夫"});
  EXPECT_EQ(found("某国外长巴塔尔·伊万诺娃称，"), std::vector<std::string>{"巴塔尔·伊万诺娃"});
}

TEST(ChineseOfficeHolders, TheNameThenThePost) {
  EXPECT_EQ(found("习近平主席指出，"), std::vector<std::string>{"习近平"});
  EXPECT_EQ(found("中方对王毅外长访问有何期待？"), std::vector<std::string>{"王毅"});
  EXPECT_EQ(found("昨天拜登总统表示"), std::vector<std::string>{"拜登"});
  EXPECT_EQ(found("其间，韩正副主席将出席会议。"), std::vector<std::string>{"韩正"});
}

TEST(ChineseOfficeHolders, TheSpeakerOfATurn) {
  EXPECT_EQ(found("法新社记者：请问有何评论？\n\n汪文斌：我们注意到有关报道。\n\n毛宁：谢谢。"),
            (std::vector<std::string>{"汪文斌", "毛宁"}));
  EXPECT_TRUE(found("问：中方有何评论？\n\n答：我们注意到了。").empty());
  EXPECT_TRUE(found("路透社记者：请问？").empty());
}

TEST(ChineseOfficeHolders, WordsAfterPostsThatAreNoNames) {
  for (const char* text : {"外交部发言人表示，中方欢迎。", "发言人曾多次表示", "中方作为主席国",
                           "外交部发言人答记者问", "中国成功举行了会议", "外长会议周二举行",
                           "发言人强调", "韩中日外长会议", "美国白宫发言人称"}) {
    EXPECT_TRUE(found(text).empty()) << text << ": " << (found(text).empty() ? "" : found(text)[0]);
  }
}

TEST(RussianOfficeHolders, ThePostItsRestThenTheName) {
  EXPECT_EQ(found("Министр иностранных дел Российской Федерации С.В.Лавров провел переговоры."),
            std::vector<std::string>{"С. В. Лавров"});
  EXPECT_EQ(found("Официальный представитель МИД России М.В.Захарова заявила."),
            std::vector<std::string>{"М. В. Захарова"});
  EXPECT_EQ(found("Президент Российской Федерации В.В.Путин подписал указ."),
            std::vector<std::string>{"В. В. Путин"});
  EXPECT_EQ(found("Министр иностранных дел России Сергей Лавров заявил"),
            std::vector<std::string>{"Сергей Лавров"});
  EXPECT_EQ(found("Министр иностранных дел КНР Ван И."), std::vector<std::string>{"Ван И"});
  EXPECT_EQ(found("Государственный секретарь США Э. Блинкен"),
            std::vector<std::string>{"Э. Блинкен"});
}

// The name declines with its post; it is put back in the nominative.
TEST(RussianOfficeHolders, NamesInOtherCasesComeBackInTheNominative) {
  EXPECT_EQ(found("Выступление Министра иностранных дел Российской Федерации С.В.Лаврова"),
            std::vector<std::string>{"С. В. Лавров"});
  EXPECT_EQ(found("Брифинг официального представителя МИД России М.В.Захаровой"),
            std::vector<std::string>{"М. В. Захарова"});
  EXPECT_EQ(found("встреча с Министром иностранных дел Сергеем Лавровым"),
            std::vector<std::string>{"Сергей Лавров"});
  EXPECT_EQ(found("письмо Президенту Российской Федерации В.В.Путину"),
            std::vector<std::string>{"В. В. Путин"});
  EXPECT_EQ(found("беседа Министра иностранных дел Дмитрия Иванова"),
            std::vector<std::string>{"Дмитрий Иванов"});
  EXPECT_EQ(found("заявление Председателя КНР Си Цзиньпина"),
            std::vector<std::string>{"Си Цзиньпин"});
}

TEST(RussianOfficeHolders, NoNameNoOfficeHolder) {
  EXPECT_TRUE(found("Министр заявил, что переговоры продолжатся.").empty());
  EXPECT_TRUE(found("Министр иностранных дел России прибыл в Москву.").empty());
  EXPECT_TRUE(found("министерство иностранных дел").empty());
}

TEST(OfficeHolders, OnePersonOnceWhateverTheScriptInTextOrder) {
  EXPECT_EQ(found("Foreign Minister Wang Yi met the press. 外交部长王毅表示，会谈富有成果。"),
            std::vector<std::string>{"Wang Yi"});
  EXPECT_EQ(found("俄罗斯外长拉夫罗夫表示。Министр иностранных дел России С.В.Лавров заявил. "
                  "国家主席习近平出席。"),
            (std::vector<std::string>{"拉夫罗夫", "习近平"}));
}

TEST(OfficeHolders, EachExtractorGivesWhereItFoundTheName) {
  std::string text = "记者会。外交部发言人汪文斌主持";
  auto people = chinese_office_holders(text, g(), analysis::People::builtin());
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(text.substr(people[0].at, people[0].name.size()), "汪文斌");
  std::string ru = "Сегодня Министр иностранных дел России С.В.Лавров";
  auto russian = russian_office_holders(ru, g());
  ASSERT_EQ(russian.size(), 1u);
  EXPECT_EQ(ru.substr(russian[0].at, 2), "С");
}

}  // namespace
}  // namespace communique::ingest
