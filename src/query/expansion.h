// Query text to concepts: what each word, phrase or name typed may match
// in the index. A word is sought in every form the index's languages stem
// it to (and counts fully where written as typed), a word in capitals as
// an acronym, a run of Chinese, Japanese or Thai by its characters, a
// phrase as its words in order (across a paragraph end, if it was copied
// across one), a country's or organisation's name also by its other names.

#ifndef COMMUNIQUE_QUERY_EXPANSION_H_
#define COMMUNIQUE_QUERY_EXPANSION_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/language_policy.h"
#include "communique/analyzer.h"
#include "communique/gazetteer.h"
#include "query/parsed_query.h"
#include "schema/terms.h"

namespace communique::query {

// A quoted phrase that no statement holds is sought across the boundary of
// two passages, for phrases up to this many words ...
inline constexpr std::size_t kMaxPhraseSplit = 12;
// ... checked in this many of the statements that hold both sides.
inline constexpr Xapian::doccount kMaxPhraseSplitChecks = 1000;

class Expander {
 public:
  // `db` gives the languages indexed and the terms present; `gazetteer`
  // the names of countries and organisations. Both must outlive it.
  Expander(const Xapian::Database& db, const Gazetteer& gazetteer);

  // Whether function words are sought (a query of nothing else: "who are
  // we"); by default they are dropped.
  void keep_function_words(bool keep) { keep_function_words_ = keep; }

  // The concepts of `text`, a run of words written in the query (or, with
  // `as_phrase`, a quoted phrase), labelled `label`: one per word, except
  // that words glued by hyphens ("Belt-and-Road", "COVID-19") are one
  // phrase, so is a run of Chinese, Japanese or Thai written without
  // spaces (matched by its characters, or by its words where no statement
  // holds it whole), and a quoted phrase as a whole; a name of a country
  // or organisation of up to six words, or of a person the table of people
  // knows, is one concept with its other names.
  std::vector<Concept> concepts(std::string_view text, bool as_phrase, const std::string& label);

  // Whether some statement holds a form of the word.
  bool known(const Token& token) const;

  const Analyzer& analyzer() const { return analyzer_; }
  const analysis::LanguagePolicy& policy() const { return policy_; }

 private:
  Matcher word_matcher(const Token& token) const;
  Matcher run_matcher(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                      bool gaps = false) const;
  std::vector<std::string> variants(const Token& token) const;
  bool any_statement_with(const Matcher& m) const;
  bool confine_across(Matcher& m) const;
  // The other names of the country, organisation or known person `name`
  // names; empty for none.
  std::vector<std::string> other_names(std::string_view name) const;
  // Adds to `named` (whose first matcher is the name as typed) a matcher
  // for each of `names` that does not hold the name typed.
  void add_other_names(Concept& named, const std::vector<std::string>& names) const;
  // `spans[i]` are the tokens concepts[i] was made from.
  void alias_matchers(std::string_view text, const std::vector<Token>& tokens,
                      std::vector<Concept>& concepts,
                      std::vector<std::pair<std::size_t, std::size_t>>& spans);

  const Xapian::Database& db_;
  const Gazetteer& gazetteer_;
  Analyzer analyzer_;
  schema::TermEncoder terms_;
  std::vector<std::string> languages_;  // of the statements indexed
  analysis::LanguagePolicy policy_;
  bool keep_function_words_ = false;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_EXPANSION_H_
