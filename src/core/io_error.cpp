#include "core/io_error.h"

#include <strings.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include "communique/error.h"

namespace communique::core {

std::string io_hint(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return "; the disk is full: free some space, then run the same command again";
    case EFBIG:
      return "; a file size limit was reached (ulimit -f): raise it, then run the same command "
             "again";
    case EROFS:
    case EACCES:
    case EPERM:
      return "; the index directory is not writable: check its permissions";
    case EMFILE: {
      // An archive opens every table of every shard at once (5 files a
      // shard), and a build holds one database per thread besides.
      rlimit limit{};
      std::string now;
      if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        now = " (" + std::to_string(limit.rlim_cur) + " now)";
      return "; the process ran out of file descriptors: raise its limit" + now +
             " with `ulimit -n 4096` (LimitNOFILE= for a systemd service), then run the same "
             "command again";
    }
    case ENFILE:
      return "; the system ran out of file descriptors (fs.file-max): close some programs or "
             "raise the limit, then run the same command again";
    default:
      return {};
  }
}

int errno_of_text(const char* text) {
  if (!text || !*text) return 0;
  for (int err : {ENOSPC, EDQUOT, EFBIG, EROFS, EACCES, EPERM, EMFILE, ENFILE, EIO}) {
    if (strcasecmp(text, std::strerror(err)) == 0) return err;
  }
  return 0;
}

void throw_io_error(const std::string& what, int err) {
  throw IoError(what + ": " + std::strerror(err) + io_hint(err));
}

}  // namespace communique::core
