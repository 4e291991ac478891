// Office holders in Russian text: a post's head word ("Министр",
// "представитель", "Президент", in any case), the rest of the post (words
// of offices, acronyms such as МИД and ООН, countries: "иностранных дел
// Российской Федерации"), then a name by its initials ("С.В.Лавров") or
// in full ("Сергей Лавров"). Russian declines names with their post: after
// a post in another case than the nominative ("встреча Министра ...
// С.В.Лаврова") the name is put back in the nominative by the endings of
// Russian names; names of other shapes are left as written.

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "communique/analyzer.h"
#include "core/utf32.h"
#include "communique/gazetteer.h"
#include "ingest/ministers.h"

namespace communique::ingest {

namespace {

enum class Case { kNominative, kGenitive, kDative, kInstrumental, kPrepositional };

struct Token {
  std::size_t start = 0, end = 0;  // bytes
  std::u32string text;             // as written
  std::string lower;               // folded (й as и, ё as е)
  bool word = false;
  bool capitalised = false;
  bool capitals = false;  // every letter a capital: МИД, ООН
  char32_t punct = 0;
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size());
  auto letter = [](UChar32 c) { return c > 0 && u_isalpha(c); };
  for (int32_t i = 0; i < size;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, size, c);
    if (c < 0 || u_isUWhiteSpace(c) || c == 0xA0) continue;
    Token t;
    t.start = static_cast<std::size_t>(start);
    if (!letter(c)) {
      t.punct = static_cast<char32_t>(c);
      t.end = static_cast<std::size_t>(i);
      out.push_back(std::move(t));
      continue;
    }
    t.word = true;
    t.text.push_back(static_cast<char32_t>(c));
    int32_t end = i;
    while (end < size) {
      int32_t at = end;
      UChar32 d;
      U8_NEXT(bytes, at, size, d);
      if (letter(d)) {
        t.text.push_back(static_cast<char32_t>(d));
        end = at;
        continue;
      }
      // A hyphen between letters stays: "Касым-Жомарт", "премьер-министр".
      int32_t after = at;
      UChar32 e = -1;
      if (after < size) U8_NEXT(bytes, after, size, e);
      if ((d == '-' || d == 0x2010) && letter(e)) {
        t.text.push_back(U'-');
        end = at;
        continue;
      }
      break;
    }
    i = end;
    t.end = static_cast<std::size_t>(end);
    t.capitalised = u_isupper(static_cast<UChar32>(t.text[0]));
    t.capitals = std::all_of(t.text.begin(), t.text.end(), [](char32_t ch) {
      return ch == U'-' || u_isupper(static_cast<UChar32>(ch));
    });
    t.lower = Analyzer::fold(text.substr(t.start, t.end - t.start));
    out.push_back(std::move(t));
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// Heads of posts, by their stem, and the case each ending tells.
struct Head {
  std::string_view stem;
  bool soft;  // declines as председатель (-я, -ю, -ем, -е), not министр (-а, -у, -ом, -е)
};
constexpr Head kHeads[] = {{"министр", false},
                           {"премьер-министр", false},
                           {"президент", false},
                           {"вице-президент", false},
                           {"канцлер", false},
                           {"директор", false},
                           {"председател", true},
                           {"представител", true},
                           {"спецпредставител", true},
                           {"заместител", true},
                           {"руководител", true},
                           {"секретар", true},
                           {"госсекретар", true},
                           {"пресс-секретар", true},
                           {"генсек", false},
                           {"посол", false},
                           {"глав", false}};

// The case of a post's head word, if `lower` is one.
std::optional<Case> head_case(const std::string& lower) {
  for (const Head& h : kHeads) {
    if (!starts_with(lower, h.stem)) continue;
    std::string_view end = std::string_view(lower).substr(h.stem.size());
    if (h.stem == "посол") {
      if (end.empty()) return Case::kNominative;
      continue;
    }
    if (h.stem == "глав") {  // глава: a noun in -а for men and women alike
      if (end == "а") return Case::kNominative;
      if (end == "ы" || end == "у") return Case::kGenitive;
      if (end == "е") return Case::kDative;
      if (end == "ои") return Case::kInstrumental;
      continue;
    }
    if (h.soft) {
      if (end == "ь" || end == "и") return Case::kNominative;  // -ь, or folded -й
      if (end == "я") return Case::kGenitive;
      if (end == "ю") return Case::kDative;
      if (end == "ем") return Case::kInstrumental;
      if (end == "е") return Case::kPrepositional;
      continue;
    }
    if (end.empty()) return Case::kNominative;
    if (end == "а") return Case::kGenitive;
    if (end == "у") return Case::kDative;
    if (end == "ом") return Case::kInstrumental;
    if (end == "е") return Case::kPrepositional;
  }
  // Посла, послу, послом, после.
  if (lower == "посла") return Case::kGenitive;
  if (lower == "послу") return Case::kDative;
  if (lower == "послом") return Case::kInstrumental;
  return std::nullopt;
}

// Words of the rest of a post, by the start of their folded form.
constexpr std::string_view kOfficeStems[] = {
    "иностран",     "министерств", "правительств", "государствен",  "генеральн",   "постоян",
    "специальн",    "федеральн",   "официальн",    "председател",   "заместител",  "перв",
    "вице",         "премьер",     "совет",        "безопасност",   "народн",      "собрани",
    "палат",        "комитет",     "комисси",      "союз",          "организаци",  "объединенн",
    "наци",         "европеиск",   "департамент",  "информаци",     "печат",       "администраци",
    "кабинет",      "верховн",     "оборон",       "финанс",        "экономическ", "развити",
    "торговл",      "промышленн",  "юстици",       "сотрудничеств", "сообществ",   "евразииск",
    "исполнительн", "секретар",    "министр",      "президент",     "канцлер",     "представител",
    "республик",    "королевств",  "государств",   "федераци",      "парламент",   "дум",
    "сенат",        "конгресс",    "ассамбле",     "генассамбле",   "азиатск",     "африканск",
    "арабск",       "лиг",         "службы",       "пресс",         "управлени",   "делегаци",
    "миссии",       "посольств",   "чрезвычаин",   "полномочн",     "глав"};
constexpr std::string_view kOfficeWords[] = {"дел", "делам", "по", "и", "при", "в"};

bool is_office_word(const Token& t) {
  if (!t.word) return false;
  if (t.capitals && t.text.size() >= 2) return true;  // МИД, ООН, КНР, США
  for (std::string_view w : kOfficeWords) {  // in small letters: "И" may be a name (Ван И)
    if (t.lower == w && !t.capitalised) return true;
  }
  for (std::string_view s : kOfficeStems) {
    if (starts_with(t.lower, s)) return true;
  }
  return false;
}

// Put a Russian name's word back in the nominative, from `c`.
std::u32string nominative(const std::u32string& word, Case c, bool last) {
  if (c == Case::kNominative || word.size() < 3) return word;
  auto cut = [&](std::size_t n, std::u32string_view add) {
    return word.substr(0, word.size() - n) + std::u32string(add);
  };
  auto has = [&](std::u32string_view e) {
    return word.size() > e.size() + 1 && word.compare(word.size() - e.size(), e.size(), e) == 0;
  };
  auto consonant_before = [&](std::size_t n) {
    char32_t ch = word[word.size() - n - 1];
    return std::u32string_view(U"аеёиоуыэюяйьъАЕЁИОУЫЭЮЯ").find(ch) == std::u32string_view::npos;
  };
  if (last) {
    // Surnames in -ский/-цкий, -ская.
    for (std::u32string_view e : {U"ского", U"скому", U"ским", U"ском"})
      if (has(e)) return cut(e.size(), U"ский");
    for (std::u32string_view e : {U"цкого", U"цкому", U"цким", U"цком"})
      if (has(e)) return cut(e.size(), U"цкий");
    if (has(U"ской")) return cut(4, U"ская");
    if (has(U"скую")) return cut(4, U"ская");
    // Surnames in -ов, -ев, -ёв, -ин, -ын, and their women's -ова, -ина.
    for (std::u32string_view s : {U"ов", U"ев", U"ёв", U"ин", U"ын"}) {
      std::u32string stem(s);
      if (has(stem + U"ой")) return cut(2, U"а");  // Захаровой
      if (has(stem + U"ым")) return cut(2, U"");   // Лавровым
      if (has(stem + U"а")) return c == Case::kGenitive ? cut(1, U"") : word;
      if (has(stem + U"у"))
        return c == Case::kGenitive ? cut(1, U"а") : cut(1, U"");  // Захарову (acc.), Лаврову
      if (has(stem + U"е")) return cut(1, U"");                    // о Лаврове
    }
  } else {
    // Patronymics: Викторовича, Владимировны.
    for (std::u32string_view e : {U"ича", U"ичу", U"ичем", U"иче"})
      if (has(e)) return cut(e.size(), U"ич");
    for (std::u32string_view e : {U"вны", U"вне", U"вну", U"вной"})
      if (has(e)) return cut(e.size(), U"вна");
    // First names: Сергея, Дмитрия, Марии, Анны, Ольги.
    if (has(U"ея") || has(U"ею") || has(U"ее")) return cut(1, U"й");
    if (has(U"еем")) return cut(2, U"й");
    if (has(U"ии") || has(U"ией"))
      return word.substr(0, word.size() - (has(U"ией") ? 3 : 2)) + U"ия";
    if (has(U"ия") || has(U"ию")) return cut(1, U"й");
    if (has(U"ием")) return cut(2, U"й");
  }
  // Other names ending in a consonant: Блинкена, Цзиньпину, Гутерришем.
  if (c == Case::kGenitive && has(U"а") && consonant_before(1)) return cut(1, U"");
  if (c == Case::kDative && has(U"у") && consonant_before(1)) return cut(1, U"");
  if (c == Case::kInstrumental && has(U"ом") && consonant_before(2)) return cut(2, U"");
  if (c == Case::kPrepositional && has(U"е") && consonant_before(1)) return cut(1, U"");
  if (!last && c == Case::kGenitive && has(U"ы")) return cut(1, U"а");  // Анны
  return word;
}

bool is_cyrillic_word(const Token& t) {
  if (!t.word) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(t.text[0]), &status) == USCRIPT_CYRILLIC;
}

class Extractor {
 public:
  Extractor(std::string_view text, const Gazetteer& gazetteer) : t_(tokenize(text)) {
    for (const auto& m : gazetteer.find_mentions(text)) country_end_at_[m.start] = m.end;
  }

