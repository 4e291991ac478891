#include "query/passage_ranker.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <sstream>

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

// Where several names of one concept match overlapping words ("People's
// Republic of Korea" inside "Democratic People's Republic of Korea"), the
// words count once, by the best of them. Returns the rest by position.
std::vector<Occurrence> PassageRanker::distinct_occurrences(Xapian::docid docid) const {
  std::vector<Occurrence> occ;
  for (unsigned c = 0; c < query_.concepts.size(); ++c) {
    const auto& matchers = query_.concepts[c].matchers;
    for (unsigned m = 0; m < matchers.size(); ++m) occurrences(docid, matchers[m], c, m, occ);
  }
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
  return occ;
}

// The positions of the words matched (a phrase at each of its words),
// sorted and distinct: what highlights mark.
std::vector<Xapian::termpos> PassageRanker::matched_positions(
    const std::vector<Occurrence>& occ) const {
  std::vector<Xapian::termpos> matched;
  for (const Occurrence& o : occ) {
    if (o.continuation) continue;  // marked with the start of its phrase
    const Matcher& m = query_.concepts[o.concept_id].matchers[o.matcher];
    for (std::size_t i = 0; i < m.slots.size(); ++i) matched.push_back(m.slot_position(o.pos, i));
  }
  std::sort(matched.begin(), matched.end());
  matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
  return matched;
}

std::vector<std::pair<Xapian::termpos, Xapian::termpos>> PassageRanker::matches(
    Xapian::docid docid) const {
  std::vector<std::pair<Xapian::termpos, Xapian::termpos>> out;
  for (const Occurrence& o : distinct_occurrences(docid)) {
    if (o.continuation) continue;  // a part of the match that starts before
    const Matcher& m = query_.concepts[o.concept_id].matchers[o.matcher];
    out.emplace_back(m.slot_position(o.pos, 0), m.slot_position(o.pos, m.slots.size() - 1));
  }
  return out;
}

namespace {

// Scores windows of a statement's passages: one passage, or a run of
// adjacent ones, from the occurrences of the query's concepts in them.
// A window's score is BM25 within it (normalised by its length), times its
// coverage of the query's concepts (idf-weighted, to a power), times a
// bonus when it holds every concept, times a proximity factor (the
// smallest span holding them all; words across a passage boundary count
// the words between, as the text reads), times a bonus for consecutive
// query words found in the order typed, close together.
class WindowScorer {
 public:
  WindowScorer(const RankingParams& params, const std::vector<double>& idf, double idf_sum,
               const std::vector<Occurrence>& occ, const std::string& lengths)
      : params_(params),
        idf_(idf),
        idf_sum_(idf_sum),
        occ_(occ),
        lengths_(lengths),
        tf_(idf.size()),
        seen_(idf.size(), false) {
    for (std::size_t i = 0; i < occ_.size(); ++i) {
      std::uint32_t passage = passage_of(occ_[i].pos);
      if (groups_.empty() || groups_.back().passage != passage) groups_.push_back({passage, i, i});
      groups_.back().to = i + 1;
    }
  }

  // The passages holding occurrences, in order.
  std::size_t groups() const { return groups_.size(); }
  std::uint32_t passage(std::size_t g) const { return groups_[g].passage; }

  // The score of the window of groups [first, last]; `distinct` is set to
  // the concepts it holds.
  double score(std::size_t first, std::size_t last, unsigned& distinct) {
    count_terms(first, last);
    double score = bm25(first, last, distinct);
    if (idf_sum_ > 0) score *= std::pow(coverage() / idf_sum_, params_.coverage_power);
    if (distinct == idf_.size()) score *= 1 + params_.all_words_bonus;
    if (distinct >= 2) {
      score *= 1 + params_.proximity_weight * distinct / smallest_span(first, last, distinct);
      if (params_.order_weight > 0 && idf_.size() >= 2)
        score *= 1 + params_.order_weight * in_order(first, last) / (idf_.size() - 1);
    }
    return score;
  }

  // Of the concepts, those found in any window scored so far: how many,
  // and their idf.
  unsigned covered() const { return covered_; }
  double covered_idf() const { return covered_idf_; }

