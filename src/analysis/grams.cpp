#include "analysis/grams.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace communique::analysis {

namespace {

std::uint32_t characters(const std::string& text) {
  std::uint32_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

void lay_out(const std::vector<Token>& tokens, std::vector<std::uint32_t>& starts) {
  starts.clear();
  starts.reserve(tokens.size() + 1);
  std::uint32_t at = 0;
  for (const Token& token : tokens) {
    starts.push_back(at);
    // An ideographic token of no character cannot be (tokenize() drops
    // empty words), but it still takes a position, like any word.
    at += token.ideographic ? std::max<std::uint32_t>(characters(token.text), 1) : 1;
  }
  starts.push_back(at);
}

bool continues_run(const std::vector<Token>& tokens, std::size_t i) {
  return i > 0 && tokens[i].ideographic && tokens[i - 1].ideographic &&
         tokens[i].start == tokens[i - 1].end;
}

void append_grams(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                  const std::vector<std::uint32_t>& starts, std::vector<Gram>* characters,
                  std::vector<Gram>* bigrams) {
  std::string previous;  // the last character of the run so far
  std::uint32_t previous_at = 0;
  for (std::size_t i = from; i < to; ++i) {
    const Token& token = tokens[i];
    if (!token.ideographic) {
      previous.clear();
      continue;
    }
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(token.text.data());
    auto length = static_cast<std::int32_t>(token.text.size());
    std::uint32_t at = starts[i];
    for (std::int32_t k = 0; k < length; ++at) {
      std::int32_t begin = k;
      U8_FWD_1(bytes, k, length);
      std::string character(token.text, begin, k - begin);
      if (characters) characters->push_back({character, at});
      if (bigrams && !previous.empty()) bigrams->push_back({previous + character, previous_at});
      previous = std::move(character);
      previous_at = at;
    }
  }
}

}  // namespace communique::analysis