  std::vector<FoundPerson> run() {
    for (std::size_t i = 0; i < t_.size(); ++i) {
      if (!is_cyrillic_word(t_[i])) continue;
      std::optional<Case> c = head_case(t_[i].lower);
      if (!c) continue;
      std::size_t j = after_post(i + 1);
      if (auto name = name_at(j, *c)) found_.push_back({t_[j].start, *name});
    }
    return std::move(found_);
  }

 private:
  // The token after a country named at token k, or k.
  std::size_t skip_country(std::size_t k) const {
    if (k >= t_.size()) return k;
    auto it = country_end_at_.find(t_[k].start);
    if (it == country_end_at_.end()) return k;
    while (k < t_.size() && t_[k].start < it->second) ++k;
    return k;
  }

  std::size_t after_post(std::size_t k) const {
    constexpr std::size_t kMaxPostWords = 12;
    for (std::size_t n = 0; k < t_.size() && n < kMaxPostWords; ++n) {
      std::size_t past = skip_country(k);
      if (past > k) {
        k = past;
      } else if (is_office_word(t_[k]) && !initial_at(k)) {
        ++k;
      } else {
        break;
      }
    }
    return k;
  }

  // "С." of "С.В.Лавров": a lone capital and a dot.
  bool initial_at(std::size_t k) const {
    return k + 1 < t_.size() && t_[k].word && t_[k].text.size() == 1 && t_[k].capitalised &&
           !t_[k + 1].word && t_[k + 1].punct == U'.';
  }

