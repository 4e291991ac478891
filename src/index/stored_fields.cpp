#include "index/stored_fields.h"

#include <cstdint>

#include "communique/error.h"

namespace communique::index {

namespace {

constexpr char kVersion = 1;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

void put_strings(std::string& out, const std::vector<std::string>& v) {
  put_varint(out, v.size());
  for (const auto& s : v) put_string(out, s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) fail();
      auto b = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail();
  }

  std::string string() {
    std::uint64_t n = varint();
    if (n > data_.size() - pos_) fail();
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }

  std::vector<std::string> strings() {
    std::uint64_t n = varint();
    if (n > data_.size() - pos_) fail();
    std::vector<std::string> v;
    v.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) v.push_back(string());
    return v;
  }

  char byte() {
    if (pos_ >= data_.size()) fail();
    return data_[pos_++];
  }

  [[noreturn]] static void fail() {
    throw CorruptIndex("stored statement data is truncated or not in Communique's format");
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode(const Statement& s, const std::vector<analysis::PassageSpan>& passages) {
  std::string out;
  out.reserve(s.body.size() + s.title.size() + 64 + passages.size() * 4);
  out += kVersion;
  put_string(out, s.id);
  put_string(out, s.title);
  put_varint(out, s.date.year);
  put_varint(out, s.date.month);
  put_varint(out, s.date.day);
  put_string(out, s.country);
  put_strings(out, s.ministers);
  put_strings(out, s.mentions);
  put_string(out, s.language);
  put_string(out, s.role);
  put_string(out, s.source);
  put_string(out, s.url);
  put_string(out, s.body);
  put_varint(out, passages.size());
  std::size_t last = 0;
  for (const auto& p : passages) {
    put_varint(out, p.start - last);
    put_varint(out, p.end - p.start);
    last = p.end;
  }
  return out;
}

StoredFields decode(std::string_view data) {
  Reader in(data);
  if (in.byte() != kVersion) Reader::fail();
  StoredFields fields;
  Statement& s = fields.statement;
  s.id = in.string();
  s.title = in.string();
  s.date.year = static_cast<int>(in.varint());
  s.date.month = static_cast<int>(in.varint());
  s.date.day = static_cast<int>(in.varint());
  s.country = in.string();
  s.ministers = in.strings();
  s.mentions = in.strings();
  s.language = in.string();
  s.role = in.string();
  s.source = in.string();
  s.url = in.string();
  s.body = in.string();
  std::uint64_t n = in.varint();
  if (n > s.body.size() + 1) Reader::fail();
  fields.passages.reserve(n);
  std::size_t last = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::size_t start = last + in.varint();
    std::size_t end = start + in.varint();
    if (end > s.body.size() || start > end) Reader::fail();
    fields.passages.push_back({start, end});
    last = end;
  }
  return fields;
}

}  // namespace communique::index
