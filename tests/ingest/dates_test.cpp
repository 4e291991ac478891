#include "ingest/dates.h"

#include <gtest/gtest.h>

namespace communique::ingest {
namespace {

TEST(ParseDateAny, ReadsTheFormsSourcesUse) {
  auto date = [](std::string_view text) {
    auto d = parse_date_any(text);
    return d ? d->to_string() : std::string("none");
  };
  EXPECT_EQ(date("2020-07-17"), "2020-07-17");
  EXPECT_EQ(date("2020"), "2020");
  EXPECT_EQ(date("2020-07"), "2020-07");
  EXPECT_EQ(date("2020-07-17T20:37:00+08:00"), "2020-07-17");
  EXPECT_EQ(date("08 May 2024, 23:15"), "2024-05-08");
  EXPECT_EQ(date("July 17, 2020 20:37"), "2020-07-17");
  EXPECT_EQ(date("Friday, 17th July 2020"), "2020-07-17");
  EXPECT_EQ(date("17 Sept. 2020"), "2020-09-17");
  EXPECT_EQ(date("17 of July 2020"), "2020-07-17");
  EXPECT_EQ(date("July 2020"), "2020-07");
  EXPECT_EQ(date("17.07.2020"), "2020-07-17");
  EXPECT_EQ(date("17/07/2020"), "2020-07-17");
  EXPECT_EQ(date("07/17/2020"), "2020-07-17");
  EXPECT_EQ(date("2020/7/17"), "2020-07-17");
}

TEST(ParseDateAny, RefusesWhatItCannotReadWhole) {
  EXPECT_FALSE(parse_date_any(""));
  EXPECT_FALSE(parse_date_any("sometime in 2022"));
  EXPECT_FALSE(parse_date_any("03/04/2020"));  // March or April: not guessed
  EXPECT_FALSE(parse_date_any("30 February 2021"));
  EXPECT_FALSE(parse_date_any("17 July 2020 and later"));
  EXPECT_FALSE(parse_date_any("Smarch 17, 2020"));
}

TEST(ParseDateAny, ReadsDatesAsPagesWriteThemInTheirLanguages) {
  auto date = [](std::string_view text) {
    auto d = parse_date_any(text);
    return d ? d->to_string() : std::string("none");
  };
  EXPECT_EQ(date("2022年1月25日"), "2022-01-25");
  EXPECT_EQ(date("２０２２年１月２５日"), "2022-01-25");  // full-width digits
  EXPECT_EQ(date("2022 年 1 月 25 日 10:30"), "2022-01-25");
  EXPECT_EQ(date("2022年1月"), "2022-01");
  EXPECT_EQ(date("2022년 1월 25일"), "2022-01-25");
  EXPECT_EQ(date("25 января 2022 года"), "2022-01-25");
  EXPECT_EQ(date("25 ЯНВАРЯ 2022 г."), "2022-01-25");
  EXPECT_EQ(date("Вторник, 25 января 2022"), "2022-01-25");
  EXPECT_EQ(date("25 січня 2022 р."), "2022-01-25");
  EXPECT_EQ(date("25 janvier 2022"), "2022-01-25");
  EXPECT_EQ(date("mardi 1er février 2022"), "2022-02-01");
  EXPECT_EQ(date("3 déc. 2021"), "2021-12-03");
  EXPECT_EQ(date("25 de enero de 2022"), "2022-01-25");
  EXPECT_EQ(date("1º de julio del 2021"), "2021-07-01");
  EXPECT_EQ(date("25 de março de 2022"), "2022-03-25");
  EXPECT_EQ(date("25. Januar 2022"), "2022-01-25");
  EXPECT_EQ(date("3. März 2021, 14:00"), "2021-03-03");
  EXPECT_EQ(date("25 gennaio 2022"), "2022-01-25");
  EXPECT_EQ(date("July 17, 2020"), "2020-07-17");
  EXPECT_EQ(date("2022年2月30日"), "none");
  EXPECT_EQ(date("25 января"), "none");  // no year
  EXPECT_EQ(date("некогда в 2022 году"), "none");
}

TEST(FindDate, FindsTheFirstDayWrittenInRunningText) {
  auto date = [](std::string_view text) {
    auto d = find_date(text);
    return d ? d->to_string() : std::string("none");
  };
  EXPECT_EQ(date("外交部发言人于2022年1月25日在北京主持例行记者会。"), "2022-01-25");
  EXPECT_EQ(date("Москва, 25 января 2022 года. Министр заявил..."), "2022-01-25");
  EXPECT_EQ(date("Publié le 25 janvier 2022 à 14h"), "2022-01-25");
  EXPECT_EQ(date("Updated: July 17, 2020 20:37"), "2020-07-17");
  EXPECT_EQ(date("2024-04-03 21:30 来源：外交部"), "2024-04-03");
  EXPECT_EQ(date("On 16 July, the ministers met. In July 2020 they agreed."), "none");
  EXPECT_EQ(date("Call +86-10-65961114 or write to us"), "none");
  EXPECT_EQ(date("12025 May 2020"), "none");  // a day has one or two digits
  // Found by fuzz_date: a numeric date with day 00 was found as a month.
  EXPECT_EQ(date("2042-02-00"), "none");
  std::string far(70 * 1024, 'x');
  EXPECT_EQ(date(far + " 17 July 2020"), "none");  // only the first 64 KiB are read
}

// Found by fuzz_date: a numeric date whose part is a number beyond int
// ("2021/07/174000...") made std::stoi throw std::out_of_range through the
// importers, which must never throw for a bad record.
TEST(ParseDateAny, NumbersTooLongForADatePartAreRefusedNotThrown) {
  EXPECT_FALSE(parse_date_any("2021/07/17400000000000044444"));
  EXPECT_FALSE(parse_date_any("99999999999.07.2020"));
  EXPECT_FALSE(parse_date_any("17/99999999999/2020"));
  EXPECT_FALSE(parse_date_any("17.07.202000000000000000000"));
  EXPECT_FALSE(parse_date_any("00017.07.2020"));  // a day is one or two digits
  EXPECT_EQ(parse_date_any("2021/07/17")->to_string(), "2021-07-17");
}

}  // namespace
}  // namespace communique::ingest
