// Scores a statement's passages from the positions of the query's concepts.

#ifndef COMMUNIQUE_QUERY_PASSAGE_RANKER_H_
#define COMMUNIQUE_QUERY_PASSAGE_RANKER_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/parsed_query.h"

namespace communique::query {

// A window of one passage or of adjacent ones, scored for the query.
struct PassageScore {
  std::uint32_t passage;  // its first passage: 1.. body passages (schema::passage_of)
  double score;
  unsigned concepts;        // distinct concepts matched
  std::uint32_t count = 1;  // passages in the window
};

struct DocumentEvidence {
  // Windows with evidence, best first, none overlapping another.
  std::vector<PassageScore> passages;
  double title_score = 0;
  double best = 0;                // score of the best body window
  unsigned covered = 0;           // distinct concepts anywhere in the statement
  std::size_t passage_count = 1;  // passages in the statement
  // Where the concepts matched (phrases at each of their words), sorted:
  // the words to highlight.
  std::vector<Xapian::termpos> matched;
  // Which matcher of which concept matched somewhere, as (concept,
  // matcher) pairs, sorted: for --explain.
  std::vector<std::pair<unsigned, unsigned>> matchers;
};

// Ranking weights; the defaults were tuned on the development relevance
// set and checked on held-out ones (README, "Relevance").
struct RankingParams {
  double passage_k1 = 1.2;         // term-frequency saturation within a window
  double passage_b = 0.6;          // how much longer windows are discounted
  double coverage_power = 2.0;     // how strongly windows with more of the words win
  double all_words_bonus = 0.6;    // a window with every word scores this much more
  double proximity_weight = 0.5;   // bonus for the words close together
  double order_weight = 1.0;       // bonus for consecutive query words in order
  double order_window = 60;        // ... within this many words
  double pair_weight = 0.8;        // a window of two adjacent passages counts this much
  double second_weight = 0.25;     // the second-best window adds this much
  double other_form_weight = 0.5;  // another form of a word's stem counts this much
  double title_weight = 0.5;       // a title match adds this much of its score
  double document_weight = 0.15;   // the whole-statement BM25 score adds this much
  // Statements score times passages^-length_penalty: a statement of many
  // passages holds a few of the words somewhere by chance alone.
  double length_penalty = 0.35;
};

class PassageRanker {
 public:
  // Weighs the concepts of `query` by the statistics of `db`. Both must
  // outlive the ranker.
  PassageRanker(const Xapian::Database& db, const ParsedQuery& query, RankingParams params = {});

  // Reads what evaluate() needs for all of `docids` at once: each query
  // term's positions term by term in docid order (Xapian keys positions by
  // term, then docid, so the reads walk the table's blocks in order), and
  // the passage lengths. Optional: evaluate() reads what was not prefetched.
  void prefetch(std::vector<Xapian::docid> docids);

  // Reads the concepts' positions in `docid` and scores its passages.
  DocumentEvidence evaluate(Xapian::docid docid) const;

  // Where the concepts match in `docid`, the same matches whose words
  // evaluate() marks: each match's first and last positions (a word's
  // one; a phrase's first and last words, the last in the next passage
  // for one running on across a passage's end), by first position.
  std::vector<std::pair<Xapian::termpos, Xapian::termpos>> matches(Xapian::docid docid) const;

  // The statement's final score from its evidence and its BM25 weight.
  double combine(const DocumentEvidence& evidence, double bm25) const;

  // Why a statement scores what it does, for --explain: each part of
  // combine() and each concept's idf, and its best window.
  std::string explain(const DocumentEvidence& evidence, double bm25) const;

  const RankingParams& params() const { return params_; }

  // A position where a concept matched, and how much it counts there.
  struct Occurrence;
  const std::vector<double>& idf() const { return idf_; }

 private:
  void occurrences(Xapian::docid docid, const Matcher& m, unsigned concept_id, unsigned matcher,
                   std::vector<Occurrence>& out) const;
  std::vector<Occurrence> distinct_occurrences(Xapian::docid docid) const;
  std::vector<Xapian::termpos> matched_positions(const std::vector<Occurrence>& occ) const;
  double concept_idf(const Concept& c) const;
  std::vector<Xapian::termpos> positions(Xapian::docid docid, const std::string& term) const;
  std::string passage_lengths(Xapian::docid docid) const;

  // Prefetched: row of each docid; positions_[term][row]; lengths_[row].
  std::unordered_map<Xapian::docid, std::size_t> row_of_;
  std::unordered_map<std::string, std::vector<std::vector<Xapian::termpos>>> positions_;
  std::vector<std::string> lengths_;

  const Xapian::Database& db_;
  const ParsedQuery& query_;
  std::vector<double> idf_;
  double idf_sum_ = 0;
  RankingParams params_;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_PASSAGE_RANKER_H_
