#include "cli/similar_command.h"

#include <iostream>

#include "cli/app.h"
#include "cli/output.h"

namespace communique::cli {

CLI::App* add_similar_command(CLI::App& app, SimilarArgs& args) {
  auto* similar = app.add_subcommand(
      "similar", "the statements most like one statement, with the passages they share");
  similar->add_option("id", args.id, "the statement's id (as search shows it)")
      ->required()
      ->type_name("ID");
  similar->add_option("--limit", args.options.limit, "statements to show")
      ->capture_default_str()
      ->check(whole_number(0, 100000));
  similar->add_option("--passages", args.options.passages, "passages per statement")
      ->capture_default_str()
      ->check(whole_number(0, 1000));
  similar->add_flag("--json", args.json, "one JSON object, as search --json prints");
  similar->add_flag("--explain", args.options.explain, "name the words each statement shares");
  return similar;
}

int run_similar(const std::string& db, const SimilarArgs& args, bool color) {
  Searcher searcher(db);
  SearchResult r = searcher.similar(args.id, args.options);
  if (args.json)
    std::cout << result_json(r, args.options.explain) << "\n";
  else
    print_similar(std::cout, r, color, args.options.explain);
  return kOk;
}

}  // namespace communique::cli
