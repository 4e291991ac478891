#include "communique/report.h"

#include <nlohmann/json.hpp>

namespace communique {

std::map<std::string, std::uint64_t> IndexReport::problem_counts() const {
  std::map<std::string, std::uint64_t> counts;
  for (const auto& p : problems) ++counts[p.kind];
  return counts;
}

std::string IndexReport::to_json() const {
  nlohmann::ordered_json j;
  j["read"] = read;
  j["indexed"] = indexed;
  j["added"] = indexed - replaced;
  j["replaced"] = replaced;
  j["unchanged"] = unchanged;
  j["removed"] = removed;
  j["kept"] = kept;
  j["skipped"] = skipped;
  j["files_skipped"] = files_skipped;
  j["seconds"] = seconds;
  j["bytes"] = bytes;
  j["per_format"] = per_format;
  j["problem_counts"] = problem_counts();
  auto& list = j["problems"] = nlohmann::ordered_json::array();
  for (const auto& p : problems) {
    nlohmann::ordered_json e;
    e["kind"] = p.kind;
    e["file"] = p.where.file;
    if (p.where.line) e["line"] = p.where.line;
    if (p.where.record) e["record"] = p.where.record;
    if (!p.where.format.empty()) e["format"] = p.where.format;
    if (!p.id.empty()) e["id"] = p.id;
    e["message"] = p.message;
    e["skipped"] = p.skipped;
    list.push_back(std::move(e));
  }
  j["skipped_files"] = skipped_files;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace communique
