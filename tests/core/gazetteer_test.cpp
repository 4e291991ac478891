#include "communique/gazetteer.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "communique/error.h"

namespace communique {
namespace {

const Gazetteer& g() { return Gazetteer::builtin(); }

std::string code(std::string_view name) {
  const Country* c = g().resolve(name);
  return c ? c->code : "";
}

TEST(Gazetteer, ResolvesCodesNamesDemonymsAndAliases) {
  EXPECT_EQ(code("CHN"), "CHN");
  EXPECT_EQ(code("China"), "CHN");
  EXPECT_EQ(code("chinese"), "CHN");
  EXPECT_EQ(code("PRC"), "CHN");
  EXPECT_EQ(code("People's Republic of China"), "CHN");
  EXPECT_EQ(code("Kazakh"), "KAZ");
  EXPECT_EQ(code("Kyrgyz"), "KGZ");
  EXPECT_EQ(code("the Netherlands"), "NLD");
  EXPECT_EQ(code("Holland"), "NLD");
  EXPECT_EQ(code("DPRK"), "PRK");
  EXPECT_EQ(code("Côte d'Ivoire"), "CIV");
  EXPECT_EQ(code("Cote d’Ivoire"), "CIV");
  EXPECT_EQ(code("Atlantis"), "");
}

TEST(Gazetteer, KnowsHistoricalCodesOfTheUnCorpus) {
  for (const char* c : {"SUN", "YUG", "CSK", "DDR", "YMD", "EU"}) {
    const Country* country = g().by_code(c);
    ASSERT_NE(country, nullptr) << c;
    EXPECT_FALSE(country->name.empty());
  }
  EXPECT_EQ(g().by_code("SUN")->status, "historical");
}

TEST(Gazetteer, HasEveryIsoCodeOnce) {
  std::set<std::string> codes;
  for (const auto& c : g().countries()) EXPECT_TRUE(codes.insert(c.code).second) << c.code;
  EXPECT_GE(codes.size(), 249u);
}

TEST(Gazetteer, FindsMentionsByNameAndDemonym) {
  std::string text =
      "attended by Kazakh Foreign Minister Mukhtar Tleuberdi, Kyrgyz Foreign Minister, Tajik, "
      "Turkmen "
      "and Uzbek ministers; they discussed Afghanistan and Papua New Guinea.";
  std::vector<std::string> found;
  for (const auto& m : g().find_mentions(text)) found.push_back(m.code);
  EXPECT_EQ(found, (std::vector<std::string>{"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "PNG"}));
}

TEST(Gazetteer, MentionOffsetsCoverTheName) {
  std::string text = "Talks with the Netherlands ended.";
  auto m = g().find_mentions(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(text.substr(m[0].start, m[0].end - m[0].start), "Netherlands");
}

TEST(Gazetteer, ShortCapitalAliasesNeedCapitals) {
  EXPECT_TRUE(g().find_mentions("let us talk about it").empty());
  auto m = g().find_mentions("the US and the UK agreed");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].code, "USA");
  EXPECT_EQ(m[1].code, "GBR");
}

TEST(Gazetteer, RegionsAreNotCountries) {
  EXPECT_TRUE(g().find_mentions("trade with Latin America and the Indian Ocean states").empty());
  auto m = g().find_mentions("South American and American diplomats");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].code, "USA");
}

TEST(Gazetteer, ResolvesOrganizations) {
  const Organization* sco = g().organization("Shanghai Cooperation Organisation");
  ASSERT_NE(sco, nullptr);
  EXPECT_EQ(sco->acronym, "SCO");
  EXPECT_NE(g().organization("ASEAN"), nullptr);
}

TEST(Gazetteer, FindsCountriesByAlpha2CodeOnlyOnRequest) {
  const Gazetteer& g = Gazetteer::builtin();
  ASSERT_NE(g.by_alpha2("sg"), nullptr);
  EXPECT_EQ(g.by_alpha2("SG")->code, "SGP");
  EXPECT_EQ(g.by_alpha2("SU")->code, "SUN");
  EXPECT_EQ(g.by_alpha2("ZZ"), nullptr);
  EXPECT_EQ(g.resolve("IN"), nullptr);  // two-letter codes are not names
  EXPECT_TRUE(g.find_mentions("IT IS IN THE PLAN").empty());
}

TEST(Gazetteer, KnowsKosovo) {
  const Country* k = Gazetteer::builtin().resolve("Kosovo");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->code, "XKX");
}

// --- Names in every language ---------------------------------------------------

// The byte range of each mention, as "CODE:text".
std::vector<std::string> mentions(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : g().find_mentions(text))
    out.push_back(m.code + ":" + std::string(text.substr(m.start, m.end - m.start)));
  return out;
}

