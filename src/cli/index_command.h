// communique index [--rebuild|--update] [--prune] ... PATH...: reads
// statements from files or folders (formats detected) into the index.

#ifndef COMMUNIQUE_CLI_INDEX_COMMAND_H_
#define COMMUNIQUE_CLI_INDEX_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace communique::cli {

struct IndexArgs {
  std::vector<std::string> paths;
  std::string format = "auto", report;
  std::vector<std::string> map, set, checks, prune_prefixes;
  bool strict = false, rebuild = false, update = false, prune = false, allow_shrink = false;
  unsigned threads = 0, shards = 0;
  std::size_t memory_mb = 1024;
  std::uint64_t min_statements = 0;
};

// Adds the `index` command to `app`, reading its arguments into `args`
// (which must outlive the parse), and returns it.
CLI::App* add_index_command(CLI::App& app, IndexArgs& args);

// Indexes args.paths into the index `db`, logging progress, the summary
// and the first problems to stderr (all of them to --report FILE). A path
// that does not exist throws NotFound before the index is created or
// locked; a --rebuild whose new generation fails its checks
// (--min-statements, at least one statement; each --check query finds
// something) throws InvalidArgument and leaves the live index unchanged.
// Otherwise throws the library's errors; returns kOk.
int run_index(const std::string& db, const IndexArgs& args);

// The FIELD=VALUE items of --map or --set (`flag`) as a map, a later item
// replacing an earlier one of its field. An item without "=", or with
// nothing before it, throws InvalidArgument naming `flag` and the item.
std::map<std::string, std::string> key_values(const std::vector<std::string>& items,
                                              const char* flag);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_INDEX_COMMAND_H_
