// Words for the spelling dictionary, counted in memory and written in
// batches.

#ifndef COMMUNIQUE_INDEX_SPELLING_COUNTS_H_
#define COMMUNIQUE_INDEX_SPELLING_COUNTS_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace communique::index {

// Words for the spelling dictionary, which suggests words for queries
// that match nothing: each distinct word of a statement counts once (see
// DocumentBuilder::Spellings). A statement replaced or removed leaves its
// words counted: the searcher offers only suggestions that some statement
// holds. Xapian indexes each new word by its trigrams, in memory until a
// commit, which rewrites (and compresses) the lists of words of each
// trigram touched. Fed statement by statement to thread shards that commit
// every MiB of text, the dictionary cost a fresh build a tenth more CPU
// time; added by each shard at its end, every shard indexed the whole
// vocabulary again, and held it all in memory at once. So a fresh build
// counts the words of all its shards here and writes them once, as a
// database of their own that the compactor merges with the shards, and
// an update writes its words before each of its commits; both commit
// after this many new words, which bounds Xapian's memory for them.
inline constexpr std::size_t kSpellingBatchWords = 1u << 14;

// Not thread-safe: its user holds whatever lock shares it.
class SpellingCounts {
 public:
  void add(const std::string& word, Xapian::termcount n) { counts_[word] += n; }
  void add(const std::vector<std::string>& words) {
    for (const auto& word : words) ++counts_[word];
  }
  bool full() const { return counts_.size() >= kSpellingBatchWords; }

  // Adds the words to `db`, calling `commit` after every
  // kSpellingBatchWords of them, and forgets them.
  template <typename Commit>
  void write(Xapian::WritableDatabase& db, Commit&& commit) {
    std::size_t n = 0;
    for (const auto& [word, count] : counts_) {
      db.add_spelling(word, count);
      if (++n % kSpellingBatchWords == 0) commit();
    }
    counts_.clear();
  }

 private:
  std::unordered_map<std::string, Xapian::termcount> counts_;
};

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_SPELLING_COUNTS_H_
