#include "index/stub.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "communique/error.h"
#include "support/temp_index.h"

namespace communique::index {
namespace {

namespace fs = std::filesystem;
using Kind = Stub::Kind;

Stub parse(const std::string& text) { return Stub::parse(text, "/srv/db/XAPIANDB"); }

TEST(Stub, ReadsWhatTheWriterWrites) {
  Stub single = parse(Stub::of_generation("gen-000003"));
  EXPECT_EQ(single.kind(), Kind::kGeneration);
  EXPECT_EQ(single.generation(), "gen-000003");
  EXPECT_TRUE(single.shards().empty());
  EXPECT_EQ(single.local_paths(), std::vector<fs::path>{"/srv/db/gen-000003"});

  Stub archive = parse(Stub::of_local({"shard-00", "shard-01"}));
  EXPECT_EQ(archive.kind(), Kind::kShards);
  EXPECT_EQ(archive.shards(), (std::vector<std::string>{"shard-00", "shard-01"}));
  EXPECT_EQ(archive.generation(), "");
}

TEST(Stub, KeepsXapiansOwnStubsOfOtherDatabases) {
  Stub stub =
      parse("# front end\nremote search1:33330\n\nauto /srv/other\nglass local\ninmemory\n");
  EXPECT_EQ(stub.kind(), Kind::kDatabases);
  EXPECT_TRUE(stub.names_remote());
  EXPECT_EQ(stub.in_memory(), 1);
  EXPECT_EQ(stub.local_paths(), (std::vector<fs::path>{"/srv/other", "/srv/db/local"}));
  // A check stub over shards' new generations names paths, not shards.
  EXPECT_EQ(parse("auto shard-00/gen-000004\nauto shard-01/gen-000002\n").kind(), Kind::kDatabases);
}

TEST(Stub, TellsAbsentFromEmpty) {
  EXPECT_EQ(parse("").kind(), Kind::kEmpty);
  EXPECT_EQ(parse("\n# nothing\n").kind(), Kind::kEmpty);
  testing::TempDir dir;
  EXPECT_EQ(Stub::read(dir.path()).kind(), Kind::kAbsent);
  EXPECT_EQ(Stub::read(dir.path() / "no-such").kind(), Kind::kAbsent);
}

TEST(Stub, NamesWhatIsWrongWithADamagedStub) {
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c : {
           Case{"auto gen-000002 junk\n", "line 1 \"auto gen-000002 junk\" is not auto gen-NNNNNN"},
           Case{"auto gen-000002\r\n", "is not auto gen-NNNNNN"},
           Case{"auto  gen-000002\n", "line 1"},  // Xapian reads the path " gen-000002"
           Case{"auto shard-x1\n", "is not auto shard-NN"},
           Case{"auto shard-00\nauto shard-00\n", "a second time"},
           Case{"auto gen-000001\nauto gen-000002\n", "names 2 generations"},
           Case{"auto gen-000001\nauto shard-00\n", "mixes"},
           Case{"auto shard-00\nremote host:1\n", "mixes"},
           Case{"garbage\n", "line 1 \"garbage\" is not a database line"},
           Case{"auto\n", "is not a database line"},
           Case{"inmemory x\n", "is not a database line"},
       }) {
    Stub stub = parse(c.text);
    EXPECT_EQ(stub.kind(), Kind::kGarbled) << c.text;
    EXPECT_NE(stub.problem().find(c.says), std::string::npos) << c.text << ": " << stub.problem();
    EXPECT_EQ(stub.generation(), "") << c.text;
  }
}

TEST(Stub, ReadsTheStubOfADirectoryOrAFile) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "XAPIANDB") << "auto gen-000007\n";
  std::ofstream(dir.path() / "front.stub") << "remote a:1\nremote b:2\n";
  Stub inside = Stub::read(dir.path());
  EXPECT_EQ(inside.generation(), "gen-000007");
  EXPECT_EQ(inside.text(), "auto gen-000007\n");
  EXPECT_EQ(Stub::read(dir.path() / "front.stub").entries().size(), 2u);
}

TEST(Stub, AStubThatCannotBeReadIsAnErrorNotAnAbsence) {
  testing::TempDir dir;
  fs::create_directory(dir.path() / "XAPIANDB");  // opens, but read() fails (EISDIR)
  EXPECT_THROW(Stub::read(dir.path()), IoError);
}

}  // namespace
}  // namespace communique::index
