// ASCII case folding and white space, for what is ASCII by definition (tag and attribute
// names, charset labels, domains, English labels); text in any script goes
// through ICU instead.

#ifndef COMMUNIQUE_CORE_ASCII_H_
#define COMMUNIQUE_CORE_ASCII_H_

#include <string>
#include <string_view>

namespace communique::core {

// `c` made a-z when it is A-Z; every other byte unchanged.
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` with A-Z made a-z; every other byte, UTF-8 included, unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Whether `c` is ASCII white space (space, tab, line ends, form feed,
// vertical tab: what std::isspace says in the C locale).
inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Whether `c` is white space as HTML defines it: space, tab, line feed,
// form feed, carriage return. (A vertical tab is text to HTML.)
inline bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// `s` without ASCII white space at either end.
inline std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_ASCII_H_
