#include "ingest/html/page_metadata.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "communique/gazetteer.h"
#include "core/ascii.h"
#include "ingest/dates.h"
#include "ingest/ministries.h"

namespace communique::ingest::html {

namespace {

using core::ascii_lower;

constexpr std::size_t kMaxTitleBytes = 1000;
constexpr std::size_t kMaxZoneBytes = 32 * 1024;
constexpr std::size_t kHeaderBlocks = 40, kFooterBlocks = 80;
// A date line is a short block (in word equivalents) that is not prose.
constexpr float kDateLineWords = 12;

bool contains_nocase(std::string_view text, std::string_view part) {
  return ascii_lower(text).find(ascii_lower(part)) != std::string::npos;
}

// Cuts `s` to at most `n` bytes without splitting a character.
std::string_view cut(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// One line of text: markup a page escaped twice removed, white space
// (ASCII, no-break, ideographic) collapsed, trimmed.
std::string clean_line(std::string_view raw) {
  std::string stripped = strip_escaped_markup(cut(raw, 4 * kMaxTitleBytes));
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < stripped.size(); ++i) {
    char c = stripped[i];
    bool is_space = core::is_html_space(c);
    std::size_t extra = 0;
    if (stripped.compare(i, 2, "\xC2\xA0") == 0) extra = 1;      // U+00A0
    if (stripped.compare(i, 3, "\xE3\x80\x80") == 0) extra = 2;  // U+3000
    if (is_space || extra) {
      space = true;
      i += extra;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return std::string(cut(out, kMaxTitleBytes));
}

std::string meta_value(const Document& doc, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    std::string v = clean_line(doc.meta(key));
    if (!v.empty()) return v;
  }
  return {};
}

// ---------------------------------------------------------------- JSON-LD

// The first string under `key` in a JSON-LD value, depth first; for an
// object value, its "name" (an author, a publisher).
std::string json_find(const nlohmann::json& j, std::string_view key, int depth = 0) {
  if (depth > 8) return {};
  if (j.is_object()) {
    auto it = j.find(std::string(key));
    if (it != j.end()) {
      if (it->is_string()) return it->get<std::string>();
      const nlohmann::json& v = it->is_array() && !it->empty() ? (*it)[0] : *it;
      if (v.is_string()) return v.get<std::string>();
      if (v.is_object()) {
        auto name = v.find("name");
        if (name != v.end() && name->is_string()) return name->get<std::string>();
      }
    }
    for (const auto& [k, v] : j.items()) {
      if (v.is_structured()) {
        std::string found = json_find(v, key, depth + 1);
        if (!found.empty()) return found;
      }
    }
  } else if (j.is_array()) {
    for (const auto& v : j) {
      std::string found = json_find(v, key, depth + 1);
      if (!found.empty()) return found;
    }
  }
  return {};
}

std::string json_ld(const Document& doc, std::string_view key) {
  for (const std::string& text : doc.json_ld) {
    auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    std::string found = json_find(j, key);
    if (!found.empty()) return found;
  }
  return {};
}

// ---------------------------------------------------------------- title

std::vector<std::string> site_names(const Document& doc) {
  std::vector<std::string> names;
  for (std::string_view key : {"og:site_name", "sitename", "application-name", "publisher",
                               "dc.publisher", "apple-mobile-web-app-title"}) {
    std::string v = clean_line(doc.meta(key));
    if (!v.empty()) names.push_back(std::move(v));
  }
  return names;
}

bool web_address(std::string_view part) {
  std::string l = ascii_lower(part);
  return l.find(' ') == std::string::npos && l.find('.') != std::string::npos &&
         (l.starts_with("www.") || l.starts_with("http") || l.size() - l.rfind('.') <= 4);
}

// The heading over the statement: an <h1> that <title> repeats, else the
// last <h1> before the statement, else the first in it, else the only one.
std::string statement_heading(const Document& doc, const Content& content,
                              std::string_view page_title) {
  std::vector<const Heading*> h1;
  for (const Heading& h : doc.headings) {
    if (h.level == 1) h1.push_back(&h);
  }
  for (const Heading* h : h1) {
    std::string text = clean_line(h->text);
    if (text.size() >= 4 && page_title.find(text) != std::string_view::npos) return text;
  }
  const Heading* before = nullptr;
  const Heading* inside = nullptr;
  for (const Heading* h : h1) {
    if (h->block <= content.first) before = h;
    if (!inside && h->block >= content.first && h->block < content.last) inside = h;
  }
  if (!content.blocks.empty()) {
    if (before) return clean_line(before->text);
    if (inside) return clean_line(inside->text);
  }
  if (h1.size() == 1) return clean_line(h1[0]->text);
  return {};
}

std::string read_title(const Document& doc, const Content& content,
                       const std::vector<std::string>& sites, const Ministries& ministries) {
  std::string page_title = clean_line(doc.title);
  std::string meta = meta_value(doc, {"articletitle", "og:title", "dc.title", "dcterms.title",
                                      "twitter:title", "headline", "title"});
  if (meta.empty()) meta = clean_line(json_ld(doc, "headline"));
  if (!meta.empty()) return trim_site_name(meta, sites, ministries);
  std::string heading = statement_heading(doc, content, page_title);
  if (!heading.empty()) return heading;
  return trim_site_name(page_title, sites, ministries);
}

// ---------------------------------------------------------------- date

struct DateFound {
  std::optional<Date> date;
  std::string unreadable;
};

DateFound date_from_metas(const Document& doc) {
  DateFound found;
  for (std::string_view key : {"article:published_time",
                               "pubdate",
                               "publishdate",
                               "publish_date",
                               "publish-date",
                               "publication_date",
                               "datepublished",
                               "date",
                               "dc.date",
                               "dc.date.issued",
                               "dc.date.created",
                               "dcterms.date",
                               "dcterms.issued",
                               "dcterms.created",
                               "og:published_time",
                               "article.published",
                               "parsely-pub-date",
                               "sailthru.date",
                               "citation_publication_date",
                               "releasedate",
                               "firstpublishedtime",
                               "article:modified_time",
                               "og:updated_time",
                               "dcterms.modified",
                               "last-modified",
                               "lastmodified"}) {
    std::string_view value = doc.meta(key);
    if (value.empty()) continue;
    if (auto d = parse_date_any(value)) return {d, {}};
    if (found.unreadable.empty()) found.unreadable = clean_line(value);
  }
  std::string ld = json_ld(doc, "datePublished");
  if (ld.empty()) ld = json_ld(doc, "dateCreated");
  if (auto d = parse_date_any(ld)) return {d, {}};
  return found;
}

// How far block `b` is from the statement, for choosing among dates: those
// just before it (its header) first, then those after it.
std::size_t distance(std::uint32_t b, const Content& content) {
  if (content.blocks.empty()) return b;
  if (b < content.first) return content.first - b;
  if (b < content.last) return 0;
  return 2 * (b - content.last + 1);
}

std::optional<Date> date_from_times(const Document& doc, const Content& content) {
  std::optional<Date> best;
  std::size_t best_distance = 0;
  for (const TimeHint& t : doc.times) {
    auto d = parse_date_any(t.value);
    if (!d || !d->day) continue;
    std::size_t dist = distance(t.block, content);
    if (!best || dist < best_distance) {
      best = d;
      best_distance = dist;
    }
  }
  return best;
}

// A short block that is not prose and holds a date: "Updated: July 17,
// 2020 20:37", "2024-04-03 21:30", "发布时间：2022年1月25日 来源：外交部".
std::optional<Date> date_from_lines(const Document& doc, const Content& content) {
  std::optional<Date> best;
  std::size_t best_score = 0;
  for (std::uint32_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (block.words > kDateLineWords || classify(block) == BlockKind::kProse) continue;
    std::string_view text = doc.block_text(b);
    auto d = block.heading ? parse_date_any(text) : find_date(text);
    if (!d) continue;
    // Navigation and footers hold today's date and copyright years.
    std::size_t score = distance(b, content) + (block.boilerplate ? 50 : 0);
    if (!best || score < best_score) {
      best = d;
      best_score = score;
    }
  }
  return best;
}

DateFound read_date(const Document& doc, const Content& content, std::string_view title,
                    std::string_view statement) {
  DateFound found = date_from_metas(doc);
  if (found.date) return found;
  for (auto d : {date_from_times(doc, content), date_from_lines(doc, content), find_date(title),
                 find_date(statement), find_date(doc.text)}) {
    if (d) return {d, {}};
  }
  return found;
}

// ---------------------------------------------------------------- issuer

// The country of an address's domain: .cn -> CHN, .uk -> GBR, .gov -> USA.
const Country* country_of_domain(std::string_view address, const Gazetteer& gazetteer) {
  if (std::size_t scheme = address.find("://"); scheme != std::string_view::npos)
    address.remove_prefix(scheme + 3);
  std::string host = ascii_lower(address.substr(0, address.find_first_of("/:?#")));
  std::size_t dot = host.rfind('.');
  if (dot == std::string::npos) return nullptr;
  std::string tld = host.substr(dot + 1);
  if (tld == "gov" || tld == "mil") return gazetteer.by_code("USA");
  if (tld == "uk") return gazetteer.by_code("GBR");
  if (tld.size() != 2) return nullptr;
  return gazetteer.by_alpha2(tld);
}

// Where the site names itself: its title, site-name metas, header and
// footer blocks and copyright lines, outside the statement.
std::string name_zone(const Document& doc, const Content& content,
                      const std::vector<std::string>& sites) {
  std::string zone = clean_line(doc.title);
  for (const auto& s : sites) zone += "\n" + s;
  const auto n = static_cast<std::uint32_t>(doc.blocks.size());
  for (std::uint32_t b = 0; b < n && zone.size() < kMaxZoneBytes; ++b) {
    bool in_statement = !content.blocks.empty() && b >= content.first && b < content.last;
    bool edge = b < kHeaderBlocks || b + kFooterBlocks >= n;
    if (in_statement || !(edge || doc.blocks[b].copyright)) continue;
    zone += "\n";
    zone += cut(doc.block_text(b), 400);
  }
  return zone;
}

std::string read_country(const Document& doc, const Content& content,
                         const std::vector<std::string>& sites, const Gazetteer& gazetteer,
                         const Ministries& ministries) {
  std::vector<std::string> addresses = {doc.canonical};
  for (std::string_view key : {"og:url", "url", "sitedomain", "dc.identifier", "twitter:url"})
    addresses.emplace_back(doc.meta(key));
  addresses.push_back(doc.base);
  for (const auto& a : addresses) {
    if (a.empty()) continue;
    if (const Ministry* m = ministries.by_address(a)) return m->country;
  }
  if (const Ministry* m = ministries.named_in(name_zone(doc, content, sites))) return m->country;
  if (!doc.link_hosts.empty() && doc.link_hosts[0].second >= 3) {
    if (const Ministry* m = ministries.by_address(doc.link_hosts[0].first)) return m->country;
  }
  for (const auto& a : addresses) {
    if (a.empty() || a.find('.') == std::string::npos) continue;
    if (const Country* c = country_of_domain(a, gazetteer)) return c->code;
  }
  for (const auto& s : sites) {
    if (const Country* c = gazetteer.resolve(s)) return c->code;
    if (auto m = gazetteer.find_mentions(s); !m.empty()) return m.front().code;
  }
  return {};
}

// ---------------------------------------------------------------- speakers

std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&]() {
    std::string line = clean_line(item);
    if (!line.empty()) out.push_back(std::move(line));
    item.clear();
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == ';' || c == ',' || c == '|') {
      flush();
    } else if (value.compare(i, 3, "\xEF\xBC\x8C") == 0 ||  // ，
               value.compare(i, 3, "\xEF\xBC\x9B") == 0 ||  // ；
               value.compare(i, 3, "\xE3\x80\x81") == 0) {  // 、
      flush();
      i += 2;
    } else {
      item += c;
    }
  }
  flush();
  return out;
}

