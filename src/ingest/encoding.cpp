#include "ingest/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <memory>

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

ByteOrderMark detect_bom(std::string_view head) {
  auto starts = [&](std::string_view mark) { return head.substr(0, mark.size()) == mark; };
  using namespace std::string_view_literals;
  // UTF-32LE's mark begins with UTF-16LE's: test it first.
  if (starts("\xFF\xFE\x00\x00"sv)) return {"UTF-32LE", 4};
  if (starts("\x00\x00\xFE\xFF"sv)) return {"UTF-32BE", 4};
  if (starts("\xEF\xBB\xBF"sv)) return {"UTF-8", 3};
  if (starts("\xFF\xFE"sv)) return {"UTF-16LE", 2};
  if (starts("\xFE\xFF"sv)) return {"UTF-16BE", 2};
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
  if (out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);
  if (replaced) *replaced = substitutions.count;
  return out;
}

}  // namespace communique::ingest
