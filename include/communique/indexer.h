// Writing statements into an index.
//
// An index is a directory holding a Xapian database generation and a stub
// file naming the live one, plus a write lock:
//
//   DB/XAPIANDB       "auto gen-000003"  (what readers open)
//   DB/gen-000003/    Xapian glass database
//   DB/LOCK           names the one writer's process (the lock itself is
//                     an flock on DB, so deleting this file admits no other)
//
// A fresh build (the first into an empty index, or a rebuild) writes
// shards in parallel (one per thread), merges them into a new generation,
// checks it, and switches it in atomically; the previous generation stays
// until the next writer starts, for readers that still have it open. A
// build into a non-empty index updates the live generation in place with
// Xapian transactions, committing every so often. Either way a reader sees
// whole committed states only, and a killed indexer loses at most the
// uncommitted tail: a killed fresh build leaves the live index untouched.
//
// Each generation also holds a spelling dictionary (Xapian's): the words
// of the statements as written (folded, unstemmed), each counted once per
// statement, from which a Searcher suggests words for query words that
// match nothing. Replacing or removing a statement does not take its words
// out (a rebuild does).
//
// A sharded archive (IndexOptions::shards) is a directory of such indexes,
// one per shard, with a stub listing them, so that opening the archive
// searches them all:
//
//   ARCHIVE/XAPIANDB  "auto shard-00\nauto shard-01\n"
//   ARCHIVE/shard-00/ an index as above (its own generations and lock)
//   ARCHIVE/LOCK      held by the one writer of the archive
//
// Each statement lives in shard fnv1a64(id) % N (64-bit FNV-1a of the id's
// bytes), so updates find it again; each shard can also be served on its
// own by xapian-tcpsrv.
//
// Concurrency: one writer per index or archive at a time, enforced across
// processes by the lock (a second Indexer throws LockedError naming the
// holder's pid). Any number of processes and threads may search while it
// writes. An Indexer is used from one thread; it runs its own threads.
//
// A directory holding generations or shards whose stub is missing, empty
// or damaged is a damaged index, never a place for a new one: writers and
// searchers throw CorruptIndex saying so, and repair_index() (or a
// rebuild) mends it.

#ifndef COMMUNIQUE_INDEXER_H_
#define COMMUNIQUE_INDEXER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "communique/export.h"
#include "communique/report.h"
#include "communique/statement.h"

namespace communique {

class Gazetteer;

struct COMMUNIQUE_EXPORT IndexProgress {
  std::uint64_t read = 0;
  std::uint64_t indexed = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
};

struct COMMUNIQUE_EXPORT IndexOptions {
  // Analysis and writing threads. 0 = one per core; at most kMaxThreads
  // (each writes a shard of its own: thousands would exhaust the process).
  unsigned threads = 0;
  static constexpr unsigned kMaxThreads = 256;

  // Rough bound on memory held in uncommitted documents across all
  // threads, in MiB. Larger batches index faster. Default 1024.
  std::size_t memory_mb = 1024;

  // Replace the whole index with this run's statements instead of adding
  // to it (a fresh generation, switched in when complete and checked).
  bool rebuild = false;

  // 0: keep the index's layout (a single index, or the shard count of an
  // existing archive). N >= 1: write a sharded archive of N shards; the
  // directory must be new, empty, or an archive of N shards already. The
  // shard count of an archive never changes: rebuild into a new directory
  // to change it.
  unsigned shards = 0;

  // Called by finish() before a fresh build is switched in, with a path a
  // Searcher can open that shows the new state (the new generation, or a
  // stub over every shard's new generation). Throw (any exception) to
  // refuse the switch: the new generation is deleted, the live index is
  // left as it was, and finish() rethrows. Runs after the built-in check
  // (the new generation opens and holds exactly the statements written).
  // Not called for in-place updates, which commit as they go.
  std::function<void(const std::string& new_state)> check;

  // Any problem aborts the run before anything is committed.
  bool strict = false;

  // Let prune_unseen() remove more than half the statements the index
  // held; without it finish() refuses such a prune (see prune_unseen).
  bool allow_shrink = false;

  // Skip statements whose content is identical to the indexed copy and
  // count them as unchanged (tools/update). A run that changes nothing
  // writes nothing.
  bool skip_unchanged = false;

  // Called about once a second from the thread calling add()/finish().
  std::function<void(const IndexProgress&)> progress;

  // Called after each commit with the index directory committed (a
  // shard's, in an archive) and the number of statements it then holds:
  // every batch of an in-place update, and the switch to a freshly built
  // generation. May run on an indexing thread, not the caller's. A run
  // killed at any point leaves each index as of its last such call (or of
  // the one whose call it did not live to make).
  std::function<void(const std::string& index, std::uint64_t statements)> on_commit;

