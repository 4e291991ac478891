#include "ingest/dates.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <initializer_list>
#include <vector>

#include "core/ascii.h"

namespace communique::ingest {

namespace {

using core::ascii_lower;
using core::is_ascii_space;

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

}  // namespace communique::ingest
