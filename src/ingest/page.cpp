// Statement pages saved from a ministry's site, as plain text (the page's
// visible text) or as HTML. A page has a header before its text: who issued
// it ("Ministry of Foreign Affairs" / "The People's Republic of China"), a
// title, and a date line ("Updated: July 17, 2020 20:37").

#include <cctype>
#include <cstring>

#include "ingest/formats.h"
#include "ingest/metadata.h"

namespace communique::ingest {

namespace {

constexpr const char* kFormat = "page";
constexpr std::size_t kMaxHeaderLines = 10;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Updated: July 17, 2020 20:37", "Date: 2020-07-17", or a line that is a
// date. A labelled line whose date cannot be read is still the date line.
struct DateLine {
  bool found = false;
  std::optional<Date> date;
  std::string text;
};

DateLine date_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > 80) return {};
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos && colon < 20) {
    std::string label = lower(trim(line.substr(0, colon)));
    for (const char* l : {"updated", "last updated", "published", "posted", "released", "date",
                          "issued", "dated"}) {
      if (label == l)
        return {true, parse_date_any(line.substr(colon + 1)),
                std::string(trim(line.substr(colon + 1)))};
    }
  }
  auto d = parse_date_any(line);
  return {d.has_value(), d, std::string(line)};
}

bool ministry_line(std::string_view line) {
  std::string l = lower(line);
  for (const char* w : {"ministry", "foreign affairs", "department of", "embassy", "mission of",
                        "government of", "foreign office", "spokesperson", "press service",
                        "state department", "external affairs"}) {
    if (l.find(w) != std::string::npos) return true;
  }
  return false;
}

// The country a header line names: the whole line ("The People's Republic
// of China"), or, right under a ministry's name, a short line of capitalised
// words naming one ("Republic of Nepal").
const Country* issuer_line(std::string_view line, bool after_ministry, const Gazetteer& gazetteer) {
  if (const Country* c = gazetteer.resolve(line)) return c;
  if (!after_ministry || line.size() > 80) return nullptr;
  std::size_t words = 0;
  for (std::size_t i = 0; i < line.size();) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    std::size_t end = line.find(' ', i);
    std::string_view w =
        line.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    ++words;
    bool joiner = w == "of" || w == "the" || w == "and";
    if (!joiner && std::islower(static_cast<unsigned char>(w[0]))) return nullptr;
    i = end == std::string_view::npos ? line.size() : end;
  }
  auto mentions = gazetteer.find_mentions(line);
  if (words > 8 || mentions.empty()) return nullptr;
  return gazetteer.by_code(mentions.front().code);
}

struct Header {
  std::string issuer;  // country code
  std::string title;
  std::optional<Date> date;
  std::string date_text;  // as written on the date line
  bool has_date_line = false;
  bool has_ministry = false;
  std::size_t body_offset = 0;  // byte offset of the text after the header
};

// Reads the header of a page's text, if it has one.
Header read_header(std::string_view text, const Gazetteer& gazetteer) {
  Header h;
  std::size_t pos = 0, seen = 0, limit = std::min<std::size_t>(text.size(), 8192);
  bool started = false, previous_was_ministry = false;
  while (pos < limit && seen < kMaxHeaderLines) {
    std::size_t nl = text.find('\n', pos);
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = trim(text.substr(pos, next - pos));
    if (line.empty()) {
      pos = next;
      if (started && (h.has_date_line || !h.title.empty())) break;
      continue;
    }
    started = true;
    ++seen;
    if (DateLine d = date_line(line); d.found && !h.has_date_line) {
      h.date = d.date;
      h.date_text = d.text;
      h.has_date_line = true;
    } else if (const Country* c = issuer_line(line, previous_was_ministry, gazetteer);
               c && h.title.empty()) {
      if (h.issuer.empty()) h.issuer = c->code;
      previous_was_ministry = false;
    } else if (ministry_line(line) && h.title.empty() && line.size() < 120) {
      h.has_ministry = true;
      previous_was_ministry = true;
      if (h.issuer.empty()) {
        auto mentions = gazetteer.find_mentions(line);
        if (!mentions.empty()) h.issuer = mentions.front().code;
      }
    } else if (h.title.empty() && line.size() < 300) {
      h.title = std::string(line);
    } else {
      break;  // a second free line: the header is over, this is the text
    }
    pos = next;
    h.body_offset = pos;
  }
  if (!h.has_date_line && h.issuer.empty() && !h.has_ministry) h.body_offset = 0;
  return h;
}

