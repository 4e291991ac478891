#include "index/stub.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>

#include "core/io_error.h"

namespace communique::index {

namespace fs = std::filesystem;

namespace {

// Far larger than any stub (a line per shard); a bigger file is not one,
// and is not read whole into memory.
constexpr std::size_t kMaxStubBytes = 1u << 20;

bool digits_after(const std::string& name, std::string_view prefix) {
  return name.size() > prefix.size() && name.starts_with(prefix) &&
         std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// A line as it may appear in a message: short, one line.
std::string quoted(std::string line) {
  if (line.size() > 80) line = line.substr(0, 77) + "...";
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return "\"" + line + "\"";
}

}  // namespace

bool Stub::is_generation_name(const std::string& name) { return digits_after(name, "gen-"); }

bool Stub::is_shard_name(const std::string& name) { return digits_after(name, "shard-"); }

std::string Stub::of_generation(const std::string& name) { return "auto " + name + "\n"; }

std::string Stub::of_local(const std::vector<std::string>& paths) {
  std::string text;
  for (const auto& path : paths) text += "auto " + path + "\n";
  return text;
}

Stub Stub::read(const fs::path& path) {
  std::error_code ec;
  fs::path file = fs::is_directory(path, ec) ? path / kStubName : path;
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      Stub absent;
      absent.file_ = file;
      return absent;
    }
    core::throw_io_error("cannot read the stub " + file.string(), errno);
  }
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      core::throw_io_error("cannot read the stub " + file.string(), err);
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxStubBytes) break;
  }
  ::close(fd);
  return parse(std::move(text), std::move(file));
}

Stub Stub::parse(std::string text, fs::path file) {
  Stub stub;
  stub.file_ = std::move(file);
  stub.text_ = std::move(text);
  auto garbled = [&stub](std::string problem) {
    stub.kind_ = Kind::kGarbled;
    stub.problem_ = std::move(problem);
    return stub;
  };
  if (stub.text_.size() > kMaxStubBytes) {
    return garbled("it is over " + std::to_string(kMaxStubBytes) + " bytes long, not a stub");
  }
  std::size_t gens = 0, shards = 0, others = 0;
  std::set<std::string> shard_names;
  std::size_t number = 0;
  for (std::size_t start = 0; start < stub.text_.size();) {
    std::size_t end = stub.text_.find('\n', start);
    if (end == std::string::npos) end = stub.text_.size();
    std::string line = stub.text_.substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.empty() || line[0] == '#') continue;
    // As Xapian reads it: the backend up to the first space, the target
    // the whole rest of the line (spaces and all).
    std::size_t space = line.find(' ');
    StubEntry entry{line.substr(0, space),
                    space == std::string::npos ? std::string() : line.substr(space + 1)};
    std::string where = "line " + std::to_string(number) + " " + quoted(line);
    bool path_backend =
        entry.backend == "auto" || entry.backend == "glass" || entry.backend == "chert";
    if (entry.backend == "inmemory"
            ? !entry.target.empty()
            : !(path_backend || entry.backend == "remote") || entry.target.empty()) {
      return garbled(where + " is not a database line (auto PATH, remote HOST:PORT, ...)");
    }
    // Communique's own lines name a directory beside the stub; a path
    // ("shard-00/gen-000003", "/srv/gen-1") is some other database. Stray
    // spaces around a name of ours (which Xapian would keep in the path)
    // are damage, not another database.
    std::size_t first = entry.target.find_first_not_of(" \t");
    std::string name = first == std::string::npos ? std::string() : entry.target.substr(first);
    bool own = entry.backend == "auto" && name.find('/') == std::string::npos;
    if (own && name.starts_with("gen-")) {
      if (!is_generation_name(entry.target)) return garbled(where + " is not auto gen-NNNNNN");
      ++gens;
    } else if (own && name.starts_with("shard-")) {
      if (!is_shard_name(entry.target)) return garbled(where + " is not auto shard-NN");
      if (!shard_names.insert(entry.target).second) {
        return garbled(where + " lists " + entry.target + " a second time");
      }
      ++shards;
    } else {
      ++others;
    }
    stub.entries_.push_back(std::move(entry));
  }
  if (stub.entries_.empty()) {
    stub.kind_ = Kind::kEmpty;
  } else if (gens + shards == 0) {
    stub.kind_ = Kind::kDatabases;
  } else if (gens == 1 && shards + others == 0) {
    stub.kind_ = Kind::kGeneration;
  } else if (shards > 0 && gens + others == 0) {
    stub.kind_ = Kind::kShards;
  } else if (gens > 1 && shards + others == 0) {
    return garbled("it names " + std::to_string(gens) + " generations, where an index names one");
  } else {
    return garbled("it mixes generations, shards and other databases");
  }
  return stub;
}

std::string Stub::generation() const {
  return kind_ == Kind::kGeneration ? entries_.front().target : std::string();
}

std::vector<std::string> Stub::shards() const {
  std::vector<std::string> names;
  if (kind_ != Kind::kShards) return names;
  for (const auto& e : entries_) names.push_back(e.target);
  return names;
}

std::vector<fs::path> Stub::local_paths() const {
  std::vector<fs::path> paths;
  for (const auto& e : entries_) {
    if (e.backend != "auto" && e.backend != "glass" && e.backend != "chert") continue;
    fs::path target(e.target);
    paths.push_back(target.is_absolute() ? target : file_.parent_path() / target);
  }
  return paths;
}

bool Stub::names_remote() const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [](const StubEntry& e) { return e.backend == "remote"; });
}

int Stub::in_memory() const {
  return static_cast<int>(std::count_if(entries_.begin(), entries_.end(), [](const StubEntry& e) {
    return e.backend == "inmemory";
  }));
}

}  // namespace communique::index
