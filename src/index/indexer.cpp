#include "communique/indexer.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "communique/error.h"
#include "communique/gazetteer.h"
#include "communique/importer.h"
#include "core/ascii.h"
#include "core/bounded_queue.h"
#include "core/hash.h"
#include "core/io_error.h"
#include "core/xapian_error.h"
#include "index/document_builder.h"
#include "index/near_duplicates.h"
#include "index/run_report.h"
#include "index/index_dir.h"
#include "index/stub.h"
#include "ingest/normalise.h"
#include "schema/schema.h"

namespace communique {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  Statement statement;
  Provenance where;
  bool first = true;        // the id's first record in this run
  std::string source_file;  // source_path(where.file)
};

struct BuiltDocument {
  std::string id;
  Xapian::Document document;
  std::string hash;
  std::size_t bytes;
  std::string source_file;
  std::vector<std::string> words;  // for the spelling dictionary
};

// Words for the spelling dictionary, which suggests words for queries
// that match nothing: each distinct word of a statement counts once (see
// DocumentBuilder::Spellings). A statement replaced or removed leaves its
// words counted: the searcher offers only suggestions that some statement
// holds. Xapian indexes each new word by its trigrams, in memory until a
// commit, which rewrites (and compresses) the lists of words of each
// trigram touched. Fed statement by statement to thread shards that commit
// every MiB of text, the dictionary cost a fresh build a tenth more CPU
// time; added by each shard at its end, every shard indexed the whole
// vocabulary again, and held it all in memory at once. So a fresh build
// counts the words of all its shards here and writes them once, as a
// database of their own that the compactor merges with the shards, and
// an update writes its words before each of its commits; both commit
// after this many new words, which bounds Xapian's memory for them.
constexpr std::size_t kSpellingBatchWords = 1u << 14;

class SpellingCounts {
 public:
  void add(const std::string& word, Xapian::termcount n) { counts_[word] += n; }
  void add(const std::vector<std::string>& words) {
    for (const auto& word : words) ++counts_[word];
  }
  bool full() const { return counts_.size() >= kSpellingBatchWords; }

  // Adds the words to `db`, calling `commit` after every
  // kSpellingBatchWords of them, and forgets them.
  template <typename Commit>
  void write(Xapian::WritableDatabase& db, Commit&& commit) {
    std::size_t n = 0;
    for (const auto& [word, count] : counts_) {
      db.add_spelling(word, count);
      if (++n % kSpellingBatchWords == 0) commit();
    }
    counts_.clear();
  }

 private:
  std::unordered_map<std::string, Xapian::termcount> counts_;
};

