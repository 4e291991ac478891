// Filters (field:value) as Xapian queries. A value is sought by its key
// (schema/fields.h), as the document builder indexed it, so that a filter
// finds a value however either side wrote it.

#ifndef COMMUNIQUE_QUERY_FILTERS_H_
#define COMMUNIQUE_QUERY_FILTERS_H_

#include <xapian.h>

#include <string_view>

#include "communique/gazetteer.h"
#include "schema/fields.h"

namespace communique::query {

// The statements whose `field` holds `value`:
// - a country (country:, mentions:) by code, name or demonym in any
//   language the gazetteer knows;
// - a person by the whole name, else every person whose name holds these
//   words (minister:Lavrov);
// - a date by year, month or day (date:2020, date:2020-07, date:2020-07-17),
//   or a range with either end open (date:2019..2021, date:..2020-06-30);
// - any other field by its key.
// Throws QuerySyntaxError, saying how to write it, when `value` is none of
// the field's (an unknown country, a date that is not one).
// REQUIRES: field.filters().
Xapian::Query filter_query(const schema::FieldSpec& field, std::string_view value,
                           const Xapian::Database& db, const Gazetteer& gazetteer);

}  // namespace communique::query

#endif  // COMMUNIQUE_QUERY_FILTERS_H_
