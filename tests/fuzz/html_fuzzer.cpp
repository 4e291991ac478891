// Fuzzes the HTML reader below the page importer: the tokenizer, the
// document built from its tokens, the statement told from the rest and
// the page's metadata, on any bytes. Nothing may throw or read out of
// bounds; every token makes progress; blocks lie within the text, in
// order, under elements that hold them; the statement's blocks are some
// of the page's, in order; no block, title or statement holds markup a
// tag could have been read from.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "communique/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "ingest/html/charset.h"
#include "ingest/html/content.h"
#include "ingest/html/document.h"
#include "ingest/html/page_metadata.h"
#include "ingest/html/tokenizer.h"
#include "ingest/ministries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace communique;
  using namespace communique::ingest::html;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  Tokenizer tokenizer(bytes);
  Token token;
  std::size_t tokens = 0, last_offset = 0;
  while (tokenizer.next(token)) {
    FUZZ_CHECK(++tokens <= size);
    FUZZ_CHECK(token.offset < size);
    FUZZ_CHECK(tokens == 1 || token.offset >= last_offset);
    last_offset = token.offset;
    if (token.kind == Token::kStartTag || token.kind == Token::kEndTag)
      FUZZ_CHECK(!token.name.empty());
  }

  PageText page = decode_page(std::string(bytes));
  Document doc = parse_document(page.text);
  FUZZ_CHECK(!doc.elements.empty());
  FUZZ_CHECK(doc.elements[0].end_block == doc.blocks.size());
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    FUZZ_CHECK(b.begin >= previous_end && b.begin < b.end && b.end <= doc.text.size());
    previous_end = b.end;
    FUZZ_CHECK(b.element < doc.elements.size());
    const Element& e = doc.elements[b.element];
    FUZZ_CHECK(e.first_block <= i && i < e.end_block);
    FUZZ_CHECK(b.link_words <= b.words);
  }
  for (std::size_t e = 1; e < doc.elements.size(); ++e) {
    const Element& element = doc.elements[e];
    const Element& parent = doc.elements[element.parent];
    FUZZ_CHECK(element.parent < e);
    FUZZ_CHECK(element.first_block <= element.end_block);
    FUZZ_CHECK(parent.first_block <= element.first_block && element.end_block <= parent.end_block);
  }

  Content content = extract_content(doc);
  for (std::size_t i = 0; i < content.blocks.size(); ++i) {
    FUZZ_CHECK(content.blocks[i] < doc.blocks.size());
    FUZZ_CHECK(i == 0 || content.blocks[i] > content.blocks[i - 1]);
  }
  PageMetadata meta =
      read_page_metadata(doc, content, Gazetteer::builtin(), ingest::Ministries::builtin());
  if (meta.date) FUZZ_CHECK(fuzz::valid_date(*meta.date));
  drop_leading_title(doc, content, meta.title);
  // Markup escaped twice is gone: stripping it again changes nothing.
  auto unmarked = [](std::string_view s) {
    std::size_t a = s.find_first_not_of(" \n"), b = s.find_last_not_of(" \n");
    std::string_view trimmed = a == std::string_view::npos ? "" : s.substr(a, b - a + 1);
    return strip_escaped_markup(s) == trimmed;
  };
  FUZZ_CHECK(unmarked(content_text(doc, content)));
  FUZZ_CHECK(unmarked(meta.title));
  return 0;
}
