// The statement record: one press release, readout, speech or transcript.

#ifndef COMMUNIQUE_STATEMENT_H_
#define COMMUNIQUE_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "communique/export.h"

namespace communique {

// A calendar date known to year, month or day precision. month and day are
// 0 when unknown; a default Date is "no date".
struct COMMUNIQUE_EXPORT Date {
  int year = 0;   // 0 = no date
  int month = 0;  // 1-12, or 0 when only the year is known
  int day = 0;    // 1-31, or 0 when unknown

  bool empty() const { return year == 0; }

  // "2020", "2020-07" or "2020-07-17"; "" for an empty date.
  std::string to_string() const;

  // Parses the canonical forms YYYY, YYYY-MM and YYYY-MM-DD (also with '/'
  // or '.' separators). Returns nullopt for anything else, including
  // impossible dates such as 2021-02-30.
  static std::optional<Date> parse(std::string_view text);

  // YYYYMMDD with unknown parts as 00, for sorting and range filters.
  std::uint32_t sort_key() const { return year * 10000u + month * 100u + day; }

  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

struct COMMUNIQUE_EXPORT Statement {
  std::string id;    // required, unique within an index
  std::string body;  // required, UTF-8
  std::string title;
  Date date;
  // Issuing country: an ISO 3166-1 alpha-3 code (or historical code) once
  // resolved; importers may leave a name here for the indexer to resolve.
  std::string country;
  std::vector<std::string> ministers;  // people speaking or quoted, display form
  std::vector<std::string> mentions;   // countries the statement concerns
  std::string language;                // BCP 47; guessed from the text when empty
  std::string role;                    // post of the speaker: head of state, foreign minister, ...
  std::string source;                  // collection or publisher
  std::string url;
};

// Where a record came from, for reports.
struct COMMUNIQUE_EXPORT Provenance {
  std::string file;
  std::uint64_t line = 0;    // 1-based line, 0 when not line-oriented
  std::uint64_t record = 0;  // 1-based record number within the file, 0 if n/a
  std::string format;        // importer that read it ("jsonl", "ungdc", ...)
};

}  // namespace communique

#endif  // COMMUNIQUE_STATEMENT_H_
