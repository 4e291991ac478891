#include "communique/indexer.h"

#include <gtest/gtest.h>

#include "communique/error.h"
#include "communique/searcher.h"
#include "support/temp_index.h"

namespace communique {
namespace {

using testing::build_index;
using testing::make_statement;
using testing::TempDir;

TEST(Indexer, IndexesAndReports) {
  TempDir dir;
  auto report = build_index(dir.str("db"), {make_statement("a", "Peace talks in Geneva.", "CHE", "2020"),
                                            make_statement("b", "Trade and transport corridors.", "KAZ", "2021")});
  EXPECT_EQ(report.read, 2u);
  EXPECT_EQ(report.indexed, 2u);
  EXPECT_EQ(report.skipped, 0u);
  EXPECT_EQ(Searcher(dir.str("db")).stats().statements, 2u);
}

TEST(Indexer, SameIdReplacesAcrossRuns) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "Old text about fisheries.")});
  auto report = build_index(dir.str("db"), {make_statement("a", "New text about satellites.")});
  EXPECT_EQ(report.replaced, 1u);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("satellites").total, 1u);
  EXPECT_EQ(s.search("fisheries").total, 0u);
}

TEST(Indexer, DuplicateIdsInOneRunKeepTheLaterRecordAndSayTheyDid) {
  TempDir dir;
  auto report = build_index(dir.str("db"), {make_statement("a", "first version fisheries"),
                                            make_statement("a", "second version satellites")});
  EXPECT_EQ(report.problem_counts()["duplicate-id"], 1u);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("satellites").total, 1u);
}

TEST(Indexer, BadRecordsAreReportedAndTheRestIndexed) {
  TempDir dir;
  auto report = build_index(dir.str("db"), {make_statement("", "no id here"), make_statement("empty", "   \n "),
                                            make_statement("bad-utf8", "broken \xff text"),
                                            make_statement("good", "fine text", "Narnia")});
  EXPECT_EQ(report.read, 4u);
  EXPECT_EQ(report.indexed, 2u);
  EXPECT_EQ(report.skipped, 2u);
  auto counts = report.problem_counts();
  EXPECT_EQ(counts["missing-id"], 1u);
  EXPECT_EQ(counts["empty-body"], 1u);
  EXPECT_EQ(counts["invalid-utf8"], 1u);
  EXPECT_EQ(counts["unknown-country"], 1u);
  EXPECT_EQ(Searcher(dir.str("db")).search("broken").total, 1u);
}

TEST(Indexer, StrictModeStopsBeforeCommitting) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("keep", "already indexed text")});
  IndexOptions strict;
  strict.strict = true;
  EXPECT_THROW(build_index(dir.str("db"), {make_statement("new", "more text"), make_statement("", "no id")}, strict),
               InvalidArgument);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("already").total, 1u);
}

TEST(Indexer, SecondWriterIsToldWhoHoldsTheLock) {
  TempDir dir;
  Indexer first(dir.str("db"));
  try {
    Indexer second(dir.str("db"));
    FAIL() << "second writer opened a locked index";
  } catch (const LockedError& e) {
    EXPECT_NE(std::string(e.what()).find("locked by pid"), std::string::npos) << e.what();
  }
}

TEST(Indexer, AbandonedRunLeavesTheCommittedIndex) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("keep", "already indexed text")});
  {
    Indexer indexer(dir.str("db"));
    indexer.add(make_statement("lost", "never committed text"));
  }  // destroyed without finish()
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("committed").total, 0u);
}

TEST(Indexer, RebuildReplacesEverything) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("old", "old statement")});
  IndexOptions rebuild;
  rebuild.rebuild = true;
  build_index(dir.str("db"), {make_statement("new", "new statement")}, rebuild);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("id:new").total, 1u);
}

TEST(Indexer, ParallelShardsGiveTheSameIndexAsOneThread) {
  TempDir dir;
  std::vector<Statement> statements;
  for (int i = 0; i < 200; ++i) {
    statements.push_back(make_statement("s" + std::to_string(i),
                                        "statement number " + std::to_string(i) + (i % 3 ? " on trade" : " on peace"),
                                        i % 2 ? "CHN" : "KAZ", std::to_string(2000 + i % 20)));
  }
  IndexOptions one, four;
  one.threads = 1;
  four.threads = 4;
  build_index(dir.str("one"), statements, one);
  build_index(dir.str("four"), statements, four);
  Searcher a(dir.str("one")), b(dir.str("four"));
  for (const char* q : {"peace", "trade country:CHN", "date:2005..2010"}) {
    SearchResult ra = a.search(q), rb = b.search(q);
    EXPECT_EQ(ra.total, rb.total) << q;
    ASSERT_EQ(ra.facets.country.size(), rb.facets.country.size()) << q;
    for (std::size_t i = 0; i < ra.facets.country.size(); ++i) {
      EXPECT_EQ(ra.facets.country[i].count, rb.facets.country[i].count);
    }
  }
}

}  // namespace
}  // namespace communique
