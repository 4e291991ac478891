// Searching an index: ranked statements, each with its best passages, and
// exact facet counts over everything that matched.
//
// Query syntax (see README): words; "quoted phrases"; -excluded words;
// OR between alternatives; parentheses; and filters country:CHN
// (code, name or demonym), minister:"Wang Yi", mentions:KAZ, role:,
// date:2020, date:2020-07, date:2019..2021, date:2020-01-01..2020-06-30.
// A query of filters alone lists the matching statements newest first.

#ifndef COMMUNIQUE_SEARCHER_H_
#define COMMUNIQUE_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "communique/export.h"
#include "communique/statement.h"

namespace communique {

struct COMMUNIQUE_EXPORT SearchOptions {
  std::size_t limit = 10;    // hits to return
  std::size_t offset = 0;    // hits to skip (paging)
  std::size_t passages = 3;  // passages per hit
  bool facets = true;        // compute facet counts
  std::size_t facet_limit = 20;  // values per facet, by count; 0 = all
  bool explain = false;      // fill Hit::explanation
};

struct COMMUNIQUE_EXPORT Passage {
  std::string text;
  std::size_t start = 0;  // byte offset of text in the statement body
  std::size_t end = 0;    // one past its last byte
  double score = 0;
  // Matched words, as byte ranges [first, second) within `text`.
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
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
};

struct COMMUNIQUE_EXPORT FacetValue {
  std::string value;
  std::uint64_t count = 0;  // matching statements with this value
};

struct COMMUNIQUE_EXPORT Facets {
  std::vector<FacetValue> country;   // by count, then value
  std::vector<FacetValue> minister;
  std::vector<FacetValue> year;
};

struct COMMUNIQUE_EXPORT SearchResult {
  std::string query;
  std::uint64_t total = 0;  // exact number of matching statements
  std::vector<Hit> hits;
  Facets facets;
};

struct COMMUNIQUE_EXPORT IndexStats {
  std::uint64_t statements = 0;
  std::uint64_t terms = 0;         // distinct terms
  double average_length = 0;       // words per statement
  std::string generation;          // the live generation's directory
  std::vector<std::pair<std::string, std::uint64_t>> languages;  // statements per language
  Facets facets;                   // over the whole index, all values
};

class COMMUNIQUE_EXPORT Searcher {
 public:
  // Opens the index at `db_path`: a Communique index directory, a Xapian
  // database, or a Xapian stub file listing shards ("auto PATH" or
  // "remote HOST:PORT" lines). Throws NotFound when nothing is there,
  // CorruptIndex when it cannot be read.
  explicit Searcher(const std::string& db_path);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Runs one query. Throws QuerySyntaxError for a malformed or unbounded
  // query. Retries internally when a writer commits underneath; the result
  // reflects one committed state.
  //
  // Thread-safety: a Searcher is not safe to use from several threads at
  // once; give each thread its own (they are cheap to open). Any number of
  // processes may search while one process indexes.
  SearchResult search(std::string_view query, const SearchOptions& options = {});

  // Picks up the latest committed state (and a newly switched generation).
  void reopen();

  IndexStats stats();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace communique

#endif  // COMMUNIQUE_SEARCHER_H_
