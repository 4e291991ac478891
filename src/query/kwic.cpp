#include "query/kwic.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

#include "analysis/grams.h"
#include "communique/analyzer.h"
#include "communique/error.h"
#include "index/stored_fields.h"
#include "query/passage_ranker.h"
#include "query/query_parser.h"
#include "query/searcher_impl.h"
#include "schema/schema.h"

namespace communique {

namespace query {

namespace {

constexpr UChar32 kSpace = 0x20;

bool is_space(UChar32 c) { return c == kSpace || u_isUWhiteSpace(c); }

void append_utf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  std::int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(n));
}

// Up to `width` characters read from `at` towards one end of `body`
// (backwards for the left context), nearest first, white space single:
// the context and whether it was cut there mid-word. A run of spaces
// longer than this many bytes ends the context: hostile text may hold
// megabytes of them.
constexpr std::size_t kMaxScan = 1 << 16;

template <bool kBackwards>
std::vector<UChar32> context(std::string_view body, std::size_t at, std::size_t width) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(body.data());
  auto length = static_cast<std::int32_t>(body.size());
  auto i = static_cast<std::int32_t>(at);
  std::vector<UChar32> out;  // nearest first
  // One character more than asked, to tell whether a word is cut.
  std::size_t scanned = 0;
  while (out.size() <= width && (kBackwards ? i > 0 : i < length) && scanned < kMaxScan) {
    UChar32 c;
    std::int32_t before = i;
    if constexpr (kBackwards)
      U8_PREV(s, 0, i, c);
    else
      U8_NEXT(s, i, length, c);
    scanned += static_cast<std::size_t>(kBackwards ? before - i : i - before);
    if (c < 0) c = 0xFFFD;
    if (is_space(c)) {
      if (!out.empty() && out.back() == kSpace) continue;
      c = kSpace;
    }
    out.push_back(c);
  }
  if (out.size() > width) {
    // Cut: where a word runs on past the cut, drop its part, back to the
    // last space before it (if there is one: Chinese has none).
    bool mid_word = out[width] != kSpace && width > 0 && out[width - 1] != kSpace;
    out.resize(width);
    if (mid_word) {
      auto space = std::find(out.rbegin(), out.rend(), kSpace);
      if (space != out.rend()) out.erase(std::prev(space.base()), out.end());
    }
  }
  // No space at the far end.
  while (!out.empty() && out.back() == kSpace && out.size() > 1) out.pop_back();
  return out;
}

}  // namespace

std::string left_context(std::string_view body, std::size_t at, std::size_t width) {
  std::vector<UChar32> chars = context<true>(body, at, width);
  std::string out;
  for (auto c = chars.rbegin(); c != chars.rend(); ++c) append_utf8(out, *c);
  return out;
}

std::string right_context(std::string_view body, std::size_t at, std::size_t width) {
  std::string out;
  for (UChar32 c : context<false>(body, at, width)) append_utf8(out, c);
  return out;
}

std::string single_spaced(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  auto length = static_cast<std::int32_t>(text.size());
  std::string out;
  out.reserve(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xFFFD;
    if (is_space(c)) {
      if (!out.empty() && out.back() == ' ') continue;
      c = kSpace;
    }
    append_utf8(out, c);
  }
  return out;
}

}  // namespace query

