// Countries and international bodies, and the names people call them.
//
// The built-in gazetteer is compiled from corpus/gazetteer.tsv (every ISO
// 3166-1 alpha-3 code, historical codes such as SUN and YUG, English names,
// demonyms and aliases), corpus/organizations.tsv (acronyms of
// international bodies) and corpus/country_names.tsv (names, short forms
// and demonyms in Chinese, Russian, French, Spanish and Arabic that CLDR
// lacks). Beside these, it knows each country by the names ICU's CLDR data
// gives it in every locale ICU ships ("中国", "Китай", "Chine", "الصين",
// "Kasachstan"), read once, when first needed (about 0.1 s and 2.5 MB). A
// CLDR name that two locales give to two countries is dropped, not
// guessed; the tables' own names come first. Lookups ignore case, accents
// and punctuation.

#ifndef COMMUNIQUE_GAZETTEER_H_
#define COMMUNIQUE_GAZETTEER_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "communique/export.h"

namespace communique {

struct COMMUNIQUE_EXPORT Country {
  std::string code;                   // "CHN"
  std::string status;                 // "current", "historical" or "organization"
  std::string name;                   // "China"
  std::string formal_name;            // "People's Republic of China"
  std::vector<std::string> demonyms;  // "Chinese"
  std::vector<std::string> aliases;   // "PRC", ...
  std::string alpha2;                 // "CN" (ISO 3166-1 alpha-2); "" when none
};

struct COMMUNIQUE_EXPORT Organization {
  std::string acronym;               // "SCO"
  std::string name;                  // "Shanghai Cooperation Organization"
  std::vector<std::string> aliases;  // spelling variants
};

// A country named in a text, with the byte range of the name.
struct COMMUNIQUE_EXPORT CountryMention {
  std::string code;
  std::size_t start;
  std::size_t end;
  bool demonym;  // "Kazakh" rather than "Kazakhstan"
};

class COMMUNIQUE_EXPORT Gazetteer {
 public:
  // The gazetteer compiled into the library. Thread-safe, never destroyed.
  static const Gazetteer& builtin();

  // Parses the gazetteer, organization and country-name tables in the TSV
  // formats of corpus/README.md. Throws InvalidArgument naming the line on
  // bad input.
  Gazetteer(std::string_view countries_tsv, std::string_view organizations_tsv,
            std::string_view country_names_tsv = {});
  ~Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;

  // The country for a code, name, formal name, demonym or alias ("CHN",
  // "China", "chinese", "PRC"), in any locale ICU has ("中国", "Китай",
  // "Chine", "الصين", "Kasachstan"), inflected or with clitics as in
  // running text ("Китая", "بالصين"); nullptr when unknown or ambiguous.
  // Thread-safe; the first call that needs CLDR's names reads them.
  const Country* resolve(std::string_view name) const;

  // The country with exactly this code; nullptr when unknown.
  const Country* by_code(std::string_view code) const;

  // The country with this ISO 3166-1 alpha-2 code ("SG"), any case; nullptr
  // when unknown. Never matched in running text: two-letter codes ("IN",
  // "IT") are ordinary words there.
  const Country* by_alpha2(std::string_view alpha2) const;

  // The organization for an acronym, name or alias; nullptr when unknown.
  const Organization* organization(std::string_view name) const;

  // Countries named in `text` by name, formal name, alias or demonym, in
  // text order, in English, Chinese, Russian, French, Spanish and Arabic:
  // the longest name at each place ("Papua New Guinea", "巴布亚新几内亚"),
  // Chinese found without spaces ("中国" in "中国人", but not "加纳" in
  // "增加纳税"), Russian in any case ("Китая", "российской"), Arabic with
  // its prefixes ("والصين"), French elided ("l'Inde"). Short all-capital
  // aliases ("US", "UK") count only when written in capitals, so "us" in
  // running text is not the United States; names of regions ("Latin
  // America", "印度洋") are not their countries. Offsets are UTF-8 bytes.
  // Thread-safe.
  std::vector<CountryMention> find_mentions(std::string_view text) const;

  const std::vector<Country>& countries() const;
  const std::vector<Organization>& organizations() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace communique

#endif  // COMMUNIQUE_GAZETTEER_H_
