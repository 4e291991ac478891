#include "analysis/passages.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <span>
#include <string>
#include <utility>

namespace communique::analysis {

namespace {

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// A letter of a script written without spaces (Chinese, Japanese, Thai...):
// a position of its own in the index (analysis/grams.h).
bool is_unspaced_letter(UChar32 c) {
  if (c < 0x0E00 || !u_isalpha(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return true;
    default:
      return false;
  }
}

// Counts words character by character: each letter of a script written
// without spaces (so that a passage of Chinese is sized by its characters,
// as the index lays it out), and each run of other non-space characters,
// but for punctuation right after such letters (Chinese commas and stops).
class WordCounter {
 public:
  // Whether `c` starts a word.
  bool starts_word(UChar32 c) {
    if (c >= 0 && c < 0x80 && is_space(static_cast<unsigned char>(c))) {
      state_ = kSpace;
      return false;
    }
    if (is_unspaced_letter(c)) {
      state_ = kUnspaced;
      return true;
    }
    bool punctuation = c >= 0 && (c < 0x80 ? std::ispunct(c) != 0 : u_ispunct(c) != 0);
    if (state_ == kSpace || (state_ == kUnspaced && !punctuation)) {
      state_ = kWord;
      return true;
    }
    return false;
  }

 private:
  enum { kSpace, kWord, kUnspaced } state_ = kSpace;
};

std::size_t count_words(std::string_view text) {
  WordCounter counter;
  std::size_t words = 0;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    words += counter.starts_word(c);
  }
  return words;
}

bool has_unspaced_letters(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (is_unspaced_letter(c)) return true;
  }
  return false;
}

PassageSpan trim(std::string_view body, std::size_t start, std::size_t end) {
  while (start < end && is_space(body[start])) ++start;
  while (end > start && is_space(body[end - 1])) --end;
  return {start, end};
}

class Splitter {
 public:
  explicit Splitter(std::string_view body) : body_(body) {}

  std::vector<PassageSpan> run() {
    const bool wrapped = hard_wrapped();
    std::size_t para_start = 0;
    std::size_t line_start = 0;
    while (line_start < body_.size()) {
      std::size_t line_end = body_.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = body_.size();
      if (!wrapped || ends_paragraph(trim(body_, line_start, line_end))) {
        add_paragraph(para_start, line_end);
        para_start = line_end + 1;
      }
      line_start = line_end + 1;
    }
    if (para_start < body_.size()) add_paragraph(para_start, body_.size());
    flush();
    return std::move(out_);
  }

 private:
  // Text broken into lines of a fixed width (OCR, e-mail, PDF exports)
  // rather than one paragraph a line: most lines are of similar length and
  // end inside a sentence. Its paragraphs are rebuilt from the lines.
  bool hard_wrapped() {
    std::vector<std::size_t> lengths;
    std::size_t open = 0;
    for (std::size_t start = 0; start < body_.size();) {
      std::size_t end = body_.find('\n', start);
      if (end == std::string_view::npos) end = body_.size();
      PassageSpan line = trim(body_, start, end);
      if (line.end > line.start) {
        lengths.push_back(line.end - line.start);
        if (!ends_sentence(line)) ++open;
      }
      start = end + 1;
    }
    if (lengths.size() < 8 || open * 2 < lengths.size()) return false;
    std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2, lengths.end());
    width_ = lengths[lengths.size() / 2];
    return width_ <= 120;
  }

  bool ends_sentence(PassageSpan line) const {
    std::string_view text = body_.substr(line.start, line.end - line.start);
    while (!text.empty() && (text.back() == '"' || text.back() == ')' || text.back() == '\''))
      text.remove_suffix(1);
    // Closing quotation marks: U+201D, U+2019, U+00BB.
    while (text.size() >= 2 &&
           (text.ends_with("\u201D") || text.ends_with("\u2019") || text.ends_with("\u00BB"))) {
      text.remove_suffix(text.ends_with("\u00BB") ? 2 : 3);
    }
    if (text.empty()) return false;
    char c = text.back();
    return c == '.' || c == '?' || c == '!' || c == ':' || c == ';' || text.ends_with("\u3002") ||
           text.ends_with("\uFF01") || text.ends_with("\uFF1F") || text.ends_with("\uFF1B");
  }

