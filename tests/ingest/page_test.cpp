#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ingest/collect_sink.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

TEST(Page, ReadsThePlainTextHeader) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/pages/readout.txt").string()}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  const Statement& s = sink.statements[0];
  EXPECT_EQ(sink.where[0].format, "page");
  EXPECT_EQ(s.id, "readout");
  EXPECT_EQ(s.country, "KAZ");
  EXPECT_EQ(s.title, "Foreign Minister Meets Uzbek Counterpart in Almaty");
  EXPECT_EQ(s.date.to_string(), "2021-03-05");
  EXPECT_EQ(s.body.substr(0, 11), "On 4 March,");
  EXPECT_EQ(s.ministers, (std::vector<std::string>{"Aibek Zhanuzakov", "Rustam Karimov"}));
  EXPECT_EQ(s.mentions, (std::vector<std::string>{"UZB", "AFG"}));
  EXPECT_TRUE(sink.problems.empty());
}

TEST(Page, ReadsHtmlMarkupAndMetadata) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/pages/statement.html").string()}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  const Statement& s = sink.statements[0];
  EXPECT_EQ(s.id, "statement");
  EXPECT_EQ(s.country, "JPN");
  EXPECT_EQ(s.title, "Foreign Minister Hana Sato\xE2\x80\x99s Visit to Viet Nam");
  EXPECT_EQ(s.date.to_string(), "2022-09-01");
  EXPECT_EQ(s.body.find("tracking"), std::string::npos);  // scripts are not text
  EXPECT_EQ(s.body.find("Home"), std::string::npos);      // nor navigation
  EXPECT_NE(s.body.find("7 September & meet"), std::string::npos);
  EXPECT_NE(s.body.find("\n\nThe two sides"), std::string::npos);  // paragraphs kept
  EXPECT_EQ(s.ministers, (std::vector<std::string>{"Hana Sato", "Tran Van Minh"}));
  EXPECT_NE(std::find(s.mentions.begin(), s.mentions.end(), "VNM"), s.mentions.end());
  EXPECT_NE(std::find(s.mentions.begin(), s.mentions.end(), "PHL"), s.mentions.end());
}

TEST(Page, TextWithoutAStatementHeaderIsSkippedUnlessAskedFor) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/pages").string()}, {}, sink);
  EXPECT_EQ(sink.statements.size(), 2u);
  ASSERT_EQ(sink.skipped.size(), 1u);
  EXPECT_EQ(fs::path(sink.skipped[0]).filename(), "notes.md");

  ImportOptions page;
  page.format = "page";
  testing::CollectSink forced;
  import_paths({testing::data_file("ingest/pages/notes.md").string()}, page, forced);
  ASSERT_EQ(forced.statements.size(), 1u);
  EXPECT_EQ(forced.statements[0].title, "# Notes");
  EXPECT_EQ(forced.of_kind("no-date").size(), 1u);
}

TEST(Page, AnUnreadableDateIsReportedAndTheStatementKept) {
  testing::TempDir dir;
  std::ofstream(dir.str("p.txt"))
      << "Ministry of Foreign Affairs of Nepal\nA Title\nUpdated: the other day\n\nText.\n";
  ImportOptions page;
  page.format = "page";
  testing::CollectSink sink;
  import_paths({dir.str("p.txt")}, page, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  EXPECT_TRUE(sink.statements[0].date.empty());
  EXPECT_EQ(sink.statements[0].country, "NPL");
  EXPECT_EQ(sink.statements[0].title, "A Title");
  EXPECT_EQ(sink.statements[0].body, "Text.");
  ASSERT_EQ(sink.of_kind("bad-date").size(), 1u);
  EXPECT_NE(sink.of_kind("bad-date")[0].message.find("the other day"), std::string::npos);
}

}  // namespace
}  // namespace communique
