// The command word of a command line, judged before CLI11 parses it: for
// a word that names no command CLI11 would say only "A subcommand is
// required" (or take the word for an argument), where a person needs the
// nearest command and the list of them.

#ifndef COMMUNIQUE_CLI_UNKNOWN_COMMAND_H_
#define COMMUNIQUE_CLI_UNKNOWN_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace communique::cli {

// What is wrong with the command word of `args` (the command line after
// the program's name) for `app`: "" when the first word that is neither an
// option nor the value of one of app's own options (--db DIR, --color
// WHEN) names one of its commands, hidden ones included, and "" when
// --help, -h, --version or -- comes first (for CLI11 to answer). Else
// `unknown command "WORD"` (with `; did you mean NAME?` for a visible
// command that starts with WORD or is within two edits of it, the nearest
// one), or `no command given.` when there is no such word; then the
// visible commands, in the order they were added ("The commands are a, b
// and c (communique --help)."). Options it does not know are left to
// CLI11, which refuses them with their name.
std::string command_problem(const CLI::App& app, const std::vector<std::string>& args);

// The Levenshtein distance between `a` and `b`, in bytes: insertions,
// deletions and substitutions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_UNKNOWN_COMMAND_H_
