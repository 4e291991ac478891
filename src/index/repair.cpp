// communique::repair_index: points a damaged stub at the newest complete
// generation (see communique/indexer.h).

#include <xapian.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "communique/error.h"
#include "communique/indexer.h"
#include "core/io_error.h"
#include "core/xapian_error.h"
#include "index/index_dir.h"
#include "schema/schema.h"
#include "index/stub.h"

namespace communique {

namespace fs = std::filesystem;

namespace {

using Kind = index::DirState::Kind;

// What repair will do to one index directory.
struct Plan {
  fs::path dir;
  std::string generation;  // the one its stub is to name
  Xapian::doccount statements = 0;
  bool change = false;      // false: the stub already names it
  std::string passed_over;  // newer generations that are not complete, and why
};

// The statements generation `gen` holds when it is complete (Xapian opens
// it and its format is this version's); else nullopt, with `why`.
std::optional<Xapian::doccount> complete(const fs::path& gen, std::string& why) {
  try {
    Xapian::Database db(gen.string());
    std::string format = db.get_metadata(std::string(schema::kFormatKey));
    if (format != schema::kFormatVersion) {
      why = format.empty() ? "not written by Communique"
                           : "format " + format.substr(0, 20) + ", not " +
                                 std::string(schema::kFormatVersion);
      return std::nullopt;
    }
    return db.get_doccount();
  } catch (const Xapian::Error& e) {
    // Out of descriptors says nothing about the generation: stop, rather
    // than pass over a good one.
    int err = core::errno_of(e);
    if (err == EMFILE || err == ENFILE) core::rethrow(e, "opening " + gen.string());
    why = e.get_msg();
    return std::nullopt;
  }
}

// Finds the generation the stub of `dir` should name. REQUIRES: its lock is held.
Plan plan_index(const fs::path& dir_path, const fs::path& db) {
  index::IndexDir dir(dir_path, db);
  index::DirState state = dir.state();
  if (state.kind == Kind::kNothing) {
    throw NotFound("no index at " + dir_path.string() + "; nothing to repair");
  }
  if (state.kind == Kind::kArchive || state.kind == Kind::kDatabase || !state.shards.empty()) {
    throw InvalidArgument(dir_path.string() +
                          " is not a single Communique index; repair takes an index or an "
                          "archive directory made by `communique index`");
  }
  Plan plan;
  plan.dir = dir_path;
  std::string why;
  if (state.kind == Kind::kIndex) {
    plan.generation = state.stub.generation();
    if (auto n = complete(dir_path / plan.generation, why)) {
      plan.statements = *n;
      return plan;
    }
    plan.passed_over = plan.generation + " (live, " + why + ")";
  }
  for (auto gen = state.generations.rbegin(); gen != state.generations.rend(); ++gen) {
    if (*gen == plan.generation) continue;  // the live one, already found wanting
    if (auto n = complete(dir_path / *gen, why)) {
      plan.generation = *gen;
      plan.statements = *n;
      plan.change = true;
      return plan;
    }
    plan.passed_over += (plan.passed_over.empty() ? "" : ", ") + *gen + " (" + why + ")";
  }
  throw CorruptIndex("index " + dir_path.string() + " holds no complete generation" +
                     (plan.passed_over.empty() ? std::string() : ": " + plan.passed_over) +
                     "; nothing was changed: rebuild it from its sources with "
                     "`communique index --rebuild --db " +
                     db.string() + " SOURCES...`");
}

std::string describe(const Plan& plan) {
  std::string line = plan.dir.string() + ": ";
  line += plan.change ? "the stub now names " : "sound, ";
  line += plan.generation + " (" + std::to_string(plan.statements) + " statements)";
  if (!plan.passed_over.empty()) line += "; passed over " + plan.passed_over;
  return line;
}

// The shard directories of the archive at `path`, in order: those its
// stub lists, else those there, which must then run from shard-00 without
// a gap. REQUIRES: the archive's lock is held.
std::vector<std::string> archive_shards(const fs::path& path, const index::DirState& state) {
  std::string rebuild =
      "; rebuild the archive from its sources with `communique index --rebuild "
      "--db " +
      path.string() + " SOURCES...`";
  if (state.stub.kind() == index::Stub::Kind::kShards) {
    if (state.kind == Kind::kCorrupt) throw CorruptIndex(state.problem);  // a shard is gone
    return state.stub.shards();
  }
  if (!state.generations.empty()) {
    throw CorruptIndex("index " + path.string() +
                       " holds both generations and shards and no stub says which it is; "
                       "nothing was changed" +
                       rebuild);
  }
  for (std::size_t i = 0; i < state.shards.size(); ++i) {
    std::string expected = index::shard_name(static_cast<unsigned>(i));
    if (state.shards[i] != expected) {
      throw CorruptIndex("archive " + path.string() + " has no " + expected + " (its shards are " +
                         state.shards.front() + " to " + state.shards.back() +
                         "): its statements are gone; nothing was changed" + rebuild);
    }
  }
  return state.shards;
}

}  // namespace

RepairReport repair_index(const std::string& db_path) {
  fs::path path(db_path);
  index::IndexDir dir(path);
  RepairReport report;
  index::DirState state = dir.state();
  if (state.kind != Kind::kArchive && state.shards.empty()) {
    index::WriteLock lock(path);
    Plan plan = plan_index(path, path);
    if (plan.change) dir.switch_to(plan.generation);
    report.changed = plan.change;
    report.actions.push_back(describe(plan));
    return report;
  }

  index::WriteLock archive_lock(path);
  state = dir.state();  // again, now that no writer can change it
  std::vector<std::string> names = archive_shards(path, state);
  std::vector<std::unique_ptr<index::WriteLock>> locks;
  std::vector<Plan> plans;
  // Every shard planned before any is changed: a shard that cannot be
  // mended leaves the whole archive as it was.
  for (const auto& name : names) {
    locks.push_back(std::make_unique<index::WriteLock>(path / name));
    try {
      plans.push_back(plan_index(path / name, path));
    } catch (const NotFound&) {
      throw CorruptIndex("archive " + path.string() + ": " + name +
                         " holds no index, and its statements are gone; nothing was changed; "
                         "rebuild the archive from its sources with `communique index --rebuild "
                         "--db " +
                         path.string() + " SOURCES...`");
    }
  }
  for (const auto& plan : plans) {
    if (plan.change) index::IndexDir(plan.dir, path).switch_to(plan.generation);
    report.changed = report.changed || plan.change;
    report.actions.push_back(describe(plan));
  }
  if (state.kind != Kind::kArchive) {
    dir.write_stub(index::Stub::of_local(names));
    report.changed = true;
    report.actions.push_back(path.string() + ": the stub now lists " + names.front() + " to " +
                             names.back());
  }
  return report;
}

}  // namespace communique
