#include "index/index_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "communique/error.h"
#include "support/temp_index.h"

namespace communique::index {
namespace {

namespace fs = std::filesystem;
using Kind = DirState::Kind;
using testing::build_index;
using testing::make_statement;
using testing::TempDir;

std::string slurp(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(WriteLock, ALockFileDeletedByHandAdmitsNoSecondWriter) {
  TempDir dir;
  WriteLock first(dir.path());
  std::string holder = "pid " + std::to_string(::getpid());
  EXPECT_EQ(slurp(dir.path() / kLockName).rfind(holder, 0), 0u);
  fs::remove(dir.path() / kLockName);
  try {
    WriteLock second(dir.path());
    ADD_FAILURE() << "a second writer took the lock once LOCK was deleted";
  } catch (const LockedError& e) {
    // Named from the kernel's lock table, the file being gone.
    EXPECT_NE(std::string(e.what()).find("is locked by " + holder), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.path() / kLockName));
}

TEST(WriteLock, IsReleasedWithItsHolderAndTheNameWithIt) {
  TempDir dir;
  { WriteLock first(dir.path()); }
  EXPECT_EQ(slurp(dir.path() / kLockName), "");
  WriteLock again(dir.path());
}

TEST(IndexDir, TellsAnIndexFromNothingAndFromDamage) {
  TempDir dir;
  EXPECT_EQ(IndexDir(dir.path() / "absent").state().kind, Kind::kNothing);
  fs::create_directory(dir.path() / "empty");
  EXPECT_EQ(IndexDir(dir.path() / "empty").state().kind, Kind::kNothing);

  build_index(dir.str("db"), {make_statement("a", "Peace talks in Geneva.")});
  DirState sound = IndexDir(dir.path() / "db").state();
  EXPECT_EQ(sound.kind, Kind::kIndex);
  EXPECT_EQ(sound.generations, (std::vector<std::string>{"gen-000001", "gen-000002"}));

  fs::remove(dir.path() / "db" / kStubName);
  DirState missing = IndexDir(dir.path() / "db").state();
  EXPECT_EQ(missing.kind, Kind::kCorrupt);
  for (const char* says : {"stub", "missing", "gen-000002", "communique repair --db", "--rebuild"})
    EXPECT_NE(missing.problem.find(says), std::string::npos) << says << ": " << missing.problem;

  std::ofstream(dir.path() / "db" / kStubName) << "";
  EXPECT_EQ(IndexDir(dir.path() / "db").state().kind, Kind::kCorrupt);
  std::ofstream(dir.path() / "db" / kStubName) << "auto gen-000002 junk\n";
  EXPECT_EQ(IndexDir(dir.path() / "db").state().kind, Kind::kCorrupt);
  std::ofstream(dir.path() / "db" / kStubName) << "remote elsewhere:1\n";
  EXPECT_EQ(IndexDir(dir.path() / "db").state().kind, Kind::kCorrupt);
  // The same stub in a directory holding no index is a user's own.
  std::ofstream(dir.path() / "empty" / kStubName) << "remote elsewhere:1\n";
  EXPECT_EQ(IndexDir(dir.path() / "empty").state().kind, Kind::kDatabase);
}

TEST(IndexDir, AShardsDamageNamesTheArchiveInItsMend) {
  TempDir dir;
  IndexOptions two;
  two.shards = 2;
  build_index(dir.str("archive"), {make_statement("a", "text"), make_statement("b", "more")}, two);
  EXPECT_EQ(IndexDir(dir.path() / "archive").state().kind, Kind::kArchive);
  fs::remove(dir.path() / "archive" / "shard-01" / kStubName);
  DirState shard = IndexDir(dir.path() / "archive" / "shard-01", dir.path() / "archive").state();
  EXPECT_EQ(shard.kind, Kind::kCorrupt);
  EXPECT_NE(shard.problem.find("index " + dir.str("archive/shard-01") + ":"), std::string::npos)
      << shard.problem;
  EXPECT_NE(shard.problem.find("communique repair --db " + dir.str("archive") + "`"),
            std::string::npos)
      << shard.problem;
}

}  // namespace
}  // namespace communique::index
