// communique::Indexer: the coordinator of an indexing run over a single
// index (one Writer) or a sharded archive (one Writer per shard, see
// index/writer.h), and IndexingSink.

#include "communique/indexer.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "communique/error.h"
#include "communique/importer.h"
#include "core/ascii.h"
#include "core/xapian_error.h"
#include "index/index_dir.h"
#include "index/near_duplicates.h"
#include "index/run_report.h"
#include "index/stub.h"
#include "index/writer.h"

namespace communique {

namespace fs = std::filesystem;

namespace {

using index::Clock;
using index::Writer;

// How often progress is reported, at most.
constexpr auto kProgressInterval = std::chrono::seconds(1);

// The name of a shard's directory before its number (index::shard_name).
constexpr std::string_view kShardDirPrefix = "shard-";

// Where finish() writes the stub over every shard's new generation that
// IndexOptions::check opens, beside the archive's own.
constexpr const char* kCheckStubName = "XAPIANDB.check";

std::string trim(std::string_view s) { return std::string(core::trim_ascii(s)); }

// Whether the recorded source `file` is one of `paths` or lies under one
// (all as source_path gives them).
bool lies_in(std::string_view file, const std::set<std::string, std::less<>>& paths) {
  while (!file.empty()) {
    if (paths.find(file) != paths.end()) return true;
    std::size_t slash = file.rfind('/');
    if (slash == std::string_view::npos || file == "/") return false;
    file = file.substr(0, slash == 0 ? 1 : slash);
  }
  return false;
}

}  // namespace

// A single index has one Writer; an archive one per shard, each with its
// own lock under the archive's, statements routed by a stable hash of
// their id so that an update finds every statement in its shard again.
struct Indexer::Impl {
  fs::path path;
  IndexOptions options;
  std::optional<index::WriteLock> archive_lock;
  std::vector<std::string> shard_names;  // empty for a single index
  std::vector<std::unique_ptr<Writer>> writers;
  Clock::time_point started = Clock::now(), last_progress = Clock::now();
  bool finished = false;
  std::vector<std::string> prune_prefixes;  // prune_unseen()'s
  // What this run could not read, from the problems and skipped files it
  // was told of (source_path form): pruning keeps what came from there.
  std::set<std::string, std::less<>> unread_paths;
  bool anything_unread = false;  // a problem skipped something unnamed

  Impl(const std::string& db_path, IndexOptions opts) : path(db_path), options(std::move(opts)) {
    if (options.threads > IndexOptions::kMaxThreads) {
      throw InvalidArgument(std::to_string(options.threads) + " indexing threads; at most " +
                            std::to_string(IndexOptions::kMaxThreads) + " are allowed");
    }
    index::IndexDir dir(path);
    index::DirState state = dir.state();
    bool archive = state.kind == index::DirState::Kind::kArchive || !state.shards.empty();
    if (options.shards == 0 && !archive) {
      writers.push_back(index::open_writer(path, writer_options(1), path));
    } else {
      open_archive(dir);
    }
  }

  // Takes the archive's lock, then opens (or creates) every shard's
  // writer: all or none.
  void open_archive(index::IndexDir& dir) {
    using Kind = index::DirState::Kind;
    archive_lock.emplace(path);
    index::DirState state = dir.state();  // again, now that no writer can change it
    bool created = false;
    switch (state.kind) {
      case Kind::kArchive:
        shard_names = state.stub.shards();
        break;
      case Kind::kNothing:
        if (options.shards == 0) {  // it was an archive a moment ago
          throw CorruptIndex(path.string() + " stopped being a sharded archive while opening it");
        }
        for (unsigned i = 0; i < options.shards; ++i) shard_names.push_back(index::shard_name(i));
        created = true;
        break;
      case Kind::kCorrupt:
        // As for a single index: only a rebuild writes past a damaged
        // stub; it lists the shards again, and each shard's writer mends
        // its own.
        if (!options.rebuild || !state.generations.empty()) throw CorruptIndex(state.problem);
        shard_names = shards_to_rebuild(state);
        created = true;
        break;
      case Kind::kIndex:
        throw InvalidArgument(path.string() +
                              " is a single index; to shard it, rebuild into a new directory "
                              "(communique index --shards " +
                              std::to_string(options.shards) + " --db NEWDIR ...)");
      case Kind::kDatabase:
        throw InvalidArgument(path.string() +
                              " holds a Xapian database or stub that Communique did not write; "
                              "give `communique index` a new or empty directory, or one it made");
    }
    if (options.shards != 0 && options.shards != shard_names.size()) {
      throw InvalidArgument(path.string() + " is an archive of " +
                            std::to_string(shard_names.size()) + " shards, not " +
                            std::to_string(options.shards) +
                            "; to change the shard count, rebuild into a new directory");
    }
    // Every shard checked before any is opened: a damaged one stops the
    // run with nothing touched (each writer checks its own again, locked).
    for (const auto& name : shard_names) {
      index::DirState shard = index::IndexDir(path / name, path).state();
      if (shard.kind == Kind::kCorrupt && !options.rebuild) throw CorruptIndex(shard.problem);
    }
    try {
      for (const auto& name : shard_names) {
        writers.push_back(
            index::open_writer(path / name, writer_options(shard_names.size()), path));
      }
    } catch (...) {
      // One shard failed to open (its lock, say, with no descriptor
      // left) after others started building: those builds go too.
      abandon_all();
      throw;
    }
    if (created) dir.write_stub(index::Stub::of_local(shard_names));
  }

