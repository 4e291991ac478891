#include "query/index_reader.h"

#include <cerrno>
#include <filesystem>

#include "communique/error.h"
#include "core/io_error.h"
#include "core/xapian_error.h"
#include "index/index_dir.h"
#include "index/stub.h"

namespace communique::query {

namespace fs = std::filesystem;

namespace {

// What the local stubs along `path` say: an index directory's stub, an
// archive's stub and each shard's, or a stub file and the local databases
// it names. Changes exactly when a writer switches a generation in.
std::string stub_fingerprint(const fs::path& path, int depth = 0) {
  index::Stub stub = index::Stub::read(path);
  std::string out = stub.text();
  if (depth > 4) return out;
  for (const auto& child : stub.local_paths()) out += stub_fingerprint(child, depth + 1);
  return out;
}

// The databases `path` opens as: how many local ones (following stubs
// through index directories and archives), and whether any is remote.
struct Layout {
  int local = 0;
  bool remote = false;
};

Layout layout_of(const fs::path& path, int depth = 0) {
  index::Stub stub = index::Stub::read(path);
  if (stub.kind() == index::Stub::Kind::kAbsent) return {1, false};  // a database directory
  Layout out{stub.in_memory(), stub.names_remote()};
  if (depth > 4) return out;
  for (const auto& child : stub.local_paths()) {
    Layout inner = layout_of(child, depth + 1);
    out.local += inner.local;
    out.remote = out.remote || inner.remote;
  }
  return out;
}

// Why the index directory `dir` (or a shard of it) cannot be searched, or
// "" when it can. `db` is the directory the user named.
std::string problem_of(const fs::path& dir, const fs::path& db, int depth = 0) {
  using Kind = index::DirState::Kind;
  index::DirState state = index::IndexDir(dir, db).state();
  switch (state.kind) {
    case Kind::kCorrupt:
      return state.problem;
    case Kind::kNothing:
      if (depth == 0) {
        throw NotFound(dir.string() +
                       " is a directory but not an index; point --db at a directory made by "
                       "`communique index`");
      }
      return "archive " + db.string() + " lists " + dir.filename().string() +
             ", which holds no index, and its statements are gone; rebuild the archive from its "
             "sources with `communique index --rebuild --db " +
             db.string() + " SOURCES...`";
    case Kind::kArchive:
      for (const auto& shard : state.stub.shards()) {
        if (depth > 0) break;
        std::string problem = problem_of(dir / shard, db, depth + 1);
        if (!problem.empty()) return problem;
      }
      return {};
    case Kind::kIndex:
    case Kind::kDatabase:
      return {};
  }
  return {};
}

}  // namespace

IndexReader::IndexReader(std::string path) : path_(std::move(path)) { open(); }

bool IndexReader::reopen() {
  try {
    if (stub_fingerprint(path_) != fingerprint_) {
      open();
      return true;
    }
    return db_.reopen();
  } catch (const Xapian::Error& e) {
    // Rebuilds may have switched the stub and removed the generation held
    // since we read the stub: open the one switched in.
    if (stub_fingerprint(path_) != fingerprint_) {
      open();
      return true;
    }
    core::rethrow(e, "reopening index " + path_);
  }
}

std::string IndexReader::generation() const {
  index::IndexDir dir(path_);
  std::string out = dir.live_generation();
  for (const auto& shard : dir.shards()) {
    index::IndexDir shard_dir(fs::path(path_) / shard);
    out += (out.empty() ? "" : " ") + shard + "/" + shard_dir.live_generation();
  }
  return out;
}

void IndexReader::open() {
  std::error_code ec;
  if (!fs::exists(path_, ec)) {
    throw NotFound("no index at " + path_ + "; create one with `communique index --db " + path_ +
                   " FILES...` (or set COMMUNIQUE_DB)");
  }
  bool directory = fs::is_directory(path_, ec);
  for (int attempt = 1;; ++attempt) {
    // Read before opening: if a switch happens in between, the next
    // reopen() sees a changed fingerprint and opens again.
    std::string fp = stub_fingerprint(path_);
    // A damaged index is named as such, never opened as something else
    // (Xapian would open an empty stub as an empty database).
    std::string problem = directory ? problem_of(path_, path_) : std::string();
    if (!problem.empty()) {
      // Unless a rebuild switched generations while we looked.
      if (attempt < kReadAttempts && stub_fingerprint(path_) != fp) continue;
      throw CorruptIndex(problem);
    }
    try {
      db_ = Xapian::Database(path_);
      index::require_current_format(db_, path_);
      Layout layout = layout_of(path_);
      sharded_ = layout.remote || layout.local != 1;
      fingerprint_ = std::move(fp);
      return;
    } catch (const Xapian::Error& e) {
      // A rebuild may have switched the stub and removed the generation
      // it named between our reading the stub and opening the tables.
      if (attempt < kReadAttempts && !fp.empty() && stub_fingerprint(path_) != fp) continue;
      std::string_view type = e.get_type();
      int err = core::errno_of(e);
      if (directory && err != EMFILE && err != ENFILE &&
          (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")) {
        // Its stubs are sound (checked above), so a generation they name
        // is damaged.
        std::string what = e.get_msg();
        if (const char* detail = e.get_error_string(); detail && *detail)
          what += std::string(" (") + detail + ")";
        throw CorruptIndex("index " + path_ + ": a live generation cannot be opened: " + what +
                           "; point the stub at the newest complete generation with "
                           "`communique repair --db " +
                           path_ +
                           "`, or rebuild it from its sources with "
                           "`communique index --rebuild --db " +
                           path_ + " SOURCES...`");
      }
      core::rethrow(e, "opening index " + path_);
    }
  }
}

}  // namespace communique::query
