#include "communique/gazetteer.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "communique/analyzer.h"
#include "communique/error.h"

namespace communique {

// Generated at build time from corpus/gazetteer.tsv and corpus/organizations.tsv.
extern const char* const kBuiltinGazetteerTsv;
extern const char* const kBuiltinOrganizationsTsv;

namespace {

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

// The key of one word: folded, possessive "'s" and other apostrophes and
// dots dropped: "Kyrgyzstan's" -> "kyrgyzstan", "U.S." -> "us".
std::string word_key(std::string_view raw) {
  bool ascii = std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return c < 0x80; });
  if (ascii) {  // the same, without folding into a copy first
    if (raw.size() > 2 && raw[raw.size() - 2] == '\'' && (raw.back() == 's' || raw.back() == 'S')) {
      raw.remove_suffix(2);
    }
    std::string key;
    key.reserve(raw.size());
    for (unsigned char c : raw) {
      if (c != '\'' && c != '.') key += static_cast<char>(std::tolower(c));
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

// A scanned word of running text: byte range and key.
struct Word {
  std::size_t start, end;
  std::string key;
  bool capitalised;  // starts with a capital (or has no case)
  bool capitals;     // all capitals
};

bool word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Words are runs of letters and digits (any non-ASCII byte counts as a
// letter), with inner apostrophes and dots: "People's", "U.S".
std::vector<Word> scan_words(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  auto at = [&](std::size_t k) -> unsigned char { return k < text.size() ? text[k] : 0; };
  while (i < text.size()) {
    if (!word_byte(at(i)) || (at(i) == 0xE2 && at(i + 1) == 0x80)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size()) {
      unsigned char d = at(i);
      if (d == 0xE2 && at(i + 1) == 0x80) {
        // General punctuation: only a curly apostrophe inside a word stays.
        if (at(i + 2) == 0x99 && std::isalpha(at(i + 3))) {
          i += 3;
          continue;
        }
        break;
      }
      if ((d == '\'' || d == '.') && std::isalpha(at(i + 1)) && i > start) {
        ++i;
        continue;
      }
      if (!word_byte(d)) break;
      ++i;
    }
    std::string_view raw = text.substr(start, i - start);
    Word w{start, i, word_key(raw), !std::islower(at(start)), all_capitals(raw)};
    if (!w.key.empty()) words.push_back(std::move(w));
  }
  return words;
}

// The lookup key of a name: its word keys joined by single spaces, without
// a leading "the": "The Netherlands" and "netherlands" meet.
std::string key_of(std::string_view name) {
  std::string key;
  for (const Word& w : scan_words(name)) {
    if (key.empty() && w.key == "the") continue;
    if (!key.empty()) key += ' ';
    key += w.key;
  }
  return key;
}

constexpr std::size_t kMaxNameWords = 8;

// Regions whose names contain a country's name or demonym: "Latin
// America" is not the United States, "Indian Ocean" not India.
constexpr std::string_view kRegionPhrases[] = {
    "latin america",  "latin american",  "south america",    "south american", "north america",
    "north american", "central america", "central american", "indian ocean",   "arab world"};

// Words of a region phrase starting at words[i], or 0.
std::size_t region_at(const std::vector<Word>& words, std::size_t i) {
  for (std::string_view phrase : kRegionPhrases) {
    if (words[i].key[0] != phrase[0]) continue;  // keys are never empty
    std::size_t n = 0, at = 0;
    while (at < phrase.size() && i + n < words.size()) {
      std::size_t end = phrase.find(' ', at);
      if (end == std::string_view::npos) end = phrase.size();
      if (words[i + n].key != phrase.substr(at, end - at)) break;
      ++n;
      at = end + 1;
    }
    if (at >= phrase.size()) return n;
  }
  return 0;
}

}  // namespace

struct Gazetteer::Impl {
  std::vector<Country> countries;
  std::vector<Organization> organizations;
  std::unordered_map<std::string, std::size_t> by_key;     // any name -> country
  std::unordered_map<std::string, std::size_t> by_code;    // code -> country
  std::unordered_map<std::string, std::size_t> by_alpha2;  // "SG" -> country
  std::unordered_map<std::string, std::size_t> orgs;       // any name -> organization
  // Names as found in running text: key -> (country, demonym?, capitals only?)
  struct TextName {
    std::size_t country;
    bool demonym;
    bool capitals_only;
  };
  std::unordered_map<std::string, TextName> text_names;
  // Every key of text_names cut after one of its words but the last
  // ("papua", "papua new"): where a run of words is none of these, no
  // longer name starts with it.
  std::unordered_set<std::string> text_name_prefixes;

  void add_key(const std::string& name, std::size_t country) {
    std::string key = key_of(name);
    if (!key.empty()) by_key.emplace(std::move(key), country);
  }

  void add_text_name(const std::string& name, std::size_t country, bool demonym) {
    std::string key = key_of(name);
    if (key.empty()) return;
    bool capitals_only = all_capitals(name) && key.size() <= 4;
    for (std::size_t space = key.find(' '); space != std::string::npos;
         space = key.find(' ', space + 1)) {
      text_name_prefixes.insert(key.substr(0, space));
    }
    text_names.emplace(key, TextName{country, demonym, capitals_only});
  }
};

Gazetteer::Gazetteer(std::string_view countries_tsv, std::string_view organizations_tsv)
    : impl_(std::make_unique<Impl>()) {
  auto lines = split(countries_tsv, '\n');
  bool header = false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    if (strip(line).empty() || line.front() == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    auto cols = split(line, '\t');
    if (cols.size() < 6) {
      throw InvalidArgument("gazetteer line " + std::to_string(n + 1) +
                            ": expected 6 tab-separated columns");
    }
    Country c{strip(cols[0]),
              strip(cols[1]),
              strip(cols[2]),
              strip(cols[3]),
              split_list(cols[4]),
              split_list(cols[5]),
              cols.size() > 6 ? strip(cols[6]) : std::string()};
    std::size_t index = impl_->countries.size();
    impl_->by_code.emplace(c.code, index);
    if (!c.alpha2.empty()) impl_->by_alpha2.emplace(c.alpha2, index);
    impl_->add_key(c.code, index);
    for (const auto* name : {&c.name, &c.formal_name}) {
      impl_->add_key(*name, index);
      impl_->add_text_name(*name, index, false);
    }
    for (const auto& d : c.demonyms) {
      impl_->add_key(d, index);
      impl_->add_text_name(d, index, true);
    }
    for (const auto& a : c.aliases) {
      impl_->add_key(a, index);
      impl_->add_text_name(a, index, false);
    }
    impl_->countries.push_back(std::move(c));
  }
  lines = split(organizations_tsv, '\n');
  header = false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    if (strip(line).empty() || line.front() == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    auto cols = split(line, '\t');
    if (cols.size() < 2) {
      throw InvalidArgument("organizations line " + std::to_string(n + 1) +
                            ": expected 3 tab-separated columns");
    }
    Organization o{strip(cols[0]), strip(cols[1]),
                   cols.size() > 2 ? split_list(cols[2]) : std::vector<std::string>{}};
    std::size_t index = impl_->organizations.size();
    for (const auto* name : {&o.acronym, &o.name}) {
      if (std::string key = key_of(*name); !key.empty()) impl_->orgs.emplace(std::move(key), index);
    }
    for (const auto& a : o.aliases) {
      if (std::string key = key_of(a); !key.empty()) impl_->orgs.emplace(std::move(key), index);
    }
    impl_->organizations.push_back(std::move(o));
  }
}

Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer* g = new Gazetteer(kBuiltinGazetteerTsv, kBuiltinOrganizationsTsv);
  return *g;
}

const Country* Gazetteer::resolve(std::string_view name) const {
  auto it = impl_->by_key.find(key_of(name));
  return it == impl_->by_key.end() ? nullptr : &impl_->countries[it->second];
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
  auto it = impl_->orgs.find(key_of(name));
  return it == impl_->orgs.end() ? nullptr : &impl_->organizations[it->second];
}

std::vector<CountryMention> Gazetteer::find_mentions(std::string_view text) const {
  std::vector<CountryMention> out;
  std::vector<Word> words = scan_words(text);
  std::string key;
  for (std::size_t i = 0; i < words.size();) {
    if (std::size_t region = region_at(words, i)) {
      i += region;
      continue;
    }
    std::size_t matched = 0;
    const Impl::TextName* found = nullptr;
    if (words[i].capitalised) {
      // Longest name first: "Papua New Guinea" before "Guinea".
      key.clear();
      std::size_t limit = std::min(words.size(), i + kMaxNameWords);
      for (std::size_t j = i; j < limit; ++j) {
        if (j > i) key += ' ';
        key += words[j].key;
        auto it = impl_->text_names.find(key);
        if (it != impl_->text_names.end()) {
          bool capitals_ok = !it->second.capitals_only || (words[i].capitals && j == i);
          if (capitals_ok) {
            matched = j - i + 1;
            found = &it->second;
          }
        }
        if (!impl_->text_name_prefixes.count(key)) break;
      }
    }
    if (!found) {
      ++i;
      continue;
    }
    out.push_back({impl_->countries[found->country].code, words[i].start,
                   words[i + matched - 1].end, found->demonym});
    i += matched;
  }
  return out;
}

const std::vector<Country>& Gazetteer::countries() const { return impl_->countries; }
const std::vector<Organization>& Gazetteer::organizations() const { return impl_->organizations; }

}  // namespace communique
