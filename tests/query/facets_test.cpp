// Facet counts over a query's match set: what the results page and the
// API show beside the hits. Most tests write the facet slots of small
// in-memory databases by hand, as the document builder writes them
// (schema/schema.h), to say exactly what is counted; one goes through the
// real writer for the year of a date.

#include "query/facets.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "communique/searcher.h"
#include "schema/fields.h"
#include "schema/schema.h"
#include "support/temp_index.h"

namespace communique {
namespace {

// One statement's facet slots, as the document builder fills them: a
// list's values joined by kListSeparator, persons as written.
struct Slots {
  std::string country = {};
  std::vector<std::string> ministers = {};
  std::string year = {};
  std::vector<std::string> mentions = {};
  std::string role = {};
  std::string language = {};
  std::string group = {};  // near-identical statements share one
  std::string tag = {};    // a term, to select statements in queries
};

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += schema::kListSeparator;
    out += v;
  }
  return out;
}

Xapian::WritableDatabase in_memory(const std::vector<Slots>& statements) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const Slots& s : statements) {
    Xapian::Document doc;
    doc.add_boolean_term("all");
    if (!s.tag.empty()) doc.add_boolean_term(s.tag);
    auto put = [&](Xapian::valueno slot, const std::string& value) {
      if (!value.empty()) doc.add_value(slot, value);
    };
    put(schema::kCountrySlot, s.country);
    put(schema::kMinistersSlot, joined(s.ministers));
    put(schema::kYearSlot, s.year);
    put(schema::kMentionsSlot, joined(s.mentions));
    put(schema::kRoleSlot, s.role);
    put(schema::kLanguageSlot, s.language);
    put(schema::kGroupSlot, s.group);
    db.add_document(doc);
  }
  db.commit();
  return db;
}

using Values = std::vector<std::pair<std::string, std::uint64_t>>;

Values values(const Facets& facets, const std::string& name) {
  Values out;
  for (const FacetValue& v : facets.of(name)) out.emplace_back(v.value, v.count);
  return out;
}

// The facets of the statements matching the term `term`, counted by a
// FacetTable over `db` (and, when `seen` is given, how many it counted).
Facets table_facets(const Xapian::Database& db, const std::string& term, std::size_t limit,
                    std::uint64_t* seen = nullptr) {
  query::FacetTable table(db);
  query::FacetTable::Counter counter(table);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 10, db.get_doccount());
  if (seen) *seen = counter.seen();
  return counter.facets(limit);
}

// The same, counted by the stock spies (as for shards).
Facets spies_facets(const Xapian::Database& db, const std::string& term, std::size_t limit) {
  query::FacetSpies spies;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  spies.attach(enquire);
  enquire.get_mset(0, 10, db.get_doccount());
  return spies.facets(limit);
}

using Count = std::function<Facets(const Xapian::Database&, const std::string&, std::size_t)>;
const std::vector<Count> kBothWays = {
    [](const Xapian::Database& db, const std::string& term, std::size_t limit) {
      return table_facets(db, term, limit);
    },
    spies_facets};

// Four countries: UZB 3 statements, KAZ 2, CHN 2, AFG 1.
std::vector<Slots> four_countries() {
  return {{.country = "KAZ", .role = "foreign minister"},
          {.country = "UZB", .role = "spokesperson"},
          {.country = "CHN", .role = "foreign minister"},
          {.country = "UZB", .role = "spokesperson"},
          {.country = "AFG", .role = "spokesperson"},
          {.country = "KAZ", .role = "foreign minister"},
          {.country = "UZB", .role = "ambassador"},
          {.country = "CHN", .role = "spokesperson"}};
}

TEST(Facets, EveryFacetIsThereInTheSchemasOrderEvenWithoutValues) {
  auto db = in_memory({{.country = "KAZ"}});
  for (const Facets& facets : {table_facets(db, "all", 0), spies_facets(db, "all", 0)}) {
    std::vector<std::string> names;
    for (const Facet& f : facets.list) names.push_back(f.name);
    EXPECT_EQ(names, (std::vector<std::string>{"country", "minister", "year", "mentions", "role",
                                               "language"}));
    EXPECT_EQ(values(facets, "country"), (Values{{"KAZ", 1}}));
    EXPECT_TRUE(facets.of("minister").empty());
    EXPECT_TRUE(facets.of("not a facet").empty());
  }
}

