// Fuzzes the query language: QueryParser over a small index built once at
// start-up (so words are stemmed for its languages, looked up, and
// matched to its ministers), then the same query through Searcher::search,
// which matches, ranks passages, highlights and counts facets. A query may
// be refused with QuerySyntaxError; one the parser accepts must then
// search without any error, and the results must keep the Searcher's
// contracts. Anything else thrown is a finding.

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "communique/error.h"
#include "communique/gazetteer.h"
#include "communique/indexer.h"
#include "communique/searcher.h"
#include "fuzz/fuzz_support.h"
#include "query/query_parser.h"
#include "query/spelling.h"

namespace {

namespace fs = std::filesystem;
using communique::Statement;

// A few statements in the index's several languages, with the metadata
// every filter reads (countries, ministers, dates at each precision,
// mentions, roles, sources).
std::vector<Statement> statements() {
  auto make = [](std::string id, std::string title, std::string body, std::string country,
                 std::string date, std::vector<std::string> ministers, std::string language,
                 std::vector<std::string> mentions = {}) {
    Statement s;
    s.id = std::move(id);
    s.title = std::move(title);
    s.body = std::move(body);
    s.country = std::move(country);
    if (auto d = communique::Date::parse(date)) s.date = *d;
    s.ministers = std::move(ministers);
    s.language = std::move(language);
    s.mentions = std::move(mentions);
    s.role = "foreign minister";
    s.source = "fuzz-seed";
    return s;
  };
  return {
      make("chn-2020-07-17", "Wang Yi Holds Talks with Kazakh Foreign Minister",
           "State Councilor and Foreign Minister Wang Yi held talks with Kazakh Foreign Minister "
           "Mukhtar Tleuberdi on transport corridors and the Belt and Road.\n\n"
           "Both sides agreed to keep the China-Europe rail corridor open during the pandemic "
           "and to cooperate on vaccines with the WHO.",
           "CHN", "2020-07-17", {"Wang Yi", "Mukhtar Tleuberdi"}, "en", {"KAZ"}),
      make("kaz-2019-11", "Foreign Minister on Central Asian connectivity",
           "Kazakhstan supports new transport corridors across the Caspian Sea. Negotiations "
           "with Uzbekistan and Turkmenistan continue; sanctions on neighbours hurt trade.",
           "KAZ", "2019-11", {"Mukhtar Tleuberdi"}, "en", {"UZB", "TKM"}),
      make("rus-2021", "Заявление МИД России",
           "Министр иностранных дел Сергей Лавров провёл переговоры о зерновой сделке и "
           "санкциях. The minister spoke of the grain deal with Ukraine.",
           "RUS", "2021", {"Sergey Lavrov"}, "ru", {"UKR"}),
      make("fra-2022-03-01", "Déclaration du ministre",
           "Les négociations de paix à Genève reprennent. La France soutient l'Ukraine et "
           "condamne l'embargo.",
           "FRA", "2022-03-01", {"Catherine Colonna"}, "fr", {"UKR", "CHE"}),
      make("chn-2023-zh", "外交部发言人答记者问",
           "一带一路倡议促进了互联互通。中方愿同哈萨克斯坦加强合作。", "CHN", "2023-05-18",
           {"Wang Wenbin"}, "zh", {"KAZ"}),
      make("usa-2018", "Press briefing",
           "The U.S. and NATO discussed the DPRK and sanctions. Secretary Pompeo said the "
           "Shanghai Cooperation Organization met in Bishkek.",
           "USA", "2018-06-12", {"Mike Pompeo"}, "en", {"PRK", "KGZ"}),
  };
}

struct Fixture {
  fs::path dir;
  std::unique_ptr<Xapian::Database> db;
  std::unique_ptr<communique::Searcher> searcher;
};

Fixture* fixture = nullptr;

void remove_fixture() {
  if (!fixture) return;
  fixture->searcher.reset();
  fixture->db.reset();
  std::error_code ec;
  fs::remove_all(fixture->dir, ec);
  delete fixture;
  fixture = nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string pattern = (fs::temp_directory_path() / "communique-fuzz-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  fixture = new Fixture{pattern, nullptr, nullptr};
  std::atexit(remove_fixture);
  const std::string db_path = (fixture->dir / "db").string();
  try {
    communique::IndexOptions options;
    options.threads = 1;
    communique::Indexer indexer(db_path, options);
    for (auto& s : statements()) indexer.add(std::move(s));
    auto report = indexer.finish();
    FUZZ_CHECK(report.indexed == statements().size());
    fixture->db = std::make_unique<Xapian::Database>(db_path);
    fixture->searcher = std::make_unique<communique::Searcher>(db_path);
  } catch (const communique::Error& e) {
    std::fprintf(stderr, "building the fuzz index: %s\n", e.what());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace communique;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    // A parser per query, as the Searcher makes one: no state carries over
    // from one input to the next, so every finding replays on its own.
    query::QueryParser parser(*fixture->db, Gazetteer::builtin());
    query::ParsedQuery parsed = parser.parse(text);
    FUZZ_CHECK(parsed.concepts.size() <= query::kMaxConcepts);
    (void)parsed.to_xapian().get_description();
  } catch (const QuerySyntaxError& e) {
    FUZZ_CHECK(*e.what() != '\0');  // the user is told what is wrong
    return 0;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "Xapian::Error escaped the parser: %s\n", e.get_description().c_str());
    std::abort();
  }

  SearchOptions options;
  options.limit = 5;
  options.explain = true;
  SearchResult result;
  try {
    result = fixture->searcher->search(text, options);
  } catch (const Error& e) {
    std::fprintf(stderr, "the parser accepted the query, the search threw: %s\n", e.what());
    std::abort();
  }
  FUZZ_CHECK(result.hits.size() <= options.limit);
  FUZZ_CHECK(result.total >= result.hits.size());
  // How the query was read, and the suggestions, are told in full.
  for (const auto& warning : result.warnings) FUZZ_CHECK(!warning.empty());
  FUZZ_CHECK(result.suggestions.size() <= query::kMaxSpellingLookups);
  FUZZ_CHECK(result.suggestions.empty() == result.did_you_mean.empty());
  for (const Suggestion& s : result.suggestions) {
    FUZZ_CHECK(!s.word.empty() && !s.suggestion.empty() && s.word != s.suggestion);
  }
  for (const Hit& hit : result.hits) {
    FUZZ_CHECK(hit.passages.size() <= options.passages);
    for (const Passage& p : hit.passages) {
      FUZZ_CHECK(p.start <= p.end && p.end - p.start == p.text.size());
      for (auto [from, to] : p.highlights) FUZZ_CHECK(from < to && to <= p.text.size());
    }
  }
  return 0;
}
