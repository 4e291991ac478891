// Ranking by passage evidence, end to end through the Searcher: what users
// rely on when they read the first results and the passage under each.

#include "query/passage_ranker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "communique/searcher.h"
#include "support/temp_index.h"

namespace communique {
namespace {

using testing::build_index;
using testing::make_statement;
using testing::TempDir;

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

// `n` sentences of filler that share no word with the queries below.
std::string filler(int n, const std::string& topic) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += (i ? " " : "") + std::string("The delegation reviewed item ") + std::to_string(i) +
           " on " + topic + " with the committee members present.";
  }
  return out;
}

TEST(PassageRanking, StatementsWithAllTheWordsOutrankThoseWithSome) {
  TempDir dir;
  build_index(dir.str("db"),
              {make_statement("caspian-only",
                              "Caspian caspian Caspian. The Caspian matters. Caspian again."),
               make_statement("pipeline-only",
                              "Pipeline pipeline pipeline. The pipeline matters. Pipeline."),
               make_statement("both", "The pipeline across the Caspian was discussed.")});
  auto r = Searcher(dir.str("db")).search("caspian pipeline");
  // Not a strict AND: the others still match, below.
  ASSERT_EQ(r.total, 3u);
  EXPECT_EQ(r.hits.at(0).id, "both");
}

TEST(PassageRanking, WordsInTheOrderTypedRankFirst) {
  TempDir dir;
  // The same words, as close, in either order; a tie would favour "a-".
  build_index(dir.str("db"),
              {make_statement("a-reversed", "Corridors for transport were discussed."),
               make_statement("b-in-order", "Transport and its corridors were discussed.")});
  Searcher searcher(dir.str("db"));
  EXPECT_EQ(ids(searcher.search("transport corridors")),
            (std::vector<std::string>{"b-in-order", "a-reversed"}));
  EXPECT_EQ(ids(searcher.search("corridors transport")),
            (std::vector<std::string>{"a-reversed", "b-in-order"}));
}

TEST(PassageRanking, TheBestPassageIsShownNotTheFirst) {
  TempDir dir;
  std::string body =
      filler(4, "fisheries") + "\n" + filler(4, "budgets") + "\n" +
      "Transport corridors through Central Asia link the Caspian ports with China. " +
      filler(3, "corridor tariffs") + "\n" + filler(4, "archives");
  build_index(dir.str("db"), {make_statement("long", body)});
  auto r = Searcher(dir.str("db")).search("transport corridors");
  ASSERT_EQ(r.hits.size(), 1u);
  const Passage& p = r.hits[0].passages.at(0);
  EXPECT_EQ(p.text.rfind("Transport corridors through Central Asia", 0), 0u) << p.text;
  EXPECT_EQ(body.substr(p.start, p.end - p.start), p.text);
}

TEST(PassageRanking, AnAnswerAcrossTwoPassagesIsShownWhole) {
  TempDir dir;
  // Two paragraphs of 50+ words: "desalination" ends the first, "glaciers"
  // opens the second.
  std::string first = filler(4, "water") + " Our plan is desalination.";
  std::string second = "Glaciers are melting fast. " + filler(4, "ice");
  build_index(dir.str("db"), {make_statement("water", first + "\n" + second)});
  auto r = Searcher(dir.str("db")).search("desalination glaciers");
  ASSERT_EQ(r.hits.size(), 1u);
  const Passage& p = r.hits[0].passages.at(0);
  EXPECT_NE(p.text.find("desalination"), std::string::npos);
  EXPECT_NE(p.text.find("Glaciers"), std::string::npos);
  EXPECT_EQ(p.text, first + "\n" + second);
  EXPECT_EQ(r.hits[0].passages.size(), 1u);  // no passage shown twice
}

TEST(PassageRanking, ALongStatementIsFoundByItsOneAnsweringPassage) {
  // 300 short statements each repeat one of the words; the long speech
  // has both once, in one paragraph. Whole-statement BM25 ranks it far
  // below the first few hundred; its passage puts it first.
  TempDir dir;
  std::vector<Statement> statements;
  for (int i = 0; i < 150; ++i) {
    statements.push_back(
        make_statement("drought-" + std::to_string(i), "Drought, drought and drought again."));
    statements.push_back(
        make_statement("locusts-" + std::to_string(i), "Locusts, locusts and locusts again."));
  }
  std::string speech;
  for (int i = 0; i < 30; ++i) speech += filler(5, "topic " + std::to_string(i)) + "\n";
  speech += "The drought brought locusts to the southern provinces this spring.\n";
  for (int i = 30; i < 60; ++i) speech += filler(5, "topic " + std::to_string(i)) + "\n";
  statements.push_back(make_statement("speech", speech));
  build_index(dir.str("db"), statements);
  auto r = Searcher(dir.str("db")).search("drought locusts");
  EXPECT_EQ(r.total, 301u);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "speech");
  EXPECT_NE(r.hits[0].passages.at(0).text.find("The drought brought locusts"), std::string::npos);
}

TEST(PassageRanking, AliasesMatchOtherNamesALittleBelowTheNameTyped) {
  TempDir dir;
  build_index(
      dir.str("db"),
      {make_statement("a-north-korea", "North Korea launched a missile on Monday."),
       make_statement("b-dprk", "The DPRK launched a missile on Monday."),
       make_statement("c-full", "The Democratic People's Republic of Korea launched a missile."),
       make_statement("d-prc", "The People's Republic of China welcomed the summit."),
       make_statement("e-sco", "The Shanghai Cooperation Organization met in Astana.")});
  Searcher searcher(dir.str("db"));
  auto dprk = ids(searcher.search("DPRK"));
  ASSERT_EQ(dprk.size(), 3u);
  EXPECT_EQ(dprk[0], "b-dprk");
  auto north_korea = ids(searcher.search("North Korea"));
  ASSERT_EQ(north_korea.size(), 3u);
  EXPECT_EQ(north_korea[0], "a-north-korea");
  EXPECT_EQ(ids(searcher.search("PRC")), std::vector<std::string>{"d-prc"});
  EXPECT_EQ(ids(searcher.search("China")), std::vector<std::string>{"d-prc"});
  EXPECT_EQ(ids(searcher.search("SCO")), std::vector<std::string>{"e-sco"});
}

TEST(PassageRanking, ExplainSaysWhyAHitRankedWhereItDid) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "Transport corridors link the Caspian ports."),
                              make_statement("b", "Transport costs rose.")});
  SearchOptions options;
  options.explain = true;
  auto r = Searcher(dir.str("db")).search("transport corridors", options);
  ASSERT_EQ(r.hits.size(), 2u);
  const std::string& why = r.hits[0].explanation;
  for (const char* part :
       {"transport idf", "corridors idf", "best passage #1", "2 of the words", "BM25"}) {
    EXPECT_NE(why.find(part), std::string::npos) << part << " not in: " << why;
  }
  EXPECT_NE(r.hits[1].explanation.find("1 of the words"), std::string::npos)
      << r.hits[1].explanation;
  EXPECT_TRUE(Searcher(dir.str("db")).search("transport corridors").hits[0].explanation.empty());
}

}  // namespace
}  // namespace communique
