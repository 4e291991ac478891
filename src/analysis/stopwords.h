// Function-word lists for query-side stopping and language guessing.

#ifndef COMMUNIQUE_ANALYSIS_STOPWORDS_H_
#define COMMUNIQUE_ANALYSIS_STOPWORDS_H_

#include <string_view>

namespace communique::analysis {

// Whether `folded_word` is a function word of `language` (a primary BCP 47
// subtag: en, fr, es, de, ru; "", a statement whose language is not
// known, reads as English). Other languages have no stopwords.
bool is_stopword(std::string_view folded_word, std::string_view language);

// "en", "fr", "es" or "de", by which language's function words are most
// frequent in `text`; "en" when none stand out.
std::string_view guess_latin_language(std::string_view text);

}  // namespace communique::analysis

#endif  // COMMUNIQUE_ANALYSIS_STOPWORDS_H_
