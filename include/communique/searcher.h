// Searching an index: ranked statements, each with its best passages, and
// exact facet counts over everything that matched.
//
// Query syntax (see README): words; "quoted phrases"; -excluded words;
// OR between alternatives; parentheses; and filters country:CHN
// (code, name or demonym), minister:"Wang Yi", mentions:KAZ, role:,
// date:2020, date:2020-07, date:2019..2021, date:2020-01-01..2020-06-30;
// inside quotes, \" is a double quote and \\ a backslash
// (role:"Minister \"a.i.\"").
// A query of filters (or exclusions) alone lists the matching statements
// newest first; "*" lists every statement. An empty query, or one whose
// only text has no word in it ("🇺🇦", "..."), is refused: it would
// otherwise match everything. Pasted text is answered: unbalanced
// brackets and quotes are repaired and SearchResult::warnings says how.
//
// Concurrency: a Searcher is not safe to use from several threads at once
// (not even search() alone); give each thread its own, they are cheap to
// open. Any number of Searchers, in any number of threads and processes,
// may search an index while one process writes it (communique index,
// tools/reindex, tools/update, tools/compact): each sees one committed
// state, the one it opened or last reopen()ed, and keeps answering from
// it across a rebuild or compaction that switches a new generation in.

#ifndef COMMUNIQUE_SEARCHER_H_
#define COMMUNIQUE_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "communique/export.h"
#include "communique/statement.h"

namespace communique {

struct COMMUNIQUE_EXPORT SearchOptions {
  std::size_t limit = 10;        // hits to return
  std::size_t offset = 0;        // hits to skip (paging)
  std::size_t passages = 3;      // passages per hit
  bool facets = true;            // compute facet counts
  std::size_t facet_limit = 20;  // values per facet, by count; 0 = all
  bool explain = false;          // fill Hit::explanation
  // Near-identical statements (a page indexed twice, a statement reposted
  // under a new header, a joint statement issued by each signatory) as one
  // hit, the best of them, with the others in Hit::duplicates. Paging
  // (limit, offset) counts hits so collapsed; SearchResult::total and the
  // facets count statements.
  bool collapse = true;
};

struct COMMUNIQUE_EXPORT Passage {
  std::string text;
  std::size_t start = 0;  // byte offset of text in the statement body
  std::size_t end = 0;    // one past its last byte
  double score = 0;
  // Matched words, as byte ranges [first, second) within `text`, in order;
  // words that touch (Chinese, Japanese, Thai) form one range, and a word
  // is marked whole where a query matched part of it.
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

// A statement near-identical to a hit, shown with it rather than apart.
struct COMMUNIQUE_EXPORT Duplicate {
  std::string id;
  std::string country;
  Date date;
  // Issued by the hit's country too: the same statement published twice
  // (or indexed twice), rather than one text issued by several
  // governments, as a joint statement is.
  bool same_country = false;
};

struct COMMUNIQUE_EXPORT Hit {
  std::string id;
  double score = 0;
  std::string title;
  Date date;
  std::string country;
  std::vector<std::string> ministers;
  std::vector<std::string> mentions;
  std::string role;
  std::string language;
  std::string url;
  std::vector<Passage> passages;  // best first
  std::string explanation;        // with SearchOptions::explain
  // With SearchOptions::collapse: the other statements of its group of
  // near-identical statements, oldest first (whether or not they match the
  // query: they hold nearly the same text).
  std::vector<Duplicate> duplicates;
};

struct COMMUNIQUE_EXPORT FacetValue {
  // As shown, and as a filter on the facet's field takes it
  // (country:CHN, year:2020, minister:"王毅 (Wang Yi)"). The names of one
  // person, in any script or spelling ("汪文斌", "Wang Wenbin", "WANG
  // Wenbin"), count as one value, shown in the person's own script with
  // the Latin form after it.
  std::string value;
  std::uint64_t count = 0;  // matching statements with this value
};

// The statements of each value of one field.
struct COMMUNIQUE_EXPORT Facet {
  std::string name;                // "country", "minister", "year", "mentions", "role", "language"
  std::vector<FacetValue> values;  // by count, then value
};

struct COMMUNIQUE_EXPORT Facets {
  // Every facet, in the order above (a facet no matching statement has a
  // value of is there with no values).
  std::vector<Facet> list;

