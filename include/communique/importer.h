// Reading statements as ministries publish them.
//
// Formats, detected from content and layout (ImportOptions::format
// overrides):
//   jsonl   canonical records, one JSON object per line (corpus/README.md)
//   ungdc   UN General Debate layout: TXT/Session NN - YYYY/ISO_NN_YYYY.txt
//           with speakers.tsv beside TXT/
//   ministry-json  a JSON array of {url, title, date, country, content}
//   page    a saved statement page, plain text or HTML
//   csv / tsv      a table with a header row, mapped by ImportOptions::map
// Files that are not statements (READMEs, dataset descriptions, metadata
// tables) are counted as skipped files, never indexed.

#ifndef COMMUNIQUE_IMPORTER_H_
#define COMMUNIQUE_IMPORTER_H_

#include <map>
#include <string>
#include <vector>

#include "communique/export.h"
#include "communique/report.h"
#include "communique/statement.h"

namespace communique {

class Gazetteer;
class Indexer;

// Receives what an importer reads, as its source gives it: an Indexer
// normalises it (Indexer::add), through an IndexingSink.
class COMMUNIQUE_EXPORT RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void statement(Statement statement, const Provenance& where) = 0;
  virtual void problem(Problem problem) = 0;
  virtual void skipped_file(const std::string& path, const std::string& reason) = 0;
};

// Feeds what an importer reads to an Indexer: statements to add(),
// problems to report(), skipped files to skip_file(). The indexer must
// outlive it; finishing the indexer is the caller's.
//   Indexer indexer(db);
//   IndexingSink sink(indexer);
//   import_paths({"statements/"}, {}, sink);
//   indexer.finish();
class COMMUNIQUE_EXPORT IndexingSink : public RecordSink {
 public:
  explicit IndexingSink(Indexer& indexer) : indexer_(indexer) {}
  void statement(Statement statement, const Provenance& where) override;
  void problem(Problem problem) override;
  void skipped_file(const std::string& path, const std::string& reason) override;

 private:
  Indexer& indexer_;
};

struct COMMUNIQUE_EXPORT ImportOptions {
  // "auto" or one of: jsonl, ungdc, ministry-json, page, csv, tsv.
  std::string format = "auto";
  // Record field <- column name, for csv/tsv ("body" -> "Speech").
  std::map<std::string, std::string> map;
  // Record field <- constant value, for every record ("country" -> "NPL").
  std::map<std::string, std::string> set;
  // The gazetteer resolving countries; nullptr = Gazetteer::builtin().
  const Gazetteer* gazetteer = nullptr;
};

// Reads every statement under `paths` (files or directories, recursively)
// into `sink`. Links to folders are followed; a file or folder reached
// twice (through links, or paths given that overlap) is read once. Text in
// UTF-16 or UTF-32 is read as its UTF-8 twin. Never throws for bad records
// or what cannot be read: each is reported as a Problem that skips it
// ("unreadable-folder", "unreadable-file", "dangling-link" without an id,
// so that an Indexer's pruning keeps what came from there), and the walk
// goes on. Throws InvalidArgument for bad options (an unknown
// format, a --map naming an unknown field) and NotFound when a path does
// not exist; what the sink throws propagates. Calls the sink from the
// calling thread only, in file and record order; concurrent calls with
// different sinks are safe.
COMMUNIQUE_EXPORT void import_paths(const std::vector<std::string>& paths,
                                    const ImportOptions& options, RecordSink& sink);

}  // namespace communique

#endif  // COMMUNIQUE_IMPORTER_H_
