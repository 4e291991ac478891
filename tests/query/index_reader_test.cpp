// Opening an index for reading and following it as writers commit and
// switch generations: what every search, the server and the tools rely on.

#include "query/index_reader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "communique/error.h"
#include "index/index_dir.h"
#include "index/stub.h"
#include "schema/schema.h"
#include "support/temp_index.h"

namespace communique::query {
namespace {

namespace fs = std::filesystem;
using testing::build_index;
using testing::make_statement;
using testing::TempDir;

IndexOptions rebuild() {
  IndexOptions options;
  options.rebuild = true;
  return options;
}

std::string live_generation(const fs::path& db) { return index::IndexDir(db).live_generation(); }

// The message of the exception of type E that `open` throws, or a failure.
template <typename E, typename F>
std::string message_of(F open) {
  try {
    open();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "another error: " << e.what();
    return {};
  }
  ADD_FAILURE() << "no error";
  return {};
}

void expect_says(const std::string& message, const std::vector<std::string>& words) {
  for (const auto& word : words)
    EXPECT_NE(message.find(word), std::string::npos) << word << " not in: " << message;
}

TEST(IndexReader, OpensAnIndexDirectoryAtItsLiveGeneration) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "first"), make_statement("b", "second")});
  IndexReader reader(dir.str("db"));
  EXPECT_EQ(reader.path(), dir.str("db"));
  EXPECT_EQ(reader.db().get_doccount(), 2u);
  EXPECT_FALSE(reader.sharded());
  ASSERT_FALSE(live_generation(dir.path() / "db").empty());
  EXPECT_EQ(reader.generation(), live_generation(dir.path() / "db"));
  EXPECT_TRUE(index::Stub::is_generation_name(reader.generation()));
}

TEST(IndexReader, ReopenIsFalseWhenNothingChanged) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "first")});
  IndexReader reader(dir.str("db"));
  EXPECT_FALSE(reader.reopen());
  EXPECT_FALSE(reader.reopen());
  EXPECT_EQ(reader.db().get_doccount(), 1u);
}

TEST(IndexReader, ReopenFollowsCommitsInPlace) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "first")});
  IndexReader reader(dir.str("db"));
  std::string generation = reader.generation();
  build_index(dir.str("db"), {make_statement("b", "second")});  // an update, in place
  EXPECT_EQ(reader.db().get_doccount(), 1u);  // the state it opened, until it reopens
  EXPECT_TRUE(reader.reopen());
  EXPECT_EQ(reader.db().get_doccount(), 2u);
  EXPECT_EQ(reader.generation(), generation);
  EXPECT_FALSE(reader.reopen());
}

TEST(IndexReader, KeepsReadingItsStateWhileARebuildSwitchesInAGeneration) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "first"), make_statement("b", "second")});
  IndexReader reader(dir.str("db"));
  std::string before = reader.generation();
  build_index(dir.str("db"), {make_statement("c", "third")}, rebuild());
  ASSERT_NE(live_generation(dir.path() / "db"), before);

  // Until it reopens, the reader reads the generation it opened, whole
  // (the writer keeps the previous generation for such readers).
  EXPECT_EQ(reader.db().get_doccount(), 2u);
  Xapian::Enquire enquire(reader.db());
  enquire.set_query(Xapian::Query::MatchAll);
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 2u);
  EXPECT_FALSE(reader.db().get_document(1).get_data().empty());

  EXPECT_TRUE(reader.reopen());
  EXPECT_EQ(reader.db().get_doccount(), 1u);
  EXPECT_EQ(reader.generation(), live_generation(dir.path() / "db"));
  EXPECT_NE(reader.generation(), before);
  EXPECT_FALSE(reader.reopen());
}

TEST(IndexReader, NothingAtThePathIsNotFound) {
  TempDir dir;
  expect_says(message_of<NotFound>([&] { IndexReader reader(dir.str("absent")); }),
              {dir.str("absent"), "communique index --db"});
  fs::create_directory(dir.path() / "empty");
  expect_says(message_of<NotFound>([&] { IndexReader reader(dir.str("empty")); }),
              {dir.str("empty"), "not an index"});
}

