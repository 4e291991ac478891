#include "query/hits.h"

#include <algorithm>

#include "analysis/grams.h"
#include "index/stored_fields.h"
#include "schema/schema.h"

namespace communique::query {

Hit HitBuilder::build(Xapian::docid docid, double score, const DocumentEvidence* evidence,
                      const SearchOptions& options) {
  index::StoredFields fields = index::decode(db_.get_document(docid).get_data());
  Statement& s = fields.statement;
  Hit hit;
  hit.id = s.id;
  hit.score = score;
  hit.title = s.title;
  hit.date = s.date;
  hit.country = s.country;
  hit.ministers = s.ministers;
  hit.mentions = s.mentions;
  hit.role = s.role;
  hit.language = s.language;
  hit.url = s.url;

  // Windows to show: [first, last] body passage indexes (0-based), score.
  struct Shown {
    std::size_t first, last;
    double score;
  };
  std::vector<Shown> chosen;
  if (evidence) {
    for (const auto& w : evidence->passages) {
      if (chosen.size() >= options.passages) break;
      std::size_t last = w.passage + w.count - 1;
      if (w.passage >= 1 && last <= fields.passages.size())
        chosen.push_back({w.passage - 1, last - 1, w.score});
    }
  }
  // No passage matched (a listing by filters alone): the first ones.
  if (chosen.empty()) {
    for (std::size_t i = 0; i < fields.passages.size() && i < options.passages; ++i)
      chosen.push_back({i, i, 0.0});
  }
  for (const auto& window : chosen) {
    Passage p;
    p.start = fields.passages[window.first].start;
    p.end = fields.passages[window.last].end;
    p.text = s.body.substr(p.start, p.end - p.start);
    p.score = window.score;
    // The words the ranker matched, found again by their positions (the
    // passage is tokenised and laid out as it was indexed), so that a
    // phrase is marked only where it matched as a phrase. A word is
    // marked whole where any of its characters matched, and words that
    // touch (Chinese has no spaces) are marked as one.
    for (std::size_t i = window.first; evidence && i <= window.last; ++i) {
      const auto& span = fields.passages[i];
      tokens_.clear();
      analyzer_.tokenize(std::string_view(s.body).substr(span.start, span.end - span.start),
                         tokens_);
      analysis::lay_out(tokens_, starts_);
      auto passage = static_cast<std::uint32_t>(i + 1);
      for (std::size_t w = 0; w < tokens_.size(); ++w) {
        auto first = std::lower_bound(evidence->matched.begin(), evidence->matched.end(),
                                      schema::position(passage, starts_[w]));
        if (first == evidence->matched.end() || *first >= schema::position(passage, starts_[w + 1]))
          continue;
        std::size_t offset = span.start - p.start;
        std::pair<std::size_t, std::size_t> mark{offset + tokens_[w].start,
                                                 offset + tokens_[w].end};
        if (!p.highlights.empty() && p.highlights.back().second == mark.first)
          p.highlights.back().second = mark.second;
        else
          p.highlights.push_back(mark);
      }
    }
    hit.passages.push_back(std::move(p));
  }
  return hit;
}

std::string HitBuilder::group_of(Xapian::docid docid) const {
  return db_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kGroupSlot);
}

void HitBuilder::add_duplicates(Hit& hit, Xapian::docid docid,
                                const std::vector<Xapian::docid>& members) const {
  for (Xapian::docid member : members) {
    if (member == docid) continue;
    Statement s = index::decode(db_.get_document(member).get_data()).statement;
    hit.duplicates.push_back({s.id, s.country, s.date, s.country == hit.country});
  }
  std::stable_sort(hit.duplicates.begin(), hit.duplicates.end(), [](const auto& a, const auto& b) {
    return a.date.sort_key() != b.date.sort_key() ? a.date.sort_key() < b.date.sort_key()
                                                  : a.id < b.id;
  });
}

}  // namespace communique::query
