// Turns one statement into the Xapian document the index stores.

#ifndef COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_
#define COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/grams.h"
#include "communique/analyzer.h"
#include "communique/gazetteer.h"
#include "communique/statement.h"
#include "schema/terms.h"

namespace communique::index {

class DocumentBuilder {
 public:
  // How the words for the spelling dictionary are handed out: each a
  // statement's distinct words, folded as indexed but unstemmed, counted
  // once per statement (WritableDatabase::add_spelling: a word's frequency
  // counts the statements holding it). Words of scripts written without
  // spaces, numbers, and words under 3 or over 64 bytes are left out: no
  // one misspells them in a way worth suggesting.
  enum class Spellings {
    // last_words(): the words of the last document built (for a writer
    // that may not write every document built).
    kListed,
    // take_spellings(): the words of every document built since the last
    // call, with their counts (for a writer that writes them all). Cheaper:
    // counted in the memo of stems, which a build consults for every word
    // anyway.
    kCounted,
  };

  // `gazetteer` (nullptr: Gazetteer::builtin()) keys countries; it must
  // outlive the builder.
  explicit DocumentBuilder(Spellings spellings = Spellings::kListed,
                           const Gazetteer* gazetteer = nullptr)
      : spellings_(spellings), gazetteer_(gazetteer ? *gazetteer : Gazetteer::builtin()) {}

  // REQUIRES: the statement passed the normalisation stage: id and body
  // non-empty valid UTF-8, language set, countries as codes, ministers
  // distinct.
  // Free text goes in as the terms of schema/terms.h with positions (title
  // as passage 0, body passages from 1); every field of schema/fields.h
  // as its boolean terms, and its facet slot; the statement and its
  // passage spans as document data; `source_file` (the file it was read
  // from, if any) in its value slot.
  Xapian::Document build(const Statement& statement, std::string_view source_file = {});

  // The content hash stored with the last document built (16 hex digits).
  const std::string& last_hash() const { return hash_; }

  // With Spellings::kListed: the distinct spelling words of the last
  // document built.
  const std::vector<std::string>& last_words() const { return words_; }

  // With Spellings::kCounted: calls add(word, statements) for each word
  // counted since the last call, and starts counting afresh. A word may
  // come in several calls (its counts add up).
  void take_spellings(const std::function<void(const std::string&, Xapian::termcount)>& add);

 private:
  // The terms and facet slots of the fields of schema/fields.h.
  void add_fields(Xapian::Document& doc, const Statement& statement) const;

  // Returns the number of positions the text takes (analysis/grams.h).
  std::uint32_t index_text(Xapian::Document& doc, std::string_view text, std::uint32_t passage,
                           const std::string& language, Xapian::termcount wdf);

  // A direct-mapped memo of one language's stems: a word's slot is fixed
  // by its hash and a miss overwrites it, so memory stays bounded while
  // the frequent words, most of any text, stay remembered.
  struct StemSlot {
    std::string word;
    std::string term;
    std::uint64_t document = 0;       // the last document the word was seen in
    Xapian::termcount spellings = 0;  // with Spellings::kCounted: documents, not yet taken
  };
  using StemMemo = std::vector<StemSlot>;

  // The slot of `word` in `memo` (its language's), holding its stem's
  // term.
  StemSlot& stem_slot(const std::string& word, const std::string& language, StemMemo& memo);

  Analyzer analyzer_;
  schema::TermEncoder terms_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> starts_;
  std::vector<analysis::Gram> characters_;
  std::vector<analysis::Gram> bigrams_;
  std::string hash_;
  Spellings spellings_;
  const Gazetteer& gazetteer_;
  std::vector<std::string> words_;  // Spellings::kListed
  // Spellings::kCounted: the counts of words whose memo slot another word
  // took; as many as the distinct words met, at most.
  std::unordered_map<std::string, Xapian::termcount> evicted_;
  std::uint64_t document_ = 0;                       // documents built, this one included
  std::unordered_map<std::string, StemMemo> stems_;  // by language
};

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_DOCUMENT_BUILDER_H_