 private:
  struct Group {
    std::uint32_t passage;
    std::size_t from, to;  // its occurrences: occ_[from, to)
  };

  double words_in(std::uint32_t passage) const {
    return passage < lengths_.size() ? static_cast<unsigned char>(lengths_[passage])
                                     : kTypicalPassageWords;
  }

  // Each concept's weighted count in the window into tf_.
  void count_terms(std::size_t first, std::size_t last) {
    std::fill(tf_.begin(), tf_.end(), 0.0);
    for (std::size_t i = groups_[first].from; i < groups_[last].to; ++i) {
      // A phrase running on into a passage past the window is not in it.
      if (occ_[i].runs_on && i >= groups_[last].from) continue;
      tf_[occ_[i].concept_id] += occ_[i].weight;
    }
  }

  // BM25 of the window's counts, its length normalised to a typical
  // passage's; notes the concepts found.
  double bm25(std::size_t first, std::size_t last, unsigned& distinct) {
    double words = 0;
    for (std::size_t g = first; g <= last; ++g) words += words_in(groups_[g].passage);
    double k =
        params_.passage_k1 *
        (1 - params_.passage_b + params_.passage_b * std::max(words, 10.0) / kTypicalPassageWords);
    double score = 0;
    distinct = 0;
    for (unsigned c = 0; c < tf_.size(); ++c) {
      if (tf_[c] == 0) continue;
      ++distinct;
      score += idf_[c] * tf_[c] * (params_.passage_k1 + 1) / (tf_[c] + k);
      if (!seen_[c]) {
        seen_[c] = true;
        covered_idf_ += idf_[c];
        ++covered_;
      }
    }
    return score;
  }

  // The idf of the concepts in the window.
  double coverage() const {
    double coverage = 0;
    for (unsigned c = 0; c < tf_.size(); ++c) {
      if (tf_[c] != 0) coverage += idf_[c];
    }
    return coverage;
  }

  // Where occurrence i stands, in words from the start of the window's
  // first passage.
  double offset(std::size_t first, std::size_t last, std::size_t i) const {
    double word = occ_[i].pos & schema::kMaxWordInPassage;
    double shift = first == last ? 0 : words_in(groups_[first].passage);
    return passage_of(occ_[i].pos) == groups_[first].passage ? word : word + shift;
  }

  // The smallest span of words holding one occurrence of each of the
  // `distinct` concepts in the window: the classic minimum-window scan.
  double smallest_span(std::size_t first, std::size_t last, unsigned distinct) const {
    std::map<unsigned, unsigned> in_window;
    double best = 1e18;
    std::size_t left = groups_[first].from;
    for (std::size_t right = left; right < groups_[last].to; ++right) {
      ++in_window[occ_[right].concept_id];
      while (in_window.size() == distinct) {
        best = std::min(best, offset(first, last, right) - offset(first, last, left) + 1);
        if (--in_window[occ_[left].concept_id] == 0) in_window.erase(occ_[left].concept_id);
        ++left;
      }
    }
    return best;
  }

  // How many pairs of consecutive query concepts occur in the order typed,
  // within params_.order_window words.
  unsigned in_order(std::size_t first, std::size_t last) const {
    unsigned ordered = 0;
    for (unsigned c = 0; c + 1 < idf_.size(); ++c) {
      bool found = false;
      for (std::size_t i = groups_[first].from; i < groups_[last].to && !found; ++i) {
        if (occ_[i].concept_id != c) continue;
        for (std::size_t j = i + 1;
             j < groups_[last].to &&
             offset(first, last, j) - offset(first, last, i) <= params_.order_window;
             ++j) {
          if (occ_[j].concept_id == c + 1) {
            found = true;
            break;
          }
        }
      }
      ordered += found;
    }
    return ordered;
  }

  const RankingParams& params_;
  const std::vector<double>& idf_;
  double idf_sum_;
  const std::vector<Occurrence>& occ_;
  const std::string& lengths_;
  std::vector<Group> groups_;
  std::vector<double> tf_;
  std::vector<bool> seen_;
  unsigned covered_ = 0;
  double covered_idf_ = 0;
};

// The windows to show: best first, no passage in two.
std::vector<PassageScore> best_disjoint(std::vector<PassageScore> windows) {
  std::sort(windows.begin(), windows.end(),
            [](const PassageScore& a, const PassageScore& b) { return a.score > b.score; });
  std::vector<PassageScore> chosen;
  for (const auto& w : windows) {
    bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const PassageScore& p) {
      return w.passage < p.passage + p.count && p.passage < w.passage + w.count;
    });
    if (!overlaps) chosen.push_back(w);
  }
  return chosen;
}

}  // namespace

