#include "communique/indexer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "communique/error.h"
#include "communique/searcher.h"
#include "support/temp_index.h"

namespace communique {
namespace {

using testing::build_index;
using testing::make_statement;
using testing::TempDir;
namespace fs = std::filesystem;

TEST(Indexer, IndexesAndReports) {
  TempDir dir;
  auto report = build_index(dir.str("db"),
                            {make_statement("a", "Peace talks in Geneva.", "CHE", "2020"),
                             make_statement("b", "Trade and transport corridors.", "KAZ", "2021")});
  EXPECT_EQ(report.read, 2u);
  EXPECT_EQ(report.indexed, 2u);
  EXPECT_EQ(report.skipped, 0u);
  EXPECT_EQ(Searcher(dir.str("db")).stats().statements, 2u);
}

TEST(Indexer, SameIdReplacesAcrossRuns) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "Old text about fisheries.")});
  auto report = build_index(dir.str("db"), {make_statement("a", "New text about satellites.")});
  EXPECT_EQ(report.replaced, 1u);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("satellites").total, 1u);
  EXPECT_EQ(s.search("fisheries").total, 0u);
}

TEST(Indexer, DuplicateIdsInOneRunKeepTheLaterRecordAndSayTheyDid) {
  TempDir dir;
  auto report = build_index(dir.str("db"), {make_statement("a", "first version fisheries"),
                                            make_statement("a", "second version satellites")});
  EXPECT_EQ(report.problem_counts()["duplicate-id"], 1u);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("satellites").total, 1u);
}

// A skipped record writes nothing, so the later record of its id replaces
// nothing: the build holds it once and succeeds.
TEST(Indexer, ValidRecordAfterASkippedOneOfTheSameIdIsIndexedOnce) {
  TempDir dir;
  auto report = build_index(
      dir.str("db"), {make_statement("a", "  \n "), make_statement("a", "later version satellites"),
                      make_statement("b", "other text")});
  EXPECT_EQ(report.read, 3u);
  EXPECT_EQ(report.indexed, 2u);
  EXPECT_EQ(report.skipped, 1u);
  EXPECT_EQ(report.replaced, 0u);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 2u);
  EXPECT_EQ(s.search("satellites").total, 1u);
}

TEST(Indexer, BadRecordsAreReportedAndTheRestIndexed) {
  TempDir dir;
  auto report = build_index(dir.str("db"),
                            {make_statement("", "no id here"), make_statement("empty", "   \n "),
                             make_statement("bad-utf8", "broken \xff text"),
                             make_statement("good", "fine text", "Narnia")});
  EXPECT_EQ(report.read, 4u);
  EXPECT_EQ(report.indexed, 2u);
  EXPECT_EQ(report.skipped, 2u);
  auto counts = report.problem_counts();
  EXPECT_EQ(counts["missing-id"], 1u);
  EXPECT_EQ(counts["empty-body"], 1u);
  EXPECT_EQ(counts["invalid-utf8"], 1u);
  EXPECT_EQ(counts["unknown-country"], 1u);
  EXPECT_EQ(Searcher(dir.str("db")).search("broken").total, 1u);
}

TEST(Indexer, StrictModeStopsBeforeCommitting) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("keep", "already indexed text")});
  IndexOptions strict;
  strict.strict = true;
  EXPECT_THROW(
      build_index(dir.str("db"), {make_statement("new", "more text"), make_statement("", "no id")},
                  strict),
      InvalidArgument);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("already").total, 1u);
}

TEST(Indexer, SecondWriterIsToldWhoHoldsTheLock) {
  TempDir dir;
  Indexer first(dir.str("db"));
  try {
    Indexer second(dir.str("db"));
    FAIL() << "second writer opened a locked index";
  } catch (const LockedError& e) {
    EXPECT_NE(std::string(e.what()).find("locked by pid"), std::string::npos) << e.what();
  }
}

TEST(Indexer, AbandonedRunLeavesTheCommittedIndex) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("keep", "already indexed text")});
  {
    Indexer indexer(dir.str("db"));
    indexer.add(make_statement("lost", "never committed text"));
  }  // destroyed without finish()
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("committed").total, 0u);
}

