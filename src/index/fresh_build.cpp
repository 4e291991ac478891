#include "index/fresh_build.h"

#include <unistd.h>

#include <algorithm>
#include <system_error>

#include "communique/error.h"
#include "index/document_builder.h"
#include "schema/schema.h"

namespace communique::index {

namespace fs = std::filesystem;

namespace {

// A fresh build commits each thread shard after about this much text (or
// its share of the memory budget, if smaller). Xapian buffers a batch's
// postings and positions in maps keyed by term; past a few hundred
// statements those maps outgrow the processor's caches and every posting
// costs cache misses, which cost more than flushing often: on the shared
// corpus, 3 MiB batches took 0.73x the CPU of the 51 MiB ones a 1 GiB
// budget gives, 1 MiB batches 0.88x that again, at a tenth of the memory.
// (The compactor merges the shards, so their layout never reaches the
// index.)
constexpr std::size_t kShardBatchBytes = 1u << 20;

}  // namespace

FreshBuild::FreshBuild(OpenedDir opened, IndexOptions options)
    : Writer(std::move(opened), std::move(options)),
      build_dir_(path_ / ("build-" + std::to_string(::getpid()))),
      shard_batch_bytes_(std::min(batch_bytes_, kShardBatchBytes)) {
  std::error_code ec;
  fs::remove_all(build_dir_, ec);
  fs::create_directories(build_dir_, ec);
  if (ec) throw IoError("cannot create " + build_dir_.string() + ": " + ec.message());
  for (unsigned i = 0; i < threads_; ++i) {
    workers_.emplace_back([this, i] { guarded([&] { shard_worker(i); }); });
  }
}

FreshBuild::~FreshBuild() {
  if (!finished_) abandon();
}

fs::path FreshBuild::shard_path(unsigned i) const {
  return build_dir_ / ("shard-" + std::to_string(i));
}

void FreshBuild::replaced_in_run() {
  report_.count_replaced();
  ++duplicates_;
}

void FreshBuild::shard_worker(unsigned i) {
  DocumentBuilder builder(DocumentBuilder::Spellings::kCounted);
  // Declared before the shard, so that a shard left by an error, whose
  // destructor commits what it holds, is destroyed with the lock held.
  std::unique_lock disk(disk_writes());
  // A thread shard is scratch space, merged into the new generation by
  // the compactor (which writes that durably) or removed: it needs no
  // fsync of its own.
  Xapian::WritableDatabase shard(shard_path(i).string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  disk.unlock();
  try {
    std::size_t pending = 0;
    while (auto job = inboxes_[i]->pop()) {
      Xapian::Document doc = builder.build(job->statement, job->source_file);
      // The shard started empty and holds only this run's statements, so
      // a first record cannot replace anything: adding it spares the
      // lookup of its id term. A later record of the same id (always
      // routed to the same shard) replaces the earlier one, which keeps
      // its docid.
      if (job->first) {
        shard.add_document(doc);
      } else {
        shard.replace_document(schema::term(schema::kIdPrefix, job->statement.id), doc);
      }
      pending += job->statement.body.size();
      if (pending >= shard_batch_bytes_) {
        disk.lock();
        shard.commit();
        disk.unlock();
        pending = 0;
      }
      bytes_ += job->statement.body.size();
      ++indexed_;
    }
    {
      std::lock_guard l(spellings_mu_);
      builder.take_spellings(
          [&](const std::string& word, Xapian::termcount n) { spellings_.add(word, n); });
    }
    disk.lock();
    shard.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormatVersion));
    shard.commit();
    shard.close();
  } catch (...) {
    if (!disk.owns_lock()) disk.lock();
    throw;
  }
}

// The spelling dictionary, as a database of its own (no statements) for
// the compactor to merge with the thread shards.
std::string FreshBuild::write_spelling_shard() {
  std::string where = (build_dir_ / "spelling").string();
  // As in shard_worker: the lock is held whenever Xapian may write,
  // the destructor of a database left by an error included.
  std::unique_lock disk(disk_writes());
  Xapian::WritableDatabase db(where, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  disk.unlock();
  try {
    spellings_.write(db, [&] {
      disk.lock();
      db.commit();
      disk.unlock();
    });
    disk.lock();
    db.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormatVersion));
    db.commit();
    db.close();
  } catch (...) {
    if (!disk.owns_lock()) disk.lock();
    throw;
  }
  return where;
}

std::string FreshBuild::stage() {
  join_all();
  throw_if_failed();
  std::string gen = dir_.next_generation();
  staged_ = gen;
  staged_count_ = indexed_ - duplicates_;
  std::uint64_t expected = indexed_ - duplicates_;
  try {
    Xapian::Database all;
    for (unsigned i = 0; i < threads_; ++i)
      all.add_database(Xapian::Database(shard_path(i).string()));
    all.add_database(Xapian::Database(write_spelling_shard()));
    {
      std::lock_guard disk(disk_writes());
      all.compact((path_ / gen).string());
    }
    remove_quietly(build_dir_);
    Xapian::Database merged((path_ / gen).string());
    if (merged.get_doccount() != expected) {
      throw CorruptIndex("the new generation " + (path_ / gen).string() + " holds " +
                         std::to_string(merged.get_doccount()) + " statements where " +
                         std::to_string(expected) + " were written; the live index is unchanged");
    }
  } catch (const Xapian::Error& e) {
    rethrow(e, "merging index shards into " + gen + " of ");
  }
  return (path_ / staged_).string();
}

Xapian::WritableDatabase& FreshBuild::pending() {
  try {
    if (!staged_db_) staged_db_.emplace((path_ / staged_).string(), Xapian::DB_OPEN);
  } catch (const Xapian::Error& e) {
    rethrow(e, "opening the new generation " + staged_ + " of ");
  }
  return *staged_db_;
}

void FreshBuild::commit_pending() {
  if (!staged_db_) return;
  try {
    staged_db_->commit();
    staged_db_->close();
  } catch (const Xapian::Error& e) {
    rethrow(e, "writing the new generation " + staged_ + " of ");
  }
  staged_db_.reset();
}

void FreshBuild::publish() {
  try {
    dir_.switch_to(staged_);
    std::string old = live_generation_;
    live_generation_ = staged_;
    staged_.clear();
    dir_.clean_up(old);
    if (options_.on_commit) options_.on_commit(path_.string(), staged_count_);
  } catch (const Xapian::Error& e) {
    rethrow(e, "committing index ");
  }
  finished_ = true;
}

void FreshBuild::abandon() {
  join_all();
  remove_quietly(build_dir_);
  staged_db_.reset();
  if (!staged_.empty()) remove_quietly(path_ / staged_);
  staged_.clear();
  finished_ = true;
}

}  // namespace communique::index
