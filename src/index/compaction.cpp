// communique::compact_index: each live generation compacted into a new
// one, checked, and switched in under the write lock (see
// communique/indexer.h).

#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "communique/error.h"
#include "communique/indexer.h"
#include "core/xapian_error.h"
#include "index/index_dir.h"

namespace communique {

namespace fs = std::filesystem;

namespace {

// Bytes of the regular files under `dir`, as their sizes say.
std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// The index at `path` as compact finds it: a single index (or, with
// `archive`, an archive), else why not.
index::DirState compactable(const index::IndexDir& dir, bool archive) {
  using Kind = index::DirState::Kind;
  index::DirState state = dir.state();
  if (state.kind == Kind::kCorrupt) throw CorruptIndex(state.problem);
  if (state.kind == Kind::kIndex || (archive && state.kind == Kind::kArchive)) return state;
  throw NotFound("no index at " + dir.path().string() +
                 "; compact works on a directory made by `communique index`");
}

void compact_one(const fs::path& path, const fs::path& db, CompactReport& report) {
  index::WriteLock lock(path);
  index::IndexDir dir(path, db);
  std::string live = compactable(dir, false).stub.generation();
  dir.clean_up(live);  // first, so that compaction has the previous generation's room
  std::string gen = dir.next_generation();
  std::uint64_t free_before = index::bytes_free(path);
  try {
    Xapian::Database source((path / live).string());
    Xapian::doccount statements = source.get_doccount();
    source.compact((path / gen).string());
    Xapian::doccount after = Xapian::Database((path / gen).string()).get_doccount();
    if (after != statements) {
      index::remove_quietly(path / gen);
      throw CorruptIndex("compacting " + path.string() + " gave " + std::to_string(after) +
                         " statements, not " + std::to_string(statements) +
                         "; the live index is unchanged");
    }
    report.statements += statements;
  } catch (const Xapian::Error& e) {
    index::remove_quietly(path / gen);
    int err = core::errno_of(e);
    if (err != ENOSPC && err != EDQUOT) core::rethrow(e, "compacting " + path.string());
    std::uint64_t need = index::bytes_on_disk(path / live);
    std::string more = free_before < need
                           ? "at least " + index::megabytes(need - free_before) + " more"
                           : "some space";
    std::string what = e.get_msg();
    if (const char* detail = e.get_error_string(); detail && *detail)
      what += std::string(" (") + detail + ")";
    throw IoError("compacting " + path.string() + ": " + what +
                  "; the disk is full: compaction writes a compacted copy of the live "
                  "generation beside it, at most its " +
                  index::megabytes(need) + ", and " + index::megabytes(free_before) +
                  " were free: free " + more +
                  ", then run the same command again; the live index is unchanged");
  }
  report.bytes_before += directory_bytes(path / live);
  report.bytes_after += directory_bytes(path / gen);
  dir.switch_to(gen);
  dir.clean_up(live);
}

}  // namespace

CompactReport compact_index(const std::string& db_path) {
  auto started = std::chrono::steady_clock::now();
  fs::path path(db_path);
  CompactReport report;
  index::IndexDir dir(path);
  if (compactable(dir, true).kind == index::DirState::Kind::kIndex) {
    compact_one(path, path, report);
  } else {
    index::WriteLock lock(path);
    std::vector<std::string> shards = compactable(dir, true).stub.shards();
    // Every shard checked first: a damaged one stops the run before any
    // other is touched.
    for (const auto& name : shards) compactable(index::IndexDir(path / name, path), false);
    for (const auto& name : shards) compact_one(path / name, path, report);
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace communique
