// Finding office holders in running text by the posts written next to
// their names. Rules, not a trained model: a post word ("Minister",
// "President", "Secretary", ...), then the rest of the post ("for Foreign
// Affairs", "of the People's Republic of China"), then honorifics, then
// two to six capitalised words. Words of posts and institutions never
// count as name words, which is how "Minister for Finance Lawrence Wong"
// yields "Lawrence Wong" and not "Finance Lawrence Wong".

#include "ingest/ministers.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "analysis/people.h"
#include "communique/gazetteer.h"
#include "core/name_keys.h"
#include "ingest/enrich.h"
#include "ingest/person_names.h"

namespace communique::ingest {

namespace {

struct Token {
  std::size_t start = 0, end = 0;  // byte range in the text, possessive included
  std::string lower;               // lower-case ASCII letters, possessive removed
  bool word = false;
  bool capitalised = false;
  bool possessive = false;  // "Balakrishnan's"
  char punct = 0;           // for punctuation tokens: the ASCII character, or '?' for others
};

bool is_word_start(const std::string_view text, std::size_t i, UChar32& c, std::size_t& next) {
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(text.size()), c);
  next = static_cast<std::size_t>(pos);
  return c > 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    UChar32 c;
    std::size_t next;
    if (!is_word_start(text, i, c, next)) {
      if (c > 0 && !u_isUWhiteSpace(c) && c != 0xA0) {
        Token t;
        t.start = i;
        t.end = next;
        t.punct = c < 0x80 ? static_cast<char>(c) : (c == 0x2019 || c == 0x2018) ? '\'' : '?';
        out.push_back(t);
      }
      i = next > i ? next : i + 1;
      continue;
    }
    Token t;
    t.word = true;
    t.start = i;
    t.capitalised = u_isupper(c) || u_istitle(c);
    std::size_t j = next;
    while (j < text.size()) {
      UChar32 d;
      std::size_t after;
      if (is_word_start(text, j, d, after)) {
        j = after;
        continue;
      }
      // Inner apostrophes, hyphens and the dots of "H.E." stay in the word.
      UChar32 e = 0;
      std::size_t after2 = after;
      bool letter_follows = after < text.size() && is_word_start(text, after, e, after2);
      if (letter_follows && (d == '\'' || d == 0x2019 || d == '-')) {
        j = after;
        continue;
      }
      if (letter_follows && d == '.' && j - t.start == 1) {  // "H.E", "U.S"
        j = after;
        continue;
      }
      break;
    }
    t.end = j;
    std::string_view w = text.substr(t.start, j - t.start);
    std::string lower;
    for (char ch : w) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (std::string_view poss : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
      if (lower.size() > poss.size() &&
          lower.compare(lower.size() - poss.size(), poss.size(), poss) == 0) {
        lower.resize(lower.size() - poss.size());
        t.possessive = true;
        break;
      }
    }
    t.lower = std::move(lower);
    out.push_back(std::move(t));
    i = j;
  }
  return out;
}

// The words of a space-separated list, as a set.
std::unordered_set<std::string> word_set(std::string_view words) {
  std::unordered_set<std::string> set;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t end = std::min(words.find(' ', i), words.size());
    if (end > i) set.emplace(words.substr(i, end - i));
    i = end + 1;
  }
  return set;
}

const std::unordered_set<std::string>& post_words() {
  static const std::unordered_set<std::string> kWords = word_set(
      "minister president premier chancellor councilor councillor counsellor counselor secretary "
      "secretary-general envoy prince king sultan emir amir chairman chairperson taoiseach");
  return kWords;
}

