// The writer of one index directory (a whole single index, or one shard
// of an archive), in either of its two modes: a fresh build
// (fresh_build.h) or an in-place update (in_place_update.h). What both
// share is here: the lock, the directory, the statements' way to the
// threads, the capture of the threads' first failure, and the report.

#ifndef COMMUNIQUE_INDEX_WRITER_H_
#define COMMUNIQUE_INDEX_WRITER_H_

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "communique/indexer.h"
#include "core/bounded_queue.h"
#include "core/hash.h"
#include "index/index_dir.h"
#include "index/run_report.h"

namespace communique::index {

using Clock = std::chrono::steady_clock;

// Statements waiting in each queue between threads, and their text, so
// that a run of huge statements cannot pile up in memory ahead of the
// writers.
inline constexpr std::size_t kQueueDepth = 256;
inline constexpr std::size_t kQueueBytes = 32u << 20;

// The least memory budget (IndexOptions::memory_mb) a writer is given.
inline constexpr std::size_t kMinMemoryMb = 16;

// The shard of an archive (or thread of a writer) that statement `id`
// goes to, out of `shards`: stable across runs and versions, so that an
// update finds every statement where it was written.
inline std::size_t shard_of(std::string_view id, std::size_t shards) {
  return static_cast<std::size_t>(core::fnv1a64(id) % shards);
}

// A file or folder as the index records it (schema::kSourceFileSlot):
// absolute and lexically normal, so that runs from other working
// directories agree; "" for none.
std::string source_path(const std::string& file);

// Held by a thread while Xapian commits one of this process's indexes (or
// writes to the live one, or compacts). When a commit fails for want of
// space, Xapian 1.4 rolls the database back by writing again, and when that
// write fails too it terminates the process (std::terminate, no message of
// ours). The shards of a build share a filesystem: one committing while
// another failed left nothing for the rollback, and a --rebuild onto a full
// disk died in about 1 run in 5 (tests/cli/disk_faults_test.py). Commits
// one at a time leave a failing commit's rollback to compete with other
// processes only, as with any single Xapian writer. Shards add documents
// (buffered in memory until their commit) and the analysis of statements,
// most of the work, still run in parallel: holding the lock across
// add_document too cost 40% of the build time.
std::mutex& disk_writes();

// A statement on its way from Writer::add to a thread.
struct Job {
  Statement statement;
  Provenance where;
  bool first = true;        // the id's first record in this run
  std::string source_file;  // source_path(where.file)
};

// An index directory opened for writing: its lock held, its state read.
struct OpenedDir {
  std::filesystem::path path;
  std::unique_ptr<WriteLock> lock;
  IndexDir dir;
  // The generation readers see as the run starts ("" for none). Under a
  // --rebuild of a damaged stub, the newest generation there, which the
  // switch keeps as the previous one.
  std::string live_generation;
};

// One index directory's writer. Its public calls come from the Indexer's
// thread; it runs threads of its own, started by the mode's constructor.
// Without publish(), destroying it abandons the run (abandon()).
class Writer {
 public:
  virtual ~Writer() = default;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Normalises `s`, records its problems, and queues it for its thread
  // (the same thread for every record of an id). May block while the
  // threads catch up. Throws what a thread failed with, and
  // InvalidArgument for a problem under --strict.
  void add(Statement s, const Provenance& where);

  // Records a problem (an importer's, or one add() found). Throws
  // InvalidArgument under --strict: nothing is committed then.
  void record(Problem p);

  // An id read in this run but not indexed (its record was skipped):
  // pruning keeps its statement.
  void note_skipped_id(const std::string& id) { seen_ids_.emplace(id, false); }

  // The report this run adds to (also for what the Indexer is told of
  // before any statement exists).
  RunReport& report() { return report_; }

  IndexProgress progress() const;

  // Ends the threads and prepares the run for publish(): rethrows what a
  // thread failed with; a fresh build stages and checks its generation and
  // returns its path; an update returns "" (the Indexer then prunes in
  // its open transaction).
  virtual std::string stage() = 0;

  // What this run will publish, open for writing, for passes over all of
  // it before publish() (near-duplicate groups): the staged generation of
  // a fresh build, the open transaction of an update.
  virtual Xapian::WritableDatabase& pending() = 0;

