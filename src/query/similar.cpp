#include "query/similar.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "communique/analyzer.h"
#include "communique/error.h"
#include "query/passage_ranker.h"
#include "query/searcher_impl.h"
#include "schema/schema.h"

namespace communique {

namespace query {

bool ContentTerms::operator()(const std::string& term) const {
  if (term.empty()) return false;
  auto first = static_cast<unsigned char>(term.front());
  if (first >= 'A' && first <= 'Z') return false;
  if (term.size() == 1 && first < 0x80) return false;
  if (std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return !Analyzer::is_stopword(term, language_) && !Analyzer::is_stopword(term, "en");
}

ParsedQuery similarity_query(const Xapian::Database& db, Xapian::docid docid,
                             std::string_view language) {
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(docid);
  ContentTerms content{std::string(language)};
  // Exact term frequencies: an archive's shards then weigh the terms as
  // one database holding the same statements would.
  Xapian::ESet eset =
      enquire.get_eset(kSimilarTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &content);
  ParsedQuery like;
  for (auto t = eset.begin(); t != eset.end(); ++t) {
    Matcher word;
    word.slots.push_back({*t});
    like.concepts.push_back(Concept{*t, {std::move(word)}});
  }
  return like;
}

Xapian::Query similarity_match(const ParsedQuery& similar, const std::string& id_term) {
  std::vector<std::string> terms;
  for (const Concept& c : similar.concepts)
    terms.push_back(c.matchers.front().slots.front().front());
  return Xapian::Query(Xapian::Query::OP_AND_NOT,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       Xapian::Query(id_term));
}

}  // namespace query

SearchResult Searcher::Impl::similar(std::string_view id, const SearchOptions& options) {
  const Xapian::Database& db = reader.db();
  const std::string id_term = schema::term(schema::kIdPrefix, id);
  Xapian::PostingIterator statement = db.postlist_begin(id_term);
  if (statement == db.postlist_end(id_term)) {
    throw unknown_statement(id, reader.path());
  }
  const Xapian::docid docid = *statement;
  query::ParsedQuery like =
      query::similarity_query(db, docid, db.get_document(docid).get_value(schema::kLanguageSlot));

  SearchResult result;
  result.query = std::string(id);
  if (!like.has_text()) return result;  // nothing in it to be alike in
  Xapian::Enquire enquire(db);
  enquire.set_query(query::similarity_match(like, id_term));
  enquire.set_weighting_scheme(*ranking_weight());
  // Equal weights newest first, then by id, as search ranks them.
  enquire.set_sort_by_relevance_then_value(schema::kOrderSlot, true);

  Xapian::doccount everything = std::max<Xapian::doccount>(db.get_doccount(), 1);
  auto offset = static_cast<Xapian::doccount>(std::min<std::size_t>(options.offset, everything));
  auto limit = static_cast<Xapian::doccount>(std::min<std::size_t>(options.limit, everything));
  Xapian::MSet mset = enquire.get_mset(offset, limit, options.facets ? 0 : everything);
  result.total = options.facets
                     ? count_facets(enquire.get_query(), options.facet_limit, result.facets)
                     : mset.get_matches_estimated();

  // The passages that share most of those words, close together, marked:
  // the search's passage ranker, given the words as a query.
  query::PassageRanker ranker(db, like);
  std::vector<Xapian::docid> docids;
  for (auto it = mset.begin(); it != mset.end(); ++it) docids.push_back(*it);
  ranker.prefetch(std::move(docids));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    query::DocumentEvidence evidence = ranker.evaluate(*it);
    Hit hit = hits.build(*it, it.get_weight(), &evidence, options);
    if (options.explain) {
      hit.explanation = "BM25 " + std::to_string(it.get_weight()) +
                        " over the words it shares with " + std::string(id) + ":";
      for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it);
           ++t)
        hit.explanation += " " + *t;
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

SearchResult Searcher::similar(std::string_view id, const SearchOptions& options) {
  return impl_->on_one_state(
      "finding the statements like " + std::string(id) + " in " + impl_->reader.path(),
      [&] { return impl_->similar(id, options); });
}

}  // namespace communique
