#include "query/compile.h"

#include <algorithm>
#include <functional>

#include "schema/schema.h"

namespace communique::query {

namespace {

using Terms = std::vector<const std::vector<std::string>*>;

// Calls `each` with one term of each of `slots` (none empty), for every
// combination of their terms, or only the first terms' when there are
// more than kMaxTermCombinations.
void for_each_combination(const Terms& slots,
                          const std::function<void(std::vector<Xapian::Query>)>& each) {
  std::size_t combinations = 1;
  for (const auto* slot : slots) {
    combinations *= slot->size();
    if (combinations > kMaxTermCombinations) break;
  }
  if (combinations > kMaxTermCombinations) combinations = 1;
  for (std::size_t k = 0; k < combinations; ++k) {
    std::vector<Xapian::Query> terms;
    std::size_t rest = k;
    for (const auto* slot : slots) {
      std::size_t n = combinations == 1 ? 1 : slot->size();
      terms.emplace_back((*slot)[rest % n]);
      rest /= n;
    }
    each(std::move(terms));
  }
}

Xapian::Query any_of(std::vector<Xapian::Query> alternatives) {
  return alternatives.size() == 1
             ? alternatives.front()
             : Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

// `match` among the statements holding every one of `bigrams`: positions
// are read only where a run of characters may be.
Xapian::Query among_bigrams(Xapian::Query match, const std::vector<std::string>& bigrams) {
  if (bigrams.empty()) return match;
  return Xapian::Query(Xapian::Query::OP_FILTER, match,
                       Xapian::Query(Xapian::Query::OP_AND, bigrams.begin(), bigrams.end()));
}

}  // namespace

Xapian::Query matcher_query(const Matcher& m) {
  if (m.next_passage_at > 0) {
    // Its two sides in one statement (where they meet, if known); the
    // passage ranker checks that they meet across a passage boundary.
    Xapian::Query sides(Xapian::Query::OP_AND, matcher_query(m.part(0, m.next_passage_at)),
                        matcher_query(m.part(m.next_passage_at, m.slots.size())));
    if (m.within.empty()) return sides;
    return Xapian::Query(Xapian::Query::OP_FILTER, sides,
                         Xapian::Query(Xapian::Query::OP_OR, m.within.begin(), m.within.end()));
  }
  if (m.slots.size() == 1) {
    Xapian::Query stems(Xapian::Query::OP_SYNONYM, m.slots.front().begin(), m.slots.front().end());
    // The form as written weighs again, by its own (higher) idf.
    return m.exact.empty() ? stems
                           : Xapian::Query(Xapian::Query::OP_OR, stems, Xapian::Query(m.exact));
  }
  Terms words;  // the slots that are not gaps
  for (const auto& slot : m.slots) {
    if (!slot.empty()) words.push_back(&slot);
  }
  // The phrase's words in order, within its width: gaps take any word.
  auto width = static_cast<Xapian::termcount>(m.slots.size());
  std::vector<Xapian::Query> phrases;
  for_each_combination(words, [&](std::vector<Xapian::Query> terms) {
    phrases.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), width);
  });
  return among_bigrams(any_of(std::move(phrases)), m.bigrams);
}

Matcher Matcher::part(std::size_t from, std::size_t to) const {
  Matcher m;
  m.slots.assign(slots.begin() + static_cast<std::ptrdiff_t>(from),
                 slots.begin() + static_cast<std::ptrdiff_t>(to));
  m.scale = scale;
  if (m.slots.size() == 1) m.exact = exact;
  return m;
}

Xapian::termpos Matcher::slot_position(Xapian::termpos start, std::size_t i) const {
  if (next_passage_at == 0 || i < next_passage_at) return start + static_cast<Xapian::termpos>(i);
  return schema::position(schema::passage_of(start) + 1,
                          static_cast<std::uint32_t>(i - next_passage_at));
}

Xapian::Query ParsedQuery::restrict(Xapian::Query match) const {
  for (const auto& alternatives : filters) {
    match = Xapian::Query(
        Xapian::Query::OP_FILTER, match,
        Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()));
  }
  if (!excluded.empty()) {
    match = Xapian::Query(Xapian::Query::OP_AND_NOT, match,
                          Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
  }
  return match;
}

Xapian::Query ParsedQuery::to_xapian() const {
  if (concepts.empty()) return restrict(Xapian::Query::MatchAll);
  std::vector<Xapian::Query> parts;
  for (const auto& c : concepts) {
    // A concept weighs as one term, whichever of its names matched (a
    // phrase on its own would weigh as all its words, and a long alias
    // outweigh the name typed); the passage ranker tells them apart.
    std::vector<Xapian::Query> names;
    for (const auto& m : c.matchers) names.push_back(matcher_query(m));
    parts.emplace_back(Xapian::Query::OP_SYNONYM, names.begin(), names.end());
  }
  return restrict(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()));
}

Xapian::Query ParsedQuery::proximity_query(Xapian::termcount window) const {
  if (concepts.size() < 2) return Xapian::Query::MatchNothing;
  Terms words;
  std::vector<std::string> bigrams;
  for (const auto& c : concepts) {
    for (const auto& slot : c.matchers.front().slots) {
      if (!slot.empty()) words.push_back(&slot);
    }
    const auto& more = c.matchers.front().bigrams;
    bigrams.insert(bigrams.end(), more.begin(), more.end());
  }
  std::vector<Xapian::Query> nears;
  for_each_combination(words, [&](std::vector<Xapian::Query> terms) {
    auto width = std::max<Xapian::termcount>(window, static_cast<Xapian::termcount>(terms.size()));
    nears.emplace_back(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), width);
  });
  return restrict(
      among_bigrams(Xapian::Query(Xapian::Query::OP_OR, nears.begin(), nears.end()), bigrams));
}

}  // namespace communique::query