TEST(Facets, CountTheMatchingStatementsOfEachValue) {
  std::vector<Slots> statements = four_countries();
  statements[0].tag = statements[1].tag = statements[3].tag = "picked";
  auto db = in_memory(statements);
  EXPECT_EQ(values(table_facets(db, "picked", 0), "country"), (Values{{"UZB", 2}, {"KAZ", 1}}));
  EXPECT_EQ(values(table_facets(db, "picked", 0), "role"),
            (Values{{"spokesperson", 2}, {"foreign minister", 1}}));
  // A query matching nothing counts nothing.
  EXPECT_TRUE(values(table_facets(db, "absent", 0), "country").empty());
}

TEST(Facets, ValuesComeByCountThenByValue) {
  auto db = in_memory(four_countries());
  const Values expected{{"UZB", 3}, {"CHN", 2}, {"KAZ", 2}, {"AFG", 1}};
  EXPECT_EQ(values(table_facets(db, "all", 0), "country"), expected);
  EXPECT_EQ(values(spies_facets(db, "all", 0), "country"), expected);
}

TEST(Facets, TheLimitKeepsTheFirstValuesOfEachFacetAndZeroKeepsAll) {
  auto db = in_memory(four_countries());
  for (const Count& count : kBothWays) {
    EXPECT_EQ(values(count(db, "all", 2), "country"), (Values{{"UZB", 3}, {"CHN", 2}}));
    EXPECT_EQ(values(count(db, "all", 1), "role"), (Values{{"spokesperson", 4}}));
    EXPECT_EQ(values(count(db, "all", 0), "country").size(), 4u);
    EXPECT_EQ(values(count(db, "all", 100), "country").size(), 4u);
  }
}

TEST(Facets, ListsCountEachOfTheirValuesOnce) {
  // Mentions and ministers hold several values per statement.
  auto db = in_memory({{.ministers = {"Aibek Sadykov", "Dana Omarova"}, .mentions = {"KAZ", "UZB"}},
                       {.ministers = {"Dana Omarova"}, .mentions = {"UZB"}},
                       {.mentions = {"TJK", "UZB", "KAZ"}},
                       {}});
  for (const Facets& facets : {table_facets(db, "all", 0), spies_facets(db, "all", 0)}) {
    EXPECT_EQ(values(facets, "mentions"), (Values{{"UZB", 3}, {"KAZ", 2}, {"TJK", 1}}));
    EXPECT_EQ(values(facets, "minister"), (Values{{"Dana Omarova", 2}, {"Aibek Sadykov", 1}}));
  }
}

TEST(Facets, APersonsNamesCountAsOneShownInTheirOwnScriptThenLatin) {
  // However the statements write the person, one value, which a filter
  // on the minister field takes back.
  auto db = in_memory({{.ministers = {"Wang Wenbin"}},
                       {.ministers = {"汪文斌"}},
                       {.ministers = {"Wang Wenbin"}},
                       {.ministers = {"С.В.Лавров"}},
                       {.ministers = {"Sergey Lavrov"}}});
  for (const Facets& facets : {table_facets(db, "all", 0), spies_facets(db, "all", 0)}) {
    EXPECT_EQ(values(facets, "minister"),
              (Values{{"汪文斌 (Wang Wenbin)", 3}, {"Сергей Лавров (Sergey Lavrov)", 2}}));
  }
  EXPECT_EQ(schema::person_key("汪文斌 (Wang Wenbin)"), schema::person_key("Wang Wenbin"));
}

TEST(Facets, PersonsOfEqualCountComeByTheValueShown) {
  // "Zhanna Omarova" (unknown to the people table, shown as written) comes
  // before "汪文斌 (Wang Wenbin)", though "Wang Wenbin" as written would not.
  auto db = in_memory({{.ministers = {"Wang Wenbin"}}, {.ministers = {"Zhanna Omarova"}}});
  for (const Count& count : kBothWays) {
    EXPECT_EQ(values(count(db, "all", 0), "minister"),
              (Values{{"Zhanna Omarova", 1}, {"汪文斌 (Wang Wenbin)", 1}}));
    EXPECT_EQ(values(count(db, "all", 1), "minister"), (Values{{"Zhanna Omarova", 1}}));
  }
}

