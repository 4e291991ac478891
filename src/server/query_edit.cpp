#include "server/query_edit.h"

#include <algorithm>
#include <vector>

#include "communique/searcher.h"

namespace communique::server {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool same_ascii_case_ignored(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// The filter field `word` names (as the query language reads it), or "".
std::string_view field_of(std::string_view word) {
  static const std::vector<std::string> fields = filter_fields();
  auto colon = word.find(':');
  if (colon == std::string_view::npos || colon + 1 >= word.size()) return {};
  std::string_view field = word.substr(0, colon);
  for (const auto& f : fields) {
    if (same_ascii_case_ignored(f, field)) return f;
  }
  return {};
}

// Calls `each(c, quoted)` for every byte of `text`, `quoted` telling
// whether it lies inside double quotes (a \" or \\ inside quotes being
// text, as the query language reads it).
template <typename F>
void each_char(std::string_view text, F&& each) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted && c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
      each(c, true);
      each(text[++i], true);
      continue;
    }
    if (c == '"') quoted = !quoted;
    each(c, quoted || c == '"');
  }
}

bool is_operator(std::string_view word) { return word == "OR" || word == "NOT" || word == "AND"; }

// Whether words[i] is a filter that can be removed or replaced alone.
bool removable(const std::vector<std::string>& words, std::size_t i) {
  const std::string& w = words[i];
  if (field_of(w).empty()) return false;
  // A bracket outside quotes groups it with its neighbours; inside quotes
  // it is part of the value (minister:"汪文斌 (Wang Wenbin)").
  bool bracket = false;
  each_char(w, [&](char c, bool quoted) { bracket |= !quoted && (c == '(' || c == ')'); });
  if (bracket) return false;
  if (i > 0 && is_operator(words[i - 1])) return false;
  if (i + 1 < words.size() && words[i + 1] == "OR") return false;
  return true;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string trimmed(std::string_view q) {
  while (!q.empty() && is_space(q.front())) q.remove_prefix(1);
  while (!q.empty() && is_space(q.back())) q.remove_suffix(1);
  return std::string(q);
}

}  // namespace

std::vector<std::string> query_words(std::string_view query) {
  std::vector<std::string> out;
  std::string word;
  each_char(query, [&](char c, bool quoted) {
    if (is_space(c) && !quoted) {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  });
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

std::string filter_word(std::string_view field, std::string_view value) {
  std::string quoted;
  bool plain = !value.empty();
  for (char c : value) {
    if (is_space(c) || c == '(' || c == ')' || c == ':' || c == '"' || c == '\\') plain = false;
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += is_space(c) ? ' ' : c;
  }
  std::string out(field);
  out += ':';
  if (plain) return out + std::string(value);
  return out + '"' + quoted + '"';
}

std::string with_word(std::string_view query, const std::string& word) {
  auto words = query_words(query);
  if (std::find(words.begin(), words.end(), word) != words.end()) return trimmed(query);
  std::string out = trimmed(query);
  return out.empty() ? word : out + " " + word;
}

std::string with_date(std::string_view query, const std::string& word) {
  auto words = query_words(query);
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view field = field_of(words[i]);
    if ((field == "date" || field == "year") && removable(words, i)) continue;
    kept.push_back(words[i]);
  }
  kept.push_back(word);
  return joined(kept);
}

std::string without_word(std::string_view query, const std::string& word) {
  auto words = query_words(query);
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == word && removable(words, i)) continue;
    kept.push_back(words[i]);
  }
  return joined(kept);
}

std::vector<std::string> removable_filters(std::string_view query) {
  auto words = query_words(query);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (removable(words, i) && std::find(out.begin(), out.end(), words[i]) == out.end())
      out.push_back(words[i]);
  }
  return out;
}

}  // namespace communique::server
