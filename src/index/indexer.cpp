#include "communique/indexer.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "communique/analyzer.h"
#include "communique/error.h"
#include "communique/gazetteer.h"
#include "core/bounded_queue.h"
#include "core/xapian_error.h"
#include "index/document_builder.h"
#include "index/index_dir.h"
#include "index/schema.h"

namespace communique {

namespace fs = std::filesystem;
namespace schema = index::schema;

namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  Statement statement;
  Provenance where;
};

struct BuiltDocument {
  std::string id;
  Xapian::Document document;
  std::string hash;
  std::size_t bytes;
};

// Rough in-memory cost of an uncommitted document per byte of text, from
// Xapian's posting buffers; used to turn the memory budget into batches.
constexpr std::size_t kMemoryPerTextByte = 10;
constexpr std::size_t kQueueDepth = 256;

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::size_t shard_of(const std::string& id, std::size_t shards) {
  return std::hash<std::string>{}(id) % shards;
}

}  // namespace

struct Indexer::Impl {
  fs::path path;
  IndexOptions options;
  const Gazetteer& gazetteer;
  index::WriteLock lock;
  index::IndexDir dir;
  std::string previous_generation;
  bool fresh = false;  // building a new generation from shards
  fs::path build_dir;
  unsigned threads;
  std::size_t batch_bytes;

  std::mutex report_mu;
  IndexReport report;
  std::unordered_set<std::string> seen_ids;
  std::vector<std::string> prune_prefixes;

  std::vector<std::unique_ptr<core::BoundedQueue<Job>>> inboxes;
  core::BoundedQueue<BuiltDocument> outbox{kQueueDepth};
  std::vector<std::thread> workers;
  std::thread writer;
  std::optional<Xapian::WritableDatabase> live;  // in-place mode
  std::mutex error_mu;
  std::exception_ptr error;
  std::atomic<std::uint64_t> indexed{0}, bytes{0};
  Clock::time_point started = Clock::now(), last_progress = Clock::now();
  bool finished = false;

  Impl(const std::string& db_path, IndexOptions opts)
      : path(db_path),
        options(std::move(opts)),
        gazetteer(options.gazetteer ? *options.gazetteer : Gazetteer::builtin()),
        lock(path),
        dir(path) {
    threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::size_t budget = std::max<std::size_t>(options.memory_mb, 16) << 20;
    batch_bytes = std::max<std::size_t>(budget / threads / kMemoryPerTextByte, 1 << 20);
    previous_generation = dir.live_generation();
    dir.clean_up(previous_generation);
    if (previous_generation.empty()) create_empty_generation();
    fresh = options.rebuild || live_is_empty();
    if (fresh) start_shards();
    else start_in_place();
  }

  ~Impl() {
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

  bool live_is_empty() {
    try {
      return Xapian::Database((path / previous_generation).string()).get_doccount() == 0;
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
      inboxes.push_back(std::make_unique<core::BoundedQueue<Job>>(kQueueDepth));
    }
    for (unsigned i = 0; i < threads; ++i) {
      workers.emplace_back([this, i] { guarded([&] { shard_worker(i); }); });
    }
  }

  void start_in_place() {
    try {
      live.emplace((path / previous_generation).string(), Xapian::DB_OPEN);
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "opening index " + path.string() + " for writing");
    }
    for (unsigned i = 0; i < threads; ++i) {
      inboxes.push_back(std::make_unique<core::BoundedQueue<Job>>(kQueueDepth));
    }
    for (unsigned i = 0; i < threads; ++i) {
      workers.emplace_back([this, i] { guarded([&] { analysis_worker(i); }); });
    }
    writer = std::thread([this] { guarded([&] { write_in_place(); }); });
  }

  // Runs a thread's body; the first failure is kept for finish() and stops
  // the other threads by closing their queues.
  template <typename F>
  void guarded(F&& body) {
    try {
      try {
        body();
      } catch (const Xapian::Error& e) {
        core::rethrow(e, "writing index " + path.string());
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
    index::DocumentBuilder builder;
    Xapian::WritableDatabase shard((build_dir / ("shard-" + std::to_string(i))).string(),
                                   Xapian::DB_CREATE);
    std::size_t pending = 0;
    while (auto job = inboxes[i]->pop()) {
      Xapian::Document doc = builder.build(job->statement);
      std::string id_term = schema::term(schema::kIdPrefix, job->statement.id);
      shard.replace_document(id_term, doc);
      pending += job->statement.body.size();
      bytes += job->statement.body.size();
      ++indexed;
      if (pending >= batch_bytes) {
        shard.commit();
        pending = 0;
      }
    }
    shard.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormatVersion));
    shard.commit();
    shard.close();
  }

