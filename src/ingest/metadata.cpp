#include "ingest/metadata.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "communique/gazetteer.h"
#include "core/ascii.h"

namespace communique::ingest {

namespace {

using core::ascii_lower;
using core::is_ascii_space;

// ---------------------------------------------------------------- names

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

// ---------------------------------------------------------------- dates

// Month names as dates write them, in lower case: English, French,
// Spanish, Portuguese, German, Italian, Russian and Ukrainian (the form a
// day takes, "25 января", "25 січня", and the nominative), with the
// abbreviations ministries print ("Sept.", "févr.", "нояб."). English
// three-letter abbreviations are read from the first twelve.
struct MonthName {
  std::string_view name;
  int month;
};
constexpr MonthName kMonthNames[] = {
    {"january", 1},
    {"february", 2},
    {"march", 3},
    {"april", 4},
    {"may", 5},
    {"june", 6},
    {"july", 7},
    {"august", 8},
    {"september", 9},
    {"october", 10},
    {"november", 11},
    {"december", 12},
    {"sept", 9},
    // French
    {"janvier", 1},
    {"février", 2},
    {"fevrier", 2},
    {"mars", 3},
    {"avril", 4},
    {"mai", 5},
    {"juin", 6},
    {"juillet", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
    {"janv", 1},
    {"févr", 2},
    {"fevr", 2},
    {"avr", 4},
    {"juil", 7},
    {"déc", 12},
    // Spanish
    {"enero", 1},
    {"febrero", 2},
    {"marzo", 3},
    {"abril", 4},
    {"mayo", 5},
    {"junio", 6},
    {"julio", 7},
    {"agosto", 8},
    {"septiembre", 9},
    {"setiembre", 9},
    {"octubre", 10},
    {"noviembre", 11},
    {"diciembre", 12},
    // Portuguese
    {"janeiro", 1},
    {"fevereiro", 2},
    {"março", 3},
    {"maio", 5},
    {"junho", 6},
    {"julho", 7},
    {"setembro", 9},
    {"outubro", 10},
    {"novembro", 11},
    {"dezembro", 12},
    // German
    {"januar", 1},
    {"jänner", 1},
    {"februar", 2},
    {"märz", 3},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"dezember", 12},
    // Italian
    {"gennaio", 1},
    {"febbraio", 2},
    {"aprile", 4},
    {"maggio", 5},
    {"giugno", 6},
    {"luglio", 7},
    {"settembre", 9},
    {"ottobre", 10},
    {"dicembre", 12},
    // Russian
    {"январь", 1},
    {"января", 1},
    {"февраль", 2},
    {"февраля", 2},
    {"март", 3},
    {"марта", 3},
    {"апрель", 4},
    {"апреля", 4},
    {"май", 5},
    {"мая", 5},
    {"июнь", 6},
    {"июня", 6},
    {"июль", 7},
    {"июля", 7},
    {"август", 8},
    {"августа", 8},
    {"сентябрь", 9},
    {"сентября", 9},
    {"октябрь", 10},
    {"октября", 10},
    {"ноябрь", 11},
    {"ноября", 11},
    {"декабрь", 12},
    {"декабря", 12},
    {"янв", 1},
    {"февр", 2},
    {"апр", 4},
    {"авг", 8},
    {"сент", 9},
    {"окт", 10},
    {"нояб", 11},
    {"дек", 12},
    // Ukrainian
    {"січня", 1},
    {"лютого", 2},
    {"березня", 3},
    {"квітня", 4},
    {"травня", 5},
    {"червня", 6},
    {"липня", 7},
    {"серпня", 8},
    {"вересня", 9},
    {"жовтня", 10},
    {"листопада", 11},
    {"грудня", 12},
    {"січень", 1},
    {"лютий", 2},
    {"березень", 3},
    {"квітень", 4},
    {"травень", 5},
    {"червень", 6},
    {"липень", 7},
    {"серпень", 8},
    {"вересень", 9},
    {"жовтень", 10},
    {"листопад", 11},
    {"грудень", 12},
};

// Lower case, through ICU for words beyond ASCII ("ЯНВАРЯ", "Février").
std::string lower_word(std::string_view word) {
  if (std::all_of(word.begin(), word.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return ascii_lower(word);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Whether `word` may be a month or weekday name: none starts with a
// character of three bytes or more (Han, kana...), so most words of a
// Chinese text are refused before ICU is asked to lower them.
bool may_name_a_day(std::string_view word) {
  return !word.empty() && word.size() <= 40 && static_cast<unsigned char>(word[0]) < 0xE0;
}

int month_number(std::string_view word) {
  if (!may_name_a_day(word)) return 0;
  std::string w = lower_word(word);
  for (const auto& m : kMonthNames) {
    if (w == m.name) return m.month;
  }
  if (w.size() == 3) {  // "Jan", "Feb", ... "Dec"
    for (int m = 0; m < 12; ++m) {
      if (kMonthNames[m].name.substr(0, 3) == w) return m + 1;
    }
  }
  return 0;
}

// Weekdays that may open a date ("Friday, 17th July 2020", "mardi 25
// janvier 2022", "Вторник, 25 января 2022").
bool weekday(std::string_view word) {
  if (!may_name_a_day(word)) return false;
  std::string w = lower_word(word);
  for (std::string_view d :
       {"monday",   "tuesday", "wednesday",  "thursday",    "friday",   "saturday",  "sunday",
        "mon",      "tue",     "tues",       "wed",         "thu",      "thur",      "thurs",
        "fri",      "sat",     "sun",        "lundi",       "mardi",    "mercredi",  "jeudi",
        "vendredi", "samedi",  "dimanche",   "lunes",       "martes",   "miércoles", "jueves",
        "viernes",  "sábado",  "domingo",    "montag",      "dienstag", "mittwoch",  "donnerstag",
        "freitag",  "samstag", "sonntag",    "lunedì",      "martedì",  "mercoledì", "giovedì",
        "venerdì",  "sabato",  "domenica",   "понедельник", "вторник",  "среда",     "четверг",
        "пятница",  "суббота", "воскресенье"}) {
    if (w == d) return true;
  }
  return false;
}

struct DateToken {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string text;
};

// The code point of the UTF-8 character at s[i] and its length (a byte
// that starts none reads as itself).
char32_t utf8_at(std::string_view s, std::size_t i, std::size_t& len) {
  auto b = static_cast<unsigned char>(s[i]);
  int n = b < 0x80 ? 1 : b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
  len = 1;
  if (n <= 1 || i + n > s.size()) return b;
  char32_t cp = b & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return b;
    cp = (cp << 6) | (c & 0x3F);
  }
  len = static_cast<std::size_t>(n);
  return cp;
}

// A character of a script written without spaces (Han, kana, Hangul): a
// word of its own in a date ("2022年1月25日", "2022년 1월 25일").
bool own_word(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xAC00 && c <= 0xD7AF);
}

bool date_punctuation(char32_t c) {
  return (c < 0x80 && !std::isalnum(static_cast<int>(c))) || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20);
}

std::vector<DateToken> date_tokens(std::string_view s) {
  std::vector<DateToken> out;
  enum { kBetween, kInNumber, kInWord } state = kBetween;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    char32_t c = utf8_at(s, i, len);
    std::string_view bytes = s.substr(i, len);
    i += len;
    if ((c < 0x80 && is_ascii_space(static_cast<char>(c))) || c == 0xA0 || c == 0x3000) {
      state = kBetween;
    } else if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) {  // full-width digits too
      char digit = static_cast<char>(c < 0x80 ? c : U'0' + (c - 0xFF10));
      if (state == kInNumber)
        out.back().text += digit;
      else
        out.push_back({DateToken::kNumber, std::string(1, digit)});
      state = kInNumber;
    } else if (own_word(c)) {
      out.push_back({DateToken::kWord, std::string(bytes)});
      state = kBetween;
    } else if (date_punctuation(c)) {
      out.push_back({DateToken::kPunct, std::string(bytes)});
      state = kBetween;
    } else {
      if (state == kInWord)
        out.back().text += bytes;
      else
        out.push_back({DateToken::kWord, std::string(bytes)});
      state = kInWord;
    }
  }
  return out;
}

