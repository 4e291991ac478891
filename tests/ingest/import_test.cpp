// import_paths: format detection by content and layout, and the accounting
// of every record through the Indexer.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

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

TEST(Import, OneNulByteMakesOneBadRecordNotABinaryFile) {
  testing::TempDir dir;
  std::string text;
  for (int i = 1; i <= 300; ++i) {
    text += "{\"id\": \"s" + std::to_string(i) + "\", \"body\": \"peace talks" +
            (i == 150 ? std::string(1, '\0') : std::string()) + " number " + std::to_string(i) +
            "\"}\n";
  }
  std::ofstream(dir.str("statements.jsonl"), std::ios::binary) << text;
  std::ofstream(dir.str("statements.txt"), std::ios::binary) << text;  // told by content
  for (const char* name : {"statements.jsonl", "statements.txt"}) {
    testing::CollectSink sink;
    import_paths({dir.str(name)}, {}, sink);
    EXPECT_EQ(sink.statements.size(), 299u) << name;
    EXPECT_TRUE(sink.skipped.empty()) << name;
    auto malformed = sink.of_kind("malformed-record");
    ASSERT_EQ(malformed.size(), 1u) << name;
    EXPECT_EQ(malformed[0].where.line, 150u);
    EXPECT_TRUE(malformed[0].skipped);
  }
}

// `text` (ASCII) in UTF-16, little- or big-endian.
std::string utf16(const std::u16string& text, bool big_endian) {
  std::string out;
  for (char16_t c : text) {
    char hi = static_cast<char>(c >> 8), lo = static_cast<char>(c & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  }
  return out;
}

TEST(Import, Utf16FilesAreReadLikeTheirUtf8Twins) {
  testing::TempDir dir;
  const std::string jsonl =
      "{\"id\": \"kz-1\", \"body\": \"Astana hosted talks on the Middle Corridor.\", "
      "\"title\": \"Москва и Астана\"}\n"
      "{\"id\": \"kz-2\", \"body\": \"Trade with 中国 grew.\", \"date\": \"2021-03-04\"}\n";
  const std::u16string jsonl16 =
      u"{\"id\": \"kz-1\", \"body\": \"Astana hosted talks on the Middle Corridor.\", "
      u"\"title\": \"Москва и Астана\"}\n"
      u"{\"id\": \"kz-2\", \"body\": \"Trade with 中国 grew.\", \"date\": \"2021-03-04\"}\n";
  const std::string csv = "id,title,text\ncsv-1,Talks,\"Peace, and \"\"trade\"\".\"\n";
  const std::u16string csv16 = u"id,title,text\ncsv-1,Talks,\"Peace, and \"\"trade\"\".\"\n";
  fs::create_directories(dir.path() / "utf8");
  fs::create_directories(dir.path() / "utf16");
  std::ofstream(dir.str("utf8/a.jsonl"), std::ios::binary) << jsonl;
  std::ofstream(dir.str("utf8/t.csv"), std::ios::binary) << csv;
  std::ofstream(dir.str("utf16/le-mark.jsonl"), std::ios::binary)
      << "\xFF\xFE" + utf16(jsonl16, false);
  std::ofstream(dir.str("utf16/be-mark.jsonl"), std::ios::binary)
      << "\xFE\xFF" + utf16(jsonl16, true);
  std::ofstream(dir.str("utf16/le.txt"), std::ios::binary) << utf16(jsonl16, false);
  std::ofstream(dir.str("utf16/t.csv"), std::ios::binary) << "\xFF\xFE" + utf16(csv16, false);

  testing::CollectSink twin;
  import_paths({dir.str("utf8/a.jsonl")}, {}, twin);
  ASSERT_EQ(twin.statements.size(), 2u);
  for (const char* name : {"le-mark.jsonl", "be-mark.jsonl", "le.txt"}) {
    testing::CollectSink sink;
    import_paths({dir.str("utf16/" + std::string(name))}, {}, sink);
    EXPECT_TRUE(sink.problems.empty()) << name;
    ASSERT_EQ(sink.statements.size(), 2u) << name;
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(sink.statements[i].id, twin.statements[i].id) << name;
      EXPECT_EQ(sink.statements[i].title, twin.statements[i].title) << name;
      EXPECT_EQ(sink.statements[i].body, twin.statements[i].body) << name;
      EXPECT_EQ(sink.statements[i].date, twin.statements[i].date) << name;
      EXPECT_EQ(sink.where[i].line, twin.where[i].line) << name;
      EXPECT_EQ(sink.where[i].format, "jsonl") << name;
    }
  }
  testing::CollectSink table, table16;
  import_paths({dir.str("utf8/t.csv")}, {}, table);
  import_paths({dir.str("utf16/t.csv")}, {}, table16);
  ASSERT_EQ(table16.statements.size(), 1u);
  EXPECT_EQ(table16.statements[0].id, table.statements[0].id);
  EXPECT_EQ(table16.statements[0].body, "Peace, and \"trade\".");
}

TEST(Import, BinaryFilesAreSkippedByTheirSignatureOrTheirControlBytes) {
  testing::TempDir dir;
  std::ofstream(dir.str("report.pdf"), std::ios::binary)
      << std::string("%PDF-1.7\n%\xE2\xE3\n1 0 obj");
  std::ofstream(dir.str("photo.jpg"), std::ios::binary)
      << std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10);
  std::ofstream(dir.str("archive.jsonl"), std::ios::binary)
      << std::string("PK\x03\x04\x14\0\0\0", 8);
  std::string noise;
  std::mt19937 rng(7);
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>(rng() & 0xFF);
  std::ofstream(dir.str("noise.dat"), std::ios::binary) << noise;
  std::ofstream(dir.str("zeros.jsonl"), std::ios::binary) << std::string(4096, '\0');
  testing::CollectSink sink;
  import_paths({dir.str()}, {}, sink);
  EXPECT_TRUE(sink.statements.empty());
  EXPECT_TRUE(sink.problems.empty());
  EXPECT_EQ(sink.skipped.size(), 5u);
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
  IndexingSink sink(indexer);
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
    IndexingSink sink(indexer);
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
