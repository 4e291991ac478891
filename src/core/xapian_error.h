// Translating Xapian's exceptions (which do not derive from std::exception)
// into communique::Error at the library boundary.

#ifndef COMMUNIQUE_CORE_XAPIAN_ERROR_H_
#define COMMUNIQUE_CORE_XAPIAN_ERROR_H_

#include <xapian.h>

#include <string>

namespace communique::core {

// Throws the communique::Error subclass matching `error`, its message
// prefixed by `context` (for example "opening index /srv/db").
[[noreturn]] void rethrow(const Xapian::Error& error, const std::string& context);

// The errno behind `error`, or 0: from its error string, else from its
// message, where Xapian quotes a nested error's text when a commit fails
// ("Modifications failed (DatabaseError: Error writing block 219 (No space
// left on device)), ...").
int errno_of(const Xapian::Error& error);

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_XAPIAN_ERROR_H_