TEST(IndexReader, ADamagedStubIsCorruptNeverAnEmptyIndex) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "first")});
  const fs::path stub = dir.path() / "db" / index::kStubName;
  std::string generation = live_generation(dir.path() / "db");

  fs::remove(stub);
  expect_says(message_of<CorruptIndex>([&] { IndexReader reader(dir.str("db")); }),
              {dir.str("db"), "communique repair --db"});
  std::ofstream(stub) << "";
  expect_says(message_of<CorruptIndex>([&] { IndexReader reader(dir.str("db")); }),
              {dir.str("db")});
  std::ofstream(stub) << "auto " << generation << " junk\n";
  expect_says(message_of<CorruptIndex>([&] { IndexReader reader(dir.str("db")); }),
              {dir.str("db")});
  std::ofstream(stub) << "auto gen-999999\n";  // names what is gone
  expect_says(message_of<CorruptIndex>([&] { IndexReader reader(dir.str("db")); }),
              {dir.str("db"), "gen-999999"});

  std::ofstream(stub) << index::Stub::of_generation(generation);  // mended
  EXPECT_EQ(IndexReader(dir.str("db")).db().get_doccount(), 1u);
}

TEST(IndexReader, ADamagedGenerationIsCorruptWithTheMend) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "first")});
  fs::path generation = dir.path() / "db" / live_generation(dir.path() / "db");
  // Its tables gone: Xapian cannot open it.
  for (const auto& entry : fs::directory_iterator(generation)) fs::remove(entry.path());
  expect_says(
      message_of<CorruptIndex>([&] { IndexReader reader(dir.str("db")); }),
      {dir.str("db"), "cannot be opened", "communique repair --db " + dir.str("db"), "--rebuild"});
}

TEST(IndexReader, AnIndexOfAnotherFormatIsCorrupt) {
  TempDir dir;
  {
    Xapian::WritableDatabase db(dir.str("plain"), Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.set_metadata(std::string(schema::kFormatKey), "999");
    db.commit();
  }
  expect_says(message_of<CorruptIndex>([&] { IndexReader reader(dir.str("plain")); }),
              {dir.str("plain"), "format 999", "--rebuild"});
}

TEST(IndexReader, ReopenThrowsOnDamageAndKeepsTheStateItHad) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "first")});
  IndexReader reader(dir.str("db"));
  const fs::path stub = dir.path() / "db" / index::kStubName;
  fs::rename(stub, dir.path() / "stub.kept");
  EXPECT_THROW(reader.reopen(), CorruptIndex);
  EXPECT_EQ(reader.db().get_doccount(), 1u);
  fs::rename(dir.path() / "stub.kept", stub);
  EXPECT_FALSE(reader.reopen());
  EXPECT_EQ(reader.db().get_doccount(), 1u);
}

