#include "index/index_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "communique/error.h"
#include "core/io_error.h"
#include "core/xapian_error.h"
#include "schema/schema.h"

namespace communique::index {

namespace fs = std::filesystem;

namespace {

void fsync_path(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string process_name(const std::string& pid) {
  std::ifstream comm("/proc/" + pid + "/comm");
  std::string name;
  std::getline(comm, name);
  return name.empty() ? "unknown" : name;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// "pid N (name)" of the process holding an flock on the file open as
// `fd`, from the kernel's table of locks; "" when it cannot be told.
std::string flock_holder(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return {};
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    // "1: FLOCK  ADVISORY  WRITE 1234 00:2d:5678 0 EOF"
    std::istringstream in(line);
    std::string id, type, mode, access, pid, where;
    if (!(in >> id >> type >> mode >> access >> pid >> where) || type != "FLOCK") continue;
    unsigned major_id = 0, minor_id = 0;
    unsigned long long inode = 0;
    if (std::sscanf(where.c_str(), "%x:%x:%llu", &major_id, &minor_id, &inode) != 3) continue;
    if (inode == st.st_ino && major_id == major(st.st_dev) && minor_id == minor(st.st_dev)) {
      return "pid " + pid + " (" + process_name(pid) + ")";
    }
  }
  return {};
}

// What DB/LOCK says of its writer ("pid N (name)"), or "".
std::string lock_file_holder(const fs::path& lock) {
  int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  char buf[256];
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  ::close(fd);
  return n > 0 ? trimmed(std::string(buf, static_cast<std::size_t>(n))) : std::string();
}

[[noreturn]] void throw_locked(const fs::path& dir, std::string holder) {
  throw LockedError("index " + dir.string() + " is locked by " +
                    (holder.empty() ? std::string("another process") : holder) +
                    "; wait for it to finish, or stop it, then try again");
}

// A generation directory's number ("gen-000012" -> 12), for ordering.
long generation_number(const std::string& name) { return std::atol(name.c_str() + 4); }

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 6; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > 6) out += " and " + std::to_string(names.size() - 6) + " more";
  return out;
}

const char* const kFirstGeneration = "gen-000001";

// Whether `gen` holds no statement: the empty generation a first build
// switches in before anything else, or one whose creation was cut short.
bool holds_no_statement(const fs::path& gen) {
  try {
    return Xapian::Database(gen.string()).get_doccount() == 0;
  } catch (const Xapian::Error&) {
    return true;  // never finished: statements never go into the first generation
  }
}

// Whether all that a directory without a stub holds is what a first build
// killed before its first switch leaves: the empty first generation, and
// shard directories holding nothing else. Statements are never written
// into the first generation (a build into an empty index makes a new
// one), so nothing is lost by building there again.
bool only_first_build_leftovers(const fs::path& dir, const DirState& s, int depth = 0) {
  for (const auto& gen : s.generations) {
    if (gen != kFirstGeneration || !holds_no_statement(dir / gen)) return false;
  }
  for (const auto& name : s.shards) {
    if (depth > 0) return false;
    DirState shard = IndexDir(dir / name).state();
    bool empty_index = shard.kind == DirState::Kind::kIndex &&
                       shard.stub.generation() == kFirstGeneration &&
                       only_first_build_leftovers(dir / name, shard, depth + 1);
    if (shard.kind != DirState::Kind::kNothing && !empty_index) return false;
  }
  return true;
}

}  // namespace

