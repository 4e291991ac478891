// Errors thrown by the Communique library.
//
// Every exception the library throws derives from communique::Error, itself
// a std::runtime_error, so a caller can catch one type at its boundary. The
// subclasses name what a caller can act on. Errors of the underlying
// engine (Xapian, ICU) never escape: they are translated into these.

#ifndef COMMUNIQUE_ERROR_H_
#define COMMUNIQUE_ERROR_H_

#include <stdexcept>
#include <string>

#include "communique/export.h"

namespace communique {

class COMMUNIQUE_EXPORT Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A caller passed a value the library cannot use (bad option, bad record).
class COMMUNIQUE_EXPORT InvalidArgument : public Error {
 public:
  using Error::Error;
};

// A query string that does not parse, or asks for unbounded work.
class COMMUNIQUE_EXPORT QuerySyntaxError : public InvalidArgument {
 public:
  using InvalidArgument::InvalidArgument;
};

// The index (or another named resource) does not exist.
class COMMUNIQUE_EXPORT NotFound : public Error {
 public:
  using Error::Error;
};

// Another process holds the index's write lock.
class COMMUNIQUE_EXPORT LockedError : public Error {
 public:
  using Error::Error;
};

// The index exists but cannot be read as a Communique index.
class COMMUNIQUE_EXPORT CorruptIndex : public Error {
 public:
  using Error::Error;
};

// Reading or writing files failed (permissions, disk full, ...).
class COMMUNIQUE_EXPORT IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace communique

#endif  // COMMUNIQUE_ERROR_H_
