// import_paths: format detection by content and layout, and the accounting
// of every record through the Indexer.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "communique/error.h"
#include "ingest/collect_sink.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

TEST(Import, DetectsEachFormatInOneFolder) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest").string()}, {}, sink);
  std::map<std::string, int> per_format;
  for (const auto& w : sink.where) ++per_format[w.format];
  EXPECT_EQ(per_format,
            (std::map<std::string, int>{{"ministry-json", 4}, {"page", 2}, {"ungdc", 6}}));
  std::vector<std::string> skipped;
  for (const auto& p : sink.skipped) skipped.push_back(fs::path(p).filename().string());
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped, (std::vector<std::string>{"DATASET_README.txt", "notes.md", "speakers.tsv"}));
}

TEST(Import, DetectsByContentNotByExtension) {
  testing::TempDir dir;
  std::ofstream(dir.str("dump.txt"))
      << "[{\"url\": \"https://mfa.gov.np/x\", \"content\": \"Text.\"}]";
  std::ofstream(dir.str("records.data")) << "{\"id\": \"r1\", \"body\": \"Text.\"}\n";
  std::ofstream(dir.str("page"))
      << "Ministry of Foreign Affairs\nRepublic of Nepal\nA Title\nDate: 2021-01-02\n\nText.\n";
  std::ofstream(dir.str("settings.json")) << "{\n  \"theme\": \"dark\"\n}\n";
  std::ofstream(dir.str("blob.bin"), std::ios::binary) << std::string("\0\1\2 binary", 10);
  std::ofstream(dir.str(".hidden")) << "{\"id\": \"h\", \"body\": \"hidden\"}\n";
  testing::CollectSink sink;
  import_paths({dir.str()}, {}, sink);
  std::map<std::string, std::string> format_of;
  for (std::size_t i = 0; i < sink.statements.size(); ++i)
    format_of[sink.statements[i].id] = sink.where[i].format;
  EXPECT_EQ(format_of,
            (std::map<std::string, std::string>{
                {"https://mfa.gov.np/x", "ministry-json"}, {"r1", "jsonl"}, {"page", "page"}}));
  EXPECT_EQ(sink.skipped.size(), 3u);  // settings.json, blob.bin, .hidden
}

TEST(Import, RejectsUnknownFormatsAndMissingPaths) {
  testing::CollectSink sink;
  ImportOptions options;
  options.format = "xml";
  EXPECT_THROW(import_paths({testing::data_file("ingest").string()}, options, sink),
               InvalidArgument);
  EXPECT_THROW(import_paths({"/no/such/path"}, {}, sink), NotFound);
}

TEST(Import, InvalidUtf8EmptyBodiesAndDuplicateIdsAreAllAccounted) {
  testing::TempDir dir;
  fs::create_directories(dir.path() / "in");
  std::ofstream(dir.str("in/a.jsonl"))
      << "{\"id\":\"x\",\"body\":\"first\"}\n{\"id\":\"x\",\"body\":\"second\"}\n";
  std::ofstream(dir.str("in/b.csv")) << "id,text\nbad,caf\xE9 au lait\nempty,\n";
  Indexer indexer(dir.str("db"));
  testing::IndexingSink sink(indexer);
  import_paths({dir.str("in")}, {}, sink);
  IndexReport report = indexer.finish();
  EXPECT_EQ(report.read, 4u);
  EXPECT_EQ(report.indexed, 3u);
  EXPECT_EQ(report.skipped, 1u);
  auto counts = report.problem_counts();
  EXPECT_EQ(counts["invalid-utf8"], 1u);
  EXPECT_EQ(counts["empty-body"], 1u);
  EXPECT_EQ(counts["duplicate-id"], 1u);
  EXPECT_EQ(report.per_format.at("jsonl"), 2u);
  EXPECT_EQ(report.per_format.at("csv"), 2u);
}

TEST(Import, StrictStopsAtTheFirstProblemBeforeCommitting) {
  testing::TempDir dir;
  IndexOptions strict;
  strict.strict = true;
  {
    Indexer indexer(dir.str("db"), strict);
    testing::IndexingSink sink(indexer);
    EXPECT_THROW(import_paths({testing::data_file("ingest/ungdc").string()}, {}, sink),
                 InvalidArgument);
  }
  // Nothing was committed: a fresh run sees an empty index.
  Indexer again(dir.str("db"));
  IndexReport report = again.finish();
  EXPECT_EQ(report.indexed, 0u);
}

}  // namespace
}  // namespace communique
