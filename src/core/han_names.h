// Names found in Chinese text, which has no spaces to find words by: the
// longest listed name at each place ("南非" is South Africa, not 南 and
// 非; "巴布亚新几内亚" holds "几内亚" but is Papua New Guinea). A name may
// run into the next word ("中国" in "中国人"); a two-character name must
// begin a word of ICU's dictionary segmentation, so that "加纳" in
// "增加纳税" (增加 纳税) and "美方" in "完美方案" are not Ghana and the US;
// a name added as a whole word must also end one ("以方" is Israel's side,
// but not in "以方便", 以 方便).

#ifndef COMMUNIQUE_CORE_HAN_NAMES_H_
#define COMMUNIQUE_CORE_HAN_NAMES_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace communique::core {

class HanNames {
 public:
  // Adds a name of Han characters only (others are ignored; so are single
  // characters, which are never names on their own); `value` is returned
  // with each place it is found. The first value given for a name stays.
  // Returns whether the name is one of Han characters (added or known).
  bool add(std::string_view name, std::size_t value, bool whole_word = false);

  // Calls found(start, end, value) for each name in `text`, in text order,
  // with its byte range. Thread-safe (const).
  void find(std::string_view text,
            const std::function<void(std::size_t start, std::size_t end, std::size_t value)>& found)
      const;

  std::size_t size() const { return names_.size(); }

 private:
  struct Entry {
    std::size_t value;
    bool whole_word;
  };
  std::unordered_map<std::string, Entry> names_;
  std::size_t longest_ = 0;  // characters
};

// Where the words of `han` start by ICU's dictionary segmentation for
// Chinese, by character: element i is whether a word starts at character
// i (element han.size(), the end, is true). "成功举行" gives true, false,
// true, false, true. Everywhere true if ICU cannot segment. Thread-safe.
std::vector<bool> chinese_word_starts(std::u32string_view han);

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_HAN_NAMES_H_
