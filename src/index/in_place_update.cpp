#include "index/in_place_update.h"

#include <system_error>
#include <unordered_set>

#include "core/xapian_error.h"
#include "index/document_builder.h"
#include "schema/schema.h"

namespace communique::index {

namespace fs = std::filesystem;

InPlaceUpdate::InPlaceUpdate(OpenedDir opened, IndexOptions options)
    : Writer(std::move(opened), std::move(options)) {
  try {
    live_.emplace((path_ / live_generation_).string(), Xapian::DB_OPEN);
    held_before_ = live_->get_doccount();
    record_commit();
  } catch (const Xapian::Error& e) {
    core::rethrow(e, "opening index " + path_.string() + " for writing");
  }
  for (unsigned i = 0; i < threads_; ++i) {
    workers_.emplace_back([this, i] { guarded([&] { analysis_worker(i); }); });
  }
  writer_ = std::thread([this] { guarded([&] { write_in_place(); }); });
}

InPlaceUpdate::~InPlaceUpdate() {
  if (!finished_) abandon();
}

void InPlaceUpdate::close_queues() {
  Writer::close_queues();
  outbox_.close();
}

void InPlaceUpdate::join_all() {
  Writer::join_all();
  outbox_.close();
  if (writer_.joinable()) writer_.join();
}

void InPlaceUpdate::analysis_worker(unsigned i) {
  DocumentBuilder builder;
  while (auto job = inboxes_[i]->pop()) {
    Xapian::Document doc = builder.build(job->statement, job->source_file);
    std::size_t size = job->statement.body.size();
    if (!outbox_.push({job->statement.id, std::move(doc), builder.last_hash(), size,
                       std::move(job->source_file), builder.last_words()},
                      size)) {
      return;
    }
  }
}

// The single writer: Xapian transactions of about batch_bytes_ each (one
// for the whole run when strict), so a crash or an abandoned run leaves
// exactly the last committed batch.
void InPlaceUpdate::write_in_place() {
  Xapian::WritableDatabase& db = *live_;
  std::size_t pending = 0;
  db.begin_transaction();
  while (auto built = outbox_.pop()) {
    std::string id_term = schema::term(schema::kIdPrefix, built->id);
    Xapian::PostingIterator existing = db.postlist_begin(id_term);
    bool present = existing != db.postlist_end(id_term);
    bool same = false;  // the same content as indexed, counted as unchanged
    if (present && options_.skip_unchanged) {
      Xapian::Document old = db.get_document(*existing);
      same = old.get_value(schema::kHashSlot) == built->hash;
      // Read from the file it was indexed from (or from no known file):
      // nothing to write. Read from another (a file moved, or indexed
      // before statements recorded their file): written again, so that
      // pruning knows where it now comes from.
      if (same && (built->source_file.empty() ||
                   old.get_value(schema::kSourceFileSlot) == built->source_file)) {
        report_.count_unchanged();
        continue;
      }
    }
    {
      std::lock_guard disk(disk_writes());
      db.replace_document(id_term, built->document);
    }
    // A statement written again for its file alone adds no words.
    if (!same) {
      spellings_.add(built->words);
      if (spellings_.full()) spellings_.write(db, [] {});
    }
    if (same) {
      report_.count_unchanged();
    } else {
      if (present) report_.count_replaced();
      ++indexed_;
      bytes_ += built->bytes;
    }
    pending += built->bytes;
    if (!options_.strict && pending >= batch_bytes_) {
      spellings_.write(db, [] {});
      {
        std::lock_guard disk(disk_writes());
        db.commit_transaction();
      }
      record_commit();
      if (options_.on_commit) options_.on_commit(path_.string(), db.get_doccount());
      std::lock_guard disk(disk_writes());
      db.begin_transaction();
      pending = 0;
    }
  }
}

// Notes the live generation's state after a commit (or when opened):
// what give_back_failed_batch() may cut its files back to.
void InPlaceUpdate::record_commit() {
  committed_revision_ = live_->get_revision();
  committed_sizes_.clear();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path_ / live_generation_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".glass")) {
      std::uintmax_t size = entry.file_size(ec);
      if (!ec) committed_sizes_[entry.path()] = size;
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
void InPlaceUpdate::give_back_failed_batch() {
  if (committed_sizes_.empty()) return;
  try {
    Xapian::Database now((path_ / live_generation_).string());
    if (now.get_revision() != committed_revision_) return;
  } catch (const Xapian::Error&) {
    return;
  }
  for (const auto& [file, size] : committed_sizes_) {
    std::error_code ec;
    std::uintmax_t grown = fs::file_size(file, ec);
    if (!ec && grown > size) fs::resize_file(file, size, ec);
  }
}

std::string InPlaceUpdate::stage() {
  join_all();
  throw_if_failed();
  return {};
}

std::vector<std::string> InPlaceUpdate::prunable(
    const std::vector<std::string>& prefixes, const std::function<bool(const std::string&)>& keep) {
  Xapian::WritableDatabase& db = *live_;
  std::vector<std::string> gone;
  std::unordered_set<std::string> looked_at;  // prefixes may overlap
  for (const auto& prefix : prefixes) {
    std::string term_prefix = schema::term(schema::kIdPrefix, prefix);
    for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
      std::string id = (*t).substr(schema::kIdPrefix.size());
      if (seen_ids_.count(id) || !looked_at.insert(*t).second) continue;
      Xapian::PostingIterator doc = db.postlist_begin(*t);
      if (doc != db.postlist_end(*t) &&
          keep(db.get_document(*doc).get_value(schema::kSourceFileSlot))) {
        report_.count_kept();
        continue;
      }
      gone.push_back(*t);
    }
  }
  return gone;
}

void InPlaceUpdate::prune(const std::vector<std::string>& gone) {
  for (const auto& term : gone) live_->delete_document(term);
  report_.count_removed(gone.size());
}

void InPlaceUpdate::publish() {
  try {
    // An empty transaction commits no new revision: a run that changed
    // nothing leaves the database as it was.
    spellings_.write(*live_, [] {});
    live_->commit_transaction();
    if (options_.on_commit) options_.on_commit(path_.string(), live_->get_doccount());
    live_->close();
  } catch (const Xapian::Error& e) {
    rethrow(e, "committing index ");
  }
  finished_ = true;
}

void InPlaceUpdate::abandon() {
  join_all();
  if (live_) {
    {
      std::lock_guard disk(disk_writes());
      try {
        live_->cancel_transaction();
      } catch (const Xapian::Error&) {
      }
      try {
        live_->close();
      } catch (const Xapian::Error&) {
      }
    }
    live_.reset();
    give_back_failed_batch();
  }
  finished_ = true;
}

}  // namespace communique::index
