#include "communique/searcher.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "communique/analyzer.h"
#include "communique/error.h"
#include "support/temp_index.h"

namespace communique {
namespace {

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class FixtureSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    testing::build_index_from(dir_->str("db"), testing::data_file("statements.jsonl"));
    std::ifstream in(testing::data_file("statements.jsonl"));
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line);
      bodies_[j["id"]] = j["body"];
    }
  }
  static void TearDownTestSuite() { delete dir_; }

  SearchResult search(std::string_view q, SearchOptions o = {}) {
    return Searcher(dir_->str("db")).search(q, o);
  }

  static testing::TempDir* dir_;
  static std::map<std::string, std::string> bodies_;
};

testing::TempDir* FixtureSearch::dir_ = nullptr;
std::map<std::string, std::string> FixtureSearch::bodies_;

// Every word as a user would type it finds the statement it came from.
TEST_F(FixtureSearch, RoundTripOfWordsAsUsersTypeThem) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"COVID-19", "t-en-1"},
      {"covid", "t-en-1"},
      {"China's", "t-en-1"},
      {"China’s", "t-en-2"},
      {"china", "t-en-2"},
      {"Belt-and-Road", "t-en-1"},
      {"\"belt and road\"", "t-en-1"},
      {"\"belt and road\"", "t-en-2"},
      {"Kyrgyzstan's", "t-en-1"},
      {"kyrgyzstan", "t-en-1"},
      {"urumqi", "t-en-1"},
      {"Ürümqi", "t-en-1"},
      {"URUMQI", "t-en-1"},
      {"санкций", "t-ru-1"},
      {"санкции", "t-ru-1"},
      {"一带一路", "t-zh-1"},
      {"阿富汗", "t-zh-1"},
      {"negociations", "t-fr-1"},
      {"négociations", "t-fr-1"},
      {"sécurité", "t-fr-1"},
      {"securite", "t-fr-1"},
      {"الأمم المتحدة", "t-ar-1"},
      {"corridor", "t-en-1"},
      {"vaccine", "t-en-1"},
      {"U.S.", "t-en-3"},
      {"US", "t-en-3"},
      {"U.N.", "t-en-3"},
  };
  for (const auto& [query, id] : cases) {
    EXPECT_TRUE(contains(ids(search(query)), id)) << query << " should find " << id;
  }
}

TEST_F(FixtureSearch, AcronymInCapitalsDoesNotMatchTheStopword) {
  auto r = search("WHO");
  EXPECT_EQ(ids(r), std::vector<std::string>{"t-en-1"});  // t-en-3 has only "who"
}

TEST_F(FixtureSearch, PassageOffsetsPointIntoTheBody) {
  for (const char* q : {"transport corridors", "санкций", "一带一路", "sanctions", "country:KAZ"}) {
    for (const auto& hit : search(q).hits) {
      ASSERT_FALSE(hit.passages.empty()) << q;
      for (const auto& p : hit.passages) {
        const std::string& body = bodies_.at(hit.id);
        ASSERT_LE(p.end, body.size());
        EXPECT_EQ(body.substr(p.start, p.end - p.start), p.text) << q;
        for (auto [s, e] : p.highlights) {
          ASSERT_LE(e, p.text.size());
          EXPECT_LT(s, e);
        }
      }
    }
  }
}

TEST_F(FixtureSearch, HighlightsMarkTheMatchedWords) {
  auto r = search("transport corridors");
  ASSERT_FALSE(r.hits.empty());
  const Passage& p = r.hits[0].passages[0];
  std::set<std::string> marked;
  for (auto [s, e] : p.highlights) marked.insert(Analyzer::fold(p.text.substr(s, e - s)));
  EXPECT_EQ(marked, (std::set<std::string>{"transport", "corridors"}));
}