std::optional<Date> make_date(int year, int month, int day) {
  if (year < 1 || year > 9999) return std::nullopt;
  char buf[16];
  if (day)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  else if (month)
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else
    std::snprintf(buf, sizeof buf, "%04d", year);
  return Date::parse(buf);
}

bool word_at(const std::vector<DateToken>& t, std::size_t i,
             std::initializer_list<std::string_view> words) {
  if (i >= t.size() || t[i].kind != DateToken::kWord || t[i].text.size() > 40) return false;
  std::string w = lower_word(t[i].text);
  return std::find(words.begin(), words.end(), w) != words.end();
}

bool punct_at(const std::vector<DateToken>& t, std::size_t i, std::string_view p) {
  return i < t.size() && t[i].kind == DateToken::kPunct && t[i].text == p;
}

// What may follow a date: nothing, or a time of day ("20:37", "11.30 am").
bool time_or_nothing(const std::vector<DateToken>& t, std::size_t i) {
  while (i < t.size() && t[i].kind == DateToken::kPunct && (t[i].text == "," || t[i].text == "-"))
    ++i;
  if (i == t.size()) return true;
  if (word_at(t, i, {"at"})) ++i;
  return i + 2 < t.size() && t[i].kind == DateToken::kNumber && t[i].text.size() <= 2 &&
         t[i + 1].kind == DateToken::kPunct && (t[i + 1].text == ":" || t[i + 1].text == ".") &&
         t[i + 2].kind == DateToken::kNumber && t[i + 2].text.size() == 2;
}

