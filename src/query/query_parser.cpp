#include "query/query_parser.h"

#include <algorithm>
#include <functional>
#include <set>

#include "analysis/grams.h"
#include "communique/error.h"
#include "communique/statement.h"
#include "index/document_builder.h"
#include "schema/schema.h"
#include "query/passage_ranker.h"

namespace communique::query {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const std::set<std::string, std::less<>> kFields{"country", "minister", "mentions", "mention",
                                                 "date",    "year",     "role",     "language",
                                                 "lang",    "source",   "id"};

// "Assembly s prerogatives": a possessive whose apostrophe was lost, as
// when text is copied through a tool that splits words at punctuation.
// The index holds "Assembly's" as "assembly", so a lone "s" right after a
// word is dropped rather than sought as a word of its own.
void drop_split_possessives(std::string_view text, std::vector<Token>& tokens) {
  auto lone_s = [&](std::size_t i) {
    if (i == 0 || tokens[i].text != "s" || tokens[i - 1].ideographic) return false;
    std::string_view between = text.substr(tokens[i - 1].end, tokens[i].start - tokens[i - 1].end);
    return between.size() == 1 && is_space(between.front());
  };
  std::size_t kept = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!lone_s(i)) tokens[kept++] = tokens[i];
  }
  tokens.resize(kept);
}

// Alias matches count this much of an exact match.
constexpr double kAliasScale = 0.7;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

// One parsed element of the query line.
struct QueryParser::Item {
  // kAll: "*", every statement (for a listing by exclusions alone).
  enum Kind { kText, kPhrase, kGroup, kFilter, kOr, kAll };

  explicit Item(Kind k, std::string t = {}) : kind(k), text(std::move(t)) {}

  Kind kind;
  bool excluded = false;
  std::string text;   // words, phrase, or filter value
  std::string field;  // for filters
  std::vector<Item> children;
};

// Reads the query line into items. Text pasted from anywhere is read, not
// refused: a ')' that closes nothing is skipped, a '(' or a quote never
// closed is closed at the end of the query, a field name without a value
// is a word; each such repair is told in warnings(). Refused: nesting
// beyond kMaxDepth, a NOT with nothing after it, "-*".
class QueryParser::Reader {
 public:
  explicit Reader(std::string_view q) : q_(q) {}

  std::vector<Item> read_all() {
    std::vector<Item> items = read_sequence(0);
    while (pos_ < q_.size()) {  // at a ')' that closes nothing
      warnings_.push_back("the ')' at character " + character(pos_) +
                          " closes no '(' and was ignored");
      ++pos_;
      std::vector<Item> more = read_sequence(0);
      for (auto& item : more) items.push_back(std::move(item));
    }
    return items;
  }

  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  [[noreturn]] static void fail(const std::string& message) { throw QuerySyntaxError(message); }

  // The 1-based number of the character (not byte) at `at`, as a user counts.
  std::string character(std::size_t at) const {
    std::size_t n = 1;
    for (std::size_t i = 0; i < at && i < q_.size(); ++i) {
      if ((static_cast<unsigned char>(q_[i]) & 0xC0) != 0x80) ++n;
    }
    return std::to_string(n);
  }

  std::vector<Item> read_sequence(std::size_t depth) {
    if (depth > kMaxDepth)
      fail("query nests parentheses more than " + std::to_string(kMaxDepth) + " deep");
    std::vector<Item> items;
    while (true) {
      while (pos_ < q_.size() && is_space(q_[pos_])) ++pos_;
      if (pos_ >= q_.size() || q_[pos_] == ')') return join_words(std::move(items));
      bool excluded = false;
      if ((q_[pos_] == '-' || q_[pos_] == '+') && pos_ + 1 < q_.size() && !is_space(q_[pos_ + 1])) {
        excluded = q_[pos_] == '-';
        ++pos_;
      }
      Item item = read_item(depth);
      item.excluded = excluded;
      if (item.kind == Item::kAll && excluded)
        fail("-* would leave out every statement; write the words or filters to leave out");
      if (item.kind == Item::kText && !excluded) {
        if (item.text == "OR" || item.text == "|") {
          item.kind = Item::kOr;
        } else if (item.text == "AND" || item.text == "&&") {
          continue;  // words are combined anyway; all of them are preferred
        } else if (item.text == "NOT") {
          while (pos_ < q_.size() && is_space(q_[pos_])) ++pos_;
          if (pos_ >= q_.size()) fail("NOT at the end of the query needs a word after it");
          Item negated = read_item(depth);
          negated.excluded = true;
          items.push_back(std::move(negated));
          continue;
        }
      }
      items.push_back(std::move(item));
    }
  }