TEST_F(FixtureSearch, APhraseIsMarkedWhereItMatchedAsAPhrase) {
  // t-en-2 has "the Belt and Road", and "and" twice elsewhere.
  auto r = search("\"belt and road\"");
  auto hit =
      std::find_if(r.hits.begin(), r.hits.end(), [](const Hit& h) { return h.id == "t-en-2"; });
  ASSERT_NE(hit, r.hits.end());
  const Passage& p = hit->passages.at(0);
  std::vector<std::string> marked;
  for (auto [s, e] : p.highlights) marked.push_back(p.text.substr(s, e - s));
  EXPECT_EQ(marked, (std::vector<std::string>{"Belt", "and", "Road"}));
  EXPECT_EQ(
      p.text.substr(p.highlights.at(0).first, p.highlights.at(2).second - p.highlights.at(0).first),
      "Belt and Road");
}

TEST_F(FixtureSearch, BestPassageComesFirst) {
  auto r = search("water energy cooperation");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "t-en-2");
  EXPECT_NE(r.hits[0].passages[0].text.find("water and energy"), std::string::npos);
}

TEST_F(FixtureSearch, FilterOnlyListsNewestFirst) {
  auto r = search("date:2018..2023");
  ASSERT_GE(r.hits.size(), 3u);
  for (std::size_t i = 1; i < r.hits.size(); ++i) {
    EXPECT_GE(r.hits[i - 1].date.sort_key(), r.hits[i].date.sort_key());
  }
}

TEST_F(FixtureSearch, FiltersByCountryMinisterMentionAndDate) {
  EXPECT_EQ(ids(search("country:Kyrgyz")), std::vector<std::string>{"t-en-1"});
  EXPECT_EQ(search("minister:\"Dana Omarova\"").total, 2u);
  EXPECT_EQ(ids(search("mentions:Afghanistan")), std::vector<std::string>{"t-zh-1"});
  EXPECT_EQ(ids(search("date:2020-07")), std::vector<std::string>{"t-en-1"});
  EXPECT_EQ(search("date:2021").total, 2u);  // a full date and a year-only one
  EXPECT_EQ(ids(search("date:2020-01-01..2020-12-31")), std::vector<std::string>{"t-en-1"});
  EXPECT_EQ(search("sanctions country:SGP").total, 1u);
}

TEST_F(FixtureSearch, ExcludedWordsRemoveStatements) {
  auto with = search("minister");
  auto without = search("minister -vaccines");
  EXPECT_TRUE(contains(ids(with), "t-en-1"));
  EXPECT_FALSE(contains(ids(without), "t-en-1"));
}

TEST(Searcher, MissingIndexIsNotFound) {
  testing::TempDir dir;
  EXPECT_THROW(Searcher(dir.str("nothing-here")), NotFound);
  EXPECT_THROW(Searcher(dir.str("")), NotFound);  // a directory, not an index
}

