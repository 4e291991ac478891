#include "schema/terms.h"

#include "schema/schema.h"

namespace communique::schema {

std::string TermEncoder::stem(std::string_view folded_word, std::string_view language) const {
  std::string t = analyzer_.stem(folded_word, language);
  clip_term(t);
  return t;
}

std::string TermEncoder::as_written(std::string_view folded_word) {
  return term(kWordPrefix, folded_word);
}

std::string TermEncoder::acronym(std::string_view folded_word) {
  return term(kAcronymPrefix, folded_word);
}

std::string TermEncoder::character(std::string_view gram) { return term({}, gram); }

std::string TermEncoder::bigram(std::string_view gram) { return term(kBigramPrefix, gram); }

}  // namespace communique::schema