TEST(Indexer, RebuildReplacesEverything) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("old", "old statement")});
  IndexOptions rebuild;
  rebuild.rebuild = true;
  build_index(dir.str("db"), {make_statement("new", "new statement")}, rebuild);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 1u);
  EXPECT_EQ(s.search("id:new").total, 1u);
}

TEST(Indexer, ParallelShardsGiveTheSameIndexAsOneThread) {
  TempDir dir;
  std::vector<Statement> statements;
  for (int i = 0; i < 200; ++i) {
    statements.push_back(make_statement(
        "s" + std::to_string(i),
        "statement number " + std::to_string(i) + (i % 3 ? " on trade" : " on peace"),
        i % 2 ? "CHN" : "KAZ", std::to_string(2000 + i % 20)));
  }
  IndexOptions one, four;
  one.threads = 1;
  four.threads = 4;
  build_index(dir.str("one"), statements, one);
  build_index(dir.str("four"), statements, four);
  Searcher a(dir.str("one")), b(dir.str("four"));
  for (const char* q : {"peace", "trade country:CHN", "date:2005..2010"}) {
    SearchResult ra = a.search(q), rb = b.search(q);
    EXPECT_EQ(ra.total, rb.total) << q;
    ASSERT_EQ(ra.facets.of("country").size(), rb.facets.of("country").size()) << q;
    for (std::size_t i = 0; i < ra.facets.of("country").size(); ++i) {
      EXPECT_EQ(ra.facets.of("country")[i].count, rb.facets.of("country")[i].count);
    }
  }
}

// The ids of a search, in rank order.
std::vector<std::string> ranked_ids(Searcher& s, const std::string& q, std::size_t limit = 50) {
  SearchOptions o;
  o.limit = limit;
  std::vector<std::string> out;
  for (const auto& h : s.search(q, o).hits) out.push_back(h.id);
  return out;
}

std::vector<std::string> generations(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.rfind("gen-", 0) == 0 || name.rfind("build-", 0) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Statement> archive_statements() {
  std::vector<Statement> out;
  const char* countries[] = {"CHN", "KAZ", "RUS", "FRA"};
  const char* ministers[] = {"Wang Yi", "Sergey Lavrov", "Aibek Zhanuzakov"};
  for (int i = 0; i < 120; ++i) {
    std::string body = "statement " + std::to_string(i) +
                       (i % 3 ? " on trade and transport corridors" : " on peace talks");
    if (i % 7 == 0) body += " and sanctions";
    if (i % 10 == 0) body = "identical text about grain exports";  // ties in score
    out.push_back(make_statement(
        "s" + std::to_string(i), body, countries[i % 4],
        i % 5 ? std::to_string(2000 + i % 20) : "2015-03-0" + std::to_string(1 + i % 3),
        {ministers[i % 3]}));
  }
  return out;
}

// The spelling dictionary counts statements, not occurrences, whichever
// way the index is written: each thread shard's words merged into one
// count, and an update's words added to it. Numbers, short words and
// words of scripts written without spaces stay out.
Xapian::termcount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  for (auto t = db.spellings_begin(); t != db.spellings_end(); ++t) {
    if (*t == word) return t.get_termfreq();
  }
  return 0;
}

TEST(Indexer, TheSpellingDictionaryCountsEachWordOncePerStatement) {
  TempDir dir;
  IndexOptions fresh;
  fresh.threads = 3;
  std::vector<Statement> statements;
  for (int i = 0; i < 12; ++i) {
    statements.push_back(make_statement("s" + std::to_string(i),
                                        i % 2 ? "Corridor talks. Corridor corridor CORRIDOR."
                                              : "Grain exports, 2023, on the 一带一路 corridor."));
  }
  build_index(dir.str("db"), statements, fresh);
  {
    Xapian::Database db(dir.str("db"));
    EXPECT_EQ(spelling_frequency(db, "corridor"), 12u);
    EXPECT_EQ(spelling_frequency(db, "grain"), 6u);
    EXPECT_EQ(spelling_frequency(db, "talks"), 6u);
    EXPECT_EQ(spelling_frequency(db, "2023"), 0u);
    EXPECT_EQ(spelling_frequency(db, "on"), 0u);
    EXPECT_EQ(spelling_frequency(db, "一带一路"), 0u);
  }
  IndexOptions update;
  update.threads = 2;
  build_index(dir.str("db"), {make_statement("new", "Corridor, corridor and fertiliser.")}, update);
  Xapian::Database db(dir.str("db"));
  EXPECT_EQ(spelling_frequency(db, "corridor"), 13u);
  EXPECT_EQ(spelling_frequency(db, "fertiliser"), 1u);
}

