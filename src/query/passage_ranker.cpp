#include "query/passage_ranker.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

#include "schema/schema.h"

namespace communique::query {

struct PassageRanker::Occurrence {
  Xapian::termpos pos;
  unsigned concept_id;
  unsigned matcher;  // which of the concept's matchers
  double weight;     // 1 for the word as typed, less for another form or an alias
  // A phrase running on across a passage boundary counts where it starts,
  // and only in a window that holds the next passage too; an occurrence of
  // weight 0 marks where it continues, so that such a window exists.
  bool runs_on = false;
  bool continuation = false;
};

namespace {

using schema::passage_of;
using Occurrence = PassageRanker::Occurrence;

// The length passages are normalised to (passages run 40-150 words).
constexpr double kTypicalPassageWords = 90;

// Smallest span of words holding one occurrence of every concept present
// in occ[from, to) (sorted by position; `at` gives each one's word offset):
// the classic minimum-window scan.
template <typename At>
double min_cover(const std::vector<Occurrence>& occ, std::size_t from, std::size_t to,
                 unsigned distinct, At at) {
  std::map<unsigned, unsigned> in_window;
  double best = 1e18;
  std::size_t left = from;
  for (std::size_t right = from; right < to; ++right) {
    ++in_window[occ[right].concept_id];
    while (in_window.size() == distinct) {
      best = std::min(best, at(right) - at(left) + 1);
      if (--in_window[occ[left].concept_id] == 0) in_window.erase(occ[left].concept_id);
      ++left;
    }
  }
  return best;
}

}  // namespace

PassageRanker::PassageRanker(const Xapian::Database& db, const ParsedQuery& query,
                             RankingParams params)
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
        if (slot.empty()) continue;  // a gap
        double slot_df = 0;
        for (const auto& t : slot) slot_df = std::max<double>(slot_df, db_.get_termfreq(t));
        matcher_df = std::min(matcher_df, slot_df);
      }
      for (const auto& t : m.bigrams)
        matcher_df = std::min<double>(matcher_df, db_.get_termfreq(t));
    }
    df = std::max(df, matcher_df);
  }
  return std::log((n + 1) / (df + 0.5));
}

void PassageRanker::prefetch(std::vector<Xapian::docid> docids) {
  std::sort(docids.begin(), docids.end());
  docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
  row_of_.clear();
  for (std::size_t i = 0; i < docids.size(); ++i) row_of_[docids[i]] = i;
  positions_.clear();
  for (const auto& c : query_.concepts) {
    for (const auto& m : c.matchers) {
      for (const auto& slot : m.slots) {
        for (const auto& term : slot) positions_.try_emplace(term);
      }
      if (!m.exact.empty()) positions_.try_emplace(m.exact);
    }
  }
  // A word in most statements (a function word inside a phrase) is read
  // where a phrase needs it, not for every candidate.
  const Xapian::doccount common = db_.get_doccount() / 2;
  for (auto it = positions_.begin(); it != positions_.end();) {
    it = db_.get_termfreq(it->first) > common ? positions_.erase(it) : std::next(it);
  }
  for (auto& [term, rows] : positions_) {
    rows.assign(docids.size(), {});
    // The posting list says which statements hold the term at all, so
    // that no position lookup is made for the others.
    Xapian::PostingIterator post = db_.postlist_begin(term);
    for (std::size_t i = 0; i < docids.size() && post != db_.postlist_end(term); ++i) {
      post.skip_to(docids[i]);
      if (post == db_.postlist_end(term) || *post != docids[i]) continue;
      for (auto p = post.positionlist_begin(); p != post.positionlist_end(); ++p)
        rows[i].push_back(*p);
    }
  }
  lengths_.assign(docids.size(), {});
  Xapian::ValueIterator value = db_.valuestream_begin(schema::kPassageLengthsSlot);
  for (std::size_t i = 0;
       i < docids.size() && value != db_.valuestream_end(schema::kPassageLengthsSlot); ++i) {
    value.skip_to(docids[i]);
    if (value != db_.valuestream_end(schema::kPassageLengthsSlot) &&
        value.get_docid() == docids[i]) {
      lengths_[i] = *value;
    }
  }
}

