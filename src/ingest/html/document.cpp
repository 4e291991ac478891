#include "ingest/html/document.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_map>

#include "core/ascii.h"
#include "ingest/html/tokenizer.h"

namespace communique::ingest::html {

namespace {

using core::ascii_lower;

constexpr std::uint32_t kNoElement = 0xFFFFFFFFu;
constexpr std::size_t kMaxMetas = 512;
constexpr std::size_t kMaxMetaBytes = 8192;
constexpr std::size_t kMaxJsonLd = 8;
constexpr std::size_t kMaxJsonLdBytes = 256 * 1024;
constexpr std::size_t kMaxHeadings = 256;
constexpr std::size_t kMaxTimes = 256;
constexpr std::size_t kMaxHosts = 256;
constexpr std::size_t kMaxTitleBytes = 4096;

// What an element is, for reading text.
enum TagFlags : std::uint16_t {
  kInline = 0,
  kVoid = 1 << 0,         // never has content
  kBlockLevel = 1 << 1,   // its start and end cut blocks; it holds blocks
  kNotText = 1 << 2,      // its content is not text a reader sees
  kBoilerplate = 1 << 3,  // navigation, header, footer, aside, menu
  kForeign = 1 << 4,      // svg, math: "/>" closes, nothing is text
  kPre = 1 << 5,          // white space kept
  kInHead = 1 << 6,       // belongs in <head>
  kClosesP = 1 << 7,      // its start tag ends an open <p>
  kRawText = 1 << 8,      // the tokenizer reads its content as raw text
};

struct TagInfo {
  std::string_view name;
  std::uint16_t flags;
};

constexpr std::uint16_t B = kBlockLevel, P = kClosesP;

// Sorted by name. Elements not listed (custom ones, unknown ones, those a
// page was rewritten with) are block-level: a block boundary is the safe
// guess, since merging a menu into a paragraph is worse than cutting one.
constexpr TagInfo kTags[] = {
    {"a", kInline},
    {"abbr", kInline},
    {"acronym", kInline},
    {"address", B | P},
    {"applet", kNotText},
    {"area", kVoid},
    {"article", B | P},
    {"aside", B | P | kBoilerplate},
    {"audio", kNotText},
    {"b", kInline},
    {"base", kVoid | kInHead},
    {"basefont", kVoid | kInHead},
    {"bdi", kInline},
    {"bdo", kInline},
    {"bgsound", kVoid | kInHead},
    {"big", kInline},
    {"blink", kInline},
    {"blockquote", B | P},
    {"body", B},
    {"br", kVoid},
    {"button", kNotText},
    {"canvas", kNotText},
    {"caption", B},
    {"center", B | P},
    {"cite", kInline},
    {"code", kInline},
    {"col", kVoid},
    {"colgroup", B},
    {"data", kInline},
    {"datalist", kNotText},
    {"dd", B},
    {"del", kInline},
    {"details", B | P},
    {"dfn", kInline},
    {"dialog", B | P | kNotText},
    {"dir", B | P},
    {"div", B | P},
    {"dl", B | P},
    {"dt", B},
    {"em", kInline},
    {"embed", kVoid},
    {"fieldset", B | P},
    {"figcaption", B | P},
    {"figure", B | P},
    {"font", kInline},
    {"footer", B | P | kBoilerplate},
    {"form", B | P},
    {"frame", kVoid},
    {"frameset", B | kNotText},
    {"h1", B | P},
    {"h2", B | P},
    {"h3", B | P},
    {"h4", B | P},
    {"h5", B | P},
    {"h6", B | P},
    {"head", kNotText},
    {"header", B | P | kBoilerplate},
    {"hgroup", B | P},
    {"hr", kVoid | B | P},
    {"html", B},
    {"i", kInline},
    {"iframe", kNotText | kRawText},
    {"img", kVoid},
    {"input", kVoid},
    {"ins", kInline},
    {"isindex", kVoid},
    {"kbd", kInline},
    {"keygen", kVoid},
    {"label", kInline},
    {"legend", B},
    {"li", B},
    {"link", kVoid | kInHead},
    {"listing", B | P | kPre},
    {"main", B | P},
    {"map", kInline},
    {"mark", kInline},
    {"marquee", B},
    {"math", kNotText | kForeign},
    {"menu", B | P | kBoilerplate},
    {"menuitem", kInline},
    {"meta", kVoid | kInHead},
    {"meter", kNotText},
    {"nav", B | P | kBoilerplate},
    {"nobr", kInline},
    {"noembed", kNotText | kRawText},
    {"noframes", kNotText | kRawText | kInHead},
    {"noscript", kNotText | kRawText | kInHead},
    {"object", kNotText},
    {"ol", B | P},
    {"optgroup", kNotText},
    {"option", kNotText},
    {"output", kInline},
    {"p", B | P},
    {"param", kVoid},
    {"picture", kInline},
    {"plaintext", B | P | kPre},
    {"pre", B | P | kPre},
    {"progress", kNotText},
    {"q", kInline},
    {"rb", kInline},
    {"rp", kNotText},
    {"rt", kNotText},
    {"rtc", kNotText},
    {"ruby", kInline},
    {"s", kInline},
    {"samp", kInline},
    {"script", kNotText | kRawText | kInHead},
    {"search", B | P | kBoilerplate},
    {"section", B | P},
    {"select", kNotText},
    {"slot", kInline},
    {"small", kInline},
    {"source", kVoid},
    {"spacer", kVoid},
    {"span", kInline},
    {"strike", kInline},
    {"strong", kInline},
    {"style", kNotText | kRawText | kInHead},
    {"sub", kInline},
    {"summary", B | P},
    {"sup", kInline},
    {"svg", kNotText | kForeign},
    {"table", B | P},
    {"tbody", B},
    {"td", B},
    {"template", kNotText | kInHead},
    {"textarea", kNotText | kRawText},
    {"tfoot", B},
    {"th", B},
    {"thead", B},
    {"time", kInline},
    {"title", kNotText | kRawText | kInHead},
    {"tr", B},
    {"track", kVoid},
    {"tt", kInline},
    {"u", kInline},
    {"ul", B | P},
    {"var", kInline},
    {"video", kNotText},
    {"wbr", kVoid},
    {"xmp", B | P | kNotText | kRawText},
};

std::uint16_t tag_flags(std::string_view name) {
  auto it = std::lower_bound(std::begin(kTags), std::end(kTags), name,
                             [](const TagInfo& t, std::string_view n) { return t.name < n; });
  if (it != std::end(kTags) && it->name == name) return it->flags;
  return kBlockLevel;
}

int heading_level(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' ? name[1] - '0' : 0;
}

// ARIA roles of landmarks and widgets that are not a page's content.
bool boilerplate_role(std::string_view role) {
  std::string r = ascii_lower(role.substr(0, role.find(' ')));
  for (const char* b : {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
                        "menubar", "toolbar", "tablist", "dialog", "alertdialog", "tooltip"}) {
    if (r == b) return true;
  }
  return false;
}

bool hidden(const Token& tag) {
  if (tag.attribute("hidden")) return true;
  if (const std::string* a = tag.attribute("aria-hidden"); a && ascii_lower(*a) == "true")
    return true;
  if (const std::string* style = tag.attribute("style")) {
    std::string s;
    for (char c : *style) {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') s += c;
    }
    s = ascii_lower(s);
    return s.find("display:none") != std::string::npos ||
           s.find("visibility:hidden") != std::string::npos;
  }
  return false;
}

// The host of an absolute address ("https://www.mfa.gov.cn/web/" ->
// "www.mfa.gov.cn"), or "".
std::string host_of(std::string_view url) {
  std::size_t start;
  if (url.starts_with("//")) {
    start = 2;
  } else {
    std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos || scheme > 8) return {};
    std::string s = ascii_lower(url.substr(0, scheme));
    if (s != "http" && s != "https") return {};
    start = scheme + 3;
  }
  std::string_view host = url.substr(start);
  host = host.substr(0, host.find_first_of("/?#"));
  if (std::size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  host = host.substr(0, host.find(':'));
  if (host.empty() || host.size() > 253) return {};
  return ascii_lower(host);
}

// ---------------------------------------------------------------- characters

// Decodes the UTF-8 character at s[i], setting `len`; a byte that does not
// start a valid character is returned as itself (length 1).
char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& len) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  int n = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) {
    len = 1;
    return 0xFFFD;
  }
  char32_t cp = b & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  len = n;
  return cp;
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x1680;
}

