#include "schema/fields.h"

#include <cstdio>

#include "analysis/people.h"
#include "communique/analyzer.h"
#include "communique/gazetteer.h"
#include "core/ascii.h"
#include "schema/roles.h"
#include "schema/schema.h"

namespace communique::schema {

namespace {

// "a; b" or "a, b": the items, trimmed, empty ones dropped. A list with a
// ';' is split there only, so that "Kim Jong Un, Jr." stays one name.
std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> out;
  char separator = value.find(';') != std::string_view::npos ? ';' : ',';
  for (std::size_t start = 0; start <= value.size();) {
    std::size_t end = value.find(separator, start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = core::trim_ascii(value.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

std::vector<std::string> one(const std::string& value) {
  return value.empty() ? std::vector<std::string>{} : std::vector<std::string>{value};
}

std::string language_key(std::string_view tag) { return core::ascii_lower(core::trim_ascii(tag)); }

std::vector<FieldSpec> make_fields() {
  std::vector<FieldSpec> f;
  f.push_back({.name = "id",
               .kind = FieldKind::kIdentifier,
               .prefix = kIdPrefix,
               .example = "id:sample-001",
               .values = [](const Statement& s) { return one(s.id); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.id = v;
                     return true;
                   }});
  f.push_back({.name = "body",
               .kind = FieldKind::kText,
               .values = [](const Statement& s) { return one(s.body); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.body = v;
                     return true;
                   }});
  f.push_back({.name = "title",
               .kind = FieldKind::kText,
               .values = [](const Statement& s) { return one(s.title); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.title = v;
                     return true;
                   }});
  f.push_back({.name = "url",
               .kind = FieldKind::kStored,
               .values = [](const Statement& s) { return one(s.url); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.url = v;
                     return true;
                   }});
  f.push_back({.name = "country",
               .kind = FieldKind::kCountry,
               .prefix = kCountryPrefix,
               .example = "country:CHN, country:China or country:Chinese",
               .facet = "country",
               .facet_slot = kCountrySlot,
               .values = [](const Statement& s) { return one(s.country); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.country = v;
                     return true;
                   }});
  f.push_back({.name = "minister",
               .aliases = {"ministers"},
               .kind = FieldKind::kPerson,
               .prefix = kMinisterPrefix,
               .example = "minister:\"Wang Yi\" or minister:Lavrov",
               .facet = "minister",
               .facet_slot = kMinistersSlot,
               .list = true,
               .values = [](const Statement& s) { return s.ministers; },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.ministers = split_list(v);
                     return true;
                   }});
  f.push_back({.name = "date",
               .aliases = {"year"},
               .kind = FieldKind::kDate,
               .prefix = kYearPrefix,
               .example = "date:2020, date:2020-07-17 or date:2019..2021",
               .facet = "year",
               .facet_slot = kYearSlot,
               .values = [](const Statement& s) { return one(s.date.to_string()); },
               .set =
                   [](Statement& s, std::string_view v) {
                     auto d = Date::parse(v);
                     if (d) s.date = *d;
                     return d.has_value();
                   }});
  f.push_back({.name = "mentions",
               .aliases = {"mention"},
               .kind = FieldKind::kCountry,
               .prefix = kMentionPrefix,
               .example = "mentions:KAZ",
               .facet = "mentions",
               .facet_slot = kMentionsSlot,
               .list = true,
               .values = [](const Statement& s) { return s.mentions; },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.mentions = split_list(v);
                     return true;
                   }});
  f.push_back({.name = "role",
               .kind = FieldKind::kKeyword,
               .prefix = kRolePrefix,
               .example = "role:\"foreign minister\"",
               .facet = "role",
               .facet_slot = kRoleSlot,
               .normalise = role_key,
               .values = [](const Statement& s) { return one(s.role); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.role = v;
                     return true;
                   }});
  f.push_back({.name = "language",
               .aliases = {"lang"},
               .kind = FieldKind::kKeyword,
               .prefix = kLanguagePrefix,
               .example = "language:zh",
               .facet = "language",
               .facet_slot = kLanguageSlot,
               .normalise = language_key,
               .values = [](const Statement& s) { return one(s.language); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.language = v;
                     return true;
                   }});
  f.push_back({.name = "source",
               .kind = FieldKind::kKeyword,
               .prefix = kSourcePrefix,
               .example = "source:ungdc",
               .normalise = folded_words,
               .values = [](const Statement& s) { return one(s.source); },
               .set =
                   [](Statement& s, std::string_view v) {
                     s.source = v;
                     return true;
                   }});
  return f;
}

}  // namespace

const std::vector<FieldSpec>& fields() {
  static const std::vector<FieldSpec> kFields = make_fields();
  return kFields;
}

const FieldSpec* find_field(std::string_view name) {
  std::string wanted = core::ascii_lower(name);
  for (const FieldSpec& f : fields()) {
    if (f.name == wanted) return &f;
    for (std::string_view alias : f.aliases) {
      if (alias == wanted) return &f;
    }
  }
  return nullptr;
}

const std::vector<const FieldSpec*>& facet_fields() {
  static const std::vector<const FieldSpec*> kFacets = [] {
    std::vector<const FieldSpec*> out;
    for (const FieldSpec& f : fields()) {
      if (f.is_facet()) out.push_back(&f);
    }
    return out;
  }();
  return kFacets;
}

std::string field_names() {
  std::string out;
  for (const FieldSpec& f : fields()) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

std::string folded_words(std::string_view text) {
  std::string out;
  for (char c : Analyzer::fold(core::trim_ascii(text))) {
    if (core::is_ascii_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// A person's name without the Latin form a facet shows after it
// ("汪文斌 (Wang Wenbin)" -> "汪文斌"), so that a facet value is a filter.
std::string_view without_shown_latin(std::string_view name) {
  name = core::trim_ascii(name);
  std::size_t open = name.rfind(" (");
  if (open != std::string_view::npos && name.ends_with(')')) name = name.substr(0, open);
  return name;
}

}  // namespace

std::string person_key(std::string_view name) {
  return analysis::People::builtin().identify(without_shown_latin(name)).key;
}

PersonLabel person_label(std::string_view name) {
  analysis::PersonName p = analysis::People::builtin().identify(without_shown_latin(name));
  return {std::move(p.key), std::move(p.display)};
}

std::optional<std::string> key(const FieldSpec& field, std::string_view value,
                               const Gazetteer& gazetteer) {
  std::string out;
  switch (field.kind) {
    case FieldKind::kText:
    case FieldKind::kStored:
      return std::nullopt;
    case FieldKind::kIdentifier:
      out = core::trim_ascii(value);
      break;
    case FieldKind::kKeyword:
      out = field.normalise(value);
      break;
    case FieldKind::kCountry:
      if (const Country* c = gazetteer.resolve(value)) out = c->code;
      break;
    case FieldKind::kPerson:
      out = person_key(value);
      break;
    case FieldKind::kDate:
      if (auto d = Date::parse(value)) out = d->to_string();
      break;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string facet_value(const FieldSpec& field, std::string_view shown, std::string_view key) {
  switch (field.kind) {
    case FieldKind::kPerson:
      return std::string(shown);
    case FieldKind::kDate:
      return std::string(key.substr(0, 4));
    default:
      return std::string(key);
  }
}

std::string date_term(const Date& date) {
  char digits[16];
  if (!date.month) {
    std::snprintf(digits, sizeof digits, "%04d", date.year);
    return term(kYearPrefix, digits);
  }
  if (!date.day) {
    std::snprintf(digits, sizeof digits, "%04d%02d", date.year, date.month);
    return term(kMonthPrefix, digits);
  }
  std::snprintf(digits, sizeof digits, "%04d%02d%02d", date.year, date.month, date.day);
  return term(kDayPrefix, digits);
}

std::vector<std::string> terms(const FieldSpec& field, std::string_view key) {
  if (field.kind != FieldKind::kDate) return {term(field.prefix, key)};
  auto date = Date::parse(key);
  if (!date) return {};
  // A day is found by its year and month too; a month by its year.
  std::vector<std::string> out{date_term(Date{date->year, 0, 0})};
  if (date->month) out.push_back(date_term(Date{date->year, date->month, 0}));
  if (date->day) out.push_back(date_term(*date));
  return out;
}

}  // namespace communique::schema
