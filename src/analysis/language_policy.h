// How the words of a query are read against an index that holds
// statements in several languages: each word is sought in the forms every
// language of the index stems it to ("negotiations" finds "negotiating"
// in English statements, "négociations" in French ones), and function
// words are recognised by one rule, here, for every step of the query side
// that needs to know (dropping them, gaps in names, keeping a query made of
// nothing else).

#ifndef COMMUNIQUE_ANALYSIS_LANGUAGE_POLICY_H_
#define COMMUNIQUE_ANALYSIS_LANGUAGE_POLICY_H_

#include <string>
#include <string_view>
#include <vector>

#include "communique/analyzer.h"

namespace communique::analysis {

class LanguagePolicy {
 public:
  // `indexed`: the languages of the index's statements (BCP 47).
  explicit LanguagePolicy(std::vector<std::string> indexed);

  // The languages a query word is stemmed in: those indexed, or English
  // for an empty index.
  const std::vector<std::string>& stemming() const { return stemming_; }

  // Whether a folded word is a function word ("the", "of", "and"), which a
  // query drops unless it has nothing else. English function words only:
  // most queries are written in English whatever the statements' language,
  // and a function word of one language is often a content word of another
  // ("die", "son").
  bool is_function_word(std::string_view folded_word) const;

  // Whether a word of a query is to be read as a function word: as above,
  // unless it is an acronym ("WHO") or of a script written without spaces.
  bool is_function_token(const Token& token) const;

 private:
  std::vector<std::string> stemming_;
};

}  // namespace communique::analysis

#endif  // COMMUNIQUE_ANALYSIS_LANGUAGE_POLICY_H_
