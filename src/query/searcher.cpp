#include "communique/searcher.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_set>

#include "communique/error.h"
#include "index/stored_fields.h"
#include "query/passage_ranker.h"
#include "query/query_parser.h"
#include "query/searcher_impl.h"
#include "schema/fields.h"
#include "schema/schema.h"

namespace communique {

namespace {

// Candidates re-ranked by passage evidence; deeper costs time, shallower
// loses statements whose best passage is strong but whose BM25 is not.
constexpr Xapian::doccount kRerankDepth = 120;
// And this many more, of those holding every query word in one passage.
constexpr Xapian::doccount kProximityDepth = 80;
// Word positions within which the query words count as in one passage.
constexpr Xapian::termcount kPassageWindow = 200;

}  // namespace

std::unique_ptr<Xapian::Weight> Searcher::Impl::ranking_weight() {
  // Statements run from a paragraph to forty pages: soften BM25's length
  // normalisation, the passage evidence handles long statements.
  return std::make_unique<Xapian::BM25Weight>(1.2, 0, 1, 0.5, 0.5);
}

const query::FacetTable& Searcher::Impl::facets_of_state() {
  if (!facet_table) facet_table = std::make_unique<query::FacetTable>(reader.db());
  return *facet_table;
}

const query::GroupTable& Searcher::Impl::groups_of_state() {
  if (!group_table) group_table = std::make_unique<query::GroupTable>(reader.db());
  return *group_table;
}

std::uint64_t Searcher::Impl::count_facets(const Xapian::Query& query, std::size_t limit,
                                           Facets& out) {
  Xapian::Enquire counting(reader.db());
  counting.set_query(query);
  // (Not BoolWeight: it saves little, and Xapian 1.4.22 then reads some
  // posting lists of merged generations wrongly, "Unexpected end of
  // posting list"; tests/tools meets one.)
  Xapian::doccount everything = std::max<Xapian::doccount>(reader.db().get_doccount(), 1);
  if (reader.sharded()) {
    query::FacetSpies spies;
    spies.attach(counting);
    auto total = counting.get_mset(0, 0, everything).get_matches_estimated();
    out = spies.facets(limit);
    return total;
  }
  query::FacetTable::Counter counter(facets_of_state());
  counting.add_matchspy(&counter);
  auto total = counting.get_mset(0, 0, everything).get_matches_estimated();
  out = counter.facets(limit);
  return total;
}

SearchResult Searcher::Impl::search(std::string_view text, const SearchOptions& options) {
  const Xapian::Database& db = reader.db();
  query::QueryParser parser(db, gazetteer);
  query::ParsedQuery parsed = parser.parse(text);

  Xapian::Enquire enquire(db);
  enquire.set_query(parsed.to_xapian());
  if (parsed.has_text()) {
    enquire.set_weighting_scheme(*ranking_weight());
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
  auto wanted =
      static_cast<Xapian::doccount>(std::min<std::size_t>(std::size_t{offset} + limit, everything));
  // Facets are counted over the whole match set. For one local index the
  // ranking pass counts them as it goes (it then visits every match, but
  // once); shards need a pass of their own that returns no hits, as
  // Xapian 1.4 shows the match spies of remote shards the returned hits
  // again when results are sorted by value, counting them twice.
  std::optional<query::FacetTable::Counter> counter;
  bool one_pass = options.facets && !reader.sharded();
  if (one_pass) {
    counter.emplace(facets_of_state());
    enquire.add_matchspy(&*counter);
  } else if (options.facets) {
    result.total = count_facets(enquire.get_query(), options.facet_limit, result.facets);
  }
  Xapian::doccount check = options.facets && !one_pass ? 0 : everything;

  if (!parsed.has_text()) {
    // A statement outside any group has no collapse key, and so is never
    // collapsed.
    if (options.collapse) enquire.set_collapse_key(schema::kGroupSlot);
    Xapian::MSet mset = enquire.get_mset(offset, limit, check);
    // With a collapse key, Xapian counts hits, not statements (and its
    // uncollapsed count is an estimate): statements are counted apart.
    if (!options.collapse) {
      if (!options.facets || one_pass) result.total = mset.get_matches_estimated();
    } else if (one_pass) {
      result.total = counter->seen();
    } else if (!options.facets) {
      Xapian::Enquire counting(db);
      counting.set_query(enquire.get_query());
      result.total = counting.get_mset(0, 0, everything).get_matches_estimated();
    }
    if (one_pass) result.facets = counter->facets(options.facet_limit);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit = hits.build(*it, 0, nullptr, options);
      if (options.collapse) {
        if (std::string group = it.get_collapse_key(); !group.empty())
          hits.add_duplicates(hit, *it, groups_of_state().members(group));
      }
      result.hits.push_back(std::move(hit));
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
    near.set_weighting_scheme(*ranking_weight());
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
  for (const auto& [docid, bm25] : pool) {
    Candidate c{docid, bm25, 0, ranker.evaluate(docid)};
    c.score = ranker.combine(c.evidence, c.bm25);
    candidates.push_back(std::move(c));
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  // Each group of near-identical statements shows as its best.
  std::vector<std::pair<const Candidate*, std::string>> shown;  // with its group
  std::unordered_set<std::string> groups_shown;
  for (const Candidate& c : candidates) {
    if (shown.size() >= wanted) break;
    std::string group = options.collapse ? hits.group_of(c.docid) : std::string();
    if (!group.empty() && !groups_shown.insert(group).second) continue;
    shown.emplace_back(&c, std::move(group));
  }
  for (std::size_t i = offset; i < shown.size(); ++i) {
    const auto& [c, group] = shown[i];
    Hit hit = hits.build(c->docid, c->score, &c->evidence, options);
    if (options.explain) hit.explanation = ranker.explain(c->evidence, c->bm25);
    if (!group.empty()) hits.add_duplicates(hit, c->docid, groups_of_state().members(group));
    result.hits.push_back(std::move(hit));
  }
  return result;
}

IndexStats Searcher::Impl::stats() {
  const Xapian::Database& db = reader.db();
  IndexStats st;
  st.statements = db.get_doccount();
  st.average_length = db.get_avlength();
  std::string prefix(schema::kLanguagePrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    st.languages.emplace_back((*t).substr(prefix.size()), t.get_termfreq());
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++st.terms;
  st.duplicate_groups = groups_of_state().groups();
  st.grouped_statements = groups_of_state().statements();
  st.generation = reader.generation();
  count_facets(Xapian::Query::MatchAll, 0, st.facets);
  return st;
}

StoredStatement Searcher::Impl::stored(std::string_view id, std::string_view query,
                                       std::size_t passages) {
  const Xapian::Database& db = reader.db();
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
          out.matches = hits.build(*it, 0, &evidence, options).passages;
        }
      }
    }
    out.statement = std::move(fields.statement);
    return out;
  }
  throw unknown_statement(id, reader.path());
}

NotFound unknown_statement(std::string_view id, const std::string& index) {
  return NotFound("no statement has the id \"" + std::string(id) + "\" in " + index +
                  "; the ids are those search shows (\"id ...\", and \"id\" in --json)");
}

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(std::string_view query, const SearchOptions& options) {
  return impl_->on_one_state("searching " + impl_->reader.path(),
                             [&] { return impl_->search(query, options); });
}

std::vector<std::string> filter_fields() {
  std::vector<std::string> names;
  for (const schema::FieldSpec& f : schema::fields()) {
    if (!f.filters()) continue;
    names.emplace_back(f.name);
    for (std::string_view alias : f.aliases) names.emplace_back(alias);
  }
  return names;
}

void Searcher::reopen() { impl_->reopen(); }

IndexStats Searcher::stats() {
  return impl_->on_one_state("reading statistics of " + impl_->reader.path(),
                             [&] { return impl_->stats(); });
}

StoredStatement Searcher::statement(std::string_view id, std::string_view query,
                                    std::size_t passages) {
  return impl_->on_one_state("reading a statement of " + impl_->reader.path(),
                             [&] { return impl_->stored(id, query, passages); });
}

}  // namespace communique
