#include "ingest/ministries.h"

#include <gtest/gtest.h>

namespace communique::ingest {
namespace {

TEST(Ministries, TheBuiltinTableKnowsTheMinistriesSites) {
  const Ministries& m = Ministries::builtin();
  auto country = [&](std::string_view address) {
    const Ministry* found = m.by_address(address);
    return found ? found->country : std::string("none");
  };
  EXPECT_EQ(country("https://www.mfa.gov.cn/web/wjdt_674879/fyrbt_674889/t1.shtml"), "CHN");
  EXPECT_EQ(country("www.fmprc.gov.cn"), "CHN");
  EXPECT_EQ(country("https://mid.ru/ru/foreign_policy/news/"), "RUS");
  EXPECT_EQ(country("//www.mfa.gov.sg/Newsroom"), "SGP");
  EXPECT_EQ(country("https://www.state.gov/briefings/"), "USA");
  EXPECT_EQ(country("https://www.gov.kz/memleket/entities/mfa/press/news"), "KAZ");
  EXPECT_EQ(country("HTTPS://WWW.DIPLOMATIE.GOUV.FR/fr/"), "FRA");
  EXPECT_EQ(country("https://notmfa.gov.cn.example.org/"), "none");
  EXPECT_EQ(country("https://evilmfa.gov.cn/"), "none");  // a domain is matched whole
  EXPECT_EQ(country("https://www.gov.kz/memleket/entities/mfaxyz"), "none");
  EXPECT_EQ(country(""), "none");
}

TEST(Ministries, TheMinistrysNameInAPageNamesItsCountry) {
  const Ministries& m = Ministries::builtin();
  auto country = [&](std::string_view text) {
    const Ministry* found = m.named_in(text);
    return found ? found->country : std::string("none");
  };
  EXPECT_EQ(country("2024年4月3日外交部发言人汪文斌主持例行记者会_中华人民共和国外交部"), "CHN");
  EXPECT_EQ(country("© Министерство иностранных дел Российской Федерации"), "RUS");
  EXPECT_EQ(country("press release | ministry of foreign affairs of japan"), "JPN");
  EXPECT_EQ(country("外交部发言人"), "none");  // "the ministry" alone names none
  // The earliest name wins.
  EXPECT_EQ(country("Auswärtiges Amt on talks with the U.S. Department of State"), "DEU");
}

TEST(Ministries, ATableReadsItsRowsAndIgnoresTheRest) {
  Ministries m(
      "# comment\ndomain\tcountry\tnames\nexample.gov.xx\tXXA\tMinistry of X|Foreign Office "
      "of X\n\tYYY\tno domain\nnocountry.example\t\t\nexample.gov.xx/sub\tXXB\t\n");
  ASSERT_EQ(m.all().size(), 2u);
  EXPECT_EQ(m.all()[0].names.size(), 2u);
  EXPECT_EQ(m.by_address("https://a.example.gov.xx/page")->country, "XXA");
  EXPECT_EQ(m.by_address("https://example.gov.xx/sub/page")->country, "XXB");  // the longer one
  EXPECT_EQ(m.named_in("... Foreign Office of X ...")->country, "XXA");
}

}  // namespace
}  // namespace communique::ingest
