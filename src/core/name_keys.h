// The keys under which the names of countries and the words of running
// text meet, whatever their language: "Kyrgyzstan's" and "kyrgyzstan",
// "Китая" and "Китай", "والصين" and "الصين", "l'Inde" and "Inde".

#ifndef COMMUNIQUE_CORE_NAME_KEYS_H_
#define COMMUNIQUE_CORE_NAME_KEYS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace communique::core {

// A word, by its byte range and keys.
struct NameWord {
  std::size_t start = 0, end = 0;
  // Folded (Analyzer::fold), without what a language hangs on a name: an
  // English possessive and inner apostrophes and dots ("Kyrgyzstan's" ->
  // "kyrgyzstan", "U.S." -> "us"), a French elision ("l'Inde" -> "inde"),
  // the Arabic article ("الصين" -> "صين"; hamza, alef maqsura and ta
  // marbuta made plain). For a Russian word of a name (in the nominative,
  // as names are listed) its stem: "Китай" -> "кита", "Россия" ->
  // "росси", "российский" -> "российск" (й folds to и); a word ending in
  // a consonant and и, у, о or е is left whole ("Мали", "Перу": they do
  // not decline). For a Russian word of running text, the word itself.
  std::string key;
  // Other keys a word of running text may stand for: a Russian word
  // without each case ending it may have ("Китаем" -> "кита", "России" ->
  // "росси"), an Arabic word without the conjunction, preposition and
  // article prefixed to it ("والصين", "بالصين", "للصين" -> "صين"). Empty
  // for other words.
  std::vector<std::string> variants;
  bool capitalised = false;  // starts with a capital, or its script has no case
  bool capitals = false;     // has ASCII capitals and no ASCII small letters ("US")
};

enum class WordsOf {
  kName,  // a name as listed: Russian words stemmed from the nominative
  kText,  // running text: Russian and Arabic words with their variants
};

// The key of the word that stands for Han characters left out of the
// words: it is no name's, so no name runs across them.
inline constexpr std::string_view kHanBarrier = "\x01";

// The words of `text`: runs of letters and digits (and combining marks),
// with inner apostrophes and dots before an ASCII letter ("People's",
// "U.S"). With `han_as_words`, each run of Han characters is one word;
// without, Han characters are left out (they have no spaces to be words
// by; HanNames finds names among them), each run of them, with what lies
// between, one word with the key kHanBarrier ("Papua New 的 Guinea" is no
// Papua New Guinea). Invalid UTF-8 separates words.
std::vector<NameWord> scan_name_words(std::string_view text, WordsOf what, bool han_as_words);

// The key of a name: its word keys (WordsOf::kName) joined by single
// spaces, without a leading "the" ("The Netherlands" and "netherlands"
// meet), Han runs as words. "" when the name has no word.
std::string name_key(std::string_view name);

// Whether a code point is a Han character (ideograph).
bool is_han(char32_t c);

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_NAME_KEYS_H_
