// The command's shell completions (bash, zsh) and manual page, generated
// from its own CLI11 definitions: every visible command, option and
// argument the app defines, whoever added it, with no second list to keep
// up to date. Hidden commands (a CLI11 group of "") are left out.

#ifndef COMMUNIQUE_CLI_REFERENCE_H_
#define COMMUNIQUE_CLI_REFERENCE_H_

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace communique::cli {

// An option or positional argument, as completions and the manual show it.
struct OptionDoc {
  std::vector<std::string> names;    // "-v", "--verbose"; a positional's name alone
  std::string value;                 // what it takes ("N", "DB", "ID"); "" for a flag
  std::vector<std::string> choices;  // the values it accepts, when CLI11 checks a set
  bool number = false;               // a number (nothing to complete)
  // Whether it names a file or directory (its value's name says FILE,
  // DIR, PATH or DB): completed with file names, other values with
  // nothing but their choices.
  bool files = false;
  bool repeatable = false;  // may be given several times (several values)
  bool required = false;
  std::string description;
  std::string default_value;  // as CLI11 captured it; "" when none
};

struct CommandDoc {
  std::string name;
  std::string description;
  std::vector<OptionDoc> options;    // --help included
  std::vector<OptionDoc> arguments;  // positionals, in order
};

struct CommandLineDoc {
  std::string name;  // "communique"
  std::string description;
  std::vector<OptionDoc> global;  // options of the app itself, taken before or after a command
  std::vector<CommandDoc> commands;
};

// The app as completions and the manual describe it: its visible commands
// in the order they were added.
CommandLineDoc describe(const CLI::App& app);

// A bash completion script (sourced by bash-completion from
// share/bash-completion/completions/communique): commands, options after
// each, the values of options that take a set of them; file names where
// an option or argument takes something else.
std::string bash_completion(const CommandLineDoc& doc);

// A zsh completion function (share/zsh/site-functions/_communique), with
// the descriptions of commands and options.
std::string zsh_completion(const CommandLineDoc& doc);

// The manual page communique(1), in roff (man(7) macros).
std::string man_page(const CommandLineDoc& doc);

// Adds the hidden `completions bash|zsh` and `man` commands, which print
// the above for the app they are added to (every command it holds when
// it runs, so they may be added before the others).
struct ReferenceArgs {
  CLI::App* completions = nullptr;
  CLI::App* man = nullptr;
  std::string shell;
};
void add_reference_commands(CLI::App& app, ReferenceArgs& args);

// Prints what the command given asks for to `out`; false when the command
// given was neither.
bool run_reference_command(const CLI::App& app, const ReferenceArgs& args, std::ostream& out);

}  // namespace communique::cli

#endif  // COMMUNIQUE_CLI_REFERENCE_H_