  ~Impl() { abandon_all(); }

  // Stops every writer's threads before any removes its build: a thread
  // still writing one shard holds descriptors that another's removal may
  // need (a run short of them is often why it is being abandoned).
  void abandon_all() {
    for (auto& w : writers) w->join_all();
    for (auto it = writers.rbegin(); it != writers.rend(); ++it) {
      if (!(*it)->finished()) (*it)->abandon();
    }
  }

  // The shards a --rebuild of an archive with a damaged stub writes: those
  // its stub still lists, else --shards N, else as many as the highest
  // shard directory says. Every shard directory there must be among them.
  std::vector<std::string> shards_to_rebuild(const index::DirState& state) const {
    std::vector<std::string> names = state.stub.shards();
    if (names.empty() || (options.shards != 0 && options.shards != names.size())) {
      names.clear();
      unsigned n = options.shards;
      for (const auto& dir : state.shards) {
        unsigned number = static_cast<unsigned>(std::atoi(dir.c_str() + kShardDirPrefix.size()));
        n = std::max(n, number + 1);
      }
      for (unsigned i = 0; i < n; ++i) names.push_back(index::shard_name(i));
    }
    for (const auto& dir : state.shards) {
      if (std::find(names.begin(), names.end(), dir) == names.end()) {
        throw InvalidArgument(path.string() + " holds " + dir + ", which is not among its " +
                              std::to_string(names.size()) +
                              " shards; rebuild the archive into a new directory");
      }
    }
    return names;
  }

  // Each writer gets its share of the threads and memory; progress and
  // the check are the Indexer's own.
  IndexOptions writer_options(std::size_t n) const {
    IndexOptions o = options;
    unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    o.threads = std::max<unsigned>(1, threads / static_cast<unsigned>(n));
    o.memory_mb = std::max<std::size_t>(options.memory_mb / n, index::kMinMemoryMb);
    o.shards = 0;
    o.progress = nullptr;
    o.check = nullptr;
    return o;
  }

  Writer& writer_for(const std::string& id) {
    if (writers.size() == 1) return *writers.front();
    return *writers[index::shard_of(trim(id), writers.size())];
  }

  // Where what the Indexer is told of before any statement exists (an
  // importer's problems, skipped files) is counted.
  index::RunReport& run_report() { return writers.front()->report(); }

  void maybe_progress() {
    if (!options.progress) return;
    auto now = Clock::now();
    if (now - last_progress < kProgressInterval) return;
    last_progress = now;
    IndexProgress total;
    for (auto& w : writers) {
      IndexProgress p = w->progress();
      total.read += p.read;
      total.indexed += p.indexed;
      total.bytes += p.bytes;
    }
    total.seconds = std::chrono::duration<double>(now - started).count();
    options.progress(total);
  }

  // The state a reader would see after the switch: the new generation of
  // a single index, or a stub over every shard's new generation.
  std::string new_state(const std::vector<std::string>& staged) {
    if (shard_names.empty()) return staged.front();
    std::vector<std::string> generations;
    for (std::size_t i = 0; i < shard_names.size(); ++i) {
      generations.push_back((fs::path(shard_names[i]) / fs::path(staged[i]).filename()).string());
    }
    std::string stub = index::Stub::of_local(generations);
    fs::path file = path / kCheckStubName;
    std::ofstream out(file, std::ios::trunc);
    out << stub;
    out.close();
    if (!out) throw IoError("cannot write " + file.string() + ": is the disk full?");
    return file.string();
  }

  // Whether pruning keeps a statement read from `file` (recorded source).
  bool keep(const std::string& file) const {
    return file.empty() ? anything_unread : lies_in(file, unread_paths);
  }

