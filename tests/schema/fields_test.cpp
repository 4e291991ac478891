// Every field of the schema, round trip: a value indexed as a source
// writes it is found by field:value written every documented way, and is
// one value in its facet. A field added to the table without a case here
// fails EveryFilterHasItsRoundTrip.

#include "schema/fields.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "communique/gazetteer.h"
#include "communique/searcher.h"
#include "support/temp_index.h"

namespace communique {
namespace {

using schema::FieldSpec;

std::set<std::string> ids(const SearchResult& r) {
  std::set<std::string> out;
  for (const auto& h : r.hits) out.insert(h.id);
  return out;
}

// Statements with each field written the ways sources write it.
std::vector<Statement> statements() {
  auto make = [](std::string id, std::string country, std::string date,
                 std::vector<std::string> ministers, std::vector<std::string> mentions,
                 std::string role, std::string language, std::string source) {
    Statement s =
        testing::make_statement(std::move(id), "Talks on transport corridors.", std::move(country),
                                std::move(date), std::move(ministers), std::move(language));
    s.mentions = std::move(mentions);
    s.role = std::move(role);
    s.source = std::move(source);
    return s;
  };
  return {
      make("Kaz-1", "Kazakhstan", "2020-07-17", {"Mukhtar Tleuberdi"}, {"Uzbekistan"},
           "Foreign Minister", "en", "UN General Debate"),
      make("kaz-2", "kaz", "2020-07", {"MUKHTAR TLEUBERDI"}, {"UZB", "Kyrgyz"}, "foreign minister",
           "EN", "un general debate"),
      make("kaz-3", "KAZ", "2020", {"Mukhtar  Tleuberdi."}, {"uzbek"},
           "Minister for Foreign Affairs", "en", "UN  General Debate"),
      make("fra-1", "France", "2021-03-02", {"José Martínez"}, {"Mali"}, "Spokesperson", "fr",
           "Quai d'Orsay"),
      make("fra-2", "French", "2019-12-31", {"Jose Martinez"}, {"Malian"}, "spokesperson", "fr",
           "quai d'orsay"),
  };
}

class FieldRoundTrip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    testing::build_index(dir_->str("db"), statements());
  }
  static void TearDownTestSuite() { delete dir_; }

  SearchResult search(const std::string& q) {
    return Searcher(dir_->str("db")).search(q, {.limit = 100, .facet_limit = 0});
  }

  // The facet values of `facet` over every statement, by value.
  std::map<std::string, std::uint64_t> facet(const std::string& facet) {
    std::map<std::string, std::uint64_t> out;
    SearchResult all = search("*");
    for (const auto& v : all.facets.of(facet)) out[v.value] = v.count;
    return out;
  }

  static testing::TempDir* dir_;
};

testing::TempDir* FieldRoundTrip::dir_ = nullptr;

// field -> (the queries that must each find exactly `ids`, the ids)
struct Case {
  std::vector<std::string> queries;
  std::set<std::string> ids;
};

const std::map<std::string, std::vector<Case>>& cases() {
  static const std::map<std::string, std::vector<Case>> kCases{
      {"id", {{{"id:Kaz-1", "ID:Kaz-1"}, {"Kaz-1"}}, {{"id:kaz-2"}, {"kaz-2"}}}},
      {"country",
       {{{"country:KAZ", "country:kaz", "country:Kazakhstan", "country:kazakh",
          "country:\"Republic of Kazakhstan\""},
         {"Kaz-1", "kaz-2", "kaz-3"}},
        {{"country:FRA", "country:France", "country:french"}, {"fra-1", "fra-2"}}}},
      {"minister",
       {{{"minister:\"Mukhtar Tleuberdi\"", "minister:\"mukhtar tleuberdi\"", "minister:Tleuberdi",
          "ministers:\"MUKHTAR TLEUBERDI\""},
         {"Kaz-1", "kaz-2", "kaz-3"}},
        {{"minister:\"José Martínez\"", "minister:\"jose martinez\"", "minister:Martinez"},
         {"fra-1", "fra-2"}}}},
      {"date",
       {{{"date:2020", "year:2020", "date:2020..2020", "date:2020..2020-12-31"},
         {"Kaz-1", "kaz-2", "kaz-3"}},
        {{"date:2019-06..2020-12-31", "date:..2020"}, {"Kaz-1", "kaz-2", "kaz-3", "fra-2"}},
        {{"date:2020-07", "date:2020-07..2020-07-31"}, {"Kaz-1", "kaz-2"}},
        {{"date:2020-07-17"}, {"Kaz-1"}},
        {{"date:2021.."}, {"fra-1"}}}},
      {"mentions",
       {{{"mentions:UZB", "mention:uzbekistan", "mentions:Uzbek"}, {"Kaz-1", "kaz-2", "kaz-3"}},
        {{"mentions:KGZ"}, {"kaz-2"}},
        {{"mentions:Mali", "mentions:malian"}, {"fra-1", "fra-2"}}}},
      {"role",
       {{{"role:\"foreign minister\"", "role:\"Foreign Minister\"",
          "role:\"Minister of Foreign Affairs\""},
         {"Kaz-1", "kaz-2", "kaz-3"}},
        {{"role:spokesperson", "role:Spokesperson"}, {"fra-1", "fra-2"}}}},
      {"language", {{{"language:en", "lang:EN"}, {"Kaz-1", "kaz-2", "kaz-3"}}}},
      {"source",
       {{{"source:\"UN General Debate\"", "source:\"un general debate\""},
         {"Kaz-1", "kaz-2", "kaz-3"}},
        {{"source:\"Quai d'Orsay\""}, {"fra-1", "fra-2"}}}},
  };
  return kCases;
}

