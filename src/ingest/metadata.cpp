#include "ingest/metadata.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "communique/gazetteer.h"

namespace communique::ingest {

namespace {

bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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
    while (i < s.size() && ascii_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !ascii_space(s[i])) ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

// A word compared with honorifics: lower case, without dots and apostrophes.
std::string honorific_key(std::string_view w) {
  std::string k;
  for (char c : w) {
    if (c != '.' && c != '\'' && c != ';' && c != ',')
      k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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

// ---------------------------------------------------------------- roles

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Whether `s` starts with one of the '|'-separated `alternatives`.
bool starts_with_any(std::string_view s, std::string_view alternatives) {
  for (std::size_t i = 0; i < alternatives.size();) {
    std::size_t end = std::min(alternatives.find('|', i), alternatives.size());
    if (starts_with(s, alternatives.substr(i, end - i))) return true;
    i = end + 1;
  }
  return false;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// Misspellings seen in posts, corrected before matching.
std::string correct_post_spelling(std::string s) {
  static constexpr std::pair<const char*, const char*> kFixes[] = {
      {"foregn", "foreign"},         {"minsiter", "minister"},    {"misnter", "minister"},
      {"govermnent", "government"},  {"goverment", "government"}, {"cairman", "chairman"},
      {"presidensy", "presidency"},  {"coucil", "council"},       {"comander", "commander"},
      {"internatl", "international"}};
  for (const auto& [bad, good] : kFixes) {
    for (std::size_t at = s.find(bad); at != std::string::npos;
         at = s.find(bad, at + std::strlen(good))) {
      s.replace(at, std::strlen(bad), good);
    }
  }
  if (starts_with(s, "rime minister")) s = "p" + s;
  return s;
}

enum class Rank {
  kNone = 0,
  kOther = 1,
  kForeignMinister = 2,
  kHeadOfGovernment = 3,
  kHeadOfState = 4
};

// One office of a post ("prime minister", "minister for foreign affairs").
Rank classify_office(std::string_view o) {
  for (const char* lead : {"acting ", "interim ", "ad interim ", "constitutional ", "sovereign "}) {
    if (starts_with(o, lead)) o.remove_prefix(std::strlen(lead));
  }
  if (o.empty()) return Rank::kNone;
  for (const char* deputy :
       {"deputy", "vice", "second minister", "senior minister", "minister of state",
        "special envoy", "first vice", "crown prince", "member of the junta"}) {
    if (starts_with(o, deputy)) return Rank::kOther;
  }
  for (const char* hog : {"prime minister", "first prime minister", "premier", "head of government",
                          "head of the government", "president of the council of ministers",
                          "president of the government", "president of government",
                          "chairman of the council of ministers", "chancellor", "chief executive",
                          "chief advisor of the interim government", "taoiseach"}) {
    if (starts_with(o, hog)) return Rank::kHeadOfGovernment;
  }
  if (starts_with(o, "president of the european council") ||
      starts_with(o, "president of the general assembly")) {
    return Rank::kOther;
  }
  constexpr std::string_view kHeadsOfState =
      "president|first executive president|head of state|king|queen|emir|amir|emperor|"
      "sultan|pope|head of the church|prince|chairman of the presidency|"
      "member of the presidency|chairman of the presidential council|"
      "chairman of the transitional military council|chairman of the military council|"
      "chairman of the supreme council|commander in chief|coordinator of the junta|"
      "chairman of the assembly presidium|captain regent";
  if (starts_with_any(o, kHeadsOfState)) return Rank::kHeadOfState;
  for (const char* fm :
       {"foreign affairs", "foreign minister", "minister for foreign", "minister of foreign",
        "external affairs", "external relations", "foreign and ", "relations with states",
        "international relations", "international affairs", "secretary of state"}) {
    if (contains(o, fm)) return Rank::kForeignMinister;
  }
  return Rank::kOther;
}

// ---------------------------------------------------------------- dates

int month_number(std::string_view word) {
  static constexpr const char* kMonths[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
  std::string w = lower_ascii(word);
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kMonths[m];
    if (w == full || (w.size() == 3 && full.substr(0, 3) == w)) return m + 1;
  }
  return 0;
}

bool weekday(std::string_view word) {
  std::string w = lower_ascii(word);
  for (const char* d :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
        "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}) {
    if (w == d) return true;
  }
  return false;
}

struct DateToken {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string text;
};

std::vector<DateToken> date_tokens(std::string_view s) {
  std::vector<DateToken> out;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (ascii_space(static_cast<char>(c))) {
      ++i;
    } else if (std::isdigit(c)) {
      std::size_t start = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      out.push_back({DateToken::kNumber, std::string(s.substr(start, i - start))});
    } else if (std::isalpha(c) || c >= 0x80) {
      std::size_t start = i;
      while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) ||
                              static_cast<unsigned char>(s[i]) >= 0x80))
        ++i;
      out.push_back({DateToken::kWord, std::string(s.substr(start, i - start))});
    } else {
      out.push_back({DateToken::kPunct, std::string(1, static_cast<char>(c))});
      ++i;
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

// What may follow a date: nothing, or a time of day ("20:37", "11.30 am").
bool time_or_nothing(const std::vector<DateToken>& t, std::size_t i) {
  while (i < t.size() && t[i].kind == DateToken::kPunct && (t[i].text == "," || t[i].text == "-"))
    ++i;
  if (i == t.size()) return true;
  if (t[i].kind == DateToken::kWord && (lower_ascii(t[i].text) == "at")) ++i;
  return i + 2 < t.size() && t[i].kind == DateToken::kNumber && t[i].text.size() <= 2 &&
         t[i + 1].kind == DateToken::kPunct && (t[i + 1].text == ":" || t[i + 1].text == ".") &&
         t[i + 2].kind == DateToken::kNumber && t[i + 2].text.size() == 2;
}

// A day number, with an ordinal suffix as the next word ("17th").
bool day_at(const std::vector<DateToken>& t, std::size_t& i, int& day) {
  if (i >= t.size() || t[i].kind != DateToken::kNumber || t[i].text.size() > 2) return false;
  day = std::stoi(t[i].text);
  ++i;
  if (i < t.size() && t[i].kind == DateToken::kWord) {
    std::string w = lower_ascii(t[i].text);
    if (w == "st" || w == "nd" || w == "rd" || w == "th") ++i;
  }
  return day >= 1 && day <= 31;
}

bool month_at(const std::vector<DateToken>& t, std::size_t& i, int& month) {
  if (i >= t.size() || t[i].kind != DateToken::kWord) return false;
  month = month_number(t[i].text);
  if (!month) return false;
  ++i;
  if (i < t.size() && t[i].kind == DateToken::kPunct && t[i].text == ".") ++i;  // "Sept."
  return true;
}

bool year_at(const std::vector<DateToken>& t, std::size_t& i, int& year) {
  while (i < t.size() && t[i].kind == DateToken::kPunct && t[i].text == ",") ++i;
  if (i >= t.size() || t[i].kind != DateToken::kNumber || t[i].text.size() != 4) return false;
  year = std::stoi(t[i].text);
  ++i;
  return true;
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

void strip_bom(std::string& text) {
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
}

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
    if (last.size() > 2 && (last.compare(last.size() - 2, 2, "'s") == 0 ||
                            last.compare(last.size() - 2, 2, "'S") == 0)) {
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
        std::string lower = lower_ascii(bare);
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

std::string normalise_role(std::string_view post) {
  std::string p;
  for (char c : trim(post)) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ascii_space(l)) {
      if (!p.empty() && p.back() != ' ') p += ' ';
    } else {
      p += l;
    }
  }
  if (p.empty() || p == "missing" || p == "not indicated" || p == "n/a" || p == "unknown")
    return {};
  p = correct_post_spelling(std::move(p));
  // Offices joined by "and" or commas; the highest counts.
  Rank best = Rank::kNone;
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t comma = p.find(',', start), conj = p.find(" and ", start),
                end = std::min(comma, conj);
    std::string_view office = trim(std::string_view(p).substr(
        start, end == std::string::npos ? std::string::npos : end - start));
    best = std::max(best, classify_office(office));
    if (end == std::string::npos) break;
    start = end + (end == comma ? 1 : 5);
  }
  switch (best) {
    case Rank::kHeadOfState:
      return "head of state";
    case Rank::kHeadOfGovernment:
      return "head of government";
    case Rank::kForeignMinister:
      return "foreign minister";
    case Rank::kOther:
      return "other";
    case Rank::kNone:
      break;
  }
  return {};
}

std::optional<Date> parse_date_any(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto d = Date::parse(text)) return d;
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) {
    if (auto d = Date::parse(text.substr(0, 10)); d && d->day) return d;
  }
  std::vector<DateToken> t = date_tokens(text);
  std::size_t i = 0;
  if (i < t.size() && t[i].kind == DateToken::kWord && weekday(t[i].text)) {
    ++i;
    if (i < t.size() && t[i].kind == DateToken::kPunct && (t[i].text == "," || t[i].text == "."))
      ++i;
  }
  int year = 0, month = 0, day = 0;
  std::size_t k = i;
  // 17 July 2020, 17th of July 2020, 08 May 2024, 23:15
  if (day_at(t, k, day)) {
    if (k < t.size() && t[k].kind == DateToken::kWord && lower_ascii(t[k].text) == "of") ++k;
    if (month_at(t, k, month) && year_at(t, k, year) && time_or_nothing(t, k))
      return make_date(year, month, day);
  }
  // July 17, 2020 20:37 / July 2020
  k = i;
  if (month_at(t, k, month)) {
    std::size_t after_month = k;
    if (day_at(t, k, day) && year_at(t, k, year) && time_or_nothing(t, k))
      return make_date(year, month, day);
    k = after_month;
    day = 0;
    if (year_at(t, k, year) && k == t.size()) return make_date(year, month, 0);
  }
  // 17.07.2020, 17/07/2020, 2020/7/17
  k = i;
  if (k + 4 < t.size() && t[k].kind == DateToken::kNumber && t[k + 1].kind == DateToken::kPunct &&
      t[k + 2].kind == DateToken::kNumber && t[k + 3].kind == DateToken::kPunct &&
      t[k + 3].text == t[k + 1].text && t[k + 4].kind == DateToken::kNumber &&
      time_or_nothing(t, k + 5)) {
    const std::string& sep = t[k + 1].text;
    if (sep != "." && sep != "/" && sep != "-") return std::nullopt;
    // No part of a date has more than four digits (and stoi throws on a
    // number beyond int, which a scraped page may well hold).
    for (std::size_t part : {k, k + 2, k + 4}) {
      if (t[part].text.size() > 4) return std::nullopt;
    }
    int a = std::stoi(t[k].text), b = std::stoi(t[k + 2].text), c = std::stoi(t[k + 4].text);
    if (t[k].text.size() == 4) return make_date(a, b, c);
    if (t[k + 4].text.size() != 4) return std::nullopt;
    if (sep == ".") return make_date(c, b, a);
    if (a > 12 && b <= 12) return make_date(c, b, a);
    if (b > 12 && a <= 12) return make_date(c, a, b);
    return std::nullopt;  // 03/04/2020: April or March? Refuse to guess.
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
