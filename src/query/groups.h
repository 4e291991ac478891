// The groups of near-identical statements of one index state, read from
// their value slot (schema::kGroupSlot) once, at first use: which
// statements each group holds, for a hit's "also issued as" list and the
// index's statistics. Groups are sparse (only statements with a
// near-identical other have one), so the table is small, and reading it
// costs one pass over the statements that are grouped.

#ifndef COMMUNIQUE_QUERY_GROUPS_H_
#define COMMUNIQUE_QUERY_GROUPS_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace communique::query {

class GroupTable {
 public:
  // Reads the group slot of `db` (local or remote; Xapian errors
  // propagate).
  explicit GroupTable(const Xapian::Database& db);

  // The statements of `group`, by ascending docid; empty for a group the
  // index does not hold.
  const std::vector<Xapian::docid>& members(const std::string& group) const;

  std::size_t groups() const { return members_.size(); }
  std::size_t statements() const { return statements_; }

 private:
  std::unordered_map<std::string, std::vector<Xapian::docid>> members_;
  std::size_t statements_ = 0;
};

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_GROUPS_H_
