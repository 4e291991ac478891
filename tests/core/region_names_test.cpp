#include "core/region_names.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace communique::core {
namespace {

const std::vector<std::string> kCodes{"CN", "KZ", "US", "DE", "RU", "GB", "ZA", "CI", "HK"};

using Names = std::map<std::pair<std::string, std::string>, std::set<std::string>>;

// The fast way (the locale tables read directly) gives every standard name
// that icu::Locale::getDisplayCountry gives, and the short forms besides.
TEST(RegionNames, TheTablesHoldWhatGetDisplayCountryGives) {
  Names fast;
  std::size_t n = for_each_region_name(kCodes, [&](auto code, auto locale, auto name) {
    fast[{std::string(locale), std::string(code)}].insert(std::string(name));
  });
  EXPECT_GT(n, 1000u);
  for (const char* locale : {"zh", "zh_Hant", "ru", "fr", "es", "ar", "de", "kk"}) {
    for_each_display_country(kCodes, locale, [&](auto code, auto, auto name) {
      // getDisplayCountry falls back to a parent locale; the fast way
      // lists the name under the locale that holds it.
      bool held = false;
      for (std::string l = locale; !held;) {
        held = fast[{l, std::string(code)}].count(std::string(name)) > 0;
        std::size_t cut = l.rfind('_');
        if (cut == std::string::npos) {
          if (l == "root") break;
          l = "root";
        } else {
          l.resize(cut);
        }
      }
      EXPECT_TRUE(held) << locale << " " << code << " " << name;
    });
  }
  auto has = [&](const char* locale, const char* code, const char* name) {
    return fast[{locale, code}].count(name) > 0;
  };
  EXPECT_TRUE(has("zh", "CN", "中国"));
  EXPECT_TRUE(has("ru", "KZ", "Казахстан"));
  EXPECT_TRUE(has("ru", "US", "США"));  // CLDR's short form
  EXPECT_TRUE(has("zh", "HK", "香港"));
}

TEST(RegionNames, OnlyTheRegionsAsked) {
  std::set<std::string> codes;
  for_each_region_name({"KZ"}, [&](auto code, auto, auto) { codes.insert(std::string(code)); });
  EXPECT_EQ(codes, (std::set<std::string>{"KZ"}));
}

}  // namespace
}  // namespace communique::core
