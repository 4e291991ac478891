#include "core/xapian_error.h"

#include <cerrno>
#include <cstring>
#include <string_view>

#include "communique/error.h"

namespace communique::core {

namespace {

// What to do about the common causes of a failed write. Xapian keeps the
// errno only as its text, which comes from the same strerror().
std::string io_hint(const char* detail) {
  if (!detail) return {};
  auto is = [&](int err) { return std::strcmp(detail, std::strerror(err)) == 0; };
  if (is(ENOSPC) || is(EDQUOT))
    return "; the disk is full: free some space, then run the same command again";
  if (is(EFBIG))
    return "; a file size limit was reached (ulimit -f): raise it, then run the same command again";
  if (is(EROFS) || is(EACCES) || is(EPERM))
    return "; the index directory is not writable: check its permissions";
  return {};
}

}  // namespace

void rethrow(const Xapian::Error& error, const std::string& context) {
  // Xapian::Error has no virtual functions to cast through; its type name
  // says which subclass was thrown.
  std::string_view type = error.get_type();
  std::string what = context + ": " + error.get_msg();
  if (const char* detail = error.get_error_string(); detail && *detail)
    what += std::string(" (") + detail + ")";
  if (type == "DatabaseLockError") {
    throw LockedError(what + "; another process is writing this index, wait for it to finish");
  }
  if (type == "DatabaseNotFoundError") throw NotFound(what + "; create it with `communique index`");
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    throw CorruptIndex(what + "; rebuild the index from its sources (tools/reindex)");
  }
  if (type == "DatabaseOpeningError") throw NotFound(what + "; is this a Communique index?");
  if (type == "QueryParserError") throw QuerySyntaxError(what);
  if (type == "InvalidArgumentError") throw InvalidArgument(what);
  if (type.find("Database") != std::string_view::npos ||
      type.find("Network") != std::string_view::npos || type == "FeatureUnavailableError") {
    throw IoError(what + io_hint(error.get_error_string()));
  }
  throw Error(what);
}

}  // namespace communique::core
