// A RecordSink that keeps everything an importer reports, for tests.

#ifndef COMMUNIQUE_TESTS_INGEST_COLLECT_SINK_H_
#define COMMUNIQUE_TESTS_INGEST_COLLECT_SINK_H_

#include <algorithm>
#include <string>
#include <vector>

#include "communique/gazetteer.h"
#include "communique/importer.h"
#include "ingest/normalise.h"

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

// `s` as the normalisation stage leaves it, which is what the index holds
// of a statement an importer read (its problems left out).
inline Statement normalised(Statement s) {
  std::vector<Problem> problems;
  ingest::normalise_statement(s, Provenance{}, Gazetteer::builtin(), problems);
  return s;
}

}  // namespace communique::testing

#endif  // COMMUNIQUE_TESTS_INGEST_COLLECT_SINK_H_