  void analysis_worker(unsigned i) {
    index::DocumentBuilder builder;
    while (auto job = inboxes[i]->pop()) {
      Xapian::Document doc = builder.build(job->statement);
      if (!outbox.push({job->statement.id, std::move(doc), builder.last_hash(),
                        job->statement.body.size()})) {
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
      if (present && options.skip_unchanged &&
          db.get_document(*existing).get_value(schema::kHashSlot) == built->hash) {
        std::lock_guard l(report_mu);
        ++report.unchanged;
        continue;
      }
      db.replace_document(id_term, built->document);
      if (present) {
        std::lock_guard l(report_mu);
        ++report.replaced;
      }
      ++indexed;
      bytes += built->bytes;
      pending += built->bytes;
      if (!options.strict && pending >= batch_bytes) {
        db.commit_transaction();
        db.begin_transaction();
        pending = 0;
      }
    }
  }

  void record(Problem p) {
    if (options.strict) {
      throw InvalidArgument("--strict: " + describe(p) + "; nothing was committed");
    }
    std::lock_guard l(report_mu);
    if (p.skipped) ++report.skipped;
    report.problems.push_back(std::move(p));
  }

  static std::string describe(const Problem& p) {
    std::string s = p.where.file;
    if (p.where.line) s += ":" + std::to_string(p.where.line);
    else if (p.where.record) s += " record " + std::to_string(p.where.record);
    if (!p.id.empty()) s += " (" + p.id + ")";
    return s + ": " + p.kind + ": " + p.message;
  }

  Problem problem(std::string kind, const Provenance& where, const std::string& id,
                  std::string message, bool skipped) {
    return Problem{std::move(kind), where, id, std::move(message), skipped};
  }

  // Validates and normalises a statement; false when it must be skipped.
  bool prepare(Statement& s, const Provenance& where) {
    s.id = trim(std::move(s.id));
    if (repair_utf8(s.id)) {
      record(problem("invalid-utf8", where, s.id, "id is not valid UTF-8; record skipped, fix the source's encoding", true));
      return false;
    }
    if (s.id.empty()) {
      record(problem("missing-id", where, "", "record has no id; give every record a unique id", true));
      return false;
    }
    if (s.id.size() > 200) {
      record(problem("bad-id", where, s.id.substr(0, 40) + "...", "id is longer than 200 bytes", true));
      return false;
    }
    std::size_t repaired = repair_utf8(s.body) + repair_utf8(s.title);
    for (auto& m : s.ministers) repaired += repair_utf8(m);
    if (repaired) {
      record(problem("invalid-utf8", where, s.id,
                     std::to_string(repaired) + " invalid UTF-8 sequence(s) replaced by U+FFFD; indexed anyway, "
                     "re-export the source as UTF-8 to fix",
                     false));
    }
    if (trim(s.body).empty()) {
      record(problem("empty-body", where, s.id, "statement has no text; record skipped", true));
      return false;
    }
    if (!s.country.empty()) {
      const Country* c = gazetteer.resolve(s.country);
      if (c) {
        s.country = c->code;
      } else {
        record(problem("unknown-country", where, s.id,
                       "country \"" + s.country + "\" is not in the gazetteer; indexed without a country",
                       false));
        s.country.clear();
      }
    }
    std::vector<std::string> mentions;
    for (auto& m : s.mentions) {
      const Country* c = gazetteer.resolve(m);
      if (!c) {
        record(problem("unknown-country", where, s.id,
                       "mentioned country \"" + m + "\" is not in the gazetteer; mention dropped", false));
      } else if (std::find(mentions.begin(), mentions.end(), c->code) == mentions.end()) {
        mentions.push_back(c->code);
      }
    }
    s.mentions = std::move(mentions);
    std::vector<std::string> ministers, keys;
    for (auto& m : s.ministers) {
      std::string name = trim(m);
      std::string key = index::minister_key(name);
      if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(key);
      ministers.push_back(std::move(name));
    }
    s.ministers = std::move(ministers);
    if (s.language.empty()) s.language = Analyzer::guess_language(s.body);
    return true;
  }

  void add(Statement s, const Provenance& where) {
    {
      std::lock_guard l(report_mu);
      ++report.read;
      if (!where.format.empty()) ++report.per_format[where.format];
    }
    if (!prepare(s, where)) {
      if (!s.id.empty()) seen_ids.insert(s.id);
      return;
    }
    if (!seen_ids.insert(s.id).second) {
      record(problem("duplicate-id", where, s.id,
                     "id appears more than once in this run; the later record replaces the earlier", false));
      std::lock_guard l(report_mu);
      ++report.replaced;
    }
    throw_if_failed();
    std::size_t shard = shard_of(s.id, inboxes.size());
    inboxes[shard]->push(Job{std::move(s), where});
    maybe_progress();
  }

  void maybe_progress() {
    if (!options.progress) return;
    auto now = Clock::now();
    if (now - last_progress < std::chrono::seconds(1)) return;
    last_progress = now;
    IndexProgress p;
    {
      std::lock_guard l(report_mu);
      p.read = report.read;
    }
    p.indexed = indexed;
    p.bytes = bytes;
    p.seconds = std::chrono::duration<double>(now - started).count();
    options.progress(p);
  }

  void throw_if_failed() {
    std::lock_guard l(error_mu);
    if (error) std::rethrow_exception(error);
  }

  void join_all() {
    for (auto& q : inboxes) q->close();
    for (auto& t : workers) {
      if (t.joinable()) t.join();
    }
    outbox.close();
    if (writer.joinable()) writer.join();
  }

  // Merges the shards into a new generation and switches readers to it.
  void publish_shards() {
    std::string gen = dir.next_generation();
    try {
      Xapian::Database all;
      for (unsigned i = 0; i < threads; ++i) {
        all.add_database(Xapian::Database((build_dir / ("shard-" + std::to_string(i))).string()));
      }
      all.compact((path / gen).string());
    } catch (const Xapian::Error& e) {
      std::error_code ec;
      fs::remove_all(path / gen, ec);
      core::rethrow(e, "merging index shards into " + (path / gen).string());
    }
    dir.switch_to(gen);
    std::string old = previous_generation;
    previous_generation = gen;
    std::error_code ec;
    fs::remove_all(build_dir, ec);
    dir.clean_up(old);
  }

  void prune() {
    Xapian::WritableDatabase& db = *live;
    for (const auto& prefix : prune_prefixes) {
      std::string term_prefix = schema::term(schema::kIdPrefix, prefix);
      std::vector<std::string> gone;
      for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
        std::string id = (*t).substr(schema::kIdPrefix.size());
        if (!seen_ids.count(id)) gone.push_back(*t);
      }
      for (const auto& term : gone) db.delete_document(term);
      report.removed += gone.size();
    }
  }

