#include "communique/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <array>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_set>

#include "analysis/stopwords.h"
#include "communique/error.h"

namespace communique {

namespace {

// Snowball stemmers Xapian 1.4 ships, by BCP 47 primary language subtag.
constexpr std::array<std::pair<std::string_view, const char*>, 24> kStemmers{{
    {"ar", "arabic"},    {"hy", "armenian"},  {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},    {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},    {"de", "german"},    {"hu", "hungarian"},  {"id", "indonesian"},
    {"ga", "irish"},     {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
    {"nb", "norwegian"}, {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},   {"es", "spanish"},   {"sv", "swedish"},    {"tr", "turkish"},
}};

std::string_view primary_subtag(std::string_view language) {
  auto dash = language.find_first_of("-_");
  return dash == std::string_view::npos ? language : language.substr(0, dash);
}

const char* stemmer_name(std::string_view language) {
  std::string lower;
  for (char c : primary_subtag(language))
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [code, name] : kStemmers) {
    if (code == lower) return name;
  }
  return nullptr;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Scripts whose combining marks are accents or vowel points, safe to drop
// for matching. (In Indic scripts the marks are vowels, part of the word.)
bool marks_are_accents(UScriptCode script) {
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return true;
    default:
      return false;
  }
}

const icu::Normalizer2& nfkd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) throw Error("ICU NFKD normaliser unavailable");
  return *n;
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw Error("ICU NFC normaliser unavailable");
  return *n;
}

// Folds a non-ASCII word: case folding, compatibility decomposition,
// accents dropped, recomposition. Apostrophe-like marks become '\''.
std::string fold_unicode(std::string_view word) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  s.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfkd().normalize(s, status);
  if (U_FAILURE(status)) return std::string(word);
  icu::UnicodeString kept;
  UScriptCode base_script = USCRIPT_COMMON;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK) {
      if (marks_are_accents(base_script)) continue;
    } else {
      UErrorCode script_status = U_ZERO_ERROR;
      base_script = uscript_getScript(c, &script_status);
    }
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07) c = '\'';
    if (c == 0x0640) continue;                                // Arabic tatweel: elongation only
    if (c == 0x00AD || c == 0x200B || c == 0xFEFF) continue;  // soft hyphen, invisible spaces
    kept.append(c);
  }
  icu::UnicodeString composed = nfc().normalize(kept, status);
  std::string out;
  (U_SUCCESS(status) ? composed : kept).toUTF8String(out);
  return out;
}

bool is_elision_prefix(std::string_view p) {
  return p == "l" || p == "d" || p == "j" || p == "m" || p == "n" || p == "s" || p == "t" ||
         p == "c" || p == "qu";
}

// Possessives, elisions and inner dots, on an already folded word.
std::string tidy(std::string word, bool number) {
  if (word.find('\'') != std::string::npos) {
    if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0)
      word.resize(word.size() - 2);
    auto apostrophe = word.find('\'');
    if (apostrophe != std::string::npos &&
        is_elision_prefix(std::string_view(word).substr(0, apostrophe)) &&
        apostrophe + 1 < word.size()) {
      word.erase(0, apostrophe + 1);
    }
    std::erase(word, '\'');
  }
  if (number) {
    std::erase(word, ',');  // 2,100 -> 2100; decimal points stay
  } else if (word.find('.') != std::string::npos) {
    std::erase(word, '.');  // u.s -> us
  }
  return word;
}

bool is_dictionary_script(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         script == USCRIPT_THAI || script == USCRIPT_LAO || script == USCRIPT_KHMER ||
         script == USCRIPT_MYANMAR;
}

// Written in capitals, like an acronym: at least two ASCII capitals, no
// lower-case letter, at most six letters ("WHO", "U.S.", "ASEAN").
bool looks_like_acronym(std::string_view raw) {
  int upper = 0;
  for (unsigned char c : raw) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z')
      ++upper;
    else if (c != '.' && !(c >= '0' && c <= '9'))
      return false;
  }
  return upper >= 2 && upper <= 6;
}

}  // namespace

