// Scores a statement's passages from the positions of the query's concepts.

#ifndef COMMUNIQUE_QUERY_PASSAGE_RANKER_H_
#define COMMUNIQUE_QUERY_PASSAGE_RANKER_H_

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "query/parsed_query.h"

namespace communique::query {

struct PassageScore {
  std::uint32_t passage;  // 0 = title, 1.. body passages (schema::passage_of)
  double score;
  unsigned concepts;  // distinct concepts matched
};

struct DocumentEvidence {
  std::vector<PassageScore> passages;  // body passages with evidence, best first
  double title_score = 0;
  double best = 0;     // score of the best body window
  unsigned covered = 0;  // distinct concepts anywhere in the statement
};

// Ranking weights; the defaults are what the relevance set was tuned with.
struct RankingParams {
  double passage_k1 = 1.2;       // term-frequency saturation within a passage
  double coverage_power = 2.0;   // how strongly all-words passages win
  double proximity_weight = 0.5; // bonus for concepts close together
  double neighbour_weight = 0.3; // evidence in the adjacent passage counts this much
  double second_weight = 0.25;   // the second-best passage adds this much
  double document_weight = 0.15; // the whole-statement BM25 score adds this much
  double title_weight = 0.5;     // a title match adds this much of its score
  double other_form_weight = 0.5;  // another form of a word's stem counts this much
};

class PassageRanker {
 public:
  // Weighs the concepts of `query` by the statistics of `db`. Both must
  // outlive the ranker.
  PassageRanker(const Xapian::Database& db, const ParsedQuery& query, RankingParams params = {});

  // Reads the concepts' positions in `docid` and scores its passages.
  DocumentEvidence evaluate(Xapian::docid docid) const;

  // The statement's final score from its evidence and its BM25 weight.
  double combine(const DocumentEvidence& evidence, double bm25, double max_bm25) const;

  const RankingParams& params() const { return params_; }

  // A position where a concept matched, and how much it counts there.
  struct Occurrence;
  const std::vector<double>& idf() const { return idf_; }

 private:
  void occurrences(Xapian::docid docid, const Matcher& m, unsigned concept_id, std::vector<Occurrence>& out) const;
  double concept_idf(const Concept& c) const;

  const Xapian::Database& db_;
  const ParsedQuery& query_;
  std::vector<double> idf_;
  double idf_sum_ = 0;
  RankingParams params_;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_PASSAGE_RANKER_H_
