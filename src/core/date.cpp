#include <cstdio>

#include "communique/statement.h"

namespace communique {

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `digits` decimal digits at `pos`.
bool read_number(std::string_view s, std::size_t& pos, int digits, int& value) {
  if (pos + digits > s.size()) return false;
  value = 0;
  for (int i = 0; i < digits; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return true;
}

}  // namespace

std::string Date::to_string() const {
  if (empty()) return {};
  char buf[16];
  if (month == 0)
    std::snprintf(buf, sizeof buf, "%04d", year);
  else if (day == 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<Date> Date::parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  Date d;
  std::size_t pos = 0;
  if (!read_number(text, pos, 4, d.year) || d.year < 1) return std::nullopt;
  if (pos == text.size()) return d;
  char sep = text[pos];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  ++pos;
  if (!read_number(text, pos, 2, d.month) || d.month < 1 || d.month > 12) return std::nullopt;
  if (pos == text.size()) return d;
  if (text[pos] != sep) return std::nullopt;
  ++pos;
  if (!read_number(text, pos, 2, d.day) || d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return d;
}

}  // namespace communique
