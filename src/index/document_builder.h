// Turns one statement into the Xapian document the index stores.

#ifndef COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_
#define COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/grams.h"
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
  // body passages from 1), acronyms also under their prefix, Chinese,
  // Japanese and Thai by character (analysis/grams.h); facets as
  // boolean terms and value slots; the statement and its passage spans as
  // document data; `source_file` (the file it was read from, if any) in
  // its value slot.
  Xapian::Document build(const Statement& statement, std::string_view source_file = {});

  // The content hash stored with the last document built (16 hex digits).
  const std::string& last_hash() const { return hash_; }

 private:
  // Returns the number of positions the text takes (analysis/grams.h).
  std::uint32_t index_text(Xapian::Document& doc, std::string_view text, std::uint32_t passage,
                           const std::string& language, Xapian::termcount wdf);

  // A direct-mapped memo of one language's stems: a word's slot is fixed
  // by its hash and a miss overwrites it, so memory stays bounded while
  // the frequent words, most of any text, stay remembered.
  struct StemSlot {
    std::string word;
    std::string term;
  };
  using StemMemo = std::vector<StemSlot>;

  // analyzer_.stem(word, language), clipped to an index term, through
  // `memo` (the language's).
  const std::string& stem_term(const std::string& word, const std::string& language,
                               StemMemo& memo);

  Analyzer analyzer_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> starts_;
  std::vector<analysis::Gram> characters_;
  std::vector<analysis::Gram> bigrams_;
  std::string hash_;
  std::unordered_map<std::string, StemMemo> stems_;  // by language
};

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_