  // In hard-wrapped text a paragraph ends at a line that ends a sentence
  // well short of the text's width, or at a blank line after a sentence
  // (not at one where a page break interrupts a sentence).
  bool ends_paragraph(PassageSpan line) {
    if (line.start == line.end) return after_sentence_;
    after_sentence_ = ends_sentence(line);
    return after_sentence_ && (line.end - line.start) * 5 < width_ * 4;
  }

  void add_paragraph(std::size_t start, std::size_t end) {
    PassageSpan span = trim(body_, start, end);
    if (span.start == span.end) return;
    std::size_t words = count_words(body_.substr(span.start, span.end - span.start));
    if (words > kMaxWords) {
      split_long(span);
      return;
    }
    if (pending_words_ > 0 && pending_words_ + words > kMaxWords) flush();
    append(span, words);
    if (pending_words_ >= kMinWords) flush();
  }

  // A long paragraph goes by sentences, packed into passages of about equal
  // length (a 160-word paragraph makes two of 80, not 150 and 10); a short
  // passage pending before it (a heading, "Mr. President,") joins its first
  // piece.
  void split_long(PassageSpan span) {
    std::vector<std::pair<PassageSpan, std::size_t>> sentences;  // span, words
    if (!sentence_spans(span, sentences)) {
      cut_by_words(span);
      return;
    }
    std::size_t total = pending_words_;
    for (const auto& [sentence, words] : sentences) total += words;
    std::size_t pieces = (total + kMaxWords - 1) / kMaxWords;
    std::size_t target = (total + pieces - 1) / pieces;
    for (const auto& [sentence, words] : sentences) {
      if (words > kMaxWords) {
        cut_long_sentence(sentence);
        continue;
      }
      if (pending_words_ >= kMinWords && pending_words_ + words > kMaxWords) flush();
      append(sentence, words);
      if (pending_words_ >= target) flush();
    }
    if (pending_words_ >= kMinWords) flush();
  }

