#include "index/index_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "communique/error.h"
#include "core/xapian_error.h"
#include "index/schema.h"

namespace communique::index {

namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

void fsync_path(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string process_name() {
  std::ifstream comm("/proc/self/comm");
  std::string name;
  std::getline(comm, name);
  return name.empty() ? "unknown" : name;
}

}  // namespace

WriteLock::WriteLock(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw IoError("cannot create index directory " + dir.string() + ": " + ec.message() +
                  "; check the path and its permissions");
  }
  fs::path lock = dir / kLockName;
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw IoError("cannot open lock file " + lock.string() + ": " + errno_text() +
                  "; is the index directory writable?");
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    std::string holder;
    char buf[256];
    ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    if (n > 0) holder.assign(buf, static_cast<std::size_t>(n));
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK) {
      throw LockedError("index " + dir.string() + " is locked by " +
                        (holder.empty() ? std::string("another process") : holder) +
                        "; wait for it to finish, or stop it, then try again");
    }
    throw IoError("cannot lock " + lock.string() + ": " + std::strerror(err));
  }
  std::ostringstream who;
  who << "pid " << ::getpid() << " (" << process_name() << ")\n";
  std::string text = who.str();
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] ssize_t w = ::pwrite(fd_, text.data(), text.size(), 0);
  }
}

WriteLock::~WriteLock() {
  if (fd_ >= 0) {
    [[maybe_unused]] int r = ::ftruncate(fd_, 0);
    ::close(fd_);  // releases the flock
  }
}

std::string IndexDir::live_generation() const {
  std::ifstream stub(dir_ / kStubName);
  if (!stub) return {};
  std::string backend, name;
  stub >> backend >> name;
  return backend == "auto" && name.rfind("gen-", 0) == 0 ? name : std::string();
}

std::vector<std::string> IndexDir::shards() const {
  std::ifstream stub(dir_ / kStubName);
  std::vector<std::string> names;
  std::string line;
  bool other = false;
  while (std::getline(stub, line)) {
    std::istringstream words(line);
    std::string backend, name;
    if (!(words >> backend)) continue;
    words >> name;
    if (backend == "auto" && name.rfind("shard-", 0) == 0)
      names.push_back(name);
    else
      other = true;
  }
  if (!names.empty() && other) {
    throw CorruptIndex((dir_ / kStubName).string() +
                       " lists shards and other databases; it must list only shard-NN directories");
  }
  return names;
}

std::string shard_name(unsigned i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shard-%02u", i);
  return buf;
}

std::string IndexDir::next_generation() const {
  int highest = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("gen-", 0) == 0) highest = std::max(highest, std::atoi(name.c_str() + 4));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "gen-%06d", highest + 1);
  return buf;
}

void IndexDir::switch_to(const std::string& generation) {
  // The generation's files too, so that a power cut after the switch
  // cannot leave the stub naming tables whose blocks never reached disk.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ / generation, ec)) {
    if (entry.is_regular_file(ec)) fsync_path(entry.path(), O_RDONLY);
  }
  fsync_path(dir_ / generation, O_RDONLY | O_DIRECTORY);
  write_stub("auto " + generation + "\n");
}

void IndexDir::write_stub(const std::string& content) {
  fs::path tmp = dir_ / (std::string(kStubName) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw IoError("cannot write " + tmp.string() + ": is the disk full?");
  }
  fsync_path(tmp, O_RDONLY);
  if (::rename(tmp.c_str(), (dir_ / kStubName).c_str()) != 0) {
    throw IoError("cannot update " + (dir_ / kStubName).string() + ": " + errno_text());
  }
  fsync_path(dir_, O_RDONLY | O_DIRECTORY);
}

void IndexDir::clean_up(const std::string& previous_generation) const {
  std::string live = live_generation();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    bool stale_build = name.rfind("build-", 0) == 0;
    bool old_generation = name.rfind("gen-", 0) == 0 && name != live && name != previous_generation;
    if (stale_build || old_generation) fs::remove_all(entry.path(), ec);
  }
}

bool looks_like_database(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return true;  // a stub file
  return fs::exists(path / kStubName, ec) || fs::exists(path / "iamglass", ec) ||
         fs::exists(path / "iamchert", ec);
}

void require_current_format(const Xapian::Database& db, const std::string& path) {
  std::string format;
  try {
    format = db.get_metadata(std::string(schema::kFormatKey));
  } catch (const Xapian::Error& e) {
    core::rethrow(e, "reading index " + path);
  }
  if (format.empty() || format == schema::kFormatVersion) return;
  throw CorruptIndex("index " + path + " was written in format " + format.substr(0, 20) +
                     " by another version of Communique; this one reads format " +
                     std::string(schema::kFormatVersion) + ": rebuild it from its sources with " +
                     "`communique index --rebuild --db " + path +
                     " SOURCES...` (or tools/reindex)");
}

}  // namespace communique::index
