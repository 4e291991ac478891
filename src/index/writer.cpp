#include "index/writer.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <utility>

#include "communique/error.h"
#include "communique/gazetteer.h"
#include "core/io_error.h"
#include "core/xapian_error.h"
#include "index/fresh_build.h"
#include "index/in_place_update.h"
#include "ingest/normalise.h"
#include "schema/schema.h"

namespace communique::index {

namespace fs = std::filesystem;

namespace {

// Rough in-memory cost of an uncommitted document per byte of text, from
// Xapian's posting buffers; used to turn the memory budget into batches.
constexpr std::size_t kMemoryPerTextByte = 10;
// The least text per batch, whatever the budget.
constexpr std::size_t kMinBatchBytes = 1u << 20;

// An index that exists but holds nothing, so readers can open it at once;
// returns its generation, now live.
std::string create_empty_generation(const fs::path& path, IndexDir& dir) {
  std::string gen = dir.next_generation();
  try {
    Xapian::WritableDatabase db((path / gen).string(), Xapian::DB_CREATE);
    db.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormatVersion));
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    core::rethrow(e, "creating index " + path.string());
  }
  dir.switch_to(gen);
  return gen;
}

// Whether the live generation `gen` holds nothing; one of another format
// must be rebuilt, not updated.
bool is_empty(const fs::path& path, const std::string& gen) {
  try {
    Xapian::Database live_db((path / gen).string());
    if (live_db.get_doccount() == 0) return true;
    require_current_format(live_db, path.string());
    return false;
  } catch (const Xapian::Error& e) {
    core::rethrow(e, "opening index " + path.string());
  }
}

// A problem as --strict reports it: where, which id, what.
std::string describe(const Problem& p) {
  std::string s = p.where.file;
  if (p.where.line)
    s += ":" + std::to_string(p.where.line);
  else if (p.where.record)
    s += " record " + std::to_string(p.where.record);
  if (!p.id.empty()) s += " (" + p.id + ")";
  return s + ": " + p.kind + ": " + p.message;
}

}  // namespace