// A day number, with an ordinal suffix as the next word ("17th", "1er",
// "1º").
bool day_at(const std::vector<DateToken>& t, std::size_t& i, int& day) {
  if (i >= t.size() || t[i].kind != DateToken::kNumber || t[i].text.size() > 2) return false;
  day = std::stoi(t[i].text);
  ++i;
  if (word_at(t, i, {"st", "nd", "rd", "th", "er", "re", "\xC2\xBA"})) ++i;
  return day >= 1 && day <= 31;
}

bool month_at(const std::vector<DateToken>& t, std::size_t& i, int& month) {
  if (i >= t.size() || t[i].kind != DateToken::kWord) return false;
  month = month_number(t[i].text);
  if (!month) return false;
  ++i;
  if (punct_at(t, i, ".")) ++i;  // "Sept.", "févr."
  return true;
}

// A year, with the word some languages write after it ("2022 года",
// "2022 г.", "2022 року").
bool year_at(const std::vector<DateToken>& t, std::size_t& i, int& year) {
  while (punct_at(t, i, ",")) ++i;
  if (i >= t.size() || t[i].kind != DateToken::kNumber || t[i].text.size() != 4) return false;
  year = std::stoi(t[i].text);
  ++i;
  if (word_at(t, i, {"года", "год", "г", "року", "р"})) {
    ++i;
    if (punct_at(t, i, ".")) ++i;
  }
  return true;
}

struct DateMatch {
  std::optional<Date> date;
  std::size_t end = 0;  // the token after the date
};