// Facet counts and totals against counts computed from the statements.
TEST(Searcher, FacetsAndTotalsAreExact) {
  testing::TempDir dir;
  std::mt19937 rng(7);
  const std::vector<std::string> countries{"CHN", "KAZ", "RUS", "FRA", "SGP"};
  const std::vector<std::string> people{"Ann Lee", "Bo Chen", "Cai Wu", "Dan Ford"};
  const std::vector<std::string> vocabulary{"peace",  "trade",   "water",
                                            "energy", "climate", "security"};
  std::vector<Statement> statements;
  for (int i = 0; i < 400; ++i) {
    Statement s =
        testing::make_statement("s" + std::to_string(i), "", countries[rng() % countries.size()],
                                std::to_string(2000 + rng() % 10));
    for (int w = 0; w < 30; ++w)
      s.body += vocabulary[rng() % vocabulary.size()] + (w % 10 == 9 ? ".\n" : " ");
    s.body += "filler";
    s.ministers.push_back(people[rng() % people.size()]);
    if (rng() % 3 == 0) s.ministers.push_back(people[rng() % people.size()]);
    statements.push_back(s);
  }
  testing::build_index(dir.str("db"), statements);
  Searcher searcher(dir.str("db"));
  SearchOptions all;
  all.facet_limit = 0;
  for (const std::string& word : {std::string("peace"), std::string("climate")}) {
    for (const std::string& filter :
         {std::string(""), std::string(" country:CHN"), std::string(" date:2003..2006")}) {
      std::map<std::string, std::uint64_t> country, minister, year;
      std::uint64_t total = 0;
      for (const auto& s : statements) {
        if (s.body.find(word) == std::string::npos) continue;
        if (filter == " country:CHN" && s.country != "CHN") continue;
        if (filter == " date:2003..2006" && (s.date.year < 2003 || s.date.year > 2006)) continue;
        ++total;
        ++country[s.country];
        ++year[std::to_string(s.date.year)];
        std::set<std::string> distinct(s.ministers.begin(), s.ministers.end());
        for (const auto& m : distinct) ++minister[m];
      }
      SearchResult r = searcher.search(word + filter, all);
      EXPECT_EQ(r.total, total) << word << filter;
      auto as_map = [](const std::vector<FacetValue>& v) {
        std::map<std::string, std::uint64_t> m;
        for (const auto& f : v) m[f.value] = f.count;
        return m;
      };
      EXPECT_EQ(as_map(r.facets.of("country")), country) << word << filter;
      EXPECT_EQ(as_map(r.facets.of("minister")), minister) << word << filter;
      EXPECT_EQ(as_map(r.facets.of("year")), year) << word << filter;
    }
  }
}

TEST(Searcher, PagingWalksTheSameRanking) {
  testing::TempDir dir;
  std::vector<Statement> statements;
  for (int i = 0; i < 40; ++i) {
    std::string body = "talks";
    for (int k = 0; k < i % 7; ++k) body += " talks peace";
    statements.push_back(testing::make_statement("p" + std::to_string(i), body));
  }
  testing::build_index(dir.str("db"), statements);
  Searcher s(dir.str("db"));
  SearchOptions first, second, both;
  first.limit = 5;
  second.limit = 5;
  second.offset = 5;
  both.limit = 10;
  auto a = ids(s.search("talks peace", first)), b = ids(s.search("talks peace", second));
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_EQ(a, ids(s.search("talks peace", both)));
}

