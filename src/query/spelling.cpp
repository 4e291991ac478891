#include "query/spelling.h"

#include <algorithm>

namespace communique::query {

namespace {

// Words worth a spelling suggestion: alphabetic, of a script written with
// spaces, long enough that two edits do not make any word another.
bool worth_suggesting(const Token& t) {
  if (t.ideographic || t.text.size() < 4 || t.text.size() > 64) return false;
  return std::none_of(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void suggest_spellings(const Xapian::Database& db, const Expander& expander,
                       const std::string& query, const std::vector<SoughtWord>& words,
                       ParsedQuery& out) {
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
      if (lookups >= kMaxSpellingLookups || !worth_suggesting(token) || expander.known(token))
        continue;
      ++lookups;
      try {
        suggestion = db.get_spelling_suggestion(token.text, 2);
      } catch (const Xapian::UnimplementedError&) {
        return;  // a remote shard keeps no spelling dictionary
      }
      Token suggested = token;
      suggested.text = suggestion;
      suggested.acronym = false;
      if (suggestion.empty() || suggestion == token.text || !expander.known(suggested)) continue;
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

}  // namespace communique::query