std::vector<Xapian::termpos> PassageRanker::positions(Xapian::docid docid,
                                                      const std::string& term) const {
  if (auto row = row_of_.find(docid); row != row_of_.end()) {
    if (auto rows = positions_.find(term); rows != positions_.end())
      return rows->second[row->second];
  }
  std::vector<Xapian::termpos> out;
  for (auto p = db_.positionlist_begin(docid, term); p != db_.positionlist_end(docid, term); ++p)
    out.push_back(*p);
  return out;
}

std::string PassageRanker::passage_lengths(Xapian::docid docid) const {
  if (auto row = row_of_.find(docid); row != row_of_.end()) return lengths_[row->second];
  return db_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kPassageLengthsSlot);
}

void PassageRanker::occurrences(Xapian::docid docid, const Matcher& m, unsigned concept_id,
                                unsigned matcher, std::vector<Occurrence>& out) const {
  auto read_terms = [&](const std::vector<std::string>& terms) {
    std::vector<Xapian::termpos> positions;
    for (const auto& term : terms) {
      auto found = this->positions(docid, term);
      positions.insert(positions.end(), found.begin(), found.end());
    }
    if (terms.size() > 1) {
      std::sort(positions.begin(), positions.end());
      positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
    return positions;
  };
  if (m.slots.size() == 1) {
    // A single word: the form as typed counts fully, other forms less.
    std::vector<Xapian::termpos> matched = read_terms(m.slots.front());
    std::vector<Xapian::termpos> exact;
    if (!m.exact.empty() && !matched.empty()) exact = read_terms({m.exact});
    for (Xapian::termpos p : matched) {
      bool as_typed = m.exact.empty() || std::binary_search(exact.begin(), exact.end(), p);
      out.push_back(
          {p, concept_id, matcher, m.scale * (as_typed ? 1.0 : params_.other_form_weight)});
    }
    return;
  }
  // A phrase: its rarest word first, so that the positions of a common
  // one ("of") are read only where the rest of the phrase is. Returns where
  // the run of slots [from, to) starts.
  auto run_starts = [&](std::size_t from, std::size_t to) {
    std::vector<std::pair<double, std::size_t>> order;  // frequency, slot
    for (std::size_t i = from; i < to; ++i) {
      if (m.slots[i].empty()) continue;  // a gap: any word
      double df = 0;
      for (const auto& t : m.slots[i]) df += db_.get_termfreq(t);
      order.emplace_back(df, i);
    }
    std::sort(order.begin(), order.end());
    std::vector<Xapian::termpos> starts;
    for (std::size_t k = 0; k < order.size(); ++k) {
      auto offset = static_cast<Xapian::termpos>(order[k].second - from);
      std::vector<Xapian::termpos> found = read_terms(m.slots[order[k].second]);
      std::vector<Xapian::termpos> kept;
      if (k == 0) {
        // Within one passage: a start never lies in the passage before.
        for (Xapian::termpos p : found) {
          if ((p & schema::kMaxWordInPassage) >= offset) kept.push_back(p - offset);
        }
      } else {
        for (Xapian::termpos p : starts) {
          if (std::binary_search(found.begin(), found.end(), p + offset)) kept.push_back(p);
        }
      }
      starts = std::move(kept);
      if (starts.empty()) break;
    }
    return starts;
  };
  std::vector<Xapian::termpos> starts;
  if (m.next_passage_at == 0) {
    starts = run_starts(0, m.slots.size());
  } else {
    // Across a passage boundary: the first side ends its passage and the
    // second starts the next. (A length of 255 or more was stored as 255:
    // any end will do there.)
    std::vector<Xapian::termpos> seconds = run_starts(m.next_passage_at, m.slots.size());
    const std::string lengths = seconds.empty() ? std::string() : passage_lengths(docid);
    auto ends_its_passage = [&](Xapian::termpos p) {
      std::uint32_t passage = passage_of(p);
      if (passage >= lengths.size()) return true;
      unsigned words = static_cast<unsigned char>(lengths[passage]);
      return words == 255 || (p & schema::kMaxWordInPassage) + m.next_passage_at == words;
    };
    if (!seconds.empty()) {
      for (Xapian::termpos p : run_starts(0, m.next_passage_at)) {
        if (ends_its_passage(p) && std::binary_search(seconds.begin(), seconds.end(),
                                                      m.slot_position(p, m.next_passage_at)))
          starts.push_back(p);
      }
    }
  }
  for (Xapian::termpos p : starts) {
    out.push_back({p, concept_id, matcher, m.scale, m.next_passage_at > 0, false});
    if (m.next_passage_at > 0)
      out.push_back({m.slot_position(p, m.next_passage_at), concept_id, matcher, 0.0, false, true});
  }
}

DocumentEvidence PassageRanker::evaluate(Xapian::docid docid) const {
  std::vector<Occurrence> occ;
  for (unsigned c = 0; c < query_.concepts.size(); ++c) {
    const auto& matchers = query_.concepts[c].matchers;
    for (unsigned m = 0; m < matchers.size(); ++m) occurrences(docid, matchers[m], c, m, occ);
  }
  // Where several names of one concept match overlapping words ("People's
  // Republic of Korea" inside "Democratic People's Republic of Korea"),
  // the words count once, by the best of them.
  auto extent = [&](const Occurrence& o) {
    return static_cast<Xapian::termpos>(
        query_.concepts[o.concept_id].matchers[o.matcher].slots.size());
  };
  std::sort(occ.begin(), occ.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.concept_id != b.concept_id ? a.concept_id < b.concept_id : a.pos < b.pos;
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < occ.size(); ++i) {
    if (kept > 0 && occ[kept - 1].concept_id == occ[i].concept_id &&
        occ[i].pos < occ[kept - 1].pos + extent(occ[kept - 1])) {
      if (occ[i].weight > occ[kept - 1].weight) occ[kept - 1] = occ[i];
      continue;
    }
    occ[kept++] = occ[i];
  }
  occ.resize(kept);
  std::sort(occ.begin(), occ.end(),
            [](const Occurrence& a, const Occurrence& b) { return a.pos < b.pos; });

  DocumentEvidence ev;
  for (const Occurrence& o : occ) {
    if (o.continuation) continue;  // marked with the start of its phrase
    const Matcher& m = query_.concepts[o.concept_id].matchers[o.matcher];
    for (std::size_t i = 0; i < m.slots.size(); ++i)
      ev.matched.push_back(m.slot_position(o.pos, i));
  }
  std::sort(ev.matched.begin(), ev.matched.end());
  ev.matched.erase(std::unique(ev.matched.begin(), ev.matched.end()), ev.matched.end());

  // Passage lengths, to normalise by and to lay the passages end to end.
  const std::string lengths = passage_lengths(docid);
  auto words_in = [&](std::uint32_t passage) -> double {
    return passage < lengths.size() ? static_cast<unsigned char>(lengths[passage])
                                    : kTypicalPassageWords;
  };

  // The occurrences of each passage: occ[from, to).
  struct Group {
    std::uint32_t passage;
    std::size_t from, to;
  };
  std::vector<Group> groups;
  for (std::size_t i = 0; i < occ.size(); ++i) {
    std::uint32_t passage = passage_of(occ[i].pos);
    if (groups.empty() || groups.back().passage != passage) groups.push_back({passage, i, i});
    groups.back().to = i + 1;
  }

  std::vector<double> tf(query_.concepts.size());
  std::vector<bool> seen(query_.concepts.size(), false);
  double covered_idf = 0;
  // Scores the run of passages groups[first..last] as one window: BM25
  // within it, times its coverage of the query's concepts, times how close
  // together they are (word distances across a passage boundary count the
  // words between, as the text reads).
  auto score_window = [&](std::size_t first, std::size_t last, unsigned& distinct) {
    std::fill(tf.begin(), tf.end(), 0.0);
    for (std::size_t i = groups[first].from; i < groups[last].to; ++i) {
      if (occ[i].runs_on && i >= groups[last].from) continue;  // its rest is not in the window
      tf[occ[i].concept_id] += occ[i].weight;
    }
    double words = 0;
    for (std::size_t g = first; g <= last; ++g) words += words_in(groups[g].passage);
    double k =
        params_.passage_k1 *
        (1 - params_.passage_b + params_.passage_b * std::max(words, 10.0) / kTypicalPassageWords);
    double score = 0, coverage = 0;
    distinct = 0;
    for (unsigned c = 0; c < tf.size(); ++c) {
      if (tf[c] == 0) continue;
      ++distinct;
      coverage += idf_[c];
      score += idf_[c] * tf[c] * (params_.passage_k1 + 1) / (tf[c] + k);
      if (!seen[c]) {
        seen[c] = true;
        covered_idf += idf_[c];
        ++ev.covered;
      }
    }
    if (idf_sum_ > 0) score *= std::pow(coverage / idf_sum_, params_.coverage_power);
    if (distinct == idf_.size()) score *= 1 + params_.all_words_bonus;
    if (distinct >= 2) {
      double shift = first == last ? 0 : words_in(groups[first].passage);
      auto at = [&](std::size_t i) {
        double word = occ[i].pos & schema::kMaxWordInPassage;
        return passage_of(occ[i].pos) == groups[first].passage ? word : word + shift;
      };
      double span = min_cover(occ, groups[first].from, groups[last].to, distinct, at);
      score *= 1 + params_.proximity_weight * distinct / span;
      // Consecutive query words found in the query's order, close together.
      if (params_.order_weight > 0 && idf_.size() >= 2) {
        unsigned ordered = 0;
        for (unsigned c = 0; c + 1 < idf_.size(); ++c) {
          bool found = false;
          for (std::size_t i = groups[first].from; i < groups[last].to && !found; ++i) {
            if (occ[i].concept_id != c) continue;
            for (std::size_t j = i + 1;
                 j < groups[last].to && at(j) - at(i) <= params_.order_window; ++j) {
              if (occ[j].concept_id == c + 1) {
                found = true;
                break;
              }
            }
          }
          ordered += found;
        }
        score *= 1 + params_.order_weight * ordered / (idf_.size() - 1);
      }
    }
    return score;
  };

  // Windows of one passage, and of two adjacent ones (the answer to a
  // query may run across a passage boundary).
  std::vector<PassageScore> windows;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    unsigned distinct = 0;
    double score = score_window(g, g, distinct);
    if (groups[g].passage == 0) {
      ev.title_score = score;
      continue;
    }
    windows.push_back({groups[g].passage, score, distinct, 1});
    if (g + 1 < groups.size() && groups[g + 1].passage == groups[g].passage + 1) {
      double pair = score_window(g, g + 1, distinct);
      if (pair > score)
        windows.push_back({groups[g].passage, pair * params_.pair_weight, distinct, 2});
    }
  }
  // Best first, and no passage shown twice.
  std::sort(windows.begin(), windows.end(),
            [](const PassageScore& a, const PassageScore& b) { return a.score > b.score; });
  for (const auto& w : windows) {
    bool overlaps = std::any_of(ev.passages.begin(), ev.passages.end(), [&](const PassageScore& p) {
      return w.passage < p.passage + p.count && p.passage < w.passage + w.count;
    });
    if (!overlaps) ev.passages.push_back(w);
  }
  if (!ev.passages.empty()) ev.best = ev.passages[0].score;
  if (ev.passages.size() > 1) ev.best += params_.second_weight * ev.passages[1].score;
  if (idf_sum_ > 0) ev.best *= 0.5 + 0.5 * covered_idf / idf_sum_;
  ev.passage_count = lengths.empty() ? 1 : lengths.size() - 1;
  return ev;
}

double PassageRanker::combine(const DocumentEvidence& evidence, double bm25, double) const {
  double score =
      evidence.best + params_.title_weight * evidence.title_score + params_.document_weight * bm25;
  return score * std::pow(std::max<double>(evidence.passage_count, 1), -params_.length_penalty);
}

}  // namespace communique::query
