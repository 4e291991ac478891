#include "core/xapian_error.h"

#include <cerrno>
#include <string_view>

#include "communique/error.h"
#include "core/io_error.h"

namespace communique::core {

int errno_of(const Xapian::Error& error) {
  if (int err = errno_of_text(error.get_error_string())) return err;
  const std::string& msg = error.get_msg();
  for (std::size_t open = msg.find('('); open != std::string::npos;
       open = msg.find('(', open + 1)) {
    std::size_t close = msg.find(')', open);
    if (close == std::string::npos) break;
    if (int err = errno_of_text(msg.substr(open + 1, close - open - 1).c_str())) return err;
  }
  // Xapian's lock reports its reason after a colon, in lower case
  // ("Unable to get write lock on ...: too many open files").
  if (std::size_t colon = msg.rfind(": "); colon != std::string::npos) {
    if (int err = errno_of_text(msg.c_str() + colon + 2)) return err;
  }
  return 0;
}

void rethrow(const Xapian::Error& error, const std::string& context) {
  // Xapian::Error has no virtual functions to cast through; its type name
  // says which subclass was thrown.
  std::string_view type = error.get_type();
  std::string what = context + ": " + error.get_msg();
  const char* detail = error.get_error_string();
  if (detail && *detail) what += std::string(" (") + detail + ")";
  // Xapian reports a table it could not open for want of descriptors as a
  // database it cannot open (or lock), which would send the user looking
  // for a missing or busy index.
  int err = errno_of(error);
  if (err == EMFILE || err == ENFILE) throw IoError(what + io_hint(err));
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
    throw IoError(what + io_hint(err));
  }
  throw Error(what);
}

}  // namespace communique::core