TEST(Searcher, EqualScoresRankNewestFirstThenById) {
  testing::TempDir dir;
  testing::build_index(dir.str("db"), {testing::make_statement("b", "grain corridor", "", "2020"),
                                       testing::make_statement("c", "grain corridor", "", "2021"),
                                       testing::make_statement("a", "grain corridor", "", "2020")});
  Searcher s(dir.str("db"));
  EXPECT_EQ(ids(s.search("grain")), (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(ids(s.search("date:2020..2021")), (std::vector<std::string>{"c", "b", "a"}));
}

TEST(Searcher, ReopenFollowsUpdates) {
  testing::TempDir dir;
  testing::build_index(dir.str("db"), {testing::make_statement("a", "first text")});
  Searcher s(dir.str("db"));
  s.reopen();
  EXPECT_EQ(s.search("first").total, 1u);
  testing::build_index(dir.str("db"), {testing::make_statement("b", "second text")});  // in place
  EXPECT_EQ(s.search("second").total, 0u);
  s.reopen();
  EXPECT_EQ(s.search("second").total, 1u);
}

TEST(Searcher, FacetsFollowUpdatesAfterReopen) {
  using testing::make_statement;
  testing::TempDir dir;
  testing::build_index(dir.str("db"),
                       {make_statement("a", "talks on water", "KAZ", "2020", {"Aibek Sadykov"})});
  Searcher s(dir.str("db"));
  auto facets = [&](const std::string& q) {
    auto r = s.search(q);
    std::map<std::string, std::uint64_t> out;
    for (const auto& f : r.facets.of("country")) out["country " + f.value] = f.count;
    for (const auto& f : r.facets.of("minister")) out["minister " + f.value] = f.count;
    for (const auto& f : r.facets.of("year")) out["year " + f.value] = f.count;
    return out;
  };
  EXPECT_EQ(facets("talks"),
            (std::map<std::string, std::uint64_t>{
                {"country KAZ", 1}, {"minister Aibek Sadykov", 1}, {"year 2020", 1}}));
  // In place: a statement replaced (same docid, new values) and one added.
  testing::build_index(dir.str("db"),
                       {make_statement("a", "talks on water", "UZB", "2021", {"Dana Omarova"}),
                        make_statement("b", "talks on energy", "UZB", "2022", {"Dana Omarova"})});
  s.reopen();
  EXPECT_EQ(
      facets("talks"),
      (std::map<std::string, std::uint64_t>{
          {"country UZB", 2}, {"minister Dana Omarova", 2}, {"year 2021", 1}, {"year 2022", 1}}));
  EXPECT_EQ(s.stats().facets.of("country").at(0).count, 2u);
}

TEST(Searcher, EveryMinisterOfAStatementIsCountedInItsFacet) {
  using testing::make_statement;
  testing::TempDir dir;
  std::vector<std::string> many;
  for (int i = 0; i < 12; ++i)
    many.push_back("Minister Number" + std::string(1, static_cast<char>('A' + i)));
  testing::build_index(dir.str("db"),
                       {make_statement("a", "A summit of twelve ministers.", "KAZ", "2020", many),
                        make_statement("b", "A meeting of two ministers.", "KAZ", "2021",
                                       {"Minister NumberA", "Minister NumberL"})});
  auto r = Searcher(dir.str("db")).search("ministers", {.facet_limit = 0});
  ASSERT_EQ(r.facets.of("minister").size(), 12u);
  for (const auto& f : r.facets.of("minister")) {
    bool both = f.value == "Minister NumberA" || f.value == "Minister NumberL";
    EXPECT_EQ(f.count, both ? 2u : 1u) << f.value;
  }
}

TEST(Searcher, FacetValuesComeByCountThenByValueUpToTheLimit) {
  using testing::make_statement;
  testing::TempDir dir;
  std::vector<Statement> statements;
  int n = 0;
  for (auto [country, count] :
       std::vector<std::pair<std::string, int>>{{"RUS", 2}, {"FRA", 1}, {"KAZ", 3}, {"CHN", 2}}) {
    for (int i = 0; i < count; ++i)
      statements.push_back(make_statement("s" + std::to_string(n++), "Water talks.", country));
  }
  testing::build_index(dir.str("db"), statements);
  Searcher searcher(dir.str("db"));
  auto listed = [](const std::vector<FacetValue>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(v.value + "=" + std::to_string(v.count));
    return out;
  };
  EXPECT_EQ(listed(searcher.search("water", {.facet_limit = 0}).facets.of("country")),
            (std::vector<std::string>{"KAZ=3", "CHN=2", "RUS=2", "FRA=1"}));
  EXPECT_EQ(listed(searcher.search("water", {.facet_limit = 2}).facets.of("country")),
            (std::vector<std::string>{"KAZ=3", "CHN=2"}));
}

TEST(Searcher, AWordAsTypedOutranksOtherFormsOfItsStem) {
  // "governance" and "government" share the stem "govern". (Ids chosen so
  // that a tie would put the other form first.)
  using testing::make_statement;
  testing::TempDir dir;
  testing::build_index(dir.str("db"),
                       {make_statement("b-as-typed", "Good governance matters in the region."),
                        make_statement("a-other-form", "Good government matters in the region.")});
  Searcher searcher(dir.str("db"));
  EXPECT_EQ(ids(searcher.search("governance")),
            (std::vector<std::string>{"b-as-typed", "a-other-form"}));
  EXPECT_EQ(ids(searcher.search("government")),
            (std::vector<std::string>{"a-other-form", "b-as-typed"}));
  EXPECT_EQ(ids(searcher.search("governments")).size(), 2u);
}

// A paragraph of filler, long enough to be a passage of its own, between
// the sentences given.
std::string paragraph(const std::string& first, const std::string& last) {
  std::string p = first;
  for (int i = 0; i < 8; ++i) p += " Delegates discussed the agenda at length.";
  return p + " " + last;
}

TEST(Searcher, APhraseCopiedAcrossTheEndOfAParagraphIsFound) {
  using testing::make_statement;
  testing::TempDir dir;
  const std::string ends = paragraph("", "Children were abducted by one of their parents.");
  const std::string starts = paragraph("In particular, courts must act.", "");
  testing::build_index(dir.str("db"), {make_statement("across", ends + "\n\n" + starts),
                                       make_statement("apart", ends + "\n\n" + paragraph("", "") +
                                                                   "\n\n" + starts)});
  Searcher searcher(dir.str("db"));
  auto r = searcher.search("\"their parents in particular\"");
  // Only where the sides meet, as for any phrase: "apart" holds both.
  EXPECT_EQ(ids(r), std::vector<std::string>{"across"});
  EXPECT_EQ(r.total, 1u);
  ASSERT_FALSE(r.hits.empty());
  // Both sides are marked, each in its own passage.
  std::vector<std::string> marked;
  for (const Passage& p : r.hits[0].passages) {
    for (auto [b, e] : p.highlights) marked.push_back(p.text.substr(b, e - b));
  }
  std::sort(marked.begin(), marked.end());
  EXPECT_EQ(marked, (std::vector<std::string>{"In", "parents", "particular", "their"}));
  // Sides that never meet, in order, across a boundary hold no phrase.
  EXPECT_TRUE(searcher.search("\"particular their parents\"").hits.empty());
  EXPECT_TRUE(searcher.search("\"their parents courts\"").hits.empty());
  EXPECT_TRUE(searcher.search("\"one of their in particular\"").hits.empty());  // not the end
}

TEST(Searcher, APossessiveWhoseApostropheWasLostStillMatches) {
  using testing::make_statement;
  testing::TempDir dir;
  testing::build_index(dir.str("db"),
                       {make_statement("a", "The Assembly's prerogatives must be respected."),
                        make_statement("b", "The assembly met; its prerogatives were noted.")});
  Searcher searcher(dir.str("db"));
  EXPECT_EQ(ids(searcher.search("\"assembly s prerogatives\"")), std::vector<std::string>{"a"});
  EXPECT_EQ(ids(searcher.search("\"assembly's prerogatives\"")), std::vector<std::string>{"a"});
  // Free text: "s" is not sought as a word of its own.
  EXPECT_EQ(ids(searcher.search("assembly s prerogatives")).size(), 2u);
}

// Statements in Chinese, Japanese and Thai, written without spaces (ours).
const std::vector<std::pair<std::string, std::string>> kUnspaced{
    {"zh",
     "外交部发言人表示，中方愿同各国加强沟通协调，共同维护地区和平稳定。"
     "双方还就气候变化等全球性挑战交换了意见。"},
    {"ja", "外務大臣は本日、訪日中の各国代表団とエネルギー安全保障について意見を交換した。"},
    {"th",
     "กระทรวงการต่างประเทศแถลงว่าประเทศไทยสนับสนุนการเจรจาสันติภาพ"
     "และการดำเนินการร่วมกัน"},
};

// Where a user can start or end a selection in `text`: its grapheme
// cluster boundaries, as byte offsets.
std::vector<std::size_t> selection_points(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> characters(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  characters->setText(ut, status);
  std::vector<std::size_t> out;
  for (int32_t at = characters->first(); at != icu::BreakIterator::DONE; at = characters->next())
    out.push_back(static_cast<std::size_t>(at));
  utext_close(ut);
  return out;
}

std::size_t letters(const std::string& text) {
  std::size_t n = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    n += u_isalpha(c) ? 1 : 0;
  }
  return n;
}

class UnspacedScripts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    std::vector<Statement> statements;
    for (const auto& [id, body] : kUnspaced)
      statements.push_back(testing::make_statement(id, body));
    statements.push_back(testing::make_statement("en", "Consultations on climate change."));
    testing::build_index(dir_->str("db"), statements);
    searcher_ = new Searcher(dir_->str("db"));
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }
  static SearchResult search(std::string_view q) {
    SearchOptions o;
    o.facets = false;
    o.passages = 1;
    return searcher_->search(q, o);
  }

  static testing::TempDir* dir_;
  static Searcher* searcher_;
};