WriteLock::WriteLock(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw IoError("cannot create index directory " + dir.string() + ": " + ec.message() +
                  "; check the path and its permissions");
  }
  dir_fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd_ < 0) core::throw_io_error("cannot open index directory " + dir.string(), errno);
  if (::flock(dir_fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    std::string holder = err == EWOULDBLOCK ? flock_holder(dir_fd_) : std::string();
    ::close(dir_fd_);
    dir_fd_ = -1;
    if (err != EWOULDBLOCK)
      core::throw_io_error("cannot lock index directory " + dir.string(), err);
    throw_locked(dir, holder.empty() ? lock_file_holder(dir / kLockName) : holder);
  }
  // Opened for writing even where the holder's name is not needed: a
  // directory where it cannot be written is no place to write an index.
  lock_file_ = dir / kLockName;
  int fd = ::open(lock_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    int err = errno;
    ::close(dir_fd_);
    dir_fd_ = -1;
    if (err == EMFILE || err == ENFILE) {
      core::throw_io_error("cannot open lock file " + lock_file_.string(), err);
    }
    throw IoError("cannot open lock file " + lock_file_.string() + ": " + std::strerror(err) +
                  "; is the index directory writable?");
  }
  std::string text = "pid " + std::to_string(::getpid()) + " (" + process_name("self") + ")\n";
  [[maybe_unused]] ssize_t w = ::write(fd, text.data(), text.size());
  ::close(fd);
}

WriteLock::~WriteLock() {
  if (dir_fd_ < 0) return;
  // Named by no one once released (and not created again if deleted).
  int fd = ::open(lock_file_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd >= 0) ::close(fd);
  ::close(dir_fd_);  // releases the lock
}

DirState IndexDir::state() const {
  DirState s;
  s.stub = Stub::read(dir_);
  bool plain_database = false;
  std::error_code ec;
  fs::directory_iterator it(dir_, ec);
  if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) ec.clear();
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code type_ec;
    bool directory = it->is_directory(type_ec);
    if (directory && Stub::is_generation_name(name)) s.generations.push_back(name);
    if (directory && Stub::is_shard_name(name)) s.shards.push_back(name);
    if (name == "iamglass" || name == "iamchert") plain_database = true;
  }
  if (ec) core::throw_io_error("cannot list index directory " + dir_.string(), ec.value());
  std::sort(s.generations.begin(), s.generations.end(), [](const auto& a, const auto& b) {
    return generation_number(a) < generation_number(b);
  });
  std::sort(s.shards.begin(), s.shards.end());

  bool holds_data = !s.generations.empty() || !s.shards.empty();
  std::string stub_name = s.stub.file().string();
  std::string db = db_.string();
  std::string rebuild =
      "rebuild it from its sources with `communique index --rebuild --db " + db + " SOURCES...`";
  auto corrupt = [&](const std::string& what, bool repairable) {
    s.kind = DirState::Kind::kCorrupt;
    std::string held;
    if (!s.generations.empty()) held = "; it holds " + listed(s.generations);
    if (!s.shards.empty()) held += (held.empty() ? "; it holds " : " and ") + listed(s.shards);
    s.problem =
        "index " + dir_.string() + ": " + what + held + "; " +
        (repairable ? (s.shards.empty() ? "point the stub at the newest complete generation with "
                                        : "list the shards in the stub again with ") +
                          ("`communique repair --db " + db + "`, or ") + rebuild
                    : rebuild);
  };

  switch (s.stub.kind()) {
    case Stub::Kind::kAbsent:
    case Stub::Kind::kEmpty:
      if (holds_data && !only_first_build_leftovers(dir_, s)) {
        corrupt("its stub " + stub_name + " is " +
                    (s.stub.kind() == Stub::Kind::kAbsent ? "missing" : "empty"),
                true);
      } else if (plain_database && s.stub.kind() == Stub::Kind::kAbsent) {
        s.kind = DirState::Kind::kDatabase;
      }
      break;
    case Stub::Kind::kGeneration: {
      std::string live = s.stub.generation();
      if (std::find(s.generations.begin(), s.generations.end(), live) != s.generations.end()) {
        s.kind = DirState::Kind::kIndex;
      } else {
        s.kind = DirState::Kind::kCorrupt;
        s.problem = "index " + dir_.string() + " names generation " + live +
                    " in its stub, which is missing; " +
                    (s.generations.empty()
                         ? rebuild
                         : "point the stub at the newest complete generation of those left (" +
                               listed(s.generations) + ") with `communique repair --db " + db +
                               "`, or " + rebuild);
      }
      break;
    }
    case Stub::Kind::kShards: {
      std::vector<std::string> missing;
      for (const auto& name : s.stub.shards()) {
        if (std::find(s.shards.begin(), s.shards.end(), name) == s.shards.end())
          missing.push_back(name);
      }
      if (missing.empty()) {
        s.kind = DirState::Kind::kArchive;
      } else {
        s.kind = DirState::Kind::kCorrupt;
        s.problem = "archive " + dir_.string() + " lists " + listed(missing) +
                    " in its stub, which " +
                    (missing.size() == 1 ? "is missing with its" : "are missing with their") +
                    " statements; " + rebuild;
      }
      break;
    }
    case Stub::Kind::kDatabases:
      if (holds_data) {
        corrupt("its stub " + stub_name + " names other databases than its own", true);
      } else {
        s.kind = DirState::Kind::kDatabase;
      }
      break;
    case Stub::Kind::kGarbled:
      corrupt("its stub " + stub_name + " is damaged: " + s.stub.problem(), holds_data);
      break;
  }
  return s;
}

