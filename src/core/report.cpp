#include "communique/report.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "core/io_error.h"

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

void IndexReport::write_json(const std::string& path) const {
  std::string text = to_json() + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) core::throw_io_error("cannot write the report " + path, errno);
  int err = 0;
  for (std::size_t done = 0; done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  // A network filesystem may report a failed write only here. (A pipe or
  // a terminal cannot be synced, and need not be.)
  if (!err && ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (err) core::throw_io_error("cannot write the report " + path, err);
}

}  // namespace communique