  // Commits what those passes wrote to a staged generation.
  virtual void commit_pending() {}

  // Makes the staged run visible to readers.
  virtual void publish() = 0;

  // Stops without committing what is pending.
  virtual void abandon() = 0;

  // Closes the queues and waits for the threads to end.
  virtual void join_all();

  // Pruning (Indexer::prune_unseen) removes from an update only: a fresh
  // build holds this run's statements alone, and has nothing to prune.
  //
  // What pruning weighs its removals against: the statements the index
  // held when the run began (0 for a fresh build).
  virtual std::uint64_t held_before() const { return 0; }
  // The id terms of the statements pruning removes: under `prefixes`, not
  // met in this run, and not kept by `keep` (given the recorded source
  // file) because their source could not be read. Counts the kept.
  virtual std::vector<std::string> prunable(
      const std::vector<std::string>& /*prefixes*/,
      const std::function<bool(const std::string&)>& /*keep*/) {
    return {};
  }
  // Removes the statements of those id terms, in the open transaction.
  virtual void prune(const std::vector<std::string>& /*gone*/) {}

  bool finished() const { return finished_; }

  // Notes that a failure of this index outside its threads was a full
  // disk (or quota).
  void note_disk_full() { disk_full_ = true; }

  // When this writer failed for a full disk and no message said so yet,
  // adds to `e` what space there is and what is needed, and returns true.
  bool explain_full_disk(std::exception_ptr& e);

  // The report of the run, with what was indexed; once.
  IndexReport take_report();

 protected:
  Writer(OpenedDir opened, IndexOptions options);

  // Runs a thread's body; the first failure is kept for throw_if_failed()
  // and stops the other threads by closing their queues.
  template <typename F>
  void guarded(F&& body) {
    try {
      try {
        body();
      } catch (const Xapian::Error& e) {
        rethrow(e, "writing index ");
      }
    } catch (...) {
      {
        std::lock_guard l(error_mu_);
        if (!error_) error_ = std::current_exception();
      }
      close_queues();
    }
  }

  // Closes every queue between threads, so that each ends.
  virtual void close_queues();

  // Rethrows the first failure of a thread, if any (a full disk's after
  // abandoning the run, with the space that gave back).
  void throw_if_failed();

  // Translates `e` (`doing` is followed by the path), noting whether the
  // disk is full.
  [[noreturn]] void rethrow(const Xapian::Error& e, const std::string& doing);

  // Called by add() when a later record of an id replaces an earlier one
  // this run queued. An update finds the earlier copy in the database and
  // counts the replacement itself.
  virtual void replaced_in_run() {}

  const std::filesystem::path path_;
  const IndexOptions options_;
  const Gazetteer& gazetteer_;
  std::unique_ptr<WriteLock> lock_;
  IndexDir dir_;
  std::string live_generation_;  // see OpenedDir
  unsigned threads_;
  std::size_t batch_bytes_;  // text per batch the memory budget allows a thread

  RunReport report_;
  // Every id met in this run (pruning keeps them), and whether a record
  // of it went to the threads (a skipped one did not).
  std::unordered_map<std::string, bool> seen_ids_;

  std::vector<std::unique_ptr<core::BoundedQueue<Job>>> inboxes_;  // one per thread
  std::vector<std::thread> workers_;
  std::atomic<std::uint64_t> indexed_{0}, bytes_{0};
  Clock::time_point started_ = Clock::now();
  bool finished_ = false;

 private:
  // `e` (a full disk), saying what space there is and what is needed.
  std::exception_ptr with_space_note(std::exception_ptr e) const;

  std::mutex error_mu_;
  std::exception_ptr error_;
  std::atomic<bool> disk_full_{false};  // the error is a full disk (or quota)
  bool space_noted_ = false;
};

// Opens the index directory `path` for writing (taking its lock) and
// starts the writer its state calls for: a fresh build into a new
// generation when it holds no index yet, an empty one, or options.rebuild;
// else an in-place update of the live generation. `db` is the index the
// user named (the archive, for a shard), quoted in the mends that messages
// suggest. Throws as Indexer's constructor says.
std::unique_ptr<Writer> open_writer(const std::filesystem::path& path, IndexOptions options,
                                    const std::filesystem::path& db);

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_WRITER_H_
