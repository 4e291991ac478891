#include "index/near_duplicates.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <utility>

#include "analysis/minhash.h"
#include "core/hash.h"
#include "schema/schema.h"

namespace communique::index {

namespace {

// Bands of the signature for locality-sensitive hashing: two statements
// that agree on every slot of one band are compared. With bands of two
// slots, a pair at kNearIdentical is compared with probability
// 1 - (1 - 0.5^2)^32 > 0.9998, one at kContainedResemblance with
// 1 - (1 - 0.3^2)^32 > 0.95.
constexpr std::size_t kBandSlots = 2;
constexpr std::size_t kBands = analysis::MinHasher::kHashes / kBandSlots;
// A band value shared by more statements than this is boilerplate (a
// ministry's standard closing line) or a large group of copies: its
// statements are compared with its first one only, not pairwise.
constexpr std::size_t kPairwiseBucket = 200;

struct Entry {
  std::size_t db;
  Xapian::docid docid;
  std::string signature;
  std::string order;  // schema::kOrderSlot: date, then id
  std::string group;  // as stored
  std::uint32_t date = 0;  // YYYYMMDD, unknown parts 0; 0 for no date
};

// Whether two statements are close enough in time to be one text issued
// twice (a page indexed twice, a joint statement, a repost) rather than
// the same template used again for another visit months later: dated
// within kMaxDaysApart of each other, or in one year where either date is
// only a year or a month (UN speeches: one session). No date says nothing.
constexpr int kMaxDaysApart = 7;

bool close_in_time(std::uint32_t a, std::uint32_t b) {
  if (a == 0 || b == 0) return true;
  auto day = [](std::uint32_t key) {
    return std::chrono::sys_days(std::chrono::year(static_cast<int>(key / 10000)) /
                                 std::chrono::month(key / 100 % 100) / std::chrono::day(key % 100));
  };
  if (a % 100 == 0 || b % 100 == 0 || a / 100 % 100 == 0 || b / 100 % 100 == 0)
    return a / 10000 == b / 10000;
  return std::chrono::abs(day(a) - day(b)) <= std::chrono::days(kMaxDaysApart);
}

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

// The value of `slot` for each of `docids` (ascending), "" where absent.
std::vector<std::string> values_of(const Xapian::Database& db, Xapian::valueno slot,
                                   const std::vector<Xapian::docid>& docids) {
  std::vector<std::string> out(docids.size());
  Xapian::ValueIterator v = db.valuestream_begin(slot);
  for (std::size_t i = 0; i < docids.size() && v != db.valuestream_end(slot); ++i) {
    v.skip_to(docids[i]);
    if (v != db.valuestream_end(slot) && v.get_docid() == docids[i]) out[i] = *v;
  }
  return out;
}

std::string group_name(const std::string& order) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, core::fnv1a64(order));
  return hex;
}

// The group is a value only: changing a value rewrites nothing else of
// the document, where adding or removing a term makes Xapian 1.4 read every
// term and position of the statement first (about thirty times the cost,
// for every statement of a group: an archive holding many copies spent
// most of a run here). Indexes written before kept the group as a term
// too (schema::kGroupPrefix): it is taken out as the statement's group
// changes.
void write_group(Xapian::WritableDatabase& db, Xapian::docid docid, const std::string& old_group,
                 const std::string& group) {
  Xapian::Document doc = db.get_document(docid);
  if (!old_group.empty()) {
    std::string term = schema::term(schema::kGroupPrefix, old_group);
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(term);
    if (t != doc.termlist_end() && *t == term) doc.remove_term(term);
  }
  if (group.empty())
    doc.remove_value(schema::kGroupSlot);
  else
    doc.add_value(schema::kGroupSlot, group);
  db.replace_document(docid, doc);
}

}  // namespace