TEST(Facets, APersonUnknownToThePeopleTableIsShownAsMostOftenWritten) {
  auto db = in_memory({{.ministers = {"AIBEK SADYKOV"}},
                       {.ministers = {"Aibek Sadykov"}},
                       {.ministers = {"Aibek Sadykov"}}});
  EXPECT_EQ(values(table_facets(db, "all", 0), "minister"), (Values{{"Aibek Sadykov", 3}}));
  EXPECT_EQ(values(spies_facets(db, "all", 0), "minister"), (Values{{"Aibek Sadykov", 3}}));
}

TEST(Facets, DatesAreCountedByYear) {
  // Through the real writer: a day, a month and a year of one year are
  // one value.
  using testing::make_statement;
  testing::TempDir dir;
  testing::build_index(
      dir.str("db"),
      {make_statement("a", "talks", "", "2020-07-17"), make_statement("b", "talks", "", "2020-03"),
       make_statement("c", "talks", "", "2019"), make_statement("d", "talks", "", "2021-12-31"),
       make_statement("e", "talks")});
  Xapian::Database db(dir.str("db"));
  query::FacetTable table(db);
  query::FacetTable::Counter counter(table);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 10, db.get_doccount());
  EXPECT_EQ(counter.seen(), 5u);
  EXPECT_EQ(values(counter.facets(0), "year"), (Values{{"2020", 2}, {"2019", 1}, {"2021", 1}}));
}

TEST(Facets, CollapsedStatementsAreStillCountedAndSeen) {
  // Three statements, two of them near-identical: the match collapses them
  // into two hits, but the facets and seen() count all three.
  auto db = in_memory({{.country = "KAZ", .group = "0123456789abcdef"},
                       {.country = "KAZ", .group = "0123456789abcdef"},
                       {.country = "UZB"}});
  query::FacetTable table(db);
  query::FacetTable::Counter counter(table);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("all"));
  enquire.set_collapse_key(schema::kGroupSlot);
  enquire.add_matchspy(&counter);
  Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
  ASSERT_EQ(mset.size(), 2u);
  EXPECT_EQ(counter.seen(), 3u);
  EXPECT_EQ(values(counter.facets(0), "country"), (Values{{"KAZ", 2}, {"UZB", 1}}));
}

TEST(Facets, ATableCountsOnlyTheStatementsItRead) {
  // A table is of one index state: statements added since are seen, not
  // counted per value, and never read past what the table holds.
  auto db = in_memory({{.country = "KAZ"}});
  query::FacetTable table(db);
  Xapian::Document doc;
  doc.add_boolean_term("all");
  doc.add_value(schema::kCountrySlot, "UZB");
  db.add_document(doc);
  db.commit();
  query::FacetTable::Counter counter(table);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("all"));
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 10, db.get_doccount());
  EXPECT_EQ(counter.seen(), 2u);
  EXPECT_EQ(values(counter.facets(0), "country"), (Values{{"KAZ", 1}}));
}

TEST(Facets, TheTableAndTheSpiesGiveTheSameAnswer) {
  // The two ways of counting (one index, shards) over a mixed set.
  std::vector<Slots> statements = four_countries();
  const std::vector<std::vector<std::string>> ministers = {
      {"Wang Yi"}, {"王毅", "Dana Omarova"}, {}, {"Dana Omarova"}, {"Aibek Sadykov"}};
  for (std::size_t i = 0; i < statements.size(); ++i) {
    statements[i].ministers = ministers[i % ministers.size()];
    statements[i].year = std::to_string(2018 + i % 3);
    statements[i].mentions =
        i % 2 ? std::vector<std::string>{"AFG", "TJK"} : std::vector<std::string>{"TJK"};
    statements[i].language = i % 3 ? "en" : "ru";
    if (i % 2) statements[i].tag = "odd";
  }
  auto db = in_memory(statements);
  for (const char* term : {"all", "odd"}) {
    for (std::size_t limit : {0u, 1u, 2u}) {
      Facets table = table_facets(db, term, limit), spies = spies_facets(db, term, limit);
      ASSERT_EQ(table.list.size(), spies.list.size());
      for (std::size_t f = 0; f < table.list.size(); ++f) {
        SCOPED_TRACE(std::string(term) + " " + table.list[f].name + " limit " +
                     std::to_string(limit));
        EXPECT_EQ(values(table, table.list[f].name), values(spies, spies.list[f].name));
      }
    }
  }
}

}  // namespace
}  // namespace communique
