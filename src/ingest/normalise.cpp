#include "ingest/normalise.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>

#include "communique/analyzer.h"
#include "communique/gazetteer.h"
#include "core/ascii.h"
#include "ingest/person_names.h"
#include "schema/fields.h"
#include "schema/roles.h"

namespace communique::ingest {

namespace {

// The longest language tag BCP 47 writes in practice.
constexpr std::size_t kMaxLanguageTagBytes = 35;

// How much of an overlong value a message quotes.
constexpr std::size_t kQuotedBytes = 40;

// `s` trimmed, each run of ASCII white space inside it one space.
std::string single_spaced(std::string_view s) {
  std::string out;
  for (char c : core::trim_ascii(s)) {
    if (!core::is_ascii_space(c))
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  return out;
}

// Whether `name` has a letter of the Latin script, which
// normalise_person_name tidies ("MR. Aibek ZHANUZAKOV", and the UN
// speaker list's names with Cyrillic or Greek look-alikes among Latin
// letters); a name wholly in another script ("汪文斌", "С. В. Лавров") is
// taken as its source wrote it.
bool has_latin_letter(std::string_view name) {
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(name.size()); i < n;) {
    UChar32 c;
    U8_NEXT(name.data(), i, n, c);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    if (c > 0 && u_isalpha(c) && uscript_getScript(c, &status) == USCRIPT_LATIN &&
        U_SUCCESS(status))
      return true;
  }
  return false;
}

// Collects the problems of one statement.
class Problems {
 public:
  Problems(const Provenance& where, const std::string& id, std::vector<Problem>& out)
      : where_(where), id_(id), out_(out) {}

  // A problem that leaves the statement indexed.
  void note(std::string kind, std::string message) {
    add(std::move(kind), std::move(message), false);
  }
  // A problem that skips it; returns false, for `return skip(...)`.
  bool skip(std::string kind, std::string message) {
    add(std::move(kind), std::move(message), true);
    return false;
  }
  // A skipping problem naming the record by another id than its own.
  bool skip_as(std::string id, std::string kind, std::string message) {
    out_.push_back(Problem{std::move(kind), where_, std::move(id), std::move(message), true});
    return false;
  }

 private:
  void add(std::string kind, std::string message, bool skipped) {
    out_.push_back(Problem{std::move(kind), where_, id_, std::move(message), skipped});
  }

  const Provenance& where_;
  const std::string& id_;
  std::vector<Problem>& out_;
};

bool check_id(Statement& s, Problems& problems) {
  s.id = std::string(core::trim_ascii(s.id));
  if (repair_utf8(s.id)) {
    return problems.skip("invalid-utf8",
                         "id is not valid UTF-8; record skipped, fix the source's encoding");
  }
  if (s.id.empty()) {
    return problems.skip_as("", "missing-id", "record has no id; give every record a unique id");
  }
  if (s.id.size() > kMaxIdBytes) {
    return problems.skip_as(s.id.substr(0, kQuotedBytes) + "...", "bad-id",
                            "id is longer than " + std::to_string(kMaxIdBytes) + " bytes");
  }
  return true;
}

bool check_text(Statement& s, Problems& problems) {
  std::size_t size = s.body.size() + s.title.size();
  if (size > kMaxStatementBytes) {
    return problems.skip("too-large", "statement is " + std::to_string(size >> 20) +
                                          " MiB; at most " +
                                          std::to_string(kMaxStatementBytes >> 20) +
                                          " MiB are indexed, split it into parts; record skipped");
  }
  std::size_t repaired = repair_utf8(s.body) + repair_utf8(s.title);
  for (auto& m : s.ministers) repaired += repair_utf8(m);
  if (repaired) {
    problems.note("invalid-utf8", std::to_string(repaired) +
                                      " invalid UTF-8 sequence(s) replaced by U+FFFD; indexed "
                                      "anyway, re-export the source as UTF-8 to fix");
  }
  if (core::trim_ascii(s.body).empty())
    return problems.skip("empty-body", "statement has no text; record skipped");
  return true;
}

// A date that does not exist (given through the library: importers parse
// theirs) would make terms and ranges of a date no filter names.
void check_date(Statement& s, Problems& problems) {
  if (s.date.empty()) return;
  auto canonical = Date::parse(s.date.to_string());
  if (canonical && *canonical == s.date) return;
  char written[48];
  std::snprintf(written, sizeof written, "%04d-%02d-%02d", s.date.year, s.date.month, s.date.day);
  problems.note("bad-date", std::string("date ") + written +
                                " (year-month-day) does not exist; indexed without a date");
  s.date = Date{};
}

void resolve_countries(Statement& s, const Gazetteer& gazetteer, Problems& problems) {
  if (!s.country.empty()) {
    if (const Country* c = gazetteer.resolve(s.country)) {
      s.country = c->code;
    } else {
      problems.note("unknown-country", "country \"" + s.country +
                                           "\" is not in the gazetteer; indexed without a country");
      s.country.clear();
    }
  }
  std::vector<std::string> mentions;
  for (const auto& m : s.mentions) {
    const Country* c = gazetteer.resolve(m);
    if (!c) {
      problems.note("unknown-country",
                    "mentioned country \"" + m + "\" is not in the gazetteer; mention dropped");
    } else if (c->code != s.country &&
               std::find(mentions.begin(), mentions.end(), c->code) == mentions.end()) {
      mentions.push_back(c->code);
    }
  }
  s.mentions = std::move(mentions);
}

void tidy_ministers(Statement& s) {
  std::vector<std::string> ministers, keys;
  for (const auto& m : s.ministers) {
    std::string name =
        has_latin_letter(m) ? normalise_person_name(m) : std::string(core::trim_ascii(m));
    std::string key = schema::person_key(name);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(std::move(key));
    ministers.push_back(std::move(name));
  }
  s.ministers = std::move(ministers);
}

void check_language(Statement& s, Problems& problems) {
  if (!s.language.empty() && !valid_language_tag(s.language)) {
    problems.note(
        "bad-language",
        "language \"" + s.language.substr(0, kQuotedBytes) +
            "\" is not a BCP 47 tag such as en or zh-Hans; guessed from the text instead");
    s.language.clear();
  }
  if (s.language.empty()) s.language = Analyzer::guess_language(s.body);
}

}  // namespace

bool normalise_statement(Statement& s, const Provenance& where, const Gazetteer& gazetteer,
                         std::vector<Problem>& out) {
  Problems problems(where, s.id, out);
  if (!check_id(s, problems) || !check_text(s, problems)) return false;
  check_date(s, problems);
  resolve_countries(s, gazetteer, problems);
  tidy_ministers(s);
  s.role = display_role(s.role);
  check_language(s, problems);
  return true;
}

std::string display_role(std::string_view post) {
  std::string category = schema::normalise_role(post);
  if (category != "other") return category;
  return single_spaced(post);
}

bool valid_language_tag(std::string_view tag) {
  if (tag.size() > kMaxLanguageTagBytes) return false;
  std::size_t start = 0;
  for (std::size_t part = 0; start <= tag.size(); ++part) {
    std::size_t end = tag.find_first_of("-_", start);
    if (end == std::string_view::npos) end = tag.size();
    std::string_view sub = tag.substr(start, end - start);
    if (sub.empty() || sub.size() > 8 || (part == 0 && (sub.size() < 2 || sub.size() > 3)))
      return false;
    for (char c : sub) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter && !(part > 0 && c >= '0' && c <= '9')) return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace communique::ingest
