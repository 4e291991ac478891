// The normalisation stage (ingest/normalise.h): each of its steps on a
// statement given directly, then each importer's records as the index
// holds them after passing it.

#include "ingest/normalise.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "communique/gazetteer.h"
#include "communique/importer.h"
#include "communique/indexer.h"
#include "communique/searcher.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

struct Normalised {
  bool kept = false;
  Statement statement;
  std::vector<Problem> problems;

  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    for (const auto& p : problems) out.push_back(p.kind + (p.skipped ? " (skipped)" : ""));
    return out;
  }
};

Normalised normalise(Statement s) {
  Normalised out;
  out.kept = ingest::normalise_statement(s, Provenance{"f.jsonl", 3, 0, "jsonl"},
                                         Gazetteer::builtin(), out.problems);
  out.statement = std::move(s);
  return out;
}

Statement with_body(std::string body = "The ministers met in Astana.") {
  Statement s;
  s.id = "s1";
  s.body = std::move(body);
  return s;
}

using Strings = std::vector<std::string>;

TEST(Normalise, IdIsTrimmedAndAStatementWithoutOneIsSkipped) {
  Statement s = with_body();
  s.id = "  s1\t";
  auto r = normalise(s);
  EXPECT_TRUE(r.kept);
  EXPECT_EQ(r.statement.id, "s1");

  s.id = " \n";
  r = normalise(s);
  EXPECT_FALSE(r.kept);
  EXPECT_EQ(r.kinds(), Strings{"missing-id (skipped)"});

  s.id = std::string(201, 'x');
  r = normalise(s);
  EXPECT_FALSE(r.kept);
  EXPECT_EQ(r.kinds(), Strings{"bad-id (skipped)"});
  EXPECT_EQ(r.problems[0].id, std::string(40, 'x') + "...");  // quoted, not the whole id

  s.id = "bad\xFF";
  r = normalise(s);
  EXPECT_FALSE(r.kept);
  EXPECT_EQ(r.kinds(), Strings{"invalid-utf8 (skipped)"});
  EXPECT_EQ(r.problems[0].where.file, "f.jsonl");
  EXPECT_EQ(r.problems[0].where.line, 3u);
}

TEST(Normalise, TextIsRepairedAndABlankOneSkipped) {
  auto r = normalise(with_body("Caf\xE9 talks"));
  EXPECT_TRUE(r.kept);
  EXPECT_EQ(r.statement.body, "Caf\xEF\xBF\xBD talks");
  EXPECT_EQ(r.kinds(), Strings{"invalid-utf8"});

  r = normalise(with_body(" \n\t "));
  EXPECT_FALSE(r.kept);
  EXPECT_EQ(r.kinds(), Strings{"empty-body (skipped)"});

  r = normalise(with_body(std::string(ingest::kMaxStatementBytes + 1, 'a')));
  EXPECT_FALSE(r.kept);
  EXPECT_EQ(r.kinds(), Strings{"too-large (skipped)"});
}

TEST(Normalise, ADateThatDoesNotExistIsDropped) {
  Statement s = with_body();
  s.date = Date{2021, 2, 30};
  auto r = normalise(s);
  EXPECT_TRUE(r.kept);
  EXPECT_TRUE(r.statement.date.empty());
  EXPECT_EQ(r.kinds(), Strings{"bad-date"});

  s.date = Date{2020, 7, 0};  // a month: a date as precise as it is known
  r = normalise(s);
  EXPECT_EQ(r.statement.date.to_string(), "2020-07");
  EXPECT_TRUE(r.problems.empty());
}

TEST(Normalise, CountriesBecomeCodesAndTheIssuerIsNoMentionOfItsOwn) {
  Statement s = with_body();
  s.country = "Kazakhstan";
  s.mentions = {"Uzbekistan", "KAZ", "UZB", "Kyrgyz Republic", "Atlantis"};
  auto r = normalise(s);
  EXPECT_EQ(r.statement.country, "KAZ");
  EXPECT_EQ(r.statement.mentions, (Strings{"UZB", "KGZ"}));
  EXPECT_EQ(r.kinds(), Strings{"unknown-country"});  // Atlantis, dropped

  s.country = "Atlantis";
  r = normalise(s);
  EXPECT_TRUE(r.kept);  // indexed without a country
  EXPECT_EQ(r.statement.country, "");
  EXPECT_EQ(r.statement.mentions, (Strings{"UZB", "KAZ", "KGZ"}));
}