TEST(Indexer, UpdateWritesOnlyNewOrChangedStatements) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "alpha text"), make_statement("b", "beta text"),
                              make_statement("c", "gamma text")});
  IndexOptions update;
  update.skip_unchanged = true;
  auto report = build_index(dir.str("db"),
                            {make_statement("a", "alpha text"), make_statement("b", "beta changed"),
                             make_statement("d", "delta text")},
                            update);
  EXPECT_EQ(report.unchanged, 1u);
  EXPECT_EQ(report.indexed, 2u);
  EXPECT_EQ(report.replaced, 1u);  // b changed; d added
  EXPECT_EQ(report.removed, 0u);
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 4u);
  EXPECT_EQ(s.search("changed").total, 1u);
}

TEST(Indexer, UpdateTwiceChangesNothingTheSecondTime) {
  TempDir dir;
  std::vector<Statement> v{make_statement("a", "alpha text", "CHN", "2020"),
                           make_statement("b", "beta text")};
  build_index(dir.str("db"), v);
  IndexOptions update;
  update.skip_unchanged = true;
  build_index(dir.str("db"), v, update);
  auto before = generations(dir.path() / "db");
  auto report = build_index(dir.str("db"), v, update);
  EXPECT_EQ(report.unchanged, 2u);
  EXPECT_EQ(report.indexed + report.removed, 0u);
  EXPECT_EQ(generations(dir.path() / "db"), before);
}

TEST(Indexer, DuplicateInAnUpdateIsCountedOnce) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "alpha text")});
  auto report =
      build_index(dir.str("db"), {make_statement("b", "one"), make_statement("b", "two")});
  EXPECT_EQ(report.indexed, 2u);
  EXPECT_EQ(report.replaced, 1u);
  EXPECT_EQ(Searcher(dir.str("db")).stats().statements, 2u);
}

TEST(Indexer, PruneRemovesStatementsWhoseSourceIsGone) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("x-1", "one"), make_statement("x-2", "two"),
                              make_statement("y-1", "three"), make_statement("y-2", "four")});
  {
    IndexOptions update;
    update.skip_unchanged = true;
    Indexer indexer(dir.str("db"), update);
    indexer.add(make_statement("x-1", "one"));
    indexer.prune_unseen("x-");
    auto report = indexer.finish();
    EXPECT_EQ(report.removed, 1u);
    EXPECT_EQ(report.unchanged, 1u);
  }
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.stats().statements, 3u);
  EXPECT_EQ(s.search("id:x-2").total, 0u);
  EXPECT_EQ(s.search("id:y-2").total, 1u);
  IndexOptions shrink;
  shrink.allow_shrink = true;  // 2 of 3 is more than half
  Indexer all(dir.str("db"), shrink);
  all.add(make_statement("y-2", "four"));
  all.prune_unseen("");
  EXPECT_EQ(all.finish().removed, 2u);
}

// Adds statements as read from `file` (recorded as their source).
void add_from(Indexer& indexer, const std::string& file, const std::vector<std::string>& ids) {
  for (const auto& id : ids)
    indexer.add(make_statement(id, "text of " + id), Provenance{file, 1, 1, "jsonl"});
}

