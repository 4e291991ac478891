// The importers behind communique/importer.h, one per source format.

#ifndef COMMUNIQUE_INGEST_FORMATS_H_
#define COMMUNIQUE_INGEST_FORMATS_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "communique/gazetteer.h"
#include "communique/importer.h"

namespace communique::ingest {

// What every importer gets: the options, a resolved gazetteer, the sink.
struct Context {
  const ImportOptions& options;
  const Gazetteer& gazetteer;
  RecordSink& sink;

  void problem(std::string kind, const Provenance& where, std::string id, std::string message, bool skipped) const {
    sink.problem(Problem{std::move(kind), where, std::move(id), std::move(message), skipped});
  }
};

// Canonical JSONL: one statement object per line.
void read_jsonl(const std::filesystem::path& file, const Context& context);

// Sets a record field from a string value, as JSONL and --set/--map do:
// "ministers" and "mentions" take a ';' or ','-separated list, "date" is
// parsed (false when it is not a date). Unknown fields are ignored.
bool set_field(Statement& s, std::string_view field, std::string_view value);

// Whether `field` names a field of the statement record.
bool is_record_field(std::string_view field);

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_FORMATS_H_
