// A hash that is the same on every platform, compiler and run: for
// content fingerprints and for routing statements to archive shards, both
// of which are stored on disk and must not change between versions.

#ifndef COMMUNIQUE_CORE_HASH_H_
#define COMMUNIQUE_CORE_HASH_H_

#include <cstdint>
#include <string_view>

namespace communique::core {

// 64-bit FNV-1a.
inline std::uint64_t fnv1a64(std::string_view data, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_HASH_H_
