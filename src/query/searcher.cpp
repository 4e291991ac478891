#include "communique/searcher.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include "analysis/grams.h"
#include "communique/analyzer.h"
#include "communique/error.h"
#include "communique/gazetteer.h"
#include "core/io_error.h"
#include "core/xapian_error.h"
#include "index/index_dir.h"
#include "schema/schema.h"
#include "index/stored_fields.h"
#include "query/facet_table.h"
#include "query/passage_ranker.h"
#include "query/query_parser.h"

namespace communique {

namespace fs = std::filesystem;

namespace {


// Candidates re-ranked by passage evidence; deeper costs time, shallower
// loses statements whose best passage is strong but whose BM25 is not.
constexpr Xapian::doccount kRerankDepth = 120;
// And this many more, of those holding every query word in one passage.
constexpr Xapian::doccount kProximityDepth = 80;
// Word positions within which the query words count as in one passage.
constexpr Xapian::termcount kPassageWindow = 200;
// Attempts at a query while writers commit underneath (each attempt
// reopens at the latest commit), and at opening an index whose stub a
// rebuild switches meanwhile. Bounded: a reader never spins forever.
constexpr int kRetries = 8;

Xapian::Weight* make_weight() {
  // Statements run from a paragraph to forty pages: soften BM25's length
  // normalisation, the passage evidence handles long statements.
  return new Xapian::BM25Weight(1.2, 0, 1, 0.5, 0.5);
}

std::vector<FacetValue> sorted_facet(const std::map<std::string, std::uint64_t>& counts,
                                     std::size_t limit) {
  std::vector<FacetValue> out;
  out.reserve(counts.size());
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (limit && out.size() > limit) out.resize(limit);
  return out;
}

void add_counts(const Xapian::ValueCountMatchSpy& spy,
                std::map<std::string, std::uint64_t>& counts) {
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) counts[*v] += v.get_termfreq();
}

// The facet spies of one query: stock ValueCountMatchSpy objects only, so
// they also run on remote shards served by xapian-tcpsrv.
struct FacetSpies {
  Xapian::ValueCountMatchSpy country{schema::kCountrySlot};
  Xapian::ValueCountMatchSpy year{schema::kYearSlot};
  Xapian::ValueCountMatchSpy ministers{schema::kMinistersSlot};

  void attach(Xapian::Enquire& enquire) {
    enquire.add_matchspy(&country);
    enquire.add_matchspy(&year);
    enquire.add_matchspy(&ministers);
  }

  Facets collect(std::size_t limit) const {
    Facets f;
    std::map<std::string, std::uint64_t> counts;
    add_counts(country, counts);
    f.country = sorted_facet(counts, limit);
    counts.clear();
    add_counts(year, counts);
    f.year = sorted_facet(counts, limit);
    counts.clear();
    // Each value lists the ministers of some statements.
    for (auto v = ministers.values_begin(); v != ministers.values_end(); ++v) {
      const std::string& names = *v;
      for (std::size_t start = 0; start <= names.size();) {
        std::size_t end = names.find(schema::kListSeparator, start);
        if (end == std::string::npos) end = names.size();
        if (end > start) counts[names.substr(start, end - start)] += v.get_termfreq();
        start = end + 1;
      }
    }
    f.minister = sorted_facet(counts, limit);
    return f;
  }
};

// What the local stubs along `path` say: an index directory's stub, an
// archive's stub and each shard's, or a stub file and the local databases
// it names. Changes exactly when a writer switches a generation in.
std::string stub_fingerprint(const fs::path& path, int depth = 0) {
  index::Stub stub = index::Stub::read(path);
  std::string out = stub.text();
  if (depth > 4) return out;
  for (const auto& child : stub.local_paths()) out += stub_fingerprint(child, depth + 1);
  return out;
}

// The databases `path` opens as: how many local ones (following stubs
// through index directories and archives), and whether any is remote.
struct Layout {
  int local = 0;
  bool remote = false;
};

Layout layout_of(const fs::path& path, int depth = 0) {
  index::Stub stub = index::Stub::read(path);
  if (stub.kind() == index::Stub::Kind::kAbsent) return {1, false};  // a database directory
  Layout out{stub.in_memory(), stub.names_remote()};
  if (depth > 4) return out;
  for (const auto& child : stub.local_paths()) {
    Layout inner = layout_of(child, depth + 1);
    out.local += inner.local;
    out.remote = out.remote || inner.remote;
  }
  return out;
}

// Why the index directory `dir` (or a shard of it) cannot be searched, or
// "" when it can. `db` is the directory the user named.
std::string problem_of(const fs::path& dir, const fs::path& db, int depth = 0) {
  using Kind = index::DirState::Kind;
  index::DirState state = index::IndexDir(dir, db).state();
  switch (state.kind) {
    case Kind::kCorrupt:
      return state.problem;
    case Kind::kNothing:
      if (depth == 0) {
        throw NotFound(dir.string() +
                       " is a directory but not an index; point --db at a directory made by "
                       "`communique index`");
      }
      return "archive " + db.string() + " lists " + dir.filename().string() +
             ", which holds no index, and its statements are gone; rebuild the archive from its "
             "sources with `communique index --rebuild --db " +
             db.string() + " SOURCES...`";
    case Kind::kArchive:
      for (const auto& shard : state.stub.shards()) {
        if (depth > 0) break;
        std::string problem = problem_of(dir / shard, db, depth + 1);
        if (!problem.empty()) return problem;
      }
      return {};
    case Kind::kIndex:
    case Kind::kDatabase:
      return {};
  }
  return {};
}

}  // namespace