// ---------------------------------------------------------------- HTML

std::string decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (!name.empty() && name[0] == '#') {
      try {
        cp = name.size() > 1 && (name[1] == 'x' || name[1] == 'X')
                 ? std::stoul(std::string(name.substr(2)), nullptr, 16)
                 : std::stoul(std::string(name.substr(1)));
      } catch (...) {
        cp = 0;
      }
    } else {
      static constexpr std::pair<const char*, std::uint32_t> kNamed[] = {
          {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
          {"apos", '\''},     {"nbsp", ' '},     {"rsquo", 0x2019}, {"lsquo", 0x2018},
          {"rdquo", 0x201D},  {"ldquo", 0x201C}, {"ndash", 0x2013}, {"mdash", 0x2014},
          {"hellip", 0x2026}, {"eacute", 0xE9},  {"egrave", 0xE8},  {"aacute", 0xE1},
          {"oacute", 0xF3},   {"uuml", 0xFC},    {"ouml", 0xF6},    {"auml", 0xE4},
          {"ccedil", 0xE7},   {"ntilde", 0xF1},  {"iacute", 0xED},  {"uacute", 0xFA}};
      for (const auto& [n, c] : kNamed) {
        if (name == n) cp = c;
      }
    }
    if (cp == 0 || cp > 0x10FFFF) {
      out += '&';
      continue;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    i = semi;
  }
  return out;
}

// The value of attribute `name` in a tag's text, or "".
std::string attribute(std::string_view tag, std::string_view name) {
  std::string l = lower(tag);
  std::size_t at = 0;
  while ((at = l.find(name, at)) != std::string::npos) {
    bool boundary = at > 0 && (std::isspace(static_cast<unsigned char>(l[at - 1])));
    std::size_t k = at + name.size();
    while (k < l.size() && l[k] == ' ') ++k;
    if (boundary && k < l.size() && l[k] == '=') {
      ++k;
      while (k < l.size() && l[k] == ' ') ++k;
      if (k < l.size() && (l[k] == '"' || l[k] == '\'')) {
        char q = l[k];
        std::size_t end = l.find(q, k + 1);
        if (end == std::string::npos) return {};
        return decode_entities(tag.substr(k + 1, end - k - 1));
      }
      std::size_t end = l.find_first_of(" >", k);
      return decode_entities(tag.substr(k, end == std::string::npos ? std::string::npos : end - k));
    }
    at = k;
  }
  return {};
}

struct HtmlPage {
  std::string text;  // visible text, blocks separated by blank lines
  std::string title, h1, site_name, date;
};

bool block_tag(std::string_view name) {
  for (const char* b : {"p",          "div", "br", "h1",      "h2",      "h3",     "h4",     "h5",
                        "h6",         "li",  "tr", "section", "article", "header", "footer", "main",
                        "blockquote", "ul",  "ol", "table",   "hr",      "time"}) {
    if (name == b) return true;
  }
  return false;
}

HtmlPage parse_html(std::string_view html) {
  HtmlPage page;
  std::string text;
  std::string* capture = nullptr;  // <title> or <h1> text being collected
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      std::size_t lt = html.find('<', i);
      std::string_view run =
          html.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
      if (capture) *capture += run;
      text += run;
      i = lt == std::string_view::npos ? html.size() : lt;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      std::size_t end = html.find("-->", i);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t gt = html.find('>', i);
    if (gt == std::string_view::npos) break;
    std::string_view tag = html.substr(i + 1, gt - i - 1);
    bool closing = !tag.empty() && tag[0] == '/';
    std::string_view body = closing ? tag.substr(1) : tag;
    std::size_t name_end = 0;
    while (name_end < body.size() && std::isalnum(static_cast<unsigned char>(body[name_end])))
      ++name_end;
    std::string name = lower(body.substr(0, name_end));
    i = gt + 1;
    if (!closing && (name == "script" || name == "style" || name == "noscript" || name == "nav")) {
      std::size_t end = lower(html.substr(i)).find("</" + name);
      i = end == std::string::npos ? html.size() : i + end;
      continue;
    }
    if (name == "meta") {
      std::string key = lower(attribute(tag, "property") + attribute(tag, "name"));
      std::string content = attribute(tag, "content");
      if (key == "og:site_name" && page.site_name.empty()) page.site_name = content;
      if ((key == "article:published_time" || key == "date" || key == "dc.date" ||
           key == "pubdate" || key == "publish-date" || key == "dcterms.date") &&
          page.date.empty()) {
        page.date = content;
      }
      if (key == "og:title" && page.title.empty()) page.title = content;
    }
    if (name == "time" && !closing && page.date.empty()) page.date = attribute(tag, "datetime");
    if (name == "title" || name == "h1") {
      std::string& target = name == "title" ? page.title : page.h1;
      if (!closing && target.empty())
        capture = &target;
      else if (closing)
        capture = nullptr;
    }
    if (block_tag(name)) text += "\n\n";
  }
  // Decode entities and tidy whitespace: spaces collapsed, blank lines
  // between blocks kept (they make the passages).
  std::string decoded = decode_entities(text);
  std::string out;
  int newlines = 0;
  bool space = false;
  for (char c : decoded) {
    if (c == '\n') {
      ++newlines;
      space = false;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
    } else {
      if (!out.empty()) {
        if (newlines)
          out += newlines > 1 ? "\n\n" : "\n";
        else if (space)
          out += ' ';
      }
      newlines = 0;
      space = false;
      out += c;
    }
  }
  page.text = std::move(out);
  page.title = std::string(trim(decode_entities(page.title)));
  page.h1 = std::string(trim(decode_entities(page.h1)));
  return page;
}

}  // namespace

