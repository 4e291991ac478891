#include "cli/app.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

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

}  // namespace communique::cli
