// What a page says about its statement, from whatever it offers: <meta>
// tags of any common convention (Open Graph, Dublin Core, article:*, the
// site's own such as ArticleTitle, PubDate, Keywords, SiteDomain, Url),
// JSON-LD, <time>, its <title> and headings, and dates and names written
// in its text in the page's language.

#ifndef COMMUNIQUE_INGEST_HTML_PAGE_METADATA_H_
#define COMMUNIQUE_INGEST_HTML_PAGE_METADATA_H_

#include <optional>
#include <string>
#include <vector>

#include "communique/statement.h"
#include "ingest/html/content.h"
#include "ingest/html/document.h"

namespace communique {
class Gazetteer;
}

namespace communique::ingest {
class Ministries;
}

namespace communique::ingest::html {

struct PageMetadata {
  // The headline: a title <meta>, else the heading over the statement,
  // else <title>; the site's name trimmed ("..._中华人民共和国外交部",
  // "... | Ministry of Foreign Affairs"), markup and entities never kept.
  std::string title;
  // The date: a publication-date <meta> or JSON-LD, <time>, a date line
  // near the statement ("Updated: July 17, 2020 20:37", "2024-04-03
  // 21:30"), a date in the title, then the first date in the text.
  std::optional<Date> date;
  // A date the page's metadata gives that could not be read, when no
  // other date was found ("" otherwise).
  std::string unreadable_date;
  // The issuing country (alpha-3) by the ministry's site or name: the
  // page's address (canonical link, og:url, Url, SiteDomain), the
  // ministry's name in its title, site name, header or footer, the site
  // most of its links go to, the address's country domain, the site name
  // as a country's name. "" when none tells.
  std::string country;
  // People the page names as its speakers: the spokesperson among its
  // Keywords ("发言人;汪文斌", when the text gives them the floor:
  // "汪文斌：", "发言人汪文斌") and its author or byline metas, as written.
  std::vector<std::string> ministers;
  std::string url;  // the page's own address, when it gives one
};

PageMetadata read_page_metadata(const Document& doc, const Content& content,
                                const Gazetteer& gazetteer, const Ministries& ministries);

// `title` without the site's name at its start or end, cut at the usual
// separators (" | ", " - ", " – ", " — ", "_", " :: ", " · ", " » ", "｜"):
// a part goes when it is one of `site_names`, holds one of the ministries'
// names, or is a web address.
std::string trim_site_name(std::string_view title, const std::vector<std::string>& site_names,
                           const Ministries& ministries);

}  // namespace communique::ingest::html

#endif  // COMMUNIQUE_INGEST_HTML_PAGE_METADATA_H_
