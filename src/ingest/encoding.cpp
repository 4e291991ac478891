#include "ingest/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace communique::ingest {

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// Counts the substitutions ICU makes, then makes the usual one (U+FFFD).
struct SubstitutionCount {
  std::size_t count = 0;
};

void count_and_substitute(const void* context, UConverterToUnicodeArgs* args,
                          const char* code_units, int32_t length, UConverterCallbackReason reason,
                          UErrorCode* status) {
  if (reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR || reason == UCNV_UNASSIGNED) {
    ++static_cast<SubstitutionCount*>(const_cast<void*>(context))->count;
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, status);
}

}  // namespace

void strip_bom(std::string& text) {
  if (std::string_view(text).starts_with(kUtf8Bom)) text.erase(0, kUtf8Bom.size());
}

ByteOrderMark detect_bom(std::string_view head) {
  using namespace std::string_view_literals;
  // UTF-32LE's mark begins with UTF-16LE's: test it first.
  if (head.starts_with("\xFF\xFE\x00\x00"sv)) return {"UTF-32LE", 4};
  if (head.starts_with("\x00\x00\xFE\xFF"sv)) return {"UTF-32BE", 4};
  if (head.starts_with(kUtf8Bom)) return {"UTF-8", kUtf8Bom.size()};
  if (head.starts_with("\xFF\xFE"sv)) return {"UTF-16LE", 2};
  if (head.starts_with("\xFE\xFF"sv)) return {"UTF-16BE", 2};
  return {};
}

std::string sniff_utf16(std::string_view head) {
  std::size_t pairs = head.size() / 2;
  if (pairs < 8) return {};
  std::size_t zero_even = 0, zero_odd = 0;
  for (std::size_t i = 0; i + 1 < head.size(); i += 2) {
    zero_even += head[i] == '\0';
    zero_odd += head[i + 1] == '\0';
  }
  // Mostly-ASCII UTF-16: one byte of each pair zero, the other rarely.
  if (zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs) return "UTF-16LE";
  if (zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs) return "UTF-16BE";
  return {};
}

std::string wide_charset(std::string_view head) {
  ByteOrderMark bom = detect_bom(head);
  if (!bom.charset.empty()) return bom.charset == "UTF-8" ? "" : bom.charset;
  return sniff_utf16(head);
}

bool is_utf8_name(std::string_view charset) {
  std::string key;
  for (char c : charset) {
    if (c != '-' && c != '_' && c != ' ')
      key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return key == "utf8";
}

std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset,
                                   std::size_t* replaced) {
  UErrorCode status = U_ZERO_ERROR;
  Converter from(ucnv_open(std::string(charset).c_str(), &status));
  if (U_FAILURE(status) || !from) return std::nullopt;
  SubstitutionCount substitutions;
  ucnv_setToUCallBack(from.get(), count_and_substitute, &substitutions, nullptr, nullptr, &status);
  Converter to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) return std::nullopt;

  ByteOrderMark bom = detect_bom(bytes);
  if (!bom.charset.empty() &&
      ucnv_compareNames(bom.charset.c_str(), ucnv_getName(from.get(), &status)) == 0)
    bytes.remove_prefix(bom.length);

  // Through UTF-16 in pieces, so that the whole text is never held twice
  // in ICU's own form.
  std::string out;
  out.reserve(bytes.size());
  constexpr std::size_t kPiece = 1 << 16;
  std::u16string pivot(kPiece, u'\0');
  std::string utf8(kPiece * 3, '\0');
  const char* source = bytes.data();
  const char* source_end = bytes.data() + bytes.size();
  while (true) {
    UChar* target = pivot.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(from.get(), &target, pivot.data() + pivot.size(), &source, source_end, nullptr,
                   /*flush=*/true, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return std::nullopt;
    bool more = status == U_BUFFER_OVERFLOW_ERROR;
    const UChar* piece = pivot.data();
    const UChar* piece_end = target;
    while (piece < piece_end) {
      char* out_at = utf8.data();
      UErrorCode write_status = U_ZERO_ERROR;
      ucnv_fromUnicode(to.get(), &out_at, utf8.data() + utf8.size(), &piece, piece_end, nullptr,
                       /*flush=*/!more, &write_status);
      out.append(utf8.data(), out_at);
      if (U_FAILURE(write_status) && write_status != U_BUFFER_OVERFLOW_ERROR) return std::nullopt;
    }
    if (!more) break;
  }
  // ICU passes a mark through as U+FEFF when the charset did not consume it.
  strip_bom(out);
  if (replaced) *replaced = substitutions.count;
  return out;
}

