// A page read into what telling its statement apart needs: its visible
// text cut into blocks (paragraphs, list items, cells, headings...), each
// with the evidence of what it is (how much text, how much of it in links,
// its punctuation, whether it sits in navigation or a hidden element), the
// elements that hold the blocks, and what the page says about itself
// (<title>, <meta>, <time>, headings, canonical address, JSON-LD).
//
// Built in one pass over the tokens, in time and memory linear in the
// page: the text is held once, and past kMaxElements elements or
// kMaxBlocks blocks a hostile page's further structure is flattened
// rather than held.

#ifndef COMMUNIQUE_INGEST_HTML_DOCUMENT_H_
#define COMMUNIQUE_INGEST_HTML_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace communique::ingest::html {

inline constexpr std::uint32_t kMaxElements = 1u << 20;
inline constexpr std::uint32_t kMaxBlocks = 1u << 20;
inline constexpr std::size_t kMaxOpenElements = 256;

// A run of text between two block boundaries.
struct Block {
  std::size_t begin = 0, end = 0;  // bytes of Document::text
  std::uint32_t element = 0;       // the innermost element (index) holding it
  // Word equivalents: a word of a script written with spaces counts 1, a
  // Han or kana character 0.5 (so that Chinese and English weigh alike).
  float words = 0;
  float link_words = 0;           // of which inside <a href>
  std::uint32_t punctuation = 0;  // clause and sentence marks: , . ; ! ? 。，、；！？ ...
  bool ends_sentence = false;     // its last mark ends a sentence
  // Inside <nav>, <aside>, <header>, <footer>, <menu> or an element whose
  // ARIA role is such a landmark (navigation, banner, contentinfo,
  // complementary, search, menu, toolbar...).
  bool boilerplate = false;
  bool copyright = false;    // "©", "Copyright", "All rights reserved", "版权所有"...
  std::uint8_t heading = 0;  // 1-6 inside <h1>-<h6>

  double link_density() const { return words > 0 ? link_words / words : 0; }
};

// An element that can hold blocks (block-level or unknown ones; inline
// elements are not kept). Elements are in document order, so each one's
// blocks are the range [first_block, end_block), its descendants follow it
// and its parent comes before it.
struct Element {
  std::uint32_t parent = 0;  // the root (index 0) is its own parent
  std::uint32_t first_block = 0, end_block = 0;
};

struct Heading {
  int level = 1;
  std::uint32_t block = 0;  // its first block
  std::string text;
};

// A date the markup gives: <time datetime>, or a <time>'s text.
struct TimeHint {
  std::string value;
  std::uint32_t block = 0;  // the block it is in or before
};

struct Document {
  std::string text;  // the visible text of every block, one after another
  std::vector<Block> blocks;
  std::vector<Element> elements;  // [0] is the page itself

  std::string title;     // of <title>, references decoded
  std::string language;  // <html lang>
  // <meta> name, property, itemprop or http-equiv (lower case) and content,
  // in page order.
  std::vector<std::pair<std::string, std::string>> metas;
  std::vector<Heading> headings;
  std::vector<TimeHint> times;
  std::string canonical;             // <link rel=canonical href>
  std::string base;                  // <base href>
  std::vector<std::string> json_ld;  // <script type="application/ld+json"> texts
  // The hosts of the page's absolute links, with how often each is linked.
  std::vector<std::pair<std::string, std::uint32_t>> link_hosts;

  std::string_view block_text(std::size_t i) const {
    return std::string_view(text).substr(blocks[i].begin, blocks[i].end - blocks[i].begin);
  }
  // The content of the first <meta> named `key` (lower case), or "".
  std::string_view meta(std::string_view key) const;
};

// Reads `html` (UTF-8) into a Document. Never throws for any input.
Document parse_document(std::string_view html);

// Removes markup that a page shows as text because it was escaped twice
// ("&lt;br&gt;" in a title): tags of known elements, each replaced by a
// space, or by nothing between two characters of a script written
// without spaces (Han, kana).
std::string strip_escaped_markup(std::string_view text);

}  // namespace communique::ingest::html

#endif  // COMMUNIQUE_INGEST_HTML_DOCUMENT_H_
