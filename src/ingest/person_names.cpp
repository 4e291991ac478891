#include "ingest/person_names.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <vector>

#include "core/ascii.h"

namespace communique::ingest {

namespace {

using core::ascii_lower;
using core::is_ascii_space;

// Windows-1252 characters for the C1 controls U+0080..U+009F: text that
// went through a Latin-1 decoder carries them ("Ga\u009Aparovi\u010D").
constexpr std::array<char16_t, 32> kCp1252 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// C1 controls repaired, curly apostrophes made straight, invisible and
// no-break spaces made plain spaces or dropped.
std::string clean_characters(std::string_view raw) {
  icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (c >= 0x80 && c <= 0x9F) c = kCp1252[c - 0x80] ? kCp1252[c - 0x80] : ' ';
    if (c == 0x2018 || c == 0x2019 || c == 0x02BC) c = '\'';
    if (c == 0x201C || c == 0x201D || c == '"') continue;
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF) continue;
    if (u_isUWhiteSpace(c) || c == 0x00A0) c = ' ';
    out.append(c);
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

bool has_lower(std::string_view word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_islower(c)) return true;
  }
  return false;
}

int letter_count(std::string_view word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  int n = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c)) ++n;
  }
  return n;
}

bool roman_numeral(std::string_view w) {
  static constexpr const char* kNumerals[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
                                              "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
                                              "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};
  for (const char* n : kNumerals) {
    if (w == n) return true;
  }
  return false;
}

// "JOSÉ" -> "José", "AL-SABAH" -> "Al-Sabah", "O'NEILL" -> "O'Neill".
std::string title_case(std::string_view word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  u.toLower();
  icu::UnicodeString out;
  bool start = true;
  int32_t letters_since_start = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (start && u_isalpha(c)) {
      c = u_toupper(c);
      start = false;
      letters_since_start = 1;
    } else if (c == '-') {
      start = true;
    } else if (c == '\'' && letters_since_start == 1) {
      start = true;  // O'Neill, D'Escoto; not Ri'ayatuddin
    } else if (u_isalpha(c)) {
      ++letters_since_start;
    }
    out.append(c);
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ascii_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_ascii_space(s[i])) ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

// A word compared with honorifics: lower case, without dots and apostrophes.
std::string honorific_key(std::string_view w) {
  std::string k;
  for (char c : w) {
    if (c != '.' && c != '\'' && c != ';' && c != ',') k += ascii_lower(c);
  }
  return k;
}

// Titles that precede a name, longest first. Each is a run of word keys.
const std::vector<std::vector<std::string>>& honorifics() {
  static const std::vector<std::vector<std::string>> kList = [] {
    std::vector<std::vector<std::string>> list;
    // Titles separated by '|'.
    constexpr std::string_view kTitles =
        "the right honourable|the right honorable|his royal highness|her royal highness|"
        "his serene highness|her serene highness|the rt hon|his excellency|her excellency|"
        "his eminence|associate professor|assoc prof|ambassador-at-large|yang berhormat|"
        "yang amat berhormat|yang mulia|pehin orang kaya|his majesty|her majesty|his highness|"
        "her highness|his holiness|the honourable|the honorable|right honourable|"
        "right honorable|rt hon|crown prince|tan sri|dato sri|dato seri|datuk seri|datuk sri|"
        "mr|mrs|ms|miss|mme|madam|madame|dr|prof|professor|sir|dame|sheikh|shaikh|sheikha|"
        "shaikha|hon|honourable|honorable|king|queen|prince|princess|emir|amir|sultan|general|"
        "gen|archbishop|monsignor|cardinal|datuk|dato|datin|lyonpo|lyonchhen|samdech|"
        "excellency|haji|hajji|hajj|utama|diraja|ibu|bapak|pak|pehin|dear|president|ambassador";
    for (std::size_t i = 0; i < kTitles.size();) {
      std::size_t end = std::min(kTitles.find('|', i), kTitles.size());
      std::string_view h = kTitles.substr(i, end - i);
      i = end + 1;
      std::vector<std::string> words;
      for (auto& w : split_words(h)) words.push_back(w);
      list.push_back(std::move(words));
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return list;
  }();
  return kList;
}

bool is_post_nominal(std::string_view w) {
  std::string k = honorific_key(w);
  for (const char* p : {"mp", "qc", "kc", "td", "mbbs", "md", "phd", "gcmg", "kcmg", "cmg", "obe",
                        "mbe", "cbe", "kbe", "dbe", "gcb", "sc", "mla", "mna"}) {
    if (k == p) return true;
  }
  return false;
}

bool is_particle(std::string_view lower) {
  for (const char* p :
       {"de",  "da",  "do", "dos", "das", "del",   "della", "di",  "du", "van", "von",
        "der", "den", "la", "le",  "bin", "binti", "ibn",   "bte", "y",  "e"}) {
    if (lower == p) return true;
  }
  return false;
}

bool is_junior(std::string_view w) {
  std::string k = honorific_key(w);
  return k == "jr" || k == "sr";
}

// Removes "(...)" remarks.
std::string drop_parentheses(std::string_view s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(')
      ++depth;
    else if (c == ')' && depth > 0)
      --depth;
    else if (depth == 0)
      out += c;
  }
  return out;
}

}  // namespace

std::string normalise_person_name(std::string_view raw) {
  std::string cleaned = drop_parentheses(clean_characters(raw));
  std::vector<std::string> words = split_words(cleaned);

  // Cut at the first comma: what follows is post-nominals ("MP", "MBBS, MD")
  // or a generation suffix, which is kept.
  bool junior = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::size_t comma = words[i].find(',');
    if (comma == std::string::npos) continue;
    std::string tail = words[i].substr(comma + 1);
    words[i].resize(comma);
    std::vector<std::string> rest;
    if (!tail.empty()) rest.push_back(tail);
    rest.insert(rest.end(), words.begin() + static_cast<std::ptrdiff_t>(i) + 1, words.end());
    junior = !rest.empty() && is_junior(rest.front());
    words.resize(words[i].empty() ? i : i + 1);
    break;
  }
  // Stray punctuation around words.
  for (auto& w : words) {
    while (!w.empty() && std::strchr("\"`:;,-", w.front())) w.erase(0, 1);
    while (!w.empty() && std::strchr("\"'`:;,-", w.back())) w.pop_back();
  }
  words.erase(std::remove(words.begin(), words.end(), std::string()), words.end());

  // Leading honorifics, as many as there are, while a name remains.
  for (bool again = true; again;) {
    again = false;
    for (const auto& h : honorifics()) {
      if (words.size() <= h.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < h.size() && match; ++k) match = honorific_key(words[k]) == h[k];
      if (match) {
        words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(h.size()));
        again = true;
        break;
      }
    }
    // "He" is a surname; the honorific is written "H.E." or "HE". A name
    // never starts with a Roman numeral (left over from "Sultan ... II").
    if (!again && words.size() > 1 &&
        (words[0] == "H.E." || words[0] == "H.E" || words[0] == "HE." || words[0] == "HE" ||
         (roman_numeral(words[0]) && words[0].size() > 1))) {
      words.erase(words.begin());
      again = true;
    }
  }
  // Trailing possessive, post-nominals and generation suffixes.
  if (!words.empty()) {
    std::string& last = words.back();
    if (last.size() > 2 && (last.ends_with("'s") || last.ends_with("'S"))) {
      last.resize(last.size() - 2);
    } else if (last.size() > 1 && last.back() == '\'') {
      last.pop_back();
    }
  }
  while (words.size() > 1 && (is_post_nominal(words.back()) || is_junior(words.back()))) {
    if (is_junior(words.back())) junior = true;
    words.pop_back();
  }
  if (words.empty()) return {};

  bool all_capitals =
      std::none_of(words.begin(), words.end(), [](const std::string& w) { return has_lower(w); });
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    std::string bare = w;
    while (!bare.empty() && bare.back() == '.') bare.pop_back();
    int letters = letter_count(bare);
    bool capitals = letters > 0 && !has_lower(bare);
    if (capitals && !roman_numeral(bare) && letters > 1) {
      bool vowel = bare.find_first_of("AEIOUY") != std::string::npos;
      if (all_capitals || letters >= 3 || (vowel && i > 0)) {
        std::string lower = ascii_lower(bare);
        w = (all_capitals && i > 0 && i + 1 < words.size() && is_particle(lower))
                ? lower
                : title_case(bare);
        if (bare.size() < words[i].size()) w += words[i].substr(bare.size());
      }
    }
    // A lone initial inside a name takes its period.
    if (i > 0 && i + 1 < words.size() && w.size() == 1 &&
        std::isupper(static_cast<unsigned char>(w[0])))
      w += '.';
    if (!out.empty()) out += ' ';
    out += w;
  }
  if (junior) out += " Jr.";
  return out;
}

}  // namespace communique::ingest
