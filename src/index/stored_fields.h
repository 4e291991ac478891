// What a Xapian document's data holds: the statement as shown in results,
// its body, and the byte spans of its passages.

#ifndef COMMUNIQUE_INDEX_STORED_FIELDS_H_
#define COMMUNIQUE_INDEX_STORED_FIELDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/passages.h"
#include "communique/statement.h"

namespace communique::index {

struct StoredFields {
  Statement statement;
  std::vector<analysis::PassageSpan> passages;
};

// A compact length-prefixed encoding (a version byte, then the fields).
std::string encode(const Statement& statement, const std::vector<analysis::PassageSpan>& passages);

// Throws CorruptIndex if `data` is not an encoding of this version.
StoredFields decode(std::string_view data);

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_STORED_FIELDS_H_
