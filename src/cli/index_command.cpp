#include "cli/index_command.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "cli/app.h"
#include "cli/output.h"
#include "communique/communique.h"

namespace communique::cli {

namespace {

// The check a rebuilt generation passes before it is switched in: enough
// statements, and each probe query finds something.
void check_new_state(const std::string& state, const IndexArgs& a) {
  Searcher searcher(state);
  std::uint64_t statements = searcher.stats().statements;
  if (statements < std::max<std::uint64_t>(a.min_statements, 1)) {
    throw InvalidArgument("the rebuilt index holds " + std::to_string(statements) +
                          " statements, fewer than " +
                          std::to_string(std::max<std::uint64_t>(a.min_statements, 1)) +
                          " (--min-statements); not switched in, the live index is unchanged");
  }
  SearchOptions probe;
  probe.limit = 1;
  probe.passages = 1;
  probe.facets = false;
  for (const auto& query : a.checks) {
    SearchResult r;
    try {
      r = searcher.search(query, probe);
    } catch (const QuerySyntaxError& e) {
      // A check that cannot search proves nothing: refuse, like one that
      // finds nothing.
      throw InvalidArgument("--check \"" + query + "\": " + e.what() +
                            "; not switched in, the live index is unchanged");
    }
    if (r.hits.empty()) {
      throw InvalidArgument("the rebuilt index finds nothing for --check \"" + query +
                            "\"; not switched in, the live index is unchanged");
    }
    spdlog::info("check \"{}\": {} statements match in the rebuilt index", printable(query),
                 r.total);
  }
  spdlog::info("rebuilt index checked: {} statements; switching it in", statements);
}

// The end of a run on stderr: the summary, what was kept or skipped, and
// the first problems (all of them go to --report FILE).
void log_report(const IndexReport& report, const IndexArgs& a) {
  spdlog::info("{}", report_summary(report));
  if (report.kept) {
    spdlog::warn(
        "--prune kept {} statement(s) whose file or folder could not be read this time (see the "
        "problems below); mend the source and they are checked again on the next run",
        report.kept);
  }
  for (std::size_t i = 0; i < report.skipped_files.size() && i < 10; ++i) {
    spdlog::info("skipped {}", printable(report.skipped_files[i]));
  }
  for (std::size_t i = 0; i < report.problems.size() && i < 10; ++i) {
    const Problem& p = report.problems[i];
    spdlog::warn("{}{}: {}: {}", printable(p.where.file),
                 p.where.line ? ":" + std::to_string(p.where.line) : "", p.kind,
                 printable(p.message));
  }
  if (report.problems.size() > 10) {
    spdlog::warn("... and {} more problems{}", report.problems.size() - 10,
                 a.report.empty() ? "; write them all with --report FILE" : "");
  }
}

}  // namespace

CLI::App* add_index_command(CLI::App& app, IndexArgs& ia) {
  auto* index =
      app.add_subcommand("index", "index statements from files or folders (formats detected)");
  index->add_option("paths", ia.paths, "files or folders to read")->required()->type_name("PATH");
  index->add_option("--format", ia.format, "auto, jsonl, ungdc, ministry-json, page, csv or tsv")
      ->capture_default_str();
  index->add_option("--map", ia.map, "FIELD=COLUMN for csv/tsv (e.g. body=Speech)")
      ->type_name("FIELD=COLUMN");
  index->add_option("--set", ia.set, "FIELD=VALUE for every record (e.g. country=NPL)")
      ->type_name("FIELD=VALUE");
  index->add_option("--report", ia.report, "write the full ingest report as JSON to this file")
      ->type_name("FILE");
  index->add_flag("--strict", ia.strict, "any problem aborts the run before anything is committed");
  auto* rebuild =
      index->add_flag("--rebuild", ia.rebuild,
                      "replace the whole index with these statements (switched in when checked)");
  auto* update = index->add_flag(
      "--update", ia.update,
      "write only new or changed statements (by content hash); report the unchanged");
  auto* prune =
      index->add_flag("--prune", ia.prune, "remove indexed statements not in these sources");
  index
      ->add_option("--prune-prefix", ia.prune_prefixes,
                   "with --prune: only statements whose id starts so")
      ->type_name("PREFIX")
      ->needs(prune);
  index
      ->add_flag("--allow-shrink", ia.allow_shrink,
                 "with --prune: allow removing more than half of the index")
      ->needs(prune);
  index->add_option("--shards", ia.shards, "write a sharded archive of N shards (a new directory)")
      ->check(whole_number(1, 256));
  index
      ->add_option("--check", ia.checks,
                   "with --rebuild: switch in only if this query finds something")
      ->type_name("QUERY")
      ->needs(rebuild);
  index
      ->add_option("--min-statements", ia.min_statements,
                   "with --rebuild: switch in only with at least N statements")
      ->check(whole_number(0, 4294967295))
      ->needs(rebuild);
  rebuild->excludes(update)->excludes(prune);
  index->add_option("--threads", ia.threads, "indexing threads (default: one per core)")
      ->check(whole_number(1, IndexOptions::kMaxThreads));
  index->add_option("--memory", ia.memory_mb, "memory budget in MiB for uncommitted documents")
      ->capture_default_str()
      ->check(whole_number(16, 1 << 20));
  return index;
}

std::map<std::string, std::string> key_values(const std::vector<std::string>& items,
                                              const char* flag) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InvalidArgument(std::string(flag) + " " + item + ": expected FIELD=VALUE, e.g. " +
                            flag + " date=Date");
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

int run_index(const std::string& db, const IndexArgs& a) {
  IndexOptions options;
  options.threads = a.threads;
  options.memory_mb = a.memory_mb;
  options.strict = a.strict;
  options.rebuild = a.rebuild;
  options.on_commit = [](const std::string& index, std::uint64_t n) {
    spdlog::debug("committed: {} holds {} statements", index, n);
  };
  options.skip_unchanged = a.update;
  options.allow_shrink = a.allow_shrink;
  options.shards = a.shards;
  if (a.rebuild) options.check = [&a](const std::string& state) { check_new_state(state, a); };
  options.progress = [](const IndexProgress& p) {
    spdlog::info("read {} statements, indexed {} ({:.1f} MB, {:.1f} MB/s)", p.read, p.indexed,
                 p.bytes / 1e6, p.bytes / 1e6 / std::max(p.seconds, 1e-3));
  };
  ImportOptions import;
  import.format = a.format;
  import.map = key_values(a.map, "--map");
  import.set = key_values(a.set, "--set");
  // Before the index is created or locked, so that a typo leaves no trace.
  for (const auto& path : a.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw NotFound("no such file or directory: " + path);
  }
  Indexer indexer(db, options);
  IndexingSink sink(indexer);
  import_paths(a.paths, import, sink);
  if (a.prune && a.prune_prefixes.empty()) indexer.prune_unseen("");
  for (const auto& prefix : a.prune_prefixes) indexer.prune_unseen(prefix);
  IndexReport report = indexer.finish();
  log_report(report, a);
  if (!a.report.empty()) {
    try {
      report.write_json(a.report);
    } catch (const IoError& e) {
      throw IoError(std::string(e.what()) + " (the index itself was written: see above)");
    }
  }
  return kOk;
}

}  // namespace communique::cli
