// What an indexing run did with every record it was given.

#ifndef COMMUNIQUE_REPORT_H_
#define COMMUNIQUE_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "communique/export.h"
#include "communique/statement.h"

namespace communique {

// One thing that went wrong with one record or file. `kind` is a short
// stable identifier ("invalid-utf8", "empty-body", "duplicate-id",
// "bad-date", "unknown-country", "malformed-record", "no-speaker-row", ...).
struct COMMUNIQUE_EXPORT Problem {
  std::string kind;
  Provenance where;
  std::string id;        // the record's id, when it has one
  std::string message;   // what happened and what to do about it
  bool skipped = false;  // true: the record was not indexed
};

struct COMMUNIQUE_EXPORT IndexReport {
  std::uint64_t read = 0;           // records seen (statements, not files)
  std::uint64_t indexed = 0;        // written to the index (new or replacing)
  std::uint64_t replaced = 0;       // of `indexed`, ids that were already present
                                    // ("changed"; indexed - replaced were added)
  std::uint64_t unchanged = 0;      // identical content already indexed (update mode)
  std::uint64_t removed = 0;        // statements pruned (update mode)
  std::uint64_t kept = 0;           // statements pruning kept because the file or folder
                                    // they were read from could not be read this time
  std::uint64_t skipped = 0;        // records not indexed; each has a Problem
  std::uint64_t files_skipped = 0;  // inputs that are not statements
  std::map<std::string, std::uint64_t> per_format;  // records read per format
  std::vector<Problem> problems;
  std::vector<std::string> skipped_files;  // "path: reason"
  double seconds = 0;
  std::uint64_t bytes = 0;  // body bytes indexed

  // Problems counted by kind.
  std::map<std::string, std::uint64_t> problem_counts() const;

  // The report as a JSON document (for --report FILE): these fields, and
  // "added" (indexed - replaced).
  std::string to_json() const;

  // Writes to_json() and a newline to the file `path`, replacing it, and
  // makes sure it got there: each write, the flush to disk and the close
  // are checked. Throws IoError naming the file and the cause (a full
  // disk, permissions); a caller never reports figures from a file that
  // did not get them.
  void write_json(const std::string& path) const;
};

}  // namespace communique

#endif  // COMMUNIQUE_REPORT_H_