TEST(Indexer, PruneKeepsWhatCameFromSourcesThatCouldNotBeRead) {
  TempDir dir;
  const std::string src = dir.str("src");
  {
    Indexer first(dir.str("db"));
    add_from(first, src + "/a/1.jsonl", {"a1", "a2", "a3"});
    add_from(first, src + "/b/2.jsonl", {"b1", "b2"});
    add_from(first, src + "/c.jsonl", {"c1"});
    add_from(first, src + "/d.jsonl", {"d1"});
    first.add(make_statement("n1", "added without a file"));
    first.finish();
  }
  IndexOptions update;
  update.skip_unchanged = true;
  {
    Indexer indexer(dir.str("db"), update);
    add_from(indexer, src + "/a/1.jsonl", {"a1"});  // a2 is gone from a readable file
    indexer.report(Problem{"too-large", Provenance{src + "/a/1.jsonl", 3, 3, "jsonl"}, "a3",
                           "too large", true});  // skipped by id: kept
    indexer.report(Problem{"unreadable-folder", Provenance{src + "/b/", 0, 0, ""}, "",
                           "cannot list the folder", true});
    indexer.skip_file(src + "/c.jsonl", "empty file");  // emptied on the way: kept
    indexer.prune_unseen("");                           // d.jsonl is gone: d1 goes
    IndexReport report = indexer.finish();
    EXPECT_EQ(report.removed, 2u);  // a2, d1
    EXPECT_EQ(report.kept, 4u);     // b1, b2, c1, and n1, whose source is not known
    EXPECT_EQ(report.unchanged, 1u);
  }
  Searcher s(dir.str("db"));
  for (const char* id : {"a1", "a3", "b1", "b2", "c1", "n1"})
    EXPECT_EQ(s.search(std::string("id:") + id).total, 1u) << id;
  for (const char* id : {"a2", "d1"}) EXPECT_EQ(s.search(std::string("id:") + id).total, 0u) << id;

  // When everything could be read, a statement of unknown source is pruned
  // like any other, and a mended folder is pruned by what it holds.
  Indexer mended(dir.str("db"), update);
  add_from(mended, src + "/a/1.jsonl", {"a1", "a3"});
  add_from(mended, src + "/b/2.jsonl", {"b1"});
  add_from(mended, src + "/c.jsonl", {"c1"});
  mended.prune_unseen("");
  IndexReport report = mended.finish();
  EXPECT_EQ(report.removed, 2u);  // b2, n1
  EXPECT_EQ(report.kept, 0u);
  EXPECT_EQ(Searcher(dir.str("db")).stats().statements, 4u);
}

TEST(Indexer, PruneRefusesToRemoveMoreThanHalfTheIndexUnlessAllowed) {
  TempDir dir;
  std::vector<Statement> all;
  for (int i = 0; i < 10; ++i) all.push_back(make_statement("s" + std::to_string(i), "text"));
  build_index(dir.str("db"), all);
  IndexOptions update;
  update.skip_unchanged = true;
  auto run = [&](int kept, IndexOptions options) {
    Indexer indexer(dir.str("db"), options);
    for (int i = 0; i < kept; ++i) indexer.add(all[i]);
    indexer.prune_unseen("");
    return indexer.finish();
  };
  try {
    run(4, update);
    ADD_FAILURE() << "removing 6 of 10 was not refused";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("remove 6 of the 10 statements"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("--allow-shrink"), std::string::npos) << e.what();
  }
  EXPECT_EQ(Searcher(dir.str("db")).stats().statements, 10u);  // nothing removed
  EXPECT_EQ(run(5, update).removed, 5u);                       // half is allowed
  update.allow_shrink = true;
  EXPECT_EQ(run(1, update).removed, 4u);
  EXPECT_EQ(Searcher(dir.str("db")).stats().statements, 1u);
}

TEST(Indexer, AStatementReadFromAnotherFileIsUnchangedButRecordsItsNewFile) {
  TempDir dir;
  {
    Indexer first(dir.str("db"));
    add_from(first, dir.str("old/a.jsonl"), {"a"});
    first.finish();
  }
  IndexOptions update;
  update.skip_unchanged = true;
  for (int run = 0; run < 2; ++run) {
    Indexer indexer(dir.str("db"), update);
    add_from(indexer, dir.str("new/a.jsonl"), {"a"});
    IndexReport report = indexer.finish();
    EXPECT_EQ(report.indexed, 0u) << run;
    EXPECT_EQ(report.unchanged, 1u) << run;
  }
  // Pruning now knows it by its new folder, not its old one.
  update.allow_shrink = true;
  auto prune_with_unreadable = [&](const std::string& folder) {
    Indexer indexer(dir.str("db"), update);
    indexer.report(Problem{"unreadable-folder", Provenance{dir.str(folder), 0, 0, ""}, "",
                           "cannot list the folder", true});
    indexer.prune_unseen("");
    return indexer.finish();
  };
  EXPECT_EQ(prune_with_unreadable("new").kept, 1u);
  EXPECT_EQ(prune_with_unreadable("old").removed, 1u);
}