  bool name_word(std::size_t k) const {
    // Words in capitals are acronyms (МИД), but a name may have a word of
    // one letter ("Ван И").
    return k < t_.size() && is_cyrillic_word(t_[k]) && t_[k].capitalised &&
           !(t_[k].capitals && t_[k].text.size() > 1) && !is_office_word(t_[k]) &&
           skip_country(k) == k && !head_case(t_[k].lower);
  }

  std::optional<std::string> name_at(std::size_t k, Case c) const {
    // Initials: С.В.Лавров, С. В. Лавров, Э.Блинкен.
    std::u32string initials;
    while (initial_at(k) && initials.size() < 6) {
      initials += t_[k].text + U". ";
      k += 2;
    }
    if (!initials.empty()) {
      if (!name_word(k)) return std::nullopt;
      return core::to_utf8(initials + nominative(t_[k].text, c, true));
    }
    // In full: two or three capitalised words.
    std::vector<std::size_t> words;
    while (words.size() < 3 && name_word(k)) words.push_back(k++);
    if (words.size() < 2) return std::nullopt;
    std::u32string name;
    for (std::size_t w = 0; w < words.size(); ++w) {
      if (w > 0) name += U' ';
      name += nominative(t_[words[w]].text, c, w + 1 == words.size());
    }
    return core::to_utf8(name);
  }

  std::vector<Token> t_;
  std::unordered_map<std::size_t, std::size_t> country_end_at_;
  std::vector<FoundPerson> found_;
};

}  // namespace

std::vector<FoundPerson> russian_office_holders(std::string_view text, const Gazetteer& gazetteer) {
  return Extractor(text, gazetteer).run();
}

}  // namespace communique::ingest
