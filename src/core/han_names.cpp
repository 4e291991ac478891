#include "core/han_names.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/name_keys.h"

namespace communique::core {

namespace {

// A Han run of the text: where each character starts, and one past the end.
struct Run {
  std::vector<std::size_t> at;  // byte offset of each character, then of the run's end
  std::size_t characters() const { return at.size() - 1; }
};

// ICU's word segmentation for Chinese, one break iterator per thread:
// creating one costs milliseconds. nullptr if ICU cannot segment.
icu::BreakIterator* chinese_words() {
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  return words.get();
}

// The word starts of a run by ICU's dictionary segmentation, by character
// index.
std::vector<bool> word_starts(std::string_view text, const Run& run) {
  icu::BreakIterator* words = chinese_words();
  std::vector<bool> starts(run.characters() + 1, true);
  if (!words) return starts;  // without segmentation, every place may start a name
  std::string_view bytes = text.substr(run.at.front(), run.at.back() - run.at.front());
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size())));
  words->setText(u);
  std::fill(starts.begin(), starts.end(), false);
  // Han characters are all in the Basic or a supplementary plane: map
  // UTF-16 offsets to character indexes.
  std::vector<std::size_t> index_of_unit(static_cast<std::size_t>(u.length()) + 1, 0);
  std::size_t character = 0;
  for (int32_t k = 0; k < u.length();) {
    index_of_unit[static_cast<std::size_t>(k)] = character++;
    k += U16_IS_LEAD(u.charAt(k)) ? 2 : 1;
  }
  index_of_unit[static_cast<std::size_t>(u.length())] = character;
  for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next())
    starts[index_of_unit[static_cast<std::size_t>(b)]] = true;
  return starts;
}

}  // namespace

std::vector<bool> chinese_word_starts(std::u32string_view han) {
  std::vector<bool> starts(han.size() + 1, true);
  icu::BreakIterator* words = chinese_words();
  if (!words || han.empty()) return starts;
  icu::UnicodeString u;
  std::vector<std::size_t> index_of_unit;
  for (std::size_t i = 0; i < han.size(); ++i) {
    index_of_unit.push_back(i);
    if (han[i] > 0xFFFF) index_of_unit.push_back(i);
    u.append(static_cast<UChar32>(han[i]));
  }
  index_of_unit.push_back(han.size());
  words->setText(u);
  std::fill(starts.begin(), starts.end(), false);
  for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next())
    starts[index_of_unit[static_cast<std::size_t>(b)]] = true;
  return starts;
}

bool HanNames::add(std::string_view name, std::size_t value, bool whole_word) {
  std::size_t characters = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(name.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(name.data()), i, static_cast<int32_t>(name.size()), c);
    if (c < 0 || !is_han(static_cast<char32_t>(c))) return false;
    ++characters;
  }
  if (characters < 2) return characters == 1;
  names_.emplace(std::string(name), Entry{value, whole_word});
  longest_ = std::max(longest_, characters);
  return true;
}

void HanNames::find(
    std::string_view text,
    const std::function<void(std::size_t start, std::size_t end, std::size_t value)>& found) const {
  if (names_.empty()) return;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size());
  Run run;
  std::string key;
  auto scan_run = [&] {
    std::size_t n = run.characters();
    std::vector<bool> starts;  // computed when a two-character name needs them
    for (std::size_t i = 0; i + 1 < n;) {
      std::size_t matched = 0, value = 0;
      for (std::size_t len = std::min(longest_, n - i); len >= 2; --len) {
        key.assign(text.substr(run.at[i], run.at[i + len] - run.at[i]));
        auto it = names_.find(key);
        if (it == names_.end()) continue;
        if (len == 2 || it->second.whole_word) {
          if (starts.empty()) starts = word_starts(text, run);
          if (!starts[i] || (it->second.whole_word && !starts[i + len])) continue;
        }
        matched = len;
        value = it->second.value;
        break;
      }
      if (matched == 0) {
        ++i;
        continue;
      }
      found(run.at[i], run.at[i + matched], value);
      i += matched;
    }
  };
  // Han characters are encoded from lead byte E2 on: text between such
  // bytes (all of most texts in Latin script, but for a dash or a curly
  // quote) holds none, and is skipped without decoding.
  auto next_lead = [&](int32_t from) {
    const uint8_t* lead =
        std::find_if(bytes + from, bytes + size, [](uint8_t b) { return b >= 0xE2; });
    return static_cast<int32_t>(lead - bytes);
  };
  for (int32_t i = next_lead(0); i < size;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, size, c);
    if (c >= 0 && is_han(static_cast<char32_t>(c))) {
      if (run.at.empty()) run.at.push_back(static_cast<std::size_t>(start));
      run.at.push_back(static_cast<std::size_t>(i));
      continue;
    }
    if (run.at.size() > 2) scan_run();
    run.at.clear();
    i = next_lead(i);
  }
  if (run.at.size() > 2) scan_run();
}

}  // namespace communique::core
