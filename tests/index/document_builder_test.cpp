#include "index/document_builder.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace communique::index {
namespace {

Statement sample() {
  Statement s;
  s.id = "kaz-1";
  s.title = "Transport corridors";
  s.body = "The ministers discussed transport corridors.\n\nKazakhstan and China agreed.";
  s.date = *Date::parse("2020-07-17");
  s.country = "KAZ";
  s.ministers = {"Mukhtar Tileuberdi"};
  s.mentions = {"CHN"};
  s.language = "en";
  s.role = "Foreign Minister";
  s.source = "Ministry of Foreign Affairs";
  return s;
}

std::set<std::string> terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
  return out;
}

std::vector<Xapian::termpos> positions(const Xapian::Document& doc, const std::string& term) {
  auto t = doc.termlist_begin();
  t.skip_to(term);
  if (t == doc.termlist_end() || *t != term) return {};
  return {t.positionlist_begin(), t.positionlist_end()};
}

TEST(DocumentBuilder, EveryFilterableFieldIsABooleanTerm) {
  DocumentBuilder builder;
  auto doc = builder.build(sample());
  auto all = terms(doc);
  for (const char* t : {"Qkaz-1", "XCKAZ", "XNCHN", "XY2020", "XM202007", "XD20200717", "Len",
                        "XRforeign minister"}) {
    EXPECT_TRUE(all.count(t)) << t;
  }
  // The person by their key, however written.
  EXPECT_TRUE(all.count("XPmukhtar tileuberdi"));
}

TEST(DocumentBuilder, TitleIsPassageZeroAndTheBodyCountsFromOne) {
  DocumentBuilder builder;
  auto doc = builder.build(sample());
  auto title = positions(doc, "transport");
  ASSERT_FALSE(title.empty());
  std::set<std::uint32_t> passages;
  for (auto p : title) passages.insert(schema::passage_of(p));
  EXPECT_TRUE(passages.count(0));  // the title's "Transport"
  EXPECT_TRUE(passages.count(1));  // the body's first paragraph
  auto agreed = positions(doc, "agre");
  ASSERT_FALSE(agreed.empty());
  for (auto p : agreed) EXPECT_GE(schema::passage_of(p), 1u);
}

TEST(DocumentBuilder, FacetSlotsHoldTheKeys) {
  DocumentBuilder builder;
  auto doc = builder.build(sample());
  EXPECT_EQ(doc.get_value(schema::kCountrySlot), "KAZ");
  EXPECT_EQ(doc.get_value(schema::kYearSlot), "2020");
  EXPECT_EQ(doc.get_value(schema::kRoleSlot), "foreign minister");
  EXPECT_EQ(doc.get_value(schema::kMentionsSlot), "CHN");
  EXPECT_EQ(doc.get_value(schema::kLanguageSlot), "en");
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kDateSlot)), 20200717);
}

TEST(DocumentBuilder, TheSourceFileHasItsSlot) {
  DocumentBuilder builder;
  EXPECT_EQ(builder.build(sample(), "src/kaz.jsonl").get_value(schema::kSourceFileSlot),
            "src/kaz.jsonl");
  EXPECT_EQ(builder.build(sample()).get_value(schema::kSourceFileSlot), "");
}

// The hash says whether a statement changed: the same statement gives the
// same hash, any change of a field another.
TEST(DocumentBuilder, TheContentHashFollowsTheContent) {
  DocumentBuilder builder;
  builder.build(sample());
  std::string first = builder.last_hash();
  EXPECT_EQ(first.size(), 16u);
  builder.build(sample());
  EXPECT_EQ(builder.last_hash(), first);
  Statement changed = sample();
  changed.mentions.push_back("RUS");
  builder.build(changed);
  EXPECT_NE(builder.last_hash(), first);
  changed = sample();
  changed.body += " ";
  builder.build(changed);
  EXPECT_NE(builder.last_hash(), first);
}

TEST(DocumentBuilder, SpellingWordsAreTheDistinctFoldedWordsWorthSuggesting) {
  DocumentBuilder builder(DocumentBuilder::Spellings::kListed);
  Statement s = sample();
  s.body = "Corridors, corridors and 2020 CORRIDORS; 北京 an ok";
  builder.build(s);
  const auto& words = builder.last_words();
  EXPECT_EQ(std::count(words.begin(), words.end(), "corridors"), 1);
  for (const char* absent : {"2020", "北京", "an", "ok"}) {
    EXPECT_EQ(std::count(words.begin(), words.end(), absent), 0) << absent;
  }
}

// Chinese text by characters with positions, and bigrams without.
TEST(DocumentBuilder, ChineseTextByCharactersAndBigrams) {
  DocumentBuilder builder;
  Statement s = sample();
  s.language = "zh";
  s.title.clear();
  s.body = "中方欢迎。";
  auto doc = builder.build(s);
  auto all = terms(doc);
  std::string bigram = std::string(schema::kBigramPrefix) + "中方";
  EXPECT_TRUE(all.count(bigram));
  EXPECT_TRUE(positions(doc, bigram).empty());
  std::size_t with_positions = 0;
  for (const auto& t : all) {
    if (t.rfind(std::string(schema::kBigramPrefix), 0) != 0 && !positions(doc, t).empty())
      ++with_positions;
  }
  EXPECT_GE(with_positions, 4u);  // 中, 方, 欢, 迎 at least
}

}  // namespace
}  // namespace communique::index
