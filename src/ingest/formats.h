// The importers behind communique/importer.h, one per source format.

#ifndef COMMUNIQUE_INGEST_FORMATS_H_
#define COMMUNIQUE_INGEST_FORMATS_H_

#include <cstddef>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "communique/gazetteer.h"
#include "communique/importer.h"
#include "ingest/normalise.h"

namespace communique::ingest {

// What every importer gets: the options, a resolved gazetteer, the sink.
struct Context {
  const ImportOptions& options;
  const Gazetteer& gazetteer;
  RecordSink& sink;

  void problem(std::string kind, const Provenance& where, std::string id, std::string message,
               bool skipped) const {
    sink.problem(Problem{std::move(kind), where, std::move(id), std::move(message), skipped});
  }

  // Applies the --set values (which win over what the source says) and
  // hands the statement to the sink.
  void emit(Statement statement, const Provenance& where) const;
};

// No record is longer than the indexer's statement limit: a longer one is
// reported as too-large and skipped without being held in memory.
inline constexpr std::size_t kMaxRecordBytes = kMaxStatementBytes;

// Canonical JSONL: one statement object per line.
void read_jsonl(const std::filesystem::path& file, const Context& context);
// The same over a stream (`where` names it; its line and record count up
// from their values). Lines longer than kMaxJsonlLineBytes are reported
// and skipped without being held in memory.
void read_jsonl(std::istream& in, Provenance where, const Context& context);
inline constexpr std::size_t kMaxJsonlLineBytes = kMaxRecordBytes;

// The UN General Debate layout: ROOT/TXT/Session NN - YYYY/ISO_NN_YYYY.txt
// with ROOT/speakers.tsv (Year, Session, ISO Code, Country, Name of Person
// Speaking, Post). One object per ROOT: it loads the speaker table once,
// joins each speech to its rows by (country code, session), and at the end
// reports the rows no speech was read for.
class UngdcLayout {
 public:
  // Loads ROOT/speakers.tsv, reporting its problems (a missing table is
  // one problem; the speeches are still read, without speakers).
  UngdcLayout(const std::filesystem::path& root, const Context& context);
  ~UngdcLayout();
  UngdcLayout(const UngdcLayout&) = delete;
  UngdcLayout& operator=(const UngdcLayout&) = delete;

  // The ROOT of the layout `file` is a speech of, when its name and folder
  // follow the layout (ISO_NN_YYYY.txt in "Session NN - YYYY").
  static std::optional<std::filesystem::path> root_of_speech(const std::filesystem::path& file);

  // Whether `file` is the speaker table of a layout (speakers.tsv beside TXT/).
  static bool is_speaker_table(const std::filesystem::path& file);

  // Reads one speech. `whole_session`: its session folder is being read
  // entirely, so rows of that session without a speech can be reported.
  void read_speech(const std::filesystem::path& file, bool whole_session);

  // Reports speaker rows that matched no speech read: those of sessions
  // read entirely, or every row when `whole_layout`.
  void finish(bool whole_layout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A JSON array of statement objects as scraped from a ministry's site:
// {url, title, date, country, content}. Read element by element.
void read_ministry_json(const std::filesystem::path& file, const Context& context);
// The same over a stream: `where` names it (its record counts up from its
// value), `source` is the statements' source (the file's folder name).
void read_ministry_json(std::istream& in, Provenance where, const std::string& source,
                        const Context& context);

// Whether the start of a file is a JSON array of objects with a text field
// (content, body or text).
bool looks_like_ministry_json(std::string_view head);

// A saved statement page, plain text or HTML.
void read_page(const std::filesystem::path& file, const Context& context);
// The same over the page's bytes: `where` names it (the id is the stem of
// where.file, which is not opened), `source` is the statement's source.
void read_page(std::string content, Provenance where, const std::string& source,
               const Context& context);

// Whether the start of a plain-text file is a statement page: a header
// naming the issuer (a ministry or country) and a date line within its
// first lines. HTML is recognised by its markup.
bool looks_like_page(std::string_view head, const Gazetteer& gazetteer);
bool looks_like_html(std::string_view head);

// A table with a header row; `separator` is ',' (CSV, RFC 4180 quoting) or
// '\t' (TSV). Columns map to fields by ImportOptions::map, else by name;
// the values of several columns of one name are joined (see read_table
// below). A row without an id column's value is named `id_base:ROW`
// (ROW counts the records from 1), `id_base` defaulting to the file's
// stem: the dispatcher gives the file's path below the folder it was
// found under, without its extension ("2020/speeches"), so that tables of
// one name in different folders never share ids.
void read_table(const std::filesystem::path& file, char separator, const Context& context,
                const std::string& id_base = {});
// The same over a stream: `where` names it (where.file in skipped-file
// reports, its stem the default id_base; it is not opened), `source` is
// the statements' source. Reading is linear and bounded: a record longer
// than kMaxRecordBytes is reported as too-large and skipped unread.
void read_table(std::istream& in, char separator, Provenance where, const std::string& source,
                const Context& context, const std::string& id_base = {});

// Sets a record field from a string value, as JSONL and --set/--map do:
// "ministers" and "mentions" take a ';' or ','-separated list, "date" is
// parsed (false when it is not a date). Unknown fields are ignored.
bool set_field(Statement& s, std::string_view field, std::string_view value);

// Whether `field` names a field of the statement record.
bool is_record_field(std::string_view field);

// The whole file as text: UTF-16 or UTF-32 (by mark, or UTF-16 by its
// pattern of zero bytes) converted to UTF-8, anything else as its bytes;
// nullopt when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& file);

// The name of the folder holding `file` ("sg-mfa"), used as the source.
std::string folder_name(const std::filesystem::path& file);

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_FORMATS_H_
