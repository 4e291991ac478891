#include "cli/reference.h"

#include <algorithm>
#include <cctype>

namespace communique::cli {

namespace {

// CLI11 writes a set a validator checks into the type name: "TEXT:{a,b}".
std::vector<std::string> choices_of(const std::string& type) {
  std::vector<std::string> out;
  auto open = type.find('{');
  auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string list = type.substr(open + 1, close - open - 1);
  std::size_t from = 0;
  while (from <= list.size()) {
    std::size_t comma = std::min(list.find(',', from), list.size());
    if (comma > from) out.push_back(list.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

OptionDoc document(const CLI::Option& o) {
  OptionDoc d;
  d.description = o.get_description();
  d.required = o.get_required();
  d.repeatable = o.get_items_expected_max() > 1 ||
                 o.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  if (o.nonpositional()) {
    for (const auto& s : o.get_snames()) d.names.push_back("-" + s);
    for (const auto& l : o.get_lnames()) d.names.push_back("--" + l);
  } else {
    d.names.push_back(o.get_name(true));
  }
  if (o.get_expected_max() == 0 && o.nonpositional()) return d;  // a flag
  const std::string type = o.get_type_name();
  const std::string kind = type.substr(0, type.find(':'));
  d.choices = choices_of(type);
  d.number = kind == "INT" || kind == "UINT" || kind == "FLOAT" || kind == "NUMBER";
  const bool builtin = d.number || kind == "TEXT" || kind == "BOOLEAN" || kind == "ENUM" ||
                       kind == "CHAR" || kind.empty();
  if (d.number)
    d.value = "N";
  else if (!builtin)
    d.value = kind;  // named where it is defined: ->type_name("FILE")
  else if (!o.get_lnames().empty())
    d.value = upper(o.get_lnames().front());
  else
    d.value = upper(o.get_name(true));
  for (const char* path : {"FILE", "DIR", "PATH", "DB"}) {
    if (d.choices.empty() && d.value.find(path) != std::string::npos) d.files = true;
  }
  // A default the description already states (--db's depends on the
  // environment) is not repeated.
  if (d.description.find("default") == std::string::npos) d.default_value = o.get_default_str();
  return d;
}

}  // namespace

CommandLineDoc describe(const CLI::App& app) {
  CommandLineDoc doc;
  doc.name = "communique";  // as installed (the app's name is argv[0] as run)
  doc.description = app.get_description();
  // "Communique: search ..." reads "communique - search ..." in the manual.
  if (auto colon = doc.description.find(": ");
      colon != std::string::npos && upper(doc.description.substr(0, colon)) == upper(doc.name))
    doc.description.erase(0, colon + 2);
  for (const CLI::Option* o : app.get_options()) doc.global.push_back(document(*o));
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group().empty()) continue;  // hidden
    CommandDoc command;
    command.name = sub->get_name();
    command.description = sub->get_description();
    for (const CLI::Option* o : sub->get_options()) {
      if (o->nonpositional())
        command.options.push_back(document(*o));
      else
        command.arguments.push_back(document(*o));
    }
    doc.commands.push_back(std::move(command));
  }
  return doc;
}

void add_reference_commands(CLI::App& app, ReferenceArgs& args) {
  args.completions =
      app.add_subcommand("completions", "print a shell completion script (bash or zsh)");
  args.completions->add_option("shell", args.shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  args.completions->group("");
  args.man = app.add_subcommand("man", "print the manual page communique(1), in roff");
  args.man->group("");
}

bool run_reference_command(const CLI::App& app, const ReferenceArgs& args, std::ostream& out) {
  if (args.completions && args.completions->parsed()) {
    CommandLineDoc doc = describe(app);
    out << (args.shell == "zsh" ? zsh_completion(doc) : bash_completion(doc));
    return true;
  }
  if (args.man && args.man->parsed()) {
    out << man_page(describe(app));
    return true;
  }
  return false;
}

}  // namespace communique::cli
