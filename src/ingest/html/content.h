// Which blocks of a page are its statement, told by the page's structure
// and nothing site-specific: no id or class name is read.
//
// Each block is weighed by the evidence of what it is: prose (enough
// words, punctuation, few of them in links) counts for, navigation, link
// lists, copyright lines and blocks inside <nav>/<aside>/<header>/
// <footer> or such ARIA landmarks count against, short fragments
// (headings, labels, date lines) are neutral. The statement is the run of
// consecutive blocks under one element, whole children and its own text,
// with the greatest weight (a maximum-sum run over the children of every
// element, in one pass); from it, the link lists and boilerplate blocks it
// encloses are dropped, and the fragments at its edges (the headline, a
// date line) trimmed.

#ifndef COMMUNIQUE_INGEST_HTML_CONTENT_H_
#define COMMUNIQUE_INGEST_HTML_CONTENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/html/document.h"

namespace communique::ingest::html {

struct Content {
  // The statement's blocks, in page order; empty when the page holds no
  // statement (an index page, a list of links).
  std::vector<std::uint32_t> blocks;
  // The run they were taken from: blocks [first, last).
  std::uint32_t first = 0, last = 0;
  std::uint32_t element = 0;  // the element whose children the run is
  // What the page's text is, for saying why nothing was taken.
  std::size_t prose_blocks = 0;  // blocks that read as prose anywhere
  double link_share = 0;         // of the page's words, the share in links
};

// How a block weighs.
enum class BlockKind { kProse, kNeutral, kBoilerplate };
BlockKind classify(const Block& block);

Content extract_content(const Document& doc);

// Drops the statement's headline from its start when the run took it as
// prose (a page without <h1> that punctuates its headline), with the date
// line and share bar after it: the leading blocks that repeat `title`
// (white space aside), then those up to the first block of prose.
void drop_leading_title(const Document& doc, Content& content, std::string_view title);

// The statement's text: its blocks' text, joined by blank lines.
std::string content_text(const Document& doc, const Content& content);

}  // namespace communique::ingest::html

#endif  // COMMUNIQUE_INGEST_HTML_CONTENT_H_