namespace {

// Statements read per page of the listing by date: the first page small,
// so that the first lines come at once, then larger, up to a bound that
// keeps memory (docids, prefetched positions) small whatever matches.
constexpr Xapian::doccount kFirstPage = 32;
constexpr Xapian::doccount kLargestPage = 2048;

// Byte ranges [start, end) of a statement's body.
using Range = std::pair<std::size_t, std::size_t>;

// Finds a statement's occurrences in its body from the positions the
// ranker matched, as search marks them: each match covers the words
// (tokens, laid out as indexed) holding its first to last positions, and
// matches that overlap or touch (Chinese words, written without spaces)
// are one occurrence.
class Occurrences {
 public:
  std::vector<Range> find(const index::StoredFields& fields,
                          const std::vector<std::pair<Xapian::termpos, Xapian::termpos>>& matches) {
    laid_out_.clear();
    std::vector<Range> ranges;
    for (const auto& [first, last] : matches) {
      std::uint32_t p = schema::passage_of(first), q = schema::passage_of(last);
      // Passage 0 is the title, which kwic does not list.
      if (p == 0 || q > fields.passages.size() || q < p) continue;
      const Passage& from = passage(fields, p);
      const Passage& to = passage(fields, q);
      Xapian::termpos a = first & schema::kMaxWordInPassage, b = last & schema::kMaxWordInPassage;
      // The first word whose positions reach `a`, the last that starts by `b`.
      std::size_t w0 = 0;
      while (w0 < from.tokens.size() && from.starts[w0 + 1] <= a) ++w0;
      if (w0 == from.tokens.size()) continue;
      std::size_t w1 = to.tokens.size();
      while (w1 > 0 && to.starts[w1 - 1] > b) --w1;
      if (w1 == 0) continue;
      --w1;
      std::size_t start = fields.passages[p - 1].start + from.tokens[w0].start;
      std::size_t end = fields.passages[q - 1].start + to.tokens[w1].end;
      if (end > start) ranges.emplace_back(start, end);
    }
    std::sort(ranges.begin(), ranges.end());
    std::vector<Range> merged;
    for (const Range& r : ranges) {
      if (!merged.empty() && r.first <= merged.back().second)
        merged.back().second = std::max(merged.back().second, r.second);
      else
        merged.push_back(r);
    }
    return merged;
  }

 private:
  struct Passage {
    std::vector<Token> tokens;
    std::vector<std::uint32_t> starts;
  };

  // Passage `p` (1-based) tokenised and laid out, once per statement.
  const Passage& passage(const index::StoredFields& fields, std::uint32_t p) {
    auto [it, fresh] = laid_out_.try_emplace(p);
    if (fresh) {
      const auto& span = fields.passages[p - 1];
      analyzer_.tokenize(
          std::string_view(fields.statement.body).substr(span.start, span.end - span.start),
          it->second.tokens);
      analysis::lay_out(it->second.tokens, it->second.starts);
    }
    return it->second;
  }

  Analyzer analyzer_;
  std::unordered_map<std::uint32_t, Passage> laid_out_;
};

// What lines sort by, nearest words first for the left context: the
// words folded (case, accents), so that "Peace" and "peace" sort together.
std::string sort_key(const Concordance& line, KwicSort sort) {
  std::vector<std::string> words;
  auto add_words = [&](std::string_view text) {
    for (std::size_t from = 0; from < text.size();) {
      std::size_t to = text.find(' ', from);
      if (to == std::string_view::npos) to = text.size();
      if (to > from) words.push_back(Analyzer::fold(text.substr(from, to - from)));
      from = to + 1;
    }
  };
  if (sort == KwicSort::kLeft) {
    add_words(line.left);
    std::reverse(words.begin(), words.end());
  } else {
    add_words(line.match);
    add_words(line.right);
  }
  std::string key;
  for (const auto& w : words) {
    key += w;
    key += '\x01';  // below any character of a word: shorter sorts first
  }
  return key;
}

}  // namespace

