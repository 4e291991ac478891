#include <gtest/gtest.h>

#include "communique/statement.h"

namespace communique {
namespace {

TEST(Date, ParsesTheThreePrecisions) {
  EXPECT_EQ(Date::parse("2020")->to_string(), "2020");
  EXPECT_EQ(Date::parse("2020-07")->to_string(), "2020-07");
  EXPECT_EQ(Date::parse("2020-07-17")->to_string(), "2020-07-17");
  EXPECT_EQ(Date::parse(" 2020/07/17 ")->to_string(), "2020-07-17");
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  for (const char* bad : {"", "20", "2021-02-30", "2020-13", "2020-00-10", "2020-7-1", "July 2020",
                          "2020-07-17x", "2020-07/17", "0000"}) {
    EXPECT_FALSE(Date::parse(bad).has_value()) << bad;
  }
  EXPECT_TRUE(Date::parse("2024-02-29").has_value());
  EXPECT_FALSE(Date::parse("2023-02-29").has_value());
}

TEST(Date, SortKeyPutsUnknownPartsFirst) {
  EXPECT_LT(Date::parse("2020")->sort_key(), Date::parse("2020-01-01")->sort_key());
  EXPECT_EQ(Date::parse("2020-07-17")->sort_key(), 20200717u);
}

}  // namespace
}  // namespace communique
