// Metadata the importers read out of what ministries publish: people's
// names, their posts, dates, and the ministers and countries a text names.
// Shared by every importer, so one person or one date reads the same
// whichever source it came from.

#ifndef COMMUNIQUE_INGEST_METADATA_H_
#define COMMUNIQUE_INGEST_METADATA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "communique/statement.h"

namespace communique {
class Gazetteer;
}

namespace communique::ingest {

// A person's name as one facet value. Removes leading honorifics and titles
// ("Mr.", "MRS.", "H.E.", "Dr", "Sheikh", "His Royal Highness", "King",
// "Dato' Sri"), a trailing possessive ("Balakrishnan's"), parenthesised
// remarks, trailing post-nominals ("MP", "MBBS, MD") and stray punctuation;
// writes words in capitals as names ("HUANG Hua" -> "Huang Hua", "MR. JOSÉ
// DE LA CRUZ" -> "José de la Cruz", Roman numerals such as "III" kept);
// adds the period to a lone initial ("Joseph R Biden" -> "Joseph R. Biden");
// repairs Windows-1252 characters that were decoded as C1 controls; and
// collapses spaces. "" when nothing of a name is left. Spelling variants
// ("Sergey"/"Sergei") are not merged: that is not safely decidable.
std::string normalise_person_name(std::string_view raw);

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

// The ministers and other office holders a text names next to their post
// ("State Councilor and Foreign Minister Wang Yi", "Kazakh Foreign Minister
// Mukhtar Tleuberdi", "Minister for Foreign Affairs Dr Vivian
// Balakrishnan's Written Reply", "His Excellency Bui Thanh Son, Minister of
// Foreign Affairs"), normalised by normalise_person_name, in text order,
// each once. A name needs two words or more; a bare surname ("Wang said")
// is not taken, as it cannot be told apart from another person's.
std::vector<std::string> extract_ministers(std::string_view text, const Gazetteer& gazetteer);

// The codes of the countries a text names (by name, formal name, alias or
// demonym), in order of first mention, each once, leaving out
// `issuer_code` (a statement does not "mention" its own country).
std::vector<std::string> mentioned_countries(std::string_view text, const Gazetteer& gazetteer,
                                             std::string_view issuer_code = {});

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_METADATA_H_
