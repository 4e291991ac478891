#include "index/stored_fields.h"

#include <gtest/gtest.h>

#include "communique/error.h"

namespace communique::index {
namespace {

TEST(StoredFields, RoundTrips) {
  Statement s;
  s.id = "CHN_75_2020";
  s.title = "Statement";
  s.body = "First passage.\nSecond passage, Ürümqi.";
  s.date = *Date::parse("2020-09-22");
  s.country = "CHN";
  s.ministers = {"Xi Jinping"};
  s.mentions = {"AFG", "KAZ"};
  s.language = "en";
  s.role = "head of state";
  s.source = "ungdc";
  s.url = "https://example.org/x";
  std::vector<analysis::PassageSpan> spans{{0, 14}, {15, s.body.size()}};
  StoredFields f = decode(encode(s, spans));
  EXPECT_EQ(f.statement.id, s.id);
  EXPECT_EQ(f.statement.body, s.body);
  EXPECT_EQ(f.statement.date, s.date);
  EXPECT_EQ(f.statement.ministers, s.ministers);
  EXPECT_EQ(f.statement.mentions, s.mentions);
  EXPECT_EQ(f.statement.role, s.role);
  ASSERT_EQ(f.passages.size(), 2u);
  EXPECT_EQ(f.passages[1].start, 15u);
  EXPECT_EQ(f.passages[1].end, s.body.size());
}

TEST(StoredFields, TruncatedDataIsReportedAsCorrupt) {
  Statement s;
  s.id = "x";
  s.body = "some text";
  std::string data = encode(s, {{0, 9}});
  for (std::size_t cut = 0; cut < data.size(); ++cut) {
    EXPECT_THROW(decode(std::string_view(data).substr(0, cut)), CorruptIndex) << cut;
  }
}

}  // namespace
}  // namespace communique::index
