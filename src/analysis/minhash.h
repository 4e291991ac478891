// Near-identical texts by MinHash over word shingles: the resemblance of
// two texts (the Jaccard similarity of their sets of five-word runs) is
// estimated as the fraction of equal minima in their signatures, without
// the texts. A page indexed twice, a statement reposted under a new
// header, a joint statement issued by each signatory resemble each other
// well above one half; different statements on one subject, even from a
// template, well below.

#ifndef COMMUNIQUE_ANALYSIS_MINHASH_H_
#define COMMUNIQUE_ANALYSIS_MINHASH_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace communique::analysis {

class MinHasher {
 public:
  static constexpr std::size_t kShingleWords = 5;
  static constexpr std::size_t kHashes = 64;
  // A signature as stored: kHashes 32-bit minima, then the number of
  // shingles, all little-endian 32-bit.
  static constexpr std::size_t kSignatureBytes = kHashes * 4 + 4;

  MinHasher() { clear(); }

  // Starts a new text.
  void clear();

  // The next word of the text, folded as the analyzer folds it.
  void add_word(std::string_view folded_word);

  // The signature of the words added since clear(); "" for none. A text
  // of fewer than kShingleWords words is one shingle of them all.
  std::string signature() const;

 private:
  void add_shingle(std::uint64_t shingle);

  std::array<std::uint64_t, kShingleWords> window_{};  // word hashes, a ring
  std::size_t words_ = 0;
  std::uint32_t shingles_ = 0;
  std::array<std::uint32_t, kHashes> minima_{};
};

// The estimated resemblance of the texts of two signatures, in [0, 1]; 0
// when either is not a signature.
double resemblance(std::string_view a, std::string_view b);

// The estimated share of the shorter text's five-word runs that the other
// holds, in [0, 1] (from the resemblance and the two texts' lengths): high
// for a text reposted inside another, or with a paragraph rewritten, where
// the resemblance falls with the share rewritten. 0 when either is not a
// signature.
double containment(std::string_view a, std::string_view b);

}  // namespace communique::analysis

#endif  // COMMUNIQUE_ANALYSIS_MINHASH_H_
