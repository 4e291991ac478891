#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "communique/error.h"
#include "ingest/collect_sink.h"
#include "ingest/formats.h"
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
  // "Hon. Ram Prasad SHARMA", as the index holds it (see ingest/normalise.h).
  EXPECT_EQ(testing::normalised(first).ministers, std::vector<std::string>{"Ram Prasad Sharma"});
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
  EXPECT_EQ(testing::normalised(sink.statements[2]).ministers,
            std::vector<std::string>{"Gita Thapa"});
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

TEST(Table, ARepeatedColumnIsReportedAndEachOfItsValuesRead) {
  testing::TempDir dir;
  std::ofstream(dir.str("split.csv"))
      << "title,text,text,date,date\n"
      << "Long speech,First half of the speech.,Second half of it.,,2020-05-06\n"
      << "Short one,Only one part.,,2021-01-02,\n";
  testing::CollectSink sink;
  import_paths({dir.str("split.csv")}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 2u);
  EXPECT_EQ(sink.statements[0].body, "First half of the speech.\n\nSecond half of it.");
  EXPECT_EQ(sink.statements[0].date.to_string(), "2020-05-06");  // the first non-empty
  EXPECT_EQ(sink.statements[1].body, "Only one part.");
  EXPECT_EQ(sink.statements[1].date.to_string(), "2021-01-02");
  auto repeated = sink.of_kind("duplicate-column");
  ASSERT_EQ(repeated.size(), 2u);  // text and date, each once for the file
  EXPECT_EQ(repeated[0].where.line, 1u);
  EXPECT_FALSE(repeated[0].skipped);
}

TEST(Table, ShortRowsAreReportedAndReadWithEmptyFields) {
  testing::TempDir dir;
  std::ofstream(dir.str("short.tsv")) << "id\ttext\tdate\tspeaker\n"
                                      << "a\tFull row.\t2020-01-01\tJohn Smith\n"
                                      << "b\tNo date or speaker.\n"
                                      << "c\n";
  testing::CollectSink sink;
  import_paths({dir.str("short.tsv")}, {}, sink);
  auto short_rows = sink.of_kind("short-row");
  ASSERT_EQ(short_rows.size(), 2u);
  EXPECT_EQ(short_rows[0].where.line, 3u);
  EXPECT_EQ(short_rows[0].id, "b");
  EXPECT_NE(short_rows[0].message.find("date, speaker"), std::string::npos)
      << short_rows[0].message;
  EXPECT_EQ(short_rows[1].where.line, 4u);
  ASSERT_EQ(sink.statements.size(), 3u);  // "c" has no text: the indexer skips it
  EXPECT_EQ(sink.statements[1].body, "No date or speaker.");
  EXPECT_TRUE(sink.statements[1].date.empty());
}

TEST(Table, TablesOfOneNameInTwoFoldersGetDistinctStableIds) {
  testing::TempDir dir;
  fs::create_directories(dir.path() / "src/2019");
  fs::create_directories(dir.path() / "src/2020");
  std::ofstream(dir.str("src/speeches.csv")) << "text\nTop-level speech.\n";
  std::ofstream(dir.str("src/2019/speeches.csv")) << "text\nSpeech of 2019.\n";
  std::ofstream(dir.str("src/2020/speeches.csv")) << "text\nSpeech of 2020.\nAnother.\n";
  auto ids = [&] {
    testing::CollectSink sink;
    import_paths({dir.str("src")}, {}, sink);
    std::vector<std::string> out;
    for (const auto& st : sink.statements) out.push_back(st.id);
    return out;
  };
  const std::vector<std::string> expected{"2019/speeches:1", "2020/speeches:1", "2020/speeches:2",
                                          "speeches:1"};
  EXPECT_EQ(ids(), expected);
  EXPECT_EQ(ids(), expected);  // the same run again: the same ids
  // Given directly, a table is named by its file name, as before.
  testing::CollectSink direct;
  import_paths({dir.str("src/2019/speeches.csv")}, {}, direct);
  ASSERT_EQ(direct.statements.size(), 1u);
  EXPECT_EQ(direct.statements[0].id, "speeches:1");

  // Indexed and updated: every row is kept, and a second run changes nothing.
  IndexReport report;
  {
    Indexer first(dir.str("db"));
    IndexingSink sink(first);
    import_paths({dir.str("src")}, {}, sink);
    report = first.finish();
  }
  EXPECT_EQ(report.indexed, 4u);
  EXPECT_EQ(report.problem_counts().count("duplicate-id"), 0u);
  IndexOptions update;
  update.skip_unchanged = true;
  Indexer second(dir.str("db"), update);
  IndexingSink again(second);
  import_paths({dir.str("src")}, {}, again);
  second.prune_unseen("");
  report = second.finish();
  EXPECT_EQ(report.unchanged, 4u);
  EXPECT_EQ(report.indexed + report.removed, 0u);
}

TEST(Table, AFieldBeyondTheStatementLimitIsSkippedAndTheNextRowRead) {
  testing::TempDir dir;
  {
    std::ofstream out(dir.str("huge.csv"), std::ios::binary);
    out << "id,text\nbefore,Peace talks before.\nhuge,\"";
    std::string chunk(1 << 20, 'x');
    for (std::size_t i = 0; i <= (ingest::kMaxRecordBytes >> 20); ++i) out << chunk;
    out << "\"\nafter,Peace talks after.\n";
  }
  testing::CollectSink sink;
  import_paths({dir.str("huge.csv")}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 2u);
  EXPECT_EQ(sink.statements[0].id, "before");
  EXPECT_EQ(sink.statements[1].id, "after");
  EXPECT_EQ(sink.where[1].line, 4u);
  auto too_large = sink.of_kind("too-large");
  ASSERT_EQ(too_large.size(), 1u);
  EXPECT_EQ(too_large[0].where.line, 3u);
  EXPECT_EQ(too_large[0].where.record, 2u);
  EXPECT_TRUE(too_large[0].skipped);
}

TEST(Table, TheIndexerAccountsForEveryRow) {
  testing::TempDir dir;
  write_speeches_csv(dir.str("speeches.csv"));
  Indexer indexer(dir.str("db"));
  IndexingSink sink(indexer);
  import_paths({dir.str("speeches.csv")}, nepal_mapping(), sink);
  IndexReport report = indexer.finish();
  EXPECT_EQ(report.read, 6u);
  EXPECT_EQ(report.indexed, 4u);  // the empty speech and the bad row are skipped
  EXPECT_EQ(report.skipped, 2u);
  EXPECT_EQ(report.per_format.at("csv"), 6u);
}

}  // namespace
}  // namespace communique
