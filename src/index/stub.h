// The stub file through which Xapian opens a database: DB/XAPIANDB of an
// index directory or an archive, or a stub file a user writes to list
// shards served elsewhere. This is the one reader of the format; the
// writer, the searcher and repair all ask a Stub what a stub file says.
//
// Xapian's format: one database a line, "BACKEND TARGET" split at the first
// space ("auto gen-000003", "auto shard-00", "remote host:33330"), blank
// lines and lines starting with '#' ignored; a relative path is relative
// to the stub's directory. Communique writes two shapes of it:
//
//   DB/XAPIANDB       "auto gen-000003\n"               a single index
//   ARCHIVE/XAPIANDB  "auto shard-00\nauto shard-01\n"  an archive

#ifndef COMMUNIQUE_INDEX_STUB_H_
#define COMMUNIQUE_INDEX_STUB_H_

#include <filesystem>
#include <string>
#include <vector>

namespace communique::index {

inline constexpr const char* kStubName = "XAPIANDB";

// One database line of a stub.
struct StubEntry {
  std::string backend;  // "auto", "glass", "chert", "remote", "inmemory"
  std::string target;   // the rest of the line: a path, HOST:PORT, ":PROGRAM ARGS"
};

class Stub {
 public:
  enum class Kind {
    kAbsent,      // no stub file
    kEmpty,       // a file naming no database
    kGeneration,  // exactly "auto gen-NNNNNN": a single Communique index
    kShards,      // only "auto shard-NN" lines: a Communique archive
    kDatabases,   // Xapian stub lines of other shapes (a user's stub of remote shards)
    kGarbled,     // lines Xapian cannot read, or a Communique stub damaged
  };

  // The stub of `path`: PATH/XAPIANDB when `path` is a directory, else
  // `path` itself. A file that does not exist is kAbsent; one that exists
  // but cannot be read throws IoError (a failed read is never taken for
  // an absent or empty stub).
  static Stub read(const std::filesystem::path& path);

  // Parses `text` as the stub file `file` (which anchors relative paths
  // and names the stub in problem()).
  static Stub parse(std::string text, std::filesystem::path file);

  // The text of a stub naming generation `name` ("gen-000003") of the
  // index in its directory.
  static std::string of_generation(const std::string& name);
  // The text of a stub listing the local databases `paths`, relative to
  // its directory (an archive's shard directories).
  static std::string of_local(const std::vector<std::string>& paths);

  // Whether `name` is a generation's directory name, or a shard's.
  static bool is_generation_name(const std::string& name);
  static bool is_shard_name(const std::string& name);

  Kind kind() const { return kind_; }
  const std::filesystem::path& file() const { return file_; }
  // The file's bytes as read: equal texts, equal states.
  const std::string& text() const { return text_; }
  const std::vector<StubEntry>& entries() const { return entries_; }

  // kGeneration: the generation's directory name; "" otherwise.
  std::string generation() const;
  // kShards: the shard directory names, in the stub's order; empty otherwise.
  std::vector<std::string> shards() const;
  // kGarbled: what is wrong, naming the line ("line 1 \"auto gen-2 x\" is
  // not ..."); "" otherwise.
  const std::string& problem() const { return problem_; }

  // The local databases the stub names (auto, glass and chert lines),
  // relative paths resolved against the stub's directory.
  std::vector<std::filesystem::path> local_paths() const;
  // Whether it names any remote database, and how many in-memory ones.
  bool names_remote() const;
  int in_memory() const;

 private:
  Kind kind_ = Kind::kAbsent;
  std::filesystem::path file_;
  std::string text_;
  std::vector<StubEntry> entries_;
  std::string problem_;
};

}  // namespace communique::index

#endif  // COMMUNIQUE_INDEX_STUB_H_
