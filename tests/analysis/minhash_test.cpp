#include "analysis/minhash.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "communique/analyzer.h"

namespace communique::analysis {
namespace {

std::string signature_of(const std::string& text) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  analyzer.tokenize(text, tokens);
  MinHasher h;
  for (const auto& t : tokens) h.add_word(t.text);
  return h.signature();
}

// Words numbered from `from`: a text of distinct five-word runs.
std::string words(int from, int count) {
  std::ostringstream out;
  for (int i = from; i < from + count; ++i) out << "w" << i << (i % 3 ? "x " : "y ");
  return out.str();
}

TEST(MinHash, ASignatureIsItsHashesAndNothingForNoWords) {
  EXPECT_EQ(signature_of("peace and security in the region").size(), MinHasher::kSignatureBytes);
  EXPECT_EQ(signature_of(""), "");
  EXPECT_EQ(signature_of("… —"), "");
  EXPECT_EQ(signature_of("peace").size(), MinHasher::kSignatureBytes);  // one short shingle
}

TEST(MinHash, TheSameWordsResembleWhollyWhateverTheirCaseAndSpacing) {
  std::string a = signature_of("The Minister welcomed the agreement on transport corridors.");
  std::string b = signature_of("the  MINISTER welcomed\n\nthe agreement on transport corridors");
  EXPECT_EQ(resemblance(a, b), 1.0);
}

// The estimate follows the Jaccard similarity of the five-word runs: a text
// and the same text with a fifth of it replaced share about 2/3 of them.
TEST(MinHash, ResemblanceEstimatesTheShareOfFiveWordRuns) {
  std::string base = words(0, 1000);
  std::string most = words(0, 800) + words(5000, 200);
  std::string other = words(10000, 1000);
  double r = resemblance(signature_of(base), signature_of(most));
  // Jaccard: 796 shared runs of 1996 + ... ~ 0.66; 64 hashes estimate it
  // within about 0.06 (one standard deviation).
  EXPECT_GT(r, 0.45);
  EXPECT_LT(r, 0.85);
  EXPECT_LT(resemblance(signature_of(base), signature_of(other)), 0.1);
}

// A text reposted with its first part rewritten: resemblance falls with
// the share rewritten, containment stays with what was kept.
TEST(MinHash, ContainmentIsTheShareOfTheShorterTextTheOtherHolds) {
  std::string original = words(0, 600);
  std::string repost = words(20000, 400) + words(200, 400);  // first third rewritten, longer
  std::string a = signature_of(original), b = signature_of(repost);
  EXPECT_LT(resemblance(a, b), 0.55);  // 396 of 1196 runs: about 0.33
  EXPECT_GT(containment(a, b), 0.5);   // 396 of 596: about 0.66
  EXPECT_EQ(containment(a, a), 1.0);
  EXPECT_LT(containment(a, signature_of(words(50000, 600))), 0.1);
}

TEST(MinHash, NotASignatureResemblesNothing) {
  std::string a = signature_of("peace and security in the region");
  EXPECT_EQ(resemblance(a, ""), 0);
  EXPECT_EQ(resemblance(a, "short"), 0);
  EXPECT_EQ(containment(a, "short"), 0);
}

}  // namespace
}  // namespace communique::analysis