  // The gazetteer resolving country names; nullptr = Gazetteer::builtin().
  const Gazetteer* gazetteer = nullptr;
};

class COMMUNIQUE_EXPORT Indexer {
 public:
  // Opens the index or archive at `db_path` and takes its write lock,
  // creating the index only where none exists (no directory, or one that
  // holds no index). Throws LockedError when another process holds it,
  // IoError when the directory cannot be created or written,
  // InvalidArgument when options.shards does not fit the directory, it
  // holds a database Communique did not write, or options.threads exceeds
  // kMaxThreads; CorruptIndex when it holds an index whose stub is
  // missing, empty or damaged (options.rebuild writes past that, and
  // mends it at its switch; nothing is removed before).
  Indexer(const std::string& db_path, IndexOptions options = {});

  // Without finish(), discards what was not committed and releases the lock.
  ~Indexer();

  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Queues one statement. Every statement, from an importer or given
  // here, first passes the one normalisation stage: its country and
  // mentions resolved to codes (the issuer's own country is not a
  // mention), each person and country once, people's names tidied, the
  // post as its category ("minister of foreign affairs" -> "foreign
  // minister") or as written, a date that does not exist dropped, the
  // language checked or guessed. A statement that cannot be indexed (no
  // id, empty body) is recorded as a Problem and skipped; it never throws
  // for bad records. May block while writers catch up. `where.file`, when
  // given, is recorded with the statement as the file it was read from
  // (see prune_unseen); an update that skips unchanged statements still
  // rewrites one given with another file than its indexed copy was (and
  // counts it as unchanged).
  void add(Statement statement, const Provenance& where = {});

  // Records a problem found before a statement existed (an importer's).
  // A problem that skips a record counts that record as read.
  void report(Problem problem);

  // Counts a file that was looked at and is not a statement source.
  void skip_file(const std::string& path, const std::string& reason);

  // Removes every statement whose id starts with `id_prefix` ("" for all)
  // and that was not add()ed in this run (tools/update --prune), counting
  // them in IndexReport::removed. Call before finish(). Has no effect on a
  // fresh build, which holds only this run's statements anyway.
  //
  // Never removes what this run could not read: a statement add()ed but
  // skipped as bad, or report()ed skipped with its id; and every statement
  // whose recorded source file (the Provenance::file it was add()ed with)
  // is, or lies under, the file of a problem report()ed as skipping
  // without an id (an unreadable file or folder, a dangling link, a line
  // that could not be parsed) or a path given to skip_file(). When such a
  // problem was reported, statements recorded without a source file are
  // kept too. These are counted in IndexReport::kept.
  //
  // When the prune would remove more than half the statements the index
  // held (an unmounted share, an emptied folder), finish() throws
  // InvalidArgument and removes nothing, unless options.allow_shrink.
  void prune_unseen(const std::string& id_prefix);

  // Writes everything, commits (a fresh build: checks the new generation,
  // runs options.check, switches it in) and returns the report. Call once.
  // Throws InvalidArgument in strict mode when any problem was recorded,
  // CorruptIndex when the new generation fails the built-in check, or what
  // options.check threw; in each case nothing of this run is visible to
  // readers, except the batches an in-place update had already committed.
  IndexReport finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct COMMUNIQUE_EXPORT CompactReport {
  std::uint64_t statements = 0;    // in the compacted index
  std::uint64_t bytes_before = 0;  // size of the live generation(s) before
  std::uint64_t bytes_after = 0;   // and after
  double seconds = 0;
};

// Compacts the live generation of the index (or of each shard of the
// archive) at `db_path` with Xapian's compactor into a new generation,
// checks that it holds the same statements, and switches it in, all under
// the write lock, so it never races an update. Readers keep searching
// throughout. Needs free space for the compacted copy: at most the live
// generation's size (every shard's, for an archive); the generation before
// the live one is removed first. Throws NotFound when there is no index
// there, LockedError when a writer holds it, CorruptIndex when its stub is
// damaged (nothing is compacted then), IoError or CorruptIndex when
// compaction fails (the live index is then unchanged; a full disk's
// message says how much more space it needs).
COMMUNIQUE_EXPORT CompactReport compact_index(const std::string& db_path);

struct COMMUNIQUE_EXPORT RepairReport {
  // What repair found and did, one line per index directory, such as
  // "DB: the stub now names gen-000004 (1234 statements)" or
  // "DB/shard-01: sound, gen-000002 (617 statements)".
  std::vector<std::string> actions;
  bool changed = false;  // whether any stub was rewritten
};

// Mends the index (or archive) at `db_path` whose stub is missing, empty,
// damaged or names a generation that is gone or unreadable: points it at
// the newest complete generation in its directory (one Xapian opens and
// whose format this version reads), and says which. For an archive, each
// shard's stub so, then the archive's stub listing its shard-NN
// directories. A sound stub is left as it is, and no generation is ever
// removed (the next writer removes those older than the previous one).
// Runs under the write lock. Throws NotFound when there is no index at
// `db_path`, CorruptIndex when an index directory has no complete
// generation left or an archive lacks a shard (nothing is changed then:
// rebuild from the sources), LockedError when a writer holds it, IoError.
COMMUNIQUE_EXPORT RepairReport repair_index(const std::string& db_path);

}  // namespace communique

#endif  // COMMUNIQUE_INDEXER_H_
