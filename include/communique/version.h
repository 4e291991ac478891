// The library's version.

#ifndef COMMUNIQUE_VERSION_H_
#define COMMUNIQUE_VERSION_H_

#include "communique/export.h"

namespace communique {

// "MAJOR.MINOR.PATCH" of the library actually linked.
COMMUNIQUE_EXPORT const char* version();

}  // namespace communique

#endif  // COMMUNIQUE_VERSION_H_
