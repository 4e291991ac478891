#include "analysis/passages.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

namespace communique::analysis {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Words in a span: runs of non-space bytes, with Han/kana/Thai text (no
// spaces between words) counted as one word per two characters.
std::size_t count_words(std::string_view text) {
  std::size_t words = 0, wide = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (is_space(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) ++words;
    in_word = true;
    // Lead bytes of 3-byte sequences in U+0E00..U+9FFF: Thai, CJK, kana.
    if (c == 0xE0 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xB8) ++wide;
    if (c >= 0xE3 && c <= 0xE9) ++wide;
  }
  return words + wide / 2;
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
    std::size_t line_start = 0;
    while (line_start < body_.size()) {
      std::size_t line_end = body_.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = body_.size();
      add_paragraph(line_start, line_end);
      line_start = line_end + 1;
    }
    flush();
    return std::move(out_);
  }

 private:
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

  // A long paragraph goes by sentences; a short passage pending before it
  // (a heading, "Mr. President,") joins its first piece.
  void split_long(PassageSpan span) {
    UErrorCode status = U_ZERO_ERROR;
    // Creating a sentence iterator costs more than using one: one per thread.
    thread_local std::unique_ptr<icu::BreakIterator> sentences(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (!sentences) {
      cut_by_words(span);
      return;
    }
    UText* text = nullptr;
    std::string_view para = body_.substr(span.start, span.end - span.start);
    text = utext_openUTF8(text, para.data(), static_cast<int64_t>(para.size()), &status);
    if (U_FAILURE(status)) {
      cut_by_words(span);
      return;
    }
    sentences->setText(text, status);
    int32_t from = sentences->first();
    for (int32_t to = sentences->next(); to != icu::BreakIterator::DONE; from = to, to = sentences->next()) {
      PassageSpan sentence = trim(body_, span.start + from, span.start + to);
      if (sentence.start == sentence.end) continue;
      std::size_t words = count_words(body_.substr(sentence.start, sentence.end - sentence.start));
      if (words > kMaxWords) {
        cut_by_words(sentence);
        continue;
      }
      if (pending_words_ >= kMinWords && pending_words_ + words > kMaxWords) flush();
      append(sentence, words);
    }
    utext_close(text);
    if (pending_words_ >= kMinWords) flush();
  }

  // No sentence ends either: cut every kMaxWords words at white space.
  void cut_by_words(PassageSpan span) {
    std::size_t words = 0;
    bool in_word = false;
    std::size_t piece_start = span.start;
    for (std::size_t i = span.start; i < span.end; ++i) {
      auto c = static_cast<unsigned char>(body_[i]);
      if (is_space(c)) {
        in_word = false;
        if (words >= kMaxWords) {
          append(trim(body_, piece_start, i), words);
          flush();
          piece_start = i;
          words = 0;
        }
        continue;
      }
      if (!in_word) ++words;
      in_word = true;
      // Text with no spaces at all (a CJK run, junk): cut at a character
      // boundary every few kilobytes.
      if (i - piece_start >= 4 * 1024 && (c & 0xC0) != 0x80) {
        append(trim(body_, piece_start, i), words);
        flush();
        piece_start = i;
        words = 1;
      }
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
  std::vector<PassageSpan> out_;
  PassageSpan pending_{0, 0};
  std::size_t pending_words_ = 0;
};

}  // namespace

std::vector<PassageSpan> split_passages(std::string_view body) { return Splitter(body).run(); }

}  // namespace communique::analysis
