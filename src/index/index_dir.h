// The on-disk layout of an index directory: generations, the stub naming
// the live one, and the writer's lock (see communique/indexer.h).

#ifndef COMMUNIQUE_INDEX_INDEX_DIR_H_
#define COMMUNIQUE_INDEX_INDEX_DIR_H_

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace communique::index {

inline constexpr const char* kStubName = "XAPIANDB";
inline constexpr const char* kLockName = "LOCK";

// Holds the exclusive write lock of an index directory for its lifetime.
// The lock is an flock(2) on DB/LOCK, so it dies with its process.
class WriteLock {
 public:
  // Creates `dir` if needed. Throws LockedError naming the holder when
  // another process has the lock, IoError when the directory is unusable.
  explicit WriteLock(const std::filesystem::path& dir);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

 private:
  int fd_ = -1;
};

class IndexDir {
 public:
  explicit IndexDir(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& path() const { return dir_; }

  // The live generation's directory name ("gen-000003"), or "" when the
  // directory has no stub yet (or is a sharded archive).
  std::string live_generation() const;

  // The shard directories a sharded archive's stub lists, in order
  // ("shard-00", "shard-01", ...); empty for a single index. Throws
  // CorruptIndex when the stub mixes shards with anything else.
  std::vector<std::string> shards() const;

  // Replaces the stub with `content` atomically (write, fsync, rename).
  // REQUIRES: the write lock is held.
  void write_stub(const std::string& content);

  // A name for the next generation, not yet existing.
  std::string next_generation() const;

  // Points the stub at `generation` atomically (write, fsync, rename).
  // REQUIRES: the write lock is held and `generation` is a complete database.
  void switch_to(const std::string& generation);

  // Removes build directories left by killed runs and generations older
  // than the previous one (kept for readers that still have it open).
  // REQUIRES: the write lock is held.
  void clean_up(const std::string& previous_generation) const;

 private:
  std::filesystem::path dir_;
};

// The directory name of shard `i` of an archive ("shard-00").
std::string shard_name(unsigned i);

// Whether `path` looks like an index directory, a Xapian database or stub.
bool looks_like_database(const std::filesystem::path& path);

// Throws CorruptIndex, saying to rebuild, when `db` (opened from `path`)
// was written by Communique in another format than schema::kFormatVersion.
// Plain Xapian databases (no format recorded) pass.
void require_current_format(const Xapian::Database& db, const std::string& path);

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_INDEX_DIR_H_
