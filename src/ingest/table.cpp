// Spreadsheet exports: CSV (RFC 4180) or TSV with a header row. Columns
// become record fields by --map FIELD=COLUMN, else by their names.

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

#include "core/ascii.h"
#include "ingest/dates.h"
#include "ingest/encoding.h"
#include "ingest/enrich.h"
#include "ingest/formats.h"

namespace communique::ingest {

namespace {

using core::trim_ascii;

// A column's name as columns are looked up: trimmed, lower case.
std::string column_key(std::string_view name) { return core::ascii_lower(trim_ascii(name)); }

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
// ""yes""", line breaks inside quotes), in TSV as in CSV. The input is read
// in pieces and each byte looked at once; a record is held only up to
// kMaxRecordBytes, so an absurd field costs a scan, not its size in memory.
class RecordReader {
 public:
  RecordReader(std::istream& in, char separator)
      : in_(in), separator_(separator), buf_(64 * 1024) {}

  // The next record; false at the end. `line` is where it starts;
  // `unterminated` is set when a quote is never closed; `too_large` when
  // the record is longer than kMaxRecordBytes (`fields` is then empty).
  bool next(std::vector<std::string>& fields, std::uint64_t& line, bool& unterminated,
            bool& too_large) {
    fields.clear();
    unterminated = too_large = false;
    int c = get();
    if (c == kEnd) return false;
    line = ++line_;
    std::string field;
    std::size_t held = 0;
    bool quoted = false, in_quotes = false;
    auto keep = [&](char ch) {
      if (too_large) return;
      if (++held > kMaxRecordBytes) {
        too_large = true;
        std::string().swap(field);
        std::vector<std::string>().swap(fields);
        return;
      }
      field += ch;
    };
    for (; c != kEnd; c = get()) {
      char ch = static_cast<char>(c);
      if (in_quotes) {
        if (ch == '"') {
          if (peek() == '"') {
            get();
            keep('"');
          } else {
            in_quotes = false;
          }
        } else {
          if (ch == '\n') ++line_;
          keep(ch);
        }
      } else if (ch == '\n') {
        break;
      } else if (ch == '"' && !quoted && trim_ascii(field).empty()) {
        field.clear();
        in_quotes = quoted = true;
      } else if (ch == separator_) {
        if (!too_large) fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (ch != '\r' || (peek() != '\n' && peek() != kEnd)) {
        keep(ch);
      }
    }
    unterminated = in_quotes;
    if (!too_large) fields.push_back(std::move(field));
    return true;
  }

 private:
  static constexpr int kEnd = -1;

  int get() {
    if (pos_ == end_ && !fill()) return kEnd;
    auto c = static_cast<unsigned char>(buf_[pos_++]);
    return c;
  }
  int peek() {
    if (pos_ == end_ && !fill()) return kEnd;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  bool fill() {
    if (!in_) return false;
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    pos_ = 0;
    end_ = static_cast<std::size_t>(std::max<std::streamsize>(in_.gcount(), 0));
    if (!started_) {  // a UTF-8 byte order mark before the header
      started_ = true;
      if (std::string_view(buf_.data(), end_).starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
    }
    return pos_ < end_;
  }

  std::istream& in_;
  char separator_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool started_ = false;
  std::uint64_t line_ = 0;
};

// The value of a field from every column it is read from: the first
// non-empty one, but the text of several columns joined as paragraphs and
// the lists of several joined as one list.
std::string joined_value(const std::string& field, const std::vector<std::size_t>& columns,
                         const std::vector<std::string>& row) {
  const char* separator = field == "body"                               ? "\n\n"
                          : field == "ministers" || field == "mentions" ? "; "
                                                                        : nullptr;
  std::string out;
  for (std::size_t column : columns) {
    if (column >= row.size() || trim_ascii(row[column]).empty()) continue;
    if (!separator) return row[column];
    if (!out.empty()) out += separator;
    out += row[column];
  }
  return out;
}

}  // namespace

void read_table(const std::filesystem::path& file, char separator, const Context& context,
                const std::string& id_base) {
  Provenance where{file.string(), 0, 0, separator == '\t' ? "tsv" : "csv"};
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    context.problem("unreadable-file", where, "",
                    "cannot open file; check that it exists and is readable", true);
    return;
  }
  read_table(in, separator, where, folder_name(file), context, id_base);
  if (in.bad()) {
    context.problem("unreadable-file", where, "",
                    "reading the file failed part of the way (an I/O error); the rows after "
                    "that were not read",
                    true);
  }
}

void read_table(std::istream& in, char separator, Provenance where, const std::string& source,
                const Context& context, const std::string& id_base) {
  const std::string file = where.file;
  RecordReader reader(in, separator);
  std::vector<std::string> header;
  std::uint64_t line = 0;
  bool unterminated = false, too_large = false;
  while (reader.next(header, line, unterminated, too_large) && !too_large && header.size() == 1 &&
         trim_ascii(header[0]).empty()) {
  }
  if (too_large) {
    where.line = line;
    context.problem("too-large", where, "",
                    "the header row is longer than " + std::to_string(kMaxRecordBytes >> 20) +
                        " MiB; is this a table? File not read",
                    false);
    context.sink.skipped_file(file, "header row too large");
    return;
  }
  if (header.empty() || (header.size() == 1 && trim_ascii(header[0]).empty())) {
    context.sink.skipped_file(file, "empty table: no header row");
    return;
  }
  // Lower-case name -> its columns, in order (a header may repeat a name).
  std::map<std::string, std::vector<std::size_t>> column_of;
  for (std::size_t i = 0; i < header.size(); ++i) column_of[column_key(header[i])].push_back(i);
  auto list_columns = [&] {
    std::string s;
    for (const auto& h : header) s += (s.empty() ? "" : ", ") + std::string(trim_ascii(h));
    return s;
  };

  // Field -> columns: --map first, then the column's own name.
  std::map<std::string, std::vector<std::size_t>> columns;
  for (const auto& [field, column] : context.options.map) {
    std::string f = field == "minister" ? "ministers" : field;
    auto it = column_of.find(column_key(column));
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
  for (const auto& [field, read_from] : columns) {
    if (read_from.size() < 2) continue;
    where.line = line;
    context.problem("duplicate-column", where, "",
                    "the header names column \"" + std::string(trim_ascii(header[read_from[0]])) +
                        "\" " + std::to_string(read_from.size()) + " times; " +
                        (field == "body" ? "the text of each is indexed, one after the other"
                         : field == "ministers" || field == "mentions"
                             ? "the names of all of them are indexed"
                             : "the first non-empty one is indexed as the " + field) +
                        "; rename the columns to make this explicit",
                    false);
  }

  const std::string base = id_base.empty() ? std::filesystem::path(file).stem().string() : id_base;
  // Office holders are looked for in the text when no column names them.
  Enrichment text_names;
  text_names.ministers = !columns.count("ministers");
  if (auto it = context.options.set.find("country"); it != context.options.set.end())
    text_names.issuer = it->second;
  std::vector<std::string> fields;
  while (reader.next(fields, line, unterminated, too_large)) {
    if (!too_large && fields.size() == 1 && trim_ascii(fields[0]).empty()) continue;  // blank line
    where.line = line;
    ++where.record;
    if (unterminated) {
      context.problem(
          "malformed-record", where, "",
          "a quoted field is never closed; this row and the rest of the file were not read", true);
      return;
    }
    if (too_large) {
      context.problem("too-large", where, "",
                      "row is longer than " + std::to_string(kMaxRecordBytes >> 20) +
                          " MiB, more than any statement; row skipped (is a quote left open?)",
                      true);
      continue;
    }
    bool extra = false;
    for (std::size_t i = header.size(); i < fields.size(); ++i)
      extra = extra || !trim_ascii(fields[i]).empty();
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
      return it == columns.end() ? std::string() : joined_value(field, it->second, fields);
    };
    if (fields.size() < header.size()) {
      std::string missing;
      for (std::size_t i = fields.size(); i < header.size(); ++i)
        missing += (missing.empty() ? "" : ", ") + std::string(trim_ascii(header[i]));
      context.problem("short-row", where, value("id"),
                      "row has " + std::to_string(fields.size()) + " fields, the header " +
                          std::to_string(header.size()) + "; the missing ones (" + missing +
                          ") are read as empty. Is a line break in a field not quoted?",
                      false);
    }
    Statement s;
    s.source = source;
    for (const auto& [field, column] : columns) {
      std::string v = value(field);
      if (field == "date") {
        if (auto d = parse_date_any(v))
          s.date = *d;
        else if (!trim_ascii(v).empty()) {
          context.problem(
              "bad-date", where, value("id"),
              "date \"" + v + "\" is not a date this importer reads; indexed without a date",
              false);
        }
      } else {
        set_field(s, field, trim_ascii(v));
      }
    }
    s.body = value("body");  // untrimmed: offsets are into the text as given
    if (s.id.empty()) s.id = !s.url.empty() ? s.url : base + ":" + std::to_string(where.record);
    enrich_from_text(s, context.gazetteer, text_names);
    context.emit(std::move(s), where);
  }
}

}  // namespace communique::ingest
