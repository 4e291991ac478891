// Fuzzes the query language's syntax alone (query/syntax.h), which needs
// no index: any line is read into items or refused with QuerySyntaxError,
// and what is read keeps the reader's promises (nesting bounded, every
// filter with a field and a value, OR and * never excluded).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "communique/analyzer.h"
#include "communique/error.h"
#include "query/syntax.h"

namespace {

using communique::query::QueryItem;

void check(const std::vector<QueryItem>& items, std::size_t depth) {
  if (depth > communique::query::kMaxDepth + 1) std::abort();
  for (const QueryItem& item : items) {
    switch (item.kind) {
      case QueryItem::kFilter:
        if (!item.field || !item.field->filters() || item.text.empty()) std::abort();
        break;
      case QueryItem::kGroup:
        check(item.children, depth + 1);
        break;
      case QueryItem::kOr:
      case QueryItem::kAll:
        if (item.excluded) std::abort();
        break;
      case QueryItem::kText:
        if (item.text.empty()) std::abort();
        break;
      case QueryItem::kPhrase:
        break;
    }
    if (item.kind != QueryItem::kGroup && !item.children.empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string query(reinterpret_cast<const char*>(data), size);
  communique::repair_utf8(query);  // as the parser does before reading
  if (query.size() > communique::query::kMaxQueryBytes) return 0;
  try {
    check(communique::query::read_query(query).items, 0);
  } catch (const communique::QuerySyntaxError&) {
  }
  return 0;
}
