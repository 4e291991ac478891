#include "ingest/html/tokenizer.h"

#include <algorithm>
#include <cstring>

#include "core/ascii.h"
#include "ingest/html/entities.h"

namespace communique::ingest::html {

namespace {

constexpr std::size_t kNpos = std::string_view::npos;
// Attributes kept per tag: a tag with more is hostile, its first ones do.
constexpr std::size_t kMaxAttributes = 64;

// The elements of HTML, current and obsolete, sorted.
constexpr std::string_view kElements[] = {
    "a",          "abbr",     "acronym",  "address",    "applet",    "area",     "article",
    "aside",      "audio",    "b",        "base",       "basefont",  "bdi",      "bdo",
    "bgsound",    "big",      "blink",    "blockquote", "body",      "br",       "button",
    "canvas",     "caption",  "center",   "cite",       "code",      "col",      "colgroup",
    "data",       "datalist", "dd",       "del",        "details",   "dfn",      "dialog",
    "dir",        "div",      "dl",       "dt",         "em",        "embed",    "fieldset",
    "figcaption", "figure",   "font",     "footer",     "form",      "frame",    "frameset",
    "h1",         "h2",       "h3",       "h4",         "h5",        "h6",       "head",
    "header",     "hgroup",   "hr",       "html",       "i",         "iframe",   "img",
    "input",      "ins",      "isindex",  "kbd",        "keygen",    "label",    "legend",
    "li",         "link",     "listing",  "main",       "map",       "mark",     "marquee",
    "math",       "menu",     "menuitem", "meta",       "meter",     "nav",      "nobr",
    "noembed",    "noframes", "noscript", "object",     "ol",        "optgroup", "option",
    "output",     "p",        "param",    "picture",    "plaintext", "pre",      "progress",
    "q",          "rb",       "rp",       "rt",         "rtc",       "ruby",     "s",
    "samp",       "script",   "search",   "section",    "select",    "slot",     "small",
    "source",     "spacer",   "span",     "strike",     "strong",    "style",    "sub",
    "summary",    "sup",      "svg",      "table",      "tbody",     "td",       "template",
    "textarea",   "tfoot",    "th",       "thead",      "time",      "title",    "tr",
    "track",      "tt",       "u",        "ul",         "var",       "video",    "wbr",
    "xmp"};

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether `text` at `at` starts with `word`, ASCII case ignored.
bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (core::ascii_lower(text[at + k]) != word[k]) return false;
  }
  return true;
}

// Raw-text elements: their text is not markup.
bool raw_text_element(std::string_view name) {
  return name == "script" || name == "style" || name == "xmp" || name == "iframe" ||
         name == "noembed" || name == "noframes" || name == "noscript" || name == "title" ||
         name == "textarea";
}

}  // namespace

bool known_element(std::string_view name) {
  return std::binary_search(std::begin(kElements), std::end(kElements), name);
}

const std::string* Token::attribute(std::string_view key) const {
  for (const auto& a : attributes) {
    if (a.name == key) return &a.value;
  }
  return nullptr;
}

Tokenizer::Tokenizer(std::string_view html) : html_(html) {}

std::size_t Tokenizer::find_cached(Memo& memo, std::string_view what, std::size_t from) const {
  if (memo.valid && from >= memo.from && (memo.found == kNpos || from <= memo.found))
    return memo.found;
  memo = {from, html_.find(what, from), true};
  return memo.found;
}

// The '<' of the next "</name" (any case) that ends a tag name, from `from`.
std::size_t Tokenizer::find_end_tag(std::string_view name, std::size_t from) {
  auto it = std::find_if(end_tags_.begin(), end_tags_.end(),
                         [&](const auto& e) { return e.first == name; });
  if (it == end_tags_.end()) {
    end_tags_.emplace_back(std::string(name), Memo{});
    it = end_tags_.end() - 1;
  }
  Memo& memo = it->second;
  if (memo.valid && from >= memo.from && (memo.found == kNpos || from <= memo.found))
    return memo.found;
  std::size_t at = from;
  std::size_t found = kNpos;
  while (at < html_.size()) {
    const void* lt = std::memchr(html_.data() + at, '<', html_.size() - at);
    if (!lt) break;
    at = static_cast<std::size_t>(static_cast<const char*>(lt) - html_.data());
    std::size_t after = at + 2 + name.size();
    if (at + 1 < html_.size() && html_[at + 1] == '/' && starts_with_nocase(html_, at + 2, name) &&
        (after >= html_.size() || core::is_html_space(html_[after]) || html_[after] == '/' ||
         html_[after] == '>')) {
      found = at;
      break;
    }
    ++at;
  }
  memo = {from, found, true};
  return found;
}