  // The values of the facet `name`; none for a name that is not a facet.
  const std::vector<FacetValue>& of(std::string_view name) const;
};

// A word of the query that no statement holds, and the indexed word
// closest to it in spelling ("did you mean").
struct COMMUNIQUE_EXPORT Suggestion {
  std::string word;        // as written in the query
  std::string suggestion;  // as indexed: lower case, accents removed
};

struct COMMUNIQUE_EXPORT SearchResult {
  std::string query;
  std::uint64_t total = 0;  // exact number of matching statements
  std::vector<Hit> hits;
  Facets facets;
  // How the query was read where it differs from what was written, one
  // sentence each for the user: a quote or '(' never closed is read as
  // closed at the end of the query, a ')' that closes nothing is skipped,
  // a field name with no value ("date: 17 July") is a word. Empty when
  // the query was read as written.
  std::vector<std::string> warnings;
  // For words of the query that no statement holds, the closest words in
  // the index's spelling dictionary (words as written in the statements,
  // gathered at index time) that some statement does hold; at most 8.
  // Empty when every word is found or none is close (within two edits).
  // An index written before the dictionary existed suggests nothing.
  std::vector<Suggestion> suggestions;
  // The query with each of those words replaced by its suggestion; ""
  // when there are no suggestions.
  std::string did_you_mean;
};

struct COMMUNIQUE_EXPORT IndexStats {
  std::uint64_t statements = 0;
  std::uint64_t terms = 0;    // distinct terms
  double average_length = 0;  // words per statement
  // The live generation ("gen-000003"; "shard-00/gen-000003 ..." for an
  // archive); "" for a plain Xapian database or stub file.
  std::string generation;
  std::vector<std::pair<std::string, std::uint64_t>> languages;  // statements per language
  // Groups of near-identical statements (two or more each), and the
  // statements in them.
  std::uint64_t duplicate_groups = 0;
  std::uint64_t grouped_statements = 0;
  Facets facets;                                                 // over the whole index, all values
};

// One statement as indexed, whole, for reading it rather than finding it.
struct COMMUNIQUE_EXPORT StoredStatement {
  Statement statement;  // as indexed: the body that every passage offset refers to
  // The body's passages, in order, as byte ranges [first, second) of the body.
  std::vector<std::pair<std::size_t, std::size_t>> passages;
  // With a query: the windows it matches best, best first, marked as in
  // search() (Passage::start/end into the body); empty without a query, or
  // when the query's words are not in this statement.
  std::vector<Passage> matches;
};

// ---- Analyst views: how often a query is met over time, and where. ----

enum class TrendPeriod { kYear, kMonth };

struct COMMUNIQUE_EXPORT TrendOptions {
  TrendPeriod by = TrendPeriod::kYear;
  // "" (one series, "all"), or a facet to split by: "country", "minister"
  // or "mentions" (a field name or alias that is one of those facets).
  std::string split;
  std::size_t top = 5;  // with split: series of the `top` values with most matches
};

struct COMMUNIQUE_EXPORT TrendPoint {
  // "2019" or "2019-07"; by month, statements dated only by their year
  // (UN speeches: "2019") are the period "2019", never spread over months;
  // statements without a date are the period "undated", last.
  std::string period;
  std::uint64_t count = 0;  // matching statements of the series in the period
  std::uint64_t total = 0;  // statements of the whole index in the period
  double per_1000 = 0;      // 1000 * count / total
};

struct COMMUNIQUE_EXPORT TrendSeries {
  // "all" without a split; else the facet value as a filter takes it
  // ("CHN", "王毅 (Wang Yi)"), or "other": the matching statements that
  // have none of the values shown (for country, the series then add up to
  // the matches; a statement naming two ministers counts in both).
  std::string key;
  std::vector<TrendPoint> points;  // every period of the index, in order
};

struct COMMUNIQUE_EXPORT Trend {
  std::string query;
  std::string by;                     // "year" or "month"
  std::string split;                  // the facet's name, "" without a split
  std::uint64_t total = 0;            // matching statements (as search's total)
  std::vector<TrendSeries> series;    // by matches, "other" last
  std::vector<std::string> warnings;  // as SearchResult::warnings
};

enum class KwicSort {
  kDate,     // newest first, then by id; streams
  kCountry,  // by country, then as kDate; holds the lines in memory
  kLeft,     // by the words left of the match, nearest first; in memory
  kRight,    // by the match and the words after it; in memory
};

struct COMMUNIQUE_EXPORT KwicOptions {
  std::size_t width = 40;  // context each side, in characters (code points)
  KwicSort sort = KwicSort::kDate;
  std::size_t limit = 0;  // lines passed on, at most (0: all); all are counted
  // Sorting other than by date holds every line in memory (a few hundred
  // bytes each): a query with more occurrences than this is refused
  // (QuerySyntaxError) rather than exhaust memory.
  std::size_t max_sorted = 2'000'000;
};

// One occurrence of the query in a statement's text (body): what search
// marks in a passage (every form of a word that search matches, a phrase
// as one occurrence, a run of Chinese whole words), with its context.
// White space (line breaks included) is shown as single spaces; control
// characters are left for the caller to escape.
struct COMMUNIQUE_EXPORT Concordance {
  std::string id;
  Date date;
  std::string country;
  std::string left;  // up to `width` characters, cut at a word boundary
  std::string match;
  std::string right;      // likewise
  std::size_t start = 0;  // byte offsets of the match in the body
  std::size_t end = 0;
};

struct COMMUNIQUE_EXPORT KwicSummary {
  std::string query;
  std::uint64_t statements = 0;   // matching statements
  std::uint64_t occurrences = 0;  // exact, whatever the limit
  std::uint64_t listed = 0;       // lines passed to the callback
  bool stopped = false;           // the callback asked to stop: counts are partial
  std::vector<std::string> warnings;
};

// The names of the query syntax's filter fields and their aliases, in the
// order facets are shown: "id", "country", "minister", "ministers", "date",
// "year", ... A field name is matched whatever its ASCII case. For tools
// that read or edit queries (the server's facet links).
COMMUNIQUE_EXPORT std::vector<std::string> filter_fields();

class COMMUNIQUE_EXPORT Searcher {
 public:
  // Opens the index at `db_path`: a Communique index directory, a sharded
  // archive, a Xapian database, or a Xapian stub file listing shards
  // ("auto PATH" for a local one, "remote HOST:PORT" for one served by
  // xapian-tcpsrv); the shards are searched as one index, with one ranking
  // and one set of facet counts. Throws NotFound when nothing is there,
  // CorruptIndex when it cannot be read, IoError when a remote shard cannot
  // be reached.
  explicit Searcher(const std::string& db_path);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Runs one query and returns the hits in rank order: by passage-aware
  // score; equal scores newest first, then by id (so a sharded archive
  // ranks exactly like one database holding the same statements). Throws
  // QuerySyntaxError for a query that is empty, has no word to search for
  // and nothing else to select by, or exceeds the bounds on its work
  // (length, words, nesting), or holds a filter value that is not one
  // (country:Atlantis, date:2020-13); IoError when a remote shard fails. Retries internally when a
  // writer commits twice underneath; the result reflects one committed state.
  SearchResult search(std::string_view query, const SearchOptions& options = {});

