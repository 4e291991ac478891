#include "ingest/html/charset.h"

#include "core/ascii.h"
#include "ingest/encoding.h"
#include "ingest/html/tokenizer.h"

namespace communique::ingest::html {

namespace {

using core::ascii_lower;

constexpr std::size_t kPrescanBytes = 8192;

// "text/html; charset=gb2312" -> "gb2312".
std::string charset_of_content_type(std::string_view content) {
  std::string l = ascii_lower(content);
  std::size_t at = l.find("charset");
  if (at == std::string::npos) return {};
  at += 7;
  while (at < l.size() && l[at] == ' ') ++at;
  if (at >= l.size() || l[at] != '=') return {};
  ++at;
  while (at < l.size() && (l[at] == ' ' || l[at] == '"' || l[at] == '\'')) ++at;
  std::size_t end = l.find_first_of(" ;\"'", at);
  return l.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// The name ICU reads a declared label under, as browsers read it.
std::string charset_for_label(std::string label) {
  label = ascii_lower(label);
  for (const char* gbk : {"gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312",
                          "csiso58gb231280", "iso-ir-58", "gb18030"}) {
    if (label == gbk) return "GB18030";
  }
  for (const char* latin : {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "ascii",
                            "us-ascii", "cp819", "ibm819", "cp1252", "x-cp1252"}) {
    if (label == latin) return "windows-1252";
  }
  if (label == "utf-16" || label == "utf-16le" || label == "utf-16be") return "UTF-8";
  return label;
}

// Whether `bytes` is valid UTF-8 and holds more than ASCII.
bool utf8_beyond_ascii(std::string_view bytes) {
  bool beyond = false;
  for (std::size_t i = 0; i < bytes.size();) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    int n = b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0;
    if (n == 0 || i + n > bytes.size()) return false;
    for (int k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    beyond = true;
    i += static_cast<std::size_t>(n);
  }
  return beyond;
}

}  // namespace

std::string declared_charset(std::string_view head) {
  head = head.substr(0, kPrescanBytes);
  Tokenizer tokenizer(head);
  Token token;
  while (tokenizer.next(token)) {
    if (token.kind == Token::kStartTag && token.name == "body") break;
    if (token.kind != Token::kStartTag || token.name != "meta") continue;
    if (const std::string* charset = token.attribute("charset"); charset && !charset->empty())
      return *charset;
    const std::string* equiv = token.attribute("http-equiv");
    const std::string* content = token.attribute("content");
    if (equiv && content && ascii_lower(*equiv) == "content-type") {
      std::string charset = charset_of_content_type(*content);
      if (!charset.empty()) return charset;
    }
  }
  return {};
}

PageText decode_page(std::string bytes) {
  PageText page;
  std::string_view head = std::string_view(bytes).substr(0, kPrescanBytes);
  std::string charset = detect_bom(head).charset;
  if (charset.empty()) charset = sniff_utf16(head);
  if (charset.empty()) {
    std::string declared = declared_charset(head);
    if (!declared.empty()) {
      charset = charset_for_label(declared);
      if (!is_utf8_name(charset) && utf8_beyond_ascii(bytes)) charset = "UTF-8";
    }
  }
  if (charset.empty() || is_utf8_name(charset)) {
    strip_bom(bytes);
    page.text = std::move(bytes);
    page.charset = "UTF-8";
    return page;
  }
  std::size_t replaced = 0;
  std::optional<std::string> text = to_utf8(bytes, charset, &replaced);
  if (!text) {
    page.unknown_charset = charset;
    page.text = std::move(bytes);
    page.charset = "UTF-8";
    return page;
  }
  bytes = std::string();  // the page is not held twice longer than needed
  page.text = std::move(*text);
  page.charset = charset;
  page.replaced = replaced;
  return page;
}

}  // namespace communique::ingest::html
