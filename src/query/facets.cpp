#include "query/facets.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "schema/fields.h"
#include "schema/schema.h"

namespace communique::query {

namespace {

constexpr std::uint32_t kNone = ~0u;

// Calls `each` with every value of a facet slot's content: a list's items,
// or the one value.
template <typename Each>
void for_each_value(const schema::FieldSpec& field, const std::string& slot, Each each) {
  if (!field.list) {
    if (!slot.empty()) each(slot);
    return;
  }
  for (std::size_t from = 0; from <= slot.size();) {
    std::size_t to = slot.find(schema::kListSeparator, from);
    if (to == std::string::npos) to = slot.size();
    if (to > from) each(slot.substr(from, to - from));
    from = to + 1;
  }
}

// Which values of a facet count as one (`group`: the first of its group
// for each value): the names of one person however written ("Wang Yi",
// "WANG Yi"); every other value alone. And how each value is shown
// (`display`): a person as the people table shows them ("汪文斌 (Wang
// Wenbin)" for "Wang Wenbin"); empty for the other fields, whose values are
// shown as they are.
struct Labels {
  std::vector<std::uint32_t> group;
  std::vector<std::string> display;
};

Labels labels_of(const schema::FieldSpec& field, const std::vector<std::string>& names) {
  Labels out;
  out.group.resize(names.size());
  if (field.kind != schema::FieldKind::kPerson) {
    for (std::uint32_t i = 0; i < names.size(); ++i) out.group[i] = i;
    return out;
  }
  out.display.reserve(names.size());
  std::unordered_map<std::string, std::uint32_t> by_key;
  for (std::uint32_t i = 0; i < names.size(); ++i) {
    schema::PersonLabel label = schema::person_label(names[i]);
    out.group[i] = by_key.try_emplace(std::move(label.key), i).first->second;
    out.display.push_back(std::move(label.display));
  }
  return out;
}

// The facet of the values counted (`counts` by index into `names`, shown
// as `display` says), one per group, shown as its most counted name (ties:
// the smaller); most statements first (ties by the value shown), at most
// `limit` (0: all). Values are ranked by index, so that only those
// returned are copied: a minister facet has thousands.
Facet rank(const schema::FieldSpec& field, const std::vector<std::string>& names,
           const std::vector<std::string>& display, const std::vector<std::uint64_t>& counts,
           const std::vector<std::uint32_t>& group, std::size_t limit) {
  std::vector<std::uint64_t> total(names.size(), 0);
  std::vector<std::uint32_t> shown(names.size(), kNone);
  std::vector<std::uint32_t> counted;
  for (std::uint32_t i = 0; i < counts.size(); ++i) {
    if (!counts[i]) continue;
    std::uint32_t g = group[i];
    if (shown[g] == kNone) counted.push_back(g);
    total[g] += counts[i];
    std::uint32_t s = shown[g];
    if (s == kNone || counts[i] > counts[s] || (counts[i] == counts[s] && names[i] < names[s]))
      shown[g] = i;
  }
  auto label = [&](std::uint32_t g) -> const std::string& {
    return display.empty() ? names[shown[g]] : display[shown[g]];
  };
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    return total[a] != total[b] ? total[a] > total[b] : label(a) < label(b);
  };
  std::size_t n = limit ? std::min(limit, counted.size()) : counted.size();
  std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(n),
                    counted.end(), before);
  Facet facet{std::string(field.facet), {}};
  facet.values.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    facet.values.push_back({label(counted[i]), total[counted[i]]});
  return facet;
}

}  // namespace

FacetTable::FacetTable(const Xapian::Database& db) {
  const std::size_t docs = std::size_t{db.get_lastdocid()} + 1;
  for (const schema::FieldSpec* field : schema::facet_fields()) {
    Column column;
    column.start.assign(docs + 1, 0);
    std::unordered_map<std::string, std::uint32_t> ids;
    std::size_t next = 0;  // the first docid whose start is not yet set
    Xapian::valueno slot = field->facet_slot;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      Xapian::docid did = v.get_docid();
      while (next <= did) column.start[next++] = static_cast<std::uint32_t>(column.ids.size());
      for_each_value(*field, *v, [&](const std::string& value) {
        auto [it, fresh] = ids.try_emplace(value, static_cast<std::uint32_t>(column.names.size()));
        if (fresh) column.names.push_back(value);
        column.ids.push_back(it->second);
      });
    }
    while (next < column.start.size())
      column.start[next++] = static_cast<std::uint32_t>(column.ids.size());
    Labels labels = labels_of(*field, column.names);
    column.group = std::move(labels.group);
    column.display = std::move(labels.display);
    columns_.push_back(std::move(column));
  }
}

FacetTable::Counter::Counter(const FacetTable& table) : table_(table) {
  for (const Column& column : table.columns_) counts_.emplace_back(column.names.size(), 0);
}

void FacetTable::Counter::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  Xapian::docid did = doc.get_docid();
  for (std::size_t f = 0; f < counts_.size(); ++f) {
    const Column& column = table_.columns_[f];
    if (did + 1 >= column.start.size()) return;  // added since the table was read
    for (std::uint32_t i = column.start[did]; i < column.start[did + 1]; ++i)
      ++counts_[f][column.ids[i]];
  }
}

Facets FacetTable::Counter::facets(std::size_t limit) const {
  Facets out;
  const auto& fields = schema::facet_fields();
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const Column& column = table_.columns_[f];
    out.list.push_back(
        rank(*fields[f], column.names, column.display, counts_[f], column.group, limit));
  }
  return out;
}

FacetSpies::FacetSpies() {
  for (const schema::FieldSpec* field : schema::facet_fields())
    spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(field->facet_slot));
}

void FacetSpies::attach(Xapian::Enquire& enquire) {
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
}

Facets FacetSpies::facets(std::size_t limit) const {
  Facets out;
  const auto& fields = schema::facet_fields();
  for (std::size_t f = 0; f < fields.size(); ++f) {
    // A list slot's values are combinations of values: split them.
    std::map<std::string, std::uint64_t> counted;
    for (auto v = spies_[f]->values_begin(); v != spies_[f]->values_end(); ++v) {
      for_each_value(*fields[f], *v,
                     [&](const std::string& value) { counted[value] += v.get_termfreq(); });
    }
    std::vector<std::string> names;
    std::vector<std::uint64_t> counts;
    for (auto& [name, count] : counted) {
      names.push_back(name);
      counts.push_back(count);
    }
    Labels labels = labels_of(*fields[f], names);
    out.list.push_back(rank(*fields[f], names, labels.display, counts, labels.group, limit));
  }
  return out;
}

}  // namespace communique::query

namespace communique {

const std::vector<FacetValue>& Facets::of(std::string_view name) const {
  static const std::vector<FacetValue> kNoValues;
  for (const Facet& facet : list) {
    if (facet.name == name) return facet.values;
  }
  return kNoValues;
}

}  // namespace communique
