#include "query/filters.h"

#include <string>
#include <vector>

#include "communique/error.h"
#include "communique/statement.h"
#include "schema/schema.h"

namespace communique::query {

namespace {

QuerySyntaxError bad_value(const schema::FieldSpec& field, std::string_view value,
                           const std::string& why) {
  return QuerySyntaxError(std::string(field.name) + ":" + std::string(value) + " " + why +
                          "; use " + std::string(field.example));
}

// The highest sort key a range's end includes: an end of 2021 or 2021-06
// includes the whole year or month.
std::uint32_t end_key(const Date& d) {
  return d.year * 10000u + (d.month ? d.month * 100u + (d.day ? d.day : 99u) : 9999u);
}

Xapian::Query date_filter(const schema::FieldSpec& field, std::string_view value) {
  auto dots = value.find("..");
  if (dots == std::string_view::npos) {
    auto d = Date::parse(value);
    if (!d) throw bad_value(field, value, "is not a date");
    return Xapian::Query(schema::date_term(*d));
  }
  std::string_view from = value.substr(0, dots), to = value.substr(dots + 2);
  std::uint32_t lo = 0, hi = 99999999;
  if (!from.empty()) {
    auto d = Date::parse(from);
    if (!d) throw bad_value(field, value, "has a start that is not a date");
    lo = d->sort_key();
  }
  if (!to.empty()) {
    auto d = Date::parse(to);
    if (!d) throw bad_value(field, value, "has an end that is not a date");
    hi = end_key(*d);
  }
  if (lo > hi) throw bad_value(field, value, "ends before it starts");
  // One value slot, whatever the span: a range of ten thousand years costs
  // what one of a day does.
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot,
                       Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi));
}

Xapian::Query person_filter(const schema::FieldSpec& field, const std::string& key,
                            const Xapian::Database& db) {
  std::string exact = schema::term(field.prefix, key);
  if (db.term_exists(exact)) return Xapian::Query(exact);
  // Otherwise every person whose name holds these words ("Wang", "Lavrov").
  std::vector<Xapian::Query> matches;
  std::string prefix(field.prefix);
  std::string padded = " " + key + " ";
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    std::string name(1, ' ');
    name.append(*t, prefix.size()).push_back(' ');
    if (name.find(padded) != std::string::npos) matches.emplace_back(*t);
  }
  if (matches.empty()) return Xapian::Query(exact);  // matches nothing, as asked
  return Xapian::Query(Xapian::Query::OP_OR, matches.begin(), matches.end());
}

}  // namespace

Xapian::Query filter_query(const schema::FieldSpec& field, std::string_view value,
                           const Xapian::Database& db, const Gazetteer& gazetteer) {
  if (field.kind == schema::FieldKind::kDate) return date_filter(field, value);
  std::optional<std::string> key = schema::key(field, value, gazetteer);
  if (!key) {
    throw bad_value(field, value,
                    field.kind == schema::FieldKind::kCountry
                        ? "names no country known to the gazetteer (an ISO code, a name or a "
                          "demonym)"
                        : "is not a value of this field");
  }
  if (field.kind == schema::FieldKind::kPerson) return person_filter(field, *key, db);
  return Xapian::Query(schema::term(field.prefix, *key));
}

}  // namespace communique::query
