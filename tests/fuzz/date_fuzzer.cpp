// Fuzzes the date parsers: Date::parse (the canonical YYYY[-MM[-DD]]) and
// parse_date_any (the forms ministries write, "July 17, 2020 20:37",
// "17.07.2020", ...). Neither may throw; what they return must be a real
// date that reads back unchanged; and a canonical date reads the same
// through both.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "communique/statement.h"
#include "fuzz/fuzz_support.h"
#include "ingest/metadata.h"

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
  return 0;
}
