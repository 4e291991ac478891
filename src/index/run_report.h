// The report of an indexing run, counted as the run goes.

#ifndef COMMUNIQUE_INDEX_RUN_REPORT_H_
#define COMMUNIQUE_INDEX_RUN_REPORT_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "communique/report.h"

namespace communique::index {

// What one writer's run read, skipped, replaced, kept and removed, added
// to from the caller's thread and the writer's own threads. Every call is
// thread-safe: the report is behind a lock that only this class takes.
// (What was indexed, its bytes and the time taken are the writer's own
// counters; it sets them in what take() returns.)
class RunReport {
 public:
  // One record read: a statement, or one an importer could not make into
  // a statement. Counted under `format` too, unless it is "".
  void count_read(const std::string& format);

  // A problem with a record or file, counted in `skipped` when it skipped
  // the record. Problems are kept in the order they were added.
  void add_problem(Problem problem);

  // A file that was looked at and is not a statement source.
  void add_skipped_file(const std::string& path, const std::string& reason);

  void count_unchanged();               // identical to its indexed copy
  void count_replaced();                // written over an earlier copy of its id
  void count_kept();                    // pruning kept it (its source could not be read)
  void count_removed(std::uint64_t n);  // pruned

  // Records read so far (for progress).
  std::uint64_t read() const;

  // The report so far, leaving this one empty.
  IndexReport take();

 private:
  mutable std::mutex mu_;
  IndexReport report_;
};

// The report of a whole run from the reports of its writers (one per
// shard of an archive): counts summed, problems and skipped files in the
// order of `parts`. From more than one part, the problems are put back
// in input order (file, line, record; a stable sort), as each shard saw
// only its own statements' problems; a single part keeps the order they
// were added in. `seconds` is left to the caller.
IndexReport merged_report(std::vector<IndexReport> parts);

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_RUN_REPORT_H_
