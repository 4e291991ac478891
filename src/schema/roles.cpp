#include "schema/roles.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "communique/analyzer.h"
#include "core/ascii.h"
#include "schema/fields.h"

namespace communique::schema {

namespace {

// Whether `s` starts with one of the '|'-separated `alternatives`.
bool starts_with_any(std::string_view s, std::string_view alternatives) {
  for (std::size_t i = 0; i < alternatives.size();) {
    std::size_t end = std::min(alternatives.find('|', i), alternatives.size());
    if (s.starts_with(alternatives.substr(i, end - i))) return true;
    i = end + 1;
  }
  return false;
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
  if (s.starts_with("rime minister")) s = "p" + s;
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
    if (o.starts_with(lead)) o.remove_prefix(std::strlen(lead));
  }
  if (o.empty()) return Rank::kNone;
  for (const char* deputy :
       {"deputy", "vice", "second minister", "senior minister", "minister of state",
        "special envoy", "first vice", "crown prince", "member of the junta"}) {
    if (o.starts_with(deputy)) return Rank::kOther;
  }
  for (const char* hog : {"prime minister", "first prime minister", "premier", "head of government",
                          "head of the government", "president of the council of ministers",
                          "president of the government", "president of government",
                          "chairman of the council of ministers", "chancellor", "chief executive",
                          "chief advisor of the interim government", "taoiseach"}) {
    if (o.starts_with(hog)) return Rank::kHeadOfGovernment;
  }
  if (o.starts_with("president of the european council") ||
      o.starts_with("president of the general assembly")) {
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
    if (o.find(fm) != std::string_view::npos) return Rank::kForeignMinister;
  }
  return Rank::kOther;
}

}  // namespace

std::string normalise_role(std::string_view post) {
  std::string p;
  for (char c : core::trim_ascii(post)) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (core::is_ascii_space(l)) {
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
    std::string_view office = core::trim_ascii(std::string_view(p).substr(
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

std::string role_key(std::string_view post) {
  std::string category = normalise_role(post);
  if (!category.empty() && category != "other") return category;
  return folded_words(post);
}

}  // namespace communique::schema