// Words of posts, institutions and headlines: never part of a name.
const std::unordered_set<std::string>& office_words() {
  static const std::unordered_set<std::string> kWords = word_set(
      "minister ministers ministry prime deputy vice foreign affairs state secretary "
      "secretary-general president premier chancellor councilor councillor counsellor counselor "
      "envoy special senior second first coordinating federal union cabinet office council "
      "general assembly republic kingdom people democratic socialist islamic arab united "
      "federation commonwealth development economic economy policies policy education defence "
      "defense home national security international cooperation co-operation external relations "
      "europe european integration commerce investment industry health law justice culture "
      "community communities youth sport sports environment sustainability water resources "
      "manpower transport communications information social family services service public "
      "political bureau central committee municipal party communist cpc diaspora immigration "
      "tourism agriculture energy planning interior treasury digital labour labor women "
      "religious worship regional trade business infrastructure science technology innovation "
      "housing maritime fisheries climate disaster management civil administration local "
      "government legal parliamentary parliament presidency presidential finance financial "
      "ministerial chairman chairperson chair executive head crown prince princess king queen "
      "sultan emir amir royal highness excellency majesty former outgoing incoming acting "
      "interim designate elect permanent representative ambassador high commissioner consul "
      "honorary spokesperson spokesman dialogue meeting visit official working statement joint "
      "press remarks transcript reply replies written letter letters message condolence "
      "congratulatory telephone call opening closing summit conference forum asean nations "
      "organization organisation region province city strategic partnership co-chairs co-chair "
      "delegation congress congressional senate senator governor mayor leader leaders taoiseach "
      "guard armed forces military defense navy army air force commander chief director "
      "directorate department agency authority commission bank court house lords commons embassy "
      "mission consulate affair aid relief humanitarian university association board promotion "
      "enterprise front centre center institute foundation school college company corporation "
      "group fund programme program initiative change action chancellery abroad nationals "
      "expatriates emigrants overseas worldwide ministerial-level society academy museum "
      "hospital airport port authority agency alliance declaration agreement treaty charter "
      "accord plan strategy vision road belt silk");
  return kWords;
}

// Capitalised words that end a name in headline case ("... Balakrishnan To Turkey").
const std::unordered_set<std::string>& stop_words() {
  static const std::unordered_set<std::string> kWords = word_set(
      "to on at in and of for the with from by during via after before amid has had said says "
      "will was is who which as mp dear photo credit credits receives received meets met visits "
      "visited calls called attends hosts hosted launches delivers delivered leads signs signed "
      "under show distinguished guests ladies gentlemen excellencies delegates colleagues "
      "friends january february march april may june july august september october november "
      "december monday tuesday wednesday thursday friday saturday sunday thank thanks "
      "congratulations welcome today yesterday also please reply question fellow panelists "
      "panellists");
  return kWords;
}

bool is_particle(const std::string& w) {
  for (const char* p :
       {"bin", "binti", "bte", "ibn", "al",  "el",  "de",  "da",  "do", "dos", "das",
        "del", "della", "di",  "du",  "van", "von", "der", "den", "la", "le",  "y"}) {
    if (w == p) return true;
  }
  return false;
}

// Honorifics between a post and a name, as runs of lower-case words.
std::size_t honorific_length(const std::vector<Token>& t, std::size_t i) {
  static const std::vector<std::vector<std::string>> kRuns = {{"the", "right", "honourable"},
                                                              {"the", "right", "honorable"},
                                                              {"his", "royal", "highness"},
                                                              {"her", "royal", "highness"},
                                                              {"his", "excellency"},
                                                              {"her", "excellency"},
                                                              {"his", "majesty"},
                                                              {"her", "majesty"},
                                                              {"his", "highness"},
                                                              {"her", "highness"},
                                                              {"the", "honourable"},
                                                              {"the", "honorable"},
                                                              {"tan", "sri"},
                                                              {"dato", "sri"},
                                                              {"dato", "seri"},
                                                              {"datuk", "seri"},
                                                              {"datuk", "sri"},
                                                              {"mr"},
                                                              {"mrs"},
                                                              {"ms"},
                                                              {"madam"},
                                                              {"dr"},
                                                              {"prof"},
                                                              {"professor"},
                                                              {"sir"},
                                                              {"dame"},
                                                              {"sheikh"},
                                                              {"shaikh"},
                                                              {"h.e"},
                                                              {"datuk"},
                                                              {"dato"},
                                                              {"hon"},
                                                              {"general"},
                                                              {"ambassador"}};
  for (const auto& run : kRuns) {
    std::size_t k = i, matched = 0;
    for (const auto& w : run) {
      while (k < t.size() && !t[k].word && (t[k].punct == '.' || t[k].punct == '\'')) ++k;
      if (k >= t.size() || !t[k].word || t[k].lower != w) break;
      ++k;
      ++matched;
    }
    if (matched == run.size()) {
      while (k < t.size() && !t[k].word && (t[k].punct == '.' || t[k].punct == '\'')) ++k;
      return k - i;
    }
  }
  return 0;
}

