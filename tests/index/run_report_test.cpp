#include "index/run_report.h"

#include <gtest/gtest.h>

#include <latch>
#include <string>
#include <thread>
#include <vector>

namespace communique::index {
namespace {

Problem problem_at(const std::string& file, std::uint64_t line, std::string kind,
                   bool skipped = false) {
  Problem p;
  p.kind = std::move(kind);
  p.where.file = file;
  p.where.line = line;
  p.skipped = skipped;
  return p;
}

std::vector<std::string> kinds(const IndexReport& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.kind);
  return out;
}

// The caller's thread and a writer's threads add to one report at once:
// nothing they count may be lost.
TEST(RunReport, CountsEverythingAddedFromSeveralThreadsAtOnce) {
  constexpr int kThreads = 4;
  constexpr int kEach = 200000;
  RunReport report;
  std::latch start(kThreads + 1);  // all at once, to meet as often as they can
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    // Each kind of call in a loop of its own: the threads contend for
    // each counter in turn.
    threads.emplace_back([&report, &start, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) report.count_read(t % 2 ? "jsonl" : "ungdc");
      for (int i = 0; i < kEach; ++i) report.count_unchanged();
      for (int i = 0; i < kEach; ++i) report.count_replaced();
      for (int i = 0; i < kEach; ++i) report.count_kept();
      for (int i = 0; i < kEach; ++i) report.count_removed(2);
      for (int i = 0; i < kEach / 10; ++i) {
        report.add_problem(problem_at("f" + std::to_string(t), i, "bad-date", i % 2 == 0));
      }
      for (int i = 0; i < kEach / 100; ++i) {
        report.add_skipped_file("dir/x.pdf", "not a statement source");
      }
    });
  }
  // Progress reads the count while the others add to it.
  start.arrive_and_wait();
  std::uint64_t last = 0;
  for (int i = 0; i < 1000; ++i) {
    std::uint64_t now = report.read();
    EXPECT_GE(now, last);
    last = now;
  }
  for (auto& t : threads) t.join();

  EXPECT_EQ(report.read(), std::uint64_t{kThreads * kEach});
  IndexReport r = report.take();
  EXPECT_EQ(r.read, std::uint64_t{kThreads * kEach});
  EXPECT_EQ(r.per_format["jsonl"], std::uint64_t{kThreads / 2 * kEach});
  EXPECT_EQ(r.per_format["ungdc"], std::uint64_t{kThreads / 2 * kEach});
  EXPECT_EQ(r.unchanged, std::uint64_t{kThreads * kEach});
  EXPECT_EQ(r.replaced, std::uint64_t{kThreads * kEach});
  EXPECT_EQ(r.kept, std::uint64_t{kThreads * kEach});
  EXPECT_EQ(r.removed, std::uint64_t{2 * kThreads * kEach});
  EXPECT_EQ(r.problems.size(), std::size_t{kThreads * kEach / 10});
  EXPECT_EQ(r.skipped, std::uint64_t{kThreads * kEach / 20});
  EXPECT_EQ(r.files_skipped, std::uint64_t{kThreads * kEach / 100});
  EXPECT_EQ(r.skipped_files.size(), std::size_t{kThreads * kEach / 100});
}

TEST(RunReport, KeepsProblemsInTheOrderAddedAndCountsTheSkippingOnes) {
  RunReport report;
  report.count_read("jsonl");
  report.count_read("");  // no format: read, but under no format
  report.add_problem(problem_at("b.jsonl", 9, "bad-date"));
  report.add_problem(problem_at("a.jsonl", 2, "empty-body", true));
  report.add_skipped_file("notes.txt", "not a statement source");
  IndexReport r = report.take();
  EXPECT_EQ(r.read, 2u);
  EXPECT_EQ(r.per_format, (std::map<std::string, std::uint64_t>{{"jsonl", 1}}));
  EXPECT_EQ(kinds(r), (std::vector<std::string>{"bad-date", "empty-body"}));
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(r.skipped_files, std::vector<std::string>{"notes.txt: not a statement source"});

  // take() leaves it empty, for nothing to be counted twice.
  IndexReport again = report.take();
  EXPECT_EQ(again.read, 0u);
  EXPECT_TRUE(again.problems.empty());
  EXPECT_TRUE(again.per_format.empty());
  EXPECT_EQ(report.read(), 0u);
}