KwicSummary Searcher::Impl::kwic(std::string_view text, const KwicOptions& options,
                                 const std::function<bool(const Concordance&)>& each,
                                 std::uint64_t& emitted) {
  const Xapian::Database& db = reader.db();
  query::QueryParser parser(db, gazetteer);
  query::ParsedQuery parsed = parser.parse(text);
  if (!parsed.has_text()) {
    throw QuerySyntaxError("\"" + std::string(text) +
                           "\" has no word to find (filters alone); a concordance lists where "
                           "words occur: add one (peace country:CHN)");
  }
  const Xapian::Query match = parsed.to_xapian();
  query::PassageRanker ranker(db, parsed);
  Occurrences occurrences;

  KwicSummary summary;
  summary.query = std::string(text);
  summary.warnings = std::move(parsed.warnings);
  const bool streams = options.sort == KwicSort::kDate;
  std::vector<Concordance> held;  // sorted before they are passed on

  auto line_of = [&](const Statement& s, const Range& r) {
    Concordance line;
    line.id = s.id;
    line.date = s.date;
    line.country = s.country;
    line.left = query::left_context(s.body, r.first, options.width);
    line.match = query::single_spaced(std::string_view(s.body).substr(r.first, r.second - r.first));
    line.right = query::right_context(s.body, r.second, options.width);
    line.start = r.first;
    line.end = r.second;
    return line;
  };

  // Newest first, then by id (the order slot, descending), a page at a
  // time: each page is the matches at or below the last page's last key,
  // less those already read at that key.
  Xapian::Enquire enquire(db);
  enquire.set_sort_by_value(schema::kOrderSlot, true);
  std::string bound;
  std::set<Xapian::docid> read_at_bound;
  Xapian::doccount page = kFirstPage;
  for (bool first = true;; first = false) {
    enquire.set_query(first ? match
                            : Xapian::Query(Xapian::Query::OP_FILTER, match,
                                            Xapian::Query(Xapian::Query::OP_VALUE_LE,
                                                          schema::kOrderSlot, bound)));
    Xapian::doccount asked = page + static_cast<Xapian::doccount>(read_at_bound.size());
    Xapian::MSet mset = enquire.get_mset(0, asked);
    // (Keys are unique but where one id is in two shards: a page then
    // ends among equal keys, and the next starts with the rest of them.)
    auto read_before = [&](const Xapian::MSetIterator& it) {
      return !first && read_at_bound.count(*it) && it.get_sort_key() == bound;
    };
    std::vector<Xapian::docid> docids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (!read_before(it)) docids.push_back(*it);
    }
    if (docids.empty()) break;
    ranker.prefetch(docids);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (read_before(it)) continue;
      ++summary.statements;
      index::StoredFields fields = index::decode(it.get_document().get_data());
      std::vector<Range> found = occurrences.find(fields, ranker.matches(*it));
      summary.occurrences += found.size();
      for (const Range& r : found) {
        if (streams) {
          if (options.limit && summary.listed >= options.limit) break;  // counted, not listed
          ++summary.listed;
          ++emitted;
          if (!each(line_of(fields.statement, r))) {
            summary.stopped = true;
            return summary;
          }
        } else {
          if (held.size() >= options.max_sorted) {
            throw QuerySyntaxError(
                "\"" + std::string(text) + "\" has more than " +
                std::to_string(options.max_sorted) +
                " occurrences, too many to hold in memory and sort; sort by date (which streams) "
                "or narrow the query");
          }
          held.push_back(line_of(fields.statement, r));
        }
      }
    }
    if (mset.size() < asked) break;  // the last page
    std::string new_bound = (--mset.end()).get_sort_key();
    if (new_bound != bound) read_at_bound.clear();
    bound = new_bound;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (it.get_sort_key() == bound) read_at_bound.insert(*it);
    }
    page = std::min(page * 2, kLargestPage);
  }

  if (!streams) {
    if (options.sort == KwicSort::kCountry) {
      std::stable_sort(held.begin(), held.end(), [](const Concordance& a, const Concordance& b) {
        return a.country < b.country;
      });
    } else {
      std::vector<std::pair<std::string, std::size_t>> keys;
      keys.reserve(held.size());
      for (std::size_t i = 0; i < held.size(); ++i)
        keys.emplace_back(sort_key(held[i], options.sort), i);
      std::stable_sort(keys.begin(), keys.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<Concordance> sorted;
      sorted.reserve(held.size());
      for (const auto& k : keys) sorted.push_back(std::move(held[k.second]));
      held = std::move(sorted);
    }
    for (const Concordance& line : held) {
      if (options.limit && summary.listed >= options.limit) break;
      ++summary.listed;
      ++emitted;
      if (!each(line)) {
        summary.stopped = true;
        break;
      }
    }
  }
  return summary;
}

KwicSummary Searcher::kwic(std::string_view query, const KwicOptions& options,
                           const std::function<bool(const Concordance&)>& each) {
  // As on_one_state, but a listing is retried from the start only while
  // nothing of it has been passed on: lines already out stay valid, and
  // would come again.
  std::string what = "listing occurrences in " + impl_->reader.path();
  for (int attempt = 1;; ++attempt) {
    std::uint64_t emitted = 0;
    try {
      return impl_->kwic(query, options, each, emitted);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (emitted > 0)
        core::rethrow(e, what + " (the index changed underneath after " + std::to_string(emitted) +
                             " lines; run it again)");
      if (attempt >= query::kReadAttempts)
        core::rethrow(e, what + " (a writer kept committing underneath; try again)");
      impl_->reopen();
    } catch (const Xapian::Error& e) {
      core::rethrow(e, what);
    }
  }
}

}  // namespace communique