TEST(Indexer, RebuildIsSwitchedInOnlyWhenTheCheckPasses) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("old", "old statement")});
  std::string live = Searcher(dir.str("db")).stats().generation;
  IndexOptions rebuild;
  rebuild.rebuild = true;
  rebuild.check = [](const std::string& state) {
    // The check sees the new state, readers still the old one.
    EXPECT_EQ(Searcher(state).search("fresh").total, 1u);
    throw InvalidArgument("refused by the test");
  };
  EXPECT_THROW(build_index(dir.str("db"), {make_statement("new", "fresh statement")}, rebuild),
               InvalidArgument);
  EXPECT_EQ(Searcher(dir.str("db")).stats().generation, live);
  EXPECT_EQ(generations(dir.path() / "db").back(), live);  // the refused one is gone
  Searcher s(dir.str("db"));
  EXPECT_EQ(s.search("id:old").total, 1u);
  EXPECT_EQ(s.search("fresh").total, 0u);

  std::string seen;
  rebuild.check = [&](const std::string& state) { seen = state; };
  build_index(dir.str("db"), {make_statement("new", "fresh statement")}, rebuild);
  EXPECT_NE(seen.find("gen-"), std::string::npos) << seen;
  EXPECT_EQ(s.search("id:old").total, 1u);  // an open searcher keeps its state...
  s.reopen();                               // ...until it reopens
  EXPECT_EQ(s.search("id:old").total, 0u);
  EXPECT_EQ(s.search("fresh").total, 1u);
}

TEST(Indexer, ShardedArchiveSearchesLikeOneIndex) {
  TempDir dir;
  auto statements = archive_statements();
  IndexOptions sharded;
  sharded.shards = 3;
  build_index(dir.str("one"), statements);
  auto report = build_index(dir.str("archive"), statements, sharded);
  EXPECT_EQ(report.indexed, statements.size());
  for (const char* shard : {"shard-00", "shard-01", "shard-02"}) {
    auto n = Searcher(dir.str("archive/") + shard).stats().statements;
    EXPECT_GT(n, 0u) << shard;
    EXPECT_LT(n, statements.size()) << shard;
  }
  Searcher one(dir.str("one")), archive(dir.str("archive"));
  EXPECT_EQ(archive.stats().statements, statements.size());
  for (const char* q : {"peace", "trade corridors", "grain", "sanctions country:CHN", "country:KAZ",
                        "date:2015", "minister:Lavrov transport"}) {
    SearchResult a = one.search(q), b = archive.search(q);
    EXPECT_EQ(a.total, b.total) << q;
    EXPECT_EQ(ranked_ids(one, q), ranked_ids(archive, q)) << q;
    ASSERT_EQ(a.facets.of("minister").size(), b.facets.of("minister").size()) << q;
    for (std::size_t i = 0; i < a.facets.of("minister").size(); ++i) {
      EXPECT_EQ(a.facets.of("minister")[i].value, b.facets.of("minister")[i].value) << q;
      EXPECT_EQ(a.facets.of("minister")[i].count, b.facets.of("minister")[i].count) << q;
    }
  }
}

