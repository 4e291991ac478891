#include "ingest/ministries.h"

#include <algorithm>

#include "core/ascii.h"

namespace communique {
extern const char* const kBuiltinMinistriesTsv;
}

namespace communique::ingest {

namespace {

using core::ascii_lower;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = std::min(s.find(sep, start), s.size());
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

const Ministries& Ministries::builtin() {
  static const Ministries kBuiltin(kBuiltinMinistriesTsv);
  return kBuiltin;
}

Ministries::Ministries(std::string_view tsv) {
  for (std::string_view line : split(tsv, '\n')) {
    line = strip(line);
    if (line.empty() || line.front() == '#') continue;
    auto columns = split(line, '\t');
    if (columns.size() < 2) continue;
    std::string domain = ascii_lower(strip(columns[0]));
    std::string country(strip(columns[1]));
    if (domain.empty() || domain == "domain" || country.empty()) continue;
    Ministry m{std::move(domain), std::move(country), {}};
    if (columns.size() > 2) {
      for (std::string_view name : split(columns[2], '|')) {
        if (!strip(name).empty()) m.names.emplace_back(strip(name));
      }
    }
    ministries_.push_back(std::move(m));
  }
}

const Ministry* Ministries::by_address(std::string_view address) const {
  address = strip(address);
  if (std::size_t scheme = address.find("://"); scheme != std::string_view::npos && scheme < 10) {
    address.remove_prefix(scheme + 3);
  } else if (address.starts_with("//")) {
    address.remove_prefix(2);
  }
  std::size_t host_end = std::min(address.find_first_of("/?#"), address.size());
  std::string host = ascii_lower(address.substr(0, host_end));
  if (std::size_t at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  host = host.substr(0, host.find(':'));
  while (!host.empty() && host.back() == '.') host.pop_back();
  std::string path = ascii_lower(address.substr(host_end));
  const Ministry* best = nullptr;
  for (const Ministry& m : ministries_) {
    std::string_view domain = m.domain;
    std::string_view needed_path;
    if (std::size_t slash = domain.find('/'); slash != std::string_view::npos) {
      needed_path = domain.substr(slash);
      domain = domain.substr(0, slash);
    }
    bool host_matches = host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                                           host[host.size() - domain.size() - 1] == '.');
    if (!host_matches) continue;
    if (!needed_path.empty() &&
        !(path.starts_with(needed_path) &&
          (path.size() == needed_path.size() || path[needed_path.size()] == '/')))
      continue;
    if (!best || m.domain.size() > best->domain.size()) best = &m;
  }
  return best;
}

const Ministry* Ministries::named_in(std::string_view text) const {
  std::string haystack = ascii_lower(text);
  const Ministry* best = nullptr;
  std::size_t best_at = std::string::npos, best_length = 0;
  for (const Ministry& m : ministries_) {
    for (const std::string& name : m.names) {
      std::size_t at = haystack.find(ascii_lower(name));
      if (at == std::string::npos) continue;
      if (at < best_at || (at == best_at && name.size() > best_length)) {
        best = &m;
        best_at = at;
        best_length = name.size();
      }
    }
  }
  return best;
}

}  // namespace communique::ingest