constexpr std::string_view kSpokespersonWords[] = {
    "\xE5\x8F\x91\xE8\xA8\x80\xE4\xBA\xBA",  // 发言人
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "porte-parole",
    "portavoz",
    "sprecher",
    "\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5"
    "\xD0\xBB\xD1\x8C",  // представитель
};

bool spokesperson_word(std::string_view keyword) {
  for (std::string_view w : kSpokespersonWords) {
    if (contains_nocase(keyword, w)) return true;
  }
  return false;
}

// Whether the statement gives `name` the floor: a paragraph opens with
// "NAME：" / "NAME:", or the title or text calls them spokesperson
// ("发言人汪文斌", "Spokesperson Wang Wenbin").
bool speaks(std::string_view name, const Document& doc, const Content& content,
            std::string_view title) {
  for (std::uint32_t b : content.blocks) {
    std::string_view text = doc.block_text(b);
    if (text.substr(0, name.size()) != name) continue;
    std::string_view rest = text.substr(name.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with(":") || rest.starts_with("\xEF\xBC\x9A")) return true;  // ：
  }
  std::string haystack = ascii_lower(title);
  for (std::uint32_t b : content.blocks) {
    if (haystack.size() > kMaxZoneBytes) break;
    haystack += '\n';
    haystack += ascii_lower(doc.block_text(b));
  }
  std::string lname = ascii_lower(name);
  for (std::string_view w : kSpokespersonWords) {
    std::string lw(w);
    if (haystack.find(lw + lname) != std::string::npos ||
        haystack.find(lw + " " + lname) != std::string::npos)
      return true;
  }
  return false;
}

