#include "core/region_names.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

#include <memory>
#include <unordered_set>

namespace communique::core {

namespace {

// ICU keeps region display names in the "region" tree of its data, one
// bundle per locale, in the tables "Countries", "Countries%short" and
// "Countries%variant" (this is what Locale::getDisplayCountry reads, with
// fallback to parent locales, which reading every bundle makes needless).
constexpr const char* kRegionTree = U_ICUDATA_NAME "-region";
constexpr const char* kTables[] = {"Countries", "Countries%short", "Countries%variant"};

struct BundleCloser {
  void operator()(UResourceBundle* b) const { ures_close(b); }
};
using Bundle = std::unique_ptr<UResourceBundle, BundleCloser>;

std::string utf8(const UChar* s, int32_t length) {
  std::string out;
  icu::UnicodeString(false, s, length).toUTF8String(out);
  return out;
}

std::size_t read_bundle(const char* locale, const std::unordered_set<std::string>& wanted,
                        const RegionNameSink& sink) {
  UErrorCode status = U_ZERO_ERROR;
  Bundle bundle(ures_openDirect(kRegionTree, locale, &status));
  if (U_FAILURE(status)) return 0;
  std::size_t given = 0;
  for (const char* table_name : kTables) {
    status = U_ZERO_ERROR;
    Bundle table(ures_getByKey(bundle.get(), table_name, nullptr, &status));
    if (U_FAILURE(status)) continue;
    while (ures_hasNext(table.get())) {
      status = U_ZERO_ERROR;
      const char* key = nullptr;
      int32_t length = 0;
      const UChar* name = ures_getNextString(table.get(), &length, &key, &status);
      if (U_FAILURE(status) || !key || !wanted.count(key)) continue;
      sink(key, locale, utf8(name, length));
      ++given;
    }
  }
  return given;
}

}  // namespace

std::size_t for_each_region_name(const std::vector<std::string>& alpha2_codes,
                                 const RegionNameSink& sink) {
  std::unordered_set<std::string> wanted(alpha2_codes.begin(), alpha2_codes.end());
  std::size_t given = 0;
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration* locales = ures_openAvailableLocales(kRegionTree, &status);
  if (U_SUCCESS(status)) {
    while (const char* locale = uenum_next(locales, nullptr, &status)) {
      if (U_FAILURE(status)) break;
      given += read_bundle(locale, wanted, sink);
    }
    uenum_close(locales);
  }
  if (given > 0) return given;
  return for_each_display_country(alpha2_codes, "", sink);
}

std::size_t for_each_display_country(const std::vector<std::string>& alpha2_codes,
                                     std::string_view locale, const RegionNameSink& sink) {
  std::vector<icu::Locale> locales;
  if (locale.empty()) {
    int32_t count = 0;
    const icu::Locale* available = icu::Locale::getAvailableLocales(count);
    locales.assign(available, available + count);
  } else {
    locales.emplace_back(std::string(locale).c_str());
  }
  std::size_t given = 0;
  for (const icu::Locale& in : locales) {
    for (const std::string& code : alpha2_codes) {
      icu::UnicodeString name;
      icu::Locale("", code.c_str()).getDisplayCountry(in, name);
      std::string text;
      name.toUTF8String(text);
      if (text.empty() || text == code) continue;  // ICU knows no name for it
      sink(code, in.getName(), text);
      ++given;
    }
  }
  return given;
}

}  // namespace communique::core
