#include "analysis/minhash.h"

#include <algorithm>
#include <limits>

#include "core/hash.h"

namespace communique::analysis {

namespace {

// A 64-bit mixer (the finaliser of SplitMix64): every input bit moves
// every output bit, so that the kHashes seeded mixes of one shingle act as
// independent hash functions.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

std::uint32_t slot(std::string_view signature, std::size_t i) {
  const auto* b = reinterpret_cast<const unsigned char*>(signature.data()) + 4 * i;
  return static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
         static_cast<std::uint32_t>(b[2]) << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

}  // namespace

void MinHasher::clear() {
  words_ = 0;
  shingles_ = 0;
  minima_.fill(std::numeric_limits<std::uint32_t>::max());
}

void MinHasher::add_word(std::string_view folded_word) {
  window_[words_ % kShingleWords] = core::fnv1a64(folded_word);
  ++words_;
  if (words_ < kShingleWords) return;
  // The shingle of the last kShingleWords words, in order.
  std::uint64_t shingle = 0;
  for (std::size_t i = words_ - kShingleWords; i < words_; ++i)
    shingle = mix(shingle ^ window_[i % kShingleWords]);
  add_shingle(shingle);
}

namespace {

// The kHashes seeded mixes of one shingle folded into the minima: the
// write path's hottest loop (one call per word indexed). The same code is
// compiled for the vector units the processor may have, chosen once at load
// time; every version computes the same minima.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
void fold_shingle(std::uint64_t shingle, std::uint32_t* minima) {
  for (std::size_t k = 0; k < MinHasher::kHashes; ++k) {
    auto h = static_cast<std::uint32_t>(mix(shingle + 0x9e3779b97f4a7c15ull * (k + 1)) >> 32);
    minima[k] = h < minima[k] ? h : minima[k];
  }
}

}  // namespace

void MinHasher::add_shingle(std::uint64_t shingle) {
  if (shingles_ < std::numeric_limits<std::uint32_t>::max()) ++shingles_;
  fold_shingle(shingle, minima_.data());
}

std::string MinHasher::signature() const {
  if (words_ == 0) return {};
  MinHasher whole = *this;
  if (words_ < kShingleWords) {
    std::uint64_t shingle = 0;
    for (std::size_t i = 0; i < words_; ++i) shingle = mix(shingle ^ window_[i]);
    whole.add_shingle(shingle);
  }
  std::string out(kSignatureBytes, '\0');
  auto put = [&](std::size_t i, std::uint32_t v) {
    for (std::size_t b = 0; b < 4; ++b) out[4 * i + b] = static_cast<char>((v >> (8 * b)) & 0xff);
  };
  for (std::size_t k = 0; k < kHashes; ++k) put(k, whole.minima_[k]);
  put(kHashes, whole.shingles_);
  return out;
}

double containment(std::string_view a, std::string_view b) {
  double j = resemblance(a, b);
  if (j == 0) return 0;
  double na = slot(a, MinHasher::kHashes), nb = slot(b, MinHasher::kHashes);
  // |A n B| = J |A u B| and |A u B| = |A| + |B| - |A n B|.
  double shared = j * (na + nb) / (1 + j);
  return std::min(1.0, shared / std::max(1.0, std::min(na, nb)));
}

double resemblance(std::string_view a, std::string_view b) {
  if (a.size() != MinHasher::kSignatureBytes || b.size() != MinHasher::kSignatureBytes) return 0;
  std::size_t equal = 0;
  for (std::size_t k = 0; k < MinHasher::kHashes; ++k) equal += slot(a, k) == slot(b, k);
  return static_cast<double>(equal) / MinHasher::kHashes;
}

}  // namespace communique::analysis
