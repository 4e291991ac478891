// The character encoding of a saved page, and its text as UTF-8.

#ifndef COMMUNIQUE_INGEST_HTML_CHARSET_H_
#define COMMUNIQUE_INGEST_HTML_CHARSET_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace communique::ingest::html {

// The charset a page declares in its first 8 KiB, by <meta charset=X> or
// <meta http-equiv="Content-Type" content="text/html; charset=X">, as
// written ("gb2312", "windows-1251"); "" when none.
std::string declared_charset(std::string_view head);

struct PageText {
  std::string text;          // UTF-8
  std::string charset;       // what it was read as: "UTF-8", "GB18030", "windows-1251", ...
  std::size_t replaced = 0;  // bytes that were not valid in it (now U+FFFD)
  // A charset the page declares that is not known; the page was read as
  // UTF-8.
  std::string unknown_charset;
};

// Reads a page's bytes as text. A byte order mark wins; then UTF-16 told
// by its zero bytes; then the charset the page declares, with the labels
// browsers give it (gb2312 and gbk read as GB18030, their superset;
// iso-8859-1 and ascii as windows-1252; a declared UTF-16 on bytes that
// are not is UTF-8); then UTF-8. Bytes that are valid UTF-8 beyond ASCII
// are read as UTF-8 whatever the declaration says (a page saved as UTF-8
// that kept its old <meta>). `bytes` is consumed.
PageText decode_page(std::string bytes);

}  // namespace communique::ingest::html

#endif  // COMMUNIQUE_INGEST_HTML_CHARSET_H_
