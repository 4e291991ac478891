#include <fstream>
#include <nlohmann/json.hpp>

#include "communique/analyzer.h"
#include "ingest/formats.h"
#include "ingest/line_reader.h"

namespace communique::ingest {

namespace {

using nlohmann::json;

// A JSON value as text: strings as they are, numbers as written (dump()
// prints every integer exactly, unsigned ones beyond long long too).
std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return {};
}

}  // namespace

void read_jsonl(const std::filesystem::path& file, const Context& context) {
  std::ifstream in(file, std::ios::binary);
  Provenance where{file.string(), 0, 0, "jsonl"};
  if (!in) {
    context.problem("unreadable-file", where, "",
                    "cannot open file; check that it exists and is readable", true);
    return;
  }
  read_jsonl(in, where, context);
  if (in.bad()) {
    context.problem("unreadable-file", where, "",
                    "reading the file failed part of the way (an I/O error); the records after "
                    "that were not read",
                    true);
  }
}

void read_jsonl(std::istream& in, Provenance where, const Context& context) {
  LineReader lines(in, kMaxJsonlLineBytes);
  std::string line;
  while (lines.next(line)) {
    ++where.line;
    if (lines.too_long()) {
      ++where.record;
      context.problem("too-large", where, "",
                      "line is longer than " + std::to_string(kMaxJsonlLineBytes >> 20) +
                          " MiB, more than any statement; record skipped (is this JSON Lines, one "
                          "record per line?)",
                      true);
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    ++where.record;
    std::size_t repaired = repair_utf8(line);
    json record = json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) {
      context.problem(
          "malformed-record", where, "",
          "line is not a JSON object; fix the JSON (one record per line) and index again", true);
      continue;
    }
    Statement s;
    for (const auto& [key, value] : record.items()) {
      if (key == "ministers" || key == "mentions") {
        auto& list = key == "ministers" ? s.ministers : s.mentions;
        if (value.is_array()) {
          for (const auto& item : value) {
            std::string v = text_of(item);
            if (!v.empty()) list.push_back(std::move(v));
          }
        } else {
          set_field(s, key, text_of(value));
        }
      } else if (key == "date") {
        std::string d = text_of(value);
        if (!d.empty() && !set_field(s, key, d)) {
          context.problem(
              "bad-date", where, text_of(record.value("id", json())),
              "date \"" + d + "\" is not YYYY, YYYY-MM or YYYY-MM-DD; indexed without a date",
              false);
        }
      } else if (value.is_string() || value.is_number()) {
        set_field(s, key, text_of(value));
      }
    }
    if (repaired) {
      context.problem("invalid-utf8", where, s.id,
                      std::to_string(repaired) +
                          " invalid UTF-8 byte sequence(s) replaced by U+FFFD; "
                          "re-export the file as UTF-8 to keep the original characters",
                      false);
    }
    context.emit(std::move(s), where);
  }
}

}  // namespace communique::ingest
