#include "cli/app.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

#include "communique/error.h"

namespace communique::cli {
namespace {

// Captures what the command logs, as it logs it ("level: message").
class Logged {
 public:
  Logged() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_pattern("%l: %v");
    spdlog::set_default_logger(logger);
  }
  ~Logged() { spdlog::set_default_logger(previous_); }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

template <typename E>
int exit_code_of(const char* message) {
  return run_guarded([&]() -> int { throw E(message); });
}

TEST(RunGuarded, EachErrorHasItsExitCode) {
  Logged logged;
  EXPECT_EQ(run_guarded([] { return 0; }), kOk);
  EXPECT_EQ(run_guarded([] { return 3; }), 3);
  EXPECT_EQ(exit_code_of<QuerySyntaxError>("x"), kQuerySyntax);  // though an InvalidArgument
  EXPECT_EQ(exit_code_of<InvalidArgument>("x"), kUsage);
  EXPECT_EQ(exit_code_of<NotFound>("x"), kNotFound);
  EXPECT_EQ(exit_code_of<LockedError>("x"), kLocked);
  EXPECT_EQ(exit_code_of<CorruptIndex>("x"), kCorrupt);
  EXPECT_EQ(exit_code_of<IoError>("x"), kIo);
  EXPECT_EQ(exit_code_of<Error>("x"), kFailure);
  EXPECT_EQ(exit_code_of<std::runtime_error>("x"), kFailure);
}

TEST(RunGuarded, TheErrorIsLoggedPrintable) {
  Logged logged;
  exit_code_of<NotFound>("no index at /tmp/\x1b[2Jdb");
  exit_code_of<QuerySyntaxError>("bad \"date:\" value");
  EXPECT_EQ(logged.str(),
            "error: no index at /tmp/\\x1b[2Jdb\n"
            "error: query: bad \"date:\" value\n");
}

TEST(WholeNumber, RefusesWhatIsNotAWholeNumberInRange) {
  CLI::Validator check = whole_number(1, 256);
  for (std::string good : {"1", "256", "16"}) EXPECT_EQ(check(good), "") << good;
  for (std::string bad : {"0", "257", "-1", "1e3", "", " 5", "5x", "99999999999999999999"}) {
    EXPECT_EQ(check(bad), "\"" + bad + "\" is not a whole number from 1 to 256") << bad;
  }
}

TEST(UseColor, AlwaysAndNeverAreObeyedAndAutoNeedsATerminal) {
  EXPECT_TRUE(use_color("always", -1));
  EXPECT_FALSE(use_color("never", 0));
  EXPECT_FALSE(use_color("auto", -1));  // no terminal there
}

TEST(DefaultDb, TheEnvironmentElseCommuniqueDb) {
  const char* saved = std::getenv("COMMUNIQUE_DB");
  std::string before = saved ? saved : "";
  ::setenv("COMMUNIQUE_DB", "/srv/statements.db", 1);
  EXPECT_EQ(default_db(), "/srv/statements.db");
  ::setenv("COMMUNIQUE_DB", "", 1);
  EXPECT_EQ(default_db(), "communique.db");
  ::unsetenv("COMMUNIQUE_DB");
  EXPECT_EQ(default_db(), "communique.db");
  if (saved) ::setenv("COMMUNIQUE_DB", before.c_str(), 1);
}

}  // namespace
}  // namespace communique::cli
