// ASCII case folding, for what is ASCII by definition (tag and attribute
// names, charset labels, domains, English labels); text in any script goes
// through ICU instead.

#ifndef COMMUNIQUE_CORE_ASCII_H_
#define COMMUNIQUE_CORE_ASCII_H_

#include <string>
#include <string_view>

namespace communique::core {

// `s` with A-Z made a-z; every other byte, UTF-8 included, unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_ASCII_H_