  // Runs of plain words become one text item, so that names of several
  // words ("North Korea") are seen whole; an OR's right operand stays a
  // word of its own ("russia OR ukraine grain").
  static std::vector<Item> join_words(std::vector<Item> items) {
    std::vector<Item> out;
    bool after_or = false, operand = false;
    for (auto& item : items) {
      bool plain = item.kind == Item::kText && !item.excluded;
      if (plain && !after_or && !operand && !out.empty() && out.back().kind == Item::kText &&
          !out.back().excluded) {
        out.back().text += ' ';
        out.back().text += item.text;
      } else {
        operand = plain && after_or;
        out.push_back(std::move(item));
      }
      after_or = out.back().kind == Item::kOr;
    }
    return out;
  }

  Item read_item(std::size_t depth) {
    char c = q_[pos_];
    if (c == '(') {
      std::size_t open = pos_++;
      Item group(Item::kGroup);
      group.children = read_sequence(depth + 1);
      if (pos_ < q_.size()) {
        ++pos_;  // ')'
      } else {
        warnings_.push_back("the '(' at character " + character(open) +
                            " is never closed; it was read as closed at the end of the query");
      }
      return group;
    }
    if (c == '"' || is_curly_quote(pos_)) {
      return Item(Item::kPhrase, read_quoted());
    }
    std::size_t start = pos_;
    while (pos_ < q_.size() && !is_space(q_[pos_]) && q_[pos_] != '(' && q_[pos_] != ')' &&
           q_[pos_] != '"' && !is_curly_quote(pos_)) {
      ++pos_;
    }
    std::string word(q_.substr(start, pos_ - start));
    if (word == "*") return Item(Item::kAll);
    auto colon = word.find(':');
    if (colon != std::string::npos && colon > 0) {
      std::string field = lower_ascii(word.substr(0, colon));
      if (kFields.count(field)) {
        Item f(Item::kFilter);
        f.field = field;
        f.text = word.substr(colon + 1);
        if (f.text.empty() && pos_ < q_.size() && (q_[pos_] == '"' || is_curly_quote(pos_)))
          f.text = read_quoted();
        if (!f.text.empty()) return f;
        // "Date: 17 July" pasted from a page: the field's name is a word.
        warnings_.push_back(
            word + " has no value after the colon, so it was read as a word; to filter, write " +
            (field == "date"       ? "date:2020 or date:2019..2021"
             : field == "minister" ? "minister:\"Wang Yi\""
                                   : field + ":CHN"));
      }
    }
    return Item(Item::kText, std::move(word));
  }

  bool is_curly_quote(std::size_t at) const {
    // U+201C and U+201D, as phones and word processors type quotes.
    return at + 2 < q_.size() && static_cast<unsigned char>(q_[at]) == 0xE2 &&
           static_cast<unsigned char>(q_[at + 1]) == 0x80 &&
           (static_cast<unsigned char>(q_[at + 2]) == 0x9C ||
            static_cast<unsigned char>(q_[at + 2]) == 0x9D);
  }

  // A quoted run; an unclosed quote runs to the end of the query.
  std::string read_quoted() {
    std::size_t open = pos_;
    pos_ += q_[pos_] == '"' ? 1 : 3;
    std::size_t start = pos_;
    while (pos_ < q_.size() && q_[pos_] != '"' && !is_curly_quote(pos_)) ++pos_;
    std::string text(q_.substr(start, pos_ - start));
    if (pos_ < q_.size()) {
      pos_ += q_[pos_] == '"' ? 1 : 3;
    } else {
      warnings_.push_back("the quote at character " + character(open) +
                          " is never closed; the phrase was read to the end of the query");
    }
    return text;
  }

  std::string_view q_;
  std::size_t pos_ = 0;
  std::vector<std::string> warnings_;
};

namespace {

// Xapian 1.4 phrases take terms only, so a phrase whose words have several
// forms becomes the phrases of their combinations (a few at most; beyond
// that, each word's first form). The passage ranker checks every form.
constexpr std::size_t kMaxPhraseCombinations = 16;

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
  std::vector<const std::vector<std::string>*> words;  // the slots that are not gaps
  for (const auto& slot : m.slots) {
    if (!slot.empty()) words.push_back(&slot);
  }
  std::size_t combinations = 1;
  for (const auto* slot : words) {
    combinations *= slot->size();
    if (combinations > kMaxPhraseCombinations) break;
  }
  // The phrase's words in order, within its width: gaps take any word.
  auto width = static_cast<Xapian::termcount>(m.slots.size());
  if (combinations > kMaxPhraseCombinations) combinations = 1;
  std::vector<Xapian::Query> phrases;
  for (std::size_t k = 0; k < combinations; ++k) {
    std::vector<Xapian::Query> terms;
    std::size_t rest = k;
    for (const auto* slot : words) {
      std::size_t n = combinations == 1 ? 1 : slot->size();
      terms.emplace_back((*slot)[rest % n]);
      rest /= n;
    }
    phrases.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), width);
  }
  Xapian::Query phrase = phrases.size() == 1
                             ? phrases.front()
                             : Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end());
  if (m.bigrams.empty()) return phrase;
  // A run of characters: the statements holding its bigrams (rarer than
  // its characters) first, positions checked only in those.
  return Xapian::Query(Xapian::Query::OP_FILTER, phrase,
                       Xapian::Query(Xapian::Query::OP_AND, m.bigrams.begin(), m.bigrams.end()));
}

}  // namespace

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