TEST_F(FieldRoundTrip, EveryFilterHasItsRoundTrip) {
  for (const FieldSpec& field : schema::fields()) {
    if (field.filters()) {
      EXPECT_TRUE(cases().count(std::string(field.name))) << field.name << " has no round trip";
    }
  }
}

TEST_F(FieldRoundTrip, EachValueIsFoundHoweverItIsWritten) {
  for (const auto& [field, field_cases] : cases()) {
    for (const Case& c : field_cases) {
      for (const std::string& q : c.queries) EXPECT_EQ(ids(search(q)), c.ids) << field << ": " << q;
    }
  }
}

TEST_F(FieldRoundTrip, EachValueIsOneFacetValue) {
  using Counts = std::map<std::string, std::uint64_t>;
  EXPECT_EQ(facet("country"), (Counts{{"KAZ", 3}, {"FRA", 2}}));
  EXPECT_EQ(facet("year"), (Counts{{"2019", 1}, {"2020", 3}, {"2021", 1}}));
  EXPECT_EQ(facet("mentions"), (Counts{{"UZB", 3}, {"KGZ", 1}, {"MLI", 2}}));
  EXPECT_EQ(facet("role"), (Counts{{"foreign minister", 3}, {"spokesperson", 2}}));
  EXPECT_EQ(facet("language"), (Counts{{"en", 3}, {"fr", 2}}));
  // A person's names written differently are one value, shown as most
  // statements write it (ties: the first in order).
  Counts ministers = facet("minister");
  ASSERT_EQ(ministers.size(), 2u);
  EXPECT_EQ(ministers.begin()->second + std::next(ministers.begin())->second, 5u);
  // Every facet value is a filter that finds what it counts.
  SearchResult all = search("*");
  for (const auto& facet_name : {"country", "minister", "year", "mentions", "role", "language"}) {
    for (const auto& v : all.facets.of(facet_name)) {
      const FieldSpec* field = schema::find_field(facet_name);
      ASSERT_NE(field, nullptr) << facet_name;
      std::string q = std::string(field->name) + ":\"" + v.value + "\"";
      EXPECT_EQ(search(q).total, v.count) << q;
    }
  }
}

TEST(Fields, KeysAreWhatIndexAndFiltersShare) {
  const Gazetteer& g = Gazetteer::builtin();
  auto key = [&](std::string_view field, std::string_view value) {
    return schema::key(*schema::find_field(field), value, g).value_or("(none)");
  };
  EXPECT_EQ(key("country", "Kazakh"), "KAZ");
  EXPECT_EQ(key("country", "Atlantis"), "(none)");
  EXPECT_EQ(key("minister", "  WANG   Yi. "), "wang yi");
  EXPECT_EQ(key("role", "Minister for Foreign Affairs"), "foreign minister");
  EXPECT_EQ(key("language", " ZH "), "zh");
  EXPECT_EQ(key("date", "2020-07"), "2020-07");
  EXPECT_EQ(key("date", "2020-13"), "(none)");
  EXPECT_EQ(schema::terms(*schema::find_field("date"), "2020-07-17"),
            (std::vector<std::string>{"XY2020", "XM202007", "XD20200717"}));
  EXPECT_EQ(schema::terms(*schema::find_field("date"), "2020"),
            (std::vector<std::string>{"XY2020"}));
  EXPECT_EQ(schema::find_field("MENTION"), schema::find_field("mentions"));
  EXPECT_EQ(schema::find_field("nope"), nullptr);
}

TEST(Fields, RecordsSetEveryFieldFromText) {
  Statement s;
  for (const FieldSpec& field : schema::fields()) ASSERT_NE(field.set, nullptr) << field.name;
  EXPECT_TRUE(schema::find_field("ministers")->set(s, "Wang Yi; Sergey Lavrov"));
  EXPECT_EQ(s.ministers, (std::vector<std::string>{"Wang Yi", "Sergey Lavrov"}));
  EXPECT_TRUE(schema::find_field("mentions")->set(s, "KAZ, UZB"));
  EXPECT_EQ(s.mentions, (std::vector<std::string>{"KAZ", "UZB"}));
  EXPECT_FALSE(schema::find_field("date")->set(s, "17 July"));
  EXPECT_TRUE(schema::find_field("date")->set(s, "2020-07-17"));
  EXPECT_EQ(s.date.to_string(), "2020-07-17");
}

}  // namespace
}  // namespace communique
