#include "query/passage_ranker.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "index/schema.h"

namespace communique::query {

struct PassageRanker::Occurrence {
  Xapian::termpos pos;
  unsigned concept_id;
  double weight;  // 1 for the word as typed, less for another form or an alias
};

namespace {

using index::schema::passage_of;
using Occurrence = PassageRanker::Occurrence;

// Smallest span of word positions holding one occurrence of every concept
// present in `occ` (sorted by position): the classic minimum-window scan.
Xapian::termpos min_cover(const std::vector<Occurrence>& occ, std::size_t from, std::size_t to, unsigned distinct) {
  std::map<unsigned, unsigned> in_window;
  Xapian::termpos best = ~0u;
  std::size_t left = from;
  for (std::size_t right = from; right < to; ++right) {
    ++in_window[occ[right].concept_id];
    while (in_window.size() == distinct) {
      best = std::min(best, occ[right].pos - occ[left].pos + 1);
      if (--in_window[occ[left].concept_id] == 0) in_window.erase(occ[left].concept_id);
      ++left;
    }
  }
  return best;
}

}  // namespace

PassageRanker::PassageRanker(const Xapian::Database& db, const ParsedQuery& query, RankingParams params)
    : db_(db), query_(query), params_(params) {
  for (const auto& c : query_.concepts) idf_.push_back(concept_idf(c));
  for (double w : idf_) idf_sum_ += w;
}

// The idf of the rarest way to match the concept: a phrase is at most as
// common as its rarest word, a word as typed as its form as written.
double PassageRanker::concept_idf(const Concept& c) const {
  double n = db_.get_doccount();
  double df = 0;
  for (const auto& m : c.matchers) {
    double matcher_df = n;
    if (!m.exact.empty()) {
      matcher_df = db_.get_termfreq(m.exact);
    } else {
      for (const auto& slot : m.slots) {
        double slot_df = 0;
        for (const auto& t : slot) slot_df = std::max<double>(slot_df, db_.get_termfreq(t));
        matcher_df = std::min(matcher_df, slot_df);
      }
    }
    df = std::max(df, matcher_df);
  }
  return std::log((n + 1) / (df + 0.5));
}

void PassageRanker::occurrences(Xapian::docid docid, const Matcher& m, unsigned concept_id,
                                std::vector<Occurrence>& out) const {
  auto read_terms = [&](const std::vector<std::string>& terms) {
    std::vector<Xapian::termpos> positions;
    for (const auto& term : terms) {
      for (auto p = db_.positionlist_begin(docid, term); p != db_.positionlist_end(docid, term); ++p) {
        positions.push_back(*p);
      }
    }
    if (terms.size() > 1) {
      std::sort(positions.begin(), positions.end());
      positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
    return positions;
  };
  std::vector<Xapian::termpos> matched = read_terms(m.slots.front());
  if (m.slots.size() == 1) {
    // A single word: the form as typed counts fully, other forms less.
    std::vector<Xapian::termpos> exact;
    if (!m.exact.empty() && !matched.empty()) exact = read_terms({m.exact});
    for (Xapian::termpos p : matched) {
      bool as_typed = m.exact.empty() || std::binary_search(exact.begin(), exact.end(), p);
      out.push_back({p, concept_id, m.scale * (as_typed ? 1.0 : params_.other_form_weight)});
    }
    return;
  }
  for (std::size_t i = 1; i < m.slots.size() && !matched.empty(); ++i) {
    std::vector<Xapian::termpos> next = read_terms(m.slots[i]);
    std::vector<Xapian::termpos> kept;
    for (Xapian::termpos p : matched) {
      if (std::binary_search(next.begin(), next.end(), p + static_cast<Xapian::termpos>(i))) kept.push_back(p);
    }
    matched = std::move(kept);
  }
  for (Xapian::termpos p : matched) out.push_back({p, concept_id, m.scale});
}

DocumentEvidence PassageRanker::evaluate(Xapian::docid docid) const {
  std::vector<Occurrence> occ;
  for (unsigned c = 0; c < query_.concepts.size(); ++c) {
    for (const Matcher& m : query_.concepts[c].matchers) occurrences(docid, m, c, occ);
  }
  std::sort(occ.begin(), occ.end(), [](const Occurrence& a, const Occurrence& b) { return a.pos < b.pos; });

  DocumentEvidence ev;
  std::vector<bool> seen(query_.concepts.size(), false);
  std::vector<double> tf(query_.concepts.size());
  double covered_idf = 0;
  for (std::size_t from = 0; from < occ.size();) {
    std::uint32_t passage = passage_of(occ[from].pos);
    std::size_t to = from;
    std::fill(tf.begin(), tf.end(), 0.0);
    while (to < occ.size() && passage_of(occ[to].pos) == passage) {
      tf[occ[to].concept_id] += occ[to].weight;
      ++to;
    }
    double score = 0, coverage = 0;
    unsigned distinct = 0;
    for (unsigned c = 0; c < tf.size(); ++c) {
      if (tf[c] == 0) continue;
      ++distinct;
      coverage += idf_[c];
      score += idf_[c] * tf[c] * (params_.passage_k1 + 1) / (tf[c] + params_.passage_k1);
      if (!seen[c]) {
        seen[c] = true;
        covered_idf += idf_[c];
        ++ev.covered;
      }
    }
    if (idf_sum_ > 0) score *= std::pow(coverage / idf_sum_, params_.coverage_power);
    if (distinct >= 2) {
      Xapian::termpos span = min_cover(occ, from, to, distinct);
      score *= 1 + params_.proximity_weight * distinct / static_cast<double>(span);
    }
    if (passage == 0) ev.title_score = score;
    else ev.passages.push_back({passage, score, distinct});
    from = to;
  }

  // A passage's window score adds part of its better neighbour's evidence.
  double best = 0, second = 0;
  for (std::size_t i = 0; i < ev.passages.size(); ++i) {
    double neighbour = 0;
    if (i > 0 && ev.passages[i - 1].passage + 1 == ev.passages[i].passage) neighbour = ev.passages[i - 1].score;
    if (i + 1 < ev.passages.size() && ev.passages[i + 1].passage == ev.passages[i].passage + 1) {
      neighbour = std::max(neighbour, ev.passages[i + 1].score);
    }
    double window = ev.passages[i].score + params_.neighbour_weight * neighbour;
    if (window > best) second = best, best = window;
    else if (window > second) second = window;
  }
  ev.best = best + params_.second_weight * second;
  std::sort(ev.passages.begin(), ev.passages.end(),
            [](const PassageScore& a, const PassageScore& b) { return a.score > b.score; });
  if (idf_sum_ > 0) ev.best *= 0.5 + 0.5 * covered_idf / idf_sum_;
  return ev;
}

double PassageRanker::combine(const DocumentEvidence& evidence, double bm25, double) const {
  return evidence.best + params_.title_weight * evidence.title_score + params_.document_weight * bm25;
}

}  // namespace communique::query
