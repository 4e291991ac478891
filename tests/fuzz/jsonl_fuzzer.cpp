// Fuzzes the canonical JSONL reader (and the ministry-JSON sniffer, which
// sees the same first bytes when formats are detected). The reader must
// report every bad line through its Context and never throw; any
// exception escaping here is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "communique/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "ingest/formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace communique;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz::MemoryBuf buf(data, size);
  std::istream in(&buf);
  fuzz::CheckingSink sink("fuzz.jsonl", "jsonl");
  ImportOptions options;
  ingest::Context context{options, Gazetteer::builtin(), sink};
  ingest::read_jsonl(in, Provenance{"fuzz.jsonl", 0, 0, "jsonl"}, context);
  sink.finish();
  // Nothing is dropped silently: a line with anything but white space on
  // it is a record, emitted or reported.
  if (bytes.find_first_not_of(" \t\r\n") != std::string_view::npos) FUZZ_CHECK(sink.reports() > 0);
  (void)ingest::looks_like_ministry_json(bytes);
  return 0;
}
