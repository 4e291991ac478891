// Fuzzes the reader of ministry JSON dumps (an array of {url, title, date,
// country, content}), which parses element by element from a stream. It
// must report syntax errors and bad elements through its Context and never
// throw.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "communique/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "ingest/formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace communique;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz::MemoryBuf buf(data, size);
  std::istream in(&buf);
  fuzz::CheckingSink sink("fuzz.json", "ministry-json");
  ImportOptions options;
  ingest::Context context{options, Gazetteer::builtin(), sink};
  ingest::read_ministry_json(in, Provenance{"fuzz.json", 0, 0, "ministry-json"}, "sg-mfa", context);
  sink.finish();
  // Only an empty array may leave no trace: anything else is statements,
  // bad elements or a file that is not a dump, each reported.
  auto whole = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!(whole.is_array() && whole.empty())) FUZZ_CHECK(sink.reports() > 0);
  (void)ingest::looks_like_ministry_json(bytes);
  return 0;
}
