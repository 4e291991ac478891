// The names CLDR gives to countries in every locale ICU ships, read from
// ICU's own data: "中国", "Китай", "Chine", "الصين" and "Kasachstan" are
// all there, with the short and variant forms CLDR keeps beside the
// standard ones ("США", "EE. UU.", "香港").

#ifndef COMMUNIQUE_CORE_REGION_NAMES_H_
#define COMMUNIQUE_CORE_REGION_NAMES_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace communique::core {

// Receives one name of a region in one locale: the region's ISO 3166-1
// alpha-2 code ("KZ"), an ICU locale id ("de", "zh_Hant", "fr_CA") and the
// name in UTF-8.
using RegionNameSink =
    std::function<void(std::string_view alpha2, std::string_view locale, std::string_view name)>;

// Every name of the regions in `alpha2_codes` in every locale. Names repeat
// (a locale often repeats its parent's). Reads the locale data tables
// directly (about 0.15 s for all of them, short and variant forms
// included); if ICU's data is not laid out that way, asks
// icu::Locale::getDisplayCountry for each region in each available locale
// instead (standard names only, about 2.5 s for 250 regions in 800
// locales). Returns how many names it gave. Thread-safe (keeps no state).
std::size_t for_each_region_name(const std::vector<std::string>& alpha2_codes,
                                 const RegionNameSink& sink);

// The standard names through icu::Locale::getDisplayCountry alone, in one
// locale ("zh") or, for "", in every available locale: what the fast way
// must agree with.
std::size_t for_each_display_country(const std::vector<std::string>& alpha2_codes,
                                     std::string_view locale, const RegionNameSink& sink);

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_REGION_NAMES_H_
