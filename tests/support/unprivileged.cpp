#include "support/unprivileged.h"

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>

namespace communique::testing {

namespace {

constexpr uid_t kNobody = 65534;

void write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string run_unprivileged(const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return std::string("CHILD FAILED: pipe: ") + std::strerror(errno);
  pid_t pid = ::fork();
  if (pid < 0) return std::string("CHILD FAILED: fork: ") + std::strerror(errno);
  if (pid == 0) {
    ::close(fds[0]);
    std::string out;
    int code = 0;
    if (::geteuid() == 0 &&
        (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)) {
      out = std::string("CHILD FAILED: cannot become nobody: ") + std::strerror(errno);
      code = 1;
    } else {
      try {
        out = body();
      } catch (const std::exception& e) {
        out = std::string("CHILD FAILED: ") + e.what();
        code = 1;
      } catch (...) {
        out = "CHILD FAILED: unknown exception";
        code = 1;
      }
    }
    write_all(fds[1], out);
    ::close(fds[1]);
    ::_exit(code);  // no destructors, atexit handlers or gtest teardown in the child
  }
  ::close(fds[1]);
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status))
    return "CHILD FAILED: killed by signal " + std::to_string(WTERMSIG(status));
  return out;
}

}  // namespace communique::testing
