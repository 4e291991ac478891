#include "communique/gazetteer.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "communique/error.h"
#include "core/han_names.h"
#include "core/name_keys.h"
#include "core/region_names.h"

namespace communique {

// Generated at build time from the tables in corpus/.
extern const char* const kBuiltinGazetteerTsv;
extern const char* const kBuiltinOrganizationsTsv;
extern const char* const kBuiltinCountryNamesTsv;

namespace {

using core::name_key;
using core::NameWord;
using core::scan_name_words;
using core::WordsOf;

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(sep, start);
    out.emplace_back(
        s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  if (strip(s).empty()) return out;
  for (auto& item : split(s, '|')) {
    std::string v = strip(item);
    if (!v.empty()) out.push_back(std::move(v));
  }
  return out;
}

bool all_capitals(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// The table's lines that are not blank or comments, after its header, with
// their line numbers; each split at tabs.
template <typename Row>
void for_each_row(std::string_view tsv, const Row& row) {
  auto lines = split(tsv, '\n');
  bool header = false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    if (strip(line).empty() || line.front() == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    row(n + 1, split(line, '\t'));
  }
}

// The gender and number forms of a demonym given in the masculine
// singular, by the regular rules of its language; irregular forms are
// listed in the table beside it ("turc|turque"). Forms that do not exist
// are harmless: they are never met.
std::vector<std::string> demonym_forms(const std::string& m, std::string_view language) {
  std::vector<std::string> forms{m};
  auto add = [&](std::string s) { forms.push_back(std::move(s)); };
  if (language == "fr") {
    if (ends_with(m, "e")) {
      add(m + "s");
    } else if (ends_with(m, "s") || ends_with(m, "x")) {
      add(m + "e");
      add(m + "es");
    } else if (ends_with(m, "en")) {  // canadien: canadienne
      add(m + "ne");
      add(m + "s");
      add(m + "nes");
    } else {
      add(m + "e");
      add(m + "s");
      add(m + "es");
    }
  } else if (language == "es") {
    if (ends_with(m, "o")) {  // chino: china, chinos, chinas
      std::string stem = m.substr(0, m.size() - 1);
      add(stem + "a");
      add(stem + "os");
      add(stem + "as");
    } else if (ends_with(m, "a") || ends_with(m, "e")) {  // belga, canadiense
      add(m + "s");
    } else if (ends_with(m, "í")) {  // iraní: iraníes
      add(m + "es");
      add(m + "s");
    } else {  // francés: francesa, franceses (accents fold away)
      add(m + "a");
      add(m + "es");
      add(m + "as");
    }
  } else if (language == "ar" && ends_with(m, "ي")) {  // صيني: صينية، صينيون، صينيين
    for (const char* suffix : {"ة", "ون", "ين", "ات"}) add(m + suffix);
  }
  return forms;
}

// Languages whose names and demonyms are looked for in running text (the
// names of every other locale only resolve). Russian, French and Spanish
// write demonyms in small letters ("российский", "chinois", "chino").
constexpr std::string_view kTextLanguages[] = {"en", "zh", "ru", "fr", "es", "ar"};

bool text_language(std::string_view language) {
  return std::find(std::begin(kTextLanguages), std::end(kTextLanguages), language) !=
         std::end(kTextLanguages);
}

bool small_letter_demonyms(std::string_view language) {
  return language == "ru" || language == "fr" || language == "es";
}

std::string_view language_of(std::string_view locale) {
  return locale.substr(0, std::min(locale.find('_'), locale.size()));
}

// A CLDR name in Latin letters shorter than this (letters of its key) is
// an abbreviation such as "RU" (Reino Unido) that would be read as another
// country's code. (Two Chinese characters are a name: 中国, 美国.)
constexpr std::size_t kMinLatinCldrKeyLetters = 3;

bool abbreviation(std::string_view key) {
  std::size_t letters = 0;
  for (unsigned char c : key) {
    if (c >= 0x80) return false;
    letters += c != ' ' ? 1 : 0;
  }
  return letters < kMinLatinCldrKeyLetters;
}

constexpr std::size_t kMaxNameWords = 8;
constexpr std::size_t kNoCountry = std::numeric_limits<std::size_t>::max();  // a region

}  // namespace

struct Gazetteer::Impl {
  std::vector<Country> countries;
  std::vector<Organization> organizations;
  std::unordered_map<std::string, std::size_t> by_key;     // any listed name -> country
  std::unordered_map<std::string, std::size_t> by_code;    // code -> country
  std::unordered_map<std::string, std::size_t> by_alpha2;  // "SG" -> country
  std::unordered_map<std::string, std::size_t> orgs;       // any name -> organization