TEST(Normalise, EachPersonOnceTidiedInTheirOwnScript) {
  Statement s = with_body();
  s.ministers = {"H.E. Mr. Aibek ZHANUZAKOV ",
                 "Aibek Zhanuzakov",
                 "汪文斌",
                 "Wang Wenbin",
                 "  С. В. Лавров ",
                 "",
                 " "};
  auto r = normalise(s);
  EXPECT_EQ(r.statement.ministers, (Strings{"Aibek Zhanuzakov", "汪文斌", "С. В. Лавров"}));
  EXPECT_TRUE(r.problems.empty());

  // Latin letters with Cyrillic look-alikes (the UN speaker list's "Jеаn",
  // its е and а Cyrillic) are tidied as a Latin name.
  s.ministers = {"Mr. J\xD0\xB5\xD0\xB0n-Claude GAKOSSO"};
  EXPECT_EQ(normalise(s).statement.ministers, Strings{"J\xD0\xB5\xD0\xB0n-Claude Gakosso"});
}

TEST(Normalise, APostIsItsCategoryOrAsWritten) {
  Statement s = with_body();
  for (const auto& [post, role] : std::vector<std::pair<std::string, std::string>>{
           {"Minister for Foregn Affairs ", "foreign minister"},
           {"PRIME MINISTER", "head of government"},
           {"President of the Presidency", "head of state"},
           {"  Deputy   Prime Minister ", "Deputy Prime Minister"},
           {"Spokesperson", "Spokesperson"},
           {"missing", ""},
           {"", ""}}) {
    s.role = post;
    EXPECT_EQ(normalise(s).statement.role, role) << post;
  }
}

TEST(Normalise, ALanguageIsATagOrGuessed) {
  Statement s = with_body();
  s.language = "zh-Hans";
  EXPECT_EQ(normalise(s).statement.language, "zh-Hans");

  s.language = "English, mostly";
  auto r = normalise(s);
  EXPECT_EQ(r.statement.language, "en");
  EXPECT_EQ(r.kinds(), Strings{"bad-language"});

  s = with_body("外交部发言人汪文斌主持例行记者会。");
  EXPECT_EQ(normalise(s).statement.language, "zh");
}

TEST(Normalise, NormalisingTwiceIsNormalisingOnce) {
  Statement s = with_body();
  s.id = " s1 ";
  s.country = "Kazakhstan";
  s.mentions = {"Uzbekistan", "Kazakhstan"};
  s.ministers = {"MR. Aibek ZHANUZAKOV", "王毅"};
  s.role = "Minister of Foreign Affairs";
  auto once = normalise(s);
  auto twice = normalise(once.statement);
  EXPECT_TRUE(twice.problems.empty());
  EXPECT_EQ(twice.statement.id, once.statement.id);
  EXPECT_EQ(twice.statement.country, once.statement.country);
  EXPECT_EQ(twice.statement.mentions, once.statement.mentions);
  EXPECT_EQ(twice.statement.ministers, once.statement.ministers);
  EXPECT_EQ(twice.statement.role, once.statement.role);
  EXPECT_EQ(twice.statement.language, once.statement.language);
}

// What the index holds of the statements read from `path`: each
// importer's records reach the index through the stage alone.
std::vector<Hit> index_and_read(const testing::TempDir& dir, const fs::path& path,
                                ImportOptions options = {}) {
  {
    Indexer indexer(dir.str("db"));
    IndexingSink sink(indexer);
    import_paths({path.string()}, options, sink);
    indexer.finish();
  }
  Searcher searcher(dir.str("db"));
  SearchOptions all;
  all.limit = 100;
  all.facets = false;
  auto hits = searcher.search("*", all).hits;
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.id < b.id; });
  return hits;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

