// What a failed system call means to the user, said the same way by every
// part of the library that reads or writes files (and by the translation
// of Xapian's errors, which carry the same errno text).

#ifndef COMMUNIQUE_CORE_IO_ERROR_H_
#define COMMUNIQUE_CORE_IO_ERROR_H_

#include <string>

namespace communique::core {

// What to do about `err` (an errno value), as "; the disk is full: ...",
// or "" when there is nothing more useful to say than strerror(err).
std::string io_hint(int err);

// The errno value whose strerror() text is `text` (in any case), or 0.
// Xapian keeps the errno of a failed call only as this text.
int errno_of_text(const char* text);

// Throws IoError: "`what`: strerror(err)" and io_hint(err).
[[noreturn]] void throw_io_error(const std::string& what, int err);

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_IO_ERROR_H_
