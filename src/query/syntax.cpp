#include "query/syntax.h"

#include "communique/error.h"
#include "core/ascii.h"

namespace communique::query {

namespace {

constexpr const char* kAllExcluded =
    "-* would leave out every statement; write the words or filters to leave out";

class Reader {
 public:
  explicit Reader(std::string_view q) : q_(q) {}

  std::vector<QueryItem> read_all() {
    std::vector<QueryItem> items = read_sequence(0);
    while (pos_ < q_.size()) {  // at a ')' that closes nothing
      warnings_.push_back("the ')' at character " + character(pos_) +
                          " closes no '(' and was ignored");
      ++pos_;
      std::vector<QueryItem> more = read_sequence(0);
      for (auto& item : more) items.push_back(std::move(item));
    }
    return items;
  }

  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  [[noreturn]] static void fail(const std::string& message) { throw QuerySyntaxError(message); }

  // The 1-based number of the character (not byte) at `at`, as a user counts.
  std::string character(std::size_t at) const {
    std::size_t n = 1;
    for (std::size_t i = 0; i < at && i < q_.size(); ++i) {
      if ((static_cast<unsigned char>(q_[i]) & 0xC0) != 0x80) ++n;
    }
    return std::to_string(n);
  }

  std::vector<QueryItem> read_sequence(std::size_t depth) {
    if (depth > kMaxDepth)
      fail("query nests parentheses more than " + std::to_string(kMaxDepth) + " deep");
    std::vector<QueryItem> items;
    while (true) {
      while (pos_ < q_.size() && core::is_ascii_space(q_[pos_])) ++pos_;
      if (pos_ >= q_.size() || q_[pos_] == ')') return join_words(std::move(items));
      bool excluded = false;
      if ((q_[pos_] == '-' || q_[pos_] == '+') && pos_ + 1 < q_.size() &&
          !core::is_ascii_space(q_[pos_ + 1]) && q_[pos_ + 1] != ')') {
        excluded = q_[pos_] == '-';
        ++pos_;
      }
      QueryItem item = read_item(depth);
      item.excluded = excluded;
      if (item.kind == QueryItem::kAll && excluded) fail(kAllExcluded);
      if (item.kind == QueryItem::kText && !excluded) {
        if (item.text == "OR" || item.text == "|") {
          item.kind = QueryItem::kOr;
        } else if (item.text == "AND" || item.text == "&&") {
          continue;  // words are combined anyway; all of them are preferred
        } else if (item.text == "NOT") {
          while (pos_ < q_.size() && core::is_ascii_space(q_[pos_])) ++pos_;
          if (pos_ >= q_.size() || q_[pos_] == ')')
            fail("NOT at the end of the query or of a group needs a word after it");
          QueryItem negated = read_item(depth);
          if (negated.kind == QueryItem::kAll) fail(kAllExcluded);
          negated.excluded = true;
          items.push_back(std::move(negated));
          continue;
        }
      }
      items.push_back(std::move(item));
    }
  }

  // Runs of plain words become one text item, so that names of several
  // words ("North Korea") are seen whole; an OR's right operand stays a
  // word of its own ("russia OR ukraine grain").
  static std::vector<QueryItem> join_words(std::vector<QueryItem> items) {
    std::vector<QueryItem> out;
    bool after_or = false, operand = false;
    for (auto& item : items) {
      bool plain = item.kind == QueryItem::kText && !item.excluded;
      if (plain && !after_or && !operand && !out.empty() && out.back().kind == QueryItem::kText &&
          !out.back().excluded) {
        out.back().text += ' ';
        out.back().text += item.text;
      } else {
        operand = plain && after_or;
        out.push_back(std::move(item));
      }
      after_or = out.back().kind == QueryItem::kOr;
    }
    return out;
  }

  QueryItem read_item(std::size_t depth) {
    char c = q_[pos_];
    if (c == '(') {
      std::size_t open = pos_++;
      QueryItem group(QueryItem::kGroup);
      group.children = read_sequence(depth + 1);
      if (pos_ < q_.size()) {
        ++pos_;  // ')'
      } else {
        warnings_.push_back("the '(' at character " + character(open) +
                            " is never closed; it was read as closed at the end of the query");
      }
      return group;
    }
    if (c == '"' || is_curly_quote(pos_)) {
      return QueryItem(QueryItem::kPhrase, read_quoted());
    }
    std::size_t start = pos_;
    while (pos_ < q_.size() && !core::is_ascii_space(q_[pos_]) && q_[pos_] != '(' &&
           q_[pos_] != ')' && q_[pos_] != '"' && !is_curly_quote(pos_)) {
      ++pos_;
    }
    std::string word(q_.substr(start, pos_ - start));
    if (word == "*") return QueryItem(QueryItem::kAll);
    auto colon = word.find(':');
    const schema::FieldSpec* spec = colon != std::string::npos && colon > 0
                                        ? schema::find_field(word.substr(0, colon))
                                        : nullptr;
    if (spec && spec->filters()) {
      QueryItem f(QueryItem::kFilter);
      f.field = spec;
      f.text = word.substr(colon + 1);
      if (f.text.empty() && pos_ < q_.size() && (q_[pos_] == '"' || is_curly_quote(pos_)))
        f.text = read_quoted();
      if (!f.text.empty()) return f;
      // "Date: 17 July" pasted from a page: the field's name is a word.
      warnings_.push_back(word +
                          " has no value after the colon, so it was read as a word; to filter, "
                          "write " +
                          std::string(spec->example));
    }
    return QueryItem(QueryItem::kText, std::move(word));
  }

  bool is_curly_quote(std::size_t at) const {
    // U+201C and U+201D, as phones and word processors type quotes.
    return at + 2 < q_.size() && static_cast<unsigned char>(q_[at]) == 0xE2 &&
           static_cast<unsigned char>(q_[at + 1]) == 0x80 &&
           (static_cast<unsigned char>(q_[at + 2]) == 0x9C ||
            static_cast<unsigned char>(q_[at + 2]) == 0x9D);
  }

  // A quoted run; an unclosed quote runs to the end of the query. Inside
  // it, \" is a double quote of the text and \\ a backslash (a facet value
  // may hold either).
  std::string read_quoted() {
    std::size_t open = pos_;
    pos_ += q_[pos_] == '"' ? 1 : 3;
    std::string text;
    while (pos_ < q_.size() && q_[pos_] != '"' && !is_curly_quote(pos_)) {
      if (q_[pos_] == '\\' && pos_ + 1 < q_.size() && (q_[pos_ + 1] == '"' || q_[pos_ + 1] == '\\'))
        ++pos_;
      text += q_[pos_++];
    }
    if (pos_ < q_.size()) {
      pos_ += q_[pos_] == '"' ? 1 : 3;
    } else {
      warnings_.push_back("the quote at character " + character(open) +
                          " is never closed; the phrase was read to the end of the query");
    }
    return text;
  }

  std::string_view q_;
  std::size_t pos_ = 0;
  std::vector<std::string> warnings_;
};

}  // namespace

QuerySyntax read_query(std::string_view query) {
  Reader reader(query);
  QuerySyntax out;
  out.items = reader.read_all();
  out.warnings = reader.warnings();
  return out;
}

}  // namespace communique::query
