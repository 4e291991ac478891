#include "index/run_report.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace communique::index {

void RunReport::count_read(const std::string& format) {
  std::lock_guard l(mu_);
  ++report_.read;
  if (!format.empty()) ++report_.per_format[format];
}

void RunReport::add_problem(Problem problem) {
  std::lock_guard l(mu_);
  if (problem.skipped) ++report_.skipped;
  report_.problems.push_back(std::move(problem));
}

void RunReport::add_skipped_file(const std::string& path, const std::string& reason) {
  std::lock_guard l(mu_);
  ++report_.files_skipped;
  report_.skipped_files.push_back(path + ": " + reason);
}

void RunReport::count_unchanged() {
  std::lock_guard l(mu_);
  ++report_.unchanged;
}

void RunReport::count_replaced() {
  std::lock_guard l(mu_);
  ++report_.replaced;
}

void RunReport::count_kept() {
  std::lock_guard l(mu_);
  ++report_.kept;
}

void RunReport::count_removed(std::uint64_t n) {
  std::lock_guard l(mu_);
  report_.removed += n;
}

std::uint64_t RunReport::read() const {
  std::lock_guard l(mu_);
  return report_.read;
}

IndexReport RunReport::take() {
  std::lock_guard l(mu_);
  return std::exchange(report_, IndexReport{});
}

IndexReport merged_report(std::vector<IndexReport> parts) {
  IndexReport r;
  for (auto& part : parts) {
    r.read += part.read;
    r.indexed += part.indexed;
    r.replaced += part.replaced;
    r.unchanged += part.unchanged;
    r.removed += part.removed;
    r.kept += part.kept;
    r.skipped += part.skipped;
    r.files_skipped += part.files_skipped;
    r.bytes += part.bytes;
    for (const auto& [format, n] : part.per_format) r.per_format[format] += n;
    for (auto& p : part.problems) r.problems.push_back(std::move(p));
    for (auto& f : part.skipped_files) r.skipped_files.push_back(std::move(f));
  }
  if (parts.size() > 1) {
    std::stable_sort(r.problems.begin(), r.problems.end(), [](const Problem& a, const Problem& b) {
      return std::tie(a.where.file, a.where.line, a.where.record) <
             std::tie(b.where.file, b.where.line, b.where.record);
    });
  }
  return r;
}

}  // namespace communique::index
