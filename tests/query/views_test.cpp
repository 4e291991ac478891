// The analyst views, Searcher::trend and Searcher::kwic: their counts
// against search's and against counts made from the statements, on one
// index and a sharded archive, and over the shared corpus.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <set>

#include "communique/error.h"
#include "communique/importer.h"
#include "communique/searcher.h"
#include "index/stored_fields.h"
#include "query/index_reader.h"
#include "query/kwic.h"
#include "support/temp_index.h"

namespace communique {
namespace {

std::uint64_t total_of(Searcher& searcher, const std::string& query) {
  SearchOptions o;
  o.limit = 0;
  o.passages = 0;
  o.facets = false;
  return searcher.search(query, o).total;
}

std::vector<Concordance> lines_of(Searcher& searcher, const std::string& query,
                                  KwicOptions options = {}, KwicSummary* summary = nullptr) {
  std::vector<Concordance> out;
  KwicSummary s = searcher.kwic(query, options, [&](const Concordance& c) {
    out.push_back(c);
    return true;
  });
  if (summary) *summary = s;
  return out;
}

// Statements over three years, dated by day, by month, by year alone (as
// the UN's speeches are) and not at all; three countries; ministers with
// one person under two spellings.
std::vector<Statement> dated_statements() {
  std::mt19937 rng(11);
  const std::vector<std::string> countries{"CHN", "KAZ", "FRA"};
  const std::vector<std::vector<std::string>> ministers{
      {"Wang Yi"}, {"WANG Yi"}, {"Ann Lee"}, {"Ann Lee", "Bo Chen"}, {}};
  const std::vector<std::string> dates{"2018",    "2018-03",    "2018-03-04", "2019", "2019-01-02",
                                       "2019-07", "2019-07-30", "2020-12-31", ""};
  const std::vector<std::string> words{"peace",        "talks",       "trade",    "water",
                                       "negotiations", "negotiating", "security", "council"};
  std::vector<Statement> out;
  for (int i = 0; i < 300; ++i) {
    std::string body;
    for (int w = 0; w < 25; ++w) body += words[rng() % words.size()] + (w % 9 == 8 ? ".\n\n" : " ");
    body += "end.";
    Statement s = testing::make_statement(
        "d" + std::to_string(i), body, countries[rng() % countries.size()],
        dates[rng() % dates.size()], ministers[rng() % ministers.size()], "en");
    out.push_back(std::move(s));
  }
  return out;
}

class Views : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    statements_ = new std::vector<Statement>(dated_statements());
    testing::build_index(dir_->str("db"), *statements_);
    IndexOptions sharded;
    sharded.shards = 3;
    testing::build_index(dir_->str("archive"), *statements_, sharded);
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete statements_;
  }
  static testing::TempDir* dir_;
  static std::vector<Statement>* statements_;
};

testing::TempDir* Views::dir_ = nullptr;
std::vector<Statement>* Views::statements_ = nullptr;

const std::vector<std::string> kQueries{"peace",        "negotiations",      "\"security council\"",
                                        "peace -trade", "talks country:KAZ", "*"};

// A year's count is search's total for QUERY date:YEAR, and its total that
// of the whole index then; on one index and on a sharded archive alike.
TEST_F(Views, TrendCountsByYearAreSearchTotals) {
  for (const std::string db : {"db", "archive"}) {
    Searcher searcher(dir_->str(db));
    for (const auto& q : kQueries) {
      Trend trend = searcher.trend(q);
      EXPECT_EQ(trend.by, "year");
      EXPECT_EQ(trend.total, total_of(searcher, q)) << q;
      ASSERT_EQ(trend.series.size(), 1u);
      EXPECT_EQ(trend.series[0].key, "all");
      std::vector<std::string> periods;
      std::uint64_t sum = 0;
      for (const TrendPoint& p : trend.series[0].points) {
        periods.push_back(p.period);
        sum += p.count;
        if (p.period == "undated") {
          EXPECT_EQ(p.total, 300 - total_of(searcher, "* date:0001..9999"));
          continue;
        }
        EXPECT_EQ(p.count, total_of(searcher, q + " date:" + p.period)) << db << " " << q;
        EXPECT_EQ(p.total, total_of(searcher, "* date:" + p.period));
        EXPECT_DOUBLE_EQ(p.per_1000, 1000.0 * p.count / p.total);
      }
      EXPECT_EQ(sum, trend.total) << q;
      EXPECT_EQ(periods, (std::vector<std::string>{"2018", "2019", "2020", "undated"}));
    }
  }
}

