// How words become index terms. The document builder writes these terms
// and the query side seeks them, both through a TermEncoder, so that a word
// indexed is found as a user types it.
//
// A word of a script written with spaces is indexed by its stem in the
// statement's language, with positions; where the word as written (folded,
// unstemmed) differs from its stem, by that form too (kWordPrefix), so a
// query can prefer the form typed; a word written in capitals ("WHO",
// "U.S.") also as an acronym (kAcronymPrefix). Chinese, Japanese and Thai
// go by character, each with its position, and by bigram without one
// (analysis/grams.h). Every term is clipped to kMaxTermBytes.

#ifndef COMMUNIQUE_SCHEMA_TERMS_H_
#define COMMUNIQUE_SCHEMA_TERMS_H_

#include <string>
#include <string_view>

#include "communique/analyzer.h"

namespace communique::schema {

class TermEncoder {
 public:
  // The term of a folded word's stem in `language` (BCP 47): "negotiations"
  // -> "negoti" in English; the word itself in a language without a
  // stemmer, and for a number. Thread-compatible: one encoder per thread.
  std::string stem(std::string_view folded_word, std::string_view language) const;

  // The term of a word as written, indexed beside its stem where they differ.
  static std::string as_written(std::string_view folded_word);

  // The term of a word written in capitals, as an acronym.
  static std::string acronym(std::string_view folded_word);

  // The terms of one character, and of two at consecutive positions, of a
  // script written without spaces (analysis::Gram::text).
  static std::string character(std::string_view gram);
  static std::string bigram(std::string_view gram);

 private:
  Analyzer analyzer_;
};

}  // namespace communique::schema

#endif  // COMMUNIQUE_SCHEMA_TERMS_H_
