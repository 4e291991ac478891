#include "communique/gazetteer.h"

#include <gtest/gtest.h>

#include <set>

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

}  // namespace
}  // namespace communique
