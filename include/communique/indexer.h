// Writing statements into an index.
//
// An index is a directory holding a Xapian database generation and a stub
// file naming the live one, plus a write lock:
//
//   DB/XAPIANDB       "auto gen-000003"  (what readers open)
//   DB/gen-000003/    Xapian glass database
//   DB/LOCK           held by the one writer, names its process
//
// A first build writes shards in parallel (one per thread) and merges them
// into a new generation, which is switched in atomically when complete; a
// build into a non-empty index updates the live generation in place with
// Xapian transactions, committing every `commit_every_bytes`. Either way a
// reader sees whole committed states only, and a killed indexer loses at
// most the uncommitted tail.

#ifndef COMMUNIQUE_INDEXER_H_
#define COMMUNIQUE_INDEXER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

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
  // Analysis and writing threads. 0 = one per core.
  unsigned threads = 0;

  // Rough bound on memory held in uncommitted documents across all
  // threads, in MiB. Larger batches index faster. Default 1024.
  std::size_t memory_mb = 1024;

  // Replace the whole index with this run's statements instead of adding
  // to it (a fresh generation, switched in when complete).
  bool rebuild = false;

  // Any problem aborts the run before anything is committed.
  bool strict = false;

  // Skip statements whose content is identical to the indexed copy and
  // count them as unchanged (tools/update).
  bool skip_unchanged = false;

  // Called about once a second from the thread calling add()/finish().
  std::function<void(const IndexProgress&)> progress;

  // The gazetteer resolving country names; nullptr = Gazetteer::builtin().
  const Gazetteer* gazetteer = nullptr;
};

class COMMUNIQUE_EXPORT Indexer {
 public:
  // Opens (creating if needed) the index at `db_path` and takes its write
  // lock. Throws LockedError when another process holds it, IoError when
  // the directory cannot be created or written.
  Indexer(const std::string& db_path, IndexOptions options = {});

  // Without finish(), discards what was not committed and releases the lock.
  ~Indexer();

  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Queues one statement. A statement that cannot be indexed (no id, empty
  // body) is recorded as a Problem and skipped; it never throws for bad
  // records. May block while writers catch up.
  void add(Statement statement, const Provenance& where = {});

  // Records a problem found before a statement existed (an importer's).
  // A problem that skips a record counts that record as read.
  void report(Problem problem);

  // Counts a file that was looked at and is not a statement source.
  void skip_file(const std::string& path, const std::string& reason);

  // Removes every statement whose id starts with `id_prefix` and that was
  // not add()ed in this run (tools/update --prune). Call before finish().
  void prune_unseen(const std::string& id_prefix);

  // Writes everything, commits, switches a rebuilt generation in, and
  // returns the report. In strict mode, throws InvalidArgument without
  // committing when any problem was recorded.
  IndexReport finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace communique

#endif  // COMMUNIQUE_INDEXER_H_
