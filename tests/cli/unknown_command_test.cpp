#include "cli/unknown_command.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace communique::cli {
namespace {

// An app shaped like the command's: global options before or after the
// command, some taking a value, visible commands and a hidden one.
class CommandProblem : public ::testing::Test {
 protected:
  CommandProblem() {
    app_.add_option("--db", db_);
    app_.add_option("--color", color_);
    app_.add_flag("-v,--verbose", verbose_);
    app_.add_subcommand("index", "index statements");
    app_.add_subcommand("search", "search the index")->add_flag("--json", json_);
    app_.add_subcommand("stats", "describe the index");
    app_.add_subcommand("serve", "serve the index");
    app_.add_subcommand("man", "the manual page")->group("");
  }

  std::string problem(const std::vector<std::string>& args) const {
    return command_problem(app_, args);
  }

  CLI::App app_{"test"};
  std::string db_, color_;
  bool verbose_ = false, json_ = false;
};

constexpr const char* kCommands =
    " The commands are index, search, stats and serve (communique --help).";

TEST_F(CommandProblem, ACommandIsFineWhereverTheGlobalOptionsAre) {
  EXPECT_EQ(problem({"search", "peace"}), "");
  EXPECT_EQ(problem({"--db", "x.db", "search", "peace"}), "");
  EXPECT_EQ(problem({"-v", "--color", "never", "stats"}), "");
  EXPECT_EQ(problem({"index", "--db", "x.db", "folder"}), "");
}

TEST_F(CommandProblem, AHiddenCommandIsAcceptedButNotListed) {
  EXPECT_EQ(problem({"man"}), "");
  EXPECT_EQ(problem({"mna"}), std::string("unknown command \"mna\".") + kCommands);
}

TEST_F(CommandProblem, ATypoGetsTheNearestCommandAndTheList) {
  EXPECT_EQ(problem({"serch", "peace"}),
            std::string("unknown command \"serch\"; did you mean search?") + kCommands);
  EXPECT_EQ(problem({"idnex", "folder"}),
            std::string("unknown command \"idnex\"; did you mean index?") + kCommands);
  EXPECT_EQ(problem({"-v", "stast"}),
            std::string("unknown command \"stast\"; did you mean stats?") + kCommands);
}

TEST_F(CommandProblem, TheStartOfACommandNamesIt) {
  EXPECT_EQ(problem({"sea", "peace"}),
            std::string("unknown command \"sea\"; did you mean search?") + kCommands);
  // The start of several names them all, in the order of --help.
  EXPECT_EQ(problem({"se", "peace"}),
            std::string("unknown command \"se\"; did you mean search or serve?") + kCommands);
  EXPECT_EQ(problem({"s"}),
            std::string("unknown command \"s\"; did you mean search, stats or serve?") + kCommands);
}

TEST_F(CommandProblem, AWordFarFromEveryCommandGetsTheListAlone) {
  EXPECT_EQ(problem({"peace"}), std::string("unknown command \"peace\".") + kCommands);
  EXPECT_EQ(problem({"xyzzy", "search"}), std::string("unknown command \"xyzzy\".") + kCommands);
}

// --db serch: "serch" is the index's name, not a command.
TEST_F(CommandProblem, TheValueOfAGlobalOptionIsNoCommand) {
  EXPECT_EQ(problem({"--db", "serch"}), std::string("no command given.") + kCommands);
  EXPECT_EQ(problem({"--color", "search"}), std::string("no command given.") + kCommands);
  EXPECT_EQ(problem({"--db", "serch", "search", "x"}), "");
}

TEST_F(CommandProblem, NoCommandIsSaidSo) {
  EXPECT_EQ(problem({}), std::string("no command given.") + kCommands);
  EXPECT_EQ(problem({"-v"}), std::string("no command given.") + kCommands);
}

// CLI11 refuses them, naming the option ("The following argument was not
// expected: --frobnicate"): this check neither hides nor repeats that.
TEST_F(CommandProblem, UnknownOptionsAreLeftToCli11) {
  EXPECT_EQ(problem({"search", "--frobnicate", "x"}), "");
  EXPECT_EQ(problem({"--frobnicate", "search", "x"}), "");
}

TEST_F(CommandProblem, HelpAndVersionAreLeftToCli11) {
  EXPECT_EQ(problem({"--help"}), "");
  EXPECT_EQ(problem({"-h"}), "");
  EXPECT_EQ(problem({"--version"}), "");
  EXPECT_EQ(problem({"--", "serch"}), "");
  // Before them, a typo is still a typo.
  EXPECT_EQ(problem({"serch", "--help"}),
            std::string("unknown command \"serch\"; did you mean search?") + kCommands);
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("search", "search"), 0u);
  EXPECT_EQ(edit_distance("serch", "search"), 1u);    // one insertion
  EXPECT_EQ(edit_distance("searchh", "search"), 1u);  // one deletion
  EXPECT_EQ(edit_distance("seerch", "search"), 1u);   // one substitution
  EXPECT_EQ(edit_distance("idnex", "index"), 2u);     // a swap is two
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "kwic"), 4u);
  EXPECT_EQ(edit_distance("kwic", ""), 4u);
}

}  // namespace
}  // namespace communique::cli