TEST(Indexer, ShardedArchiveUpdatesFindTheirStatementsAgain) {
  TempDir dir;
  auto statements = archive_statements();
  IndexOptions sharded;
  sharded.shards = 2;
  build_index(dir.str("archive"), statements, sharded);
  IndexOptions update;  // the layout comes from the archive
  update.skip_unchanged = true;
  statements[5].body = "statement five now about fisheries";
  statements.pop_back();
  Indexer indexer(dir.str("archive"), update);
  for (const auto& s : statements) indexer.add(s);
  indexer.prune_unseen("");
  auto report = indexer.finish();
  EXPECT_EQ(report.indexed, 1u);
  EXPECT_EQ(report.replaced, 1u);
  EXPECT_EQ(report.unchanged, statements.size() - 1);
  EXPECT_EQ(report.removed, 1u);
  Searcher s(dir.str("archive"));
  EXPECT_EQ(s.stats().statements, statements.size());
  EXPECT_EQ(s.search("fisheries").total, 1u);
}

TEST(Indexer, ShardCountIsFixedAndSingleIndexesStaySingle) {
  TempDir dir;
  IndexOptions two, three;
  two.shards = 2;
  three.shards = 3;
  build_index(dir.str("archive"), {make_statement("a", "text")}, two);
  EXPECT_THROW(build_index(dir.str("archive"), {make_statement("b", "text")}, three),
               InvalidArgument);
  build_index(dir.str("single"), {make_statement("a", "text")});
  EXPECT_THROW(build_index(dir.str("single"), {make_statement("b", "text")}, two), InvalidArgument);
  Indexer writer(dir.str("archive"));
  EXPECT_THROW(Indexer(dir.str("archive/shard-00")),
               LockedError);  // the archive's writer holds its shards
}

TEST(Indexer, CompactKeepsEveryStatementAndSwitchesAGeneration) {
  TempDir dir;
  auto statements = archive_statements();
  build_index(dir.str("db"), statements);
  build_index(dir.str("db"), {make_statement("extra", "an update written in place")});
  Searcher before(dir.str("db"));
  auto ranking = ranked_ids(before, "trade corridors");
  std::string generation = before.stats().generation;
  CompactReport report = compact_index(dir.str("db"));
  EXPECT_EQ(report.statements, statements.size() + 1);
  EXPECT_GT(report.bytes_before, 0u);
  EXPECT_GT(report.bytes_after, 0u);
  EXPECT_EQ(ranked_ids(before, "trade corridors"), ranking);  // open readers keep working
  Searcher after(dir.str("db"));
  EXPECT_NE(after.stats().generation, generation);
  EXPECT_EQ(ranked_ids(after, "trade corridors"), ranking);
  EXPECT_EQ(after.search("update").total, 1u);
  {
    Indexer writer(dir.str("db"));
    EXPECT_THROW(compact_index(dir.str("db")), LockedError);
  }
  EXPECT_THROW(compact_index(dir.str("nothing-here")), NotFound);
}

TEST(Indexer, AnIndexOfAnotherFormatIsRebuiltNotUpdated) {
  TempDir dir;
  build_index(dir.str("db"), {make_statement("a", "Peace talks in Geneva.")});
  std::string backend, live;
  std::ifstream(dir.path() / "db" / "XAPIANDB") >> backend >> live;  // "auto gen-000002"
  {
    // As an older Communique would have left it.
    Xapian::WritableDatabase old((dir.path() / "db" / live).string(), Xapian::DB_OPEN);
    old.set_metadata("communique.format", "1");
    old.commit();
  }
  auto says_rebuild = [](const Error& e) {
    std::string what = e.what();
    return what.find("format 1") != std::string::npos &&
           what.find("--rebuild") != std::string::npos;
  };
  try {
    Searcher s(dir.str("db"));
    ADD_FAILURE() << "searching an index of another format";
  } catch (const CorruptIndex& e) {
    EXPECT_TRUE(says_rebuild(e)) << e.what();
  }
  try {
    build_index(dir.str("db"), {make_statement("b", "Trade corridors.")});
    ADD_FAILURE() << "updating an index of another format";
  } catch (const CorruptIndex& e) {
    EXPECT_TRUE(says_rebuild(e)) << e.what();
  }
  IndexOptions rebuild;
  rebuild.rebuild = true;
  build_index(dir.str("db"), {make_statement("b", "Trade corridors.")}, rebuild);
  EXPECT_EQ(Searcher(dir.str("db")).search("corridors").total, 1u);
}

