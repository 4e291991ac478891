#include "ingest/encoding.h"

#include <gtest/gtest.h>

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

TEST(Encoding, AnUnknownCharsetIsRefused) {
  EXPECT_FALSE(to_utf8("abc", "no-such-charset-x"));
  EXPECT_TRUE(is_utf8_name("UTF-8"));
  EXPECT_TRUE(is_utf8_name("utf8"));
  EXPECT_FALSE(is_utf8_name("gbk"));
}

}  // namespace
}  // namespace communique::ingest
