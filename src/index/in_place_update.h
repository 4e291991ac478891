// An in-place update of an index directory's live generation: analysis
// threads build documents, and one writing thread replaces them in the
// live database in Xapian transactions of about a batch each (one for the
// whole run under --strict), so that a killed or abandoned run leaves
// exactly the last committed batch. Pruning and the near-duplicate groups
// write into the last transaction, which publish() commits.

#ifndef COMMUNIQUE_INDEX_IN_PLACE_UPDATE_H_
#define COMMUNIQUE_INDEX_IN_PLACE_UPDATE_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/bounded_queue.h"
#include "index/spelling_counts.h"
#include "index/writer.h"

namespace communique::index {

// A statement analysed, on its way to the writing thread.
struct BuiltDocument {
  std::string id;
  Xapian::Document document;
  std::string hash;
  std::size_t bytes;
  std::string source_file;
  std::vector<std::string> words;  // for the spelling dictionary
};

class InPlaceUpdate final : public Writer {
 public:
  // Opens the live generation for writing and starts the threads.
  InPlaceUpdate(OpenedDir opened, IndexOptions options);
  ~InPlaceUpdate() override;

  // Returns "": what an update wrote stays in its open transaction.
  std::string stage() override;
  Xapian::WritableDatabase& pending() override { return *live_; }
  // Commits the open transaction, with the words of its batch.
  void publish() override;
  // Cancels the open transaction, and gives back the space it took.
  void abandon() override;
  void join_all() override;

  std::uint64_t held_before() const override { return held_before_; }
  std::vector<std::string> prunable(const std::vector<std::string>& prefixes,
                                    const std::function<bool(const std::string&)>& keep) override;
  void prune(const std::vector<std::string>& gone) override;

 private:
  void close_queues() override;
  void analysis_worker(unsigned i);
  void write_in_place();
  void record_commit();
  void give_back_failed_batch();

  std::optional<Xapian::WritableDatabase> live_;
  std::uint64_t held_before_ = 0;  // statements in the live generation when the run began
  // The live generation's revision at its last commit, and the sizes its
  // table files had then (see give_back_failed_batch()).
  Xapian::rev committed_revision_ = 0;
  std::map<std::filesystem::path, std::uintmax_t> committed_sizes_;
  core::BoundedQueue<BuiltDocument> outbox_{kQueueDepth, kQueueBytes};
  std::thread writer_;
  SpellingCounts spellings_;  // the writing thread's, until publish()
};

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_IN_PLACE_UPDATE_H_
