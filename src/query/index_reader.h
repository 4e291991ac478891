// Opening an index for reading, and following it: a Communique index
// directory (through its stub to the live generation), a sharded archive,
// a Xapian database or a stub file listing shards (local or remote). It
// refuses a damaged index with CorruptIndex rather than open it as
// something else, retries while a rebuild switches generations
// underneath, and reopens at the latest committed state, a newly switched
// generation included, cheaply when nothing changed.

#ifndef COMMUNIQUE_QUERY_INDEX_READER_H_
#define COMMUNIQUE_QUERY_INDEX_READER_H_

#include <xapian.h>

#include <string>

namespace communique::query {

// Attempts at a read while writers commit underneath (each attempt
// reopens at the latest commit), and at opening an index whose stub a
// rebuild switches meanwhile. Bounded: a reader never spins forever.
inline constexpr int kReadAttempts = 8;

class IndexReader {
 public:
  // Throws NotFound when nothing is at `path` (or a directory that is not
  // an index), CorruptIndex when it is damaged or of another format,
  // IoError when it cannot be read (a remote shard unreachable, no file
  // descriptors left).
  explicit IndexReader(std::string path);

  // Moves to the latest committed state. Returns whether the state
  // changed (commits, or a generation switched in). Throws like the
  // constructor.
  bool reopen();

  const Xapian::Database& db() const { return db_; }
  const std::string& path() const { return path_; }

  // Whether the database is several (shards, remote ones included): such
  // a database counts facets with Xapian's stock spies.
  bool sharded() const { return sharded_; }

  // The live generation ("gen-000003"; "shard-00/gen-000003 ..." for an
  // archive); "" for a plain Xapian database or stub file.
  std::string generation() const;

 private:
  void open();

  std::string path_;
  Xapian::Database db_;
  std::string fingerprint_;  // the stubs' text when db_ was opened
  bool sharded_ = false;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_INDEX_READER_H_