testing::TempDir* UnspacedScripts::dir_ = nullptr;
Searcher* UnspacedScripts::searcher_ = nullptr;

// Whatever fragment of two letters or more a user copies, starting and
// ending anywhere (inside a word, at punctuation), it finds its statement
// and marks its letters, in whole words.
TEST_F(UnspacedScripts, EveryFragmentFindsItsStatementAndIsMarkedInWholeWords) {
  Analyzer analyzer;
  std::size_t fragments = 0;
  for (const auto& [id, body] : kUnspaced) {
    const auto points = selection_points(body);
    for (std::size_t i = 0; i < points.size(); ++i) {
      for (std::size_t j = i + 2; j < points.size() && j <= i + 14; ++j) {
        std::string fragment = body.substr(points[i], points[j] - points[i]);
        if (letters(fragment) < 2) continue;
        ++fragments;
        auto r = search(fragment);
        auto hit = std::find_if(r.hits.begin(), r.hits.end(),
                                [&, &id = id](const Hit& h) { return h.id == id; });
        ASSERT_NE(hit, r.hits.end()) << id << ": " << fragment;
        const Passage& p = hit->passages.at(0);
        std::vector<Token> words;
        analyzer.tokenize(p.text, words);
        std::set<std::size_t> starts, ends;
        for (const auto& w : words) starts.insert(w.start), ends.insert(w.end);
        for (auto [b, e] : p.highlights) {
          EXPECT_TRUE(starts.count(b) && ends.count(e))
              << fragment << ": " << p.text.substr(b, e - b);
        }
        // Each letter of the fragment is marked.
        for (const auto& w : words) {
          std::size_t at = p.start + w.start;
          if (at + (w.end - w.start) <= points[i] || at >= points[j]) continue;
          bool marked = std::any_of(p.highlights.begin(), p.highlights.end(), [&](auto h) {
            return h.first <= w.start && w.end <= h.second;
          });
          EXPECT_TRUE(marked) << fragment << ": " << p.text.substr(w.start, w.end - w.start);
        }
      }
    }
  }
  EXPECT_GT(fragments, 1000u);
}

