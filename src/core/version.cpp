#include "communique/version.h"

namespace communique {

const char* version() { return COMMUNIQUE_VERSION_STRING; }

}  // namespace communique