struct Searcher::Impl {
  std::string path;
  Xapian::Database db;
  std::string fingerprint;
  const Gazetteer& gazetteer = Gazetteer::builtin();
  Analyzer analyzer;
  // Facets are counted from a FacetTable for one local database; shards
  // run Xapian's stock match spies (xapian-tcpsrv knows no others, and
  // Xapian 1.4 shows a spy each shard's own docids, which shards share).
  bool stock_spies = false;
  // The facet values of the state `db` is at; read at its first use.
  std::unique_ptr<query::FacetTable> facet_table;

  explicit Impl(std::string p) : path(std::move(p)) { open(); }

  void reopen() {
    try {
      if (stub_fingerprint(path) != fingerprint) {
        open();
      } else if (db.reopen()) {
        facet_table.reset();
      }
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "reopening index " + path);
    }
  }

  const query::FacetTable& facets_of_state() {
    if (!facet_table) facet_table = std::make_unique<query::FacetTable>(db);
    return *facet_table;
  }

  // Counts the facets of `query`'s matches over the whole match set, and
  // returns the exact number of matches.
  std::uint64_t count_facets(const Xapian::Query& query, std::size_t limit, Facets& out) {
    Xapian::Enquire counting(db);
    counting.set_query(query);
    // (Not BoolWeight: it saves little, and Xapian 1.4.22 then reads some
    // posting lists of merged generations wrongly, "Unexpected end of
    // posting list"; tests/tools meets one.)
    Xapian::doccount everything = std::max<Xapian::doccount>(db.get_doccount(), 1);
    if (stock_spies) {
      FacetSpies spies;
      spies.attach(counting);
      auto total = counting.get_mset(0, 0, everything).get_matches_estimated();
      out = spies.collect(limit);
      return total;
    }
    query::FacetTable::Counter counter(facets_of_state());
    counting.add_matchspy(&counter);
    auto total = counting.get_mset(0, 0, everything).get_matches_estimated();
    out = counter.facets(limit);
    return total;
  }

  void open() {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      throw NotFound("no index at " + path + "; create one with `communique index --db " + path +
                     " FILES...` (or set COMMUNIQUE_DB)");
    }
    bool directory = fs::is_directory(path, ec);
    for (int attempt = 1;; ++attempt) {
      // Read before opening: if a switch happens in between, the next
      // reopen() sees a changed fingerprint and opens again.
      std::string fp = stub_fingerprint(path);
      // A damaged index is named as such, never opened as something else
      // (Xapian would open an empty stub as an empty database).
      std::string problem = directory ? problem_of(path, path) : std::string();
      if (!problem.empty()) {
        // Unless a rebuild switched generations while we looked.
        if (attempt < kRetries && stub_fingerprint(path) != fp) continue;
        throw CorruptIndex(problem);
      }
      try {
        db = Xapian::Database(path);
        index::require_current_format(db, path);
        Layout layout = layout_of(path);
        stock_spies = layout.remote || layout.local != 1;
        facet_table.reset();
        fingerprint = std::move(fp);
        return;
      } catch (const Xapian::Error& e) {
        // A rebuild may have switched the stub and removed the generation
        // it named between our reading the stub and opening the tables.
        if (attempt < kRetries && !fp.empty() && stub_fingerprint(path) != fp) continue;
        std::string_view type = e.get_type();
        int err = core::errno_of(e);
        if (directory && err != EMFILE && err != ENFILE &&
            (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")) {
          // Its stubs are sound (checked above), so a generation they name
          // is damaged.
          std::string what = e.get_msg();
          if (const char* detail = e.get_error_string(); detail && *detail)
            what += std::string(" (") + detail + ")";
          throw CorruptIndex("index " + path + ": a live generation cannot be opened: " + what +
                             "; point the stub at the newest complete generation with "
                             "`communique repair --db " +
                             path +
                             "`, or rebuild it from its sources with "
                             "`communique index --rebuild --db " +
                             path + " SOURCES...`");
        }
        core::rethrow(e, "opening index " + path);
      }
    }
  }

  IndexStats stats();
  StoredStatement stored(std::string_view id, std::string_view query, std::size_t passages);

  SearchResult run(std::string_view text, const SearchOptions& options) {
    query::QueryParser parser(db, gazetteer);
    query::ParsedQuery parsed = parser.parse(text);

    Xapian::Enquire enquire(db);
    enquire.set_query(parsed.to_xapian());
    if (parsed.has_text()) {
      enquire.set_weighting_scheme(*std::unique_ptr<Xapian::Weight>(make_weight()));
      // Equal weights: newest first, then by id, never by docid, so that a
      // sharded archive ranks exactly as one database would.
      enquire.set_sort_by_relevance_then_value(schema::kOrderSlot, true);
    } else {
      // Filters alone: a listing, newest first.
      enquire.set_sort_by_value_then_relevance(schema::kOrderSlot, true);
    }

    SearchResult result;
    result.query = std::string(text);
    result.warnings = std::move(parsed.warnings);
    for (auto& [word, suggestion] : parsed.suggestions)
      result.suggestions.push_back({std::move(word), std::move(suggestion)});
    result.did_you_mean = std::move(parsed.did_you_mean);
    Xapian::doccount everything = std::max<Xapian::doccount>(db.get_doccount(), 1);
    // Paging past the end asks for nothing more than the whole index.
    auto offset = static_cast<Xapian::doccount>(std::min<std::size_t>(options.offset, everything));
    auto limit = static_cast<Xapian::doccount>(std::min<std::size_t>(options.limit, everything));
    auto wanted = static_cast<Xapian::doccount>(
        std::min<std::size_t>(std::size_t{offset} + limit, everything));
    // Facets are counted over the whole match set. For one local index the
    // ranking pass counts them as it goes (it then visits every match, but
    // once); shards need a pass of their own that returns no hits, as
    // Xapian 1.4 shows the match spies of remote shards the returned hits
    // again when results are sorted by value, counting them twice.
    std::optional<query::FacetTable::Counter> counter;
    bool one_pass = options.facets && !stock_spies;
    if (one_pass) {
      counter.emplace(facets_of_state());
      enquire.add_matchspy(&*counter);
    } else if (options.facets) {
      result.total = count_facets(enquire.get_query(), options.facet_limit, result.facets);
    }
    Xapian::doccount check = options.facets && !one_pass ? 0 : everything;

    if (!parsed.has_text()) {
      Xapian::MSet mset = enquire.get_mset(offset, limit, check);
      if (!options.facets || one_pass) result.total = mset.get_matches_estimated();
      if (one_pass) result.facets = counter->facets(options.facet_limit);
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        result.hits.push_back(make_hit(*it, 0, nullptr, options));
      }
      return result;
    }

    Xapian::MSet mset = enquire.get_mset(0, std::max(kRerankDepth, wanted), check);
    if (!options.facets || one_pass) result.total = mset.get_matches_estimated();
    if (one_pass) result.facets = counter->facets(options.facet_limit);
    // Statements with every word in one passage, however long they are and
    // however common the words: whole-statement BM25 ranks a long speech
    // low for a short query, though one of its paragraphs answers it.
    std::vector<std::pair<Xapian::docid, double>> pool;
    for (auto it = mset.begin(); it != mset.end(); ++it) pool.emplace_back(*it, it.get_weight());
    if (parsed.concepts.size() >= 2) {
      Xapian::Enquire near(db);
      near.set_query(parsed.proximity_query(kPassageWindow));
      near.set_weighting_scheme(*std::unique_ptr<Xapian::Weight>(make_weight()));
      near.set_sort_by_relevance_then_value(schema::kOrderSlot, true);
      std::unordered_set<Xapian::docid> seen;
      for (const auto& [docid, w] : pool) seen.insert(docid);
      Xapian::MSet extra = near.get_mset(0, kProximityDepth);
      for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!seen.count(*it)) pool.emplace_back(*it, 0.0);
      }
    }

    query::PassageRanker ranker(db, parsed);
    std::vector<Xapian::docid> docids;
    for (const auto& [docid, bm25] : pool) docids.push_back(docid);
    ranker.prefetch(std::move(docids));

    struct Candidate {
      Xapian::docid docid;
      double bm25;
      double score;
      query::DocumentEvidence evidence;
    };
    std::vector<Candidate> candidates;
    candidates.reserve(pool.size());
    double max_bm25 = mset.get_max_attained();
    for (const auto& [docid, bm25] : pool) {
      Candidate c{docid, bm25, 0, ranker.evaluate(docid)};
      c.score = ranker.combine(c.evidence, c.bm25, max_bm25);
      candidates.push_back(std::move(c));
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    for (std::size_t i = offset; i < candidates.size() && i < wanted; ++i) {
      Hit hit =
          make_hit(candidates[i].docid, candidates[i].score, &candidates[i].evidence, options);
      if (options.explain)
        hit.explanation = explain(parsed, ranker, candidates[i].evidence, candidates[i].bm25);
      result.hits.push_back(std::move(hit));
    }
    return result;
  }

  Hit make_hit(Xapian::docid docid, double score, const query::DocumentEvidence* evidence,
               const SearchOptions& options) {
    index::StoredFields fields = index::decode(db.get_document(docid).get_data());
    Statement& s = fields.statement;
    Hit hit;
    hit.id = s.id;
    hit.score = score;
    hit.title = s.title;
    hit.date = s.date;
    hit.country = s.country;
    hit.ministers = s.ministers;
    hit.mentions = s.mentions;
    hit.role = s.role;
    hit.language = s.language;
    hit.url = s.url;

    // Windows to show: [first, last] body passage indexes (0-based), score.
    struct Shown {
      std::size_t first, last;
      double score;
    };
    std::vector<Shown> chosen;
    if (evidence) {
      for (const auto& w : evidence->passages) {
        if (chosen.size() >= options.passages) break;
        std::size_t last = w.passage + w.count - 1;
        if (w.passage >= 1 && last <= fields.passages.size())
          chosen.push_back({w.passage - 1, last - 1, w.score});
      }
    }
    // No passage matched (a listing by filters alone): the first ones.
    if (chosen.empty()) {
      for (std::size_t i = 0; i < fields.passages.size() && i < options.passages; ++i)
        chosen.push_back({i, i, 0.0});
    }
    std::vector<Token> tokens;
    std::vector<std::uint32_t> starts;
    for (const auto& window : chosen) {
      Passage p;
      p.start = fields.passages[window.first].start;
      p.end = fields.passages[window.last].end;
      p.text = s.body.substr(p.start, p.end - p.start);
      p.score = window.score;
      // The words the ranker matched, found again by their positions (the
      // passage is tokenised and laid out as it was indexed), so that a
      // phrase is marked only where it matched as a phrase. A word is
      // marked whole where any of its characters matched, and words that
      // touch (Chinese has no spaces) are marked as one.
      for (std::size_t i = window.first; evidence && i <= window.last; ++i) {
        const auto& span = fields.passages[i];
        tokens.clear();
        analyzer.tokenize(std::string_view(s.body).substr(span.start, span.end - span.start),
                          tokens);
        analysis::lay_out(tokens, starts);
        auto passage = static_cast<std::uint32_t>(i + 1);
        for (std::size_t w = 0; w < tokens.size(); ++w) {
          auto first = std::lower_bound(evidence->matched.begin(), evidence->matched.end(),
                                        schema::position(passage, starts[w]));
          if (first == evidence->matched.end() ||
              *first >= schema::position(passage, starts[w + 1]))
            continue;
          std::size_t offset = span.start - p.start;
          std::pair<std::size_t, std::size_t> mark{offset + tokens[w].start,
                                                   offset + tokens[w].end};
          if (!p.highlights.empty() && p.highlights.back().second == mark.first)
            p.highlights.back().second = mark.second;
          else
            p.highlights.push_back(mark);
        }
      }
      hit.passages.push_back(std::move(p));
    }
    return hit;
  }

  static std::string explain(const query::ParsedQuery& parsed, const query::PassageRanker& ranker,
                             const query::DocumentEvidence& ev, double bm25) {
    std::ostringstream out;
    out.precision(3);
    const auto& params = ranker.params();
    out << "statement score = (passage evidence " << ev.best << " + " << params.title_weight
        << " x title " << ev.title_score << " + " << params.document_weight << " x BM25 " << bm25
        << ") x " << ev.passage_count << " passages ^ -" << params.length_penalty << "; ";
    out << "query words found: " << ev.covered << " of " << parsed.concepts.size() << " (";
    for (std::size_t i = 0; i < parsed.concepts.size(); ++i) {
      out << (i ? ", " : "") << parsed.concepts[i].label << " idf " << ranker.idf()[i];
    }
    out << ")";
    if (!ev.passages.empty()) {
      const auto& best = ev.passages.front();
      out << "; best passage #" << best.passage;
      if (best.count > 1) out << "-" << best.passage + best.count - 1;
      out << " score " << best.score << " with " << best.concepts << " of the words";
    }
    return out.str();
  }
};

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(std::string_view query, const SearchOptions& options) {
  for (int attempt = 1;; ++attempt) {
    try {
      return impl_->run(query, options);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // A writer committed twice while we read: start again on the new state.
      if (attempt >= kRetries) {
        core::rethrow(
            e, "searching " + impl_->path + " (a writer kept committing underneath; try again)");
      }
      reopen();
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "searching " + impl_->path);
    }
  }
}