// By month, statements dated by their year alone are a period of their
// own ("2019"), not spread over the months; the months are search's.
TEST_F(Views, TrendByMonthKeepsYearOnlyDatesApart) {
  Searcher searcher(dir_->str("db"));
  TrendOptions by_month;
  by_month.by = TrendPeriod::kMonth;
  for (const auto& q : kQueries) {
    Trend trend = searcher.trend(q, by_month);
    EXPECT_EQ(trend.by, "month");
    std::vector<std::string> periods;
    std::map<std::string, std::uint64_t> count;
    for (const TrendPoint& p : trend.series.at(0).points) {
      periods.push_back(p.period);
      count[p.period] = p.count;
    }
    EXPECT_EQ(periods, (std::vector<std::string>{"2018", "2018-03", "2019", "2019-01", "2019-07",
                                                 "2020-12", "undated"}));
    for (const std::string month : {"2018-03", "2019-01", "2019-07", "2020-12"})
      EXPECT_EQ(count[month], total_of(searcher, q + " date:" + month)) << q << " " << month;
    std::uint64_t year_only = 0;
    for (const auto& s : *statements_) {
      if (s.date.year == 2019 && s.date.month == 0 &&
          (q == "*" || total_of(searcher, q + " id:" + s.id) == 1))
        ++year_only;
    }
    EXPECT_EQ(count["2019"], year_only) << q;
    EXPECT_EQ(count["2019"] + count["2019-01"] + count["2019-07"],
              total_of(searcher, q + " date:2019"));
  }
}

// Split by a facet: a series per value, each search's count with the
// value as a filter; "other" the statements with none of them.
TEST_F(Views, TrendSplitSeriesAreSearchTotalsWithTheFilter) {
  for (const std::string db : {"db", "archive"}) {
    Searcher searcher(dir_->str(db));
    for (const std::string field : {"country", "minister", "mentions"}) {
      TrendOptions split;
      split.split = field;
      split.top = 2;
      Trend trend = searcher.trend("peace", split);
      EXPECT_EQ(trend.split, field);
      std::vector<std::string> shown;
      for (const TrendSeries& series : trend.series) {
        std::uint64_t sum = 0;
        for (const TrendPoint& p : series.points) sum += p.count;
        if (series.key == "other") {
          std::string without = "peace";
          for (const auto& v : shown) without += " -" + field + ":\"" + v + "\"";
          EXPECT_EQ(sum, total_of(searcher, without)) << db << " " << field;
          continue;
        }
        shown.push_back(series.key);
        for (const TrendPoint& p : series.points) {
          if (p.period == "undated") continue;
          EXPECT_EQ(p.count, total_of(searcher, "peace " + field + ":\"" + series.key +
                                                    "\" date:" + p.period))
              << db << " " << field << " " << series.key;
        }
      }
      if (field == "mentions") {
        EXPECT_TRUE(shown.empty());  // these statements mention nobody
      } else {
        EXPECT_EQ(shown.size(), 2u) << field;
      }
      if (field == "country") {
        std::uint64_t all = 0;
        for (const auto& series : trend.series)
          for (const auto& p : series.points) all += p.count;
        EXPECT_EQ(all, trend.total);
      }
      if (field == "minister") {
        // Wang Yi and WANG Yi are one person, one series.
        int wang = 0;
        for (const auto& series : trend.series)
          wang += series.key.find("Wang") != std::string::npos ||
                  series.key.find("WANG") != std::string::npos;
        EXPECT_LE(wang, 1);
      }
    }
  }
}

TEST_F(Views, TrendRefusesASplitThatIsNotOneOfItsFacets) {
  Searcher searcher(dir_->str("db"));
  TrendOptions split;
  split.split = "title";
  EXPECT_THROW(searcher.trend("peace", split), InvalidArgument);
  split.split = "year";
  EXPECT_THROW(searcher.trend("peace", split), InvalidArgument);
  EXPECT_THROW(searcher.trend(""), QuerySyntaxError);
}