class Extractor {
 public:
  Extractor(std::string_view text, const Gazetteer& gazetteer)
      : text_(text), gazetteer_(gazetteer), t_(tokenize(text)) {
    for (const auto& m : gazetteer.find_mentions(text)) country_end_at_[m.start] = m.end;
  }

  std::vector<FoundPerson> run() {
    for (std::size_t i = 0; i < t_.size(); ++i) {
      const Token& tok = t_[i];
      if (!tok.word) continue;
      if (!tok.possessive && post_words().count(tok.lower)) {
        std::size_t j = after_post(i + 1);
        if (auto name = name_at(j, nullptr)) add(j, *name);
      } else if (tok.lower == "his" || tok.lower == "her" || tok.lower == "h.e") {
        // "His Excellency Bui Thanh Son, Minister of Foreign Affairs"
        std::size_t h = honorific_length(t_, i);
        if (h == 0) continue;
        std::size_t end = 0;
        auto name = name_at(i + h, &end);
        if (name && post_follows(end)) add(i + h, *name);
      }
    }
    return std::move(found_);
  }

 private:
  bool office(std::size_t k) const {
    return k < t_.size() && t_[k].word && t_[k].capitalised && office_words().count(t_[k].lower);
  }

  // Index of the token after a country name starting at token k, or k.
  std::size_t skip_country(std::size_t k) const {
    if (k >= t_.size()) return k;
    auto it = country_end_at_.find(t_[k].start);
    if (it == country_end_at_.end()) return k;
    while (k < t_.size() && t_[k].start < it->second) ++k;
    return k;
  }

  bool word_is(std::size_t k, std::initializer_list<const char*> words) const {
    if (k >= t_.size() || !t_[k].word) return false;
    for (const char* w : words) {
      if (t_[k].lower == w) return true;
    }
    return false;
  }

  // The rest of a post after its head word: "for Foreign Affairs and Trade",
  // "of the People's Republic of China", "in the Prime Minister's Office".
  std::size_t after_post(std::size_t j) const {
    while (word_is(j, {"for", "of", "in"})) {
      std::size_t k = j + 1;
      if (word_is(k, {"the"})) ++k;
      bool consumed = false;
      while (k < t_.size()) {
        std::size_t past_country = skip_country(k);
        if (past_country > k) {
          k = past_country;
          consumed = true;
        } else if (office(k)) {
          ++k;
          consumed = true;
        } else if ((word_is(k, {"and", "of", "the", "for", "in"}) ||
                    (!t_[k].word && (t_[k].punct == ',' || t_[k].punct == '&'))) &&
                   (office(k + 1) || skip_country(k + 1) > k + 1 || word_is(k + 1, {"the"}))) {
          ++k;
        } else {
          break;
        }
      }
      if (!consumed) break;
      j = k;
    }
    return j;
  }