DocumentEvidence PassageRanker::evaluate(Xapian::docid docid) const {
  std::vector<Occurrence> occ = distinct_occurrences(docid);
  DocumentEvidence ev;
  ev.matched = matched_positions(occ);
  for (const Occurrence& o : occ) ev.matchers.emplace_back(o.concept_id, o.matcher);
  std::sort(ev.matchers.begin(), ev.matchers.end());
  ev.matchers.erase(std::unique(ev.matchers.begin(), ev.matchers.end()), ev.matchers.end());
  // Passage lengths, to normalise by and to lay the passages end to end.
  const std::string lengths = passage_lengths(docid);
  ev.passage_count = lengths.empty() ? 1 : lengths.size() - 1;

  // Windows of one passage, and of two adjacent ones (the answer to a
  // query may run across a passage boundary); the title's apart.
  WindowScorer scorer(params_, idf_, idf_sum_, occ, lengths);
  std::vector<PassageScore> windows;
  for (std::size_t g = 0; g < scorer.groups(); ++g) {
    unsigned distinct = 0;
    double score = scorer.score(g, g, distinct);
    if (scorer.passage(g) == 0) {
      ev.title_score = score;
      continue;
    }
    windows.push_back({scorer.passage(g), score, distinct, 1});
    if (g + 1 < scorer.groups() && scorer.passage(g + 1) == scorer.passage(g) + 1) {
      double pair = scorer.score(g, g + 1, distinct);
      if (pair > score)
        windows.push_back({scorer.passage(g), pair * params_.pair_weight, distinct, 2});
    }
  }
  ev.covered = scorer.covered();
  ev.passages = best_disjoint(std::move(windows));
  // A statement's evidence: its best window, a little of its second, and
  // how much of the query it holds anywhere.
  if (!ev.passages.empty()) ev.best = ev.passages[0].score;
  if (ev.passages.size() > 1) ev.best += params_.second_weight * ev.passages[1].score;
  if (idf_sum_ > 0) ev.best *= 0.5 + 0.5 * scorer.covered_idf() / idf_sum_;
  return ev;
}

double PassageRanker::combine(const DocumentEvidence& evidence, double bm25) const {
  double score =
      evidence.best + params_.title_weight * evidence.title_score + params_.document_weight * bm25;
  return score * std::pow(std::max<double>(evidence.passage_count, 1), -params_.length_penalty);
}

std::string PassageRanker::explain(const DocumentEvidence& ev, double bm25) const {
  std::ostringstream out;
  out.precision(3);
  out << "statement score = (passage evidence " << ev.best << " + " << params_.title_weight
      << " x title " << ev.title_score << " + " << params_.document_weight << " x BM25 " << bm25
      << ") x " << ev.passage_count << " passages ^ -" << params_.length_penalty << "; ";
  out << "query words found: " << ev.covered << " of " << query_.concepts.size() << " (";
  for (std::size_t i = 0; i < query_.concepts.size(); ++i) {
    const Concept& c = query_.concepts[i];
    out << (i ? ", " : "") << c.label << " idf " << idf_[i];
    // How it matched, where not as typed: another name, its characters.
    std::string how;
    for (auto [concept_id, matcher] : ev.matchers) {
      if (concept_id != i || c.matchers[matcher].note.empty()) continue;
      how += (how.empty() ? "" : "; ") + c.matchers[matcher].note;
    }
    if (!how.empty()) out << " [" << how << "]";
  }
  out << ")";
  if (!ev.passages.empty()) {
    const auto& best = ev.passages.front();
    out << "; best passage #" << best.passage;
    if (best.count > 1) out << "-" << best.passage + best.count - 1;
    out << " score " << best.score << " with " << best.concepts << " of the words";
  }
  return out.str();
}

}  // namespace communique::query
