#include "query/facet_table.h"

#include <algorithm>
#include <unordered_map>

#include "schema/schema.h"

namespace communique::query {

namespace {

// Reads one slot's values in docid order, numbering the distinct ones.
template <typename Visit>
void read_slot(const Xapian::Database& db, Xapian::valueno slot, std::vector<std::string>& names,
               Visit visit) {
  std::unordered_map<std::string, std::uint32_t> ids;
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    visit(v.get_docid(), *v, [&](const std::string& value) {
      auto [it, fresh] = ids.try_emplace(value, static_cast<std::uint32_t>(names.size()));
      if (fresh) names.push_back(value);
      return it->second;
    });
  }
}

// The values counted, most statements first (ties by value), at most
// `limit` of them (0: all). Sorted by index, so that only the values
// returned are copied: a minister facet has thousands of values.
std::vector<FacetValue> sorted(const std::vector<std::string>& names,
                               const std::vector<std::uint64_t>& counts, std::size_t limit) {
  std::vector<std::uint32_t> counted;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i]) counted.push_back(static_cast<std::uint32_t>(i));
  }
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : names[a] < names[b];
  };
  std::size_t n = limit ? std::min(limit, counted.size()) : counted.size();
  std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(n),
                    counted.end(), before);
  std::vector<FacetValue> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back({names[counted[i]], counts[counted[i]]});
  return out;
}

}  // namespace

FacetTable::FacetTable(const Xapian::Database& db) {
  const Xapian::docid last = db.get_lastdocid();
  country_of_.assign(std::size_t{last} + 1, kNone);
  year_of_.assign(std::size_t{last} + 1, kNone);
  read_slot(
      db, schema::kCountrySlot, countries_,
      [&](Xapian::docid did, const std::string& value, auto id) { country_of_[did] = id(value); });
  read_slot(
      db, schema::kYearSlot, years_,
      [&](Xapian::docid did, const std::string& value, auto id) { year_of_[did] = id(value); });
  // Ministers: the names of docid d are minister_ids_[start[d], start[d + 1]).
  minister_start_.assign(std::size_t{last} + 2, 0);
  std::size_t next = 0;  // the first docid whose start is not yet set
  read_slot(db, schema::kMinistersSlot, ministers_,
            [&](Xapian::docid did, const std::string& names, auto id) {
              while (next <= did)
                minister_start_[next++] = static_cast<std::uint32_t>(minister_ids_.size());
              for (std::size_t from = 0; from <= names.size();) {
                std::size_t to = names.find(schema::kListSeparator, from);
                if (to == std::string::npos) to = names.size();
                if (to > from) minister_ids_.push_back(id(names.substr(from, to - from)));
                from = to + 1;
              }
            });
  while (next < minister_start_.size())
    minister_start_[next++] = static_cast<std::uint32_t>(minister_ids_.size());
}

FacetTable::Counter::Counter(const FacetTable& table)
    : table_(table),
      country_(table.countries_.size()),
      year_(table.years_.size()),
      minister_(table.ministers_.size()) {}

void FacetTable::Counter::operator()(const Xapian::Document& doc, double) {
  Xapian::docid did = doc.get_docid();
  if (did >= table_.country_of_.size()) return;  // added since the table was read
  if (std::uint32_t c = table_.country_of_[did]; c != kNone) ++country_[c];
  if (std::uint32_t y = table_.year_of_[did]; y != kNone) ++year_[y];
  for (std::uint32_t i = table_.minister_start_[did]; i < table_.minister_start_[did + 1]; ++i) {
    ++minister_[table_.minister_ids_[i]];
  }
}

Facets FacetTable::Counter::facets(std::size_t limit) const {
  Facets f;
  f.country = sorted(table_.countries_, country_, limit);
  f.year = sorted(table_.years_, year_, limit);
  f.minister = sorted(table_.ministers_, minister_, limit);
  return f;
}

}  // namespace communique::query
