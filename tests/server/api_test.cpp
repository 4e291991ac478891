#include <gtest/gtest.h>

#include "cli/output.h"
#include "server/handlers.h"
#include "support/temp_index.h"

namespace communique::server {
namespace {

Request request(std::multimap<std::string, std::string> params,
                std::vector<std::string> captures = {}) {
  Request r;
  r.params = std::move(params);
  r.captures = std::move(captures);
  return r;
}

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    testing::build_index_from(dir_->str("db"), testing::data_file("statements.jsonl"));
  }
  static void TearDownTestSuite() { delete dir_; }
  static testing::TempDir* dir_;
};
testing::TempDir* Api::dir_ = nullptr;

// One schema, one serialiser: the API answers what `search --json` prints.
TEST_F(Api, SearchAnswersTheObjectOfSearchJson) {
  Searcher searcher(dir_->str("db"));
  Reply reply = api_search(searcher, request({{"q", "transport corridors"}}));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(reply.body, cli::result_json(searcher.search("transport corridors"), false) + "\n");

  SearchOptions o;
  o.limit = 1;
  o.offset = 1;
  o.passages = 2;
  o.facet_limit = 0;
  reply = api_search(searcher, request({{"q", "minister:Sadykov"},
                                        {"limit", "1"},
                                        {"offset", "1"},
                                        {"passages", "2"},
                                        {"facets", "0"}}));
  EXPECT_EQ(reply.body, cli::result_json(searcher.search("minister:Sadykov", o), false) + "\n");
}

TEST_F(Api, ABadQueryIsA400WithTheMessageOfTheBatchError) {
  Searcher searcher(dir_->str("db"));
  Reply reply = api_search(searcher, request({{"q", "country:Atlantis"}}));
  EXPECT_EQ(reply.status, 400);
  std::string message;
  try {
    searcher.search("country:Atlantis");
  } catch (const QuerySyntaxError& e) {
    message = e.what();
  }
  EXPECT_EQ(reply.body, cli::error_json("country:Atlantis", message) + "\n");
}

TEST_F(Api, ParametersOutOfBoundsAreRefusedNamingThem) {
  Searcher searcher(dir_->str("db"));
  auto refused = [&](std::multimap<std::string, std::string> params) -> std::string {
    try {
      api_search(searcher, request(std::move(params)));
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(status_of(e), 400);
      return e.what();
    }
    return "accepted";
  };
  EXPECT_EQ(refused({{"q", "x"}, {"limit", "101"}}),
            "limit=101 is more than this server allows (100)");
  EXPECT_EQ(refused({{"q", "x"}, {"limit", "-1"}}), "limit=-1 is not a whole number");
  EXPECT_EQ(refused({{"q", "x"}, {"offset", "1e9"}}), "offset=1e9 is not a whole number");
  EXPECT_EQ(refused({{"q", "x"}, {"passages", "21"}}),
            "passages=21 is more than this server allows (20)");
  EXPECT_EQ(refused({{"q", std::string(1025, 'a')}}),
            "query is 1025 bytes long; this server accepts at most 1024");
  EXPECT_NE(refused({{"q", " "}}).find("no query"), std::string::npos);
  EXPECT_NE(refused({}).find("no query"), std::string::npos);
}

TEST_F(Api, AStatementIsItsWholeBodyAndAnUnknownIdIsA404) {
  Searcher searcher(dir_->str("db"));
  Reply reply = api_statement(searcher, request({{"q", "corridors"}}, {"t-en-1"}));
  EXPECT_EQ(reply.body, cli::statement_json(searcher.statement("t-en-1", "corridors")) + "\n");
  try {
    api_statement(searcher, request({}, {"nope"}));
    ADD_FAILURE() << "an unknown id was found";
  } catch (const Error& e) {
    EXPECT_EQ(status_of(e), 404);
  }
}

TEST(ApiStatus, FailuresMapToTheirStatuses) {
  EXPECT_EQ(status_of(QuerySyntaxError("q")), 400);
  EXPECT_EQ(status_of(InvalidArgument("a")), 400);
  EXPECT_EQ(status_of(NotFound("n")), 404);
  EXPECT_EQ(status_of(IoError("io")), 503);
  EXPECT_EQ(status_of(HttpError(503, "index")), 503);
  EXPECT_EQ(status_of(CorruptIndex("c")), 500);
  EXPECT_EQ(status_of(std::runtime_error("r")), 500);
}

}  // namespace
}  // namespace communique::server
