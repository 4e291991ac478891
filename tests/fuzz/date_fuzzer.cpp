// Fuzzes the date parsers: Date::parse (the canonical YYYY[-MM[-DD]]),
// parse_date_any (the forms ministries write, "July 17, 2020 20:37",
// "17.07.2020", "2022年1月25日", "25 января 2022 года", ...) and find_date
// (the first such date in running text). None may throw; what they return
// must be a real date that reads back unchanged; a canonical date reads the
// same through the first two; and a whole date to the day is found in the
// text it is.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "communique/statement.h"
#include "fuzz/fuzz_support.h"
#include "ingest/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace communique;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto canonical = Date::parse(text);
  if (canonical) {
    FUZZ_CHECK(!canonical->empty());
    FUZZ_CHECK(fuzz::valid_date(*canonical));
  }
  auto any = ingest::parse_date_any(text);
  if (any) {
    FUZZ_CHECK(!any->empty());
    FUZZ_CHECK(fuzz::valid_date(*any));
  }
  if (canonical) FUZZ_CHECK(any && *any == *canonical);
  auto found = ingest::find_date(text);
  if (found) {
    FUZZ_CHECK(found->day != 0);
    FUZZ_CHECK(fuzz::valid_date(*found));
  }
  if (any && any->day) FUZZ_CHECK(found && *found == *any);
  return 0;
}