bool looks_like_html(std::string_view head) {
  std::string l = lower(head.substr(0, 2048));
  return l.find("<html") != std::string::npos || l.find("<!doctype html") != std::string::npos;
}

bool looks_like_page(std::string_view head, const Gazetteer& gazetteer) {
  if (looks_like_html(head)) return true;
  Header h = read_header(head, gazetteer);
  return h.has_date_line && (!h.issuer.empty() || h.has_ministry) && !h.title.empty();
}

void read_page(const std::filesystem::path& file, const Context& context) {
  Provenance where{file.string(), 0, 1, kFormat};
  auto content = read_file(file);
  if (!content) {
    context.problem("unreadable-file", where, file.stem().string(),
                    "cannot read the file; check its permissions", true);
    return;
  }
  read_page(std::move(*content), std::move(where), folder_name(file), context);
}

void read_page(std::string content, Provenance where, const std::string& source,
               const Context& context) {
  const std::string id = std::filesystem::path(where.file).stem().string();
  strip_bom(content);
  Statement s;
  s.id = id;
  s.source = source;
  std::string text;
  std::string meta_date;
  if (looks_like_html(content)) {
    HtmlPage page = parse_html(content);
    text = std::move(page.text);
    s.title = !page.h1.empty() ? page.h1 : page.title;
    meta_date = page.date;
    if (!page.site_name.empty()) {
      if (const Country* c = context.gazetteer.resolve(page.site_name))
        s.country = c->code;
      else if (auto m = context.gazetteer.find_mentions(page.site_name); !m.empty())
        s.country = m.front().code;
    }
  } else {
    text = std::move(content);
  }
  Header h = read_header(text, context.gazetteer);
  if (s.country.empty()) s.country = h.issuer;
  if (s.title.empty()) s.title = h.title;
  std::string body = text.substr(h.body_offset);
  // Without a recognisable header, a short first line is the title.
  if (h.body_offset == 0 && s.title.empty()) {
    std::size_t nl = body.find('\n');
    std::string_view first = trim(std::string_view(body).substr(0, nl));
    if (!first.empty() && first.size() < 200 && nl != std::string::npos) {
      s.title = std::string(first);
      body.erase(0, nl + 1);
    }
  } else if (h.body_offset == 0 && !s.title.empty() &&
             trim(body).substr(0, s.title.size()) == s.title) {
    body = std::string(trim(body).substr(s.title.size()));
  }
  s.body = std::string(trim(body));
  if (!meta_date.empty()) {
    if (auto d = parse_date_any(meta_date)) s.date = *d;
  }
  if (s.date.empty() && h.date) s.date = *h.date;
  if (s.date.empty() && h.has_date_line) {
    context.problem("bad-date", where, id,
                    "date \"" + h.date_text +
                        "\" is not a date this importer reads; indexed "
                        "without a date",
                    false);
  } else if (s.date.empty()) {
    context.problem("no-date", where, id,
                    "the page has no date line (\"Updated: July 17, 2020\"); indexed without "
                    "a date",
                    false);
  }
  std::string all = s.title + "\n" + s.body;
  s.ministers = extract_ministers(all, context.gazetteer);
  s.mentions = mentioned_countries(all, context.gazetteer, s.country);
  context.emit(std::move(s), where);
}

}  // namespace communique::ingest
