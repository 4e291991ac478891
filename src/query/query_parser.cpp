#include "query/query_parser.h"

#include <algorithm>
#include <functional>

#include "communique/error.h"
#include "core/ascii.h"
#include "query/compile.h"
#include "query/expansion.h"
#include "query/filters.h"
#include "query/spelling.h"
#include "query/syntax.h"

namespace communique::query {

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
      run = core::is_ascii_space(c) ? 0 : run + 1;
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

}  // namespace

QueryParser::QueryParser(const Xapian::Database& db, const Gazetteer& gazetteer)
    : db_(db), gazetteer_(gazetteer) {}

ParsedQuery QueryParser::parse(std::string_view q) {
  if (q.size() > kMaxQueryBytes) {
    throw QuerySyntaxError("query is " + std::to_string(q.size()) + " bytes long; at most " +
                           std::to_string(kMaxQueryBytes) + " are accepted");
  }
  std::string text(q);
  repair_utf8(text);
  QuerySyntax syntax = read_query(text);
  Expander expander(db_, gazetteer_);

  // Function words are dropped unless the query has nothing else ("who are we").
  bool keep_function_words = true;
  std::size_t words = 0;
  bool everything = false, positive_text = false;
  std::vector<std::string> unsearchable;  // text with no word in it, as written
  std::vector<SoughtWord> spelled;        // words sought, and as written
  std::function<void(const std::vector<QueryItem>&)> scan = [&](const std::vector<QueryItem>& seq) {
    for (const QueryItem& item : seq) {
      if (item.kind == QueryItem::kGroup) scan(item.children);
      if (item.kind == QueryItem::kFilter) ++words;
      if (item.kind == QueryItem::kAll) everything = true;
      if (item.kind != QueryItem::kText && item.kind != QueryItem::kPhrase) continue;
      std::vector<Token> tokens;
      expander.analyzer().tokenize(item.text, tokens);
      words += tokens.size();
      if (tokens.empty()) unsearchable.push_back(item.text);
      if (item.excluded) continue;
      positive_text = true;
      for (const Token& t : tokens) {
        if (spelled.size() < kMaxWords)
          spelled.emplace_back(t, item.text.substr(t.start, t.end - t.start));
      }
      if (item.kind != QueryItem::kText) continue;
      for (const Token& t : tokens) {
        if (!expander.policy().is_function_token(t)) keep_function_words = false;
      }
    }
  };
  scan(syntax.items);
  expander.keep_function_words(keep_function_words);
  if (words > kMaxWords) {
    throw QuerySyntaxError("query has " + std::to_string(words) + " words and filters; at most " +
                           std::to_string(kMaxWords) + " are searched at once, shorten it");
  }

  ParsedQuery out;
  std::vector<std::pair<std::string, std::vector<Xapian::Query>>> fields;
  // Concepts of the current unit, and whether the previous item was OR.
  std::function<void(const std::vector<QueryItem>&)> walk = [&](const std::vector<QueryItem>& seq) {
    bool join_next = false;
    for (const QueryItem& item : seq) {
      if (item.kind == QueryItem::kOr) {
        join_next = !out.concepts.empty();
        continue;
      }
      if (item.kind == QueryItem::kFilter) {
        Xapian::Query f = filter_query(*item.field, item.text, db_, gazetteer_);
        std::string field(item.field->name);
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
      if (item.kind == QueryItem::kGroup) {
        walk(item.children);
      } else {
        auto made = expander.concepts(item.text, item.kind == QueryItem::kPhrase, item.text);
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
  walk(syntax.items);
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
  out.warnings = std::move(syntax.warnings);
  suggest_spellings(db_, expander, text, spelled, out);
  return out;
}

}  // namespace communique::query