TEST_F(UnspacedScripts, TouchingWordsAreMarkedAsOneRange) {
  auto r = search("中方愿同各国加强");  // several words, starting and ending inside some
  ASSERT_FALSE(r.hits.empty());
  const Passage& p = r.hits[0].passages.at(0);
  ASSERT_EQ(p.highlights.size(), 1u);
  std::string marked =
      p.text.substr(p.highlights[0].first, p.highlights[0].second - p.highlights[0].first);
  EXPECT_NE(marked.find("中方愿同各国加强"), std::string::npos) << marked;
}

TEST_F(UnspacedScripts, AFragmentMatchesOnlyWhereItsCharactersRunInOrder) {
  testing::TempDir dir;
  testing::build_index(dir.str("db"),
                       {testing::make_statement("run", "双方同意继续保持沟通。"),
                        testing::make_statement("apart", "继续保持沟通，双方同意。")});
  Searcher searcher(dir.str("db"));
  EXPECT_EQ(ids(searcher.search("同意继续")), std::vector<std::string>{"run"});
  // Punctuation copied or not: "沟通，双方" matches either way.
  EXPECT_EQ(ids(searcher.search("沟通双方")), std::vector<std::string>{"apart"});
  EXPECT_EQ(ids(searcher.search("\"同意，继续\"")), std::vector<std::string>{"run"});
}

