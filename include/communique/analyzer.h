// Text analysis shared by indexing and querying.
//
// One Analyzer turns UTF-8 text into the terms the index holds, and the same
// Analyzer turns query words into the terms searched for, so that every word
// indexed can be found as a user types it (see tests/analysis).
//
// Steps: ICU word segmentation (dictionary-based for Chinese, Japanese and
// Thai), Unicode case folding and compatibility normalisation, removal of
// accents and other combining marks (a query "urumqi" matches "Ürümqi"),
// English possessives and Romance elisions dropped ("China's" -> "china",
// "l'Union" -> "union"), dots removed from acronyms ("U.S." -> "us"); then
// Snowball stemming (Xapian::Stem) by language.

#ifndef COMMUNIQUE_ANALYZER_H_
#define COMMUNIQUE_ANALYZER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "communique/export.h"

namespace communique {

struct COMMUNIQUE_EXPORT Token {
  std::string text;   // folded, unstemmed form: "ürümqi" -> "urumqi"
  std::size_t start;  // byte offset of the word in the analysed text
  std::size_t end;    // one past its last byte
  bool acronym;       // written in capitals: "WHO", "U.S.", "UN"
  bool ideographic;   // a Han, kana or Thai word (no stemming, no stopping)
  bool glued;         // joined to the previous token by a hyphen, no space
};

class COMMUNIQUE_EXPORT Analyzer {
 public:
  // A run of letters longer than this (in UTF-8 bytes) is not a word but
  // junk (a base64 blob, a line of dashes): tokenize() skips it.
  static constexpr std::size_t kMaxWordBytes = 120;

  Analyzer();
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Appends the words of `text` to `out`. Invalid UTF-8 sequences are
  // treated as separators. Thread-compatible: use one Analyzer per thread.
  void tokenize(std::string_view text, std::vector<Token>& out) const;

  // The index term for a folded word in the given language (BCP 47; "" or
  // an unsupported language leaves the word unstemmed).
  std::string stem(std::string_view folded_word, std::string_view language) const;

  // Folds one word the way tokenize() does (for names and filter values).
  static std::string fold(std::string_view word);

  // Guesses a BCP 47 language from the script and common words of `text`:
  // "zh", "ja", "ko", "ru", "ar", "th", "el", "he", "fr", "es", "de", "en".
  static std::string guess_language(std::string_view text);

  // Whether `language` (BCP 47) has a Snowball stemmer.
  static bool has_stemmer(std::string_view language);

  // Whether a folded word is a common function word of `language` (English,
  // French, Spanish, German, Russian lists), which queries drop.
  static bool is_stopword(std::string_view folded_word, std::string_view language);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Replaces invalid UTF-8 sequences with U+FFFD; returns how many it replaced.
COMMUNIQUE_EXPORT std::size_t repair_utf8(std::string& text);

}  // namespace communique

#endif  // COMMUNIQUE_ANALYZER_H_
