// An HTML tokenizer after the HTML standard's, for pages nobody controls:
// it reads any bytes in time linear in their length, never throws, and
// ends what is left open at a sensible place instead of swallowing the
// rest of the page.
//
// - A '<' that does not start a tag ("3 < 5", "a <= b") is text.
// - The text of <script>, <style>, <xmp>, <iframe>, <noembed>, <noframes>
//   and <noscript> is raw (no tags, no character references) up to its end
//   tag; that of <title> and <textarea> is raw but has its references
//   decoded. Where such an element is never closed, or is written
//   self-closing (<script src=x />), its text ends at the next tag of a
//   known element, or at once: a browser would swallow the rest of the
//   page, losing the statement.
// - A comment (<!-- -->) that is never closed ends at the next '>'; so do
//   <!DOCTYPE>, <?...> and other markup declarations.
// - <![CDATA[...]]> is text, as in XHTML.
// - A tag whose '>' never comes is text; a quoted attribute value whose
//   closing quote never comes ends at the tag's first '>'.

#ifndef COMMUNIQUE_INGEST_HTML_TOKENIZER_H_
#define COMMUNIQUE_INGEST_HTML_TOKENIZER_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace communique::ingest::html {

struct Attribute {
  std::string name;   // lower case
  std::string value;  // character references decoded
};

struct Token {
  enum Kind { kText, kStartTag, kEndTag, kComment, kDoctype };
  Kind kind = kText;
  // kText: the text, references decoded unless `raw`; kComment and
  // kDoctype: their content.
  std::string text;
  bool raw = false;  // text of a raw-text element (script, style, ...)
  // Tags: the name in ASCII lower case, the attributes in order (start
  // tags), and whether the tag ends with "/>".
  std::string name;
  std::vector<Attribute> attributes;
  bool self_closing = false;
  std::size_t offset = 0;  // where the token starts in the input

  // The value of attribute `name` (lower case), or nullptr.
  const std::string* attribute(std::string_view key) const;
};

class Tokenizer {
 public:
  // `html` must outlive the tokenizer.
  explicit Tokenizer(std::string_view html);

  // Reads the next token into `token` (reusing its storage); false at the
  // end of the input.
  bool next(Token& token);

 private:
  // A search for a byte pattern, cached: positions only grow, so a search
  // from `from` answers every later one up to the position it found.
  struct Memo {
    std::size_t from = 0;
    std::size_t found = 0;
    bool valid = false;
  };
  std::size_t find_cached(Memo& memo, std::string_view what, std::size_t from) const;
  std::size_t find_end_tag(std::string_view name, std::size_t from);
  std::size_t find_next_known_tag(std::size_t from) const;
  bool read_markup(Token& token);
  bool read_tag(Token& token);
  std::size_t parse_tag(Token& token, std::size_t begin, std::size_t limit, bool quotes);
  void read_raw_text(Token& token);

  std::string_view html_;
  std::size_t pos_ = 0;
  std::string raw_element_;   // the open raw-text element, if any
  bool raw_decodes_ = false;  // title, textarea: references decoded
  bool quotes_unreliable_ = false;
  Memo gt_, comment_end_, cdata_end_, double_quote_, single_quote_;
  std::vector<std::pair<std::string, Memo>> end_tags_;
};

// Whether `name` (lower case) is an element of HTML, current or obsolete.
bool known_element(std::string_view name);

}  // namespace communique::ingest::html

#endif  // COMMUNIQUE_INGEST_HTML_TOKENIZER_H_
