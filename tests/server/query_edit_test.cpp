#include "server/query_edit.h"

#include <gtest/gtest.h>

namespace communique::server {
namespace {

using Words = std::vector<std::string>;

TEST(QueryEdit, WordsSplitAtSpacesOutsideQuotes) {
  EXPECT_EQ(query_words("  transport  minister:\"Wang Yi\" \"belt and road\" "),
            (Words{"transport", "minister:\"Wang Yi\"", "\"belt and road\""}));
  EXPECT_EQ(query_words(""), Words{});
}

TEST(QueryEdit, FilterValuesAreQuotedWhenTheyHoldSpacesOrSyntax) {
  EXPECT_EQ(filter_word("country", "CHN"), "country:CHN");
  EXPECT_EQ(filter_word("minister", "Wang Yi"), "minister:\"Wang Yi\"");
  EXPECT_EQ(filter_word("minister", "Jean-Yves Le Drian"), "minister:\"Jean-Yves Le Drian\"");
  EXPECT_EQ(filter_word("minister", "a\"b (c)"), "minister:\"a\\\"b (c)\"");
  EXPECT_EQ(filter_word("source", "C:\\press"), "source:\"C:\\\\press\"");
  EXPECT_EQ(filter_word("date", "2020"), "date:2020");
}

TEST(QueryEdit, AFacetClickAddsItsFilterOnce) {
  EXPECT_EQ(with_word("transport", "country:KAZ"), "transport country:KAZ");
  EXPECT_EQ(with_word("transport country:KAZ", "country:KAZ"), "transport country:KAZ");
  EXPECT_EQ(with_word("  ", "country:KAZ"), "country:KAZ");
}

TEST(QueryEdit, AYearClickReplacesTheDateFilters) {
  EXPECT_EQ(with_date("grain date:2019..2021", "date:2020"), "grain date:2020");
  EXPECT_EQ(with_date("grain year:2019 country:RUS", "date:2020"), "grain country:RUS date:2020");
  // A date filter inside an alternative is the user's; it stays.
  EXPECT_EQ(with_date("(date:2019 OR country:RUS) grain", "date:2020"),
            "(date:2019 OR country:RUS) grain date:2020");
}

TEST(QueryEdit, OnlyFiltersStandingAloneCanBeRemoved) {
  EXPECT_EQ(removable_filters("grain country:RUS minister:\"Wang Yi\" -sanctions"),
            (Words{"country:RUS", "minister:\"Wang Yi\""}));
  EXPECT_EQ(removable_filters("country:RUS OR country:UKR grain"), Words{});
  EXPECT_EQ(removable_filters("NOT country:RUS (country:UKR) grain"), Words{});
  EXPECT_EQ(removable_filters("http://example.org grain"), Words{});
  EXPECT_EQ(without_word("grain country:RUS date:2020", "country:RUS"), "grain date:2020");
  EXPECT_EQ(without_word("country:RUS OR country:UKR", "country:RUS"),
            "country:RUS OR country:UKR");
}

// A person's facet value carries their Latin name in brackets; as a quoted
// filter value it is still a filter a click can remove.
TEST(QueryEdit, BracketsInsideAQuotedValueKeepAFilterRemovable) {
  std::string word = filter_word("minister", "汪文斌 (Wang Wenbin)");
  EXPECT_EQ(word, "minister:\"汪文斌 (Wang Wenbin)\"");
  EXPECT_EQ(removable_filters("台湾 " + word), Words{word});
  EXPECT_EQ(without_word("台湾 " + word, word), "台湾");
  // Brackets outside the quotes still group the filter with its neighbours.
  EXPECT_EQ(removable_filters("(minister:\"Wang Yi\" OR 台湾)"), Words{});
}

TEST(QueryEdit, EveryFacetsFieldIsAFilter) {
  EXPECT_EQ(removable_filters("grain mentions:UKR role:\"foreign minister\" language:zh id:x-1"),
            (Words{"mentions:UKR", "role:\"foreign minister\"", "language:zh", "id:x-1"}));
}

// A value holding a double quote (a role "Minister \"a.i.\"") is one word,
// removable, and the query language reads back the value itself.
TEST(QueryEdit, AQuoteInsideAValueIsEscapedNotLost) {
  std::string word = filter_word("role", "Minister \"a.i.\"");
  EXPECT_EQ(word, "role:\"Minister \\\"a.i.\\\"\"");
  EXPECT_EQ(query_words("grain " + word + " peace"), (Words{"grain", word, "peace"}));
  EXPECT_EQ(removable_filters("grain " + word), Words{word});
  EXPECT_EQ(without_word("grain " + word, word), "grain");
}

TEST(QueryEdit, FieldNamesAreTheQueryLanguagesWhateverTheirCase) {
  EXPECT_EQ(removable_filters("Country:RUS YEAR:2020 lang:ru nofield:x"),
            (Words{"Country:RUS", "YEAR:2020", "lang:ru"}));
  EXPECT_EQ(with_date("Year:2019 grain", "date:2020"), "grain date:2020");
}

}  // namespace
}  // namespace communique::server
