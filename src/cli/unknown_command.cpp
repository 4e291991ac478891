#include "cli/unknown_command.h"

#include <algorithm>

namespace communique::cli {

namespace {
// A word this many edits from every command is not taken for a typo.
constexpr std::size_t kFarEdits = 3;
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string command_problem(const CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> names, shown;
  for (const CLI::App* command : app.get_subcommands({})) {
    names.push_back(command->get_name());
    if (!command->get_group().empty()) shown.push_back(command->get_name());
  }
  // The global options that take a value (--db DIR, --color WHEN), whose
  // value is no command.
  std::vector<std::string> take_values;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_expected_max() == 0) continue;  // a flag
    for (const auto& name : option->get_lnames()) take_values.push_back("--" + name);
    for (const auto& name : option->get_snames()) take_values.push_back("-" + name);
  }
  std::string commands = " The commands are ";
  for (std::size_t i = 0; i < shown.size(); ++i)
    commands += (i == 0 ? "" : i + 1 == shown.size() ? " and " : ", ") + shown[i];
  commands += " (communique --help).";
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (std::find(take_values.begin(), take_values.end(), arg) != take_values.end()) {
      ++i;  // its value
    } else if (arg == "--" || arg == "-h" || arg == "--help" || arg == "--version") {
      return {};
    } else if (!arg.empty() && arg[0] != '-') {
      if (std::find(names.begin(), names.end(), arg) != names.end()) return {};
      // Every command it begins (se: search, serve), else the nearest
      // within two edits (serch: search).
      std::vector<std::string> candidates;
      for (const auto& command : shown) {
        if (command.starts_with(arg)) candidates.push_back(command);
      }
      if (candidates.empty()) {
        std::size_t best = kFarEdits;
        for (const auto& command : shown) {
          std::size_t d = edit_distance(arg, command);
          if (d < best) candidates.clear(), best = d;
          if (d == best && d < kFarEdits) candidates.push_back(command);
        }
      }
      std::string message = "unknown command \"" + std::string(arg) + "\"";
      for (std::size_t c = 0; c < candidates.size(); ++c) {
        message += c == 0 ? "; did you mean " : c + 1 == candidates.size() ? " or " : ", ";
        message += candidates[c];
      }
      message += candidates.empty() ? "." : "?";
      return message + commands;
    }
  }
  return "no command given." + commands;
}

}  // namespace communique::cli
