// Near-identical statements grouped at index time and shown as one hit.

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "communique/searcher.h"
#include "schema/schema.h"
#include "support/temp_index.h"

namespace communique {
namespace {

using testing::make_statement;

const std::string kJoint =
    "The foreign ministers of Kazakhstan, Russia and Uzbekistan met in Astana and agreed to "
    "develop the transport corridors linking their countries, to simplify border crossings for "
    "freight, and to coordinate the tariffs of their railways. They welcomed the progress on the "
    "North-South corridor and instructed their ministries to prepare a joint plan by the end of "
    "the year, with financing from the development banks of the region.";

const std::string kOther =
    "The Minister of Foreign Affairs received the Ambassador of Japan and discussed cooperation "
    "in education, culture and tourism, and the preparations for the visit of the Prime Minister "
    "next spring. Both sides noted the growth of trade and of direct flights between the two "
    "countries, and agreed to hold the next round of consultations in Tokyo.";

class NearDuplicates : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    testing::build_index(
        dir_->str("db"),
        {
            // One joint statement issued by each of its three signatories.
            make_statement("kaz-joint", kJoint, "KAZ", "2023-05-04"),
            make_statement("rus-joint", "Joint statement\n\n" + kJoint, "RUS", "2023-05-04"),
            make_statement("uzb-joint", kJoint + "\n\nTashkent, 4 May 2023", "UZB", "2023-05-05"),
            // A page indexed twice under two ids.
            make_statement("kaz-japan", kOther, "KAZ", "2023-06-01"),
            make_statement("kaz-japan-again", kOther + " ", "KAZ", "2023-06-01"),
            // The same template a year later: another statement.
            make_statement("kaz-japan-next-year", kOther, "KAZ", "2024-06-03"),
            make_statement("unrelated", "The ministry condemned the attack and sent condolences.",
                           "KAZ", "2023-05-04"),
        });
  }
  static void TearDownTestSuite() { delete dir_; }

  static SearchResult search(std::string_view q, SearchOptions o = {}) {
    return Searcher(dir_->str("db")).search(q, o);
  }
  static std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
  }
  static std::vector<std::string> duplicate_ids(const Hit& h) {
    std::vector<std::string> out;
    for (const auto& d : h.duplicates) out.push_back(d.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  static testing::TempDir* dir_;
};

testing::TempDir* NearDuplicates::dir_ = nullptr;

TEST_F(NearDuplicates, AJointStatementIsOneHitWithItsSignatories) {
  SearchResult r = search("transport corridors railways");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 3u);  // statements, not groups
  std::vector<std::string> all = duplicate_ids(r.hits[0]);
  all.push_back(r.hits[0].id);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::string>{"kaz-joint", "rus-joint", "uzb-joint"}));
  for (const auto& d : r.hits[0].duplicates) EXPECT_FALSE(d.same_country) << d.id;
}

TEST_F(NearDuplicates, APageIndexedTwiceIsOneHitFromOneCountry) {
  SearchResult r = search("Ambassador of Japan tourism");
  std::vector<std::string> found = ids(r);
  // The same template a year later is a statement of its own.
  EXPECT_EQ(std::count(found.begin(), found.end(), "kaz-japan-next-year"), 1);
  auto twice = std::find_if(r.hits.begin(), r.hits.end(), [](const Hit& h) {
    return h.id == "kaz-japan" || h.id == "kaz-japan-again";
  });
  ASSERT_NE(twice, r.hits.end());
  ASSERT_EQ(twice->duplicates.size(), 1u);
  EXPECT_TRUE(twice->duplicates[0].same_country);
  EXPECT_EQ(r.hits.size(), 2u);
}

TEST_F(NearDuplicates, NoCollapseShowsEveryStatement) {
  SearchOptions o;
  o.collapse = false;
  SearchResult r = search("transport corridors railways", o);
  EXPECT_EQ(r.hits.size(), 3u);
  for (const auto& h : r.hits) EXPECT_TRUE(h.duplicates.empty());
}

TEST_F(NearDuplicates, ListingsCollapseToo) {
  SearchResult r = search("country:KAZ");
  EXPECT_EQ(r.total, 5u);
  // kaz-joint, the page indexed twice as one, next year's, unrelated.
  EXPECT_EQ(r.hits.size(), 4u);
  SearchResult all = search("*");
  EXPECT_EQ(all.total, 7u);
  EXPECT_EQ(all.hits.size(), 4u);  // a group of 3, a group of 2, and two alone
}

TEST_F(NearDuplicates, StatsCountGroupsAndTheirStatements) {
  IndexStats s = Searcher(dir_->str("db")).stats();
  EXPECT_EQ(s.duplicate_groups, 2u);
  EXPECT_EQ(s.grouped_statements, 5u);
}

// An update that removes a statement's twin takes it out of its group.
TEST(NearDuplicatesUpdate, GroupsFollowUpdates) {
  testing::TempDir dir;
  testing::build_index(dir.str("db"), {make_statement("a", kOther, "KAZ", "2023-06-01"),
                                       make_statement("b", kOther, "KAZ", "2023-06-01")});
  EXPECT_EQ(Searcher(dir.str("db")).stats().duplicate_groups, 1u);
  // Rewritten: b is now another text.
  testing::build_index(dir.str("db"), {make_statement("b", kJoint, "KAZ", "2023-06-01")});
  Searcher searcher(dir.str("db"));
  EXPECT_EQ(searcher.stats().duplicate_groups, 0u);
  EXPECT_EQ(searcher.search("Ambassador of Japan").hits.size(), 1u);
  // And a third copy joins the group again.
  testing::build_index(dir.str("db"), {make_statement("c", kOther, "KAZ", "2023-06-02")});
  searcher.reopen();
  EXPECT_EQ(searcher.stats().grouped_statements, 2u);
}

// Indexes written before 2026-12-06 held a statement's group as a term
// too: their groups are listed and counted alike, and the term goes as an
// update takes the statement out of its group.
TEST(NearDuplicatesUpdate, AnIndexThatKeptGroupsAsTermsIsReadAndMendedAlike) {
  testing::TempDir dir;
  testing::build_index(dir.str("db"), {make_statement("a", kOther, "KAZ", "2023-06-01"),
                                       make_statement("b", kOther, "KAZ", "2023-06-01")});
  std::string term;
  {
    Xapian::WritableDatabase db(dir.str("db"), Xapian::DB_OPEN);
    for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
      Xapian::Document doc = db.get_document(did);
      term = schema::term(schema::kGroupPrefix, doc.get_value(schema::kGroupSlot));
      doc.add_boolean_term(term);
      db.replace_document(did, doc);
    }
    db.commit();
  }
  {
    Searcher searcher(dir.str("db"));
    EXPECT_EQ(searcher.stats().grouped_statements, 2u);
    SearchResult r = searcher.search("Ambassador of Japan");
    ASSERT_EQ(r.hits.size(), 1u);
    ASSERT_EQ(r.hits[0].duplicates.size(), 1u);
  }
  testing::build_index(dir.str("db"), {make_statement("b", kJoint, "KAZ", "2023-06-01")});
  EXPECT_EQ(Searcher(dir.str("db")).stats().duplicate_groups, 0u);
  EXPECT_EQ(Xapian::Database(dir.str("db")).get_termfreq(term), 0u);
}

}  // namespace
}  // namespace communique
