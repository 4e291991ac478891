// A query as the searcher uses it: concepts to rank by, and filters.

#ifndef COMMUNIQUE_QUERY_PARSED_QUERY_H_
#define COMMUNIQUE_QUERY_PARSED_QUERY_H_

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace communique::query {

// One way a concept can appear in a statement: a run of consecutive
// positions, each holding one of a set of alternative terms (a single word
// is a run of one). Aliases ("North Korea" for "DPRK") count a little less.
struct Matcher {
  // Each slot: the terms one position may hold. An empty slot is a gap, a
  // function word inside a phrase ("belt and road", "Republic of Korea")
  // that any word fills: matching it would read the positions of "and" or
  // "of" in every long statement. A phrase neither starts nor ends with
  // a gap.
  std::vector<std::vector<std::string>> slots;
  double scale = 1.0;
  // For a single word whose form as written differs from its stems: that
  // form's term (schema::kWordPrefix), when the index has it. Occurrences
  // of that form count fully, other forms of the stems less.
  std::string exact;
  // A phrase that runs on across the end of a passage: slots from this one
  // on sit at the start of the next passage (0: one run of positions).
  std::size_t next_passage_at = 0;
  // For such a phrase: the id terms of the statements where its sides
  // were found to meet, when the parser could check them all.
  std::vector<std::string> within;
  // For a run of Chinese, Japanese or Thai characters (one slot each):
  // the bigram terms of the run, which a statement holding it holds
  // (schema::kBigramPrefix).
  std::vector<std::string> bigrams;
  // How it was made from what was typed, for --explain, where that is not
  // the plain word or phrase ("another name: 拉夫罗夫", "by its characters");
  // "" otherwise.
  std::string note;

  // Slots [from, to) as a matcher of their own, in one run.
  Matcher part(std::size_t from, std::size_t to) const;
  // Where slot `i` sits in a match whose first slot is at `start`.
  Xapian::termpos slot_position(Xapian::termpos start, std::size_t i) const;
};

// A thing the user asked for: a word (with its stems in every indexed
// language), a phrase, or alternatives joined by OR. Ranking rewards
// passages that cover many concepts, close together.
struct Concept {
  std::string label;  // as the user wrote it, for --explain
  std::vector<Matcher> matchers;
};

struct ParsedQuery {
  std::vector<Concept> concepts;
  std::vector<Xapian::Query> excluded;  // -word, -"phrase"
  // Filters: alternatives of one field are OR-ed, fields are AND-ed.
  std::vector<std::vector<Xapian::Query>> filters;
  // How the query was read where it differs from what was written (an
  // unclosed quote or '(' closed at the end, a ')' that closes nothing
  // skipped), one sentence each.
  std::vector<std::string> warnings;
  // Words sought that no statement holds, as written, each with the
  // indexed word closest in spelling; and the query with them replaced
  // ("" when there are none).
  std::vector<std::pair<std::string, std::string>> suggestions;
  std::string did_you_mean;

  bool has_text() const { return !concepts.empty(); }

  // The match query: concepts OR-ed, filtered, exclusions removed. With no
  // concepts, every statement passing the filters.
  Xapian::Query to_xapian() const;

  // Statements holding every concept within `window` word positions of
  // each other, filtered and with exclusions removed like to_xapian(): as
  // positions number passages apart, a window no wider than a passage asks
  // for all the words in one passage. Phrases count by their words, and a
  // word's forms beyond the first few combinations by its first (most
  // frequent) form; aliases are left out; runs of characters count by
  // their characters, among the statements holding their bigrams.
  // Query::MatchNothing for fewer than two concepts.
  Xapian::Query proximity_query(Xapian::termcount window) const;

 private:
  Xapian::Query restrict(Xapian::Query match) const;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_PARSED_QUERY_H_
