// Foreign ministries' websites (corpus/ministries.tsv, built into the
// library): which government a page belongs to, by its address or by the
// ministry's name written in it.

#ifndef COMMUNIQUE_INGEST_MINISTRIES_H_
#define COMMUNIQUE_INGEST_MINISTRIES_H_

#include <string>
#include <string_view>
#include <vector>

namespace communique::ingest {

struct Ministry {
  std::string domain;              // "mfa.gov.cn"; with a path: "gov.kz/memleket/entities/mfa"
  std::string country;             // ISO 3166-1 alpha-3: "CHN"
  std::vector<std::string> names;  // "中华人民共和国外交部", "Ministry of Foreign Affairs of ..."
};

class Ministries {
 public:
  // The table of corpus/ministries.tsv.
  static const Ministries& builtin();

  // Reads a table in the format of corpus/ministries.tsv ('#' comments, a
  // header row starting "domain", then domain, country, names). Rows
  // without a domain or a country are ignored.
  explicit Ministries(std::string_view tsv);

  // The ministry whose site `address` is on: a URL
  // ("https://www.mfa.gov.cn/web/..."), "//host/...", a host
  // ("www.mfa.gov.cn") or host and path. A domain matches itself and its
  // subdomains; an entry with a path needs the address's path to start with
  // it; the longest entry that matches wins. nullptr when none does.
  const Ministry* by_address(std::string_view address) const;

  // The ministry named in `text`: the one whose name occurs first (the
  // longest name where two start at the same place), ASCII letters compared
  // without regard to case. nullptr when no name occurs.
  const Ministry* named_in(std::string_view text) const;

  const std::vector<Ministry>& all() const { return ministries_; }

 private:
  std::vector<Ministry> ministries_;
};

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_MINISTRIES_H_
