// Builds small indexes in temporary directories for tests.

#ifndef COMMUNIQUE_TESTS_SUPPORT_TEMP_INDEX_H_
#define COMMUNIQUE_TESTS_SUPPORT_TEMP_INDEX_H_

#include <filesystem>
#include <string>
#include <vector>

#include "communique/indexer.h"
#include "communique/statement.h"

namespace communique::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str(const std::string& child = "") const { return (path_ / child).string(); }

 private:
  std::filesystem::path path_;
};

// tests/data/<name>
std::filesystem::path data_file(const std::string& name);

// The shared corpus folder (../shared/corpus beside the repository, or
// $COMMUNIQUE_SHARED_CORPUS); empty when absent.
std::filesystem::path shared_corpus();

// Indexes `statements` into `db` and returns the report.
IndexReport build_index(const std::string& db, const std::vector<Statement>& statements,
                        IndexOptions options = {});

// Indexes the canonical JSONL file into `db`.
IndexReport build_index_from(const std::string& db, const std::filesystem::path& jsonl,
                             IndexOptions options = {});

// A statement with the given fields, for terse tests.
Statement make_statement(std::string id, std::string body, std::string country = "",
                         std::string date = "", std::vector<std::string> ministers = {},
                         std::string language = "");

}  // namespace communique::testing

#endif  // COMMUNIQUE_TESTS_SUPPORT_TEMP_INDEX_H_
