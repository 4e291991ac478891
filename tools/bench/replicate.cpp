// Writes the statements the importers read from SRC... as canonical JSON
// Lines, COPIES times over: the first copy under the original ids, copy k
// (k >= 1) under "ID#k". tools/bench/run indexes these files to measure
// how indexing and search grow with the archive, on the same statements
// and metadata a direct `communique index SRC...` would index.
//
// usage: communique_replicate [--copies N] --out FILE SRC...

#include <communique/communique.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

using nlohmann::ordered_json;

class Collect : public communique::RecordSink {
 public:
  void statement(communique::Statement s, const communique::Provenance&) override {
    statements.push_back(std::move(s));
  }
  void problem(communique::Problem p) override { problems += p.skipped ? 1 : 0; }
  void skipped_file(const std::string&, const std::string&) override {}

  std::vector<communique::Statement> statements;
  std::size_t problems = 0;
};

ordered_json record(const communique::Statement& s, const std::string& id) {
  ordered_json j;
  j["id"] = id;
  if (!s.title.empty()) j["title"] = s.title;
  if (!s.date.empty()) j["date"] = s.date.to_string();
  if (!s.country.empty()) j["country"] = s.country;
  if (!s.ministers.empty()) j["ministers"] = s.ministers;
  if (!s.mentions.empty()) j["mentions"] = s.mentions;
  if (!s.language.empty()) j["language"] = s.language;
  if (!s.role.empty()) j["role"] = s.role;
  if (!s.source.empty()) j["source"] = s.source;
  if (!s.url.empty()) j["url"] = s.url;
  j["body"] = s.body;
  return j;
}

int usage() {
  std::cerr << "usage: communique_replicate [--copies N] --out FILE SRC...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) try {
  int copies = 1;
  std::string out_path;
  std::vector<std::string> sources;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--copies" && i + 1 < argc) {
      copies = std::atoi(argv[++i]);
    } else if (arg == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return usage();
    } else {
      sources.push_back(arg);
    }
  }
  if (copies < 1 || out_path.empty() || sources.empty()) return usage();

  Collect collect;
  communique::import_paths(sources, communique::ImportOptions{}, collect);
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  for (int k = 0; k < copies; ++k) {
    for (const auto& s : collect.statements) {
      std::string id = k == 0 ? s.id : s.id + "#" + std::to_string(k);
      out << record(s, id).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
  }
  out.close();
  if (!out) {
    std::cerr << "communique_replicate: cannot write " << out_path << "\n";
    return 1;
  }
  std::cerr << "communique_replicate: " << collect.statements.size() << " statements x " << copies
            << " copies -> " << out_path << " (" << collect.problems << " records skipped)\n";
  return 0;
} catch (const communique::Error& e) {
  std::cerr << "communique_replicate: " << e.what() << "\n";
  return 1;
}