struct Utf8DecodingBuf::Impl {
  std::streambuf& source;
  Converter from, to;
  SubstitutionCount substitutions;
  std::vector<char> in = std::vector<char>(1 << 16);
  const char* in_at = nullptr;
  const char* in_end = nullptr;
  std::u16string pivot = std::u16string(1 << 14, u'\0');
  UChar* pivot_source = nullptr;
  UChar* pivot_target = nullptr;
  bool started = false;     // the first conversion has run (reset done)
  bool source_end = false;  // source gave its last byte
  bool done = false;        // everything converted and flushed
  bool mark_checked = false;

  explicit Impl(std::streambuf& s) : source(s) {}
};

Utf8DecodingBuf::Utf8DecodingBuf(std::streambuf& source, std::string_view charset)
    : impl_(std::make_unique<Impl>(source)), out_(1 << 16) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->from.reset(ucnv_open(std::string(charset).c_str(), &status));
  if (U_FAILURE(status) || !impl_->from) {
    throw std::invalid_argument("no converter for charset " + std::string(charset));
  }
  ucnv_setToUCallBack(impl_->from.get(), count_and_substitute, &impl_->substitutions, nullptr,
                      nullptr, &status);
  impl_->to.reset(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) throw std::invalid_argument("no UTF-8 converter");
  impl_->in_at = impl_->in_end = impl_->in.data();
  impl_->pivot_source = impl_->pivot_target = impl_->pivot.data();
  setg(out_.data(), out_.data(), out_.data());
}

Utf8DecodingBuf::~Utf8DecodingBuf() = default;

std::size_t Utf8DecodingBuf::replaced() const { return impl_->substitutions.count; }

Utf8DecodingBuf::int_type Utf8DecodingBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  Impl& m = *impl_;
  char* target = out_.data();
  char* const target_end = out_.data() + out_.size();
  while (target == out_.data() && !m.done) {
    if (m.in_at == m.in_end && !m.source_end) {
      std::streamsize n = m.source.sgetn(m.in.data(), static_cast<std::streamsize>(m.in.size()));
      m.in_at = m.in.data();
      m.in_end = m.in.data() + std::max<std::streamsize>(n, 0);
      m.source_end = n <= 0;
    }
    UErrorCode status = U_ZERO_ERROR;
    ucnv_convertEx(m.to.get(), m.from.get(), &target, target_end, &m.in_at, m.in_end,
                   m.pivot.data(), &m.pivot_source, &m.pivot_target,
                   m.pivot.data() + m.pivot.size(), /*reset=*/!m.started, /*flush=*/m.source_end,
                   &status);
    m.started = true;
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) m.done = true;
    if (m.source_end && status != U_BUFFER_OVERFLOW_ERROR) m.done = true;
    // ICU passes the charset's own mark through as U+FEFF: drop it. It
    // comes whole in the first output, which the buffer always holds.
    if (!m.mark_checked && target != out_.data()) {
      m.mark_checked = true;
      if (target - out_.data() >= 3 && std::string_view(out_.data(), 3) == "\xEF\xBB\xBF") {
        target = std::copy(out_.data() + 3, target, out_.data());
      }
    }
  }
  setg(out_.data(), out_.data(), target);
  return target == out_.data() ? traits_type::eof() : traits_type::to_int_type(*gptr());
}

}  // namespace communique::ingest