std::string IndexDir::live_generation() const { return Stub::read(dir_).generation(); }

std::vector<std::string> IndexDir::shards() const { return Stub::read(dir_).shards(); }

std::string shard_name(unsigned i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shard-%02u", i);
  return buf;
}

std::string IndexDir::next_generation() const {
  long highest = 0;
  std::error_code ec;
  fs::directory_iterator it(dir_, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (Stub::is_generation_name(name)) highest = std::max(highest, generation_number(name));
  }
  // A name picked from a partial listing could be one that exists.
  if (ec) core::throw_io_error("cannot list index directory " + dir_.string(), ec.value());
  char buf[32];
  std::snprintf(buf, sizeof buf, "gen-%06ld", highest + 1);
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
  write_stub(Stub::of_generation(generation));
}

void IndexDir::write_stub(const std::string& content) {
  fs::path tmp = dir_ / (std::string(kStubName) + ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) core::throw_io_error("cannot write " + tmp.string(), errno);
  std::size_t done = 0;
  int err = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (!err && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (err) {
    ::unlink(tmp.c_str());
    core::throw_io_error("cannot write " + tmp.string(), err);
  }
  if (::rename(tmp.c_str(), (dir_ / kStubName).c_str()) != 0) {
    core::throw_io_error("cannot update " + (dir_ / kStubName).string(), errno);
  }
  fsync_path(dir_, O_RDONLY | O_DIRECTORY);
}

void IndexDir::clean_up(const std::string& previous_generation) const {
  std::string live;
  try {
    live = live_generation();
  } catch (const Error&) {
    // Unreadable now: remove no generation on a guess.
  }
  std::error_code ec;
  bool live_exists = !live.empty() && fs::is_directory(dir_ / live, ec);
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    bool stale_build = name.starts_with("build-");
    bool old_generation = live_exists && Stub::is_generation_name(name) && name != live &&
                          name != previous_generation;
    if (stale_build || old_generation) fs::remove_all(entry.path(), ec);
  }
}

void IndexDir::remove_builds() const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().filename().string().starts_with("build-")) fs::remove_all(entry.path(), ec);
  }
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

std::uint64_t bytes_on_disk(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode))
      total += static_cast<std::uint64_t>(st.st_blocks) * 512;
  }
  return total;
}

std::uint64_t bytes_free(const fs::path& path) {
  struct statvfs vfs {};
  if (::statvfs(path.c_str(), &vfs) != 0) return UINT64_MAX;
  return static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
}

void remove_quietly(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

std::string megabytes(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace communique::index