TEST(Gazetteer, ResolvesTheNamesCldrGivesInEveryLocale) {
  EXPECT_EQ(code("中国"), "CHN");
  EXPECT_EQ(code("中國"), "CHN");               // Traditional characters (zh_Hant)
  EXPECT_EQ(code("Китай"), "CHN");              // ru
  EXPECT_EQ(code("Chine"), "CHN");              // fr
  EXPECT_EQ(code("China"), "CHN");              // es, as en
  EXPECT_EQ(code("الصين"), "CHN");              // ar
  EXPECT_EQ(code("Kasachstan"), "KAZ");         // de
  EXPECT_EQ(code("Kazajistán"), "KAZ");         // es
  EXPECT_EQ(code("哈萨克斯坦"), "KAZ");         // zh
  EXPECT_EQ(code("Соединенные Штаты"), "USA");  // ru
  EXPECT_EQ(code("États-Unis"), "USA");         // fr
  EXPECT_EQ(code("EE. UU."), "USA");            // es, CLDR's short form
  EXPECT_EQ(code("Deutschland"), "DEU");
  EXPECT_EQ(code("日本"), "JPN");
  EXPECT_EQ(code("ไทย"), "THA");  // th: any locale ICU ships
}

TEST(Gazetteer, ResolvesNamesInflectedOrWithTheirPrefixes) {
  EXPECT_EQ(code("Китая"), "CHN");
  EXPECT_EQ(code("России"), "RUS");
  EXPECT_EQ(code("Казахстане"), "KAZ");
  EXPECT_EQ(code("Соединённых Штатов Америки"), "USA");
  EXPECT_EQ(code("بالصين"), "CHN");
  EXPECT_EQ(code("والصين"), "CHN");
  EXPECT_EQ(code("l'Inde"), "IND");
}

// In Tajik, Конго is both Congos; in Albanian, Nigeri is Niger and Nigeria.
TEST(Gazetteer, DropsANameThatTwoLocalesGiveToTwoCountries) {
  EXPECT_EQ(code("Конго"), "");
  EXPECT_EQ(code("Nigeri"), "");
  EXPECT_EQ(code("Конго - Киншаса"), "COD");  // ru: each has a name of its own
  EXPECT_EQ(code("Конго - Браззавиль"), "COG");
}

// The tables' own names come first: a name of CLDR's that the table gives
// another country does not take it over.
TEST(Gazetteer, TheTablesNamesComeBeforeCldrs) {
  const char* countries =
      "code\tstatus\tname\tformal_name\tdemonyms\taliases\talpha2\n"
      "DEU\tcurrent\tGermany\tFederal Republic of Germany\tGerman\t\tDE\n"
      "FRA\tcurrent\tFrance\tFrench Republic\tFrench\tAllemagne\tFR\n";
  Gazetteer mine(countries, "acronym\tname\taliases\n");
  ASSERT_NE(mine.resolve("Allemagne"), nullptr);
  EXPECT_EQ(mine.resolve("Allemagne")->code, "FRA");
  EXPECT_EQ(mine.resolve("Deutschland")->code, "DEU");  // from CLDR, by the alpha2 column
  EXPECT_EQ(mine.resolve("Kasachstan"), nullptr);       // no KZ row: no Kazakhstan
}

