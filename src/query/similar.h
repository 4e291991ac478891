// "More like this": the query that finds the statements most like one
// statement, from Xapian's relevance feedback (an RSet of that statement,
// and Enquire::get_eset over its terms).

#ifndef COMMUNIQUE_QUERY_SIMILAR_H_
#define COMMUNIQUE_QUERY_SIMILAR_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "query/parsed_query.h"

namespace communique::query {

// Terms of a statement that make its "similar" query, at most: enough to
// describe what it is about, few enough that a statement sharing only its
// boilerplate does not rank.
inline constexpr Xapian::termcount kSimilarTerms = 30;

// Whether a term can say what a statement is about: a word's stem, or a
// character of Chinese, Japanese or Thai; not a filter's or field's term
// (Q, L, XC, XP, ...: prefixes start with a capital), nor a word's other
// forms (XW, XA, which repeat its stem), nor a bigram (XB, indexed
// without weight), nor a function word of the statement's language or of
// English, nor a number or a single Latin letter (dates and list numbers
// are shared by chance).
class ContentTerms : public Xapian::ExpandDecider {
 public:
  explicit ContentTerms(std::string language) : language_(std::move(language)) {}
  bool operator()(const std::string& term) const override;

 private:
  std::string language_;
};

// The query of a statement's most like ones: its kSimilarTerms terms of
// highest expansion weight (ContentTerms only; Xapian's ESet weighting
// over an RSet of the statement alone: terms frequent in it and rare in
// the index), best first, as concepts of one word each, which the passage
// ranker scores and marks in the statements found. `docid` is the
// statement's in `db`; `language` its language (BCP 47). No concepts when
// it holds no such term. Xapian errors propagate.
ParsedQuery similarity_query(const Xapian::Database& db, Xapian::docid docid,
                             std::string_view language);

// The match query of those concepts (OR-ed: a statement sharing more of
// them, more often, weighs more under BM25), without the statement itself
// (`id_term`, its unique id term).
Xapian::Query similarity_match(const ParsedQuery& similar, const std::string& id_term);

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_SIMILAR_H_