void Searcher::reopen() { impl_->reopen(); }

IndexStats Searcher::stats() {
  for (int attempt = 1;; ++attempt) {
    try {
      return impl_->stats();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kRetries) core::rethrow(e, "reading statistics of " + impl_->path);
      reopen();
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "reading statistics of " + impl_->path);
    }
  }
}

StoredStatement Searcher::statement(std::string_view id, std::string_view query,
                                    std::size_t passages) {
  for (int attempt = 1;; ++attempt) {
    try {
      return impl_->stored(id, query, passages);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kRetries) core::rethrow(e, "reading a statement of " + impl_->path);
      reopen();
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "reading a statement of " + impl_->path);
    }
  }
}

StoredStatement Searcher::Impl::stored(std::string_view id, std::string_view query,
                                       std::size_t passages) {
  // Through Enquire rather than a posting list, so that remote shards
  // answer too. (Ids are at most 200 bytes, never clipped; the stored id
  // confirms the match all the same.)
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(schema::term(schema::kIdPrefix, id)));
  Xapian::MSet found = enquire.get_mset(0, std::max<Xapian::doccount>(db.get_doccount(), 1));
  for (auto it = found.begin(); it != found.end(); ++it) {
    index::StoredFields fields = index::decode(it.get_document().get_data());
    if (fields.statement.id != id) continue;
    StoredStatement out;
    for (const auto& span : fields.passages) out.passages.emplace_back(span.start, span.end);
    if (!query.empty()) {
      query::QueryParser parser(db, gazetteer);
      query::ParsedQuery parsed = parser.parse(query);
      if (parsed.has_text()) {
        query::PassageRanker ranker(db, parsed);
        query::DocumentEvidence evidence = ranker.evaluate(*it);
        if (!evidence.passages.empty()) {
          SearchOptions options;
          options.passages = passages;
          out.matches = make_hit(*it, 0, &evidence, options).passages;
        }
      }
    }
    out.statement = std::move(fields.statement);
    return out;
  }
  throw NotFound("no statement with id \"" + std::string(id) + "\" in " + path);
}

IndexStats Searcher::Impl::stats() {
  IndexStats st;
  st.statements = db.get_doccount();
  st.average_length = db.get_avlength();
  std::string prefix(schema::kLanguagePrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    st.languages.emplace_back((*t).substr(prefix.size()), t.get_termfreq());
  }
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++st.terms;
  index::IndexDir dir(path);
  st.generation = dir.live_generation();
  for (const auto& shard : dir.shards()) {
    index::IndexDir shard_dir(fs::path(path) / shard);
    st.generation += (st.generation.empty() ? "" : " ") + shard + "/" + shard_dir.live_generation();
  }
  count_facets(Xapian::Query::MatchAll, 0, st.facets);
  return st;
}

}  // namespace communique
