// Parses the query language of communique/searcher.h into a ParsedQuery.

#ifndef COMMUNIQUE_QUERY_QUERY_PARSER_H_
#define COMMUNIQUE_QUERY_QUERY_PARSER_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "communique/analyzer.h"
#include "communique/gazetteer.h"
#include "query/parsed_query.h"

namespace communique::query {

// Limits that keep one query's work bounded.
inline constexpr std::size_t kMaxQueryBytes = 16 * 1024;
inline constexpr std::size_t kMaxConcepts = 64;
inline constexpr std::size_t kMaxDepth = 16;
// Words and filters written in the query, counted before any is looked up:
// a phrase or OR-list of thousands of words would cost minutes to match.
inline constexpr std::size_t kMaxWords = 256;
// A quoted phrase that no statement holds is sought across the boundary of
// two passages, for phrases up to this many words.
inline constexpr std::size_t kMaxPhraseSplit = 12;
// ... checked in this many of the statements that hold both sides.
inline constexpr Xapian::doccount kMaxPhraseSplitChecks = 1000;
// Words of one query looked up in the spelling dictionary, at most (each
// lookup reads the lists of words sharing its trigrams), and so the most
// suggestions offered.
inline constexpr std::size_t kMaxSpellingLookups = 8;

class QueryParser {
 public:
  // `db` supplies the languages indexed (a word is stemmed for each) and
  // term statistics; `gazetteer` resolves country names and aliases.
  QueryParser(const Xapian::Database& db, const Gazetteer& gazetteer);

  // Throws QuerySyntaxError with a message a user can act on: for an
  // empty query, a query whose words are all unsearchable (emoji,
  // punctuation) with nothing else to select by, and the limits above.
  // Unbalanced brackets and quotes are read, not refused
  // (ParsedQuery::warnings says how).
  ParsedQuery parse(std::string_view query);

  // Index terms a word of a statement in `language` may have matched, for
  // highlighting: the same analysis as indexing.
  std::string index_term(const Token& token, const std::string& language) const;

 private:
  struct Item;
  class Reader;

  std::vector<Concept> text_concepts(std::string_view text, bool as_phrase,
                                     const std::string& label);
  Matcher word_matcher(const Token& token) const;
  Matcher run_matcher(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                      bool gaps = false) const;
  std::vector<std::string> variants(const Token& token) const;
  bool any_statement_with(const Matcher& m) const;
  bool known(const Token& token) const;
  void suggest_spellings(const std::string& query,
                         const std::vector<std::pair<Token, std::string>>& words,
                         ParsedQuery& out) const;
  bool confine_across(Matcher& m) const;
  // `spans[i]` are the tokens concepts[i] was made from.
  void alias_matchers(std::string_view text, const std::vector<Token>& tokens,
                      std::vector<Concept>& concepts,
                      std::vector<std::pair<std::size_t, std::size_t>>& spans);
  Xapian::Query filter(const std::string& field, const std::string& value);
  Xapian::Query date_filter(const std::string& value);
  Xapian::Query minister_filter(const std::string& value);

  const Xapian::Database& db_;
  const Gazetteer& gazetteer_;
  Analyzer analyzer_;
  std::vector<std::string> languages_;
  bool keep_stopwords_ = false;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_QUERY_PARSER_H_
