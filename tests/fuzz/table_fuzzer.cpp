// Fuzzes the CSV/TSV table reader: every input is read both as CSV and as
// TSV, once with columns found by name and once with --map naming them,
// as `communique index --map body=Speech --map date=Date` does. Bad rows
// and unusable headers are reported through the Context, never thrown.

#include <cstddef>
#include <cstdint>

#include "communique/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "ingest/formats.h"

namespace {

void read(const std::uint8_t* data, std::size_t size, char separator,
          const communique::ImportOptions& options) {
  using namespace communique;
  const char* format = separator == '\t' ? "tsv" : "csv";
  fuzz::MemoryBuf buf(data, size);
  std::istream in(&buf);
  fuzz::CheckingSink sink("speeches.csv", format);
  ingest::Context context{options, Gazetteer::builtin(), sink};
  ingest::read_table(in, separator, Provenance{"speeches.csv", 0, 0, format}, "un", context);
  sink.finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const communique::ImportOptions by_name;
  static const communique::ImportOptions mapped = [] {
    communique::ImportOptions o;
    o.map = {{"body", "Speech"}, {"date", "Date"}, {"minister", "Speaker"}, {"role", "Post"}};
    o.set = {{"country", "NPL"}};
    return o;
  }();
  for (char separator : {',', '\t'}) {
    read(data, size, separator, by_name);
    read(data, size, separator, mapped);
  }
  return 0;
}
