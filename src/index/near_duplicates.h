// Groups of near-identical statements: a page indexed twice, a statement
// reposted under a new header, a joint statement issued by each of its
// signatories. Search shows each group as its best hit with the others
// listed beside it (Hit::duplicates).

#ifndef COMMUNIQUE_INDEX_NEAR_DUPLICATES_H_
#define COMMUNIQUE_INDEX_NEAR_DUPLICATES_H_

#include <xapian.h>

#include <cstddef>
#include <vector>

namespace communique::index {

// Two statements are near-identical when their bodies resemble each other
// at least kNearIdentical (analysis::resemblance: the estimated Jaccard
// similarity of their five-word runs), or when one holds at least
// kContained of the other's runs (analysis::containment) and they still
// resemble each other kContainedResemblance: a copy under a new header
// line, with its white space changed and its first paragraph rewritten,
// is one or the other; different statements on one subject, even written
// from one template, are neither (tests/query/near_duplicates_search_test
// and tests/cli/near_duplicates_test.py, over the shared corpus, measure
// both).
inline constexpr double kNearIdentical = 0.5;
inline constexpr double kContained = 0.6;
inline constexpr double kContainedResemblance = 0.3;

struct Grouping {
  std::size_t groups = 0;      // groups of two statements or more
  std::size_t statements = 0;  // statements in them
  std::size_t rewritten = 0;   // statements whose group changed
};

// Reads the signature of every statement of `dbs` (one index, or every
// shard of an archive: a group may span shards), groups the statements
// that are near-identical to another (transitively), and writes each
// statement's group where it changed: value slot schema::kGroupSlot, the
// 16 hex digits of a hash of the group's oldest statement's order key, so
// that a group keeps its name as statements join it. A statement in no
// group has none. The caller
// commits (within its own transaction, readers see the groups and the
// statements at once). Candidates are found by locality-sensitive hashing
// of the signatures' bands, so the work grows with the statements, not
// their pairs. Xapian errors propagate.
// Only statements dated within a week of each other (or in one year, where
// a date is only a year or a month) are compared: a ministry that uses one
// template for two visits a year apart issued two statements.
Grouping group_near_duplicates(const std::vector<Xapian::WritableDatabase*>& dbs);

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_NEAR_DUPLICATES_H_