// What a damaged stub leaves a writer and a reader: a refusal naming the
// mend, and every generation where it was.
TEST(Indexer, AMissingOrDamagedStubIsNeverTakenForANewIndex) {
  for (const char* damage : {"missing", "", "auto gen-000002 junk\n", "remote elsewhere:1\n"}) {
    SCOPED_TRACE(damage);
    TempDir dir;
    fs::path db = dir.path() / "db";
    build_index(db.string(), {make_statement("a", "Peace talks."), make_statement("b", "Trade.")});
    if (std::string(damage) == "missing")
      fs::remove(db / "XAPIANDB");
    else
      std::ofstream(db / "XAPIANDB") << damage;
    auto says_repair = [&](const Error& e) {
      return std::string(e.what()).find("communique repair --db " + db.string()) !=
             std::string::npos;
    };
    try {
      build_index(db.string(), {make_statement("c", "Corridors.")});
      ADD_FAILURE() << "a writer wrote past the damaged stub";
    } catch (const CorruptIndex& e) {
      EXPECT_TRUE(says_repair(e)) << e.what();
    }
    try {
      Searcher searcher(db.string());
      ADD_FAILURE() << "a reader opened past the damaged stub";
    } catch (const CorruptIndex& e) {
      EXPECT_TRUE(says_repair(e)) << e.what();
    }
    EXPECT_TRUE(fs::exists(db / "gen-000002"));

    RepairReport repaired = repair_index(db.string());
    EXPECT_TRUE(repaired.changed);
    ASSERT_EQ(repaired.actions.size(), 1u);
    EXPECT_NE(repaired.actions[0].find("gen-000002 (2 statements)"), std::string::npos)
        << repaired.actions[0];
    build_index(db.string(), {make_statement("c", "Corridors.")});
    EXPECT_EQ(Searcher(db.string()).stats().statements, 3u);
    EXPECT_FALSE(repair_index(db.string()).changed);  // sound now
  }
}

TEST(Indexer, AFirstBuildKilledBeforeItsFirstSwitchIsBuiltAgain) {
  // What a first build leaves when killed between creating its empty
  // first generation and naming it in the stub: nothing to lose.
  auto first_generation_only = [](const fs::path& dir) {
    Xapian::WritableDatabase empty((dir / "gen-000001").string(), Xapian::DB_CREATE);
    empty.set_metadata("communique.format", "unfinished");
    empty.commit();
  };
  TempDir dir;
  fs::create_directories(dir.path() / "db");
  first_generation_only(dir.path() / "db");
  EXPECT_THROW(Searcher(dir.str("db")), NotFound);  // no index yet, as before the build
  build_index(dir.str("db"), {make_statement("a", "Peace talks.")});
  EXPECT_EQ(Searcher(dir.str("db")).stats().statements, 1u);

  // An archive killed before its own stub was written.
  for (const char* shard : {"shard-00", "shard-01"}) {
    fs::create_directories(dir.path() / "archive" / shard);
    first_generation_only(dir.path() / "archive" / shard);
    std::ofstream(dir.path() / "archive" / shard / "XAPIANDB") << "auto gen-000001\n";
  }
  IndexOptions two;
  two.shards = 2;
  build_index(dir.str("archive"), {make_statement("a", "Peace."), make_statement("b", "Trade.")},
              two);
  EXPECT_EQ(Searcher(dir.str("archive")).stats().statements, 2u);

  // But a first generation that holds statements is somebody's index.
  TempDir other;
  fs::create_directories(other.path() / "db");
  {
    Xapian::WritableDatabase full((other.path() / "db" / "gen-000001").string(), Xapian::DB_CREATE);
    full.add_document(Xapian::Document());
    full.commit();
  }
  EXPECT_THROW(build_index(other.str("db"), {make_statement("a", "Peace talks.")}), CorruptIndex);
}

