// Fuzzes what reads names in running text, in every script: the
// gazetteer's mentions (Chinese without spaces, Russian cases, Arabic
// prefixes, French elisions), its resolution of names, the extraction of
// office holders and the identity of people's names. None may throw; each
// mention must be a non-empty byte range of the text, on character
// boundaries, in text order; each office holder a name with an identity.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/people.h"
#include "communique/analyzer.h"
#include "communique/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "ingest/enrich.h"

namespace {

bool character_boundary(std::string_view text, std::size_t at) {
  return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace communique;
  std::string text(reinterpret_cast<const char*>(data), size);
  repair_utf8(text);  // as every importer does before reading names
  const Gazetteer& g = Gazetteer::builtin();
  std::size_t previous = 0;
  for (const CountryMention& m : g.find_mentions(text)) {
    FUZZ_CHECK(m.start < m.end && m.end <= text.size());
    FUZZ_CHECK(m.start >= previous);
    FUZZ_CHECK(character_boundary(text, m.start) && character_boundary(text, m.end));
    FUZZ_CHECK(g.by_code(m.code) != nullptr);
    previous = m.end;
  }
  if (const Country* c = g.resolve(std::string_view(text).substr(0, 64)))
    FUZZ_CHECK(g.by_code(c->code) == c);
  const analysis::People& people = analysis::People::builtin();
  for (const std::string& name : ingest::extract_ministers(text, g)) {
    FUZZ_CHECK(!name.empty());
    analysis::PersonName id = people.identify(name);
    FUZZ_CHECK(!id.key.empty() && !id.display.empty());
  }
  analysis::PersonName id = people.identify(std::string_view(text).substr(0, 64));
  FUZZ_CHECK(id.written.empty() || !id.display.empty());
  return 0;
}