// Invisible characters that only get in the way of words.
bool is_dropped(char32_t c) {
  return c == 0 || c == 0xAD || c == 0x200B || c == 0xFEFF || c == 0x2060;
}

// Characters of scripts written without spaces between words (Han, kana)
// and the full-width forms and marks that go with them.
bool is_wide(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3000 && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_word_char(char32_t c);

// Whether a line break or a tag between `before` and `after` reads as
// nothing rather than a space: next to a character of a script written
// without spaces, unless a letter or digit of a spaced script is on the
// other side ("坐滩”<br>军舰" joins, "Duma<br>elections" does not).
bool joins_without_space(char32_t before, char32_t after) {
  bool spaced_before = is_word_char(before) && !is_wide(before);
  bool spaced_after = is_word_char(after) && !is_wide(after);
  return (is_wide(before) || is_wide(after)) && !spaced_before && !spaced_after;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

// Marks that end a clause or a sentence in running text (',' and '.' are
// counted only before a space or the end, not inside "3.5" or "mfa.gov").
bool is_clause_mark(char32_t c) {
  switch (c) {
    case ';':
    case '!':
    case '?':
    case 0x3001:
    case 0x3002:
    case 0xFF0C:
    case 0xFF0E:
    case 0xFF1B:
    case 0xFF01:
    case 0xFF1F:
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x06D4:
    case 0x0964:
    case 0x0965:
    case 0x037E:
    case 0x0589:
      return true;
    default:
      return false;
  }
}

bool ends_sentence_mark(char32_t c) {
  switch (c) {
    case '.':
    case '!':
    case '?':
    case 0x3002:
    case 0xFF0E:
    case 0xFF01:
    case 0xFF1F:
    case 0x061F:
    case 0x06D4:
    case 0x0964:
    case 0x0965:
    case 0x0589:
      return true;
    default:
      return false;
  }
}

bool closing_quote(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case ')':
    case 0x201D:
    case 0x2019:
    case 0xBB:
    case 0xFF09:
    case 0x300D:
    case 0x300F:
    case 0x3011:
      return true;
    default:
      return false;
  }
}

// The last character of `s` before trailing closing quotes and brackets.
char32_t last_mark(std::string_view s) {
  std::size_t end = s.size();
  for (int guard = 0; end > 0 && guard < 8; ++guard) {
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t len;
    char32_t c = decode_utf8(s, start, len);
    if (!closing_quote(c)) return c;
    end = start;
  }
  return 0;
}

bool copyright_line(std::string_view block) {
  if (block.find("\xC2\xA9") != std::string_view::npos) return true;  // ©
  if (block.size() > 400) return false;
  std::string l = ascii_lower(block);
  for (const char* marker :
       {"copyright", "all rights reserved", "\xE7\x89\x88\xE6\x9D\x83\xE6\x89\x80\xE6\x9C\x89",
        "\xD0\x92\xD1\x81\xD0\xB5 \xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0 "
        "\xD0\xB7\xD0\xB0\xD1\x89\xD0\xB8\xD1\x89\xD0\xB5\xD0\xBD\xD1\x8B",
        "tous droits r\xC3\xA9serv\xC3\xA9s", "todos los derechos reservados",
        "alle rechte vorbehalten"}) {
    if (l.find(marker) != std::string::npos) return true;
  }
  return false;
}

// ---------------------------------------------------------------- builder

class Builder {
 public:
  explicit Builder(Document& doc) : doc_(doc) {
    doc_.elements.push_back({0, 0, 0});
    doc_.text.reserve(1024);
  }

  void token(const Token& t) {
    std::string expected = std::move(expect_raw_);
    expect_raw_.clear();
    switch (t.kind) {
      case Token::kText:
        if (!expected.empty() && t.raw == (expected != "title" && expected != "textarea"))
          raw_text(expected, t.text);
        else
          text(t.text);
        break;
      case Token::kStartTag:
        start_tag(t);
        break;
      case Token::kEndTag:
        end_tag(t.name);
        break;
      case Token::kComment:
      case Token::kDoctype:
        break;
    }
  }

  void finish() {
    while (!open_.empty()) pop();
    boundary(/*force=*/true);
    doc_.elements[0].end_block = static_cast<std::uint32_t>(doc_.blocks.size());
    for (auto& [host, n] : hosts_) doc_.link_hosts.emplace_back(host, n);
    std::sort(doc_.link_hosts.begin(), doc_.link_hosts.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
  }

 private:
  struct Open {
    std::string name;
    std::uint16_t flags = 0;
    std::uint32_t element = kNoElement;  // its Element, if it has one
    std::uint32_t container = 0;         // the innermost Element holding it (or itself)
    bool not_text = false, boilerplate = false, link = false, pre = false, foreign = false;
    int heading = 0;
    std::uint32_t heading_first_block = 0;
    bool time = false;
    std::size_t time_text_start = 0;
  };

  std::uint32_t container() const { return open_.empty() ? 0 : open_.back().container; }
  bool open(std::string_view name) const {
    return std::any_of(open_.begin(), open_.end(), [&](const Open& o) { return o.name == name; });
  }

  // Pops elements down to the innermost `name` (inclusive), looking no
  // further than an element named in `stops`; false when there is none.
  bool close_through(std::string_view name, std::initializer_list<std::string_view> stops) {
    for (std::size_t k = open_.size(); k-- > 0;) {
      if (open_[k].name == name) {
        while (open_.size() > k) pop();
        return true;
      }
      if (std::find(stops.begin(), stops.end(), open_[k].name) != stops.end()) return false;
    }
    return false;
  }

  void close_p() {
    close_through("p", {"td", "th", "table", "caption", "html", "template", "button", "applet",
                        "marquee", "object", "body"});
  }

  void close_head() {
    if (head_ > 0) close_through("head", {});
  }

  void raw_text(const std::string& element, const std::string& text) {
    if (element == "title") {
      if (doc_.title.empty() && foreign_ == 0) doc_.title = text.substr(0, kMaxTitleBytes);
    } else if (element == "script" && json_ld_next_) {
      if (doc_.json_ld.size() < kMaxJsonLd && text.size() <= kMaxJsonLdBytes)
        doc_.json_ld.push_back(text);
    }
    json_ld_next_ = false;
  }

  void start_tag(const Token& t) {
    const std::string& name = t.name;
    std::uint16_t flags = tag_flags(name);
    json_ld_next_ = false;
    if (flags & kRawText) {
      if (!t.self_closing) expect_raw_ = name;
      if (name == "script") {
        const std::string* type = t.attribute("type");
        json_ld_next_ = type && ascii_lower(*type).find("ld+json") != std::string::npos;
      }
      if (!(flags & kInHead)) close_head();
      return;  // never opened: its content is one raw text token
    }
    if (name == "meta") return meta(t);
    if (name == "link") return link_tag(t);
    if (name == "base") {
      if (const std::string* href = t.attribute("href"); href && doc_.base.empty())
        doc_.base = *href;
      return;
    }
    if (name == "html") {
      if (const std::string* lang = t.attribute("lang"); lang && doc_.language.empty())
        doc_.language = lang->substr(0, 35);
      if (open("html")) return;
    }
    if (name == "body") {
      close_head();
      if (open("body")) return;
    }
    if (name == "head" && (open("head") || open("body"))) return;
    if (!(flags & kInHead) && name != "html" && name != "head") close_head();

    if (foreign_ > 0) {  // inside <svg>/<math>: only its nesting matters
      if (!t.self_closing && name != "br") push(t, kNotText);
      return;
    }
    if (name == "br") return line_break();
    if (flags & kClosesP) close_p();
    if (name == "li") {
      close_through("li", {"ul", "ol", "menu", "dir", "table", "td", "th", "body"});
    } else if (name == "dt" || name == "dd") {
      if (!close_through("dt", {"dl", "table", "body"}))
        close_through("dd", {"dl", "table", "body"});
    } else if (name == "tr") {
      close_through("tr", {"table", "tbody", "thead", "tfoot"});
    } else if (name == "td" || name == "th") {
      if (!close_through("td", {"tr", "table"})) close_through("th", {"tr", "table"});
    } else if (name == "a") {
      close_through("a", {"td", "th", "table", "body"});
    } else if (heading_level(name) && !open_.empty() && heading_level(open_.back().name)) {
      pop();
    }
    if (flags & kVoid) {
      if (flags & kBlockLevel) boundary();  // <hr>
      return;
    }
    push(t, flags);
  }

  void push(const Token& t, std::uint16_t flags) {
    if (flags & kBlockLevel) boundary();
    if (open_.size() >= kMaxOpenElements) return;  // deeper nesting is flattened
    Open o;
    o.name = t.name;
    o.flags = flags;
    o.container = container();
    if ((flags & kBlockLevel) && doc_.elements.size() < kMaxElements) {
      o.element = static_cast<std::uint32_t>(doc_.elements.size());
      o.container = o.element;
      doc_.elements.push_back({container(), static_cast<std::uint32_t>(doc_.blocks.size()), 0});
    }
    o.not_text = (flags & kNotText) || hidden(t) || t.name == "head";
    const std::string* role = t.attribute("role");
    o.boilerplate =
        (flags & kBoilerplate) || ((flags & kBlockLevel) && role && boilerplate_role(*role));
    o.foreign = flags & kForeign;
    o.pre = flags & kPre;
    o.link = t.name == "a" && t.attribute("href");
    if (o.link) {
      count_host(*t.attribute("href"));
      soft_break();
    }
    o.heading = heading_level(t.name);
    o.heading_first_block = static_cast<std::uint32_t>(doc_.blocks.size());
    if (t.name == "time") {
      o.time = true;
      if (const std::string* dt = t.attribute("datetime")) {
        add_time(*dt);
        o.time = false;
      } else {
        o.time_text_start = doc_.text.size();
      }
    }
    not_text_ += o.not_text;
    boilerplate_ += o.boilerplate;
    link_ += o.link;
    pre_ += o.pre;
    foreign_ += o.foreign;
    if (o.heading) heading_ = o.heading;
    head_ += o.name == "head";
    open_.push_back(std::move(o));
  }

  void pop() {
    Open& o = open_.back();
    if (o.flags & kBlockLevel) boundary();
    if (o.element != kNoElement)
      doc_.elements[o.element].end_block = static_cast<std::uint32_t>(doc_.blocks.size());
    if (o.heading) {
      boundary();
      record_heading(o);
    }
    if (o.time && doc_.text.size() > o.time_text_start) {
      add_time(doc_.text.substr(o.time_text_start, 200));
    }
    if (o.link) soft_break();
    not_text_ -= o.not_text;
    boilerplate_ -= o.boilerplate;
    link_ -= o.link;
    pre_ -= o.pre;
    foreign_ -= o.foreign;
    head_ -= o.name == "head";
    open_.pop_back();
    if (o.heading) {
      heading_ = 0;
      for (const auto& e : open_) {
        if (e.heading) heading_ = e.heading;
      }
    }
  }

  void end_tag(const std::string& name) {
    if (name == "br") return line_break();
    if (name == "body" || name == "html") return;  // content after them is still the page's
    for (std::size_t k = open_.size(); k-- > 0;) {
      if (open_[k].name == name) {
        while (open_.size() > k) pop();
        return;
      }
    }
    if (tag_flags(name) & kBlockLevel) boundary();  // a stray </p>, </div>
  }

  void meta(const Token& t) {
    if (doc_.metas.size() >= kMaxMetas) return;
    const std::string* content = t.attribute("content");
    if (!content) return;
    for (const char* key_attribute : {"name", "property", "itemprop", "http-equiv"}) {
      if (const std::string* key = t.attribute(key_attribute); key && !key->empty()) {
        doc_.metas.emplace_back(ascii_lower(key->substr(0, 100)),
                                content->substr(0, kMaxMetaBytes));
        return;
      }
    }
  }

  void link_tag(const Token& t) {
    const std::string* rel = t.attribute("rel");
    const std::string* href = t.attribute("href");
    if (rel && href && ascii_lower(*rel) == "canonical" && doc_.canonical.empty())
      doc_.canonical = href->substr(0, 2000);
  }

  void count_host(const std::string& href) {
    std::string host = host_of(href);
    if (host.empty()) return;
    auto it = hosts_.find(host);
    if (it != hosts_.end())
      ++it->second;
    else if (hosts_.size() < kMaxHosts)
      hosts_.emplace(std::move(host), 1);
  }

  void add_time(std::string_view value) {
    if (doc_.times.size() < kMaxTimes)
      doc_.times.push_back(
          {std::string(value.substr(0, 200)), static_cast<std::uint32_t>(doc_.blocks.size())});
  }

  void record_heading(const Open& o) {
    if (doc_.headings.size() >= kMaxHeadings) return;
    std::string text;
    for (std::uint32_t b = o.heading_first_block; b < doc_.blocks.size(); ++b) {
      if (!text.empty()) text += ' ';
      text += doc_.block_text(b);
      if (text.size() > kMaxTitleBytes) break;
    }
    if (!text.empty())
      doc_.headings.push_back({o.heading, o.heading_first_block, text.substr(0, kMaxTitleBytes)});
  }

  // A space between a link and the text around it, as between the items
  // of a menu written without one ("English</a><a>Fran\u00E7ais"); none
  // between two characters of a script written without spaces.
  void soft_break() {
    pending_space_ = true;
    pending_newline_ = true;
    in_word_ = false;
  }

  void line_break() {
    if (not_text_ > 0) return;
    if (++breaks_ >= 2) boundary();
  }

  // Ends the block being written, if any (`force`: even past kMaxBlocks).
  void boundary(bool force = false) {
    breaks_ = 0;
    pending_space_ = pending_newline_ = false;
    if (!block_open_) return;
    if (!force && doc_.blocks.size() + 1 >= kMaxBlocks) {  // a hostile page: blocks become lines
      breaks_ = 1;
      return;
    }
    resolve_mark(true);
    block_open_ = false;
    Block b;
    b.begin = block_begin_;
    b.end = doc_.text.size();
    std::string_view written = std::string_view(doc_.text).substr(b.begin);
    if (written.find('<') != std::string_view::npos) {
      std::string cleaned = strip_escaped_markup(written);
      doc_.text.resize(b.begin);
      doc_.text += cleaned;
      b.end = doc_.text.size();
      if (b.end == b.begin) return;
      written = std::string_view(doc_.text).substr(b.begin);
    }
    b.element = container();
    b.words = words_;
    b.link_words = link_words_;
    b.punctuation = punctuation_;
    b.ends_sentence = ends_sentence_mark(last_mark(written));
    b.boilerplate = boilerplate_ > 0;
    b.copyright = copyright_line(written);
    b.heading = static_cast<std::uint8_t>(heading_);
    doc_.blocks.push_back(b);
  }

  // Counts a '.' or ',' seen before, now that what follows it is known.
  void resolve_mark(bool counts) {
    if (pending_mark_ && counts) ++punctuation_;
    pending_mark_ = false;
  }

  void text(std::string_view t) {
    if (head_ > 0 && open_.back().name == "head") {  // text closes an open <head>
      if (std::all_of(t.begin(), t.end(), core::is_html_space)) return;
      close_head();
    }
    if (not_text_ > 0) return;
    std::string& out = doc_.text;
    for (std::size_t i = 0; i < t.size();) {
      std::size_t len;
      char32_t c = decode_utf8(t, i, len);
      std::string_view bytes = t.substr(i, len);
      i += len;
      if (is_space(c)) {
        if (pre_ > 0 && block_open_) {
          out += c == '\n' ? '\n' : ' ';
          in_word_ = false;
          resolve_mark(true);
          continue;
        }
        pending_space_ = true;
        if (c == '\n' || c == '\r') pending_newline_ = true;
        in_word_ = false;
        resolve_mark(true);
        continue;
      }
      if (is_dropped(c)) continue;
      if (block_open_) {
        if (breaks_ == 1)
          out += '\n';
        else if (pending_space_ && !(pending_newline_ && joins_without_space(last_char_, c)))
          out += ' ';
      } else {
        block_open_ = true;
        block_begin_ = out.size();
        words_ = link_words_ = 0;
        punctuation_ = 0;
        in_word_ = false;
        last_char_ = 0;
      }
      breaks_ = 0;
      pending_space_ = pending_newline_ = false;
      bool word = is_word_char(c);
      resolve_mark(!word);
      if (is_wide(c) && word) {
        words_ += 0.5f;
        if (link_ > 0) link_words_ += 0.5f;
        in_word_ = false;
      } else if (word) {
        if (!in_word_) {
          words_ += 1;
          if (link_ > 0) link_words_ += 1;
        }
        in_word_ = true;
      } else {
        in_word_ = false;
        if (c == '.' || c == ',')
          pending_mark_ = true;
        else if (is_clause_mark(c))
          ++punctuation_;
      }
      out += bytes;
      last_char_ = c;
    }
  }

  Document& doc_;
  std::vector<Open> open_;
  std::unordered_map<std::string, std::uint32_t> hosts_;
  std::string expect_raw_;
  bool json_ld_next_ = false;
  int not_text_ = 0, boilerplate_ = 0, link_ = 0, pre_ = 0, foreign_ = 0, heading_ = 0, head_ = 0;
  // The block being written.
  bool block_open_ = false;
  std::size_t block_begin_ = 0;
  float words_ = 0, link_words_ = 0;
  std::uint32_t punctuation_ = 0;
  bool in_word_ = false, pending_mark_ = false;
  char32_t last_char_ = 0;
  bool pending_space_ = false, pending_newline_ = false;
  int breaks_ = 0;
};

}  // namespace

std::string_view Document::meta(std::string_view key) const {
  for (const auto& [k, v] : metas) {
    if (k == key) return v;
  }
  return {};
}

Document parse_document(std::string_view html) {
  Document doc;
  Builder builder(doc);
  Tokenizer tokenizer(html);
  Token token;
  while (tokenizer.next(token)) builder.token(token);
  builder.finish();
  return doc;
}

namespace {

// Where the known element's tag that `out` ends with (its last byte a '>')
// starts, or npos.
std::size_t trailing_tag(std::string_view out) {
  constexpr std::size_t kLongestTag = 256;
  std::size_t lt = std::string_view::npos;
  for (std::size_t k = out.size() - 1; k-- > 0 && out.size() - k <= kLongestTag;) {
    if (out[k] == '>') return std::string_view::npos;
    if (out[k] == '<') {
      lt = k;
      break;
    }
  }
  if (lt == std::string_view::npos) return lt;
  std::size_t k = lt + 1;
  if (out[k] == '/') ++k;
  std::size_t name_start = k;
  while (k < out.size() && k - name_start < 12 &&
         ((out[k] >= 'a' && out[k] <= 'z') || (out[k] >= 'A' && out[k] <= 'Z') ||
          (k > name_start && out[k] >= '0' && out[k] <= '9')))
    ++k;
  if (k == name_start || !(out[k] == '>' || out[k] == ' ' || out[k] == '/'))
    return std::string_view::npos;
  return known_element(ascii_lower(out.substr(name_start, k - name_start)))
             ? lt
             : std::string_view::npos;
}

}  // namespace

std::string strip_escaped_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // A tag was removed between what is written and what comes next: it
  // becomes a space, unless one is there already or it sat between two
  // characters of a script written without spaces.
  bool removed = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len;
    char32_t c = decode_utf8(text, i, len);
    std::string_view bytes = text.substr(i, len);
    i += len;
    if (removed) {
      removed = false;
      bool space_here = c == ' ' || c == '\n';
      bool space_before = out.empty() || out.back() == ' ' || out.back() == '\n';
      if (space_here && space_before) continue;
      if (!space_here && !space_before) {
        std::size_t before = out.size() - 1;
        while (before > 0 && (static_cast<unsigned char>(out[before]) & 0xC0) == 0x80) --before;
        std::size_t prev_len;
        if (!joins_without_space(decode_utf8(out, before, prev_len), c)) out += ' ';
      }
    }
    out += bytes;
    // Checked on what is written, so that a tag the removal of another
    // one brings together ("<b<br>r>") goes too.
    if (c == '>') {
      std::size_t lt = trailing_tag(out);
      if (lt != std::string_view::npos) {
        out.resize(lt);
        removed = true;
      }
    }
  }
  // Nothing but spaces may be left at the ends.
  std::size_t a = out.find_first_not_of(" \n");
  if (a == std::string::npos) return {};
  std::size_t b = out.find_last_not_of(" \n");
  return out.substr(a, b - a + 1);
}

}  // namespace communique::ingest::html
