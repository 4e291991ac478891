#include "query/groups.h"

#include "schema/schema.h"

namespace communique::query {

GroupTable::GroupTable(const Xapian::Database& db) {
  const Xapian::valueno slot = schema::kGroupSlot;
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    if ((*v).empty()) continue;
    members_[*v].push_back(v.get_docid());
    ++statements_;
  }
}

const std::vector<Xapian::docid>& GroupTable::members(const std::string& group) const {
  static const std::vector<Xapian::docid> kNone;
  auto it = members_.find(group);
  return it == members_.end() ? kNone : it->second;
}

}  // namespace communique::query