TEST(IndexReader, OpensPlainDatabasesAndStubFiles) {
  TempDir dir;
  for (const char* name : {"one", "two"}) {
    Xapian::WritableDatabase db(dir.str(name), Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.commit();
  }
  IndexReader plain(dir.str("one"));
  EXPECT_EQ(plain.db().get_doccount(), 1u);
  EXPECT_FALSE(plain.sharded());
  EXPECT_EQ(plain.generation(), "");

  std::ofstream(dir.path() / "both.stub") << "auto one\nauto two\n";
  IndexReader both(dir.str("both.stub"));
  EXPECT_EQ(both.db().get_doccount(), 2u);
  EXPECT_TRUE(both.sharded());
  EXPECT_EQ(both.generation(), "");

  std::ofstream(dir.path() / "single.stub") << "auto one\n";
  EXPECT_FALSE(IndexReader(dir.str("single.stub")).sharded());
}

TEST(IndexReader, OpensAnArchiveAsShardsAndFollowsItsRebuilds) {
  TempDir dir;
  IndexOptions two;
  two.shards = 2;
  std::vector<Statement> statements;
  for (int i = 0; i < 8; ++i)
    statements.push_back(make_statement("s" + std::to_string(i), "text " + std::to_string(i)));
  build_index(dir.str("archive"), statements, two);
  IndexReader reader(dir.str("archive"));
  EXPECT_TRUE(reader.sharded());
  EXPECT_EQ(reader.db().get_doccount(), 8u);
  const fs::path archive = dir.path() / "archive";
  std::string expected = "shard-00/" + live_generation(archive / "shard-00") + " shard-01/" +
                         live_generation(archive / "shard-01");
  EXPECT_EQ(reader.generation(), expected);
  EXPECT_FALSE(reader.reopen());

  IndexOptions again = two;
  again.rebuild = true;
  statements.resize(3);
  build_index(dir.str("archive"), statements, again);
  EXPECT_EQ(reader.db().get_doccount(), 8u);
  EXPECT_TRUE(reader.reopen());
  EXPECT_EQ(reader.db().get_doccount(), 3u);
  EXPECT_NE(reader.generation(), expected);
  EXPECT_TRUE(reader.sharded());
}

// A writer switching the stub between two generations and removing the
// one it leaves at once (as two rebuilds in a row leave it) while two
// readers open and reopen: each finds one of the two states whole, never
// an error. The writer switches again only once each reader has finished
// an open since its last switch, so that no open meets more switches than
// it may retry (kReadAttempts).
TEST(IndexReader, OpensAndReopensWhileGenerationsSwitchUnderneath) {
  TempDir dir;
  const fs::path db = dir.path() / "db";
  build_index(db.string(), {make_statement("a", "first")});
  const std::string one = live_generation(db);
  build_index(db.string(), {make_statement("b", "second"), make_statement("c", "third")},
              rebuild());
  const std::string two = live_generation(db);
  ASSERT_NE(one, two);
  // The generation not live waits outside the directory.
  const fs::path away = dir.path() / "away";
  fs::create_directory(away);
  fs::rename(db / one, away / one);

  constexpr int kSwitches = 100;
  std::mutex mutex;
  std::condition_variable progress;
  int done_by[2] = {0, 0};  // opens (or reopens) each reader finished
  std::vector<std::string> failures;
  std::atomic<bool> done{false};

  std::thread writer([&] {
    index::WriteLock lock(db);
    index::IndexDir index_dir(db);
    std::string live = two, other = one;
    for (int i = 0; i < kSwitches; ++i) {
      {
        std::unique_lock<std::mutex> hold(mutex);
        int seen[2] = {done_by[0], done_by[1]};
        progress.wait(hold, [&] {
          return (done_by[0] > seen[0] && done_by[1] > seen[1]) || !failures.empty();
        });
        if (!failures.empty()) break;
      }
      fs::rename(away / other, db / other);
      index_dir.switch_to(other);
      fs::rename(db / live, away / live);
      std::swap(live, other);
    }
    done = true;
  });

  // Reader 0 opens afresh each time, reader 1 reopens one reader.
  auto finished = [&](int reader, const std::string& failure) {
    std::lock_guard<std::mutex> hold(mutex);
    if (!failure.empty()) failures.push_back(failure);
    ++done_by[reader];
    progress.notify_all();
  };
  auto check = [](const IndexReader& reader) -> std::string {
    Xapian::doccount n = reader.db().get_doccount();
    if (n == 1 || n == 2) return {};
    return "a state of " + std::to_string(n) + " statements";
  };
  std::thread reopening([&] {
    std::unique_ptr<IndexReader> reader;
    while (!done) {
      try {
        if (!reader)
          reader = std::make_unique<IndexReader>(db.string());
        else
          reader->reopen();
        finished(1, check(*reader));
      } catch (const std::exception& e) {
        finished(1, std::string("reopen: ") + e.what());
      }
    }
  });
  while (!done) {
    try {
      finished(0, check(IndexReader(db.string())));
    } catch (const std::exception& e) {
      finished(0, std::string("open: ") + e.what());
    }
  }
  writer.join();
  reopening.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, the first: " << failures.at(0);
}

}  // namespace
}  // namespace communique::query
