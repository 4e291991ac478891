#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ingest/collect_sink.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

TEST(MinistryJson, ReadsTheDumpRecordByRecord) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/ministry/statements.json").string()}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sink.where[i].format, "ministry-json");
    EXPECT_EQ(sink.where[i].record, i + 1);
  }
  const Statement& reply = sink.statements[0];
  EXPECT_EQ(reply.id, "https://www.mfa.gov.sg/Newsroom/test/20240503-written-reply");
  EXPECT_EQ(reply.url, reply.id);
  EXPECT_EQ(reply.country, "SGP");  // the ministry's, from its web address
  EXPECT_EQ(reply.date.to_string(), "2024-05-03");
  EXPECT_EQ(reply.ministers, std::vector<std::string>{"Jane Tan"});
  // The record's country is the counterpart; the text adds Thailand.
  EXPECT_EQ(reply.mentions, (std::vector<std::string>{"Myanmar", "THA"}));
  EXPECT_EQ(reply.source, "ministry");

  const Statement& visit = sink.statements[1];
  EXPECT_EQ(visit.mentions, (std::vector<std::string>{
                                "Malaysia", "Indonesia"}));  // comma list; "Indonesian" is IDN
  EXPECT_EQ(visit.ministers, (std::vector<std::string>{"Ahmad Rahman", "Lee Wei Ming"}));
}

TEST(MinistryJson, ReportsBadDatesAndBadElementsAndGoesOn) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/ministry/statements.json").string()}, {}, sink);
  auto bad_date = sink.of_kind("bad-date");
  ASSERT_EQ(bad_date.size(), 1u);
  EXPECT_EQ(bad_date[0].where.record, 3u);
  EXPECT_FALSE(bad_date[0].skipped);
  EXPECT_TRUE(sink.statements[2].date.empty());
  auto malformed = sink.of_kind("malformed-record");
  ASSERT_EQ(malformed.size(), 1u);
  EXPECT_EQ(malformed[0].where.record, 5u);
  EXPECT_TRUE(malformed[0].skipped);
}

TEST(MinistryJson, ATruncatedDumpKeepsWhatCameBeforeTheError) {
  testing::TempDir dir;
  std::ofstream(dir.str("dump.json"))
      << "[{\"url\":\"https://mfa.gov.np/a\",\"content\":\"Nepal and India met.\"},\n"
      << " {\"url\":\"https://mfa.gov.np/b\",\"content\":\"cut off";
  testing::CollectSink sink;
  import_paths({dir.str("dump.json")}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  EXPECT_EQ(sink.statements[0].country, "NPL");
  EXPECT_EQ(sink.statements[0].mentions, std::vector<std::string>{"IND"});
  ASSERT_EQ(sink.of_kind("malformed-record").size(), 1u);
  EXPECT_EQ(sink.of_kind("malformed-record")[0].where.record, 2u);
}

// Found by fuzz_ministry_json: a number beyond double ("11e4007") made the
// parser throw json::out_of_range, which is not a parse_error, out of the
// importer (the command died with "terminate called").
TEST(MinistryJson, ANumberBeyondDoubleIsReportedNotThrown) {
  testing::TempDir dir;
  std::ofstream(dir.str("dump.json"))
      << "[{\"url\":\"https://mfa.gov.np/a\",\"content\":\"Nepal and India met.\"},\n"
      << " 11e4007, {\"url\":\"https://mfa.gov.np/b\",\"content\":\"never read\"}]";
  testing::CollectSink sink;
  import_paths({dir.str("dump.json")}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  auto malformed = sink.of_kind("malformed-record");
  ASSERT_EQ(malformed.size(), 1u);
  EXPECT_EQ(malformed[0].where.record, 2u);
  EXPECT_TRUE(malformed[0].skipped);
  EXPECT_NE(malformed[0].message.find("number overflow parsing '11e4007'"), std::string::npos)
      << malformed[0].message;
}

// Found by fuzz_ministry_json: a file holding one JSON value that is not an
// array (null, a number, a string), read with --format ministry-json, was
// read as nothing at all, without a word in the report.
TEST(MinistryJson, AValueThatIsNotAnArrayIsReportedNotIgnored) {
  testing::TempDir dir;
  ImportOptions options;
  options.format = "ministry-json";
  for (const char* text : {"null", " 42 ", "\"a statement\"", "true"}) {
    std::ofstream(dir.str("dump.json"), std::ios::trunc) << text;
    testing::CollectSink sink;
    import_paths({dir.str("dump.json")}, options, sink);
    EXPECT_TRUE(sink.statements.empty()) << text;
    ASSERT_EQ(sink.of_kind("malformed-file").size(), 1u) << text;
    EXPECT_TRUE(sink.of_kind("malformed-file")[0].skipped);
  }
  std::ofstream(dir.str("dump.json"), std::ios::trunc) << " [ ] ";
  testing::CollectSink empty;
  import_paths({dir.str("dump.json")}, options, empty);
  EXPECT_TRUE(empty.problems.empty());  // an empty dump is no problem
}

TEST(MinistryJson, SetOverridesTheIssuer) {
  ImportOptions options;
  options.set["country"] = "MYS";
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/ministry/statements.json").string()}, options, sink);
  ASSERT_FALSE(sink.statements.empty());
  for (const auto& s : sink.statements) EXPECT_EQ(s.country, "MYS");
}

TEST(MinistryJson, TheIndexerSkipsTheEmptyRecord) {
  testing::TempDir dir;
  Indexer indexer(dir.str("db"));
  IndexingSink sink(indexer);
  import_paths({testing::data_file("ingest/ministry/statements.json").string()}, {}, sink);
  IndexReport report = indexer.finish();
  EXPECT_EQ(report.read, 5u);  // four records and the element that is not one
  EXPECT_EQ(report.indexed, 3u);
  EXPECT_EQ(report.skipped, 2u);
  EXPECT_EQ(report.indexed + report.skipped, report.read);
  EXPECT_EQ(report.per_format.at("ministry-json"), 5u);
  auto counts = report.problem_counts();
  EXPECT_EQ(counts["empty-body"], 1u);
  EXPECT_EQ(counts["malformed-record"], 1u);
  EXPECT_EQ(counts["bad-date"], 1u);
}

}  // namespace
}  // namespace communique
