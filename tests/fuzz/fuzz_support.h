// What the fuzz targets share: a stream over the fuzzer's bytes without a
// copy, and a RecordSink that checks the readers' contracts on everything
// they report. A broken contract aborts, which libFuzzer records as a
// crash with its input.

#ifndef COMMUNIQUE_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define COMMUNIQUE_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <map>
#include <streambuf>
#include <string>
#include <string_view>

#include "communique/importer.h"
#include "communique/statement.h"

// Aborts with the failed condition when `cond` is false. Unlike assert(),
// it stays in release builds.
#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

namespace communique::fuzz {

// A read-only streambuf over memory the caller keeps alive.
class MemoryBuf : public std::streambuf {
 public:
  MemoryBuf(const std::uint8_t* data, std::size_t size) {
    // streambuf's get area is char*, but nothing writes through it: there
    // is no put area and pbackfail() keeps its default (fail).
    char* begin = const_cast<char*>(reinterpret_cast<const char*>(data));
    setg(begin, begin, begin + size);
  }
};

// Whether `d` is a date Date::parse gives back unchanged from its text:
// year 1-9999, month 0-12, day 0 or within the month, no day without a month.
inline bool valid_date(const Date& d) {
  if (d.empty()) return d.month == 0 && d.day == 0;
  if (d.year < 1 || d.year > 9999 || d.month < 0 || d.month > 12 || d.day < 0 || d.day > 31)
    return false;
  if (d.month == 0 && d.day != 0) return false;
  auto again = Date::parse(d.to_string());
  return again && *again == d;
}

// Checks what a reader reports about one input named `file` in `format`:
// every report names that input; record numbers count 1, 2, 3... with no
// gap; each record is either emitted as a statement or reported skipped,
// never both and never neither; problems that do not skip a record
// (bad-date, invalid-utf8) are about a record that is emitted; dates are
// valid. Nothing is kept but counts, so the sink stays cheap.
class CheckingSink : public RecordSink {
 public:
  CheckingSink(std::string file, std::string format)
      : file_(std::move(file)), format_(std::move(format)) {}

  void statement(Statement s, const Provenance& where) override {
    check_where(where);
    FUZZ_CHECK(valid_date(s.date));
    ++statements_;
    if (where.record) outcome(where.record, /*emitted=*/true);
  }

  void problem(Problem p) override {
    check_where(p.where);
    FUZZ_CHECK(!p.kind.empty());
    FUZZ_CHECK(!p.message.empty());
    ++problems_;
    if (p.where.record == 0) return;  // about the file, not a record
    if (p.skipped) {
      outcome(p.where.record, /*emitted=*/false);
    } else {
      // Annotations come before the record they are about is emitted.
      FUZZ_CHECK(outcomes_.count(p.where.record) == 0);
      annotated_[p.where.record] = true;
    }
  }

  void skipped_file(const std::string& path, const std::string& reason) override {
    FUZZ_CHECK(path == file_);
    FUZZ_CHECK(!reason.empty());
    ++skipped_files_;
  }

  // Call once the reader returned: checks what needs the whole run.
  void finish() const {
    for (const auto& [record, annotated] : annotated_) {
      auto it = outcomes_.find(record);
      FUZZ_CHECK(it != outcomes_.end() && it->second);
    }
  }

  std::size_t statements() const { return statements_; }
  std::size_t skipped_files() const { return skipped_files_; }
  // Statements, problems and skipped files: whether the input left a trace.
  std::size_t reports() const { return statements_ + problems_ + skipped_files_; }

 private:
  void check_where(const Provenance& where) const {
    FUZZ_CHECK(where.file == file_);
    FUZZ_CHECK(where.format == format_);
  }

  void outcome(std::uint64_t record, bool emitted) {
    FUZZ_CHECK(outcomes_.count(record) == 0);    // one outcome per record
    FUZZ_CHECK(record == outcomes_.size() + 1);  // records in order, none dropped
    outcomes_[record] = emitted;
  }

  std::string file_, format_;
  std::map<std::uint64_t, bool> outcomes_;  // record -> emitted
  std::map<std::uint64_t, bool> annotated_;
  std::size_t statements_ = 0, problems_ = 0, skipped_files_ = 0;
};

}  // namespace communique::fuzz

#endif  // COMMUNIQUE_TESTS_FUZZ_FUZZ_SUPPORT_H_