TEST(Indexer, RepairPassesOverGenerationsThatAreNotComplete) {
  TempDir dir;
  fs::path db = dir.path() / "db";
  build_index(db.string(), {make_statement("a", "Peace talks.")});
  fs::create_directory(db / "gen-000007");  // a compaction killed before it wrote anything
  std::ofstream(db / "gen-000007" / "postlist.glass") << "half";
  {
    Xapian::WritableDatabase foreign((db / "gen-000005").string(), Xapian::DB_CREATE);
    foreign.add_document(Xapian::Document());
    foreign.commit();  // a database, but not one of ours
  }
  fs::remove(db / "XAPIANDB");
  RepairReport report = repair_index(db.string());
  ASSERT_EQ(report.actions.size(), 1u);
  const std::string& line = report.actions[0];
  EXPECT_NE(line.find("now names gen-000002 (1 statements)"), std::string::npos) << line;
  EXPECT_NE(line.find("passed over gen-000007"), std::string::npos) << line;
  EXPECT_NE(line.find("gen-000005 (not written by Communique)"), std::string::npos) << line;
  EXPECT_EQ(Searcher(db.string()).search("peace").total, 1u);
  EXPECT_THROW(repair_index(dir.str("nothing-here")), NotFound);
}

TEST(Indexer, RepairRefusesAnIndexWithNothingCompleteAndChangesNothing) {
  TempDir dir;
  fs::path db = dir.path() / "db";
  build_index(db.string(), {make_statement("a", "Peace talks.")});
  fs::remove_all(db / "gen-000001");
  fs::remove_all(db / "gen-000002" / "iamglass");
  std::ofstream(db / "XAPIANDB") << "";
  EXPECT_THROW(repair_index(db.string()), CorruptIndex);
  EXPECT_EQ(std::filesystem::file_size(db / "XAPIANDB"), 0u);
}

TEST(Indexer, RebuildMendsADamagedStubAndKeepsTheOldGenerationUntilItsSwitch) {
  TempDir dir;
  fs::path db = dir.path() / "db";
  build_index(db.string(), {make_statement("a", "Peace talks.")});
  std::ofstream(db / "XAPIANDB") << "auto gen-000002 junk\n";
  IndexOptions rebuild;
  rebuild.rebuild = true;
  rebuild.check = [&](const std::string&) {
    EXPECT_TRUE(fs::exists(db / "gen-000002"));  // nothing removed before the switch
    throw InvalidArgument("refused");
  };
  EXPECT_THROW(build_index(db.string(), {make_statement("b", "Trade.")}, rebuild), InvalidArgument);
  EXPECT_TRUE(fs::exists(db / "gen-000002"));
  rebuild.check = nullptr;
  build_index(db.string(), {make_statement("b", "Trade.")}, rebuild);
  Searcher searcher(db.string());
  EXPECT_EQ(searcher.search("trade").total, 1u);
  EXPECT_EQ(searcher.search("peace").total, 0u);
}

TEST(Indexer, AnArchiveWithADamagedStubIsRefusedThenRepaired) {
  TempDir dir;
  fs::path archive = dir.path() / "archive";
  IndexOptions four;
  four.shards = 4;
  auto statements = archive_statements();
  build_index(archive.string(), statements, four);
  fs::remove(archive / "shard-02" / "XAPIANDB");
  EXPECT_THROW(build_index(archive.string(), {make_statement("x", "Corridors.")}), CorruptIndex);
  EXPECT_THROW(Searcher(archive.string()), CorruptIndex);
  fs::remove(archive / "XAPIANDB");
  EXPECT_THROW(build_index(archive.string(), {make_statement("x", "Corridors.")}), CorruptIndex);
  EXPECT_THROW(Searcher(archive.string()), CorruptIndex);
  RepairReport report = repair_index(archive.string());
  EXPECT_EQ(report.actions.size(), 5u);  // four shards and the archive's stub
  EXPECT_EQ(Searcher(archive.string()).stats().statements, statements.size());
  build_index(archive.string(), {make_statement("x", "Corridors.")});
  EXPECT_EQ(Searcher(archive.string()).stats().statements, statements.size() + 1);

  fs::remove_all(archive / "shard-03");  // its statements are gone: only a rebuild mends that
  EXPECT_THROW(repair_index(archive.string()), CorruptIndex);
  EXPECT_THROW(Searcher(archive.string()), CorruptIndex);
}

}  // namespace
}  // namespace communique
