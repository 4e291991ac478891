#include "support/temp_index.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "communique/importer.h"

namespace communique::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("communique-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path data_file(const std::string& name) { return fs::path(COMMUNIQUE_TEST_DATA_DIR) / name; }

fs::path shared_corpus() {
  if (const char* env = std::getenv("COMMUNIQUE_SHARED_CORPUS"); env && *env) {
    return fs::exists(env) ? fs::path(env) : fs::path();
  }
  fs::path p = fs::path(COMMUNIQUE_SOURCE_DIR).parent_path() / "shared" / "corpus";
  return fs::exists(p) ? p : fs::path();
}

IndexReport build_index(const std::string& db, const std::vector<Statement>& statements,
                        IndexOptions options) {
  Indexer indexer(db, std::move(options));
  for (const auto& s : statements) indexer.add(s, Provenance{"test", 0, 0, "test"});
  return indexer.finish();
}

IndexReport build_index_from(const std::string& db, const fs::path& jsonl, IndexOptions options) {
  Indexer indexer(db, std::move(options));
  IndexingSink sink(indexer);
  import_paths({jsonl.string()}, ImportOptions{}, sink);
  return indexer.finish();
}

Statement make_statement(std::string id, std::string body, std::string country, std::string date,
                         std::vector<std::string> ministers, std::string language) {
  Statement s;
  s.id = std::move(id);
  s.body = std::move(body);
  s.country = std::move(country);
  if (auto d = Date::parse(date)) s.date = *d;
  s.ministers = std::move(ministers);
  s.language = std::move(language);
  return s;
}

}  // namespace communique::testing