// The '<' of the next tag of a known element, from `from`.
std::size_t Tokenizer::find_next_known_tag(std::size_t from) const {
  std::size_t at = from;
  while (at < html_.size()) {
    const void* lt = std::memchr(html_.data() + at, '<', html_.size() - at);
    if (!lt) return kNpos;
    at = static_cast<std::size_t>(static_cast<const char*>(lt) - html_.data());
    std::size_t k = at + 1;
    if (k < html_.size() && html_[k] == '/') ++k;
    std::size_t name_start = k;
    std::string name;
    while (k < html_.size() && k - name_start <= 12 &&
           (ascii_letter(html_[k]) || (k > name_start && html_[k] >= '1' && html_[k] <= '6'))) {
      name += core::ascii_lower(html_[k]);
      ++k;
    }
    if (!name.empty() &&
        (k == html_.size() || core::is_html_space(html_[k]) || html_[k] == '>' ||
         html_[k] == '/') &&
        known_element(name))
      return at;
    ++at;
  }
  return kNpos;
}

void Tokenizer::read_raw_text(Token& token) {
  std::size_t end = find_end_tag(raw_element_, pos_);
  if (end == kNpos) end = find_next_known_tag(pos_);
  if (end == kNpos) end = html_.size();
  token.kind = Token::kText;
  token.offset = pos_;
  token.raw = !raw_decodes_;
  token.text.clear();
  std::string_view text = html_.substr(pos_, end - pos_);
  if (raw_decodes_)
    append_decoded(text, false, token.text);
  else
    token.text.assign(text);
  pos_ = end;
  raw_element_.clear();
}

// Parses the tag at `begin` (html_[begin] == '<') into `token`, reading no
// further than `limit`. `quotes`: a quoted value runs to its closing quote
// wherever that is; otherwise to the quote or the '>' at limit - 1,
// whichever comes first. Returns the position after the tag's '>', or npos
// when `limit` came first.
std::size_t Tokenizer::parse_tag(Token& token, std::size_t begin, std::size_t limit, bool quotes) {
  token.name.clear();
  token.attributes.clear();
  token.self_closing = false;
  std::size_t i = begin + 1;
  token.kind = Token::kStartTag;
  if (html_[i] == '/') {
    token.kind = Token::kEndTag;
    ++i;
  }
  while (i < limit && !core::is_html_space(html_[i]) && html_[i] != '/' && html_[i] != '>')
    token.name += core::ascii_lower(html_[i++]);
  while (true) {
    while (i < limit && core::is_html_space(html_[i])) ++i;
    if (i >= limit) return kNpos;
    char c = html_[i];
    if (c == '>') return i + 1;
    if (c == '/') {
      if (i + 1 < limit && html_[i + 1] == '>') {
        token.self_closing = true;
        return i + 2;
      }
      ++i;
      continue;
    }
    std::size_t name_start = i;
    while (i < limit && !core::is_html_space(html_[i]) && html_[i] != '/' && html_[i] != '>' &&
           (html_[i] != '=' || i == name_start))
      ++i;
    std::string_view name = html_.substr(name_start, i - name_start);
    while (i < limit && core::is_html_space(html_[i])) ++i;
    std::string_view value;
    if (i < limit && html_[i] == '=') {
      ++i;
      while (i < limit && core::is_html_space(html_[i])) ++i;
      if (i >= limit) return kNpos;
      char q = html_[i];
      if (q == '"' || q == '\'') {
        std::size_t close;
        if (quotes) {
          close =
              find_cached(q == '"' ? double_quote_ : single_quote_, std::string_view(&q, 1), i + 1);
          if (close == kNpos || close >= limit) return kNpos;
        } else {
          close = i + 1;
          while (close < limit - 1 && html_[close] != q) ++close;
        }
        value = html_.substr(i + 1, close - i - 1);
        i = close < limit - 1 || quotes ? close + 1 : close;
      } else {
        std::size_t start = i;
        while (i < limit && !core::is_html_space(html_[i]) && html_[i] != '>') ++i;
        value = html_.substr(start, i - start);
      }
    }
    if (token.kind == Token::kStartTag && token.attributes.size() < kMaxAttributes) {
      std::string lowered = core::ascii_lower(name);
      bool duplicate = std::any_of(token.attributes.begin(), token.attributes.end(),
                                   [&](const Attribute& a) { return a.name == lowered; });
      if (!duplicate) {
        token.attributes.push_back({std::move(lowered), {}});
        append_decoded(value, true, token.attributes.back().value);
      }
    }
  }
}

