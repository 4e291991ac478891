// Dates as sources write them: in metadata fields, on a page's date line,
// in running text, in the languages ministries publish in.

#ifndef COMMUNIQUE_INGEST_DATES_H_
#define COMMUNIQUE_INGEST_DATES_H_

#include <optional>
#include <string_view>

#include "communique/statement.h"

namespace communique::ingest {

// A date in any of the forms these sources use: "2020-07-17", "2020-07",
// "2020", "2020-07-17T20:37:00Z", "08 May 2024, 23:15", "July 17, 2020
// 20:37", "Friday, 17th July 2020", "17 Sept. 2020", "July 2020",
// "17.07.2020", and "17/07/2020" where the day is above 12 (a slash date
// that reads both ways is refused rather than guessed); and as the pages
// of ministries write them in their languages: "2022年1月25日" (also
// Korean, full-width digits), "25 января 2022 года", "25 січня 2022 р.",
// "1er janvier 2022", "25 de enero de 2022", "25 de janeiro de 2022",
// "25. Januar 2022", "25 gennaio 2022", a weekday before any of them
// ("mardi 25 janvier 2022"). A time of day after the date is ignored.
// nullopt when no whole date is recognised, or the date does not exist.
std::optional<Date> parse_date_any(std::string_view text);

// The first date to a day written in running text in any of the forms
// parse_date_any reads ("...于2022年1月25日在北京...", "Moscow, 25 января
// 2022 г."), looking no further than its first 64 KiB. Month-and-year
// dates are not taken: a statement's date is a day.
std::optional<Date> find_date(std::string_view text);

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_DATES_H_
