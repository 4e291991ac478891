#include "query/passage_ranker.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "index/schema.h"

namespace communique::query {

namespace {

using index::schema::passage_of;

struct Occurrence {
  Xapian::termpos pos;
  unsigned concept_id;
  double weight;  // 1 for an exact match, less for an alias
};

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

PassageRanker::PassageRanker(const Xapian::Database& db, const ParsedQuery& query, std::vector<double> idf,
                             RankingParams params)
    : db_(db), query_(query), idf_(std::move(idf)), params_(params) {
  for (double w : idf_) idf_sum_ += w;
}

std::vector<Xapian::termpos> PassageRanker::positions(Xapian::docid docid, const Matcher& m) const {
  auto read_slot = [&](const std::vector<std::string>& terms) {
    std::vector<Xapian::termpos> out;
    for (const auto& term : terms) {
      for (auto p = db_.positionlist_begin(docid, term); p != db_.positionlist_end(docid, term); ++p) {
        out.push_back(*p);
      }
    }
    if (terms.size() > 1) {
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return out;
  };
  std::vector<Xapian::termpos> first = read_slot(m.slots.front());
  if (m.slots.size() == 1 || first.empty()) return first;
  std::vector<Xapian::termpos> matched = first;
  for (std::size_t i = 1; i < m.slots.size() && !matched.empty(); ++i) {
    std::vector<Xapian::termpos> next = read_slot(m.slots[i]);
    std::vector<Xapian::termpos> kept;
    for (Xapian::termpos p : matched) {
      if (std::binary_search(next.begin(), next.end(), p + static_cast<Xapian::termpos>(i))) kept.push_back(p);
    }
    matched = std::move(kept);
  }
  return matched;
}

DocumentEvidence PassageRanker::evaluate(Xapian::docid docid) const {
  std::vector<Occurrence> occ;
  for (unsigned c = 0; c < query_.concepts.size(); ++c) {
    for (const Matcher& m : query_.concepts[c].matchers) {
      for (Xapian::termpos p : positions(docid, m)) occ.push_back({p, c, m.scale});
    }
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
