#include "core/name_keys.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "communique/analyzer.h"
#include "core/ascii.h"

namespace communique::core {

namespace {

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

bool starts_with(std::string_view s, std::string_view start) {
  return s.size() >= start.size() && s.compare(0, start.size(), start) == 0;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// --- Russian -------------------------------------------------------------
// Case endings of nouns and adjectives, folded as Analyzer::fold leaves
// them (й is и, ё is е). A stem keeps at least three letters, so that
// short words are not cut down to one another.
constexpr std::size_t kMinRussianStem = 3;

constexpr std::string_view kRussianEndings[] = {
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "иеи", "ая", "яя",
    "ое",  "ее",  "ые",  "ие",  "ыи",  "ии",  "ои",  "еи",  "ую",  "юю", "ых",
    "их",  "ым",  "им",  "ом",  "ем",  "ам",  "ям",  "ах",  "ях",  "ов", "ев",
    "ью",  "ею",  "ою",  "а",   "я",   "ы",   "и",   "у",   "ю",   "е",  "ь"};

// Endings of the nominative, which names are listed in: nouns in -а, -я,
// -ь, -й (folded -и after a vowel), plurals in -ы, adjectives.
constexpr std::string_view kRussianNominativeEndings[] = {"ые", "ие", "ая", "яя", "ии", "ыи",
                                                          "ои", "я",  "а",  "ь",  "ы"};

bool russian_vowel_before(std::string_view s, std::size_t end) {
  // The two bytes of the letter before `end`.
  if (end < 2) return false;
  std::string_view letter = s.substr(end - 2, 2);
  for (std::string_view v : {"а", "е", "и", "о", "у", "ы", "э", "ю", "я"}) {
    if (letter == v) return true;
  }
  return false;
}

std::string russian_name_stem(const std::string& folded) {
  for (std::string_view e : kRussianNominativeEndings) {
    if (ends_with(folded, e) && code_points(folded) >= kMinRussianStem + code_points(e))
      return folded.substr(0, folded.size() - e.size());
  }
  // Folded й: "Китай" -> "кита"; but "Мали", "Чили" do not decline.
  if (ends_with(folded, "и") && code_points(folded) > kMinRussianStem &&
      russian_vowel_before(folded, folded.size() - 2)) {
    return folded.substr(0, folded.size() - 2);
  }
  return folded;
}

void russian_text_variants(const std::string& folded, std::vector<std::string>& out) {
  std::size_t letters = code_points(folded);
  for (std::string_view e : kRussianEndings) {
    if (ends_with(folded, e) && letters >= kMinRussianStem + code_points(e)) {
      std::string stem = folded.substr(0, folded.size() - e.size());
      if (std::find(out.begin(), out.end(), stem) == out.end()) out.push_back(std::move(stem));
    }
  }
}

// --- Arabic ---------------------------------------------------------------
constexpr std::string_view kArticle = "ال";
constexpr std::size_t kMinArabicWord = 2;

// Alef maqsura as ya, ta marbuta as ha (hamza seats are already plain
// alef, waw and ya after folding, which drops the hamza mark).
std::string arabic_plain(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::string_view rest(s.data() + i, s.size() - i);
    if (starts_with(rest, "ى")) {
      out += "ي";
      i += 2;
    } else if (starts_with(rest, "ة")) {
      out += "ه";
      i += 2;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string without_article(const std::string& w) {
  if (starts_with(w, kArticle) && code_points(w) >= code_points(kArticle) + kMinArabicWord)
    return w.substr(kArticle.size());
  return w;
}

// A word with the clitics written before it taken off: a conjunction (و,
// ف), then a preposition (ب, ك, ل), then the article; ل before the
// article drops its alef ("للصين" is ل + الصين).
void arabic_text_variants(const std::string& w, const std::string& key,
                          std::vector<std::string>& out) {
  auto add = [&](std::string_view rest) {
    if (code_points(rest) < kMinArabicWord) return;
    std::string v = without_article(std::string(rest));
    if (v != key && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  };
  std::string_view s = w;
  for (std::string_view conjunction : {"", "و", "ف"}) {
    if (!starts_with(s, conjunction)) continue;
    std::string_view a = s.substr(conjunction.size());
    if (!conjunction.empty()) add(a);
    for (std::string_view preposition : {"ب", "ك", "ل"}) {
      if (!starts_with(a, preposition)) continue;
      std::string_view b = a.substr(preposition.size());
      add(b);
      if (preposition == "ل" && starts_with(b, "ل")) add(b.substr(2));  // لل
    }
  }
}

// --- Latin ------------------------------------------------------------------

bool all_capitals(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

// "Kyrgyzstan's" -> "kyrgyzstan", "U.S." -> "us".
std::string latin_key(std::string_view raw) {
  bool ascii = std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return c < 0x80; });
  if (ascii) {  // the same, without folding into a copy first
    if (raw.size() > 2 && raw[raw.size() - 2] == '\'' && (raw.back() == 's' || raw.back() == 'S')) {
      raw.remove_suffix(2);
    }
    std::string key;
    key.reserve(raw.size());
    for (unsigned char c : raw) {
      if (c != '\'' && c != '.') key += ascii_lower(static_cast<char>(c));
    }
    return key;
  }
  std::string folded = Analyzer::fold(raw);
  if (folded.size() > 2 && folded.compare(folded.size() - 2, 2, "'s") == 0)
    folded.resize(folded.size() - 2);
  std::string key;
  for (char c : folded) {
    if (c != '\'' && c != '.') key += c;
  }
  return key;
}

// French elisions before a name: l'Inde, d'Allemagne, qu'Israël.
std::size_t elision_length(std::string_view raw) {
  // An apostrophe (straight, or the first byte of a curly one) after one
  // or two letters: most words have none.
  auto apostrophe = [&](std::size_t i) { return raw[i] == '\'' || raw[i] == '\xE2'; };
  if (raw.size() < 4 || !(apostrophe(1) || apostrophe(2))) return 0;
  for (std::string_view p : {"qu", "l", "d", "j", "m", "n", "s", "t", "c"}) {
    if (raw.size() <= p.size() + 2) continue;
    bool prefix = true;
    for (std::size_t i = 0; i < p.size() && prefix; ++i)
      prefix = std::tolower(static_cast<unsigned char>(raw[i])) == p[i];
    if (!prefix) continue;
    std::string_view rest = raw.substr(p.size());
    if (starts_with(rest, "'")) return p.size() + 1;
    if (starts_with(rest, "\xE2\x80\x99")) return p.size() + 3;
  }
  return 0;
}

enum class Kind { kOther, kLatin, kCyrillic, kArabic, kHan };

Kind kind_of(UChar32 c) {
  if (c < 0x80) return Kind::kLatin;
  if (is_han(static_cast<char32_t>(c))) return Kind::kHan;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_LATIN:
      return Kind::kLatin;
    case USCRIPT_CYRILLIC:
      return Kind::kCyrillic;
    case USCRIPT_ARABIC:
      return Kind::kArabic;
    default:
      return Kind::kOther;
  }
}

bool is_word_char(UChar32 c) {
  if (c < 0x80) return std::isalnum(c);
  if (c < 0) return false;
  int8_t type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

void finish_word(std::string_view text, NameWord& w, Kind kind, UChar32 first, WordsOf what,
                 std::vector<NameWord>& out) {
  std::string_view raw = text.substr(w.start, w.end - w.start);
  w.capitalised = first < 0x80 ? !std::islower(first) : !u_islower(first);
  w.capitals = all_capitals(raw);
  switch (kind) {
    case Kind::kLatin:
    case Kind::kOther: {
      if (std::size_t e = elision_length(raw)) {
        w.start += e;
        raw.remove_prefix(e);
        UChar32 c;
        int32_t i = 0;
        U8_NEXT(reinterpret_cast<const uint8_t*>(raw.data()), i, static_cast<int32_t>(raw.size()),
                c);
        w.capitalised = c < 0x80 ? !std::islower(c) : !u_islower(c);
      }
      w.key = latin_key(raw);
      break;
    }
    case Kind::kCyrillic: {
      std::string folded = Analyzer::fold(raw);
      if (what == WordsOf::kName) {
        w.key = russian_name_stem(folded);
      } else {
        russian_text_variants(folded, w.variants);
        w.key = std::move(folded);
      }
      break;
    }
    case Kind::kArabic: {
      std::string plain = arabic_plain(Analyzer::fold(raw));
      w.key = without_article(plain);
      if (what == WordsOf::kText) arabic_text_variants(plain, w.key, w.variants);
      break;
    }
    case Kind::kHan:
      w.key = Analyzer::fold(raw);
      break;
  }
  if (!w.key.empty()) out.push_back(std::move(w));
}

}  // namespace

bool is_han(char32_t c) {
  if (c < 0x2E80) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}

std::vector<NameWord> scan_name_words(std::string_view text, WordsOf what, bool han_as_words) {
  std::vector<NameWord> words;
  words.reserve(text.size() / 6);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size());
  auto next = [&](int32_t& i) {
    UChar32 c;
    U8_NEXT(bytes, i, size, c);
    return c;
  };
  auto ascii_letter_at = [&](int32_t i) { return i < size && std::isalpha(bytes[i]); };
  int32_t i = 0;
  while (i < size) {
    int32_t start = i;
    UChar32 first = next(i);
    if (!is_word_char(first)) continue;
    Kind kind = kind_of(first);
    if (kind == Kind::kHan && !han_as_words) {
      // One barrier word for the run, so that no name runs across it.
      if (words.empty() || words.back().key != kHanBarrier) {
        NameWord barrier;
        barrier.start = static_cast<std::size_t>(start);
        barrier.end = static_cast<std::size_t>(i);
        barrier.key = std::string(kHanBarrier);
        words.push_back(std::move(barrier));
      } else {
        words.back().end = static_cast<std::size_t>(i);
      }
      continue;
    }
    NameWord w;
    w.start = static_cast<std::size_t>(start);
    int32_t end = i;
    while (end < size) {
      int32_t at = end;
      UChar32 c = next(at);
      bool han = c > 0 && is_han(static_cast<char32_t>(c));
      if (han != (kind == Kind::kHan) && is_word_char(c)) break;  // Han runs are words of their own
      if (is_word_char(c)) {
        end = at;
        continue;
      }
      // An apostrophe (straight or curly) or dot inside a word: "People's", "U.S".
      if ((c == '\'' || c == 0x2019 || c == '.') && ascii_letter_at(at) && kind != Kind::kHan) {
        end = at;
        continue;
      }
      break;
    }
    w.end = static_cast<std::size_t>(end);
    i = end;
    finish_word(text, w, kind, first, what, words);
  }
  return words;
}

std::string name_key(std::string_view name) {
  std::string key;
  for (const NameWord& w : scan_name_words(name, WordsOf::kName, true)) {
    if (key.empty() && w.key == "the") continue;
    if (!key.empty()) key += ' ';
    key += w.key;
  }
  return key;
}

}  // namespace communique::core
