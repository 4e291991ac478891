#include "query/query_parser.h"

#include <gtest/gtest.h>

#include "communique/error.h"
#include "support/temp_index.h"

namespace communique::query {
namespace {

class QueryParserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    testing::build_index_from(dir_->str("db"), testing::data_file("statements.jsonl"));
    db_ = new Xapian::Database(dir_->str("db"));
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
  }

  ParsedQuery parse(std::string_view q) { return QueryParser(*db_, Gazetteer::builtin()).parse(q); }
  std::string description(std::string_view q) { return parse(q).to_xapian().get_description(); }

  static testing::TempDir* dir_;
  static Xapian::Database* db_;
};

testing::TempDir* QueryParserTest::dir_ = nullptr;
Xapian::Database* QueryParserTest::db_ = nullptr;

TEST_F(QueryParserTest, WordsBecomeConceptsAndStopwordsAreDropped) {
  auto q = parse("the transport corridors");
  ASSERT_EQ(q.concepts.size(), 2u);
  EXPECT_EQ(q.concepts[0].label, "transport");
}

TEST_F(QueryParserTest, AllStopwordQueryKeepsItsWords) {
  EXPECT_EQ(parse("who are we").concepts.size(), 3u);
}

TEST_F(QueryParserTest, AcronymInCapitalsAsksForTheAcronym) {
  auto q = parse("WHO vaccines");
  ASSERT_EQ(q.concepts.size(), 2u);
  const auto& terms = q.concepts[0].matchers[0].slots[0];
  EXPECT_EQ(terms, std::vector<std::string>{"XAwho"});
}

TEST_F(QueryParserTest, QuotedAndHyphenatedWordsArePhrases) {
  EXPECT_EQ(parse("\"belt and road\"").concepts[0].matchers[0].slots.size(), 3u);
  EXPECT_EQ(parse("Belt-and-Road").concepts[0].matchers[0].slots.size(), 3u);
  EXPECT_EQ(parse("“belt and road”").concepts[0].matchers[0].slots.size(), 3u);
  EXPECT_NE(description("\"belt and road\"").find("PHRASE"), std::string::npos);
}

TEST_F(QueryParserTest, AChineseRunGoesByItsCharactersAmongStatementsWithItsBigrams) {
  // However ICU cuts the run into words, it is one concept: its
  // characters at consecutive positions, in statements holding its bigrams.
  auto q = parse("愿同各方共建");
  ASSERT_EQ(q.concepts.size(), 1u);
  const Matcher& m = q.concepts[0].matchers.at(0);
  EXPECT_EQ(m.slots, (std::vector<std::vector<std::string>>{
                         {"愿"}, {"同"}, {"各"}, {"方"}, {"共"}, {"建"}}));
  EXPECT_EQ(m.bigrams,
            (std::vector<std::string>{"XB愿同", "XB同各", "XB各方", "XB方共", "XB共建"}));
  std::string d = description("愿同各方共建");
  EXPECT_NE(d.find("PHRASE 6"), std::string::npos) << d;
  EXPECT_NE(d.find("XB共建"), std::string::npos) << d;
  // Words apart are concepts apart, sought close together among the
  // statements holding their bigrams.
  auto apart = parse("共建 互联互通");
  EXPECT_EQ(apart.concepts.size(), 2u);
  std::string near = apart.proximity_query(200).get_description();
  EXPECT_NE(near.find("NEAR"), std::string::npos) << near;
  EXPECT_NE(near.find("XB互联"), std::string::npos) << near;
}

TEST_F(QueryParserTest, OrJoinsAlternativesIntoOneConcept) {
  auto q = parse("sanctions OR embargo vaccines");
  ASSERT_EQ(q.concepts.size(), 2u);
  EXPECT_EQ(q.concepts[0].matchers.size(), 2u);
}

TEST_F(QueryParserTest, OrTakesTheWordsNextToItWhereverItStands) {
  auto labels = [&](std::string_view q) {
    std::vector<std::string> out;
    for (const auto& c : parse(q).concepts) out.push_back(c.label);
    return out;
  };
  EXPECT_EQ(labels("sanctions OR embargo vaccines"),
            (std::vector<std::string>{"sanctions OR embargo", "vaccines"}));
  EXPECT_EQ(labels("vaccines sanctions OR embargo"),
            (std::vector<std::string>{"vaccines", "sanctions OR embargo"}));
  EXPECT_EQ(labels("grain (russia OR ukraine) exports"),
            (std::vector<std::string>{"grain", "russia OR ukraine", "exports"}));
}

