// A ranked statement as the user sees it: its stored fields, and the
// passages the ranker chose with the words it matched marked.

#ifndef COMMUNIQUE_QUERY_HITS_H_
#define COMMUNIQUE_QUERY_HITS_H_

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "communique/analyzer.h"
#include "communique/searcher.h"
#include "query/passage_ranker.h"

namespace communique::query {

class HitBuilder {
 public:
  // `db` must outlive the builder.
  explicit HitBuilder(const Xapian::Database& db) : db_(db) {}

  // The hit of `docid`: its fields, and up to options.passages passages:
  // the windows of `evidence`, best first, with the words the ranker
  // matched marked (a word whole where any of its characters matched,
  // words that touch as one mark); without evidence (a listing by filters
  // alone), the first passages. Xapian errors propagate.
  Hit build(Xapian::docid docid, double score, const DocumentEvidence* evidence,
            const SearchOptions& options);

  // The group of near-identical statements `docid` belongs to
  // (schema::kGroupSlot), "" for none.
  std::string group_of(Xapian::docid docid) const;

  // Fills hit.duplicates: the other statements of its group (`members`,
  // docid among them), oldest first.
  void add_duplicates(Hit& hit, Xapian::docid docid,
                      const std::vector<Xapian::docid>& members) const;

 private:
  const Xapian::Database& db_;
  Analyzer analyzer_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> starts_;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_HITS_H_