Xapian::Query ParsedQuery::proximity_query(Xapian::termcount window) const {
  if (concepts.size() < 2) return Xapian::Query::MatchNothing;
  // Xapian 1.4's NEAR takes terms only: one NEAR per combination of forms.
  std::vector<const std::vector<std::string>*> slots;
  std::vector<std::string> bigrams;
  for (const auto& c : concepts) {
    for (const auto& slot : c.matchers.front().slots) {
      if (!slot.empty()) slots.push_back(&slot);
    }
    const auto& more = c.matchers.front().bigrams;
    bigrams.insert(bigrams.end(), more.begin(), more.end());
  }
  std::size_t combinations = 1;
  for (const auto* slot : slots) {
    combinations *= slot->size();
    if (combinations > kMaxPhraseCombinations) break;
  }
  if (combinations > kMaxPhraseCombinations) combinations = 1;
  std::vector<Xapian::Query> nears;
  for (std::size_t k = 0; k < combinations; ++k) {
    std::vector<Xapian::Query> words;
    std::size_t rest = k;
    for (const auto* slot : slots) {
      std::size_t n = combinations == 1 ? 1 : slot->size();
      words.emplace_back((*slot)[rest % n]);
      rest /= n;
    }
    auto width = std::max<Xapian::termcount>(window, static_cast<Xapian::termcount>(words.size()));
    nears.emplace_back(Xapian::Query::OP_NEAR, words.begin(), words.end(), width);
  }
  Xapian::Query near(Xapian::Query::OP_OR, nears.begin(), nears.end());
  // Runs of characters: positions read only where their bigrams are.
  if (!bigrams.empty())
    near = Xapian::Query(Xapian::Query::OP_FILTER, near,
                         Xapian::Query(Xapian::Query::OP_AND, bigrams.begin(), bigrams.end()));
  return restrict(near);
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

Xapian::Query ParsedQuery::to_xapian() const {
  Xapian::Query match;
  if (concepts.empty()) {
    match = Xapian::Query::MatchAll;
  } else {
    std::vector<Xapian::Query> parts;
    for (const auto& c : concepts) {
      // A concept weighs as one term, whichever of its names matched (a
      // phrase on its own would weigh as all its words, and a long alias
      // outweigh the name typed); the passage ranker tells them apart.
      std::vector<Xapian::Query> names;
      for (const auto& m : c.matchers) names.push_back(matcher_query(m));
      parts.emplace_back(Xapian::Query::OP_SYNONYM, names.begin(), names.end());
    }
    match = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
  return restrict(match);
}

namespace {

// `text` cut to about `bytes` bytes at a character boundary, for a message.
std::string clip_for_message(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes) + "...";
}

// Why text with no word in it cannot be searched, and what to write instead.
std::string no_word_message(const std::vector<std::string>& texts, bool listing) {
  std::string shown;
  bool long_run = false;
  for (const auto& t : texts) {
    shown += (shown.empty() ? "" : " ") + t;
    std::size_t run = 0;
    for (char c : t) {
      run = is_space(c) ? 0 : run + 1;
      long_run = long_run || run > Analyzer::kMaxWordBytes;
    }
  }
  std::string why = long_run ? "a run of more than " + std::to_string(Analyzer::kMaxWordBytes) +
                                   " bytes without a space is not taken for a word"
                             : "symbols, punctuation and emoji are not indexed";
  return "\"" + clip_for_message(shown, 60) + "\" has no word to search for (" + why +
         "); write a word, " +
         (listing ? std::string("or leave it out to list the statements the filters select")
                  : std::string("filters alone to list statements (country:CHN date:2020), or * "
                                "to list every statement"));
}

// Words worth a spelling suggestion: alphabetic, of a script written with
// spaces, long enough that two edits do not make any word another.
bool worth_suggesting(const Token& t) {
  if (t.ideographic || t.text.size() < 4 || t.text.size() > 64) return false;
  return std::none_of(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// Whether some statement holds a form of the word.
bool QueryParser::known(const Token& token) const {
  Matcher m = word_matcher(token);
  for (const auto& term : m.slots.front()) {
    if (db_.term_exists(term)) return true;
  }
  return false;
}

// For each word sought that no statement holds, the word of the spelling
// dictionary (written at index time) closest to it, if some statement
// holds that one; and the query with those words replaced.
void QueryParser::suggest_spellings(const std::string& query,
                                    const std::vector<std::pair<Token, std::string>>& words,
                                    ParsedQuery& out) const {
  std::string corrected;
  std::size_t from = 0;
  std::size_t lookups = 0;
  for (const auto& word : words) {
    // (Not structured bindings: clang 14 cannot capture them.)
    const Token& token = word.first;
    const std::string& written = word.second;
    auto done = std::find_if(out.suggestions.begin(), out.suggestions.end(),
                             [&](const auto& s) { return s.first == written; });
    std::string suggestion;
    if (done != out.suggestions.end()) {
      suggestion = done->second;
    } else {
      if (lookups >= kMaxSpellingLookups || !worth_suggesting(token) || known(token)) continue;
      ++lookups;
      try {
        suggestion = db_.get_spelling_suggestion(token.text, 2);
      } catch (const Xapian::UnimplementedError&) {
        return;  // a remote shard keeps no spelling dictionary
      }
      Token suggested = token;
      suggested.text = suggestion;
      suggested.acronym = false;
      if (suggestion.empty() || suggestion == token.text || !known(suggested)) continue;
      out.suggestions.emplace_back(written, suggestion);
    }
    std::size_t at = query.find(written, from);
    if (at == std::string::npos) continue;
    corrected.append(query, from, at - from);
    corrected += suggestion;
    from = at + written.size();
  }
  if (!out.suggestions.empty()) out.did_you_mean = corrected + query.substr(from);
}

// Whether any statement holds what `m` matches.
bool QueryParser::any_statement_with(const Matcher& m) const {
  Xapian::Enquire enquire(db_);
  enquire.set_query(matcher_query(m));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// Whether a phrase across a passage boundary is anywhere. Its match query
// asks only for both sides somewhere, so the sides must be seen to meet,
// on positions, in the statements holding both; `m` is then confined to
// those (when there are too many to check, it stays as loose as that).
bool QueryParser::confine_across(Matcher& m) const {
  Xapian::Enquire enquire(db_);
  enquire.set_query(matcher_query(m));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet found = enquire.get_mset(0, kMaxPhraseSplitChecks);
  ParsedQuery one;
  one.concepts.push_back(Concept{"", {m}});
  PassageRanker ranker(db_, one);
  std::vector<std::string> within;
  for (auto it = found.begin(); it != found.end(); ++it) {
    if (ranker.evaluate(*it).matched.empty()) continue;
    Xapian::TermIterator id = db_.termlist_begin(*it);
    id.skip_to(std::string(schema::kIdPrefix));
    if (id != db_.termlist_end(*it)) within.push_back(*id);
  }
  if (found.get_matches_lower_bound() == found.size()) m.within = within;
  return !within.empty();
}

QueryParser::QueryParser(const Xapian::Database& db, const Gazetteer& gazetteer)
    : db_(db), gazetteer_(gazetteer) {
  std::string prefix(schema::kLanguagePrefix);
  for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
    languages_.push_back((*t).substr(prefix.size()));
  }
  if (languages_.empty()) languages_.push_back("en");
}

std::string QueryParser::index_term(const Token& token, const std::string& language) const {
  std::string t = token.ideographic ? token.text : analyzer_.stem(token.text, language);
  schema::clip_term(t);
  return t;
}

std::vector<std::string> QueryParser::variants(const Token& token) const {
  std::vector<std::string> out;
  if (token.ideographic) {
    out.push_back(index_term(token, ""));
    return out;
  }
  for (const auto& language : languages_) {
    std::string t = index_term(token, language);
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  }
  // Keep only forms the index has, most frequent first, but never leave a
  // word with none.
  std::vector<std::pair<Xapian::doccount, std::string>> present;
  for (auto& t : out) {
    if (Xapian::doccount df = db_.get_termfreq(t)) present.emplace_back(df, std::move(t));
  }
  if (present.empty()) return {out.front()};
  std::stable_sort(present.begin(), present.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> forms;
  for (auto& [df, t] : present) forms.push_back(std::move(t));
  return forms;
}

Matcher QueryParser::word_matcher(const Token& token) const {
  Matcher m;
  if (token.acronym) {
    std::vector<std::string> terms{schema::term(schema::kAcronymPrefix, token.text)};
    // "NATO" may be written "Nato"; but "WHO" must not become "who".
    if (!Analyzer::is_stopword(token.text, "en")) {
      for (auto& v : variants(token)) terms.push_back(std::move(v));
    }
    m.slots.push_back(std::move(terms));
  } else {
    m.slots.push_back(variants(token));
  }
  if (!token.ideographic) {
    const auto& stems = m.slots.front();
    std::string written = schema::term(schema::kWordPrefix, token.text);
    if (std::find(stems.begin(), stems.end(), token.text) == stems.end() &&
        db_.term_exists(written)) {
      m.exact = std::move(written);
    }
  }
  return m;
}

// One word, or a phrase of consecutive words (each by its forms only). A
// run of ideographic words goes by its characters (analysis/grams.h), so
// that it matches whatever words the text around it was cut into. With
// `gaps` (another name of a country, say) the function words inside it
// are gaps and those around it dropped, unless it has nothing else.
Matcher QueryParser::run_matcher(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                                 bool gaps) const {
  auto function_word = [&](std::size_t i) {
    return gaps && !tokens[i].acronym && !tokens[i].ideographic &&
           Analyzer::is_stopword(tokens[i].text, "en");
  };
  std::size_t first = from, last = to;
  while (first < last && function_word(first)) ++first;
  while (last > first && function_word(last - 1)) --last;
  bool content = first < last;
  if (!content) first = from, last = to;
  const std::vector<Token> run(tokens.begin() + static_cast<std::ptrdiff_t>(first),
                               tokens.begin() + static_cast<std::ptrdiff_t>(last));
  std::vector<std::uint32_t> starts;
  analysis::lay_out(run, starts);
  if (run.size() == 1 && starts.back() == 1) return word_matcher(run.front());
  Matcher m;
  m.slots.resize(starts.back());  // one per position
  for (std::size_t i = 0; i < run.size(); ++i) {
    if (!run[i].ideographic && !(content && function_word(first + i)))
      m.slots[starts[i]] = word_matcher(run[i]).slots.front();
  }
  std::vector<analysis::Gram> characters, bigrams;
  analysis::append_grams(run, 0, run.size(), starts, &characters, &bigrams);
  for (auto& c : characters) m.slots[c.position] = {std::move(c.text)};
  for (const auto& b : bigrams) {
    std::string term = schema::term(schema::kBigramPrefix, b.text);
    if (std::find(m.bigrams.begin(), m.bigrams.end(), term) == m.bigrams.end())
      m.bigrams.push_back(std::move(term));
  }
  return m;
}

// Free text becomes one concept per word, except that words glued by
// hyphens ("Belt-and-Road", "COVID-19") form a phrase, and so does a run
// of Chinese, Japanese or Thai written without spaces (matched by its
// characters, as copied from a statement), and a quoted phrase as a whole.
std::vector<Concept> QueryParser::text_concepts(std::string_view text, bool as_phrase,
                                                const std::string& label) {
  std::vector<Token> tokens;
  analyzer_.tokenize(text, tokens);
  drop_split_possessives(text, tokens);
  std::vector<Concept> concepts;
  if (tokens.empty()) return concepts;
  if (as_phrase) {
    Matcher whole = run_matcher(tokens, 0, tokens.size());
    if (tokens.size() < 2 || tokens.size() > kMaxPhraseSplit || any_statement_with(whole)) {
      concepts.push_back(Concept{label, {std::move(whole)}});
      return concepts;
    }
    // No statement holds the phrase as one run of positions. Where it was
    // copied across the end of a paragraph ("... by one of their parents.
    // In particular ..."), its two sides number different passages and
    // never meet. Such a phrase matches where it runs on from the end of a
    // passage into the start of the next, at any split that some
    // statement holds both sides of.
    // (The split falls between words: in Chinese, at the position of a
    // word's first character.)
    std::vector<std::uint32_t> starts;
    analysis::lay_out(tokens, starts);
    Concept across{label, {}};
    for (std::size_t k = 1; k < tokens.size(); ++k) {
      Matcher m = whole;
      m.next_passage_at = starts[k];
      m.bigrams.clear();  // one spans the boundary, which no passage holds
      if (confine_across(m)) across.matchers.push_back(std::move(m));
    }
    if (across.matchers.empty()) across.matchers.push_back(std::move(whole));
    concepts.push_back(std::move(across));
    return concepts;
  }
  // Runs of tokens that belong together.
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    bool joins = i > 0 && (tokens[i].glued || analysis::continues_run(tokens, i));
    if (joins)
      runs.back().second = i + 1;
    else
      runs.emplace_back(i, i + 1);
  }
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // each concept's tokens
  auto add = [&](std::size_t from, std::size_t to, Matcher m) {
    concepts.push_back(Concept{
        std::string(text.substr(tokens[from].start, tokens[to - 1].end - tokens[from].start)),
        {std::move(m)}});
    spans.emplace_back(from, to);
  };
  for (auto [from, to] : runs) {
    const Token& first = tokens[from];
    bool stopword = !first.acronym && !first.ideographic && Analyzer::is_stopword(first.text, "en");
    if (to - from == 1 && stopword && !keep_stopwords_) continue;
    Matcher whole = run_matcher(tokens, from, to);
    if (whole.bigrams.empty() || to - from == 1 || any_statement_with(whole)) {
      add(from, to, std::move(whole));
      continue;
    }
    // Chinese typed without spaces that no statement holds as written
    // ("美国芯片出口管制" where statements speak of 美国 and 出口管制 apart)
    // asks for its words: each word of two characters or more, and each
    // run of single characters (a name ICU does not know: 特拉斯), dropped
    // where it is one character between longer words (的).
    const std::vector<Token> run(tokens.begin() + static_cast<std::ptrdiff_t>(from),
                                 tokens.begin() + static_cast<std::ptrdiff_t>(to));
    std::vector<std::uint32_t> starts;
    analysis::lay_out(run, starts);
    // (`from` by a copy of its own: clang 14, which builds the fuzz
    // targets, cannot capture a structured binding.)
    auto characters = [&starts, run_from = from](std::size_t i) {
      return starts[i - run_from + 1] - starts[i - run_from];
    };
    std::vector<std::pair<std::size_t, std::size_t>> words;
    bool longer = false;
    for (std::size_t i = from; i < to; ++i) {
      longer = longer || characters(i) > 1;
      if (characters(i) == 1 && i > from && characters(i - 1) == 1)
        words.back().second = i + 1;
      else
        words.emplace_back(i, i + 1);
    }
    for (auto [a, b] : words) {
      if (longer && b - a == 1 && characters(a) == 1) continue;
      add(a, b, run_matcher(tokens, a, b));
    }
  }
  alias_matchers(text, tokens, concepts, spans);
  return concepts;
}

// A country or organization named in the query also matches its other
// names: "DPRK" finds "North Korea", "SCO" the Shanghai Cooperation
// Organization. The concepts for the name's words are folded into one.
void QueryParser::alias_matchers(std::string_view text, const std::vector<Token>& tokens,
                                 std::vector<Concept>& concepts,
                                 std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  auto names_for = [&](std::string_view name) -> std::vector<std::string> {
    if (const Country* c = gazetteer_.resolve(name);
        c && lower_ascii(name) != lower_ascii(c->code)) {
      std::vector<std::string> names{c->name, c->formal_name};
      names.insert(names.end(), c->aliases.begin(), c->aliases.end());
      return names;
    }
    if (const Organization* o = gazetteer_.organization(name)) {
      std::vector<std::string> names{o->acronym, o->name};
      names.insert(names.end(), o->aliases.begin(), o->aliases.end());
      return names;
    }
    return {};
  };
  // Longest names first, over runs of up to six query words.
  for (std::size_t i = 0; i < tokens.size();) {
    // Chinese, Japanese and Thai runs make concepts that span several of
    // their words, which a name's concept must not cut: no aliases there.
    if (tokens[i].ideographic) {
      ++i;
      continue;
    }
    std::size_t best = 0;
    std::vector<std::string> names;
    for (std::size_t n = std::min<std::size_t>(6, tokens.size() - i); n >= 1; --n) {
      std::string_view name = text.substr(tokens[i].start, tokens[i + n - 1].end - tokens[i].start);
      // Short names count only in capitals: "us" is not the United States.
      if (n == 1 && name.size() <= 3 && !tokens[i].acronym) continue;
      names = names_for(name);
      if (!names.empty()) {
        best = n;
        break;
      }
    }
    if (!best) {
      ++i;
      continue;
    }
    std::string label(text.substr(tokens[i].start, tokens[i + best - 1].end - tokens[i].start));
    Concept merged{label, {}};
    merged.matchers.push_back(run_matcher(tokens, i, i + best));
    for (const auto& name : names) {
      std::vector<Token> name_tokens;
      analyzer_.tokenize(name, name_tokens);
      if (name_tokens.empty()) continue;
      Matcher m = run_matcher(name_tokens, 0, name_tokens.size(), /*gaps=*/true);
      m.scale = kAliasScale;
      // A name holding the name typed ("Republic of Armenia" for
      // "Armenia") matches nothing more, and only where the name typed
      // already counts fully.
      const auto& typed = merged.matchers.front().slots;
      if (std::search(m.slots.begin(), m.slots.end(), typed.begin(), typed.end()) != m.slots.end())
        continue;
      merged.matchers.push_back(std::move(m));
    }
    // The merged concept takes the place of those made from these words.
    std::size_t at = 0;
    while (at < spans.size() && spans[at].second <= i) ++at;
    std::size_t end = at;
    while (end < spans.size() && spans[end].first < i + best) ++end;
    concepts.erase(concepts.begin() + at, concepts.begin() + end);
    spans.erase(spans.begin() + at, spans.begin() + end);
    concepts.insert(concepts.begin() + at, std::move(merged));
    spans.insert(spans.begin() + at, {i, i + best});
    i += best;
  }
}

Xapian::Query QueryParser::date_filter(const std::string& value) {
  using schema::term;
  auto bad = [&](const std::string& why) -> QuerySyntaxError {
    return QuerySyntaxError(
        "date:" + value + " " + why +
        "; use date:2020, date:2020-07, date:2020-07-17 or a range like date:2019..2021");
  };
  auto dots = value.find("..");
  if (dots == std::string::npos) {
    auto d = Date::parse(value);
    if (!d) throw bad("is not a date");
    char buf[16];
    if (!d->month) return Xapian::Query(term(schema::kYearPrefix, value.substr(0, 4)));
    std::snprintf(buf, sizeof buf, "%04d%02d", d->year, d->month);
    if (!d->day) return Xapian::Query(term(schema::kMonthPrefix, buf));
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d->year, d->month, d->day);
    return Xapian::Query(term(schema::kDayPrefix, buf));
  }
  std::string lo_text = value.substr(0, dots), hi_text = value.substr(dots + 2);
  std::uint32_t lo = 0, hi = 99999999;
  if (!lo_text.empty()) {
    auto d = Date::parse(lo_text);
    if (!d) throw bad("has a start that is not a date");
    lo = d->sort_key();
  }
  if (!hi_text.empty()) {
    auto d = Date::parse(hi_text);
    if (!d) throw bad("has an end that is not a date");
    // An end of 2021 or 2021-06 includes the whole year or month.
    hi = d->year * 10000u + (d->month ? d->month * 100u + (d->day ? d->day : 99u) : 9999u);
  }
  if (lo > hi) throw bad("ends before it starts");
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot,
                       Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi));
}

Xapian::Query QueryParser::minister_filter(const std::string& value) {
  std::string key = index::minister_key(value);
  std::string exact = schema::term(schema::kMinisterPrefix, key);
  if (db_.term_exists(exact)) return Xapian::Query(exact);
  // Otherwise every minister whose name contains these words ("Wang", "Lavrov").
  std::vector<Xapian::Query> matches;
  std::string prefix(schema::kMinisterPrefix);
  std::string padded = " " + key + " ";
  for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
    std::string name(1, ' ');
    name.append(*t, prefix.size()).push_back(' ');
    if (name.find(padded) != std::string::npos) matches.emplace_back(*t);
  }
  if (matches.empty()) return Xapian::Query(exact);  // matches nothing, as asked
  return Xapian::Query(Xapian::Query::OP_OR, matches.begin(), matches.end());
}