  // Names as found in running text: key -> what it names.
  struct TextName {
    std::size_t country = kNoCountry;  // kNoCountry for a region ("Latin America")
    bool name = false;                 // false for a prefix alone
    bool demonym = false;
    bool capitals_only = false;  // "US": only written in capitals
    bool any_case = false;       // "chinois": also in small letters
    // A longer name starts with these words ("papua", "papua new"): where
    // a run of words is no prefix, no longer name starts with it.
    bool prefix = false;
  };
  std::unordered_map<std::string, TextName> text_names;
  // Names in Han characters: value is a country index, or kNoCountry.
  core::HanNames han;
  // Names CLDR gives that are not looked for in text ("مالي" is also
  // "financial"): keys.
  std::unordered_set<std::string> not_in_text;

  // The names of every locale ICU ships, read when first needed (a name
  // the tables do not know, or the first text searched for mentions).
  std::once_flag cldr_once;
  std::unordered_map<std::string, std::size_t> cldr_keys;  // key -> country, unambiguous only

  void add_key(const std::string& name, std::size_t country) {
    std::string key = name_key(name);
    if (!key.empty()) by_key.emplace(std::move(key), country);
  }

  void add_text_name(const std::string& name, std::size_t country, bool demonym,
                     bool any_case = false, bool whole_word = false) {
    if (han.add(name, country, whole_word)) return;
    std::string key = name_key(name);
    if (key.empty()) return;
    for (std::size_t space = key.find(' '); space != std::string::npos;
         space = key.find(' ', space + 1)) {
      text_names[key.substr(0, space)].prefix = true;
    }
    TextName& n = text_names[key];
    if (!n.name) {
      n.country = country;
      n.name = true;
      n.demonym = demonym;
      n.capitals_only = all_capitals(name) && key.size() <= 4;
      n.any_case = any_case;
    } else if (n.country == country && any_case) {
      // The same word as another language's demonym, written in small
      // letters there: Spanish "china" is the English "China".
      n.any_case = true;
    }
  }

  void read_countries(std::string_view tsv);
  void read_organizations(std::string_view tsv);
  void read_country_names(std::string_view tsv);
  void read_cldr();
  void ensure_cldr() {
    std::call_once(cldr_once, [this] { read_cldr(); });
  }

