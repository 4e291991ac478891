#include "ingest/enrich.h"

#include <gtest/gtest.h>

#include "communique/gazetteer.h"

namespace communique::ingest {
namespace {

const Gazetteer& g() { return Gazetteer::builtin(); }

TEST(MentionedCountries, FindsNamesAndDemonymsButNotTheIssuer) {
  std::string text =
      "China welcomed the Kazakh and Kyrgyz ministers; Chinese firms will invest in Kazakhstan "
      "and in Afghanistan.";
  EXPECT_EQ(mentioned_countries(text, g(), "CHN"), (std::vector<std::string>{"KAZ", "KGZ", "AFG"}));
  EXPECT_EQ(mentioned_countries(text, g()), (std::vector<std::string>{"CHN", "KAZ", "KGZ", "AFG"}));
}

TEST(ExtractMinisters, FindsOfficeHoldersNextToTheirPosts) {
  std::string text =
      "The talks were chaired by State Councilor and Foreign Minister Zhang Wei and attended by "
      "Kazakh Foreign "
      "Minister Aibek Zhanuzakov, Turkmen Deputy Prime Minister and Foreign Minister Berdi Orazov, "
      "and the "
      "foreign ministers of the region. Zhang said the meeting was a success.";
  EXPECT_EQ(extract_ministers(text, g()),
            (std::vector<std::string>{"Zhang Wei", "Aibek Zhanuzakov", "Berdi Orazov"}));
}

TEST(ExtractMinisters, ReadsHeadlinesOfMinistries) {
  EXPECT_EQ(
      extract_ministers(
          "Minister for Foreign Affairs Dr Jane Tan's Written Reply to Parliamentary Question",
          g()),
      std::vector<std::string>{"Jane Tan"});
  EXPECT_EQ(
      extract_ministers(
          "Official Visit of Prime Minister of Malaysia, Dato\xE2\x80\x99 Sri Ahmad Rahman, 12 "
          "January 2023",
          g()),
      std::vector<std::string>{"Ahmad Rahman"});
  EXPECT_EQ(extract_ministers(
                "Congratulatory Letters by Deputy Prime Minister and Minister for Finance Lee Wei "
                "Ming to Premier of the State Council of the People's Republic of China Chen Hao",
                g()),
            (std::vector<std::string>{"Lee Wei Ming", "Chen Hao"}));
  EXPECT_EQ(extract_ministers(
                "Minister in the Prime Minister's Office, Second Minister for Foreign Affairs and "
                "Second Minister for Education, Dr Rahim Osman's Engagements in Bali",
                g()),
            std::vector<std::string>{"Rahim Osman"});
  EXPECT_EQ(extract_ministers(
                "Official Visit of His Excellency Bui Van An, Minister of Foreign Affairs of the "
                "Socialist Republic of Vietnam, 17 to 18 July 2023",
                g()),
            std::vector<std::string>{"Bui Van An"});
  EXPECT_EQ(extract_ministers(
                "Official Visit of Foreign Minister of the Democratic Socialist Republic of Sri "
                "Lanka Ravi Perera, 8-9 June 2022",
                g()),
            std::vector<std::string>{"Ravi Perera"});
}

TEST(ExtractMinisters, TakesNoBareSurnamesOrPostsWithoutNames) {
  EXPECT_TRUE(extract_ministers("Wang said the minister would travel to Beijing.", g()).empty());
  EXPECT_TRUE(extract_ministers(
                  "To ask the Minister for Foreign Affairs whether the Ministry will act.", g())
                  .empty());
  EXPECT_TRUE(
      extract_ministers("The Prime Minister's Office and the Foreign Ministers' Meeting.", g())
          .empty());
  EXPECT_TRUE(extract_ministers("Minister for Foreign Affairs Photo Credit", g()).empty());
}

TEST(EnrichFromText, AddsWhatTheTextNamesAfterWhatTheSourceGave) {
  Statement s;
  s.country = "Singapore";
  s.title = "Foreign Minister Wang Yi visits Kazakhstan";
  s.body =
      "Kazakh Foreign Minister Mukhtar Tleuberdi received Foreign Minister Wang Yi. Singapore "
      "and Myanmar were not discussed; Burma was.";
  s.ministers = {"Mukhtar Tleuberdi"};
  s.mentions = {"Myanmar"};
  enrich_from_text(s, g());
  // Given first; a name or country found again is not repeated, whatever
  // name the country went by; the issuer is no mention of its own.
  EXPECT_EQ(s.ministers, (std::vector<std::string>{"Mukhtar Tleuberdi", "Wang Yi"}));
  EXPECT_EQ(s.mentions, (std::vector<std::string>{"Myanmar", "KAZ"}));
}

TEST(EnrichFromText, LeavesOutTheIssuerItIsToldOfAndMinistersWhenAskedTo) {
  Statement s;
  s.body = "Nepal thanks India. Foreign Minister Ram Sharma spoke.";
  Enrichment what;
  what.ministers = false;  // the source names its speakers
  what.issuer = "Nepal";   // given later, as --set country=Nepal is
  enrich_from_text(s, g(), what);
  EXPECT_TRUE(s.ministers.empty());
  EXPECT_EQ(s.mentions, std::vector<std::string>{"IND"});
}

// A post that ends a title does not take the first words of the text as
// its holder's name ("... by Deputy Prime Minister" over "Book Signing").
TEST(EnrichFromText, ReadsTheTitleApartFromTheText) {
  Statement s;
  s.title = "Remarks by the Minister for Foreign Affairs";
  s.body = "Book Signing Ceremony took place today.";
  enrich_from_text(s, g());
  EXPECT_TRUE(s.ministers.empty()) << s.ministers.front();
}

// The text is read in pieces: what lies beyond the first is found too, in
// order, each once.
TEST(EnrichFromText, FindsNamesThroughoutALongText) {
  Statement s;
  std::string filler;
  while (filler.size() < 600 * 1024) filler += "The talks went on for many hours.\n\n";
  s.body = "Foreign Minister Wang Yi arrived in Nepal.\n\n" + filler +
           "Foreign Minister Wang Yi met Kazakh Foreign Minister Mukhtar Tleuberdi in Bhutan.";
  enrich_from_text(s, g());
  EXPECT_EQ(s.ministers, (std::vector<std::string>{"Wang Yi", "Mukhtar Tleuberdi"}));
  EXPECT_EQ(s.mentions, (std::vector<std::string>{"NPL", "KAZ", "BTN"}));
}

}  // namespace
}  // namespace communique::ingest