TEST_F(UnspacedScripts, AChinesePhraseCopiedAcrossTheEndOfAParagraphIsFound) {
  // Two paragraphs of their own passages, in either order.
  const std::string first =
      "外交部发言人表示，中方愿同各国加强沟通协调，共同维护地区和平稳定，推动构建人类命运共同体，"
      "双方还就气候变化等全球性挑战保持沟通。";
  const std::string second =
      "双方同意继续推进务实合作，在经贸、人文、科技等领域深化交流，为两国人民带来更多福祉，"
      "也为世界和平与发展作出新的贡献。";
  testing::TempDir dir;
  testing::build_index(dir.str("db"), {testing::make_statement("across", first + "\n\n" + second),
                                       testing::make_statement("apart", second + "\n\n" + first)});
  Searcher searcher(dir.str("db"));
  for (const char* q : {"\"保持沟通。双方同意\"", "\"沟通双方\""}) {
    auto r = searcher.search(q);
    EXPECT_EQ(ids(r), std::vector<std::string>{"across"}) << q;
    ASSERT_FALSE(r.hits.empty()) << q;
    // Both sides are marked: the end of one paragraph, the start of the next.
    std::vector<std::string> marked;
    for (const Passage& p : r.hits[0].passages) {
      for (auto [b, e] : p.highlights) marked.push_back(p.text.substr(b, e - b));
    }
    ASSERT_EQ(marked.size(), 2u) << q;
    EXPECT_TRUE(marked[0].ends_with("沟通")) << marked[0];
    EXPECT_TRUE(marked[1].starts_with("双方")) << marked[1];
  }
}

TEST_F(UnspacedScripts, WordsTypedWithoutSpacesThatNoStatementHoldsWholeAreSoughtApart) {
  testing::TempDir dir;
  testing::build_index(dir.str("db"),
                       {testing::make_statement("a", "美国宣布对芯片实施新的出口管制措施。"),
                        testing::make_statement("b", "今天的天气很好。")});
  Searcher searcher(dir.str("db"));
  EXPECT_EQ(ids(searcher.search("美国芯片出口管制")), std::vector<std::string>{"a"});
}

// Words that match nothing get the closest word of the spelling dictionary
// kept at index time, whichever way the index was written: a fresh build
// merges its thread shards with Xapian's compactor (which must carry the
// dictionary over), an update adds to the live generation in place, and a
// sharded archive keeps one dictionary per shard.
TEST(Searcher, AWordNoStatementHoldsGetsASpellingSuggestion) {
  using testing::make_statement;
  std::vector<Statement> statements;
  for (int i = 0; i < 24; ++i) {
    statements.push_back(make_statement("s" + std::to_string(i),
                                        i % 2 ? "Sanctions on grain exports were discussed."
                                              : "Negotiations on the grain corridor resumed."));
  }
  IndexOptions threads, shards;
  threads.threads = 3;
  shards.shards = 2;
  for (const IndexOptions& options : {threads, shards}) {
    testing::TempDir dir;
    testing::build_index(dir.str("db"), statements, options);
    Searcher searcher(dir.str("db"));

    SearchResult r = searcher.search("sanctoins on Grian");
    EXPECT_EQ(r.total, 0u);
    ASSERT_EQ(r.suggestions.size(), 2u);
    EXPECT_EQ(r.suggestions[0].word, "sanctoins");
    EXPECT_EQ(r.suggestions[0].suggestion, "sanctions");
    EXPECT_EQ(r.suggestions[1].word, "Grian");
    EXPECT_EQ(r.suggestions[1].suggestion, "grain");
    EXPECT_EQ(r.did_you_mean, "sanctions on grain");
    // The suggestion finds something.
    EXPECT_GT(searcher.search(r.did_you_mean).total, 0u);

    // Words found, and words nothing is close to, get none.
    EXPECT_TRUE(searcher.search("sanctions grain").suggestions.empty());
    EXPECT_TRUE(searcher.search("xylophone").suggestions.empty());
    // One missing word among found ones still gets its suggestion.
    EXPECT_EQ(searcher.search("grain negotaitions").did_you_mean, "grain negotiations");

    // An update in place adds its words to the dictionary.
    IndexOptions update;
    update.threads = 1;
    testing::build_index(dir.str("db"), {make_statement("new", "Fertiliser shipments resumed.")},
                         update);
    searcher.reopen();
    EXPECT_EQ(searcher.search("fertilizer").did_you_mean, "fertiliser");
  }
}

