#include "analysis/language_policy.h"

#include <utility>

namespace communique::analysis {

LanguagePolicy::LanguagePolicy(std::vector<std::string> indexed) : stemming_(std::move(indexed)) {
  if (stemming_.empty()) stemming_.push_back("en");
}

bool LanguagePolicy::is_function_word(std::string_view folded_word) const {
  return Analyzer::is_stopword(folded_word, "en");
}

bool LanguagePolicy::is_function_token(const Token& token) const {
  return !token.acronym && !token.ideographic && is_function_word(token.text);
}

}  // namespace communique::analysis
