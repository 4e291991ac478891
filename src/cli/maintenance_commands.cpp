#include "cli/maintenance_commands.h"

#include <spdlog/spdlog.h>

#include "cli/app.h"
#include "communique/indexer.h"

namespace communique::cli {

CLI::App* add_compact_command(CLI::App& app) {
  return app.add_subcommand("compact",
                            "compact the index with Xapian's compactor (safe while others search)");
}

CLI::App* add_repair_command(CLI::App& app) {
  return app.add_subcommand("repair",
                            "point a damaged stub at the index's newest complete generation");
}

int run_compact(const std::string& db) {
  CompactReport r = compact_index(db);
  spdlog::info("compacted {}: {} statements, {:.1f} MB -> {:.1f} MB in {:.1f} s", db, r.statements,
               r.bytes_before / 1e6, r.bytes_after / 1e6, r.seconds);
  return kOk;
}

int run_repair(const std::string& db) {
  RepairReport r = repair_index(db);
  for (const auto& line : r.actions) spdlog::info("{}", line);
  if (!r.changed) spdlog::info("{}: nothing to repair", db);
  return kOk;
}

}  // namespace communique::cli