// CLDR's names are read once, by whichever thread needs them first; the
// others wait and then see them whole.
TEST(Gazetteer, ReadsCldrsNamesOnceForThreadsAtOnce) {
  const char* countries =
      "code\tstatus\tname\tformal_name\tdemonyms\taliases\talpha2\n"
      "KAZ\tcurrent\tKazakhstan\tRepublic of Kazakhstan\tKazakh\t\tKZ\n"
      "CHN\tcurrent\tChina\tPeople's Republic of China\tChinese\t\tCN\n";
  Gazetteer fresh(countries, "acronym\tname\taliases\n");
  std::vector<std::thread> threads;
  std::vector<std::string> found(8);
  for (std::size_t i = 0; i < found.size(); ++i) {
    threads.emplace_back([&, i] {
      if (i % 2) {
        const Country* c = fresh.resolve("Kasachstan");
        found[i] = c ? c->code : "";
      } else {
        auto m = fresh.find_mentions("访问中国");
        found[i] = m.empty() ? "" : m[0].code;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < found.size(); ++i) EXPECT_EQ(found[i], i % 2 ? "KAZ" : "CHN") << i;
}

TEST(Gazetteer, AddsTheShortFormsAndDemonymsOfTheCountryNamesTable) {
  EXPECT_EQ(code("中华人民共和国"), "CHN");
  EXPECT_EQ(code("КНР"), "CHN");
  EXPECT_EQ(code("российский"), "RUS");
  EXPECT_EQ(code("российской"), "RUS");
  EXPECT_EQ(code("chinoise"), "CHN");
  EXPECT_EQ(code("estadounidenses"), "USA");
  EXPECT_EQ(code("الأمريكية"), "USA");
  EXPECT_EQ(code("中方"), "");  // a party in talks, found in text, not a name to filter by
}

TEST(Gazetteer, RefusesABadCountryNamesTableNamingTheLine) {
  const char* countries =
      "code\tstatus\tname\tformal_name\tdemonyms\taliases\talpha2\n"
      "CHN\tcurrent\tChina\tPeople's Republic of China\tChinese\t\tCN\n";
  try {
    Gazetteer(countries, "acronym\tname\taliases\n",
              "code\tlanguage\tkind\tnames\nCHN\tzh\tname\t中方\nXXX\tzh\tname\t某国\n");
    FAIL() << "an unknown code was accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("XXX"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Gazetteer(countries, "acronym\tname\taliases\n",
                         "code\tlanguage\tkind\tnames\nCHN\tzh\tnickname\t中方\n"),
               InvalidArgument);
}

// Chinese has no spaces: the longest name at each place, names running into
// the next word, but not names made of the ends of two words.
TEST(Gazetteer, FindsMentionsInChineseText) {
  EXPECT_EQ(mentions("中方同南非和巴布亚新几内亚加强合作，中国人民欢迎美国代表团。"),
            (std::vector<std::string>{"CHN:中方", "ZAF:南非", "PNG:巴布亚新几内亚", "CHN:中国",
                                      "USA:美国"}));
  // Not 南 + 非, not 几内亚 alone, not 印度 in 印度尼西亚 or 印度洋.
  EXPECT_EQ(mentions("印度尼西亚和印度洋"), (std::vector<std::string>{"IDN:印度尼西亚"}));
  // 加纳 (Ghana) in 增加 纳税, 美方 in 完美 方案, 以方 in 以 方便 are ends of words.
  EXPECT_TRUE(mentions("增加纳税").empty());
  EXPECT_TRUE(mentions("这是完美方案").empty());
  EXPECT_TRUE(mentions("可以方便群众").empty());
  EXPECT_EQ(mentions("加纳总统"), (std::vector<std::string>{"GHA:加纳"}));
  EXPECT_EQ(mentions("以方表示"), (std::vector<std::string>{"ISR:以方"}));
  EXPECT_EQ(mentions("美，日"), (std::vector<std::string>{}));  // single characters are no names
}

TEST(Gazetteer, FindsMentionsInRussianTextInAnyCase) {
  std::string text =
      "Министр иностранных дел Китая встретился с российским коллегой в Казахстане; "
      "США и Соединённых Штатов Америки; страны Латинской Америки.";
  EXPECT_EQ(mentions(text),
            (std::vector<std::string>{"CHN:Китая", "RUS:российским", "KAZ:Казахстане", "USA:США",
                                      "USA:Соединённых Штатов Америки"}));
  EXPECT_TRUE(mentions("мясо кита").empty());  // a whale's, in small letters, is no Китай
  EXPECT_EQ(mentions("в Мали и Чили"), (std::vector<std::string>{"MLI:Мали", "CHL:Чили"}));
}

TEST(Gazetteer, FindsMentionsInFrenchAndSpanishText) {
  EXPECT_EQ(mentions("Le ministre chinois a reçu l'homologue russe en Inde et aux États-Unis."),
            (std::vector<std::string>{"CHN:chinois", "RUS:russe", "IND:Inde", "USA:États-Unis"}));
  EXPECT_EQ(mentions("l’Inde"), (std::vector<std::string>{"IND:Inde"}));
  // A first name that is also a country's French name; a region.
  EXPECT_TRUE(mentions("Maurice Dupont, la coopération latino-américaine").empty());
  EXPECT_EQ(
      mentions("La delegación china y la parte estadounidense, EE.UU. y Rusia."),
      (std::vector<std::string>{"CHN:china", "USA:estadounidense", "USA:EE.UU", "RUS:Rusia"}));
}

TEST(Gazetteer, FindsMentionsInArabicTextWithTheirPrefixes) {
  std::string text =
      "والصين وروسيا والولايات المتحدة الأمريكية للصين؛ الدعم المالي؛ الرئيس الصيني.";
  EXPECT_EQ(mentions(text), (std::vector<std::string>{
                                "CHN:والصين", "RUS:وروسيا", "USA:والولايات المتحدة الأمريكية",
                                "CHN:للصين", "CHN:الصيني"}));  // المالي (financial) is no Mali
}

// Found by fuzz_names: the words of a name were read across Chinese text
// (which the words of other scripts leave out), and the mentions overlapped.
TEST(Gazetteer, NoNameRunsAcrossChineseText) {
  EXPECT_EQ(mentions("Papua New 的 Guinea"), (std::vector<std::string>{"GIN:Guinea"}));
  EXPECT_EQ(mentions("Papua New,人汪文斌：中方同 Guinea."),
            (std::vector<std::string>{"CHN:中方", "GIN:Guinea"}));
}

TEST(Gazetteer, MentionsOfSeveralScriptsComeInTextOrder) {
  auto found = g().find_mentions("China 和 Россия, 美国 and Chine");
  std::vector<std::string> codes;
  for (const auto& m : found) codes.push_back(m.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"CHN", "RUS", "USA", "CHN"}));
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_LT(found[i - 1].start, found[i].start);
}

}  // namespace
}  // namespace communique