// Pasted text that opens a bracket or a quote is answered, and the result
// says how it was read.
TEST_F(FixtureSearch, AnUnbalancedQueryIsAnsweredWithAWarning) {
  auto r = search("Kyrgyzstan (transport corridors");
  EXPECT_TRUE(contains(ids(r), "t-en-1"));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("never closed"), std::string::npos);
  auto quote = search("\"transport corridors");
  EXPECT_TRUE(contains(ids(quote), "t-en-1"));
  EXPECT_EQ(quote.warnings.size(), 1u);
  EXPECT_TRUE(search("transport corridors").warnings.empty());
}

TEST_F(FixtureSearch, AQueryWithNoWordIsRefusedAndStarListsEverything) {
  EXPECT_THROW(search("🇺🇦"), QuerySyntaxError);
  EXPECT_THROW(search(""), QuerySyntaxError);
  SearchOptions all;
  all.limit = 100;
  EXPECT_EQ(search("*", all).total, bodies_.size());
  EXPECT_EQ(search("*", all).hits.size(), bodies_.size());
}

// The whole statement by id: its body as indexed, the passages that split
// it, and with a query the matches that search() would mark in it.
TEST_F(FixtureSearch, AStatementReadsWholeByIdWithItsMatchesMarked) {
  Searcher searcher(dir_->str("db"));
  StoredStatement st = searcher.statement("t-en-1", "transport corridors");
  EXPECT_EQ(st.statement.id, "t-en-1");
  EXPECT_EQ(st.statement.body, bodies_["t-en-1"]);
  EXPECT_EQ(st.statement.title, "Kyrgyzstan's minister on transport corridors");
  ASSERT_FALSE(st.passages.empty());
  std::size_t last_end = 0;
  for (auto [start, end] : st.passages) {
    EXPECT_LE(last_end, start);
    EXPECT_LT(start, end);
    EXPECT_LE(end, st.statement.body.size());
    last_end = end;
  }
  ASSERT_FALSE(st.matches.empty());
  const Passage& best = st.matches.front();
  EXPECT_EQ(st.statement.body.substr(best.start, best.end - best.start), best.text);
  std::set<std::string> marked;
  for (auto [a, b] : best.highlights) marked.insert(best.text.substr(a, b - a));
  EXPECT_TRUE(marked.count("transport") && marked.count("corridors"));
  // The same passage and marks as a search shows for the same query.
  SearchResult r = searcher.search("transport corridors");
  auto hit =
      std::find_if(r.hits.begin(), r.hits.end(), [](const Hit& h) { return h.id == "t-en-1"; });
  ASSERT_NE(hit, r.hits.end());
  EXPECT_EQ(hit->passages.front().start, best.start);
  EXPECT_EQ(hit->passages.front().highlights, best.highlights);

  EXPECT_TRUE(searcher.statement("t-en-1").matches.empty());
  EXPECT_TRUE(searcher.statement("t-en-1", "nuclear").matches.empty());
  EXPECT_TRUE(searcher.statement("t-en-1", "country:KGZ").matches.empty());
  EXPECT_THROW(searcher.statement("t-en-1", "country:Atlantis"), QuerySyntaxError);
  EXPECT_THROW(searcher.statement("no-such-id"), NotFound);
  EXPECT_THROW(searcher.statement("t-en"), NotFound);  // ids match exactly
}

}  // namespace
}  // namespace communique