bool Tokenizer::read_tag(Token& token) {
  std::size_t begin = pos_;
  std::size_t gt = find_cached(gt_, ">", begin);
  if (gt == kNpos) return false;  // no tag can end: the '<' is text
  std::size_t end = kNpos;
  if (!quotes_unreliable_) {
    end = parse_tag(token, begin, html_.size(), true);
    // A quote that never closes: from here on, tags end at their first '>'
    // (which keeps the work linear: no tag is walked to the end twice).
    if (end == kNpos) quotes_unreliable_ = true;
  }
  if (end == kNpos) end = parse_tag(token, begin, gt + 1, false);
  if (end == kNpos) return false;
  token.offset = begin;
  pos_ = end;
  if (token.kind == Token::kStartTag && raw_text_element(token.name) && !token.self_closing) {
    raw_element_ = token.name;
    raw_decodes_ = token.name == "title" || token.name == "textarea";
  }
  return true;
}

// Markup at pos_ (a '<'): a tag, comment, declaration or CDATA section.
// false when the '<' is text.
bool Tokenizer::read_markup(Token& token) {
  const std::size_t begin = pos_;
  const std::size_t size = html_.size();
  if (begin + 1 >= size) return false;
  char c = html_[begin + 1];
  token.offset = begin;
  token.raw = false;
  token.name.clear();
  token.attributes.clear();
  token.self_closing = false;
  token.text.clear();
  // Up to the next '>' (or the end): a declaration or bogus comment.
  auto to_next_gt = [&](std::size_t content_start, Token::Kind kind) {
    std::size_t gt = find_cached(gt_, ">", content_start);
    std::size_t end = gt == kNpos ? size : gt;
    token.kind = kind;
    token.text.assign(html_.substr(content_start, end - content_start));
    pos_ = gt == kNpos ? size : gt + 1;
    return true;
  };
  if (c == '!') {
    if (html_.compare(begin, 4, "<!--") == 0) {
      std::size_t content = begin + 4;
      if (html_.compare(content, 1, ">") == 0 || html_.compare(content, 2, "->") == 0) {
        token.kind = Token::kComment;
        pos_ = html_[content] == '>' ? content + 1 : content + 2;
        return true;
      }
      std::size_t close = find_cached(comment_end_, "-->", content);
      if (close == kNpos) return to_next_gt(content, Token::kComment);
      token.kind = Token::kComment;
      token.text.assign(html_.substr(content, close - content));
      pos_ = close + 3;
      return true;
    }
    if (html_.compare(begin, 9, "<![CDATA[") == 0) {
      std::size_t content = begin + 9;
      std::size_t close = find_cached(cdata_end_, "]]>", content);
      if (close == kNpos) return to_next_gt(content, Token::kComment);
      token.kind = Token::kText;
      token.raw = true;
      token.text.assign(html_.substr(content, close - content));
      pos_ = close + 3;
      return true;
    }
    if (starts_with_nocase(html_, begin + 2, "doctype"))
      return to_next_gt(begin + 9, Token::kDoctype);
    return to_next_gt(begin + 2, Token::kComment);
  }
  if (c == '?') return to_next_gt(begin + 1, Token::kComment);
  if (c == '/') {
    if (begin + 2 < size && html_[begin + 2] == '>') {  // "</>": nothing
      token.kind = Token::kComment;
      pos_ = begin + 3;
      return true;
    }
    if (begin + 2 < size && ascii_letter(html_[begin + 2])) return read_tag(token);
    if (find_cached(gt_, ">", begin) == kNpos) return false;
    return to_next_gt(begin + 2, Token::kComment);
  }
  if (ascii_letter(c)) return read_tag(token);
  return false;
}

bool Tokenizer::next(Token& token) {
  while (pos_ < html_.size()) {
    if (!raw_element_.empty()) {
      read_raw_text(token);
      if (!token.text.empty()) return true;
      continue;
    }
    if (html_[pos_] == '<' && read_markup(token)) return true;
    // Text up to the next '<' (a '<' here is text: it started no markup).
    std::size_t start = pos_;
    const void* lt = std::memchr(html_.data() + start + 1, '<', html_.size() - start - 1);
    std::size_t end =
        lt ? static_cast<std::size_t>(static_cast<const char*>(lt) - html_.data()) : html_.size();
    token.kind = Token::kText;
    token.raw = false;
    token.offset = start;
    token.name.clear();
    token.attributes.clear();
    token.text.clear();
    append_decoded(html_.substr(start, end - start), false, token.text);
    pos_ = end;
    return true;
  }
  return false;
}

}  // namespace communique::ingest::html