  // The sentences of `span` by ICU's sentence rules, with line breaks read
  // as spaces (ICU ends a sentence at every line break, and a hard-wrapped
  // paragraph has one every few words). False when ICU is unavailable.
  bool sentence_spans(PassageSpan span, std::vector<std::pair<PassageSpan, std::size_t>>& out) {
    UErrorCode status = U_ZERO_ERROR;
    // Creating a sentence iterator costs more than using one: one per thread.
    thread_local std::unique_ptr<icu::BreakIterator> sentences(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (!sentences) return false;
    std::string para(body_.substr(span.start, span.end - span.start));
    std::replace(para.begin(), para.end(), '\n', ' ');
    std::replace(para.begin(), para.end(), '\r', ' ');
    UText* text = utext_openUTF8(nullptr, para.data(), static_cast<int64_t>(para.size()), &status);
    if (U_FAILURE(status)) return false;
    sentences->setText(text, status);
    int32_t from = sentences->first();
    for (int32_t to = sentences->next(); to != icu::BreakIterator::DONE;
         from = to, to = sentences->next()) {
      PassageSpan sentence = trim(body_, span.start + from, span.start + to);
      if (sentence.start == sentence.end) continue;
      out.emplace_back(sentence,
                       count_words(body_.substr(sentence.start, sentence.end - sentence.start)));
    }
    utext_close(text);
    return !out.empty();
  }

  // A sentence longer than a passage. Text in a script written without
  // spaces is cut after its clauses (semicolons, else commas or spaces),
  // packed into passages like sentences; other text, and a clause still
  // too long, at words.
  void cut_long_sentence(PassageSpan span, int level = 0) {
    static constexpr std::array<std::string_view, 2> kSemicolons{"\uFF1B", ";"};
    // Commas, and spaces: Thai puts one between phrases.
    static constexpr std::array<std::string_view, 6> kCommas{"\uFF0C", "\u3001", "\uFF1A",
                                                             ",",      ":",      " "};
    std::string_view text = body_.substr(span.start, span.end - span.start);
    if (level > 1 || !has_unspaced_letters(text)) {
      cut_by_words(span);
      return;
    }
    std::vector<std::pair<PassageSpan, std::size_t>> clauses;
    std::size_t from = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      for (std::string_view mark :
           level == 0 ? std::span<const std::string_view>(kSemicolons) : std::span(kCommas)) {
        if (text.substr(i).starts_with(mark)) {
          PassageSpan clause = trim(body_, span.start + from, span.start + i + mark.size());
          if (clause.start < clause.end)
            clauses.emplace_back(clause, count_words(text.substr(from, i + mark.size() - from)));
          from = i + mark.size();
          break;
        }
      }
    }
    PassageSpan rest = trim(body_, span.start + from, span.end);
    if (rest.start < rest.end) clauses.emplace_back(rest, count_words(text.substr(from)));
    if (clauses.size() < 2) {
      cut_long_sentence(span, level + 1);
      return;
    }
    std::size_t total = pending_words_;
    for (const auto& [clause, words] : clauses) total += words;
    std::size_t pieces = (total + kMaxWords - 1) / kMaxWords;
    std::size_t target = (total + pieces - 1) / pieces;
    for (const auto& [clause, words] : clauses) {
      if (words > kMaxWords) {
        cut_long_sentence(clause, level + 1);
        continue;
      }
      if (pending_words_ >= kMinWords && pending_words_ + words > kMaxWords) flush();
      append(clause, words);
      if (pending_words_ >= target) flush();
    }
  }

  // No sentence ends either: cut before the word that would take a piece
  // past kMaxWords (at white space, or between letters of a script
  // without spaces), and every few kilobytes of text with no spaces at
  // all (junk), at a character boundary.
  void cut_by_words(PassageSpan span) {
    WordCounter counter;
    std::size_t words = 0;
    std::size_t piece_start = span.start;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(body_.data());
    auto end = static_cast<std::int32_t>(span.end);
    for (auto i = static_cast<std::int32_t>(span.start); i < end;) {
      auto at = static_cast<std::size_t>(i);
      UChar32 c;
      U8_NEXT(bytes, i, end, c);
      bool starts = counter.starts_word(c);
      if ((starts && words >= kMaxWords) || at - piece_start >= 4 * 1024) {
        append(trim(body_, piece_start, at), words);
        flush();
        piece_start = at;
        words = starts ? 0 : 1;  // a piece of junk starts inside a word
      }
      words += starts;
    }
    append(trim(body_, piece_start, span.end), words);
    flush();
  }

  void append(PassageSpan span, std::size_t words) {
    if (span.start == span.end) return;
    if (pending_words_ == 0 && pending_.start == pending_.end) {
      pending_ = span;
    } else {
      pending_.end = span.end;
    }
    pending_words_ += words;
  }

  void flush() {
    if (pending_.start != pending_.end) out_.push_back(pending_);
    pending_ = {0, 0};
    pending_words_ = 0;
  }

  std::string_view body_;
  std::size_t width_ = 0;        // typical line length of hard-wrapped text
  bool after_sentence_ = false;  // the last line read ended a sentence
  std::vector<PassageSpan> out_;
  PassageSpan pending_{0, 0};
  std::size_t pending_words_ = 0;
};

}  // namespace

std::vector<PassageSpan> split_passages(std::string_view body) { return Splitter(body).run(); }

}  // namespace communique::analysis
