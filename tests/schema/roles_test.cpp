#include "schema/roles.h"

#include <gtest/gtest.h>

namespace communique::schema {
namespace {

TEST(NormaliseRole, ReducesSpellingsToFourRoles) {
  EXPECT_EQ(normalise_role("Minister for Foreign Affairs"), "foreign minister");
  EXPECT_EQ(normalise_role("Minister of Foreign Affairs "), "foreign minister");
  EXPECT_EQ(normalise_role("Minister for Foregn Affairs"), "foreign minister");
  EXPECT_EQ(normalise_role("Minister for Foreign and CARICOM Affairs"), "foreign minister");
  EXPECT_EQ(normalise_role("Secretary of State"), "foreign minister");
  EXPECT_EQ(normalise_role("President"), "head of state");
  EXPECT_EQ(normalise_role("King"), "head of state");
  EXPECT_EQ(normalise_role("Amir"), "head of state");
  EXPECT_EQ(normalise_role("President of the Federative Republic of Brazil"), "head of state");
  EXPECT_EQ(normalise_role("PRIME MINISTER"), "head of government");
  EXPECT_EQ(normalise_role("rime Minister and Minister for Europe and Foreign Affairs"),
            "head of government");
  EXPECT_EQ(normalise_role("Head  of the goverment"), "head of government");
  EXPECT_EQ(normalise_role("President of the Council of Ministers"), "head of government");
  EXPECT_EQ(normalise_role("Prime Minister and Minister for Foreign Affairs"),
            "head of government");
  EXPECT_EQ(normalise_role("President, Head of Government and Minister for Foreign Affairs"),
            "head of state");
  EXPECT_EQ(normalise_role("Deputy Prime Minister and Minister for Foreign Affairs"),
            "foreign minister");
  EXPECT_EQ(normalise_role("Vice-President"), "other");
  EXPECT_EQ(normalise_role("Deputy Minister for Foreign Affairs"), "other");
  EXPECT_EQ(normalise_role("Crown Prince"), "other");
  EXPECT_EQ(normalise_role("UN Representative"), "other");
  EXPECT_EQ(normalise_role(""), "");
  EXPECT_EQ(normalise_role("  "), "");
  EXPECT_EQ(normalise_role("missing"), "");
}

TEST(RoleKey, APostIsFoundHoweverItIsWritten) {
  // The role: filter and the index read a post through role_key alike.
  EXPECT_EQ(role_key("Foreign Minister"), "foreign minister");
  EXPECT_EQ(role_key("foreign minister"), "foreign minister");
  EXPECT_EQ(role_key("Minister for Foreign Affairs"), "foreign minister");
  EXPECT_EQ(role_key("PRIME  MINISTER"), "head of government");
  EXPECT_EQ(role_key("head of state"), "head of state");
  // Posts outside the three categories keep their own words, folded.
  EXPECT_EQ(role_key("Spokesperson"), "spokesperson");
  EXPECT_EQ(role_key("  Porte-Parole  du  Ministère "), "porte-parole du ministere");
  EXPECT_EQ(role_key("other"), "other");
  EXPECT_EQ(role_key(""), "");
}

}  // namespace
}  // namespace communique::schema