// Every occurrence is what search marks: with every passage shown, the
// highlights of each statement fall in its concordance's matches, and
// each match starts and ends with one of them.
TEST_F(Views, KwicOccurrencesAreWhatSearchHighlights) {
  Searcher searcher(dir_->str("db"));
  for (const std::string q : {"negotiations", "peace talks", "\"security council\""}) {
    std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> marked, listed;
    SearchOptions all;
    all.limit = 1000;
    all.passages = 1000;
    all.facets = false;
    SearchResult r = searcher.search(q, all);
    for (const Hit& h : r.hits) {
      for (const Passage& p : h.passages) {
        for (auto [s, e] : p.highlights) marked[h.id].emplace_back(p.start + s, p.start + e);
      }
    }
    KwicSummary summary;
    for (const Concordance& c : lines_of(searcher, q, {}, &summary))
      listed[c.id].emplace_back(c.start, c.end);
    EXPECT_EQ(summary.statements, r.total) << q;
    EXPECT_EQ(summary.listed, summary.occurrences);
    std::uint64_t occurrences = 0;
    for (auto& [id, ranges] : listed) {
      occurrences += ranges.size();
      auto& marks = marked[id];
      std::set<std::size_t> starts, ends;
      for (auto [s, e] : marks) {
        starts.insert(s);
        ends.insert(e);
        bool inside = std::any_of(ranges.begin(), ranges.end(),
                                  [&](const auto& m) { return m.first <= s && e <= m.second; });
        EXPECT_TRUE(inside) << q << " " << id << " " << s;
      }
      for (auto [s, e] : ranges) {
        EXPECT_TRUE(starts.count(s)) << q << " " << id << " " << s;
        EXPECT_TRUE(ends.count(e)) << q << " " << id << " " << e;
      }
    }
    EXPECT_EQ(occurrences, summary.occurrences);
    EXPECT_GT(occurrences, 0u) << q;
    // A sharded archive of the same statements lists the same lines, in
    // the same order.
    Searcher archive(dir_->str("archive"));
    auto where = [](const std::vector<Concordance>& lines) {
      std::vector<std::pair<std::string, std::size_t>> out;
      for (const auto& c : lines) out.emplace_back(c.id, c.start);
      return out;
    };
    EXPECT_EQ(where(lines_of(archive, q)), where(lines_of(searcher, q))) << q;
  }
}

// Counted independently: a phrase placed a known number of times among
// words that look like it, and the forms of a word.
TEST(Kwic, CountsAgreeWithTheStatementsAndAPhraseIsOneOccurrence) {
  testing::TempDir dir;
  std::mt19937 rng(5);
  const std::vector<std::string> filler{"security", "council", "the",   "meeting",
                                        "of",       "Council", "talks", "meetings"};
  std::vector<Statement> statements;
  std::uint64_t placed = 0, negotiat = 0;
  for (int i = 0; i < 120; ++i) {
    std::string body, previous;
    for (int w = 0; w < 60; ++w) {
      std::string word;
      if (rng() % 11 == 0) {
        word = rng() % 2 ? "Security Council" : "security \t council";
        ++placed;
      } else if (rng() % 13 == 0) {
        word = rng() % 2 ? "negotiations" : "negotiating";
        ++negotiat;
      } else {
        word = filler[rng() % filler.size()];
        // Never "security council" by chance, nor across a placed one.
        if ((word == "council" || word == "Council") &&
            (previous == "security" || previous.find("ouncil") != std::string::npos))
          word = "talks";
        if (word == "security" && (w + 1) % 20 != 0) word = "security talks";
      }
      body += word + (w % 20 == 19 ? ".\n\n" : " ");
      previous = word;
    }
    statements.push_back(testing::make_statement("k" + std::to_string(i), body + "end.", "FRA",
                                                 "2020-01-0" + std::to_string(1 + i % 9), {},
                                                 "en"));
  }
  testing::build_index(dir.str("db"), statements);
  Searcher searcher(dir.str("db"));
  KwicSummary summary;
  std::vector<Concordance> lines = lines_of(searcher, "\"security council\"", {}, &summary);
  EXPECT_EQ(summary.occurrences, placed);
  EXPECT_EQ(lines.size(), placed);
  for (const auto& c : lines) {
    EXPECT_TRUE(c.match == "Security Council" || c.match == "security council") << c.match;
  }
  lines = lines_of(searcher, "negotiations", {}, &summary);
  EXPECT_EQ(summary.occurrences, negotiat);
  std::set<std::string> forms;
  for (const auto& c : lines) forms.insert(c.match);
  EXPECT_EQ(forms, (std::set<std::string>{"negotiating", "negotiations"}));

  // A limit cuts the listing, never the count.
  KwicOptions five;
  five.limit = 5;
  lines = lines_of(searcher, "\"security council\"", five, &summary);
  EXPECT_EQ(lines.size(), 5u);
  EXPECT_EQ(summary.listed, 5u);
  EXPECT_EQ(summary.occurrences, placed);
  // The callback may stop it.
  int seen = 0;
  summary =
      searcher.kwic("\"security council\"", {}, [&](const Concordance&) { return ++seen < 3; });
  EXPECT_EQ(seen, 3);
  EXPECT_TRUE(summary.stopped);
}

