// A fresh build of an index directory: the first into an empty index, or
// a rebuild. Each thread analyses its statements and writes them into a
// thread shard of its own under DIR/build-PID/; at the end the shards and
// the spelling dictionary are merged into a new generation, checked, and
// switched in by publish(). The live generation is not touched until that
// switch: a killed or abandoned build leaves it as it was.

#ifndef COMMUNIQUE_INDEX_FRESH_BUILD_H_
#define COMMUNIQUE_INDEX_FRESH_BUILD_H_

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "index/spelling_counts.h"
#include "index/writer.h"

namespace communique::index {

class FreshBuild final : public Writer {
 public:
  // Creates the build directory and starts one thread per shard. Throws
  // IoError when the directory cannot be created.
  FreshBuild(OpenedDir opened, IndexOptions options);
  ~FreshBuild() override;

  // Merges the shards into a new generation, not yet live, and checks
  // that it opens and holds exactly the statements written (CorruptIndex
  // if not); returns its path.
  std::string stage() override;
  Xapian::WritableDatabase& pending() override;
  void commit_pending() override;
  // Switches readers to the staged generation.
  void publish() override;
  void abandon() override;

 private:
  void replaced_in_run() override;
  void shard_worker(unsigned i);
  std::filesystem::path shard_path(unsigned i) const;
  std::string write_spelling_shard();

  std::filesystem::path build_dir_;
  std::size_t shard_batch_bytes_;  // text per thread-shard commit
  std::mutex spellings_mu_;
  SpellingCounts spellings_;  // every shard's words

  std::uint64_t duplicates_ = 0;  // later records of an id, each replacing the earlier
  std::string staged_;            // the merged generation, not yet live
  std::optional<Xapian::WritableDatabase> staged_db_;  // open for pending() until publish
  std::uint64_t staged_count_ = 0;                     // the statements it holds
};

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_FRESH_BUILD_H_
