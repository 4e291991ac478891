// The on-disk layout of an index directory: generations, the stub naming
// the live one, and the writer's lock (see communique/indexer.h).

#ifndef COMMUNIQUE_INDEX_INDEX_DIR_H_
#define COMMUNIQUE_INDEX_INDEX_DIR_H_

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "index/stub.h"

namespace communique::index {

inline constexpr const char* kLockName = "LOCK";

// Holds the exclusive write lock of an index directory for its lifetime.
//
// The lock is an flock(2) on a descriptor of the directory itself, so it
// dies with its process, and nothing done to the files inside (a LOCK
// deleted by hand) can admit a second writer. DB/LOCK only names the
// holder ("pid N (name)") for the next writer's message, and is emptied on
// release; its presence proves nothing. One descriptor per lock: an
// archive holds one for itself and one per shard. (Writers before this
// scheme flocked DB/LOCK instead: do not run one beside a newer one.)
// flock on a directory works on local filesystems, not over NFS.
class WriteLock {
 public:
  // Creates `dir` if needed. Throws LockedError naming the holder when
  // another process has the lock, IoError when the directory is unusable
  // (not writable: the lock file cannot be created).
  explicit WriteLock(const std::filesystem::path& dir);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

 private:
  int dir_fd_ = -1;
  std::filesystem::path lock_file_;
};

// What an index directory holds, read from its stub and its entries.
struct DirState {
  enum class Kind {
    kNothing,   // no directory, or one holding no index: a writer may create one
    kIndex,     // a single index: the stub names a generation that exists
    kArchive,   // an archive: the stub lists shard directories that all exist
    kDatabase,  // a plain Xapian database, or a stub naming databases Communique
                // did not write (a user's stub of remote shards): searched, never written
    kCorrupt,   // an index whose stub is missing, empty, garbled, or names what is gone
  };
  Kind kind = Kind::kNothing;
  Stub stub;
  std::vector<std::string> generations;  // gen-* directories, oldest first
  std::vector<std::string> shards;       // shard-* directories, in order
  // kCorrupt: the whole message, naming the directory, what is wrong and
  // the mend (`communique repair` where there is something to repair from,
  // else a rebuild from the sources).
  std::string problem;
};

class IndexDir {
 public:
  // `db` is the index a user names in commands, quoted in the mends that
  // messages suggest: the archive, for one of its shards (default: `dir`).
  explicit IndexDir(std::filesystem::path dir, std::filesystem::path db = {})
      : dir_(std::move(dir)), db_(db.empty() ? dir_ : std::move(db)) {}

  const std::filesystem::path& path() const { return dir_; }

  // Reads the stub and lists the directory. Throws IoError when either
  // exists but cannot be read.
  DirState state() const;

  // The live generation's directory name ("gen-000003"), or "" when the
  // stub does not name one (none yet, a sharded archive, or a damaged stub).
  std::string live_generation() const;

  // The shard directories a sharded archive's stub lists, in order
  // ("shard-00", "shard-01", ...); empty when it is not an archive's stub.
  std::vector<std::string> shards() const;

  // Replaces the stub with `content` atomically (write, fsync, rename).
  // REQUIRES: the write lock is held.
  void write_stub(const std::string& content);

  // A name for the next generation, not yet existing. Throws IoError when
  // the directory cannot be listed.
  std::string next_generation() const;

  // Points the stub at `generation` atomically (write, fsync, rename).
  // REQUIRES: the write lock is held and `generation` is a complete database.
  void switch_to(const std::string& generation);

  // Removes build directories left by killed runs and generations other
  // than the live one and `previous_generation` (kept for readers that
  // still have it open). Removes no generation unless the stub names a
  // live one that exists. REQUIRES: the write lock is held.
  void clean_up(const std::string& previous_generation) const;

  // Removes only the build directories left by killed runs.
  // REQUIRES: the write lock is held.
  void remove_builds() const;

 private:
  std::filesystem::path dir_;
  std::filesystem::path db_;
};

// The directory name of shard `i` of an archive ("shard-00").
std::string shard_name(unsigned i);

// Throws CorruptIndex, saying to rebuild, when `db` (opened from `path`)
// was written by Communique in another format than schema::kFormatVersion.
// Plain Xapian databases (no format recorded) pass.
void require_current_format(const Xapian::Database& db, const std::string& path);

// Bytes the regular files under `dir` take on disk (allocated blocks, so
// a sparse file counts what it holds).
std::uint64_t bytes_on_disk(const std::filesystem::path& dir);

// Bytes an unprivileged writer may still write on the filesystem holding
// `path`, or UINT64_MAX when that cannot be told.
std::uint64_t bytes_free(const std::filesystem::path& path);

// Removes `path` and all under it, if it can: scratch (a build, a
// generation that was not switched in) whose removal is best effort.
void remove_quietly(const std::filesystem::path& path);

// "12.3 MB": a size for messages.
std::string megabytes(std::uint64_t bytes);

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_INDEX_DIR_H_