TEST(NormaliseEveryImporter, Jsonl) {
  testing::TempDir dir;
  write(dir.path() / "in.jsonl",
        R"({"id": "j1", "body": "Nepal and India met.", "country": "Nepal",)"
        R"( "ministers": ["HUANG Hua", "Huang Hua"], "role": "Minister of Foreign Affairs",)"
        R"( "mentions": ["India", "Nepal", "IND"]})"
        "\n");
  auto hits = index_and_read(dir, dir.path() / "in.jsonl");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].country, "NPL");
  EXPECT_EQ(hits[0].ministers, Strings{"Huang Hua"});
  EXPECT_EQ(hits[0].role, "foreign minister");  // was kept as written
  EXPECT_EQ(hits[0].mentions, Strings{"IND"});  // Nepal is the issuer
  EXPECT_EQ(hits[0].language, "en");
}

TEST(NormaliseEveryImporter, Table) {
  testing::TempDir dir;
  write(dir.path() / "speeches.csv",
        "Code,Speaker,Post,Speech\n"
        "NPL,Hon. Ram Prasad SHARMA,Spokesperson,Nepal and India share open borders.\n");
  ImportOptions options;
  options.map = {
      {"country", "Code"}, {"minister", "Speaker"}, {"role", "Post"}, {"body", "Speech"}};
  auto hits = index_and_read(dir, dir.path() / "speeches.csv", options);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].ministers, Strings{"Ram Prasad Sharma"});
  EXPECT_EQ(hits[0].role, "Spokesperson");  // was "other"
  EXPECT_EQ(hits[0].mentions, Strings{"IND"});
}

TEST(NormaliseEveryImporter, Ungdc) {
  testing::TempDir dir;
  auto hits = index_and_read(dir, testing::data_file("ingest/ungdc"));
  auto kaz =
      std::find_if(hits.begin(), hits.end(), [](const Hit& h) { return h.id == "KAZ_75_2020"; });
  ASSERT_NE(kaz, hits.end());
  EXPECT_EQ(kaz->ministers, Strings{"Aibek Zhanuzakov"});  // "MR. Aibek ZHANUZAKOV "
  EXPECT_EQ(kaz->role, "foreign minister");                // "Minister for Foregn Affairs "
  auto yug =
      std::find_if(hits.begin(), hits.end(), [](const Hit& h) { return h.id == "YUG_44_1989"; });
  ASSERT_NE(yug, hits.end());
  EXPECT_EQ(yug->ministers, (Strings{"Milan Petrovic", "Dragan Nikolic"}));
  EXPECT_EQ(yug->role, "head of state");  // the first row's post; the second gives none
}

TEST(NormaliseEveryImporter, Page) {
  testing::TempDir dir;
  write(dir.path() / "page.html",
        "<html><head><meta name=author content=\"JANE DOE\"><title>Talks</title></head>"
        "<body><p>The minister met the press in Kathmandu, and spoke about trade with "
        "India.</p></body></html>");
  auto hits = index_and_read(dir, dir.path() / "page.html");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].ministers, Strings{"Jane Doe"});
  EXPECT_EQ(hits[0].language, "en");
}

TEST(NormaliseEveryImporter, TextPage) {
  testing::TempDir dir;
  auto hits = index_and_read(dir, testing::data_file("ingest/pages/readout.txt"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].country, "KAZ");
  EXPECT_EQ(hits[0].ministers, (Strings{"Aibek Zhanuzakov", "Rustam Karimov"}));
  EXPECT_EQ(hits[0].mentions, (Strings{"UZB", "AFG"}));
  EXPECT_EQ(hits[0].language, "en");  // the page gives none: guessed
}

TEST(NormaliseEveryImporter, MinistryJson) {
  testing::TempDir dir;
  write(dir.path() / "dump.json",
        R"([{"url": "https://www.mfa.gov.sg/a", "title": "Visit", "date": "08 May 2024, 23:15",)"
        R"( "country": "Malaysia, Singapore", "content": "Minister for Foreign Affairs Dr)"
        R"( Vivian Balakrishnan met MR. Anwar IBRAHIM."}])");
  auto hits = index_and_read(dir, dir.path() / "dump.json");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].country, "SGP");
  EXPECT_EQ(hits[0].mentions, Strings{"MYS"});  // Singapore is the issuer
  EXPECT_EQ(hits[0].ministers, Strings{"Vivian Balakrishnan"});
}

}  // namespace
}  // namespace communique
