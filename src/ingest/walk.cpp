#include "ingest/walk.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

namespace communique::ingest {

namespace fs = std::filesystem;

namespace {

// What the report says of a path that was not read, so that an archivist
// running --prune knows the index keeps what came from it.
constexpr const char* kKept = "; the statements indexed from it before are kept";

std::string error_text(int err) { return std::strerror(err); }

}  // namespace

void Walker::unreadable(const fs::path& path, const std::string& kind, const std::string& message) {
  unread_.push_back(path);
  context_.problem(kind, Provenance{path.string(), 0, 0, ""}, "", message, true);
}

bool Walker::first_visit(const fs::path& file) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) return true;  // its reader reports why
  auto [it, fresh] = seen_.emplace(Identity{st.st_dev, st.st_ino}, file.string());
  if (!fresh) {
    context_.sink.skipped_file(file.string(), "the same file as " + it->second + "; read once");
  }
  return fresh;
}

void Walker::walk(const fs::path& root, const std::function<void(const WalkedFile&)>& read) {
  // One folder being read: its sorted entry names and the next to visit.
  struct Frame {
    fs::path path;
    std::string relative;
    Identity id;
    std::vector<std::string> names;
    std::size_t next = 0;
  };
  auto list = [&](fs::path path, std::string relative, Identity id) {
    Frame frame{std::move(path), std::move(relative), id, {}, 0};
    std::error_code ec;
    fs::directory_iterator it(frame.path, ec), end;
    for (; !ec && it != end; it.increment(ec))
      frame.names.push_back(it->path().filename().string());
    if (ec) {
      unreadable(frame.path, "unreadable-folder",
                 (frame.names.empty() ? "cannot list the folder ("
                                      : "listing the folder stopped after " +
                                            std::to_string(frame.names.size()) + " entries (") +
                     ec.message() + "); files under it were not read" + kKept +
                     ". Make it readable to the user running the indexer");
    }
    std::sort(frame.names.begin(), frame.names.end());
    return frame;
  };

  struct stat st;
  if (::stat(root.c_str(), &st) != 0) {
    unreadable(root, "unreadable-folder",
               "cannot examine the folder (" + error_text(errno) + ")" + kKept);
    return;
  }
  Identity root_id{st.st_dev, st.st_ino};
  if (auto [it, fresh] = seen_.emplace(root_id, root.string()); !fresh) {
    context_.sink.skipped_file(root.string(), "the same folder as " + it->second + "; read once");
    return;
  }
  std::vector<Frame> stack;
  stack.push_back(list(root, "", root_id));
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.names.size()) {
      stack.pop_back();
      continue;
    }
    const std::string& name = top.names[top.next++];
    fs::path path = top.path / name;
    std::string relative = top.relative.empty() ? name : top.relative + "/" + name;
    if (name.front() == '.') {
      context_.sink.skipped_file(path.string(), "hidden file or folder");
      continue;
    }
    if (::lstat(path.c_str(), &st) != 0) {
      unreadable(path, "unreadable-file",
                 "cannot examine it (" + error_text(errno) + "); not read" + kKept);
      continue;
    }
    if (S_ISLNK(st.st_mode) && ::stat(path.c_str(), &st) != 0) {
      int err = errno;
      std::error_code ec;
      std::string target = fs::read_symlink(path, ec).string();
      if (err == ENOENT || err == ENOTDIR || err == ELOOP) {
        unreadable(path, "dangling-link",
                   "link to " + target +
                       (err == ELOOP ? ", which leads round a loop of links"
                                     : ", which does not exist (a share not mounted?)") +
                       "; not read" + kKept);
      } else {
        unreadable(
            path, "unreadable-file",
            "cannot follow the link to " + target + " (" + error_text(err) + "); not read" + kKept);
      }
      continue;
    }
    Identity id{st.st_dev, st.st_ino};
    if (S_ISDIR(st.st_mode)) {
      if (auto it = seen_.find(id); it != seen_.end()) {
        bool loop =
            std::any_of(stack.begin(), stack.end(), [&](const Frame& f) { return f.id == id; });
        context_.sink.skipped_file(path.string(),
                                   loop ? "leads back to " + it->second +
                                              ", a folder that contains it: a loop, not followed"
                                        : "the same folder as " + it->second + "; read once");
        continue;
      }
      seen_.emplace(id, path.string());
      Frame next = list(path, relative, id);  // `top` dies with the push
      stack.push_back(std::move(next));
    } else if (S_ISREG(st.st_mode)) {
      if (auto [it, fresh] = seen_.emplace(id, path.string()); !fresh) {
        context_.sink.skipped_file(path.string(), "the same file as " + it->second + "; read once");
        continue;
      }
      read(WalkedFile{path, relative});
    } else {
      context_.sink.skipped_file(path.string(),
                                 "not a regular file or folder (a pipe, socket or device)");
    }
  }
}

}  // namespace communique::ingest
