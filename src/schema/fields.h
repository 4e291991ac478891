// The fields of a statement, in one table: for each, the name records and
// queries call it by, how its values become keys and index terms, and
// whether it is counted in facets. Reading records (--map, --set, JSONL),
// building documents, filtering (field:value) and counting facets all read
// this table, so that a value is found however it was written and a field
// added here is added everywhere.

#ifndef COMMUNIQUE_SCHEMA_FIELDS_H_
#define COMMUNIQUE_SCHEMA_FIELDS_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "communique/statement.h"

namespace communique {
class Gazetteer;
}

namespace communique::schema {

enum class FieldKind {
  kText,        // title, body: words (schema/terms.h); not a filter
  kStored,      // url: kept and shown, neither searched nor filtered
  kIdentifier,  // id: the value as written
  kKeyword,     // language, role, source: a keyword, normalised by the field
  kCountry,     // country, mentions: the gazetteer's code for any of its names
  kPerson,      // minister: a person's key (person_key)
  kDate,        // date: a day, month or year; terms for each, and a sortable value
};

struct FieldSpec {
  std::string_view name;                  // in records and queries: "minister"
  std::vector<std::string_view> aliases = {};  // also accepted: "ministers"
  FieldKind kind = FieldKind::kText;
  // The prefix of its boolean terms ("XC"); "" for a field that is not
  // filtered (text, stored).
  std::string_view prefix = {};
  // How a filter on it is written, for messages: "country:CHN".
  std::string_view example = {};
  // As a facet: its name in results ("year" for the date), and the value
  // slot counted; "" when it is not a facet. A list facet's slot holds all
  // of a statement's values joined by kListSeparator.
  std::string_view facet = {};
  Xapian::valueno facet_slot = Xapian::BAD_VALUENO;
  bool list = false;  // several values per statement
  // The key of a value as written, for kKeyword fields.
  std::string (*normalise)(std::string_view value) = nullptr;
  // The statement's values, as stored and shown.
  std::vector<std::string> (*values)(const Statement& statement) = nullptr;
  // Sets the field of `statement` from text (records, --map, --set);
  // false when the text is not a value of the field (a date that is not
  // one). A list field takes a ';' or ','-separated list.
  bool (*set)(Statement& statement, std::string_view value) = nullptr;

  bool filters() const { return !prefix.empty(); }
  bool is_facet() const { return !facet.empty(); }
};

// Every field, in the order facets are shown: id, body, title, url,
// country, minister, date, mentions, role, language, source.
const std::vector<FieldSpec>& fields();

// The field named `name` or one of its aliases, ASCII case ignored;
// nullptr for none.
const FieldSpec* find_field(std::string_view name);

// The fields counted in facets, in their order (country, minister, year,
// mentions, role, language).
const std::vector<const FieldSpec*>& facet_fields();

// The names of the record fields, for messages ("id, body, title, ...").
std::string field_names();

// The key of `value` in `field`, as indexed and as sought by a filter: a
// country's code for any of its names (CHN for "China", "Chinese",
// "中国"), a person's key, a normalised keyword, an id as written, a date
// in its canonical form ("2020-07"). nullopt when `value` is none of the
// field's (an unknown country, a date that is not one, an empty value).
std::optional<std::string> key(const FieldSpec& field, std::string_view value,
                               const Gazetteer& gazetteer);

// The boolean terms of a key of `field` (from key()): one term, or for a
// date the terms of its year, month and day, as precise as it is known.
std::vector<std::string> terms(const FieldSpec& field, std::string_view key);

// What a statement's facet slot holds for one of its values of `field`
// (`shown` as stored, `key` from key()): a person as shown (facets merge
// the names of one key), a date's year, any other field's key.
std::string facet_value(const FieldSpec& field, std::string_view shown, std::string_view key);

// The one term a filter on a date seeks: that of its precision
// ("XY2020", "XM202007", "XD20200717").
std::string date_term(const Date& date);

// `text` folded (case, accents) with its white space single and trimmed:
// "UN  General Debate" -> "un general debate". The key of keywords such as
// sources and posts.
std::string folded_words(std::string_view text);

// A person's key, the same for every form of one person in every script
// (analysis/people.h): "Wang Wenbin", "WANG Wenbin", "汪文斌" and the
// facet's "汪文斌 (Wang Wenbin)" give "wang wenbin"; "José Martínez" and
// "Jose Martinez" give "jose martinez".
std::string person_key(std::string_view name);

// How a facet shows a person, with their key (person_key) from the same
// look-up: the name in its own script, then in Latin letters where they
// differ ("汪文斌 (Wang Wenbin)", also for "Wang Wenbin" when the people
// table knows both); a filter takes the display back (person_key).
struct PersonLabel {
  std::string key;
  std::string display;
};
PersonLabel person_label(std::string_view name);

}  // namespace communique::schema

#endif  // COMMUNIQUE_SCHEMA_FIELDS_H_