TEST(Kwic, ContextIsCutAtWordsAndShownOnOneLine) {
  std::string body = "one two\nthree   four\tfive peace six seven\r\neight nine ten";
  std::size_t at = body.find("peace");
  EXPECT_EQ(query::left_context(body, at, 1000), "one two three four five ");
  EXPECT_EQ(query::left_context(body, at, 11), "four five ");
  EXPECT_EQ(query::left_context(body, at, 12), "four five ");
  EXPECT_EQ(query::left_context(body, at, 13), "four five ");  // "r four five " would cut a word
  EXPECT_EQ(query::right_context(body, at + 5, 10), " six seven");
  EXPECT_EQ(query::right_context(body, at + 5, 8), " six");
  // Code points, not bytes; Chinese, without spaces, cut at a character.
  std::string zh = "中方愿同各国加强沟通协调";
  std::size_t mid = zh.find("加强");
  EXPECT_EQ(query::left_context(zh, mid, 3), "同各国");
  EXPECT_EQ(query::right_context(zh, mid + std::string("加强").size(), 2), "沟通");
  EXPECT_EQ(query::single_spaced("a\n\n b\u00a0c"), "a b c");
}

TEST(Kwic, ChineseRunsAndSortsAndBounds) {
  testing::TempDir dir;
  std::vector<Statement> statements{
      testing::make_statement("z1", "中方愿同各国加强沟通协调。我们加强合作。", "CHN", "2021-01-01",
                              {}, "zh"),
      testing::make_statement("e1", "Zebra talks about peace. Alpha peace plan.", "USA",
                              "2020-05-05", {}, "en"),
      testing::make_statement("e2", "Middle peace now.", "AFG", "2022-05-05", {}, "en")};
  testing::build_index(dir.str("db"), statements);
  Searcher searcher(dir.str("db"));
  KwicSummary summary;
  auto lines = lines_of(searcher, "加强", {}, &summary);
  ASSERT_EQ(summary.occurrences, 2u);
  EXPECT_EQ(lines[0].match, "加强");
  EXPECT_EQ(lines[0].left, "中方愿同各国");

  // By date, newest first; then by country; by the left context nearest
  // word first; by the right context.
  auto ids = [](const std::vector<Concordance>& v) {
    std::vector<std::string> out;
    for (const auto& c : v) out.push_back(c.id + ":" + std::to_string(c.start));
    return out;
  };
  EXPECT_EQ(ids(lines_of(searcher, "peace")), (std::vector<std::string>{"e2:7", "e1:18", "e1:31"}));
  KwicOptions o;
  o.sort = KwicSort::kCountry;
  EXPECT_EQ(ids(lines_of(searcher, "peace", o)),
            (std::vector<std::string>{"e2:7", "e1:18", "e1:31"}));
  o.sort = KwicSort::kLeft;  // "about", "Alpha", "Middle"
  EXPECT_EQ(ids(lines_of(searcher, "peace", o)),
            (std::vector<std::string>{"e1:18", "e1:31", "e2:7"}));
  o.sort = KwicSort::kRight;  // "now", "plan", "talks"... "peace." ends: ". Alpha"
  auto right = lines_of(searcher, "peace", o);
  EXPECT_EQ(right.size(), 3u);
  EXPECT_EQ(right[0].right, ". Alpha peace plan.");
  o.max_sorted = 2;
  EXPECT_THROW(lines_of(searcher, "peace", o), QuerySyntaxError);
  // Filters alone have nothing to find.
  EXPECT_THROW(lines_of(searcher, "country:USA"), QuerySyntaxError);
}