  // Prunes every updated index, or refuses (InvalidArgument, nothing
  // removed) to remove more than half the statements they held.
  void prune() {
    if (prune_prefixes.empty()) return;
    std::vector<std::vector<std::string>> gone(writers.size());
    std::uint64_t removing = 0, held = 0;
    try {
      for (std::size_t i = 0; i < writers.size(); ++i) {
        gone[i] = writers[i]->prunable(prune_prefixes,
                                       [this](const std::string& file) { return keep(file); });
        removing += gone[i].size();
        held += writers[i]->held_before();
      }
      if (removing * 2 > held && !options.allow_shrink) {
        throw InvalidArgument(
            "--prune would remove " + std::to_string(removing) + " of the " + std::to_string(held) +
            " statements in " + path.string() +
            ", more than half: is a source missing, unmounted or half-synchronised? Nothing "
            "was removed. If the sources are complete, run again with --allow-shrink");
      }
      for (std::size_t i = 0; i < writers.size(); ++i) {
        if (!gone[i].empty()) writers[i]->prune(gone[i]);
      }
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "pruning index " + path.string());
    }
  }

  IndexReport finish() {
    if (finished) throw InvalidArgument("Indexer::finish() called twice");
    finished = true;
    try {
      std::vector<std::string> staged;
      for (auto& w : writers) staged.push_back(w->stage());
      prune();
      group_near_duplicates();
      bool all_fresh = std::none_of(staged.begin(), staged.end(),
                                    [](const std::string& s) { return s.empty(); });
      if (all_fresh && options.check) {
        std::string state = new_state(staged);
        try {
          options.check(state);
        } catch (...) {
          if (!shard_names.empty()) index::remove_quietly(state);
          throw;
        }
        if (!shard_names.empty()) index::remove_quietly(state);
      }
      for (auto& w : writers) w->publish();
    } catch (...) {
      abandon_all();
      std::exception_ptr e = std::current_exception();
      for (auto& w : writers) {
        if (w->explain_full_disk(e)) break;
      }
      std::rethrow_exception(e);
    }
    std::vector<IndexReport> parts;
    for (auto& w : writers) parts.push_back(w->take_report());
    IndexReport report = index::merged_report(std::move(parts));
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
  }

  // Near-identical statements grouped over the whole index, every shard
  // at once, within the run: readers see the groups with the statements.
  void group_near_duplicates() {
    std::vector<Xapian::WritableDatabase*> dbs;
    for (auto& w : writers) dbs.push_back(&w->pending());
    try {
      index::group_near_duplicates(dbs);
    } catch (const Xapian::Error& e) {
      int err = core::errno_of(e);
      if (err == ENOSPC || err == EDQUOT) writers.front()->note_disk_full();
      core::rethrow(e, "grouping near-identical statements of " + path.string());
    }
    for (auto& w : writers) w->commit_pending();
  }
};

Indexer::Indexer(const std::string& db_path, IndexOptions options)
    : impl_(std::make_unique<Impl>(db_path, std::move(options))) {}

Indexer::~Indexer() = default;

void Indexer::add(Statement statement, const Provenance& where) {
  impl_->writer_for(statement.id).add(std::move(statement), where);
  impl_->maybe_progress();
}

void Indexer::report(Problem problem) {
  // A record an importer could not make into a statement was still read:
  // counting it keeps indexed + skipped == read.
  if (problem.skipped) impl_->run_report().count_read(problem.where.format);
  // What was skipped is kept by pruning: a record by its id, anything
  // unnamed (a file, a folder, a line that could not be parsed) by where
  // it lies.
  if (problem.skipped && !problem.id.empty()) {
    impl_->writer_for(problem.id).note_skipped_id(trim(problem.id));
  } else if (problem.skipped) {
    impl_->anything_unread = true;
    if (!problem.where.file.empty()) {
      impl_->unread_paths.insert(index::source_path(problem.where.file));
    }
  }
  impl_->writers.front()->record(std::move(problem));
}

void Indexer::skip_file(const std::string& path, const std::string& reason) {
  // A file that is not statements now may have held some before (a file
  // emptied or damaged on the way): pruning keeps what came from it.
  if (!path.empty()) impl_->unread_paths.insert(index::source_path(path));
  impl_->run_report().add_skipped_file(path, reason);
}

void Indexer::prune_unseen(const std::string& id_prefix) {
  impl_->prune_prefixes.push_back(id_prefix);
}

IndexReport Indexer::finish() { return impl_->finish(); }

void IndexingSink::statement(Statement statement, const Provenance& where) {
  indexer_.add(std::move(statement), where);
}

void IndexingSink::problem(Problem problem) { indexer_.report(std::move(problem)); }

void IndexingSink::skipped_file(const std::string& path, const std::string& reason) {
  indexer_.skip_file(path, reason);
}

}  // namespace communique
