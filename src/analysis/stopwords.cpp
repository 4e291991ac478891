#include "analysis/stopwords.h"

#include <array>
#include <cctype>
#include <string>
#include <unordered_set>

namespace communique::analysis {

namespace {

using WordSet = std::unordered_set<std::string_view>;

const WordSet& english() {
  static const WordSet words{
      "a",      "about",    "above",      "after",   "again",   "against", "all",     "am",
      "an",     "and",      "any",        "are",     "as",      "at",      "be",      "been",
      "before", "being",    "below",      "between", "both",    "but",     "by",      "can",
      "could",  "did",      "do",         "does",    "doing",   "down",    "during",  "each",
      "few",    "for",      "from",       "further", "had",     "has",     "have",    "having",
      "he",     "her",      "here",       "hers",    "herself", "him",     "himself", "his",
      "how",    "i",        "if",         "in",      "into",    "is",      "it",      "its",
      "itself", "me",       "more",       "most",    "my",      "myself",  "no",      "nor",
      "not",    "of",       "off",        "on",      "once",    "only",    "or",      "other",
      "our",    "ours",     "ourselves",  "out",     "over",    "own",     "same",    "she",
      "should", "so",       "some",       "such",    "than",    "that",    "the",     "their",
      "theirs", "them",     "themselves", "then",    "there",   "these",   "they",    "this",
      "those",  "through",  "to",         "too",     "under",   "until",   "up",      "very",
      "was",    "we",       "were",       "what",    "when",    "where",   "which",   "while",
      "who",    "whom",     "why",        "will",    "with",    "would",   "you",     "your",
      "yours",  "yourself", "yourselves", "shall",   "may",     "must",    "also",    "upon"};
  return words;
}

const WordSet& french() {
  static const WordSet words{
      "le",  "la",   "les",   "l",    "un",    "une",  "des",  "de",   "du",    "d",    "et",
      "ou",  "a",    "au",    "aux",  "en",    "dans", "par",  "pour", "sur",   "avec", "sans",
      "ce",  "cet",  "cette", "ces",  "qui",   "que",  "qu",   "dont", "ne",    "pas",  "se",
      "sa",  "son",  "ses",   "leur", "leurs", "il",   "elle", "ils",  "elles", "nous", "vous",
      "est", "sont", "ete",   "etre", "a",     "ont",  "y",    "plus", "comme", "mais"};
  return words;
}

const WordSet& spanish() {
  static const WordSet words{"el",   "la",   "los",   "las",   "un",  "una",  "unos", "unas",
                             "de",   "del",  "y",     "o",     "a",   "al",   "en",   "por",
                             "para", "con",  "sin",   "que",   "se",  "su",   "sus",  "es",
                             "son",  "fue",  "ha",    "han",   "lo",  "como", "mas",  "pero",
                             "este", "esta", "estos", "estas", "ese", "esa",  "nos",  "le"};
  return words;
}

const WordSet& german() {
  static const WordSet words{"der",   "die",   "das",   "den",    "dem",   "des",  "ein",  "eine",
                             "einen", "einem", "einer", "und",    "oder",  "in",   "im",   "zu",
                             "zum",   "zur",   "mit",   "von",    "vom",   "fur",  "auf",  "an",
                             "am",    "aus",   "bei",   "nach",   "uber",  "ist",  "sind", "war",
                             "hat",   "haben", "wird",  "werden", "nicht", "sich", "auch", "als",
                             "dass",  "wie",   "es",    "er",     "sie",   "wir",  "ihr"};
  return words;
}

const WordSet& russian() {
  static const WordSet words{
      "и",     "в",    "во",  "не",    "что",     "он",      "на",  "я",   "с",    "со",  "как",
      "а",     "то",   "все", "она",   "так",     "его",     "но",  "да",  "ты",   "к",   "у",
      "же",    "вы",   "за",  "бы",    "по",      "только",  "ее",  "мне", "было", "вот", "от",
      "меня",  "еще",  "нет", "о",     "из",      "ему",     "для", "мы",  "их",   "это", "при",
      "также", "этом", "эти", "этого", "который", "которые", "или"};
  return words;
}

const WordSet* words_for(std::string_view language) {
  if (language == "en" || language.empty()) return &english();
  if (language == "fr") return &french();
  if (language == "es") return &spanish();
  if (language == "de") return &german();
  if (language == "ru") return &russian();
  return nullptr;
}

}  // namespace

bool is_stopword(std::string_view folded_word, std::string_view language) {
  const WordSet* words = words_for(language);
  return words && words->count(folded_word) > 0;
}

std::string_view guess_latin_language(std::string_view text) {
  // A few very frequent words that are distinctive for each language.
  static const std::array<std::pair<std::string_view, WordSet>, 4> kMarkers{{
      {"en", {"the", "and", "of", "to", "is", "that", "with"}},
      {"fr", {"le", "les", "des", "et", "est", "une", "dans", "pour"}},
      {"es", {"el", "los", "las", "y", "del", "una", "por", "para"}},
      {"de", {"der", "die", "und", "das", "ist", "nicht", "mit", "den"}},
  }};
  std::array<int, 4> hits{};
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    for (std::size_t i = 0; i < kMarkers.size(); ++i) hits[i] += kMarkers[i].second.count(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalpha(c))
      word += static_cast<char>(std::tolower(c));
    else
      flush();
  }
  flush();
  std::size_t best = 0;
  for (std::size_t i = 1; i < hits.size(); ++i) {
    if (hits[i] > hits[best]) best = i;
  }
  return kMarkers[best].first;
}

}  // namespace communique::analysis