Xapian::Query QueryParser::filter(const std::string& field, const std::string& value) {
  using namespace schema;
  if (field == "country" || field == "mentions" || field == "mention") {
    const Country* c = gazetteer_.resolve(value);
    if (!c) {
      throw QuerySyntaxError(field + ":" + value +
                             " names no country known to the gazetteer; use an ISO code " +
                             "such as CHN, a name such as China, or a demonym such as Chinese");
    }
    return Xapian::Query(term(field == "country" ? kCountryPrefix : kMentionPrefix, c->code));
  }
  if (field == "date" || field == "year") return date_filter(value);
  if (field == "minister") return minister_filter(value);
  if (field == "role") return Xapian::Query(term(kRolePrefix, Analyzer::fold(value)));
  if (field == "language" || field == "lang")
    return Xapian::Query(term(kLanguagePrefix, lower_ascii(value)));
  if (field == "source") return Xapian::Query(term(kSourcePrefix, Analyzer::fold(value)));
  return Xapian::Query(term(kIdPrefix, value));  // id:
}

ParsedQuery QueryParser::parse(std::string_view q) {
  if (q.size() > kMaxQueryBytes) {
    throw QuerySyntaxError("query is " + std::to_string(q.size()) + " bytes long; at most " +
                           std::to_string(kMaxQueryBytes) + " are accepted");
  }
  std::string text(q);
  repair_utf8(text);
  Reader reader(text);
  std::vector<Item> items = reader.read_all();

  // Function words are dropped unless the query has nothing else ("who are we").
  keep_stopwords_ = true;
  std::size_t words = 0;
  bool everything = false, positive_text = false;
  std::vector<std::string> unsearchable;               // text with no word in it, as written
  std::vector<std::pair<Token, std::string>> spelled;  // words sought, and as written
  std::function<void(const std::vector<Item>&)> scan = [&](const std::vector<Item>& seq) {
    for (const Item& item : seq) {
      if (item.kind == Item::kGroup) scan(item.children);
      if (item.kind == Item::kFilter) ++words;
      if (item.kind == Item::kAll) everything = true;
      if (item.kind != Item::kText && item.kind != Item::kPhrase) continue;
      std::vector<Token> tokens;
      analyzer_.tokenize(item.text, tokens);
      words += tokens.size();
      if (tokens.empty()) unsearchable.push_back(item.text);
      if (item.excluded) continue;
      positive_text = true;
      for (const Token& t : tokens) {
        if (spelled.size() < kMaxWords)
          spelled.emplace_back(t, item.text.substr(t.start, t.end - t.start));
      }
      if (item.kind != Item::kText) continue;
      for (const Token& t : tokens) {
        if (t.acronym || t.ideographic || !Analyzer::is_stopword(t.text, "en"))
          keep_stopwords_ = false;
      }
    }
  };
  scan(items);
  if (words > kMaxWords) {
    throw QuerySyntaxError("query has " + std::to_string(words) + " words and filters; at most " +
                           std::to_string(kMaxWords) + " are searched at once, shorten it");
  }

  ParsedQuery out;
  std::vector<std::pair<std::string, std::vector<Xapian::Query>>> fields;
  // Concepts of the current unit, and whether the previous item was OR.
  std::function<void(const std::vector<Item>&)> walk = [&](const std::vector<Item>& seq) {
    bool join_next = false;
    for (const Item& item : seq) {
      if (item.kind == Item::kOr) {
        join_next = !out.concepts.empty();
        continue;
      }
      if (item.kind == Item::kFilter) {
        Xapian::Query f = filter(item.field, item.text);
        std::string field = item.field == "year"      ? "date"
                            : item.field == "mention" ? "mentions"
                                                      : item.field;
        if (item.excluded) {
          out.excluded.push_back(f);
          continue;
        }
        auto it =
            std::find_if(fields.begin(), fields.end(), [&](auto& e) { return e.first == field; });
        if (it == fields.end())
          fields.emplace_back(field, std::vector<Xapian::Query>{f});
        else
          it->second.push_back(f);
        continue;
      }
      std::size_t before = out.concepts.size();
      if (item.kind == Item::kGroup) {
        walk(item.children);
      } else {
        auto made = text_concepts(item.text, item.kind == Item::kPhrase, item.text);
        if (item.excluded) {
          for (auto& c : made) {
            for (auto& m : c.matchers) {
              ParsedQuery one;
              one.concepts.push_back(Concept{c.label, {m}});
              out.excluded.push_back(one.to_xapian());
            }
          }
          continue;
        }
        out.concepts.insert(out.concepts.end(), made.begin(), made.end());
      }
      // "a OR b": the alternatives become one concept.
      if (join_next && out.concepts.size() > before && before > 0) {
        Concept& target = out.concepts[before - 1];
        for (std::size_t k = before; k < out.concepts.size(); ++k) {
          target.label += " OR " + out.concepts[k].label;
          for (auto& m : out.concepts[k].matchers) target.matchers.push_back(std::move(m));
        }
        out.concepts.resize(before);
      }
      join_next = false;
    }
  };
  walk(items);
  // A word written twice asks for nothing more ("China China ..."), and
  // would only make every candidate's passages be matched twice.
  auto same = [](const Concept& a, const Concept& b) {
    if (a.matchers.size() != b.matchers.size()) return false;
    for (std::size_t i = 0; i < a.matchers.size(); ++i) {
      const Matcher &x = a.matchers[i], &y = b.matchers[i];
      if (x.slots != y.slots || x.scale != y.scale || x.exact != y.exact) return false;
    }
    return true;
  };
  std::vector<Concept> distinct;
  for (auto& c : out.concepts) {
    if (std::none_of(distinct.begin(), distinct.end(),
                     [&](const Concept& d) { return same(c, d); })) {
      distinct.push_back(std::move(c));
    }
  }
  out.concepts = std::move(distinct);
  if (out.concepts.size() > kMaxConcepts) {
    throw QuerySyntaxError("query has " + std::to_string(out.concepts.size()) + " words; at most " +
                           std::to_string(kMaxConcepts) + " are searched at once, shorten it");
  }
  for (auto& [field, alternatives] : fields) out.filters.push_back(std::move(alternatives));
  // A query that names nothing to match must not list every statement: an
  // archive check (`index --rebuild --check`) would always pass.
  bool listing = !out.filters.empty() || !out.excluded.empty() || everything;
  if (out.concepts.empty() && !unsearchable.empty() && (positive_text || !listing))
    throw QuerySyntaxError(no_word_message(unsearchable, listing));
  if (out.concepts.empty() && !listing) {
    throw QuerySyntaxError(
        "the query is empty; write words to search for, filters alone to list statements "
        "(country:CHN date:2020), or * to list every statement");
  }
  out.warnings = reader.warnings();
  suggest_spellings(text, spelled, out);
  return out;
}

}  // namespace communique::query
