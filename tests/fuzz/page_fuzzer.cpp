// Fuzzes the reader of saved statement pages, plain text and HTML (the
// reader tells them apart by their markup, in whatever charset the page
// declares), and the sniffers that decide whether a file is a page. A page
// is one statement or none: whatever the bytes, the reader emits exactly
// one, or reports the file skipped (an HTML page that holds no statement),
// and reports what it could not read.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "communique/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "ingest/formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace communique;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz::CheckingSink sink("pages/readout.txt", "page");
  ImportOptions options;
  ingest::Context context{options, Gazetteer::builtin(), sink};
  ingest::read_page(std::string(bytes), Provenance{"pages/readout.txt", 0, 1, "page"}, "kz-mfa",
                    context);
  sink.finish();
  FUZZ_CHECK(sink.statements() + sink.skipped_files() == 1);
  (void)ingest::looks_like_html(bytes);
  (void)ingest::looks_like_page(bytes, Gazetteer::builtin());
  return 0;
}