TEST_F(QueryParserTest, ANameOfSeveralWordsIsOneConceptWithItsAliases) {
  auto q = parse("North Korea missile launches");
  ASSERT_EQ(q.concepts.size(), 3u);
  EXPECT_EQ(q.concepts[0].label, "North Korea");
  EXPECT_GT(q.concepts[0].matchers.size(), 2u);  // DPRK, Democratic People's Republic of Korea, ...
  EXPECT_EQ(q.concepts[1].label, "missile");
  // The same name later in the query, after other words.
  auto later = parse("missile launches by North Korea");
  ASSERT_EQ(later.concepts.size(), 3u);
  EXPECT_EQ(later.concepts[2].label, "North Korea");
}

TEST_F(QueryParserTest, ExclusionsAreNotConcepts) {
  auto q = parse("sanctions -vaccines NOT trade");
  EXPECT_EQ(q.concepts.size(), 1u);
  EXPECT_EQ(q.excluded.size(), 2u);
}

TEST_F(QueryParserTest, CountryFilterTakesCodeNameOrDemonym) {
  for (const char* q : {"country:CHN", "country:China", "country:Chinese", "country:chn",
                        "country:\"People's Republic of China\""}) {
    auto parsed = parse(q);
    EXPECT_FALSE(parsed.has_text());
    ASSERT_EQ(parsed.filters.size(), 1u) << q;
    EXPECT_NE(parsed.to_xapian().get_description().find("XCCHN"), std::string::npos) << q;
  }
}

TEST_F(QueryParserTest, SameFieldFiltersAreAlternativesOtherFieldsNarrow) {
  auto q = parse("country:CHN country:RUS date:2020");
  EXPECT_EQ(q.filters.size(), 2u);
  EXPECT_EQ(q.filters[0].size(), 2u);
}

TEST_F(QueryParserTest, DateFilterForms) {
  EXPECT_NE(description("date:2020").find("XY2020"), std::string::npos);
  EXPECT_NE(description("date:2020-07").find("XM202007"), std::string::npos);
  EXPECT_NE(description("date:2020-07-17").find("XD20200717"), std::string::npos);
  EXPECT_NE(description("date:2019..2021").find("VALUE_RANGE"), std::string::npos);
  EXPECT_NE(description("date:2020-01-01..2020-06-30").find("VALUE_RANGE"), std::string::npos);
  EXPECT_NE(description("date:..2020").find("VALUE_RANGE"), std::string::npos);
  EXPECT_NE(description("year:2020").find("XY2020"), std::string::npos);
}

TEST_F(QueryParserTest, MinisterFilterMatchesTheFoldedName) {
  EXPECT_NE(description("minister:\"aibek  SADYKOV\"").find("XPaibek sadykov"), std::string::npos);
  // A surname alone finds the minister of that name.
  EXPECT_NE(description("minister:Omarova").find("XPdana omarova"), std::string::npos);
}

