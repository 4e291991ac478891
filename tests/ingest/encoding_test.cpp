#include "ingest/encoding.h"

#include <gtest/gtest.h>

#include <istream>
#include <sstream>

namespace communique::ingest {
namespace {

using namespace std::string_literals;

TEST(Encoding, ByteOrderMarksNameTheirCharset) {
  EXPECT_EQ(detect_bom("\xEF\xBB\xBFhi").charset, "UTF-8");
  EXPECT_EQ(detect_bom("\xFF\xFEh\0"s).charset, "UTF-16LE");
  EXPECT_EQ(detect_bom("\xFE\xFF\0h"s).charset, "UTF-16BE");
  EXPECT_EQ(detect_bom("\xFF\xFE\0\0"s).charset, "UTF-32LE");
  EXPECT_EQ(detect_bom("hello").charset, "");
}

TEST(Encoding, Utf16WithoutAMarkIsRecognisedByItsZeroBytes) {
  std::string le, be;
  for (char c : std::string("{\"id\": \"a\", \"body\": \"text\"}")) {
    le += c, le += '\0';
    be += '\0', be += c;
  }
  EXPECT_EQ(sniff_utf16(le), "UTF-16LE");
  EXPECT_EQ(sniff_utf16(be), "UTF-16BE");
  // One stray NUL in UTF-8 text is not UTF-16.
  EXPECT_EQ(sniff_utf16("{\"id\": \"a\", \"body\": \"te\0xt and more text\"}"s), "");
}

TEST(Encoding, ConvertsUtf16AndLegacyCharsetsToUtf8) {
  // "Мир" in UTF-16LE with its mark.
  std::string utf16 = "\xFF\xFE\x1C\x04\x38\x04\x40\x04"s;
  EXPECT_EQ(to_utf8(utf16, "UTF-16LE").value(), "Мир");
  // 中国 in GBK; Москва in Windows-1251.
  EXPECT_EQ(to_utf8("\xD6\xD0\xB9\xFA", "GBK").value(), "中国");
  EXPECT_EQ(to_utf8("\xCC\xEE\xF1\xEA\xE2\xE0", "windows-1251").value(), "Москва");
  EXPECT_EQ(to_utf8("\xEF\xBB\xBFplain", "UTF-8").value(), "plain");
}

TEST(Encoding, InvalidBytesAreReplacedAndCounted) {
  std::size_t replaced = 0;
  auto text = to_utf8("ok\xFFok", "UTF-8", &replaced);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "ok\xEF\xBF\xBDok");
  EXPECT_EQ(replaced, 1u);
}

TEST(Encoding, ADecodingStreamReadsLikeTheWholeConversion) {
  // Text in four scripts and an emoji (a surrogate pair in UTF-16), long
  // enough that pieces split characters, lines and pairs.
  std::u16string line = u"Peace talks \u041C\u0438\u0440 \u4E2D\u56FD \U0001F54A end\n";
  std::u16string text;
  while (text.size() < 300000) text += line;
  std::string le("\xFF\xFE", 2), be("\xFE\xFF", 2);
  for (char16_t c : text) {
    le += static_cast<char>(c & 0xFF), le += static_cast<char>(c >> 8);
    be += static_cast<char>(c >> 8), be += static_cast<char>(c & 0xFF);
  }
  for (const auto& [bytes, charset] : {std::pair{le, "UTF-16LE"}, std::pair{be, "UTF-16BE"}}) {
    std::istringstream source(bytes);
    Utf8DecodingBuf decoded(*source.rdbuf(), charset);
    std::istream in(&decoded);
    std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(out, to_utf8(bytes, charset).value()) << charset;
    EXPECT_EQ(out.compare(0, 12, "Peace talks "), 0) << charset;  // the mark dropped
    EXPECT_EQ(decoded.replaced(), 0u);
  }
  // A lone surrogate is replaced and counted.
  std::istringstream bad(
      std::string("a\0\x00\xD8"
                  "b\0",
                  6));
  Utf8DecodingBuf decoded(*bad.rdbuf(), "UTF-16LE");
  std::istream in(&decoded);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(out,
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(decoded.replaced(), 1u);
  EXPECT_EQ(wide_charset(le), "UTF-16LE");
  EXPECT_EQ(wide_charset("\xEF\xBB\xBFplain"), "");
}

TEST(Encoding, AnUnknownCharsetIsRefused) {
  EXPECT_FALSE(to_utf8("abc", "no-such-charset-x"));
  EXPECT_TRUE(is_utf8_name("UTF-8"));
  EXPECT_TRUE(is_utf8_name("utf8"));
  EXPECT_FALSE(is_utf8_name("gbk"));
}

}  // namespace
}  // namespace communique::ingest
