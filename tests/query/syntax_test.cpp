#include "query/syntax.h"

#include <gtest/gtest.h>

#include "communique/error.h"

namespace communique::query {
namespace {

std::vector<QueryItem> items(std::string_view q) { return read_query(q).items; }

TEST(QuerySyntax, WordsPhrasesGroupsAndOr) {
  auto read = items("transport corridors \"belt and road\" (russia OR ukraine) -sanctions");
  ASSERT_EQ(read.size(), 4u);
  EXPECT_EQ(read[0].kind, QueryItem::kText);
  EXPECT_EQ(read[0].text, "transport corridors");
  EXPECT_EQ(read[1].kind, QueryItem::kPhrase);
  EXPECT_EQ(read[1].text, "belt and road");
  ASSERT_EQ(read[2].kind, QueryItem::kGroup);
  ASSERT_EQ(read[2].children.size(), 3u);
  EXPECT_EQ(read[2].children[1].kind, QueryItem::kOr);
  EXPECT_TRUE(read[3].excluded);
}

TEST(QuerySyntax, FiltersAreTheSchemasFieldsByAnyOfTheirNames) {
  auto read = items("country:CHN Mention:KAZ year:2020 lang:zh ministers:\"Wang Yi\"");
  ASSERT_EQ(read.size(), 5u);
  std::vector<std::string_view> fields;
  for (const auto& item : read) {
    ASSERT_EQ(item.kind, QueryItem::kFilter) << item.text;
    fields.push_back(item.field->name);
  }
  EXPECT_EQ(fields,
            (std::vector<std::string_view>{"country", "mentions", "date", "language", "minister"}));
  EXPECT_EQ(read[4].text, "Wang Yi");
  // A field that is not a filter, and a word with a colon, are words.
  auto words = items("title:peace 10:30");
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].kind, QueryItem::kText);
  EXPECT_EQ(words[0].text, "title:peace 10:30");
}

TEST(QuerySyntax, InsideQuotesABackslashEscapesAQuoteOrABackslash) {
  auto read = items("role:\"Minister \\\"a.i.\\\"\" \"C:\\\\press \\n\"");
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].kind, QueryItem::kFilter);
  EXPECT_EQ(read[0].text, "Minister \"a.i.\"");
  EXPECT_EQ(read[1].kind, QueryItem::kPhrase);
  EXPECT_EQ(read[1].text, "C:\\press \\n");  // any other backslash is text
  // Outside quotes a backslash is text, and a quote after it opens a phrase.
  auto outside = items("a\\\"b c\"");
  ASSERT_EQ(outside.size(), 2u);
  EXPECT_EQ(outside[0].text, "a\\");
  EXPECT_EQ(outside[1].text, "b c");
}

TEST(QuerySyntax, PastedTextIsReadAndTheRepairsSaid) {
  QuerySyntax read = read_query("windows update werkt niet (windows se");
  EXPECT_EQ(read.items.back().kind, QueryItem::kGroup);
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_NE(read.warnings[0].find("never closed"), std::string::npos);
  read = read_query("java :) als icon");
  EXPECT_EQ(read.warnings.size(), 1u);
  read = read_query("Date: 17 July");
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_NE(read.warnings[0].find("date:2020"), std::string::npos);
}

TEST(QuerySyntax, ExclusionsThatCannotBeAreRefusedOrReadAsText) {
  // Found by the query_syntax fuzz target: a '-' before a ')' made an
  // empty excluded word; "NOT *" an excluded everything.
  auto read = items("(rus) grain -)sanctions");
  for (const auto& item : read) EXPECT_FALSE(item.kind == QueryItem::kText && item.text.empty());
  EXPECT_THROW(read_query("NOT *"), QuerySyntaxError);
  EXPECT_THROW(read_query("-*"), QuerySyntaxError);
  EXPECT_THROW(read_query("peace (NOT)"), QuerySyntaxError);
}

TEST(QuerySyntax, NestingIsBounded) {
  std::string deep(kMaxDepth + 2, '(');
  EXPECT_THROW(read_query(deep + "peace"), QuerySyntaxError);
  EXPECT_NO_THROW(read_query(std::string(kMaxDepth, '(') + "peace"));
}

}  // namespace
}  // namespace communique::query