TEST_F(QueryParserTest, BrokenQueriesSayWhatIsWrong) {
  auto message = [&](std::string_view q) {
    try {
      parse(q);
    } catch (const QuerySyntaxError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("country:Atlantis").find("no country"), std::string::npos);
  EXPECT_NE(message("date:2020-13").find("not a date"), std::string::npos);
  EXPECT_NE(message("date:2021..2019").find("ends before it starts"), std::string::npos);
  EXPECT_NE(message("peace NOT").find("needs a word after it"), std::string::npos);
  EXPECT_NE(message("-* peace").find("every statement"), std::string::npos);
}

// Text pasted from a page or a mail opens brackets and quotes it never
// closes: it is answered as if they were closed at the end (or, for a
// ')' that closes nothing, as if it were not there), and the parser says so.
TEST_F(QueryParserTest, UnbalancedBracketsAndQuotesAreReadAndSaidSo) {
  auto labels = [&](const ParsedQuery& q) {
    std::vector<std::string> out;
    for (const auto& c : q.concepts) out.push_back(c.label);
    return out;
  };
  auto open = parse("transport (corridors OR railway");
  EXPECT_EQ(labels(open), (std::vector<std::string>{"transport", "corridors OR railway"}));
  ASSERT_EQ(open.warnings.size(), 1u);
  EXPECT_NE(open.warnings[0].find("'(' at character 11 is never closed"), std::string::npos)
      << open.warnings[0];

  auto closed = parse("vaccines :) railway");
  EXPECT_EQ(labels(closed), (std::vector<std::string>{"vaccines", "railway"}));
  ASSERT_EQ(closed.warnings.size(), 1u);
  EXPECT_NE(closed.warnings[0].find("')' at character 11 closes no '('"), std::string::npos)
      << closed.warnings[0];

  // Characters, not bytes: "Ürümqi" is 6 characters and 8 bytes.
  auto quote = parse("Ürümqi \"transport corridors");
  ASSERT_EQ(quote.concepts.size(), 2u);
  EXPECT_EQ(quote.concepts[1].matchers[0].slots.size(), 2u);  // a phrase
  ASSERT_EQ(quote.warnings.size(), 1u);
  EXPECT_NE(quote.warnings[0].find("quote at character 8 is never closed"), std::string::npos)
      << quote.warnings[0];

  // A field's name without its value, as in "Date: 17 July", is a word.
  auto field = parse("Date: July railway");
  EXPECT_TRUE(field.filters.empty());
  EXPECT_EQ(field.concepts.size(), 3u);
  ASSERT_EQ(field.warnings.size(), 1u);
  EXPECT_NE(field.warnings[0].find("Date: has no value"), std::string::npos);

  EXPECT_TRUE(parse("(transport) \"belt and road\"").warnings.empty());
}

// A query with nothing to search for would match every statement (and a
// rebuild's --check with it would always pass): it is refused, saying why.
TEST_F(QueryParserTest, AQueryWithNoWordIsRefusedNotMatchedToEverything) {
  auto message = [&](std::string_view q) {
    try {
      parse(q);
    } catch (const QuerySyntaxError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  for (const std::string& q :
       std::vector<std::string>{"🇺🇦", "...", "&&&", "-", "\"\"", "“ ”", ":) ;-)", "country:CHN 🇺🇦",
                                "-🇺🇦", std::string(200, 'a')}) {
    EXPECT_NE(message(q).find("has no word to search for"), std::string::npos)
        << q << ": " << message(q);
  }
  EXPECT_NE(message(std::string(200, 'a')).find("more than 120 bytes"), std::string::npos);
  for (const std::string& q : std::vector<std::string>{"", "   ", "()", "( ( ) )", "AND"}) {
    EXPECT_NE(message(q).find("the query is empty"), std::string::npos) << q << ": " << message(q);
    EXPECT_NE(message(q).find("* to list every statement"), std::string::npos);
  }
  // What does select statements is answered: filters or exclusions alone,
  // "*" for every statement, and words beside symbols.
  for (const std::string& q : std::vector<std::string>{"*", "* -railway", "-railway", "country:CHN",
                                                       "railway 🇺🇦 ...", "country:CHN -🇺🇦"}) {
    EXPECT_EQ(message(q), "no error") << q;
  }
  EXPECT_EQ(description("*"), "Query(<alldocuments>)");
  EXPECT_TRUE(parse("* railway").has_text());
}

TEST_F(QueryParserTest, AbsurdQueriesAreRefusedQuickly) {
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_THROW(parse(many), QuerySyntaxError);
  EXPECT_THROW(parse(std::string(1 << 20, 'a')), QuerySyntaxError);
  EXPECT_THROW(parse(std::string(5000, '(') + "x" + std::string(5000, ')')), QuerySyntaxError);
  EXPECT_NO_THROW(parse("peace date:0001..9999"));
}

TEST_F(QueryParserTest, UnknownFieldIsJustText) {
  auto q = parse("COVID-19: response");
  EXPECT_TRUE(q.filters.empty());
  EXPECT_EQ(q.concepts.size(), 2u);
}

}  // namespace
}  // namespace communique::query
