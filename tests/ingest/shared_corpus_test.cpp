// The importers over the real corpora in ../shared/corpus: every statement
// read, counts equal to those computed from the sources directly.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "communique/gazetteer.h"
#include "ingest/collect_sink.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

// Statements counted by issuing country, straight from the UN layout's file
// names, without the importer.
std::map<std::string, int> speech_files_per_code(const fs::path& txt) {
  std::map<std::string, int> counts;
  for (const auto& e : fs::recursive_directory_iterator(txt)) {
    if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
    std::string stem = e.path().stem().string();
    ++counts[stem.substr(0, stem.find('_'))];
  }
  return counts;
}

TEST(SharedCorpus, EveryStatementIsReadWithItsFacets) {
  fs::path corpus = testing::shared_corpus();
  if (corpus.empty())
    GTEST_SKIP() << "../shared/corpus is absent; the shared-corpus integration test is skipped";

  testing::CollectSink sink;
  import_paths({corpus.string()}, {}, sink);

  std::map<std::string, int> expected = speech_files_per_code(corpus / "ungdc" / "TXT");
  int speeches = 0;
  for (const auto& [code, n] : expected) speeches += n;
  std::ifstream json_file(corpus / "sg-mfa" / "mfa_statements.json");
  std::size_t singapore = nlohmann::json::parse(json_file).size();
  // The Chinese ministry's pages: one file each, no extension.
  int pages_zh = 0;
  for (const auto& e : fs::directory_iterator(corpus / "cn-mfa-zh"))
    pages_zh += e.is_regular_file() ? 1 : 0;
  ASSERT_EQ(sink.statements.size(), speeches + singapore + 1 + pages_zh);

  std::map<std::string, int> per_format, ungdc_per_code;
  for (std::size_t i = 0; i < sink.statements.size(); ++i) {
    ++per_format[sink.where[i].format];
    if (sink.where[i].format == "ungdc") ++ungdc_per_code[sink.statements[i].country];
  }
  EXPECT_EQ(per_format["ungdc"], speeches);
  EXPECT_EQ(per_format["ministry-json"], static_cast<int>(singapore));
  EXPECT_EQ(per_format["page"], 1 + pages_zh);
  EXPECT_EQ(ungdc_per_code, expected);

  // Every issuing code resolves in the gazetteer, historical ones included.
  for (const auto& [code, n] : expected)
    EXPECT_NE(Gazetteer::builtin().resolve(code), nullptr) << code;

  // Ids are the eval's: file stem, url, file stem.
  ASSERT_NE(sink.find("CHN_75_2020"), nullptr);
  const Statement* seed = sink.find("000_3740f320c0cb987f");
  ASSERT_NE(seed, nullptr);
  EXPECT_EQ(seed->country, "CHN");
  EXPECT_EQ(seed->date.to_string(), "2020-07-17");
  EXPECT_EQ(seed->ministers, (std::vector<std::string>{"Wang Yi", "Mukhtar Tleuberdi",
                                                       "Chingiz Aidarbekov", "Sirojiddin Muhriddin",
                                                       "Rashid Meredov", "Abdulaziz Kamilov"}));
  EXPECT_EQ(seed->mentions, (std::vector<std::string>{"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG"}));
  for (const auto& s : sink.statements) {
    if (s.source != "sg-mfa") continue;
    EXPECT_EQ(s.country, "SGP") << s.id;
    EXPECT_FALSE(s.date.empty()) << s.id;
    EXPECT_EQ(s.id.rfind("https://www.mfa.gov.sg/", 0), 0u) << s.id;
  }

  // The files that are not statements are listed, not indexed.
  std::vector<std::string> skipped;
  for (const auto& p : sink.skipped) skipped.push_back(fs::path(p).filename().string());
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped, (std::vector<std::string>{"DATASET_README.txt", "README.md", "speakers.tsv"}));

  // The speaker table's gaps are reported, none silently.
  EXPECT_FALSE(sink.of_kind("no-speaker-row").empty());
  EXPECT_FALSE(sink.of_kind("speaker-row-without-file").empty());
  EXPECT_EQ(sink.of_kind("duplicate-speaker-row").size(), 17u);
}

}  // namespace
}  // namespace communique