  // The statements most like the statement `id`, best first, as a
  // SearchResult whose `query` is `id`. Alike means sharing its most
  // distinctive words (or characters, in Chinese, Japanese and Thai): the
  // 30 it holds most often relative to the whole index, by Xapian's
  // relevance feedback, leaving out function words, numbers and field
  // values; statements rank by BM25 over those words, equal scores newest
  // first, then by id, and each hit's passages are those holding most of
  // them, marked. The statement itself is never among the hits, while a
  // copy of it under another id ranks first. `total` and the facets count
  // every statement sharing at least one of the words; options as for
  // search() (Hit::explanation names the words shared). Throws NotFound,
  // naming `id`, when no statement has it; otherwise like search().
  SearchResult similar(std::string_view id, const SearchOptions& options = {});

  // Picks up the latest committed state, and a generation switched in
  // since (by a rebuild or compaction) when the stubs along the path say
  // so. Cheap when nothing changed: long-lived searchers call it between
  // queries. A remote shard switched to a new generation is seen by the
  // next connection (a new Searcher), as xapian-tcpsrv opens the database
  // per connection. Throws like the constructor.
  void reopen();

  // Describes the whole index (every shard). Throws like search().
  IndexStats stats();

  // The statement indexed under `id` (exactly), with its passages; with a
  // non-empty `query`, also the windows that query matches in it, at most
  // `passages` of them. Throws NotFound when no statement has that id,
  // QuerySyntaxError for a malformed query, and otherwise like search().
  StoredStatement statement(std::string_view id, std::string_view query = {},
                            std::size_t passages = 3);

  // How many statements match `query` in each year or month, against how
  // many the index holds then; split, with options.split, by the values of
  // a facet. Counts are exact and the same as search's: a series' count
  // for 2019 is the total of `QUERY date:2019` (with the series' filter).
  // Throws like search(), and InvalidArgument for a split that is not
  // country, minister or mentions.
  Trend trend(std::string_view query, const TrendOptions& options = {});

  // Calls `each` with every occurrence of the query in the text of every
  // matching statement, statement by statement in options.sort order, and
  // within one in the order of the text; `each` returns false to stop.
  // By date the lines stream, in memory bounded by one page of statements
  // however many there are; other sorts hold every line until all are
  // found (refused past options.max_sorted). Returns the counts. Throws
  // like search(); lines already passed on stay valid.
  KwicSummary kwic(std::string_view query, const KwicOptions& options,
                   const std::function<bool(const Concordance&)>& each);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace communique

#endif  // COMMUNIQUE_SEARCHER_H_
