// Spreadsheet exports: CSV (RFC 4180) or TSV with a header row. Columns
// become record fields by --map FIELD=COLUMN, else by their names.

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

#include "ingest/formats.h"
#include "ingest/metadata.h"

namespace communique::ingest {

namespace {

std::string lower(std::string_view s) {
  std::string out(trim(s));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Column names each field is found under when --map does not name one.
const std::vector<std::pair<std::string, std::vector<std::string>>>& field_synonyms() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kSynonyms = {
      {"id", {"id", "identifier"}},
      {"body", {"body", "text", "content", "speech", "statement", "full text", "transcript"}},
      {"title", {"title", "headline", "subject"}},
      {"date", {"date", "published", "publication date", "datetime"}},
      {"country", {"country", "issuer", "iso", "iso code"}},
      {"ministers", {"ministers", "minister", "speaker", "speakers", "name of person speaking"}},
      {"mentions", {"mentions", "counterpart", "countries"}},
      {"language", {"language", "lang"}},
      {"role", {"role", "post"}},
      {"source", {"source"}},
      {"url", {"url", "link"}}};
  return kSynonyms;
}

// Reads records of a delimited file: fields may be quoted ("a, b", "say
// ""yes""", line breaks inside quotes), in TSV as in CSV.
class RecordReader {
 public:
  RecordReader(std::istream& in, char separator) : in_(in), separator_(separator) {}

  // The next record; false at the end. `line` is where it starts;
  // `unterminated` is set when a quote is never closed.
  bool next(std::vector<std::string>& fields, std::uint64_t& line, bool& unterminated) {
    fields.clear();
    unterminated = false;
    std::string text;
    if (!std::getline(in_, text)) return false;
    ++line_;
    line = line_;
    if (line_ == 1) strip_bom(text);
    std::string field;
    bool quoted = false, in_quotes = false;
    std::size_t i = 0;
    while (true) {
      if (i >= text.size()) {
        if (in_quotes) {
          std::string more;
          if (!std::getline(in_, more)) {
            unterminated = true;
            break;
          }
          ++line_;
          field += '\n';
          text = std::move(more);
          i = 0;
          continue;
        }
        break;
      }
      char c = text[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          field += c;
        }
      } else if (c == '"' && !quoted && trim(field).empty()) {
        field.clear();
        in_quotes = quoted = true;
      } else if (c == separator_) {
        fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (c != '\r' || i + 1 != text.size()) {
        field += c;
      }
      ++i;
    }
    fields.push_back(std::move(field));
    return true;
  }

 private:
  std::istream& in_;
  char separator_;
  std::uint64_t line_ = 0;
};

}  // namespace

void read_table(const std::filesystem::path& file, char separator, const Context& context) {
  Provenance where{file.string(), 0, 0, separator == '\t' ? "tsv" : "csv"};
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    context.problem("unreadable-file", where, "",
                    "cannot open file; check that it exists and is readable", true);
    return;
  }
  read_table(in, separator, std::move(where), folder_name(file), context);
}

void read_table(std::istream& in, char separator, Provenance where, const std::string& source,
                const Context& context) {
  const std::string file = where.file;
  RecordReader reader(in, separator);
  std::vector<std::string> header;
  std::uint64_t line = 0;
  bool unterminated = false;
  while (reader.next(header, line, unterminated) && header.size() == 1 && trim(header[0]).empty()) {
  }
  if (header.empty() || (header.size() == 1 && trim(header[0]).empty())) {
    context.sink.skipped_file(file, "empty table: no header row");
    return;
  }
  std::map<std::string, std::size_t> column_of;  // lower-case name -> index
  for (std::size_t i = 0; i < header.size(); ++i) column_of.emplace(lower(header[i]), i);
  auto list_columns = [&] {
    std::string s;
    for (const auto& h : header) s += (s.empty() ? "" : ", ") + std::string(trim(h));
    return s;
  };

  // Field -> column: --map first, then the column's own name.
  std::map<std::string, std::size_t> columns;
  for (const auto& [field, column] : context.options.map) {
    std::string f = field == "minister" ? "ministers" : field;
    auto it = column_of.find(lower(column));
    if (it == column_of.end()) {
      where.line = line;
      context.problem("missing-column", where, "",
                      "--map " + field + "=" + column + ": the header has no column \"" + column +
                          "\" (columns: " + list_columns() + "); file not read",
                      false);
      context.sink.skipped_file(file, "a column named by --map is missing");
      return;
    }
    columns[f] = it->second;
  }
  for (const auto& [field, names] : field_synonyms()) {
    if (columns.count(field)) continue;
    for (const auto& name : names) {
      if (auto it = column_of.find(name); it != column_of.end()) {
        columns[field] = it->second;
        break;
      }
    }
  }
  if (!columns.count("body")) {
    context.sink.skipped_file(
        file,
        "table has no text column (body, text, content, speech); name it with "
        "--map body=COLUMN (columns: " +
            list_columns() + ")");
    return;
  }

  const std::string stem = std::filesystem::path(file).stem().string();
  std::string issuer_override;
  if (auto it = context.options.set.find("country"); it != context.options.set.end())
    issuer_override = it->second;
  std::vector<std::string> fields;
  while (reader.next(fields, line, unterminated)) {
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
    where.line = line;
    ++where.record;
    if (unterminated) {
      context.problem(
          "malformed-record", where, "",
          "a quoted field is never closed; this row and the rest of the file were not read", true);
      return;
    }
    bool extra = false;
    for (std::size_t i = header.size(); i < fields.size(); ++i)
      extra = extra || !trim(fields[i]).empty();
    if (extra) {
      context.problem("malformed-record", where, "",
                      "row has " + std::to_string(fields.size()) + " fields, the header " +
                          std::to_string(header.size()) +
                          "; quote fields that contain the separator. Row skipped",
                      true);
      continue;
    }
    auto value = [&](const std::string& field) -> std::string {
      auto it = columns.find(field);
      if (it == columns.end() || it->second >= fields.size()) return {};
      return fields[it->second];
    };
    Statement s;
    s.source = source;
    for (const auto& [field, column] : columns) {
      std::string v = value(field);
      if (field == "date") {
        if (auto d = parse_date_any(v))
          s.date = *d;
        else if (!trim(v).empty()) {
          context.problem(
              "bad-date", where, value("id"),
              "date \"" + v + "\" is not a date this importer reads; indexed without a date",
              false);
        }
      } else if (field == "ministers") {
        set_field(s, field, v);
        for (auto& m : s.ministers) m = normalise_person_name(m);
        s.ministers.erase(std::remove(s.ministers.begin(), s.ministers.end(), std::string()),
                          s.ministers.end());
      } else if (field == "role") {
        s.role = normalise_role(v);
      } else {
        set_field(s, field, trim(v));
      }
    }
    s.body = value("body");  // untrimmed: offsets are into the text as given
    if (s.id.empty()) s.id = !s.url.empty() ? s.url : stem + ":" + std::to_string(where.record);
    std::string text = s.title + "\n" + s.body;
    if (!columns.count("ministers")) s.ministers = extract_ministers(text, context.gazetteer);
    const Country* own =
        context.gazetteer.resolve(issuer_override.empty() ? s.country : issuer_override);
    for (auto& code : mentioned_countries(text, context.gazetteer, own ? own->code : "")) {
      bool known = false;
      for (const auto& m : s.mentions) {
        const Country* c = context.gazetteer.resolve(m);
        known = known || (c && c->code == code);
      }
      if (!known) s.mentions.push_back(code);
    }
    context.emit(std::move(s), where);
  }
}

}  // namespace communique::ingest