bool organisation(std::string_view value, const std::vector<std::string>& sites,
                  const Ministries& ministries) {
  for (std::string_view word :
       {"ministry",
        "minister of",
        "department",
        "office",
        "press",
        "service",
        "staff",
        "editor",
        "admin",
        "team",
        "news",
        "agency",
        "government",
        "embassy",
        "mission",
        "bureau",
        "\xE9\x83\xA8",                          // 部
        "\xE5\x8A\x9E\xE5\x85\xAC\xE5\xAE\xA4",  // 办公室
        "\xE7\xBD\x91",                          // 网
        "\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD0\xB5\xD1\x80\xD1\x81\xD1\x82\xD0\xB2",
        "\xD0\x9C\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD0\xB5\xD1\x80\xD1\x81\xD1\x82\xD0\xB2",
        "minist\xC3\xA8re",
        "ministerio"}) {
    if (contains_nocase(value, word)) return true;
  }
  for (const auto& s : sites) {
    if (ascii_lower(s) == ascii_lower(value)) return true;
  }
  return ministries.named_in(value) != nullptr;
}

std::vector<std::string> read_speakers(const Document& doc, const Content& content,
                                       std::string_view title,
                                       const std::vector<std::string>& sites,
                                       const Gazetteer& gazetteer, const Ministries& ministries) {
  std::vector<std::string> out;
  auto add = [&](std::string name) {
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(std::move(name));
  };
  std::vector<std::string> keywords = split_list(doc.meta("keywords"));
  if (std::any_of(keywords.begin(), keywords.end(),
                  [](const std::string& k) { return spokesperson_word(k); })) {
    std::vector<std::string> candidates;
    for (const std::string& k : keywords) {
      if (k.size() <= 60 && !spokesperson_word(k) && !gazetteer.resolve(k) &&
          !organisation(k, sites, ministries))
        candidates.push_back(k);
    }
    // "发言人;汪文斌": the spokesperson and their name. Among several
    // keywords (topics too: "人权;美国;汪文斌;发言人"), the names are those
    // the text gives the floor to.
    for (const std::string& k : candidates) {
      if (candidates.size() == 1 || speaks(k, doc, content, title)) add(k);
    }
  }
  std::vector<std::string> authors;
  for (std::string_view key : {"author", "article:author", "dc.creator", "dcterms.creator", "byl",
                               "sailthru.author", "parsely-author"}) {
    for (auto& a : split_list(doc.meta(key))) authors.push_back(std::move(a));
  }
  for (auto& a : split_list(json_ld(doc, "author"))) authors.push_back(std::move(a));
  for (std::string a : authors) {
    if (ascii_lower(a).starts_with("by ")) a.erase(0, 3);
    if (a.empty() || a.size() > 80 || a.find("://") != std::string::npos ||
        a.find('@') != std::string::npos || a.find('/') != std::string::npos ||
        organisation(a, sites, ministries) || gazetteer.resolve(a))
      continue;
    add(std::move(a));  // tidied by the normalisation stage (ingest/normalise.h)
  }
  return out;
}