struct Analyzer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  UText* text = nullptr;
  mutable std::map<std::string, Xapian::Stem, std::less<>> stemmers;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status))
      throw Error(std::string("ICU word break iterator: ") + u_errorName(status));
  }
  ~Impl() {
    if (text) utext_close(text);
  }

  const Xapian::Stem* stemmer(std::string_view language) const {
    auto it = stemmers.find(language);
    if (it == stemmers.end()) {
      const char* name = stemmer_name(language);
      it =
          stemmers.emplace(std::string(language), name ? Xapian::Stem(name) : Xapian::Stem()).first;
    }
    return it->second.is_none() ? nullptr : &it->second;
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

void Analyzer::tokenize(std::string_view input, std::vector<Token>& out) const {
  UErrorCode status = U_ZERO_ERROR;
  impl_->text =
      utext_openUTF8(impl_->text, input.data(), static_cast<int64_t>(input.size()), &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU cannot read text: ") + u_errorName(status));
  impl_->words->setText(impl_->text, status);
  if (U_FAILURE(status))
    throw Error(std::string("ICU cannot segment text: ") + u_errorName(status));

  std::size_t previous_end = std::string_view::npos;
  int32_t start = impl_->words->first();
  for (int32_t end = impl_->words->next(); end != icu::BreakIterator::DONE;
       start = end, end = impl_->words->next()) {
    int32_t status_tag = impl_->words->getRuleStatus();
    if (status_tag < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    std::string_view raw = input.substr(start, end - start);
    if (raw.size() > kMaxWordBytes) continue;  // not a word: a run of junk

    Token token;
    token.start = start;
    token.end = end;
    token.acronym = looks_like_acronym(raw);
    token.glued = previous_end != std::string_view::npos &&
                  static_cast<std::size_t>(start) == previous_end + 1 && input[previous_end] == '-';
    bool number = status_tag >= UBRK_WORD_NUMBER && status_tag < UBRK_WORD_NUMBER_LIMIT;
    if (is_ascii(raw)) {
      token.ideographic = false;
      std::string folded(raw);
      for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      token.text = tidy(std::move(folded), number);
    } else {
      UChar32 first;
      U8_GET_UNSAFE(reinterpret_cast<const uint8_t*>(raw.data()), 0, first);
      token.ideographic = status_tag >= UBRK_WORD_KANA || is_dictionary_script(first);
      token.text = tidy(fold_unicode(raw), number);
    }
    if (token.text.empty()) continue;
    previous_end = end;
    out.push_back(std::move(token));
  }
}

std::string Analyzer::stem(std::string_view folded_word, std::string_view language) const {
  const Xapian::Stem* stemmer = impl_->stemmer(language);
  if (!stemmer || folded_word.empty()) return std::string(folded_word);
  unsigned char c = folded_word.front();
  if (c >= '0' && c <= '9') return std::string(folded_word);
  return (*stemmer)(std::string(folded_word));
}

std::string Analyzer::fold(std::string_view word) {
  if (is_ascii(word)) {
    std::string out(word);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  return fold_unicode(word);
}

bool Analyzer::has_stemmer(std::string_view language) { return stemmer_name(language) != nullptr; }

bool Analyzer::is_stopword(std::string_view folded_word, std::string_view language) {
  return analysis::is_stopword(folded_word, primary_subtag(language));
}

std::string Analyzer::guess_language(std::string_view text) {
  // Letters by script over the first few kilobytes decide the script; for
  // Latin text, the commonest function words decide the language.
  constexpr std::size_t kSample = 4096;
  if (text.size() > kSample) {
    std::size_t cut = kSample;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::map<UScriptCode, int> letters;
  bool kana = false;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) kana = true;
    ++letters[script];
  }
  UScriptCode best = USCRIPT_LATIN;
  int best_count = 0;
  for (auto [script, count] : letters) {
    if (count > best_count) best = script, best_count = count;
  }
  switch (best) {
    case USCRIPT_HAN:
      return kana ? "ja" : "zh";
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
      return "ja";
    case USCRIPT_HANGUL:
      return "ko";
    case USCRIPT_CYRILLIC:
      return "ru";
    case USCRIPT_ARABIC:
      return "ar";
    case USCRIPT_THAI:
      return "th";
    case USCRIPT_GREEK:
      return "el";
    case USCRIPT_HEBREW:
      return "he";
    default:
      break;
  }
  return std::string(analysis::guess_latin_language(text));
}

std::size_t repair_utf8(std::string& text) {
  std::size_t replaced = 0;
  std::string out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  bool dirty = false;
  while (i < length) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      if (!dirty) {
        out.assign(text, 0, at);
        dirty = true;
      }
      out += "\xEF\xBF\xBD";
      ++replaced;
    } else if (dirty) {
      out.append(text, at, i - at);
    }
  }
  if (dirty) text = std::move(out);
  return replaced;
}

}  // namespace communique
