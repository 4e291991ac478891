#include "cli/app.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "cli/output.h"
#include "communique/error.h"
#include "communique/version.h"

namespace communique::cli {

CLI::Validator whole_number(std::uint64_t lo, std::uint64_t hi) {
  std::string range = std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& value) -> std::string {
        bool digits =
            !value.empty() && value.size() <= 19 &&
            std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits) {
          std::uint64_t n = std::stoull(value);
          if (n >= lo && n <= hi) return {};
        }
        return "\"" + value + "\" is not a whole number from " + range;
      },
      "INT " + range);
}

bool use_color(std::string_view choice, int fd) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return ::isatty(fd) == 1;
}

int run_guarded(const std::function<int()>& command) {
  try {
    return command();
  } catch (const QuerySyntaxError& e) {
    spdlog::error("query: {}", printable(e.what()));
    return kQuerySyntax;
  } catch (const NotFound& e) {
    spdlog::error("{}", printable(e.what()));
    return kNotFound;
  } catch (const LockedError& e) {
    spdlog::error("{}", printable(e.what()));
    return kLocked;
  } catch (const CorruptIndex& e) {
    spdlog::error("{}", printable(e.what()));
    return kCorrupt;
  } catch (const IoError& e) {
    spdlog::error("{}", printable(e.what()));
    return kIo;
  } catch (const InvalidArgument& e) {
    spdlog::error("{}", printable(e.what()));
    return kUsage;
  } catch (const std::exception& e) {
    spdlog::error("{}", printable(e.what()));
    return kFailure;
  }
}

std::string default_db() {
  const char* env = std::getenv("COMMUNIQUE_DB");
  return env && *env ? env : "communique.db";
}

std::string version_text() {
  LibraryVersions v = library_versions();
  auto one = [](const char* name, const std::string& built, const std::string& running) {
    std::string s = std::string(name) + " " + running;
    if (built != running) s += " (built with " + built + ")";
    return s;
  };
  return std::string("communique ") + version() + "\n" +
         one("Xapian", v.xapian_built, v.xapian_running) + ", " +
         one("ICU", v.icu_built, v.icu_running);
}

}  // namespace communique::cli