  // A name starting at token j (after an optional comma and honorifics).
  std::optional<std::string> name_at(std::size_t j, std::size_t* end_out) const {
    if (j < t_.size() && !t_[j].word && t_[j].punct == ',') ++j;
    for (std::size_t h; (h = honorific_length(t_, j)) > 0;) j += h;
    std::vector<std::size_t> run;
    std::size_t k = j;
    while (k < t_.size() && run.size() < 10) {
      const Token& w = t_[k];
      if (!w.word) break;
      bool particle = !w.capitalised && is_particle(w.lower);
      if (!w.capitalised && !particle) break;
      if (w.capitalised && stop_words().count(w.lower)) break;
      if (std::isdigit(static_cast<unsigned char>(text_[w.start]))) break;
      run.push_back(k);
      ++k;
      if (w.possessive) break;
      // An initial: "Joseph R. Biden".
      if (w.end - w.start == 1 && k < t_.size() && !t_[k].word && t_[k].punct == '.' &&
          k + 1 < t_.size() && t_[k + 1].word && t_[k + 1].capitalised) {
        ++k;
      }
    }
    if (end_out) *end_out = k;
    // Office words and leading country names are not the name.
    std::size_t first = 0;
    for (std::size_t r = 0; r < run.size(); ++r) {
      if (office_words().count(t_[run[r]].lower)) first = r + 1;
    }
    while (first < run.size()) {
      std::size_t past = skip_country(run[first]);
      if (past == run[first]) break;
      while (first < run.size() && run[first] < past) ++first;
    }
    std::size_t last = run.size();
    while (last > first && !t_[run[last - 1]].capitalised) --last;
    while (first < last && !t_[run[first]].capitalised) ++first;
    if (last < first + 2 || last - first > 6) return std::nullopt;
    std::string_view span =
        text_.substr(t_[run[first]].start, t_[run[last - 1]].end - t_[run[first]].start);
    if (gazetteer_.resolve(span) || gazetteer_.organization(span)) return std::nullopt;
    std::string name = normalise_person_name(span);
    if (name.find(' ') == std::string::npos) return std::nullopt;
    return name;
  }

  // ", Minister of Foreign Affairs" / ", President of ..." after a name.
  bool post_follows(std::size_t k) const {
    while (k < t_.size() && t_[k].word && (t_[k].lower == "mp" || t_[k].lower == "jr")) ++k;
    if (k >= t_.size() || t_[k].word || t_[k].punct != ',') return false;
    for (std::size_t n = k + 1; n < t_.size() && n <= k + 4; ++n) {
      if (t_[n].word && post_words().count(t_[n].lower)) return true;
      if (!t_[n].word || !t_[n].capitalised) break;
    }
    return false;
  }

  void add(std::size_t token, const std::string& name) {
    found_.push_back({token < t_.size() ? t_[token].start : text_.size(), name});
  }

  std::string_view text_;
  const Gazetteer& gazetteer_;
  std::vector<Token> t_;
  std::unordered_map<std::size_t, std::size_t> country_end_at_;
  std::vector<FoundPerson> found_;
};

// Which scripts a text has letters of, from a look at its bytes.
struct Scripts {
  bool han = false, cyrillic = false;
};

Scripts scripts_of(std::string_view text) {
  Scripts s;
  for (std::size_t i = 0; i + 1 < text.size() && !(s.han && s.cyrillic); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b == 0xD0 || b == 0xD1) s.cyrillic = true;  // U+0400..U+047F
    if (b >= 0xE3 && b <= 0xE9 && !s.han) {         // U+3000..U+9FFF: CJK
      UChar32 c;
      auto at = static_cast<int32_t>(i);
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), at, static_cast<int32_t>(text.size()),
              c);
      s.han = c > 0 && core::is_han(static_cast<char32_t>(c));
    }
  }
  return s;
}

}  // namespace

std::vector<FoundPerson> latin_office_holders(std::string_view text, const Gazetteer& gazetteer) {
  return Extractor(text, gazetteer).run();
}

std::vector<std::string> extract_ministers(std::string_view text, const Gazetteer& gazetteer) {
  std::vector<FoundPerson> found = latin_office_holders(text, gazetteer);
  Scripts scripts = scripts_of(text);
  const analysis::People& people = analysis::People::builtin();
  auto add = [&](std::vector<FoundPerson> more) {
    found.insert(found.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
  };
  if (scripts.han) add(chinese_office_holders(text, gazetteer, people));
  if (scripts.cyrillic) add(russian_office_holders(text, gazetteer));
  std::stable_sort(found.begin(), found.end(),
                   [](const FoundPerson& a, const FoundPerson& b) { return a.at < b.at; });
  // Each person once, whatever the script or form it is named in.
  std::vector<std::string> names, keys;
  for (FoundPerson& f : found) {
    std::string key = people.identify(f.name).key;
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(std::move(key));
    names.push_back(std::move(f.name));
  }
  return names;
}

}  // namespace communique::ingest
