#include "server/timeline.h"

#include <gtest/gtest.h>

namespace communique::server {
namespace {

TEST(Timeline, BarsArePerThousandStatementsOfTheYearWithGapsFilled) {
  auto bars = year_bars({{"2019", 3}, {"2021", 1}, {"not a year", 9}},
                        {{"2019", 1000}, {"2020", 50}, {"2021", 4}});
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_EQ(bars[0].year, 2019);
  EXPECT_DOUBLE_EQ(bars[0].per_thousand, 3.0);
  EXPECT_EQ(bars[1].year, 2020);
  EXPECT_EQ(bars[1].matches, 0u);
  EXPECT_DOUBLE_EQ(bars[1].per_thousand, 0.0);
  EXPECT_DOUBLE_EQ(bars[2].per_thousand, 250.0);
  EXPECT_TRUE(year_bars({}, {{"2019", 10}}).empty());
}

TEST(Timeline, CountsTakenAcrossAnUpdateNeverExceedAThousand) {
  auto bars = year_bars({{"2020", 12}}, {{"2020", 10}});
  EXPECT_DOUBLE_EQ(bars.at(0).per_thousand, 1000.0);
  EXPECT_DOUBLE_EQ(year_bars({{"2020", 1}}, {}).at(0).per_thousand, 0.0);  // no total known
}

TEST(Timeline, AStrayYearFarOffDoesNotDrawCenturiesOfBars) {
  auto bars = year_bars({{"1", 1}, {"2020", 2}}, {{"1", 1}, {"2020", 4}});
  ASSERT_EQ(bars.size(), 2u);
  EXPECT_EQ(bars[0].year, 1);
  EXPECT_EQ(bars[1].year, 2020);
}

TEST(Timeline, EachBarLinksWhereItIsToldAndSaysItsCounts) {
  auto svg = timeline_svg(year_bars({{"2019", 3}}, {{"2019", 1000}}),
                          [](int year) { return "/?q=a&y=" + std::to_string(year); });
  EXPECT_NE(svg.find("<a class=\"bar\" href=\"/?q=a&amp;y=2019\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("2019: 3 of 1,000 statements (3.0 per 1,000)"), std::string::npos);
  EXPECT_EQ(timeline_svg({}, [](int) { return std::string(); }), "");
}

}  // namespace
}  // namespace communique::server
