// Text in the encodings sources come in: UTF-8 (with or without a byte
// order mark), UTF-16 and UTF-32 (told by their mark, or UTF-16 by its
// pattern of zero bytes), and legacy charsets a page declares (GBK,
// Windows-1251, ...), all converted to UTF-8 through ICU's converters.

#ifndef COMMUNIQUE_INGEST_ENCODING_H_
#define COMMUNIQUE_INGEST_ENCODING_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace communique::ingest {

// The byte order mark of UTF-8, which some UTF-8 files start with.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Removes a leading UTF-8 byte order mark from `text`.
void strip_bom(std::string& text);

// The charset a byte order mark at the start of `head` names, and the
// mark's length in bytes.
struct ByteOrderMark {
  std::string charset;  // "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"; "" for none
  std::size_t length = 0;
};
ByteOrderMark detect_bom(std::string_view head);

// "UTF-16LE" or "UTF-16BE" when `head` (no mark) reads as UTF-16 text: most
// of its even (or odd) bytes are zero and the others are not, as in text
// that is mostly ASCII. "" otherwise.
std::string sniff_utf16(std::string_view head);

// The charset of a file that starts with `head` when it is not read byte
// by byte as UTF-8 would be: UTF-16 or UTF-32 by its mark, UTF-16 by its
// pattern of zero bytes. "" for anything else (UTF-8, with or without a
// mark, and every single-byte or multi-byte legacy charset).
std::string wide_charset(std::string_view head);

// Converts `bytes` from `charset` (any name ICU knows: "GBK", "gb2312",
// "windows-1251", "UTF-16LE", ...) to UTF-8, dropping a leading byte order
// mark. Bytes that are not valid in the charset become U+FFFD; when
// `replaced` is given, it is set to how many did. nullopt when ICU knows no
// such charset.
std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset,
                                   std::size_t* replaced = nullptr);

// Reads a stream of text in a charset as UTF-8, a piece at a time, so
// that a file of any size is converted without being held whole: an
// istream over this buffer reads like one over the UTF-8 twin of the
// file. A leading byte order mark is dropped; sequences invalid in the
// charset become U+FFFD, counted by replaced(). A read error of `source`
// propagates as its exception (an istream turns it into badbit).
class Utf8DecodingBuf : public std::streambuf {
 public:
  // Throws std::invalid_argument when ICU knows no such charset.
  // REQUIRES: `source` outlives this buffer.
  Utf8DecodingBuf(std::streambuf& source, std::string_view charset);
  ~Utf8DecodingBuf() override;
  Utf8DecodingBuf(const Utf8DecodingBuf&) = delete;
  Utf8DecodingBuf& operator=(const Utf8DecodingBuf&) = delete;

  std::size_t replaced() const;

 protected:
  int_type underflow() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<char> out_;
};

// Whether `charset` names UTF-8 in any of its spellings ("utf-8", "UTF8").
bool is_utf8_name(std::string_view charset);

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_ENCODING_H_
