// Positions and character n-grams for scripts written without spaces.
//
// Chinese, Japanese and Thai run their words together, and ICU's
// dictionaries cut a fragment copied from a text into words differently
// from the text around it, above all at the fragment's edges (a fragment
// that starts inside a word). So text in these scripts (Token::ideographic)
// is indexed by character, whatever the words: each character takes a
// position of its own, and a run of two or more characters, cut anywhere,
// is found as its characters at consecutive positions. Each pair of
// characters at consecutive positions (a bigram) is indexed too, without
// positions: far rarer than single characters, bigrams say quickly which
// statements may hold a run, and how rare it is. Punctuation and spaces
// take no position, so a bigram may span them ("沟通，双方" holds 通双),
// as a phrase of English words spans a comma. Every other word takes one
// position, and no bigram spans it. Indexing, querying and highlighting
// all lay tokens out through here.

#ifndef COMMUNIQUE_ANALYSIS_GRAMS_H_
#define COMMUNIQUE_ANALYSIS_GRAMS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "communique/analyzer.h"

namespace communique::analysis {

struct Gram {
  std::string text;        // one or two characters, folded as the tokens are
  std::uint32_t position;  // the position of its (first) character
};

// Lays out the tokens of one text: `starts` receives the first position of
// each token (starts[i] for tokens[i], relative to the text's first) and
// one more entry, the positions taken by the whole text.
void lay_out(const std::vector<Token>& tokens, std::vector<std::uint32_t>& starts);

// Whether tokens[i] continues a run of ideographic tokens written without
// spaces or punctuation: it and the one before are both ideographic, with
// nothing between them (one concept in a query).
bool continues_run(const std::vector<Token>& tokens, std::size_t i);

// Appends the characters of the ideographic tokens of tokens[from, to) to
// `characters` and the bigrams of those at consecutive positions to
// `bigrams` (either may be null), at the positions of `starts` (from
// lay_out of the same tokens).
void append_grams(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                  const std::vector<std::uint32_t>& starts, std::vector<Gram>* characters,
                  std::vector<Gram>* bigrams);

}  // namespace communique::analysis

#endif  // COMMUNIQUE_ANALYSIS_GRAMS_H_
