// Reading a text file line by line with a bound on the line length, so
// that a file with no line breaks (or one absurd line) never has to fit
// in memory.

#ifndef COMMUNIQUE_INGEST_LINE_READER_H_
#define COMMUNIQUE_INGEST_LINE_READER_H_

#include <cstddef>
#include <cstring>
#include <istream>
#include <string>
#include <vector>

namespace communique::ingest {

class LineReader {
 public:
  // Lines longer than `max_line` bytes are consumed but not kept.
  LineReader(std::istream& in, std::size_t max_line) : in_(in), max_(max_line), buf_(64 * 1024) {}

  // The next line, without its '\n'. False at the end of the input. When
  // the line was longer than max_line, `line` is empty and too_long() is
  // true until the next call.
  bool next(std::string& line) {
    line.clear();
    too_long_ = false;
    bool any = false;
    while (true) {
      if (pos_ == end_ && !fill()) return any;
      any = true;
      const char* start = buf_.data() + pos_;
      const void* newline = std::memchr(start, '\n', end_ - pos_);
      std::size_t n = newline ? static_cast<const char*>(newline) - start : end_ - pos_;
      if (!too_long_) {
        if (n > max_ - line.size()) {
          too_long_ = true;
          std::string().swap(line);
        } else {
          line.append(start, n);
        }
      }
      pos_ += n;
      if (newline) {
        ++pos_;
        return true;
      }
    }
  }

  bool too_long() const { return too_long_; }

 private:
  bool fill() {
    if (!in_) return false;
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    pos_ = 0;
    end_ = static_cast<std::size_t>(in_.gcount());
    return end_ > 0;
  }

  std::istream& in_;
  std::size_t max_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool too_long_ = false;
};

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_LINE_READER_H_