// A file or folder as the index records it (schema::kSourceFileSlot):
// absolute and lexically normal, so that runs from other working
// directories agree; "" for none.
std::string source_path(const std::string& file) {
  if (file.empty()) return {};
  std::error_code ec;
  fs::path absolute = fs::absolute(file, ec);
  std::string s = (ec ? fs::path(file) : absolute).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

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

// Rough in-memory cost of an uncommitted document per byte of text, from
// Xapian's posting buffers; used to turn the memory budget into batches.
constexpr std::size_t kMemoryPerTextByte = 10;
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
constexpr std::size_t kQueueDepth = 256;
// Text waiting in each queue between threads, so that a run of huge
// statements cannot pile up in memory ahead of the writers.
constexpr std::size_t kQueueBytes = 32u << 20;

std::string trim(std::string_view s) { return std::string(core::trim_ascii(s)); }

std::size_t shard_of(const std::string& id, std::size_t shards) {
  return static_cast<std::size_t>(core::fnv1a64(id) % shards);
}

// Held by a thread while Xapian commits one of this process's indexes (or
// writes to the live one, or compacts). When a commit fails for want of
// space, Xapian 1.4 rolls the database back by writing again, and when that
// write fails too it terminates the process (std::terminate, no message of
// ours). The shards of a build share a filesystem: one committing while
// another failed left nothing for the rollback, and a --rebuild onto a full
// disk died in about 1 run in 5 (tests/cli/disk_faults_test.py). Commits
// one at a time leave a failing commit's rollback to compete with other
// processes only, as with any single Xapian writer. Shards add documents
// (buffered in memory until their commit) and the analysis of statements,
// most of the work, still run in parallel: holding the lock across
// add_document too cost 40% of the build time.
std::mutex& disk_writes() {
  static std::mutex mu;
  return mu;
}

// The writer of one index directory (a whole single index, or one shard
// of an archive): holds its lock, runs the analysis and writing threads,
// and stages then publishes what it wrote.
struct Writer {
  fs::path path;
  IndexOptions options;
  const Gazetteer& gazetteer;
  index::WriteLock lock;
  index::IndexDir dir;
  std::string previous_generation;  // the live one when the run started, if any
  bool fresh = false;               // building a new generation from shards
  fs::path build_dir;
  unsigned threads;
  std::size_t batch_bytes;        // text per in-place transaction
  std::size_t shard_batch_bytes;  // text per thread-shard commit

  index::RunReport report;
  // Every id met in this run (pruning keeps them), and whether a record
  // of it went to the writers (a skipped one did not).
  std::unordered_map<std::string, bool> seen_ids;
  std::vector<std::string> prune_prefixes;
  std::uint64_t held_before = 0;  // statements in the live index when an update began

  std::vector<std::unique_ptr<core::BoundedQueue<Job>>> inboxes;
  core::BoundedQueue<BuiltDocument> outbox{kQueueDepth, kQueueBytes};
  std::vector<std::thread> workers;
  std::thread writer;
  std::optional<Xapian::WritableDatabase> live;  // in-place mode
  // In-place mode: the live generation's revision at its last commit, and
  // the sizes its table files had then (see give_back_failed_batch()).
  Xapian::rev committed_revision = 0;
  std::map<fs::path, std::uintmax_t> committed_sizes;
  std::mutex spellings_mu;
  SpellingCounts build_spellings;     // fresh build: every shard's words
  SpellingCounts in_place_spellings;  // in-place mode: the writer thread's
  std::mutex error_mu;
  std::exception_ptr error;
  std::atomic<bool> disk_full{false};  // the error is a full disk (or quota)
  bool space_noted = false;
  std::atomic<std::uint64_t> indexed{0}, bytes{0};
  Clock::time_point started = Clock::now(), last_progress = Clock::now();
  bool finished = false;

  std::uint64_t duplicates = 0;    // ids add()ed more than once in a fresh build
  std::string staged;              // a fresh build's merged generation, not yet live
  std::optional<Xapian::WritableDatabase> staged_db;  // open for pending() until publish
  std::uint64_t staged_count = 0;  // the statements it holds

  // `db` is the index the user named (the archive, for a shard), quoted
  // in the mends that messages suggest.
  Writer(const fs::path& db_path, IndexOptions opts, const fs::path& db)
      : path(db_path),
        options(std::move(opts)),
        gazetteer(options.gazetteer ? *options.gazetteer : Gazetteer::builtin()),
        lock(path),
        dir(path, db) {
    threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::size_t budget = std::max<std::size_t>(options.memory_mb, 16) << 20;
    batch_bytes = std::max<std::size_t>(budget / threads / kMemoryPerTextByte, 1 << 20);
    shard_batch_bytes = std::min(batch_bytes, kShardBatchBytes);
    index::DirState state = dir.state();
    using Kind = index::DirState::Kind;
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
        if (!state.generations.empty()) previous_generation = state.generations.back();
        fresh = true;
        break;
      case Kind::kNothing:
        dir.remove_builds();
        create_empty_generation();
        fresh = true;
        break;
      case Kind::kIndex:
        previous_generation = state.stub.generation();
        dir.clean_up(previous_generation);
        fresh = options.rebuild || live_is_empty();
        break;
    }
    if (fresh)
      start_shards();
    else
      start_in_place();
  }

  ~Writer() {
    if (!finished) abandon();
  }

  // An index that exists but holds nothing, so readers can open it at once.
  void create_empty_generation() {
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
    previous_generation = gen;
  }

  // Whether the live generation holds nothing; one of another format
  // must be rebuilt, not updated.
  bool live_is_empty() {
    try {
      Xapian::Database live_db((path / previous_generation).string());
      if (live_db.get_doccount() == 0) return true;
      index::require_current_format(live_db, path.string());
      return false;
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "opening index " + path.string());
    }
  }

  void start_shards() {
    build_dir = path / ("build-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(build_dir, ec);
    fs::create_directories(build_dir, ec);
    if (ec) throw IoError("cannot create " + build_dir.string() + ": " + ec.message());
    for (unsigned i = 0; i < threads; ++i) {
      inboxes.push_back(std::make_unique<core::BoundedQueue<Job>>(kQueueDepth, kQueueBytes));
    }
    for (unsigned i = 0; i < threads; ++i) {
      workers.emplace_back([this, i] { guarded([&] { shard_worker(i); }); });
    }
  }

  void start_in_place() {
    try {
      live.emplace((path / previous_generation).string(), Xapian::DB_OPEN);
      held_before = live->get_doccount();
      record_commit();
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "opening index " + path.string() + " for writing");
    }
    for (unsigned i = 0; i < threads; ++i) {
      inboxes.push_back(std::make_unique<core::BoundedQueue<Job>>(kQueueDepth, kQueueBytes));
    }
    for (unsigned i = 0; i < threads; ++i) {
      workers.emplace_back([this, i] { guarded([&] { analysis_worker(i); }); });
    }
    writer = std::thread([this] { guarded([&] { write_in_place(); }); });
  }

  // Translates `e`, noting whether the disk is full.
  [[noreturn]] void rethrow(const Xapian::Error& e, const std::string& doing) {
    int err = core::errno_of(e);
    if (err == ENOSPC || err == EDQUOT) disk_full = true;
    core::rethrow(e, doing + path.string());
  }

  // Runs a thread's body; the first failure is kept for finish() and stops
  // the other threads by closing their queues.
  template <typename F>
  void guarded(F&& body) {
    try {
      try {
        body();
      } catch (const Xapian::Error& e) {
        rethrow(e, "writing index ");
      }
    } catch (...) {
      {
        std::lock_guard l(error_mu);
        if (!error) error = std::current_exception();
      }
      for (auto& q : inboxes) q->close();
      outbox.close();
    }
  }

  void shard_worker(unsigned i) {
    index::DocumentBuilder builder(index::DocumentBuilder::Spellings::kCounted);
    // Declared before the shard, so that a shard left by an error, whose
    // destructor commits what it holds, is destroyed with the lock held.
    std::unique_lock disk(disk_writes());
    // A thread shard is scratch space, merged into the new generation by
    // the compactor (which writes that durably) or removed: it needs no
    // fsync of its own.
    Xapian::WritableDatabase shard((build_dir / ("shard-" + std::to_string(i))).string(),
                                   Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    disk.unlock();
    try {
      std::size_t pending = 0;
      while (auto job = inboxes[i]->pop()) {
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
        if (pending >= shard_batch_bytes) {
          disk.lock();
          shard.commit();
          disk.unlock();
          pending = 0;
        }
        bytes += job->statement.body.size();
        ++indexed;
      }
      {
        std::lock_guard l(spellings_mu);
        builder.take_spellings(
            [&](const std::string& word, Xapian::termcount n) { build_spellings.add(word, n); });
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

  void analysis_worker(unsigned i) {
    index::DocumentBuilder builder;
    while (auto job = inboxes[i]->pop()) {
      Xapian::Document doc = builder.build(job->statement, job->source_file);
      std::size_t size = job->statement.body.size();
      if (!outbox.push({job->statement.id, std::move(doc), builder.last_hash(), size,
                        std::move(job->source_file), builder.last_words()},
                       size)) {
        return;
      }
    }
  }

  // The single writer of in-place mode: Xapian transactions of about
  // batch_bytes each (one for the whole run when strict), so a crash or an
  // abandoned run leaves exactly the last committed batch.
  void write_in_place() {
    Xapian::WritableDatabase& db = *live;
    std::size_t pending = 0;
    db.begin_transaction();
    while (auto built = outbox.pop()) {
      std::string id_term = schema::term(schema::kIdPrefix, built->id);
      Xapian::PostingIterator existing = db.postlist_begin(id_term);
      bool present = existing != db.postlist_end(id_term);
      bool same = false;  // the same content as indexed, counted as unchanged
      if (present && options.skip_unchanged) {
        Xapian::Document old = db.get_document(*existing);
        same = old.get_value(schema::kHashSlot) == built->hash;
        // Read from the file it was indexed from (or from no known file):
        // nothing to write. Read from another (a file moved, or indexed
        // before statements recorded their file): written again, so that
        // pruning knows where it now comes from.
        if (same && (built->source_file.empty() ||
                     old.get_value(schema::kSourceFileSlot) == built->source_file)) {
          report.count_unchanged();
          continue;
        }
      }
      {
        std::lock_guard disk(disk_writes());
        db.replace_document(id_term, built->document);
      }
      // A statement written again for its file alone adds no words.
      if (!same) {
        in_place_spellings.add(built->words);
        if (in_place_spellings.full()) in_place_spellings.write(db, [] {});
      }
      if (same) {
        report.count_unchanged();
      } else {
        if (present) report.count_replaced();
        ++indexed;
        bytes += built->bytes;
      }
      pending += built->bytes;
      if (!options.strict && pending >= batch_bytes) {
        in_place_spellings.write(db, [] {});
        {
          std::lock_guard disk(disk_writes());
          db.commit_transaction();
        }
        record_commit();
        if (options.on_commit) options.on_commit(path.string(), db.get_doccount());
        std::lock_guard disk(disk_writes());
        db.begin_transaction();
        pending = 0;
      }
    }
  }

  void record(Problem p) {
    if (options.strict) {
      throw InvalidArgument("--strict: " + describe(p) + "; nothing was committed");
    }
    report.add_problem(std::move(p));
  }

  static std::string describe(const Problem& p) {
    std::string s = p.where.file;
    if (p.where.line)
      s += ":" + std::to_string(p.where.line);
    else if (p.where.record)
      s += " record " + std::to_string(p.where.record);
    if (!p.id.empty()) s += " (" + p.id + ")";
    return s + ": " + p.kind + ": " + p.message;
  }

  void add(Statement s, const Provenance& where) {
    report.count_read(where.format);
    std::vector<Problem> problems;
    bool keep = ingest::normalise_statement(s, where, gazetteer, problems);
    for (auto& p : problems) record(std::move(p));
    if (!keep) {
      if (!s.id.empty()) seen_ids.emplace(s.id, false);
      return;
    }
    auto [seen, new_id] = seen_ids.emplace(s.id, true);
    bool first = new_id || !seen->second;  // no earlier record of it is written
    seen->second = true;
    if (!new_id) {
      record(Problem{"duplicate-id", where, s.id,
                     "id appears more than once in this run; the later record replaces the earlier",
                     false});
      // An in-place writer finds the earlier copy in the database and
      // counts the replacement itself; a fresh build has no such copy,
      // and replaces nothing when the earlier record was skipped.
      if (fresh && !first) {
        report.count_replaced();
        ++duplicates;
      }
    }
    throw_if_failed();
    std::size_t shard = shard_of(s.id, inboxes.size());
    std::size_t size = s.body.size() + s.title.size();
    inboxes[shard]->push(Job{std::move(s), where, first, source_path(where.file)}, size);
  }

  IndexProgress progress() {
    IndexProgress p;
    p.read = report.read();
    p.indexed = indexed;
    p.bytes = bytes;
    return p;
  }

  void throw_if_failed() {
    std::exception_ptr e;
    {
      std::lock_guard l(error_mu);
      e = error;
    }
    if (!e) return;
    if (disk_full && !space_noted) {
      // Abandoned first: the space that gives back is part of what the
      // message reports.
      space_noted = true;
      if (!finished) abandon();
      e = with_space_note(e);
      std::lock_guard l(error_mu);
      error = e;
    }
    std::rethrow_exception(e);
  }

  // `e` (a full disk), saying what space there is and what is needed.
  std::exception_ptr with_space_note(std::exception_ptr e) const {
    try {
      std::rethrow_exception(e);
    } catch (const IoError& io) {
      std::uint64_t live_bytes =
          previous_generation.empty() ? 0 : index::bytes_on_disk(path / previous_generation);
      std::uint64_t free_bytes = index::bytes_free(path);
      std::string note = " (";
      if (free_bytes != UINT64_MAX) note += index::megabytes(free_bytes) + " are free there now; ";
      note += "the live generation of " + path.string() + " takes " + index::megabytes(live_bytes) +
              ": a --rebuild or `communique compact` needs about that much free beside it, an "
              "update about as much as the index grows)";
      return std::make_exception_ptr(IoError(io.what() + note));
    } catch (...) {
      return e;
    }
  }

  // Notes the live generation's state after a commit (or when opened):
  // what give_back_failed_batch() may cut its files back to.
  void record_commit() {
    committed_revision = live->get_revision();
    committed_sizes.clear();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path / previous_generation, ec)) {
      std::string name = entry.path().filename().string();
      if (name.ends_with(".glass")) {
        std::uintmax_t size = entry.file_size(ec);
        if (!ec) committed_sizes[entry.path()] = size;
      }
    }
  }

  // A failed batch leaves the blocks it wrote in the live generation's
  // table files, past all that the last commit uses: Xapian never shrinks
  // a file, so on a full disk they keep the space the next run needs
  // (a one-statement update and a compaction failed until space was
  // added). Every block the committed revision uses was written before
  // that commit, so each file is cut back to its size then. Only while
  // the generation is still at that revision: a commit that reported a
  // failure but was made keeps its blocks.
  void give_back_failed_batch() {
    if (committed_sizes.empty()) return;
    try {
      Xapian::Database now((path / previous_generation).string());
      if (now.get_revision() != committed_revision) return;
    } catch (const Xapian::Error&) {
      return;
    }
    for (const auto& [file, size] : committed_sizes) {
      std::error_code ec;
      std::uintmax_t grown = fs::file_size(file, ec);
      if (!ec && grown > size) fs::resize_file(file, size, ec);
    }
  }

  void join_all() {
    for (auto& q : inboxes) q->close();
    for (auto& t : workers) {
      if (t.joinable()) t.join();
    }
    outbox.close();
    if (writer.joinable()) writer.join();
  }

  // The spelling dictionary of a fresh build, as a database of its own
  // (no statements) for the compactor to merge with the thread shards.
  std::string write_spelling_shard() {
    std::string where = (build_dir / "spelling").string();
    // As in shard_worker: the lock is held whenever Xapian may write,
    // the destructor of a database left by an error included.
    std::unique_lock disk(disk_writes());
    Xapian::WritableDatabase db(where, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    disk.unlock();
    try {
      build_spellings.write(db, [&] {
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

  // Merges the thread shards into a new generation, not yet live, and
  // checks that it opens and holds exactly the statements written.
  void stage_generation() {
    std::string gen = dir.next_generation();
    staged = gen;
    staged_count = indexed - duplicates;
    std::uint64_t expected = indexed - duplicates;
    try {
      Xapian::Database all;
      for (unsigned i = 0; i < threads; ++i) {
        all.add_database(Xapian::Database((build_dir / ("shard-" + std::to_string(i))).string()));
      }
      all.add_database(Xapian::Database(write_spelling_shard()));
      {
        std::lock_guard disk(disk_writes());
        all.compact((path / gen).string());
      }
      index::remove_quietly(build_dir);
      Xapian::Database merged((path / gen).string());
      if (merged.get_doccount() != expected) {
        throw CorruptIndex("the new generation " + (path / gen).string() + " holds " +
                           std::to_string(merged.get_doccount()) + " statements where " +
                           std::to_string(expected) + " were written; the live index is unchanged");
      }
    } catch (const Xapian::Error& e) {
      rethrow(e, "merging index shards into " + gen + " of ");
    }
  }

  // What this run will publish, open for writing, for passes over all of
  // it before publish() (near-duplicate groups): the staged generation of
  // a fresh build, the open transaction of an update.
  Xapian::WritableDatabase& pending() {
    if (!fresh) return *live;
    try {
      if (!staged_db) staged_db.emplace((path / staged).string(), Xapian::DB_OPEN);
    } catch (const Xapian::Error& e) {
      rethrow(e, "opening the new generation " + staged + " of ");
    }
    return *staged_db;
  }

  // Commits what passes wrote to a staged generation.
  void commit_pending() {
    if (!staged_db) return;
    try {
      staged_db->commit();
      staged_db->close();
    } catch (const Xapian::Error& e) {
      rethrow(e, "writing the new generation " + staged + " of ");
    }
    staged_db.reset();
  }

  // Switches readers to the staged generation.
  void switch_generation() {
    dir.switch_to(staged);
    std::string old = previous_generation;
    previous_generation = staged;
    staged.clear();
    dir.clean_up(old);
    if (options.on_commit) options.on_commit(path.string(), staged_count);
  }

  // The id terms of the statements pruning removes: under the prefixes,
  // not met in this run, and not kept by `keep` (given the recorded
  // source file) because their source could not be read. Counts the kept.
  std::vector<std::string> prunable(const std::function<bool(const std::string&)>& keep) {
    Xapian::WritableDatabase& db = *live;
    std::vector<std::string> gone;
    std::unordered_set<std::string> looked_at;  // prefixes may overlap
    for (const auto& prefix : prune_prefixes) {
      std::string term_prefix = schema::term(schema::kIdPrefix, prefix);
      for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
        std::string id = (*t).substr(schema::kIdPrefix.size());
        if (seen_ids.count(id) || !looked_at.insert(*t).second) continue;
        Xapian::PostingIterator doc = db.postlist_begin(*t);
        if (doc != db.postlist_end(*t) &&
            keep(db.get_document(*doc).get_value(schema::kSourceFileSlot))) {
          report.count_kept();
          continue;
        }
        gone.push_back(*t);
      }
    }
    return gone;
  }

  void prune(const std::vector<std::string>& gone) {
    for (const auto& term : gone) live->delete_document(term);
    report.count_removed(gone.size());
  }

  // Ends the threads and prepares the run for publish(): a fresh build
  // stages and checks its generation and returns its path; an update
  // returns "" (the Indexer then prunes in its open transaction).
  std::string stage() {
    join_all();
    throw_if_failed();
    if (fresh) {
      stage_generation();
      return (path / staged).string();
    }
    return {};
  }

  // Makes the staged run visible to readers.
  void publish() {
    try {
      if (fresh) {
        switch_generation();
      } else {
        // An empty transaction commits no new revision: a run that
        // changed nothing leaves the database as it was.
        in_place_spellings.write(*live, [] {});
        live->commit_transaction();
        if (options.on_commit) options.on_commit(path.string(), live->get_doccount());
        live->close();
      }
    } catch (const Xapian::Error& e) {
      rethrow(e, "committing index ");
    }
    finished = true;
  }

  IndexReport take_report() {
    IndexReport r = report.take();
    r.indexed = indexed;
    r.bytes = bytes;
    r.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return r;
  }

  // Stops without committing what is pending.
  void abandon() {
    join_all();
    if (live) {
      {
        std::lock_guard disk(disk_writes());
        try {
          live->cancel_transaction();
        } catch (const Xapian::Error&) {
        }
        try {
          live->close();
        } catch (const Xapian::Error&) {
        }
      }
      live.reset();
      give_back_failed_batch();
    }
    if (!build_dir.empty()) index::remove_quietly(build_dir);
    staged_db.reset();
    if (!staged.empty()) index::remove_quietly(path / staged);
    staged.clear();
    finished = true;
  }
};

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
  // What this run could not read, from the problems and skipped files it
  // was told of (source_path form): pruning keeps what came from there.
  std::set<std::string, std::less<>> unread_paths;
  bool anything_unread = false;  // a problem skipped something unnamed

  Impl(const std::string& db_path, IndexOptions opts) : path(db_path), options(std::move(opts)) {
    if (options.threads > IndexOptions::kMaxThreads) {
      throw InvalidArgument(std::to_string(options.threads) + " indexing threads; at most " +
                            std::to_string(IndexOptions::kMaxThreads) + " are allowed");
    }
    using Kind = index::DirState::Kind;
    index::IndexDir dir(path);
    index::DirState state = dir.state();
    bool archive = state.kind == Kind::kArchive || !state.shards.empty();
    if (options.shards == 0 && !archive) {
      writers.push_back(std::make_unique<Writer>(path, writer_options(1), path));
      return;
    }
    archive_lock.emplace(path);
    state = dir.state();  // again, now that no writer can change it
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
            std::make_unique<Writer>(path / name, writer_options(shard_names.size()), path));
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
      if (!(*it)->finished) (*it)->abandon();
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
        n = std::max<unsigned>(n, static_cast<unsigned>(std::atoi(dir.c_str() + 6)) + 1);
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
    o.memory_mb = std::max<std::size_t>(options.memory_mb / n, 16);
    o.shards = 0;
    o.progress = nullptr;
    o.check = nullptr;
    return o;
  }

  Writer& writer_for(const std::string& id) {
    if (writers.size() == 1) return *writers.front();
    return *writers[shard_of(trim(id), writers.size())];
  }

  void maybe_progress() {
    if (!options.progress) return;
    auto now = Clock::now();
    if (now - last_progress < std::chrono::seconds(1)) return;
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
    fs::path file = path / "XAPIANDB.check";
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
    std::vector<std::vector<std::string>> gone(writers.size());
    std::uint64_t removing = 0, held = 0;
    try {
      for (std::size_t i = 0; i < writers.size(); ++i) {
        Writer& w = *writers[i];
        if (w.fresh || w.prune_prefixes.empty()) continue;
        gone[i] = w.prunable([this](const std::string& file) { return keep(file); });
        removing += gone[i].size();
        held += w.held_before;
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
        if (w->disk_full && !w->space_noted) {
          w->space_noted = true;
          e = w->with_space_note(e);
          break;
        }
      }
      std::rethrow_exception(e);
    }
    return merged_report();
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
      if (err == ENOSPC || err == EDQUOT) writers.front()->disk_full = true;
      core::rethrow(e, "grouping near-identical statements of " + path.string());
    }
    for (auto& w : writers) w->commit_pending();
  }

  IndexReport merged_report() {
    std::vector<IndexReport> parts;
    for (auto& w : writers) parts.push_back(w->take_report());
    IndexReport r = index::merged_report(std::move(parts));
    r.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return r;
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
  Writer& w = *impl_->writers.front();
  // A record an importer could not make into a statement was still read:
  // counting it keeps indexed + skipped == read.
  if (problem.skipped) w.report.count_read(problem.where.format);
  // What was skipped is kept by pruning: a record by its id, anything
  // unnamed (a file, a folder, a line that could not be parsed) by where
  // it lies.
  if (problem.skipped && !problem.id.empty()) {
    impl_->writer_for(problem.id).seen_ids.emplace(trim(problem.id), false);
  } else if (problem.skipped) {
    impl_->anything_unread = true;
    if (!problem.where.file.empty()) impl_->unread_paths.insert(source_path(problem.where.file));
  }
  w.record(std::move(problem));
}

void Indexer::skip_file(const std::string& path, const std::string& reason) {
  // A file that is not statements now may have held some before (a file
  // emptied or damaged on the way): pruning keeps what came from it.
  if (!path.empty()) impl_->unread_paths.insert(source_path(path));
  Writer& w = *impl_->writers.front();
  w.report.add_skipped_file(path, reason);
}

void Indexer::prune_unseen(const std::string& id_prefix) {
  for (auto& w : impl_->writers) w->prune_prefixes.push_back(id_prefix);
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
