// UTF-8 to and from code points, for the name rules that work by letter
// (endings of Russian names, Chinese surnames). Malformed bytes read as
// U+FFFD; a code point that is not one is dropped on the way back.

#ifndef COMMUNIQUE_CORE_UTF32_H_
#define COMMUNIQUE_CORE_UTF32_H_

#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace communique::core {

inline std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

inline std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buffer, n, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
    if (!error) out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_UTF32_H_
