// Statement pages saved from a ministry's site: HTML as the site serves it
// (in its declared charset), read by its structure (html/: the statement
// told from navigation, headers, footers and link lists; title, date,
// issuer and speakers from whatever the page offers), or plain text (the
// page's visible text), whose header before the text names who issued it
// ("Ministry of Foreign Affairs" / "The People's Republic of China"), a
// title and a date line ("Updated: July 17, 2020 20:37").

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/ascii.h"
#include "ingest/dates.h"
#include "ingest/encoding.h"
#include "ingest/enrich.h"
#include "ingest/formats.h"
#include "ingest/html/charset.h"
#include "ingest/html/content.h"
#include "ingest/html/document.h"
#include "ingest/html/page_metadata.h"
#include "ingest/ministries.h"

namespace communique::ingest {

namespace {

constexpr const char* kFormat = "page";
constexpr std::size_t kMaxHeaderLines = 10;

using core::ascii_lower;
using core::trim_ascii;

// "Updated: July 17, 2020 20:37", "Date: 2020-07-17", or a line that is a
// date. A labelled line whose date cannot be read is still the date line.
struct DateLine {
  bool found = false;
  std::optional<Date> date;
  std::string text;
};

DateLine date_line(std::string_view line) {
  line = trim_ascii(line);
  if (line.empty() || line.size() > 80) return {};
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos && colon < 20) {
    std::string label = ascii_lower(trim_ascii(line.substr(0, colon)));
    for (const char* l : {"updated", "last updated", "published", "posted", "released", "date",
                          "issued", "dated"}) {
      if (label == l)
        return {true, parse_date_any(line.substr(colon + 1)),
                std::string(trim_ascii(line.substr(colon + 1)))};
    }
  }
  auto d = parse_date_any(line);
  return {d.has_value(), d, std::string(line)};
}

bool ministry_line(std::string_view line) {
  std::string l = ascii_lower(line);
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
    std::string_view line = trim_ascii(text.substr(pos, next - pos));
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

constexpr std::size_t kHeaderZoneBlocks = 30;

Problem no_date(const Provenance& where, const std::string& id) {
  return {"no-date", where, id,
          "the page has no date (no date <meta>, <time>, date line such as \"Updated: July 17, "
          "2020\", nor a date in its title or text); indexed without a date",
          false};
}

Problem bad_date(const Provenance& where, const std::string& id, const std::string& text) {
  return {"bad-date", where, id,
          "date \"" + text + "\" is not a date this importer reads; indexed without a date", false};
}

// A page's visible text with a header (issuer, title, date line).
void read_text_page(std::string text, const Provenance& where, Statement& s,
                    std::vector<Problem>& notes, const Context& context) {
  Header h = read_header(text, context.gazetteer);
  s.country = h.issuer;
  s.title = h.title;
  std::string body = text.substr(h.body_offset);
  // Without a recognisable header, a short first line is the title.
  if (h.body_offset == 0 && s.title.empty()) {
    std::size_t nl = body.find('\n');
    std::string_view first = trim_ascii(std::string_view(body).substr(0, nl));
    if (!first.empty() && first.size() < 200 && nl != std::string::npos) {
      s.title = std::string(first);
      body.erase(0, nl + 1);
    }
  } else if (h.body_offset == 0 && !s.title.empty() && trim_ascii(body).starts_with(s.title)) {
    body = std::string(trim_ascii(body).substr(s.title.size()));
  }
  s.body = std::string(trim_ascii(body));
  if (h.date) {
    s.date = *h.date;
  } else if (h.has_date_line) {
    notes.push_back(bad_date(where, s.id, h.date_text));
  } else {
    notes.push_back(no_date(where, s.id));
  }
}

// An HTML page, read by its structure. False when it holds no statement
// (reported as a skipped file).
bool read_html_page(std::string html, const Provenance& where, Statement& s,
                    std::vector<Problem>& notes, const Context& context) {
  html::Document doc = html::parse_document(html);
  html = std::string();  // the text is in `doc` now; the page need not be held twice
  html::Content content = html::extract_content(doc);
  if (content.blocks.empty()) {
    std::string reason =
        doc.blocks.empty()
            ? "no statement in the page: it has no visible text"
            : "no statement in the page: its text is navigation, lists of links and fragments "
              "(" +
                  std::to_string(doc.blocks.size()) + " blocks, " +
                  std::to_string(static_cast<int>(content.link_share * 100 + 0.5)) +
                  "% of its words in links), not prose";
    context.sink.skipped_file(where.file, reason);
    return false;
  }
  html::PageMetadata meta =
      html::read_page_metadata(doc, content, context.gazetteer, Ministries::builtin());
  html::drop_leading_title(doc, content, meta.title);
  s.body = html::content_text(doc, content);
  s.title = std::move(meta.title);
  s.url = std::move(meta.url);
  s.ministers = std::move(meta.ministers);
  s.country = std::move(meta.country);
  if (s.country.empty()) {
    // The ministry's name in the page header, as a plain-text page writes
    // it ("Ministry of Foreign Affairs" over "The People's Republic of China").
    std::uint32_t from = content.first > kHeaderZoneBlocks ? content.first - kHeaderZoneBlocks : 0;
    for (std::uint32_t b = from; b < content.first && s.country.empty(); ++b) {
      std::string_view line = doc.block_text(b);
      if (ministry_line(line)) {
        if (auto m = context.gazetteer.find_mentions(line); !m.empty()) s.country = m.front().code;
        if (b + 1 < content.first && s.country.empty()) {
          if (const Country* c = issuer_line(doc.block_text(b + 1), true, context.gazetteer))
            s.country = c->code;
        }
      }
    }
  }
  if (meta.date) {
    s.date = *meta.date;
  } else if (!meta.unreadable_date.empty()) {
    notes.push_back(bad_date(where, s.id, meta.unreadable_date));
  } else {
    notes.push_back(no_date(where, s.id));
  }
  return true;
}

}  // namespace

bool looks_like_html(std::string_view head) {
  head = head.substr(0, 2048);
  std::string text(head);
  std::string charset = detect_bom(head).charset;
  if (charset.empty()) charset = sniff_utf16(head);
  if (!charset.empty() && !is_utf8_name(charset)) {
    auto converted = to_utf8(head.substr(0, head.size() & ~std::size_t{3}), charset);
    if (converted) text = std::move(*converted);
  }
  std::string l = ascii_lower(text);
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
  html::PageText page = html::decode_page(std::move(content));
  // Reported once the page is known to hold a statement.
  std::vector<Problem> notes;
  if (!page.unknown_charset.empty()) {
    notes.push_back({"unknown-charset", where, id,
                     "the page declares the charset \"" + page.unknown_charset +
                         "\", which is not known; read as UTF-8",
                     false});
  }
  if (page.replaced) {
    notes.push_back({"invalid-encoding", where, id,
                     std::to_string(page.replaced) + " bytes are not valid " + page.charset +
                         "; each replaced by U+FFFD",
                     false});
  }
  Statement s;
  s.id = id;
  s.source = source;
  if (looks_like_html(page.text)) {
    if (!read_html_page(std::move(page.text), where, s, notes, context)) return;
  } else {
    read_text_page(std::move(page.text), where, s, notes, context);
  }
  enrich_from_text(s, context.gazetteer);
  for (auto& p : notes) context.sink.problem(std::move(p));
  context.emit(std::move(s), where);
}

}  // namespace communique::ingest