std::string source_path(const std::string& file) {
  if (file.empty()) return {};
  std::error_code ec;
  fs::path absolute = fs::absolute(file, ec);
  std::string s = (ec ? fs::path(file) : absolute).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::mutex& disk_writes() {
  static std::mutex mu;
  return mu;
}

std::unique_ptr<Writer> open_writer(const fs::path& path, IndexOptions options,
                                    const fs::path& db) {
  auto lock = std::make_unique<WriteLock>(path);
  IndexDir dir(path, db);
  DirState state = dir.state();
  std::string live;
  bool fresh = false;
  using Kind = DirState::Kind;
  switch (state.kind) {
    case Kind::kArchive:
      throw InvalidArgument(path.string() +
                            " is a sharded archive, not a single index; open it with shards = 0");
    case Kind::kDatabase:
      throw InvalidArgument(path.string() +
                            " holds a Xapian database or stub that Communique did not write; "
                            "give `communique index` a new or empty directory, or one it made");
    case Kind::kCorrupt:
      // Never write around a stub that does not name the live generation:
      // creating a new index there would hide the statements of the old
      // one. --rebuild replaces the index, so it mends it; until its
      // switch, nothing is removed (those generations may be all that is
      // left), and afterwards the newest of them is kept as the previous.
      if (!options.rebuild || !state.shards.empty()) throw CorruptIndex(state.problem);
      dir.remove_builds();
      if (!state.generations.empty()) live = state.generations.back();
      fresh = true;
      break;
    case Kind::kNothing:
      dir.remove_builds();
      live = create_empty_generation(path, dir);
      fresh = true;
      break;
    case Kind::kIndex:
      live = state.stub.generation();
      dir.clean_up(live);
      fresh = options.rebuild || is_empty(path, live);
      break;
  }
  OpenedDir opened{path, std::move(lock), std::move(dir), std::move(live)};
  if (fresh) return std::make_unique<FreshBuild>(std::move(opened), std::move(options));
  return std::make_unique<InPlaceUpdate>(std::move(opened), std::move(options));
}

Writer::Writer(OpenedDir opened, IndexOptions options)
    : path_(std::move(opened.path)),
      options_(std::move(options)),
      gazetteer_(options_.gazetteer ? *options_.gazetteer : Gazetteer::builtin()),
      lock_(std::move(opened.lock)),
      dir_(std::move(opened.dir)),
      live_generation_(std::move(opened.live_generation)) {
  threads_ =
      options_.threads ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
  std::size_t budget = std::max(options_.memory_mb, kMinMemoryMb) << 20;
  batch_bytes_ = std::max(budget / threads_ / kMemoryPerTextByte, kMinBatchBytes);
  for (unsigned i = 0; i < threads_; ++i) {
    inboxes_.push_back(std::make_unique<core::BoundedQueue<Job>>(kQueueDepth, kQueueBytes));
  }
}

void Writer::add(Statement s, const Provenance& where) {
  report_.count_read(where.format);
  std::vector<Problem> problems;
  bool keep = ingest::normalise_statement(s, where, gazetteer_, problems);
  for (auto& p : problems) record(std::move(p));
  if (!keep) {
    if (!s.id.empty()) seen_ids_.emplace(s.id, false);
    return;
  }
  auto [seen, new_id] = seen_ids_.emplace(s.id, true);
  bool first = new_id || !seen->second;  // no earlier record of it is written
  seen->second = true;
  if (!new_id) {
    record(Problem{"duplicate-id", where, s.id,
                   "id appears more than once in this run; the later record replaces the earlier",
                   false});
    // A fresh build has no earlier copy in the database, and replaces
    // nothing when the earlier record was skipped.
    if (!first) replaced_in_run();
  }
  throw_if_failed();
  std::size_t shard = shard_of(s.id, inboxes_.size());
  std::size_t size = s.body.size() + s.title.size();
  inboxes_[shard]->push(Job{std::move(s), where, first, source_path(where.file)}, size);
}

void Writer::record(Problem p) {
  if (options_.strict) {
    throw InvalidArgument("--strict: " + describe(p) + "; nothing was committed");
  }
  report_.add_problem(std::move(p));
}

IndexProgress Writer::progress() const {
  IndexProgress p;
  p.read = report_.read();
  p.indexed = indexed_;
  p.bytes = bytes_;
  return p;
}

void Writer::throw_if_failed() {
  std::exception_ptr e;
  {
    std::lock_guard l(error_mu_);
    e = error_;
  }
  if (!e) return;
  if (disk_full_ && !space_noted_) {
    // Abandoned first: the space that gives back is part of what the
    // message reports.
    space_noted_ = true;
    if (!finished_) abandon();
    e = with_space_note(e);
    std::lock_guard l(error_mu_);
    error_ = e;
  }
  std::rethrow_exception(e);
}

bool Writer::explain_full_disk(std::exception_ptr& e) {
  if (!disk_full_ || space_noted_) return false;
  space_noted_ = true;
  e = with_space_note(e);
  return true;
}

std::exception_ptr Writer::with_space_note(std::exception_ptr e) const {
  try {
    std::rethrow_exception(e);
  } catch (const IoError& io) {
    std::uint64_t live_bytes =
        live_generation_.empty() ? 0 : bytes_on_disk(path_ / live_generation_);
    std::uint64_t free_bytes = bytes_free(path_);
    std::string note = " (";
    if (free_bytes != UINT64_MAX) note += megabytes(free_bytes) + " are free there now; ";
    note += "the live generation of " + path_.string() + " takes " + megabytes(live_bytes) +
            ": a --rebuild or `communique compact` needs about that much free beside it, an "
            "update about as much as the index grows)";
    return std::make_exception_ptr(IoError(io.what() + note));
  } catch (...) {
    return e;
  }
}

void Writer::rethrow(const Xapian::Error& e, const std::string& doing) {
  int err = core::errno_of(e);
  if (err == ENOSPC || err == EDQUOT) disk_full_ = true;
  core::rethrow(e, doing + path_.string());
}

void Writer::close_queues() {
  for (auto& q : inboxes_) q->close();
}

void Writer::join_all() {
  for (auto& q : inboxes_) q->close();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
}

IndexReport Writer::take_report() {
  IndexReport r = report_.take();
  r.indexed = indexed_;
  r.bytes = bytes_;
  r.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  return r;
}

}  // namespace communique::index
