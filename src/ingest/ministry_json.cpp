// JSON dumps scraped from a ministry's site: an array of
// {url, title, date, country, content}, as in sg-mfa/mfa_statements.json.

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/ascii.h"
#include "ingest/dates.h"
#include "ingest/encoding.h"
#include "ingest/enrich.h"
#include "ingest/formats.h"

namespace communique::ingest {

namespace {

using nlohmann::json;

constexpr const char* kFormat = "ministry-json";

// Thrown from the parser callback when the top level is not an array.
struct NotAnArray {};

// The first of `keys` holding a string (or number), as text.
std::string field(const json& record, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = record.find(key);
    if (it == record.end()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();  // exact, unsigned ones too
  }
  return {};
}

// The country of a web address's domain: mfa.gov.sg -> SGP, state.gov ->
// USA. nullptr for generic domains (.org, .com) and unknown ones.
const Country* country_of_url(std::string_view url, const Gazetteer& gazetteer) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return nullptr;
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/:?#"));
  std::size_t dot = host.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  std::string tld = core::ascii_lower(host.substr(dot + 1));
  if (tld == "gov" || tld == "mil") return gazetteer.by_code("USA");
  if (tld == "uk") return gazetteer.by_code("GBR");  // the one ccTLD that is not the ISO code
  if (tld.size() != 2) return nullptr;
  return gazetteer.by_alpha2(tld);
}

void read_record(const json& record, const Provenance& where, const std::string& source,
                 const Context& context) {
  if (!record.is_object()) {
    context.problem("malformed-record", where, "",
                    "array element is not a JSON object; element skipped", true);
    return;
  }
  Statement s;
  s.id = field(record, {"url", "id", "link"});
  s.url = field(record, {"url", "link"});
  s.title = field(record, {"title", "headline"});
  s.body = field(record, {"content", "body", "text"});
  s.language = field(record, {"language", "lang"});
  s.source = source;
  std::string issuer = field(record, {"issuer"});
  if (!issuer.empty()) {
    s.country = issuer;
  } else if (const Country* c = country_of_url(s.url, context.gazetteer)) {
    s.country = c->code;
  }
  std::string date = field(record, {"date", "published", "published_at", "datetime"});
  if (auto d = parse_date_any(date)) {
    s.date = *d;
  } else if (!core::trim_ascii(date).empty()) {
    context.problem(
        "bad-date", where, s.id,
        "date \"" + date + "\" is not a date this importer reads; indexed without a date", false);
  }
  // The record's `country` is the counterpart of the statement: a mention,
  // possibly a comma-separated list, possibly empty.
  std::string counterpart = field(record, {"country", "countries"});
  std::size_t start = 0;
  while (start < counterpart.size()) {
    std::size_t comma = counterpart.find(',', start);
    std::string_view name = core::trim_ascii(
        std::string_view(counterpart)
            .substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!name.empty()) s.mentions.emplace_back(name);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  enrich_from_text(s, context.gazetteer);
  context.emit(std::move(s), where);
}

}  // namespace

bool looks_like_ministry_json(std::string_view head) {
  std::size_t i = 0;
  if (head.starts_with(kUtf8Bom)) i = kUtf8Bom.size();
  auto skip_space = [&] {
    while (i < head.size() && core::is_ascii_space(head[i])) ++i;
  };
  skip_space();
  if (i >= head.size() || head[i] != '[') return false;
  ++i;
  skip_space();
  if (i >= head.size() || head[i] != '{') return false;
  for (const char* key : {"\"content\"", "\"body\"", "\"text\""}) {
    if (head.find(key) != std::string_view::npos) return true;
  }
  return false;
}

void read_ministry_json(const std::filesystem::path& file, const Context& context) {
  Provenance where{file.string(), 0, 0, kFormat};
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    context.problem("unreadable-file", where, "",
                    "cannot open file; check that it exists and is readable", true);
    return;
  }
  read_ministry_json(in, where, folder_name(file), context);
  if (in.bad()) {
    context.problem("unreadable-file", where, "",
                    "reading the file failed part of the way (an I/O error); the records after "
                    "that were not read",
                    true);
  }
}

void read_ministry_json(std::istream& in, Provenance where, const std::string& source,
                        const Context& context) {
  // Each element is handled as soon as it is parsed and then dropped, so a
  // large dump is never held whole in memory.
  auto on_event = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 0 && event == json::parse_event_t::object_start) {
      throw NotAnArray{};
    }
    if (depth == 1 &&
        (event == json::parse_event_t::object_end || event == json::parse_event_t::value ||
         event == json::parse_event_t::array_end)) {
      ++where.record;
      read_record(parsed, where, source, context);
      return false;
    }
    return true;
  };
  try {
    // What is left once the elements were handled and dropped: the empty
    // array, or a value that was never an array (null, 5, "text").
    json rest = json::parse(in, on_event, true);
    if (!rest.is_array()) throw NotAnArray{};
  } catch (const json::parse_error& e) {
    ++where.record;
    context.problem(
        "malformed-record", where, "",
        "JSON syntax error at byte " + std::to_string(e.byte) +
            "; this element and any after it were not read. Fix the JSON and index again",
        true);
  } catch (const json::exception& e) {
    // What the parser throws besides syntax errors: a number beyond double
    // ("1e400", out_of_range 406) and the like. Its text names the value.
    std::string what = e.what();
    if (auto end = what.find("] "); what.front() == '[' && end != std::string::npos)
      what.erase(0, end + 2);  // "[json.exception.out_of_range.406] "
    ++where.record;
    context.problem("malformed-record", where, "",
                    "JSON error: " + what +
                        "; this element and any after it were not read. Fix the JSON and index "
                        "again",
                    true);
  } catch (const NotAnArray&) {
    context.problem("malformed-file", where, "",
                    "not a JSON array of statement objects; file not read", true);
  }
}

}  // namespace communique::ingest
