// Walking the folders given to `communique index`: every file under them
// once, whatever links lead there, and a report of everything that could
// not be read, so that nothing is left out silently and pruning knows what
// it did not see.

#ifndef COMMUNIQUE_INGEST_WALK_H_
#define COMMUNIQUE_INGEST_WALK_H_

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ingest/formats.h"

namespace communique::ingest {

// A file found by the walk: its path as walked (through links, which are
// not resolved) and that path relative to the root given, '/'-separated
// ("2020/speeches.csv"; the file name for a file given directly).
struct WalkedFile {
  std::filesystem::path path;
  std::string relative;
};

// One Walker serves a whole run, so that a file or folder reached again
// (through a link, a bind mount, or two overlapping paths given) is read
// once: files and folders are known by their device and inode.
//
// What it reports through the context: folders it cannot list
// (`unreadable-folder`), entries it cannot examine or open
// (`unreadable-file`), links whose target is missing or is a loop of links
// (`dangling-link`), each a problem that skips what it names; hidden
// entries, pipes, sockets and devices, a second way to a file or folder
// already read, and links back to a folder that contains them (a loop,
// not followed), as skipped files. Links to folders are followed: the
// user put them there.
class Walker {
 public:
  explicit Walker(const Context& context) : context_(context) {}

  // Calls `read` for every regular file under the folder `root` not read
  // before in this run, in path order (names compared bytewise, a folder's
  // files where its name sorts).
  void walk(const std::filesystem::path& root, const std::function<void(const WalkedFile&)>& read);

  // Whether `file` (given directly) was not reached before; marks it read.
  bool first_visit(const std::filesystem::path& file);

  // The paths reported as unreadable or dangling, in the order met.
  const std::vector<std::filesystem::path>& unread() const { return unread_; }

 private:
  using Identity = std::pair<dev_t, ino_t>;

  void unreadable(const std::filesystem::path& path, const std::string& kind,
                  const std::string& message);

  const Context& context_;
  // Each file and folder read, and the path it was first read by.
  std::map<Identity, std::string> seen_;
  std::vector<std::filesystem::path> unread_;
};

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_WALK_H_