// Over the whole shared corpus: trend against search, per year, for
// several queries; a phrase's concordance against a count in the bodies.
TEST(ViewsSharedCorpus, TrendAndKwicAgreeWithSearchAndTheBodies) {
  std::string db;
  testing::TempDir dir;
  if (const char* env = std::getenv("COMMUNIQUE_FULL_DB"); env && *env) {
    db = env;
  } else {
    std::filesystem::path corpus = testing::shared_corpus();
    if (corpus.empty()) {
      GTEST_SKIP() << "../shared/corpus is absent: the views' test over the shared corpus is "
                      "SKIPPED (set COMMUNIQUE_SHARED_CORPUS, or COMMUNIQUE_FULL_DB to an index "
                      "of it)";
    }
    db = dir.str("full");
    Indexer indexer(db, IndexOptions{});
    struct Sink : RecordSink {
      explicit Sink(Indexer& i) : indexer(i) {}
      void statement(Statement s, const Provenance& where) override {
        indexer.add(std::move(s), where);
      }
      void problem(Problem p) override { indexer.report(std::move(p)); }
      void skipped_file(const std::string& p, const std::string& r) override {
        indexer.skip_file(p, r);
      }
      Indexer& indexer;
    } sink(indexer);
    import_paths({corpus.string()}, ImportOptions{}, sink);
    indexer.finish();
  }
  Searcher searcher(db);
  for (const std::string q : {"peace", "\"nuclear weapons\"", "sanctions country:USA",
                              "climate change -\"climate change\"", "一带一路"}) {
    Trend trend = searcher.trend(q);
    std::uint64_t sum = 0;
    for (const TrendPoint& p : trend.series.at(0).points) {
      sum += p.count;
      if (p.period == "undated" || p.count == 0) continue;
      EXPECT_EQ(p.count, total_of(searcher, q + " date:" + p.period)) << q << " " << p.period;
    }
    EXPECT_EQ(sum, trend.total) << q;
    EXPECT_EQ(trend.total, total_of(searcher, q)) << q;
  }
  // Per-year totals are the index's.
  Trend all = searcher.trend("*");
  for (const TrendPoint& p : all.series.at(0).points) {
    if (p.period == "undated") continue;
    EXPECT_EQ(p.count, p.total);
    if (p.period == "1990" || p.period == "2020") {
      EXPECT_EQ(p.total, total_of(searcher, "* date:" + p.period));
    }
  }

  // A phrase whose words have no other forms in the corpus but one, which
  // the expression has ("Middle Easts"), counted in the bodies where it
  // lies within one passage (punctuation between the words ignored, as
  // search ignores it). Search finds a phrase across two passages only
  // where no statement holds it within one, and kwic lists what search
  // finds: a few UN speeches are cut into passages at a line break inside
  // the phrase ("the Middle\nEast."), which neither finds.
  const std::string phrase = "middle east";
  const std::regex pattern("\\bmiddle\\W+easts?\\b", std::regex::icase);
  query::IndexReader reader(db);
  std::uint64_t expected = 0, across = 0;
  const Xapian::Database& xdb = reader.db();
  for (auto it = xdb.postlist_begin(""); it != xdb.postlist_end(""); ++it) {
    index::StoredFields fields = index::decode(xdb.get_document(*it).get_data());
    const std::string& body = fields.statement.body;
    if (body.find("iddle") == std::string::npos && body.find("IDDLE") == std::string::npos)
      continue;
    for (auto m = std::sregex_iterator(body.begin(), body.end(), pattern);
         m != std::sregex_iterator(); ++m) {
      auto start = static_cast<std::size_t>(m->position()), end = start + m->str().size();
      // Words as Unicode's word breaks find them: a '.' or an apostrophe
      // between letters, without a space, joins them into one word
      // ("East.Peace", "the'Middle"), which is neither "middle" nor "east".
      auto letter = [&](std::size_t i) {
        return i < body.size() && std::isalpha(static_cast<unsigned char>(body[i]));
      };
      if (start >= 2 && (body[start - 1] == '.' || body[start - 1] == '\'') && letter(start - 2))
        continue;
      if (end < body.size() && body[end] == '.' && letter(end + 1)) continue;
      bool within = std::any_of(fields.passages.begin(), fields.passages.end(),
                                [&](const auto& p) { return p.start <= start && end <= p.end; });
      ++(within ? expected : across);
    }
  }
  std::cerr << "\"" << phrase << "\": " << expected << " in one passage, " << across
            << " across two\n";
  EXPECT_LT(across, expected / 100);
  KwicOptions count_only;
  count_only.limit = 1;
  KwicSummary summary =
      searcher.kwic("\"" + phrase + "\"", count_only, [](const Concordance&) { return true; });
  EXPECT_EQ(summary.occurrences, expected);
  EXPECT_GT(expected, 1000u);
}

}  // namespace
}  // namespace communique