  IndexReport finish() {
    join_all();
    throw_if_failed();
    try {
      if (fresh) {
        publish_shards();
      } else {
        if (!prune_prefixes.empty()) prune();
        live->commit_transaction();
        live->close();
      }
    } catch (const Xapian::Error& e) {
      core::rethrow(e, "committing index " + path.string());
    }
    finished = true;
    report.indexed = indexed;
    report.bytes = bytes;
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return std::move(report);
  }

  // Stops without committing what is pending.
  void abandon() {
    join_all();
    if (live) {
      try {
        live->cancel_transaction();
      } catch (const Xapian::Error&) {
      }
    }
    if (!build_dir.empty()) {
      std::error_code ec;
      fs::remove_all(build_dir, ec);
    }
  }
};

Indexer::Indexer(const std::string& db_path, IndexOptions options)
    : impl_(std::make_unique<Impl>(db_path, std::move(options))) {}

Indexer::~Indexer() = default;

void Indexer::add(Statement statement, const Provenance& where) { impl_->add(std::move(statement), where); }

void Indexer::report(Problem problem) {
  // A record an importer could not make into a statement was still read:
  // counting it keeps indexed + skipped == read.
  if (problem.skipped) {
    std::lock_guard l(impl_->report_mu);
    ++impl_->report.read;
    if (!problem.where.format.empty()) ++impl_->report.per_format[problem.where.format];
  }
  impl_->record(std::move(problem));
}

void Indexer::skip_file(const std::string& path, const std::string& reason) {
  std::lock_guard l(impl_->report_mu);
  ++impl_->report.files_skipped;
  impl_->report.skipped_files.push_back(path + ": " + reason);
}

void Indexer::prune_unseen(const std::string& id_prefix) { impl_->prune_prefixes.push_back(id_prefix); }

IndexReport Indexer::finish() { return impl_->finish(); }

}  // namespace communique
