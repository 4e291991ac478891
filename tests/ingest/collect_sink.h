// A RecordSink that keeps everything an importer reports, for tests.

#ifndef COMMUNIQUE_TESTS_INGEST_COLLECT_SINK_H_
#define COMMUNIQUE_TESTS_INGEST_COLLECT_SINK_H_

#include <algorithm>
#include <string>
#include <vector>

#include "communique/importer.h"
#include "communique/indexer.h"

namespace communique::testing {

struct CollectSink : RecordSink {
  std::vector<Statement> statements;
  std::vector<Provenance> where;
  std::vector<Problem> problems;
  std::vector<std::string> skipped;  // paths

  void statement(Statement s, const Provenance& w) override {
    statements.push_back(std::move(s));
    where.push_back(w);
  }
  void problem(Problem p) override { problems.push_back(std::move(p)); }
  void skipped_file(const std::string& path, const std::string&) override {
    skipped.push_back(path);
  }

  const Statement* find(const std::string& id) const {
    auto it = std::find_if(statements.begin(), statements.end(),
                           [&](const Statement& s) { return s.id == id; });
    return it == statements.end() ? nullptr : &*it;
  }
  std::vector<Problem> of_kind(const std::string& kind) const {
    std::vector<Problem> out;
    for (const auto& p : problems) {
      if (p.kind == kind) out.push_back(p);
    }
    return out;
  }
};

// Hands what an importer reads to an Indexer, as the command does.
class IndexingSink : public RecordSink {
 public:
  explicit IndexingSink(Indexer& indexer) : indexer_(indexer) {}
  void statement(Statement s, const Provenance& w) override { indexer_.add(std::move(s), w); }
  void problem(Problem p) override { indexer_.report(std::move(p)); }
  void skipped_file(const std::string& path, const std::string& reason) override {
    indexer_.skip_file(path, reason);
  }

 private:
  Indexer& indexer_;
};

}  // namespace communique::testing

#endif  // COMMUNIQUE_TESTS_INGEST_COLLECT_SINK_H_
