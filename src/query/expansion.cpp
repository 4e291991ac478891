#include "query/expansion.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "analysis/grams.h"
#include "analysis/people.h"
#include "core/ascii.h"
#include "query/compile.h"
#include "query/passage_ranker.h"
#include "schema/schema.h"

namespace communique::query {

namespace {

// "Assembly s prerogatives": a possessive whose apostrophe was lost, as
// when text is copied through a tool that splits words at punctuation.
// The index holds "Assembly's" as "assembly", so a lone "s" right after a
// word is dropped rather than sought as a word of its own.
void drop_split_possessives(std::string_view text, std::vector<Token>& tokens) {
  auto lone_s = [&](std::size_t i) {
    if (i == 0 || tokens[i].text != "s" || tokens[i - 1].ideographic) return false;
    std::string_view between = text.substr(tokens[i - 1].end, tokens[i].start - tokens[i - 1].end);
    return between.size() == 1 && core::is_ascii_space(between.front());
  };
  std::size_t kept = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!lone_s(i)) tokens[kept++] = tokens[i];
  }
  tokens.resize(kept);
}

// Alias matches count this much of an exact match.
constexpr double kAliasScale = 0.7;

// The languages of the statements of `db`.
std::vector<std::string> indexed_languages(const Xapian::Database& db) {
  std::vector<std::string> languages;
  std::string prefix(schema::kLanguagePrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    languages.push_back((*t).substr(prefix.size()));
  return languages;
}

}  // namespace

Expander::Expander(const Xapian::Database& db, const Gazetteer& gazetteer)
    : db_(db), gazetteer_(gazetteer), languages_(indexed_languages(db)), policy_(languages_) {}

// Whether some statement holds a form of the word.
bool Expander::known(const Token& token) const {
  Matcher m = word_matcher(token);
  for (const auto& term : m.slots.front()) {
    if (db_.term_exists(term)) return true;
  }
  return false;
}

// Whether any statement holds what `m` matches.
bool Expander::any_statement_with(const Matcher& m) const {
  Xapian::Enquire enquire(db_);
  enquire.set_query(matcher_query(m));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// Whether a phrase across a passage boundary is anywhere. Its match query
// asks only for both sides somewhere, so the sides must be seen to meet,
// on positions, in the statements holding both; `m` is then confined to
// those (when there are too many to check, it stays as loose as that).
bool Expander::confine_across(Matcher& m) const {
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

std::vector<std::string> Expander::variants(const Token& token) const {
  std::vector<std::string> out;
  if (token.ideographic) {
    out.push_back(schema::TermEncoder::character(token.text));
    return out;
  }
  for (const auto& language : policy_.stemming()) {
    std::string t = terms_.stem(token.text, language);
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

Matcher Expander::word_matcher(const Token& token) const {
  Matcher m;
  if (token.acronym) {
    std::vector<std::string> terms{schema::TermEncoder::acronym(token.text)};
    // "NATO" may be written "Nato"; but "WHO" must not become "who".
    if (!policy_.is_function_word(token.text)) {
      for (auto& v : variants(token)) terms.push_back(std::move(v));
    }
    m.slots.push_back(std::move(terms));
  } else {
    m.slots.push_back(variants(token));
  }
  if (!token.ideographic) {
    const auto& stems = m.slots.front();
    std::string written = schema::TermEncoder::as_written(token.text);
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
Matcher Expander::run_matcher(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                              bool gaps) const {
  auto function_word = [&](std::size_t i) { return gaps && policy_.is_function_token(tokens[i]); };
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
  for (auto& c : characters) m.slots[c.position] = {schema::TermEncoder::character(c.text)};
  for (const auto& b : bigrams) {
    std::string term = schema::TermEncoder::bigram(b.text);
    if (std::find(m.bigrams.begin(), m.bigrams.end(), term) == m.bigrams.end())
      m.bigrams.push_back(std::move(term));
  }
  if (!characters.empty()) m.note = "by its characters, in order";
  return m;
}

std::vector<Concept> Expander::concepts(std::string_view text, bool as_phrase,
                                        const std::string& label) {
  std::vector<Token> tokens;
  analyzer_.tokenize(text, tokens);
  drop_split_possessives(text, tokens);
  std::vector<Concept> concepts;
  if (tokens.empty()) return concepts;
  if (as_phrase) {
    Matcher whole = run_matcher(tokens, 0, tokens.size());
    // A quoted name ("Wang Yi", "Sergey Lavrov") is sought by its other
    // names too, as unquoted.
    if (!tokens.front().ideographic) {
      if (std::vector<std::string> names = other_names(text); !names.empty()) {
        concepts.push_back(Concept{label, {std::move(whole)}});
        add_other_names(concepts.back(), names);
        return concepts;
      }
    }
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
    if (to - from == 1 && policy_.is_function_token(first) && !keep_function_words_) continue;
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

std::vector<std::string> Expander::other_names(std::string_view name) const {
  if (const Country* c = gazetteer_.resolve(name);
      c && core::ascii_lower(name) != core::ascii_lower(c->code)) {
    std::vector<std::string> names{c->name, c->formal_name};
    names.insert(names.end(), c->aliases.begin(), c->aliases.end());
    // And as the statements' own languages name it (CLDR's: 朝鲜 for
    // "North Korea" where Chinese statements are indexed).
    if (!c->alpha2.empty()) {
      icu::Locale region("", c->alpha2.c_str());
      for (const auto& language : languages_) {
        if (language == "en") continue;
        icu::UnicodeString display;
        region.getDisplayCountry(icu::Locale(language.c_str()), display);
        std::string utf8;
        display.toUTF8String(utf8);
        if (!utf8.empty() && utf8 != c->alpha2) names.push_back(std::move(utf8));
      }
    }
    return names;
  }
  if (const Organization* o = gazetteer_.organization(name)) {
    std::vector<std::string> names{o->acronym, o->name};
    names.insert(names.end(), o->aliases.begin(), o->aliases.end());
    return names;
  }
  return analysis::People::builtin().known_forms(name);
}

void Expander::add_other_names(Concept& named, const std::vector<std::string>& names) const {
  for (const auto& name : names) {
    std::vector<Token> name_tokens;
    analyzer_.tokenize(name, name_tokens);
    if (name_tokens.empty()) continue;
    Matcher m = run_matcher(name_tokens, 0, name_tokens.size(), /*gaps=*/true);
    m.scale = kAliasScale;
    m.note = "another name: " + name;
    // A name holding the name typed ("Republic of Armenia" for
    // "Armenia") matches nothing more, and only where the name typed
    // already counts fully.
    const auto& typed = named.matchers.front().slots;
    if (std::search(m.slots.begin(), m.slots.end(), typed.begin(), typed.end()) != m.slots.end())
      continue;
    named.matchers.push_back(std::move(m));
  }
}

// A country, organization or person named in the query also matches its
// other names: "DPRK" finds "North Korea", "SCO" the Shanghai Cooperation
// Organization, "Wang Yi" 王毅, "Lavrov" Лавров and 拉夫罗夫 (the people
// the table of people knows, by analysis::People::known_forms). The
// concepts for the name's words are folded into one.
void Expander::alias_matchers(std::string_view text, const std::vector<Token>& tokens,
                              std::vector<Concept>& concepts,
                              std::vector<std::pair<std::size_t, std::size_t>>& spans) {
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
      names = other_names(name);
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
    add_other_names(merged, names);
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

}  // namespace communique::query
