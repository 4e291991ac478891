#include "communique/version.h"

#include <unicode/uversion.h>
#include <xapian.h>

namespace communique {

const char* version() { return COMMUNIQUE_VERSION_STRING; }

LibraryVersions library_versions() {
  LibraryVersions v;
  v.xapian_built = XAPIAN_VERSION;
  v.xapian_running = Xapian::version_string();
  v.icu_built = U_ICU_VERSION;
  UVersionInfo running;
  u_getVersion(running);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(running, text);
  v.icu_running = text;
  return v;
}

}  // namespace communique