// The date that starts at token i, if one does. `whole`: the date is all
// the text is meant to be, so a month and year alone ("July 2020",
// "2022年1月") count, and a numeric date may not be followed by more
// digits.
DateMatch match_date(const std::vector<DateToken>& t, std::size_t i, bool whole) {
  int year = 0, month = 0, day = 0;
  std::size_t k = i;
  // 17 July 2020, 17th of July 2020, 25. Januar 2022, 25 de enero de 2022,
  // 25 января 2022 года
  if (day_at(t, k, day)) {
    if (punct_at(t, k, ".")) ++k;
    if (word_at(t, k, {"of", "de"})) ++k;
    if (month_at(t, k, month)) {
      if (word_at(t, k, {"de", "del"})) ++k;
      if (year_at(t, k, year)) return {make_date(year, month, day), k};
    }
  }
  // July 17, 2020 / July 2020
  k = i;
  if (month_at(t, k, month)) {
    std::size_t after_month = k;
    if (day_at(t, k, day) && year_at(t, k, year)) return {make_date(year, month, day), k};
    k = after_month;
    if (whole && year_at(t, k, year) && k == t.size()) return {make_date(year, month, 0), k};
    return {};
  }
  // 2022年1月25日, 2022년 1월 25일
  k = i;
  if (k + 3 < t.size() && t[k].kind == DateToken::kNumber && t[k].text.size() == 4 &&
      word_at(t, k + 1, {"年", "년"}) && t[k + 2].kind == DateToken::kNumber &&
      t[k + 2].text.size() <= 2 && word_at(t, k + 3, {"月", "월"})) {
    year = std::stoi(t[k].text);
    month = std::stoi(t[k + 2].text);
    k += 4;
    if (k + 1 < t.size() && t[k].kind == DateToken::kNumber && t[k].text.size() <= 2 &&
        word_at(t, k + 1, {"日", "号", "일"}))
      return {make_date(year, month, std::stoi(t[k].text)), k + 2};
    if (whole) return {make_date(year, month, 0), k};
    return {};
  }
  // 17.07.2020, 17/07/2020, 2020/7/17, 2020-07-17
  k = i;
  if (k + 4 < t.size() && t[k].kind == DateToken::kNumber && t[k + 1].kind == DateToken::kPunct &&
      t[k + 2].kind == DateToken::kNumber && t[k + 3].kind == DateToken::kPunct &&
      t[k + 3].text == t[k + 1].text && t[k + 4].kind == DateToken::kNumber) {
    const std::string& sep = t[k + 1].text;
    if (sep != "." && sep != "/" && sep != "-") return {};
    // No part of a date has more than four digits (and stoi throws on a
    // number beyond int, which a scraped page may well hold).
    for (std::size_t part : {k, k + 2, k + 4}) {
      if (t[part].text.size() > 4) return {};
    }
    int a = std::stoi(t[k].text), b = std::stoi(t[k + 2].text), c = std::stoi(t[k + 4].text);
    std::size_t end = k + 5;
    if (t[k].text.size() == 4) return {make_date(a, b, c), end};
    if (t[k + 4].text.size() != 4) return {};
    if (sep == ".") return {make_date(c, b, a), end};
    if (a > 12 && b <= 12) return {make_date(c, b, a), end};
    if (b > 12 && a <= 12) return {make_date(c, a, b), end};
    return {};  // 03/04/2020: April or March? Refuse to guess.
  }
  return {};
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

std::optional<Date> parse_date_any(std::string_view text) {
  text = core::trim_ascii(text);
  if (text.empty()) return std::nullopt;
  if (auto d = Date::parse(text)) return d;
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) {
    if (auto d = Date::parse(text.substr(0, 10)); d && d->day) return d;
  }
  std::vector<DateToken> t = date_tokens(text);
  std::size_t i = 0;
  if (i < t.size() && t[i].kind == DateToken::kWord && weekday(t[i].text)) {
    ++i;
    if (punct_at(t, i, ",") || punct_at(t, i, ".")) ++i;
  }
  DateMatch m = match_date(t, i, /*whole=*/true);
  if (!m.date || !time_or_nothing(t, m.end)) return std::nullopt;
  return m.date;
}

std::optional<Date> find_date(std::string_view text) {
  constexpr std::size_t kMaxBytes = 64 * 1024;
  if (text.size() > kMaxBytes) {
    std::size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::vector<DateToken> t = date_tokens(text);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind == DateToken::kPunct) continue;
    // A date starts a number or word, not inside "12025 May 2020".
    if (i > 0 && t[i].kind == DateToken::kNumber && t[i - 1].kind == DateToken::kNumber) continue;
    DateMatch m = match_date(t, i, /*whole=*/false);
    if (m.date && m.date->day) return m.date;  // "2042-02-00" is no day
  }
  return std::nullopt;
}

std::vector<std::string> mentioned_countries(std::string_view text, const Gazetteer& gazetteer,
                                             std::string_view issuer_code) {
  std::vector<std::string> codes;
  for (const auto& m : gazetteer.find_mentions(text)) {
    if (m.code == issuer_code) continue;
    if (std::find(codes.begin(), codes.end(), m.code) == codes.end()) codes.push_back(m.code);
  }
  return codes;
}

}  // namespace communique::ingest