TEST(MergedReport, SumsTheShardsCounts) {
  IndexReport a, b;
  a.read = 5, a.indexed = 3, a.replaced = 1, a.unchanged = 1, a.removed = 2, a.kept = 1;
  a.skipped = 1, a.files_skipped = 1, a.bytes = 100;
  a.per_format = {{"jsonl", 4}, {"ungdc", 1}};
  a.skipped_files = {"x.pdf: not a statement source"};
  b.read = 7, b.indexed = 6, b.replaced = 2, b.unchanged = 0, b.removed = 1, b.kept = 0;
  b.skipped = 1, b.files_skipped = 2, b.bytes = 250;
  b.per_format = {{"jsonl", 7}};
  b.skipped_files = {"y.doc: not a statement source", "z: unreadable"};
  IndexReport r = merged_report({a, b});
  EXPECT_EQ(r.read, 12u);
  EXPECT_EQ(r.indexed, 9u);
  EXPECT_EQ(r.replaced, 3u);
  EXPECT_EQ(r.unchanged, 1u);
  EXPECT_EQ(r.removed, 3u);
  EXPECT_EQ(r.kept, 1u);
  EXPECT_EQ(r.skipped, 2u);
  EXPECT_EQ(r.files_skipped, 3u);
  EXPECT_EQ(r.bytes, 350u);
  EXPECT_EQ(r.per_format, (std::map<std::string, std::uint64_t>{{"jsonl", 11}, {"ungdc", 1}}));
  EXPECT_EQ(r.skipped_files,
            (std::vector<std::string>{"x.pdf: not a statement source",
                                      "y.doc: not a statement source", "z: unreadable"}));
}

// Each shard of an archive records the problems of its own statements;
// the user reads them in the order of the input, as from a single index.
TEST(MergedReport, PutsTheShardsProblemsBackInInputOrder) {
  IndexReport a, b, c;
  a.problems = {problem_at("a.jsonl", 3, "a3"), problem_at("b.jsonl", 1, "b1"),
                problem_at("b.jsonl", 1, "b1-first")};
  b.problems = {problem_at("a.jsonl", 1, "a1"), problem_at("b.jsonl", 1, "b1-second"),
                problem_at("c.jsonl", 2, "c2")};
  c.problems = {problem_at("a.jsonl", 2, "a2")};
  // Records without lines are ordered by their number within the file.
  Problem r2 = problem_at("d.csv", 0, "d-record2");
  r2.where.record = 2;
  Problem r1 = problem_at("d.csv", 0, "d-record1");
  r1.where.record = 1;
  c.problems.push_back(r2);
  c.problems.push_back(r1);
  IndexReport r = merged_report({a, b, c});
  // Problems at the same place keep the order of the parts (stable).
  EXPECT_EQ(kinds(r), (std::vector<std::string>{"a1", "a2", "a3", "b1", "b1-first", "b1-second",
                                                "c2", "d-record1", "d-record2"}));
}

// A single index records its problems in the order it met them, which is
// the input order even where file names do not sort so (a walk's order).
TEST(MergedReport, ASinglePartKeepsTheOrderItsProblemsWereAddedIn) {
  IndexReport only;
  only.problems = {problem_at("z.jsonl", 5, "z5"), problem_at("a.jsonl", 1, "a1"),
                   problem_at("z.jsonl", 1, "z1")};
  IndexReport r = merged_report({only});
  EXPECT_EQ(kinds(r), (std::vector<std::string>{"z5", "a1", "z1"}));
}

}  // namespace
}  // namespace communique::index