  struct Match {
    std::size_t words = 0;
    const TextName* name = nullptr;
  };
  // The longest text name starting at words[i]; in running text (not
  // `any_case`) a name must start with a capital unless it is listed as
  // written in small letters.
  Match longest_at(const std::vector<NameWord>& words, std::size_t i, bool any_case) const;
};

void Gazetteer::Impl::read_countries(std::string_view tsv) {
  for_each_row(tsv, [&](std::size_t line, const std::vector<std::string>& cols) {
    if (cols.size() < 6) {
      throw InvalidArgument("gazetteer line " + std::to_string(line) +
                            ": expected 6 tab-separated columns");
    }
    Country c{strip(cols[0]),
              strip(cols[1]),
              strip(cols[2]),
              strip(cols[3]),
              split_list(cols[4]),
              split_list(cols[5]),
              cols.size() > 6 ? strip(cols[6]) : std::string()};
    std::size_t index = countries.size();
    by_code.emplace(c.code, index);
    if (!c.alpha2.empty()) by_alpha2.emplace(c.alpha2, index);
    add_key(c.code, index);
    for (const auto* name : {&c.name, &c.formal_name}) {
      add_key(*name, index);
      add_text_name(*name, index, false);
    }
    for (const auto& d : c.demonyms) {
      add_key(d, index);
      add_text_name(d, index, true);
    }
    for (const auto& a : c.aliases) {
      add_key(a, index);
      add_text_name(a, index, false);
    }
    countries.push_back(std::move(c));
  });
}

void Gazetteer::Impl::read_organizations(std::string_view tsv) {
  for_each_row(tsv, [&](std::size_t line, const std::vector<std::string>& cols) {
    if (cols.size() < 2) {
      throw InvalidArgument("organizations line " + std::to_string(line) +
                            ": expected 3 tab-separated columns");
    }
    Organization o{strip(cols[0]), strip(cols[1]),
                   cols.size() > 2 ? split_list(cols[2]) : std::vector<std::string>{}};
    std::size_t index = organizations.size();
    for (const auto* name : {&o.acronym, &o.name}) {
      if (std::string key = name_key(*name); !key.empty()) orgs.emplace(std::move(key), index);
    }
    for (const auto& a : o.aliases) {
      if (std::string key = name_key(a); !key.empty()) orgs.emplace(std::move(key), index);
    }
    organizations.push_back(std::move(o));
  });
}

void Gazetteer::Impl::read_country_names(std::string_view tsv) {
  for_each_row(tsv, [&](std::size_t line, const std::vector<std::string>& cols) {
    auto bad = [&](const std::string& why) {
      return InvalidArgument("country names line " + std::to_string(line) + ": " + why);
    };
    if (cols.size() < 4) throw bad("expected 4 tab-separated columns (code language kind names)");
    std::string code = strip(cols[0]), language = strip(cols[1]), kind = strip(cols[2]);
    std::vector<std::string> names = split_list(cols[3]);
    std::size_t country = kNoCountry;
    if (kind != "region") {
      auto it = by_code.find(code);
      if (it == by_code.end()) throw bad("unknown country code '" + code + "'");
      country = it->second;
    }
    if (kind == "name") {
      for (const auto& n : names) {
        add_key(n, country);
        add_text_name(n, country, false);
      }
    } else if (kind == "side") {  // a party in talks, mentioned; not a name to resolve
      for (const auto& n : names) add_text_name(n, country, false, false, true);
    } else if (kind == "demonym") {
      for (const auto& n : names) {
        for (const auto& form : demonym_forms(n, language)) {
          add_key(form, country);
          add_text_name(form, country, true, small_letter_demonyms(language));
        }
      }
    } else if (kind == "region") {
      for (const auto& n : names) {
        for (const auto& form : demonym_forms(n, language))
          add_text_name(form, kNoCountry, false, true);
      }
    } else if (kind == "notext") {
      for (const auto& n : names) not_in_text.insert(name_key(n));
    } else {
      throw bad("unknown kind '" + kind + "' (name, side, demonym, region or notext)");
    }
  });
}

void Gazetteer::Impl::read_cldr() {
  // Current countries and the organizations CLDR names (EU) only: the
  // historical codes (SU, YU, DD) are aliases of current ones in CLDR.
  std::vector<std::string> codes;
  for (const Country& c : countries) {
    if (!c.alpha2.empty() && c.status != "historical") codes.push_back(c.alpha2);
  }
  constexpr std::size_t kAmbiguous = kNoCountry;
  struct Seen {
    std::size_t country;
    bool in_text_language;
  };
  auto merge = [](Seen& into, const Seen& more) {
    if (into.country != more.country) into.country = kAmbiguous;
    into.in_text_language = into.in_text_language || more.in_text_language;
  };
  // Locales repeat their parents' names: each distinct name once, before
  // its key (folding is the costly part).
  std::unordered_map<std::string, Seen> names;
  core::for_each_region_name(
      codes, [&](std::string_view alpha2, std::string_view locale, std::string_view name) {
        Seen s{by_alpha2.at(std::string(alpha2)), text_language(language_of(locale))};
        auto [it, added] = names.try_emplace(std::string(name), s);
        if (!added) merge(it->second, s);
      });
  struct Keyed {
    Seen seen;
    const std::string* name;  // as written in a text language, for the text tables
  };
  std::unordered_map<std::string, Keyed> seen;  // key -> what its names name
  for (const auto& [name, s] : names) {
    std::string key = name_key(name);
    if (key.empty() || abbreviation(key)) continue;
    auto [it, added] = seen.try_emplace(std::move(key), Keyed{s, &name});
    if (added) continue;
    if (s.in_text_language && !it->second.seen.in_text_language) it->second.name = &name;
    merge(it->second.seen, s);
  }
  cldr_keys.reserve(seen.size());
  for (const auto& [key, k] : seen) {
    if (k.seen.country == kAmbiguous) continue;  // two countries in two locales: not guessed
    if (by_key.count(key)) continue;             // the tables' own names come first
    cldr_keys.emplace(key, k.seen.country);
    auto known = text_names.find(key);
    if (k.seen.in_text_language && !not_in_text.count(key) &&
        (known == text_names.end() || !known->second.name))
      add_text_name(*k.name, k.seen.country, false);
  }
}

Gazetteer::Impl::Match Gazetteer::Impl::longest_at(const std::vector<NameWord>& words,
                                                   std::size_t i, bool any_case) const {
  Match best;
  std::size_t limit = std::min(words.size(), i + kMaxNameWords);
  // Whether `key`, the words i..j, is a name; whether a longer one starts so.
  auto step = [&](const std::string& key, std::size_t j) {
    auto it = text_names.find(key);
    if (it == text_names.end()) return false;
    const TextName& n = it->second;
    bool case_ok = any_case || words[i].capitalised || n.any_case;
    bool capitals_ok = !n.capitals_only || (words[i].capitals && j == i);
    if (n.name && case_ok && capitals_ok && j - i + 1 > best.words) best = {j - i + 1, &n};
    return n.prefix;
  };
  // Most words have one key: one key grows, without copies.
  std::string key;
  std::size_t j = i;
  for (; j < limit && words[j].variants.empty(); ++j) {
    if (j > i) key += ' ';
    key += words[j].key;
    if (!step(key, j)) return best;
  }
  if (j == limit) return best;
  // A word that may stand for several keys (a Russian or Arabic word): the
  // keys of the words so far, one for each choice of variants.
  std::vector<std::string> partial{key}, next;
  for (; j < limit && !partial.empty(); ++j) {
    next.clear();
    for (const std::string& before : partial) {
      for (std::size_t v = 0; v <= words[j].variants.size(); ++v) {
        std::string grown = before;
        if (j > i) grown += ' ';
        grown += v == 0 ? words[j].key : words[j].variants[v - 1];
        if (step(grown, j)) next.push_back(std::move(grown));
      }
    }
    partial.swap(next);
  }
  return best;
}

Gazetteer::Gazetteer(std::string_view countries_tsv, std::string_view organizations_tsv,
                     std::string_view country_names_tsv)
    : impl_(std::make_unique<Impl>()) {
  impl_->read_countries(countries_tsv);
  impl_->read_organizations(organizations_tsv);
  impl_->read_country_names(country_names_tsv);
}

Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer* g =
      new Gazetteer(kBuiltinGazetteerTsv, kBuiltinOrganizationsTsv, kBuiltinCountryNamesTsv);
  return *g;
}

const Country* Gazetteer::resolve(std::string_view name) const {
  std::string key = name_key(name);
  if (auto it = impl_->by_key.find(key); it != impl_->by_key.end())
    return &impl_->countries[it->second];
  impl_->ensure_cldr();
  if (auto it = impl_->cldr_keys.find(key); it != impl_->cldr_keys.end())
    return &impl_->countries[it->second];
  // An inflected or prefixed form, as in running text: "Китая", "بالصين".
  std::vector<NameWord> words = scan_name_words(name, WordsOf::kText, true);
  if (words.empty()) return nullptr;
  Impl::Match m = impl_->longest_at(words, 0, true);
  if (m.words == words.size() && m.name->country != kNoCountry)
    return &impl_->countries[m.name->country];
  return nullptr;
}

const Country* Gazetteer::by_code(std::string_view code) const {
  auto it = impl_->by_code.find(std::string(code));
  return it == impl_->by_code.end() ? nullptr : &impl_->countries[it->second];
}

const Country* Gazetteer::by_alpha2(std::string_view alpha2) const {
  std::string upper(alpha2);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto it = impl_->by_alpha2.find(upper);
  return it == impl_->by_alpha2.end() ? nullptr : &impl_->countries[it->second];
}

const Organization* Gazetteer::organization(std::string_view name) const {
  auto it = impl_->orgs.find(name_key(name));
  return it == impl_->orgs.end() ? nullptr : &impl_->organizations[it->second];
}

std::vector<CountryMention> Gazetteer::find_mentions(std::string_view text) const {
  impl_->ensure_cldr();
  std::vector<CountryMention> out;
  std::vector<NameWord> words = scan_name_words(text, WordsOf::kText, false);
  for (std::size_t i = 0; i < words.size();) {
    Impl::Match m = impl_->longest_at(words, i, false);
    if (!m.name) {
      ++i;
      continue;
    }
    if (m.name->country != kNoCountry) {
      out.push_back({impl_->countries[m.name->country].code, words[i].start,
                     words[i + m.words - 1].end, m.name->demonym});
    }
    i += m.words;
  }
  std::size_t words_end = out.size();
  impl_->han.find(text, [&](std::size_t start, std::size_t end, std::size_t country) {
    if (country != kNoCountry) out.push_back({impl_->countries[country].code, start, end, false});
  });
  if (out.size() > words_end) {
    std::inplace_merge(
        out.begin(), out.begin() + static_cast<std::ptrdiff_t>(words_end), out.end(),
        [](const CountryMention& a, const CountryMention& b) { return a.start < b.start; });
  }
  return out;
}

const std::vector<Country>& Gazetteer::countries() const { return impl_->countries; }
const std::vector<Organization>& Gazetteer::organizations() const { return impl_->organizations; }

}  // namespace communique
