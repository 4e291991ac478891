// Searcher::similar (src/query/similar.cpp) on tests/data/similar.jsonl:
// statements on water, grain, vaccines and trade, in English and Chinese,
// two of them reissued with a few words changed.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "communique/error.h"
#include "communique/searcher.h"
#include "support/temp_index.h"

namespace communique {
namespace {

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

std::size_t rank_of(const std::vector<std::string>& ids, const std::string& id) {
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

class Similar : public ::testing::TestWithParam<unsigned> {
 protected:
  void SetUp() override {
    IndexOptions options;
    options.shards = GetParam();  // 0: one database; else a sharded archive
    testing::build_index_from(dir_.str("db"), testing::data_file("similar.jsonl"), options);
  }
  SearchResult similar(std::string_view id, SearchOptions options = {}) {
    return Searcher(dir_.str("db")).similar(id, options);
  }
  testing::TempDir dir_;
};

TEST_P(Similar, AReissuedStatementRanksFirstAndTheStatementItselfNever) {
  SearchResult r = similar("sim-water-1");
  std::vector<std::string> found = ids(r);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "sim-water-1-reissued");
  EXPECT_EQ(rank_of(found, "sim-water-1"), found.size()) << "the statement itself was a hit";
  // The other statement on the Aral Sea before those on grain and trade.
  EXPECT_LT(rank_of(found, "sim-water-2"), rank_of(found, "sim-grain"));
  EXPECT_LT(rank_of(found, "sim-water-2"), rank_of(found, "sim-trade"));
  EXPECT_EQ(r.query, "sim-water-1");
  EXPECT_GE(r.total, found.size());

  // And the other way round.
  found = ids(similar("sim-water-1-reissued"));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "sim-water-1");
  EXPECT_EQ(rank_of(found, "sim-water-1-reissued"), found.size());
}

TEST_P(Similar, ChineseStatementsAreAlikeByTheirCharacters) {
  std::vector<std::string> found = ids(similar("sim-zh-mekong"));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "sim-zh-mekong-copy");
  EXPECT_EQ(rank_of(found, "sim-zh-mekong"), found.size());
  EXPECT_LT(rank_of(found, "sim-zh-mekong-copy"), rank_of(found, "sim-zh-africa"));
}

TEST_P(Similar, PassagesMarkTheWordsShared) {
  SearchOptions options;
  options.limit = 1;
  options.passages = 2;
  SearchResult r = similar("sim-water-1", options);
  ASSERT_EQ(r.hits.size(), 1u);
  const Hit& copy = r.hits.front();
  ASSERT_FALSE(copy.passages.empty());
  std::vector<std::string> marked;
  for (const Passage& p : copy.passages) {
    for (auto [s, e] : p.highlights) marked.push_back(p.text.substr(s, e - s));
  }
  // Words of both statements, distinctive in the index, are marked; no
  // function word is.
  EXPECT_NE(std::find(marked.begin(), marked.end(), "glaciers"), marked.end());
  EXPECT_EQ(std::find(marked.begin(), marked.end(), "the"), marked.end());
  EXPECT_EQ(std::find(marked.begin(), marked.end(), "and"), marked.end());
}

TEST_P(Similar, PagesAndLimitsAsSearchDoes) {
  SearchOptions all;
  all.limit = 100;
  std::vector<std::string> every = ids(similar("sim-water-1", all));
  SearchOptions page;
  page.limit = 2;
  page.offset = 1;
  std::vector<std::string> second = ids(similar("sim-water-1", page));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second, std::vector<std::string>(every.begin() + 1, every.begin() + 3));
}

TEST_P(Similar, AnUnknownIdIsNotFoundAndNamed) {
  try {
    similar("no-such-statement");
    FAIL() << "no error for an unknown id";
  } catch (const NotFound& e) {
    EXPECT_NE(std::string(e.what()).find("\"no-such-statement\""), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(OneDatabaseAndShards, Similar, ::testing::Values(0u, 3u));

// An archive of shards ranks the statements alike exactly as one database
// holding them does.
TEST(SimilarShards, RankLikeOneDatabase) {
  testing::TempDir dir;
  IndexOptions sharded;
  sharded.shards = 3;
  testing::build_index_from(dir.str("one"), testing::data_file("similar.jsonl"));
  testing::build_index_from(dir.str("archive"), testing::data_file("similar.jsonl"), sharded);
  for (const char* id : {"sim-water-1", "sim-grain", "sim-zh-mekong"}) {
    SearchResult one = Searcher(dir.str("one")).similar(id);
    SearchResult archive = Searcher(dir.str("archive")).similar(id);
    EXPECT_EQ(ids(one), ids(archive)) << id;
    EXPECT_EQ(one.total, archive.total) << id;
  }
}

}  // namespace
}  // namespace communique
