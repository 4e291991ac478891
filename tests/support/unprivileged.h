// Running a piece of a test with an ordinary user's permissions, so that
// unreadable files and folders are unreadable even when the suite runs as
// root (as in CI), whom mode 000 does not stop.

#ifndef COMMUNIQUE_TESTS_SUPPORT_UNPRIVILEGED_H_
#define COMMUNIQUE_TESTS_SUPPORT_UNPRIVILEGED_H_

#include <functional>
#include <string>

namespace communique::testing {

// Runs `body` in a child process: as the user and group nobody (65534)
// when this process is root, else as this user. Returns what `body`
// returned, or "CHILD FAILED: ..." when it threw or the child died. Files
// the child must reach need permissions for "others".
std::string run_unprivileged(const std::function<std::string()>& body);

}  // namespace communique::testing

#endif  // COMMUNIQUE_TESTS_SUPPORT_UNPRIVILEGED_H_
