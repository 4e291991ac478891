// The library's version.

#ifndef COMMUNIQUE_VERSION_H_
#define COMMUNIQUE_VERSION_H_

#include <string>

#include "communique/export.h"

namespace communique {

// "MAJOR.MINOR.PATCH" of the library actually linked.
COMMUNIQUE_EXPORT const char* version();

// The versions of the libraries Communique uses, as "1.4.22" and "72.1":
// those whose headers it was built with, and those it runs with (the same
// unless a library was upgraded or replaced since).
struct COMMUNIQUE_EXPORT LibraryVersions {
  std::string xapian_built;
  std::string xapian_running;
  std::string icu_built;
  std::string icu_running;
};
COMMUNIQUE_EXPORT LibraryVersions library_versions();

}  // namespace communique

#endif  // COMMUNIQUE_VERSION_H_
