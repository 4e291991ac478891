#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "communique/error.h"
#include "ingest/collect_sink.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

// A spreadsheet export of a ministry's speeches, as a user would have it.
void write_speeches_csv(const std::string& path) {
  std::ofstream(path)
      << "\xEF\xBB\xBF"
         "Date,Title,Speaker,Speech\n"
      << "2023-03-01,Address at the Nepal-India Business Summit,Hon. Ram Prasad SHARMA,\"Nepal and "
         "India share open borders, \"\"roti-beti\"\" ties and a long history.\"\n"
      << "\"5 June 2023\",Statement on World Environment Day,,\"Our mountains are warming.\n\nThe "
         "Himalaya needs climate finance.\"\n"
      << "06/13/2023,Remarks,Dr. Gita Thapa,Short remarks.\n"
      << "not a date,Remarks again,,More remarks.\n"
      << "2023-08-01,Bad row,someone,text,an extra field\n"
      << "2023-09-01,Empty speech,,\n";
}

ImportOptions nepal_mapping() {
  ImportOptions options;
  options.map = {
      {"date", "Date"}, {"title", "Title"}, {"body", "Speech"}, {"ministers", "Speaker"}};
  options.set = {{"country", "NPL"}};
  return options;
}

TEST(Table, MapsColumnsToFieldsByFlags) {
  testing::TempDir dir;
  write_speeches_csv(dir.str("speeches.csv"));
  testing::CollectSink sink;
  import_paths({dir.str("speeches.csv")}, nepal_mapping(), sink);
  ASSERT_EQ(sink.statements.size(), 5u);
  const Statement& first = sink.statements[0];
  EXPECT_EQ(first.id, "speeches:1");
  EXPECT_EQ(first.country, "NPL");
  EXPECT_EQ(first.date.to_string(), "2023-03-01");
  EXPECT_EQ(first.title, "Address at the Nepal-India Business Summit");
  EXPECT_EQ(first.ministers, std::vector<std::string>{"Ram Prasad Sharma"});
  EXPECT_EQ(first.body,
            "Nepal and India share open borders, \"roti-beti\" ties and a long history.");
  EXPECT_EQ(first.mentions, std::vector<std::string>{"IND"});  // Nepal is the issuer
  EXPECT_EQ(sink.where[0].format, "csv");
  EXPECT_EQ(sink.where[0].line, 2u);

  const Statement& second = sink.statements[1];
  EXPECT_EQ(second.date.to_string(), "2023-06-05");
  EXPECT_EQ(second.body, "Our mountains are warming.\n\nThe Himalaya needs climate finance.");
  EXPECT_TRUE(second.ministers.empty());
  EXPECT_EQ(sink.where[2].line, 6u);  // the quoted line breaks are counted
  EXPECT_EQ(sink.statements[2].date.to_string(), "2023-06-13");
  EXPECT_EQ(sink.statements[2].ministers, std::vector<std::string>{"Gita Thapa"});
}

TEST(Table, ReportsBadRowsWithTheirLines) {
  testing::TempDir dir;
  write_speeches_csv(dir.str("speeches.csv"));
  testing::CollectSink sink;
  import_paths({dir.str("speeches.csv")}, nepal_mapping(), sink);
  auto bad_date = sink.of_kind("bad-date");
  ASSERT_EQ(bad_date.size(), 1u);
  EXPECT_EQ(bad_date[0].where.line, 7u);
  EXPECT_TRUE(sink.statements[3].date.empty());  // still indexed
  auto malformed = sink.of_kind("malformed-record");
  ASSERT_EQ(malformed.size(), 1u);
  EXPECT_EQ(malformed[0].where.line, 8u);
  EXPECT_TRUE(malformed[0].skipped);
}

TEST(Table, FindsColumnsByNameWithoutFlags) {
  testing::TempDir dir;
  std::ofstream(dir.str("export.tsv"))
      << "id\ttitle\tdate\tcountry\ttext\n"
      << "np-1\tA statement\t2021-01-02\tNepal\tNepal thanks Bhutan.\n";
  testing::CollectSink sink;
  import_paths({dir.str("export.tsv")}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  EXPECT_EQ(sink.statements[0].id, "np-1");
  EXPECT_EQ(sink.statements[0].country, "Nepal");  // resolved by the indexer
  EXPECT_EQ(sink.statements[0].mentions, std::vector<std::string>{"BTN"});
  EXPECT_EQ(sink.where[0].format, "tsv");
}

TEST(Table, ATableWithoutTextIsSkippedAndAMissingColumnReported) {
  testing::TempDir dir;
  std::ofstream(dir.str("codes.csv")) << "code,name\nNPL,Nepal\n";
  testing::CollectSink sink;
  import_paths({dir.str("codes.csv")}, {}, sink);
  EXPECT_TRUE(sink.statements.empty());
  EXPECT_EQ(sink.skipped.size(), 1u);

  write_speeches_csv(dir.str("speeches.csv"));
  ImportOptions options = nepal_mapping();
  options.map["body"] = "Speach";
  testing::CollectSink missing;
  import_paths({dir.str("speeches.csv")}, options, missing);
  EXPECT_TRUE(missing.statements.empty());
  ASSERT_EQ(missing.of_kind("missing-column").size(), 1u);
  EXPECT_NE(missing.problems[0].message.find("Speach"), std::string::npos);
}

TEST(Table, RejectsUnknownFieldsInFlags) {
  testing::TempDir dir;
  write_speeches_csv(dir.str("speeches.csv"));
  ImportOptions options;
  options.map = {{"speech", "Speech"}};
  testing::CollectSink sink;
  EXPECT_THROW(import_paths({dir.str("speeches.csv")}, options, sink), InvalidArgument);
  options.map.clear();
  options.set = {{"date", "yesterday"}};
  EXPECT_THROW(import_paths({dir.str("speeches.csv")}, options, sink), InvalidArgument);
}

TEST(Table, TheIndexerAccountsForEveryRow) {
  testing::TempDir dir;
  write_speeches_csv(dir.str("speeches.csv"));
  Indexer indexer(dir.str("db"));
  testing::IndexingSink sink(indexer);
  import_paths({dir.str("speeches.csv")}, nepal_mapping(), sink);
  IndexReport report = indexer.finish();
  EXPECT_EQ(report.read, 6u);
  EXPECT_EQ(report.indexed, 4u);  // the empty speech and the bad row are skipped
  EXPECT_EQ(report.skipped, 2u);
  EXPECT_EQ(report.per_format.at("csv"), 6u);
}

}  // namespace
}  // namespace communique
