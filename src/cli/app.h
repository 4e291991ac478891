// What the command's subcommands share: exit codes and the one mapping of
// the library's errors to them, the check of numeric options, whether
// output is coloured, the default index and the version text.

#ifndef COMMUNIQUE_CLI_APP_H_
#define COMMUNIQUE_CLI_APP_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace communique::cli {

enum ExitCode {
  kOk = 0,
  kFailure = 1,
  kUsage = 2,
  kNotFound = 3,
  kLocked = 4,
  kQuerySyntax = 5,
  kIo = 6,
  kCorrupt = 7
};

// Each exit code and what it means, for the manual page (README's "Exit
// codes" says the same at more length).
struct ExitCodeMeaning {
  ExitCode code;
  const char* meaning;
};
inline constexpr ExitCodeMeaning kExitCodes[] = {
    {kOk, "success (an index run that skipped bad records still succeeds; see its report)"},
    {kFailure, "unexpected error"},
    {kUsage,
     "bad usage or argument (an unknown command or option, a number out of its range, "
     "a refused rebuild or prune)"},
    {kNotFound, "index not found, or no statement with the id given"},
    {kLocked, "index locked by another writer"},
    {kQuerySyntax, "query refused: empty, no word to search for, a bad filter value, over a bound"},
    {kIo, "I/O error (disk full, permissions, out of file descriptors)"},
    {kCorrupt, "corrupt index; communique repair or index --rebuild mends it"},
};

// A whole number within [lo, hi], for a numeric option. Unchecked, CLI11
// reads "-1" into an unsigned option as its largest value (--limit -1
// printed every statement) and takes 100000 threads at their word.
CLI::Validator whole_number(std::uint64_t lo, std::uint64_t hi);

// --color's values; "auto" by default.
inline constexpr const char* kColorChoices[] = {"auto", "always", "never"};

// Whether output to the stream `fd` (STDOUT_FILENO, STDERR_FILENO) is
// coloured for --color `choice`: always or never as it says; auto only on
// a terminal, and not when NO_COLOR is set to anything but "" (see
// https://no-color.org) or TERM is "dumb".
bool use_color(std::string_view choice, int fd);

// Runs a command and returns its exit code. An error it throws is logged
// (made printable) and answered with its code: QuerySyntaxError
// kQuerySyntax (the message after "query: "), NotFound kNotFound,
// LockedError kLocked, CorruptIndex kCorrupt, IoError kIo,
// InvalidArgument kUsage, any other std::exception kFailure.
int run_guarded(const std::function<int()>& command);

// The index used without --db: $COMMUNIQUE_DB when set and not empty,
// else ./communique.db.
std::string default_db();

// communique --version: the library's version, and those of Xapian and
// ICU it was built with (and runs with, where they differ).
std::string version_text();

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_APP_H_
