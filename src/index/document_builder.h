// Turns one statement into the Xapian document the index stores.

#ifndef COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_
#define COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "communique/analyzer.h"
#include "communique/statement.h"

namespace communique::index {

// The facet key of a person's name: folded, single-spaced.
std::string minister_key(std::string_view name);

class DocumentBuilder {
 public:
  DocumentBuilder() = default;

  // REQUIRES: statement.id and statement.body are non-empty valid UTF-8,
  // statement.language is set, ministers are distinct.
  // Free text goes in as stemmed terms with positions (title as passage 0,
  // body passages from 1), acronyms also under their prefix; facets as
  // boolean terms and value slots; the statement and its passage spans as
  // document data.
  Xapian::Document build(const Statement& statement);

  // The content hash stored with the last document built (16 hex digits).
  const std::string& last_hash() const { return hash_; }

 private:
  // Returns the number of words indexed.
  std::uint32_t index_text(Xapian::Document& doc, std::string_view text, std::uint32_t passage,
                           const std::string& language, Xapian::termcount wdf);

  Analyzer analyzer_;
  std::vector<Token> tokens_;
  std::string hash_;
};

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_
