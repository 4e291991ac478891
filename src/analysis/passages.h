// Splitting a statement body into passages: the units ranked and shown.

#ifndef COMMUNIQUE_ANALYSIS_PASSAGES_H_
#define COMMUNIQUE_ANALYSIS_PASSAGES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace communique::analysis {

struct PassageSpan {
  std::size_t start;  // byte offsets into the body
  std::size_t end;
};

// Passages follow the paragraphs (lines) of the body: short lines join the
// next ones until a passage holds about kMinWords words; a paragraph longer
// than kMaxWords is cut at sentence ends, and a sentence longer than that at
// word boundaries. Spans never cut a UTF-8 sequence, exclude surrounding
// white space, and are in body order without overlap.
inline constexpr std::size_t kMinWords = 40;
inline constexpr std::size_t kMaxWords = 150;

std::vector<PassageSpan> split_passages(std::string_view body);

}  // namespace communique::analysis

#endif  // COMMUNIQUE_ANALYSIS_PASSAGES_H_
