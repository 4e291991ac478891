// The UN General Debate layout, on the mini corpus in tests/data/ingest/ungdc:
// a speakers.tsv with trailing spaces, a non-ISO code (POR), a duplicated
// key (YUG 44), a row with no file (SUN 44), a file with no row (DDR 44), a
// speech with a byte order mark (NPL) and an empty speech (CSK 44).
// Speakers and posts are checked as the index holds them: the importer
// gives them as speakers.tsv writes them, the normalisation stage tidies
// them.

#include <gtest/gtest.h>

#include <filesystem>

#include "communique/gazetteer.h"
#include "ingest/collect_sink.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

testing::CollectSink import_mini_corpus(const std::string& path, ImportOptions options = {}) {
  testing::CollectSink sink;
  import_paths({path}, options, sink);
  return sink;
}

TEST(Ungdc, ReadsEverySpeechWithIdCountryYearAndSpeaker) {
  auto sink = import_mini_corpus(testing::data_file("ingest/ungdc").string());
  ASSERT_EQ(sink.statements.size(), 6u);
  for (const auto& w : sink.where) EXPECT_EQ(w.format, "ungdc");

  const Statement* kaz = sink.find("KAZ_75_2020");
  ASSERT_NE(kaz, nullptr);
  EXPECT_EQ(kaz->country, "KAZ");
  EXPECT_EQ(kaz->date.to_string(), "2020");  // the year only: no day is invented
  EXPECT_EQ(testing::normalised(*kaz).ministers, std::vector<std::string>{"Aibek Zhanuzakov"});
  EXPECT_EQ(testing::normalised(*kaz).role, "foreign minister");  // "Minister for Foregn Affairs "
  EXPECT_EQ(kaz->source, "ungdc");
  EXPECT_EQ(kaz->mentions, (std::vector<std::string>{"UZB", "KGZ"}));

  const Statement* npl = sink.find("NPL_75_2020");
  ASSERT_NE(npl, nullptr);
  EXPECT_EQ(npl->body.substr(0, 5), "Nepal");  // byte order mark removed
  EXPECT_EQ(testing::normalised(*npl).ministers, std::vector<std::string>{"Sita Devi Rai"});
  EXPECT_EQ(testing::normalised(*npl).role, "head of government");
}

TEST(Ungdc, ResolvesNonIsoSpeakerCodesAndHistoricalCountries) {
  auto sink = import_mini_corpus(testing::data_file("ingest/ungdc").string());
  const Statement* prt = sink.find("PRT_75_2020");  // its row says POR
  ASSERT_NE(prt, nullptr);
  EXPECT_EQ(testing::normalised(*prt).ministers, std::vector<std::string>{"Joao Ferreira Lopes"});
  EXPECT_EQ(testing::normalised(*prt).role, "head of state");
  const Statement* yug = sink.find("YUG_44_1989");
  ASSERT_NE(yug, nullptr);
  EXPECT_EQ(yug->country, "YUG");
  EXPECT_NE(Gazetteer::builtin().resolve(yug->country), nullptr);
}

TEST(Ungdc, ReportsEveryGapBetweenSpeechesAndSpeakerRows) {
  auto sink = import_mini_corpus(testing::data_file("ingest/ungdc").string());
  // Duplicated key: both speakers kept, reported.
  const Statement* yug = sink.find("YUG_44_1989");
  ASSERT_NE(yug, nullptr);
  EXPECT_EQ(testing::normalised(*yug).ministers,
            (std::vector<std::string>{"Milan Petrovic", "Dragan Nikolic"}));
  EXPECT_EQ(testing::normalised(*yug).role, "head of state");
  auto dup = sink.of_kind("duplicate-speaker-row");
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].id, "YUG_44_1989");
  EXPECT_NE(dup[0].message.find("lines 5, 6"), std::string::npos) << dup[0].message;

  // A file with no row: indexed, without a speaker, reported.
  const Statement* ddr = sink.find("DDR_44_1989");
  ASSERT_NE(ddr, nullptr);
  EXPECT_TRUE(ddr->ministers.empty());
  auto no_row = sink.of_kind("no-speaker-row");
  ASSERT_EQ(no_row.size(), 1u);
  EXPECT_EQ(no_row[0].id, "DDR_44_1989");
  EXPECT_FALSE(no_row[0].skipped);

  // A row with no file: reported with its line in speakers.tsv.
  auto no_file = sink.of_kind("speaker-row-without-file");
  ASSERT_EQ(no_file.size(), 1u);
  EXPECT_EQ(no_file[0].where.line, 7u);
  EXPECT_EQ(fs::path(no_file[0].where.file).filename(), "speakers.tsv");
  EXPECT_NE(no_file[0].message.find("SUN"), std::string::npos);

  // The dataset description and the speaker table are not statements.
  std::vector<std::string> skipped;
  for (const auto& p : sink.skipped) skipped.push_back(fs::path(p).filename().string());
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped, (std::vector<std::string>{"DATASET_README.txt", "speakers.tsv"}));
}

TEST(Ungdc, OneSessionFolderReportsOnlyItsOwnRows) {
  auto sink = import_mini_corpus(testing::data_file("ingest/ungdc/TXT/Session 75 - 2020").string());
  EXPECT_EQ(sink.statements.size(), 3u);
  EXPECT_TRUE(sink.of_kind("speaker-row-without-file").empty());  // SUN's row is of session 44
  ASSERT_NE(sink.find("KAZ_75_2020"), nullptr);
  EXPECT_EQ(testing::normalised(*sink.find("KAZ_75_2020")).ministers,
            std::vector<std::string>{"Aibek Zhanuzakov"});
}

TEST(Ungdc, WithoutASpeakerTableSpeechesAreStillRead) {
  testing::TempDir dir;
  fs::create_directories(dir.path() / "TXT" / "Session 01 - 1946");
  fs::copy_file(testing::data_file("ingest/ungdc/TXT/Session 75 - 2020/KAZ_75_2020.txt"),
                dir.path() / "TXT" / "Session 01 - 1946" / "KAZ_01_1946.txt");
  auto sink = import_mini_corpus(dir.str());
  ASSERT_EQ(sink.statements.size(), 1u);
  EXPECT_EQ(sink.statements[0].date.to_string(), "1946");
  EXPECT_EQ(sink.of_kind("no-speaker-table").size(), 1u);
  EXPECT_TRUE(
      sink.of_kind("no-speaker-row").empty());  // one problem for the table, not one per speech
}

TEST(Ungdc, TheIndexerAccountsForTheEmptySpeech) {
  testing::TempDir dir;
  Indexer indexer(dir.str("db"));
  IndexingSink sink(indexer);
  import_paths({testing::data_file("ingest/ungdc").string()}, {}, sink);
  IndexReport report = indexer.finish();
  EXPECT_EQ(report.read, 6u);
  EXPECT_EQ(report.indexed, 5u);
  EXPECT_EQ(report.skipped, 1u);
  EXPECT_EQ(report.per_format.at("ungdc"), 6u);
  EXPECT_EQ(report.problem_counts().at("empty-body"), 1u);
  EXPECT_EQ(report.files_skipped, 2u);
}

}  // namespace
}  // namespace communique
