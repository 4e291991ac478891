#include <gtest/gtest.h>

#include <fstream>

#include "communique/importer.h"
#include "support/temp_index.h"

namespace communique {
namespace {

// Collects what an importer reads.
struct Collect : RecordSink {
  std::vector<Statement> statements;
  std::vector<Provenance> where;
  std::vector<Problem> problems;
  std::vector<std::string> skipped;
  void statement(Statement s, const Provenance& w) override {
    statements.push_back(std::move(s));
    where.push_back(w);
  }
  void problem(Problem p) override { problems.push_back(std::move(p)); }
  void skipped_file(const std::string& path, const std::string&) override {
    skipped.push_back(path);
  }
};

TEST(Jsonl, ReadsTheCanonicalRecord) {
  Collect c;
  import_paths({testing::data_file("statements.jsonl").string()}, {}, c);
  ASSERT_EQ(c.statements.size(), 7u);
  const Statement& s = c.statements[2];
  EXPECT_EQ(s.id, "t-en-1");
  EXPECT_EQ(s.country, "Kyrgyzstan");  // resolved by the indexer, not the reader
  EXPECT_EQ(s.date.to_string(), "2020-07-16");
  EXPECT_EQ(s.ministers, std::vector<std::string>{"Aibek Sadykov"});
  EXPECT_EQ(s.mentions, (std::vector<std::string>{"CHN", "KAZ"}));
  EXPECT_EQ(c.where[2].line, 3u);
  EXPECT_TRUE(c.problems.empty());
}

TEST(Jsonl, ReportsBadLinesWithTheirNumbersAndGoesOn) {
  testing::TempDir dir;
  std::ofstream(dir.str("in.jsonl"))
      << "{\"id\":\"a\",\"body\":\"ok\"}\n"
      << "{not json\n"
      << "\n"
      << "[1,2]\n"
      << "{\"id\":\"b\",\"body\":\"bad \xff byte\",\"date\":\"July "
         "2020\",\"extra\":{\"kept\":true}}\n"
      << "{\"id\":7,\"body\":\"numeric id\",\"ministers\":\"A. One; B. Two\"}\n";
  Collect c;
  import_paths({dir.str("in.jsonl")}, {}, c);
  ASSERT_EQ(c.statements.size(), 3u);
  EXPECT_EQ(c.statements[2].id, "7");
  EXPECT_EQ(c.statements[2].ministers, (std::vector<std::string>{"A. One", "B. Two"}));
  ASSERT_EQ(c.problems.size(), 4u);
  EXPECT_EQ(c.problems[0].kind, "malformed-record");
  EXPECT_EQ(c.problems[0].where.line, 2u);
  EXPECT_EQ(c.problems[1].where.line, 4u);
  EXPECT_EQ(c.problems[2].kind, "bad-date");
  EXPECT_EQ(c.problems[2].where.line, 5u);
  EXPECT_EQ(c.problems[3].kind, "invalid-utf8");
  EXPECT_TRUE(c.statements[1].date.empty());
}

TEST(Jsonl, NumericIdsAreKeptAsWritten) {
  testing::TempDir dir;
  std::ofstream(dir.str("in.jsonl")) << "{\"id\":18446744073709551615,\"body\":\"a\"}\n"
                                     << "{\"id\":-7,\"body\":\"b\"}\n"
                                     << "{\"id\":2.5,\"body\":\"c\"}\n";
  Collect c;
  import_paths({dir.str("in.jsonl")}, {}, c);
  ASSERT_EQ(c.statements.size(), 3u);
  EXPECT_EQ(c.statements[0].id, "18446744073709551615");  // was "-1"
  EXPECT_EQ(c.statements[1].id, "-7");
  EXPECT_EQ(c.statements[2].id, "2.5");
}

}  // namespace
}  // namespace communique
