#include "query/facets.h"

#include <algorithm>
#include <map>
#include <span>
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
           const std::vector<std::string>& display, std::span<const std::uint64_t> counts,
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
  // Each facet's values by docid (ids[begin[d], begin[d + 1])), then all
  // facets' interleaved by docid.
  std::vector<std::vector<std::uint32_t>> begins, ids;
  std::uint32_t numbered = 0;
  for (const schema::FieldSpec* field : schema::facet_fields()) {
    Column column;
    column.first = numbered;
    std::vector<std::uint32_t>& begin = begins.emplace_back(docs + 1, 0);
    std::vector<std::uint32_t>& of = ids.emplace_back();
    std::unordered_map<std::string, std::uint32_t> id_of;
    std::size_t next = 0;  // the first docid whose begin is not yet set
    Xapian::valueno slot = field->facet_slot;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      Xapian::docid did = v.get_docid();
      while (next <= did) begin[next++] = static_cast<std::uint32_t>(of.size());
      for_each_value(*field, *v, [&](const std::string& value) {
        auto [it, fresh] =
            id_of.try_emplace(value, static_cast<std::uint32_t>(numbered + column.names.size()));
        if (fresh) column.names.push_back(value);
        of.push_back(it->second);
      });
    }
    while (next < begin.size()) begin[next++] = static_cast<std::uint32_t>(of.size());
    numbered += static_cast<std::uint32_t>(column.names.size());
    Labels labels = labels_of(*field, column.names);
    column.group = std::move(labels.group);
    column.display = std::move(labels.display);
    columns_.push_back(std::move(column));
  }
  start_.reserve(docs + 1);
  std::size_t cells = 0;
  for (const auto& of : ids) cells += of.size();
  values_.reserve(cells);
  for (std::size_t d = 0; d < docs; ++d) {
    start_.push_back(static_cast<std::uint32_t>(values_.size()));
    for (std::size_t f = 0; f < ids.size(); ++f)
      values_.insert(values_.end(), ids[f].begin() + begins[f][d],
                     ids[f].begin() + begins[f][d + 1]);
  }
  start_.push_back(static_cast<std::uint32_t>(values_.size()));
}

FacetTable::Counter::Counter(const FacetTable& table) : table_(table) {
  std::size_t values = 0;
  for (const Column& column : table.columns_) values += column.names.size();
  counts_.assign(values, 0);
}

void FacetTable::Counter::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  Xapian::docid did = doc.get_docid();
  if (did + 1 >= table_.start_.size()) return;  // added since the table was read
  for (std::uint32_t i = table_.start_[did]; i < table_.start_[did + 1]; ++i)
    ++counts_[table_.values_[i]];
}

Facets FacetTable::Counter::facets(std::size_t limit) const {
  Facets out;
  const auto& fields = schema::facet_fields();
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const Column& column = table_.columns_[f];
    std::span<const std::uint64_t> counts(counts_.data() + column.first, column.names.size());
    out.list.push_back(rank(*fields[f], column.names, column.display, counts, column.group, limit));
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
