// Writing untrusted text into HTML and URLs. Statement text comes from
// pages nobody here controls: every value goes through one of these where
// it is written, never into markup raw.

#ifndef COMMUNIQUE_SERVER_HTML_H_
#define COMMUNIQUE_SERVER_HTML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace communique::server {

// `text` for an HTML text node or a quoted attribute value: & < > " '
// become character references; everything else (UTF-8 included) is kept.
std::string escape_html(std::string_view text);

// `text` for a URL's path segment or query value: every byte but the
// unreserved ones (A-Z a-z 0-9 - . _ ~) percent-encoded, '/' included.
std::string url_encode(std::string_view text);

// PATH?k1=v1&k2=v2 with keys and values encoded; pairs with an empty value
// are left out. The result is a URL, still to be escaped for an attribute.
std::string link(std::string_view path,
                 const std::vector<std::pair<std::string, std::string>>& params = {});

// Whether `url` may be an href taken from a statement: http or https only
// (no javascript:, data:, or relative tricks).
bool is_web_url(std::string_view url);

// 12,345: a count as people read it.
std::string with_commas(std::uint64_t n);

// Cuts `text` at a UTF-8 character boundary at or before byte `at`.
std::size_t utf8_floor(std::string_view text, std::size_t at);

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_HTML_H_