Grouping group_near_duplicates(const std::vector<Xapian::WritableDatabase*>& dbs) {
  std::vector<Entry> entries;
  // Statements grouped before whose signature is gone (none should be:
  // every statement has a body) are taken out of their groups.
  std::vector<std::pair<std::size_t, Xapian::docid>> ungrouped;
  for (std::size_t d = 0; d < dbs.size(); ++d) {
    const Xapian::Database& db = *dbs[d];
    std::vector<Xapian::docid> docids;
    std::size_t first = entries.size();
    for (auto v = db.valuestream_begin(schema::kSignatureSlot);
         v != db.valuestream_end(schema::kSignatureSlot); ++v) {
      entries.push_back({d, v.get_docid(), *v, {}, {}});
      docids.push_back(v.get_docid());
    }
    std::vector<std::string> orders = values_of(db, schema::kOrderSlot, docids);
    std::vector<std::string> groups = values_of(db, schema::kGroupSlot, docids);
    std::vector<std::string> dates = values_of(db, schema::kDateSlot, docids);
    for (std::size_t i = 0; i < docids.size(); ++i) {
      entries[first + i].order = std::move(orders[i]);
      entries[first + i].group = std::move(groups[i]);
      if (!dates[i].empty())
        entries[first + i].date = static_cast<std::uint32_t>(Xapian::sortable_unserialise(dates[i]));
    }
    for (auto v = db.valuestream_begin(schema::kGroupSlot);
         v != db.valuestream_end(schema::kGroupSlot); ++v) {
      if (!std::binary_search(docids.begin(), docids.end(), v.get_docid()))
        ungrouped.emplace_back(d, v.get_docid());
    }
  }

  DisjointSets sets(entries.size());
  auto compare = [&](std::size_t a, std::size_t b) {
    if (sets.find(a) == sets.find(b) || !close_in_time(entries[a].date, entries[b].date)) return;
    const std::string& sa = entries[a].signature;
    const std::string& sb = entries[b].signature;
    double r = analysis::resemblance(sa, sb);
    if (r >= kNearIdentical ||
        (r >= kContainedResemblance && analysis::containment(sa, sb) >= kContained))
      sets.unite(a, b);
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> buckets;  // band value, entry
  buckets.reserve(entries.size());
  for (std::size_t band = 0; band < kBands; ++band) {
    buckets.clear();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      std::string_view slots =
          std::string_view(entries[i].signature).substr(band * kBandSlots * 4, kBandSlots * 4);
      buckets.emplace_back(core::fnv1a64(slots), static_cast<std::uint32_t>(i));
    }
    std::sort(buckets.begin(), buckets.end());
    for (std::size_t from = 0; from < buckets.size();) {
      std::size_t to = from + 1;
      while (to < buckets.size() && buckets[to].first == buckets[from].first) ++to;
      if (to - from <= kPairwiseBucket) {
        for (std::size_t a = from; a < to; ++a) {
          for (std::size_t b = a + 1; b < to; ++b) compare(buckets[a].second, buckets[b].second);
        }
      } else {
        for (std::size_t b = from + 1; b < to; ++b) compare(buckets[from].second, buckets[b].second);
      }
      from = to;
    }
  }

  // Each group named after its oldest statement.
  std::map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < entries.size(); ++i) members[sets.find(i)].push_back(i);
  Grouping grouping;
  std::vector<std::string> wanted(entries.size());
  for (const auto& [root, list] : members) {
    if (list.size() < 2) continue;
    ++grouping.groups;
    grouping.statements += list.size();
    std::size_t oldest = *std::min_element(list.begin(), list.end(), [&](auto a, auto b) {
      return entries[a].order < entries[b].order;
    });
    std::string name = group_name(entries[oldest].order);
    for (std::size_t i : list) wanted[i] = name;
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (wanted[i] == entries[i].group) continue;
    write_group(*dbs[entries[i].db], entries[i].docid, entries[i].group, wanted[i]);
    ++grouping.rewritten;
  }
  for (auto [d, docid] : ungrouped) {
    std::string old = dbs[d]->get_document(docid).get_value(schema::kGroupSlot);
    write_group(*dbs[d], docid, old, {});
    ++grouping.rewritten;
  }
  return grouping;
}

}  // namespace communique::index
