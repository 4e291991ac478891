// People and countries on the 500 pages of the Chinese Ministry of Foreign
// Affairs' Chinese-language site (../shared/corpus/cn-mfa-zh), read through
// the page importer, against counts made here without it:
// - each spokesperson a page's Keywords tag names is found in the page's
//   text (title and statement) on at least 90% of their pages, and is one
//   person under both scripts (汪文斌 and Wang Wenbin one key);
// - for each country the pages name ten times or more, the statements
//   mentioning it are within 15% of the pages that name it (counted here
//   by its Chinese names, longest first, in the same text);
// - every page is issued by China, and a filter by CHN or by 中国 finds all.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "analysis/people.h"
#include "communique/gazetteer.h"
#include "communique/searcher.h"
#include "core/region_names.h"
#include "ingest/collect_sink.h"
#include "ingest/enrich.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

constexpr double kSpokespersonFloor = 0.90;
constexpr double kMentionTolerance = 0.15;
constexpr int kMinPagesNaming = 10;

// The Keywords tag of a saved page, read with a pattern rather than the
// importer's HTML reader: "发言人;汪文斌" gives {"发言人", "汪文斌"}.
std::vector<std::string> keywords(const fs::path& page) {
  std::ifstream in(page, std::ios::binary);
  std::stringstream html;
  html << in.rdbuf();
  static const std::regex meta(R"re(<meta\s+name="Keywords"\s+content="([^"]*)")re",
                               std::regex::icase);
  std::smatch m;
  std::string text = html.str();
  std::vector<std::string> out;
  if (!std::regex_search(text, m, meta)) return out;
  std::stringstream list(m[1].str());
  for (std::string k; std::getline(list, k, ';');) {
    if (!k.empty()) out.push_back(k);
  }
  return out;
}

// Each country's Chinese names: CLDR's in the Chinese locales, and the
// "side" forms statements speak of parties by. Regions holding a country's
// name, and a sea's region (南海地区 holds 海地, Haiti), name no country.
std::vector<std::pair<std::string, std::string>> chinese_names(const Gazetteer& g) {
  std::vector<std::string> codes;
  for (const Country& c : g.countries()) {
    if (!c.alpha2.empty() && c.status != "historical") codes.push_back(c.alpha2);
  }
  std::set<std::pair<std::string, std::string>> names;  // (name, code)
  core::for_each_region_name(codes, [&](auto alpha2, auto locale, auto name) {
    if (locale.substr(0, 2) != "zh") return;
    for (std::string_view mark : {"(", "（", "-", "·", " "}) {
      if (name.find(mark) != std::string_view::npos) return;  // 刚果（布）: the text writes 刚果
    }
    names.emplace(std::string(name), g.by_alpha2(alpha2)->code);
  });
  for (auto [name, code] : std::vector<std::pair<const char*, const char*>>{{"美方", "USA"},
                                                                            {"俄方", "RUS"},
                                                                            {"日方", "JPN"},
                                                                            {"英方", "GBR"},
                                                                            {"法方", "FRA"},
                                                                            {"德方", "DEU"},
                                                                            {"韩方", "KOR"},
                                                                            {"朝方", "PRK"},
                                                                            {"印方", "IND"},
                                                                            {"澳方", "AUS"},
                                                                            {"加方", "CAN"},
                                                                            {"越方", "VNM"},
                                                                            {"菲方", "PHL"},
                                                                            {"以方", "ISR"},
                                                                            {"欧方", "EU"},
                                                                            {"欧盟", "EU"},
                                                                            {"印度洋", "-"},
                                                                            {"朝鲜半岛", "-"},
                                                                            {"海地区", "-"}})
    names.emplace(name, code);
  std::vector<std::pair<std::string, std::string>> out(names.begin(), names.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return out;
}

// The countries a text names, longest names first (印度尼西亚 before 印度).
std::set<std::string> named(std::string text,
                            const std::vector<std::pair<std::string, std::string>>& names) {
  std::set<std::string> codes;
  for (const auto& [name, code] : names) {
    bool found = false;
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at)) {
      text.replace(at, name.size(), "\x01");
      found = true;
    }
    if (found && code != "-") codes.insert(code);
  }
  return codes;
}

TEST(ChineseMinistryPages, SpokespersonsAndCountriesAreFoundInTheText) {
  fs::path corpus = testing::shared_corpus();
  if (corpus.empty() || !fs::exists(corpus / "cn-mfa-zh")) {
    GTEST_SKIP() << "../shared/corpus/cn-mfa-zh is absent; the test of names on the Chinese "
                    "ministry's pages is skipped";
  }
  const Gazetteer& g = Gazetteer::builtin();
  const analysis::People& people = analysis::People::builtin();
  testing::CollectSink sink;
  import_paths({(corpus / "cn-mfa-zh").string()}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 500u);

  auto names = chinese_names(g);
  std::map<std::string, int> pages_of, found_in_text, found_in_statement;
  std::map<std::string, int> naming, mentioning;
  for (std::size_t i = 0; i < sink.statements.size(); ++i) {
    const Statement& s = sink.statements[i];
    EXPECT_EQ(s.country, "CHN") << sink.where[i].file;
    std::string text = s.title + "\n" + s.body;
    std::set<std::string> text_keys, statement_keys;
    for (const auto& m : ingest::extract_ministers(text, g))
      text_keys.insert(people.identify(m).key);
    for (const auto& m : s.ministers) statement_keys.insert(people.identify(m).key);
    for (const std::string& k : keywords(sink.where[i].file)) {
      std::string latin = analysis::chinese_name_to_latin(k);
      if (latin.empty()) continue;  // 发言人, 外交部, topics
      std::string key = people.identify(k).key;
      ASSERT_EQ(key, people.identify(latin).key) << k << " and " << latin;
      ++pages_of[k];
      found_in_text[k] += text_keys.count(key) ? 1 : 0;
      found_in_statement[k] += statement_keys.count(key) ? 1 : 0;
    }
    for (const auto& code : named(text, names)) ++naming[code];
    for (const auto& code : s.mentions) ++mentioning[code];
  }

  std::cout << "spokesperson (Keywords): pages, found in the text, minister of the statement\n";
  for (const auto& [name, n] : pages_of) {
    std::cout << "  " << name << " (" << analysis::chinese_name_to_latin(name) << "): " << n << ", "
              << found_in_text[name] << ", " << found_in_statement[name] << "\n";
    EXPECT_GE(found_in_text[name], kSpokespersonFloor * n) << name;
    EXPECT_GE(found_in_statement[name], kSpokespersonFloor * n) << name;
  }
  EXPECT_GE(pages_of.size(), 3u);

  std::cout << "country: pages naming it, statements mentioning it\n";
  int countries = 0;
  for (const auto& [code, n] : naming) {
    if (n < kMinPagesNaming || code == "CHN") continue;  // the issuer is no mention
    ++countries;
    std::cout << "  " << code << ": " << n << ", " << mentioning[code] << "\n";
    EXPECT_LE(std::abs(mentioning[code] - n), kMentionTolerance * n) << code;
  }
  EXPECT_GE(countries, 50);

  // CHN and 中国 are one filter, and find every page.
  testing::TempDir dir;
  testing::build_index(dir.str("db"), sink.statements);
  Searcher searcher(dir.str("db"));
  SearchOptions o;
  o.limit = 1;
  o.facets = false;
  for (const char* filter : {"country:CHN", "country:中国", "country:China", "country:Китай"})
    EXPECT_EQ(searcher.search(filter, o).total, 500u) << filter;
}

}  // namespace
}  // namespace communique
