// Character references of HTML ("&amp;", "&#8217;", "&#x4E2D;", "&eacute;")
// decoded as the HTML standard's tokenizer decodes them.

#ifndef COMMUNIQUE_INGEST_HTML_ENTITIES_H_
#define COMMUNIQUE_INGEST_HTML_ENTITIES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace communique::ingest::html {

// Appends `text` to `out` with its character references decoded:
// - numeric ones (&#39; &#x27;, the ';' optional), where 0, surrogates and
//   numbers beyond U+10FFFF become U+FFFD and 0x80-0x9F the characters
//   Windows-1252 puts there, as the standard says;
// - the named ones of HTML 4 (Latin-1, symbols, Greek, "special") plus
//   &apos;, with the code points the HTML standard gives them; the legacy
//   ones (&amp, &nbsp, &eacute, ...) also without their ';', except in an
//   attribute value (`in_attribute`) when a letter, digit or '=' follows,
//   so that "?a=1&copy=2" in a URL stays as written.
// Anything else that starts with '&' is kept as written.
void append_decoded(std::string_view text, bool in_attribute, std::string& out);

// `text` with its character references decoded (see append_decoded).
std::string decode_entities(std::string_view text, bool in_attribute = false);

// Appends code point `cp` to `out` as UTF-8 (U+FFFD for one that is not a
// Unicode scalar value).
void append_utf8(char32_t cp, std::string& out);

}  // namespace communique::ingest::html

#endif  // COMMUNIQUE_INGEST_HTML_ENTITIES_H_
