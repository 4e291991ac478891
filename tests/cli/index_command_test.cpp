#include "cli/index_command.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "communique/error.h"

namespace communique::cli {
namespace {

using Map = std::map<std::string, std::string>;

TEST(KeyValues, ReadsFieldEqualsValue) {
  EXPECT_EQ(key_values({}, "--map"), Map{});
  EXPECT_EQ(key_values({"body=Speech", "date=Date"}, "--map"),
            (Map{{"body", "Speech"}, {"date", "Date"}}));
  // The value is everything after the first "=", and may be empty.
  EXPECT_EQ(key_values({"title=a=b", "role="}, "--set"), (Map{{"title", "a=b"}, {"role", ""}}));
  // A later item replaces an earlier one.
  EXPECT_EQ(key_values({"country=NPL", "country=UZB"}, "--set"), (Map{{"country", "UZB"}}));
}

TEST(KeyValues, AnItemWithoutAFieldIsRefusedAndNamed) {
  for (const char* bad : {"Speech", "=Speech", ""}) {
    try {
      key_values({"body=Speech", bad}, "--map");
      ADD_FAILURE() << bad << " accepted";
    } catch (const InvalidArgument& e) {
      EXPECT_EQ(std::string(e.what()),
                std::string("--map ") + bad + ": expected FIELD=VALUE, e.g. --map date=Date");
    }
  }
}

}  // namespace
}  // namespace communique::cli