std::string read_url(const Document& doc) {
  for (std::string_view candidate : {std::string_view(doc.canonical), doc.meta("og:url"),
                                     doc.meta("url"), doc.meta("twitter:url")}) {
    std::string c = clean_line(candidate);
    if (c.starts_with("http://") || c.starts_with("https://")) return c;
  }
  return {};
}

}  // namespace

std::string trim_site_name(std::string_view title, const std::vector<std::string>& site_names,
                           const Ministries& ministries) {
  static constexpr std::string_view kSeparators[] = {
      " | ",  " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ", "_",
      " :: ", " \xC2\xB7 ", " \xC2\xBB ",     "\xEF\xBD\x9C",   " \xEF\xBD\x9C "};
  auto site_part = [&](std::string_view part) {
    std::string p = clean_line(part);
    if (p.empty()) return false;
    for (const auto& s : site_names) {
      if (ascii_lower(s) == ascii_lower(p)) return true;
    }
    if (web_address(p)) return true;
    if (const Ministry* m = ministries.named_in(p)) {
      // The part is the name, perhaps with a word or two around it; not a
      // headline that mentions the ministry.
      for (const auto& name : m->names) {
        if (contains_nocase(p, name) && p.size() <= name.size() + 24) return true;
      }
    }
    return false;
  };
  std::string t = clean_line(title);
  for (bool again = true; again;) {
    again = false;
    for (std::string_view sep : kSeparators) {
      std::size_t last = t.rfind(sep);
      if (last != std::string::npos && last > 0 &&
          site_part(std::string_view(t).substr(last + sep.size()))) {
        t = clean_line(std::string_view(t).substr(0, last));
        again = true;
        break;
      }
      std::size_t first = t.find(sep);
      if (first != std::string::npos && first + sep.size() < t.size() &&
          site_part(std::string_view(t).substr(0, first))) {
        t = clean_line(std::string_view(t).substr(first + sep.size()));
        again = true;
        break;
      }
    }
  }
  return t;
}

PageMetadata read_page_metadata(const Document& doc, const Content& content,
                                const Gazetteer& gazetteer, const Ministries& ministries) {
  PageMetadata m;
  std::vector<std::string> sites = site_names(doc);
  m.title = read_title(doc, content, sites, ministries);
  std::string statement;
  for (std::uint32_t b : content.blocks) {
    if (statement.size() > 64 * 1024) break;
    statement += doc.block_text(b);
    statement += '\n';
  }
  DateFound date = read_date(doc, content, m.title, statement);
  m.date = date.date;
  if (!m.date) m.unreadable_date = date.unreadable;
  m.country = read_country(doc, content, sites, gazetteer, ministries);
  m.ministers = read_speakers(doc, content, m.title, sites, gazetteer, ministries);
  m.url = read_url(doc);
  return m;
}

}  // namespace communique::ingest::html
