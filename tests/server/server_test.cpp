#include "server/server.h"

#include <gtest/gtest.h>

#include <fstream>

#include "communique/error.h"
#include "support/temp_index.h"

namespace communique::server {
namespace {

TEST(Server, TokensCompareWhole) {
  EXPECT_TRUE(same_secret("s3cret-token", "s3cret-token"));
  EXPECT_FALSE(same_secret("s3cret-token", "s3cret-tokex"));
  EXPECT_FALSE(same_secret("s3cret-token", "s3cret"));
  EXPECT_FALSE(same_secret("s3cret-token", "s3cret-token "));
  EXPECT_FALSE(same_secret("s3cret-token", ""));
  EXPECT_FALSE(same_secret("abc", std::string("abc\0", 4)));
}

TEST(Server, TheTokenIsTheFirstLineOfItsFileTrimmed) {
  testing::TempDir dir;
  std::ofstream(dir.str("token")) << "  s3cret-token \r\nsecond line\n";
  EXPECT_EQ(read_token_file(dir.str("token")), "s3cret-token");
  std::ofstream(dir.str("blank")) << "\n";
  EXPECT_THROW(read_token_file(dir.str("blank")), InvalidArgument);
  EXPECT_THROW(read_token_file(dir.str("missing")), InvalidArgument);
}

TEST(Server, AnAddressInUseIsAnIoErrorNamingIt) {
  testing::TempDir dir;
  ServeOptions options;
  options.db = dir.str("db");
  options.port = 0;
  Server first(options);
  first.bind();
  options.port = first.port();
  Server second(options);
  try {
    second.bind();
    ADD_FAILURE() << "bound a port in use";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(first.port())),
              std::string::npos);
  }
}

}  // namespace
}  // namespace communique::server
