// Office holders in Chinese text. Chinese writes no spaces, so where a
// name ends is read from what follows it: punctuation, or a word that
// follows names in statements (表示, 指出, 主持, 答记者问, 说...), tried
// after a one-character given name before a two-character one, since
// those words would otherwise be read as part of a name ("王毅表示" is
// 王毅 + 表示, "汪文斌主持" is 汪文斌 + 主持).

#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "analysis/people.h"
#include "communique/gazetteer.h"
#include "core/han_names.h"
#include "core/name_keys.h"
#include "ingest/ministers.h"

namespace communique::ingest {

namespace {

// Posts written before a name. A longer post ending at the same place as a
// shorter one ("外交部发言人", "发言人") gives the same name once.
constexpr std::u32string_view kPostsBeforeName[] = {
    U"发言人",   U"外长",   U"外交部长", U"部长",  U"主席",   U"总理", U"总统",
    U"首相",     U"国务卿", U"秘书长",   U"大使",  U"特使",   U"主任", U"国务委员",
    U"司长",     U"大臣",   U"国王",     U"女王",  U"总书记", U"议长", U"委员长",
    U"特别代表", U"总干事", U"王储",     U"副总统"};

// Posts written after a name: "习近平主席", "王毅外长", "拜登总统".
constexpr std::u32string_view kPostsAfterName[] = {U"主席",   U"外长",     U"总统", U"总理",
                                                   U"部长",   U"国务委员", U"首相", U"国务卿",
                                                   U"秘书长", U"发言人"};

// Words that follow a name: where one begins, the name has ended.
constexpr std::u32string_view kFollowingWords[] = {
    U"表示",   U"指出",   U"强调",     U"介绍",   U"宣布",    U"回答",   U"答记者问", U"主持",
    U"出席",   U"会见",   U"会谈",     U"会晤",   U"举行",    U"通电话", U"应约",     U"应邀",
    U"致电",   U"致函",   U"致信",     U"访问",   U"访华",    U"发表",   U"接受",     U"率团",
    U"一行",   U"先生",   U"女士",     U"阁下",   U"总统",    U"主席",   U"外长",     U"部长",
    U"总理",   U"大使",   U"国务委员", U"首相",   U"国务卿",  U"秘书长", U"特使",     U"以及",
    U"日前",   U"近日",   U"当天",     U"今天",   U"昨天",    U"表态",   U"宣读",     U"出访",
    U"前往",   U"抵达",   U"参加",     U"签署",   U"讲话",    U"致辞",   U"发言",     U"重申",
    U"谈到",   U"提到",   U"透露",     U"证实",   U"说明",    U"主张",   U"呼吁",     U"希望",
    U"认为",   U"多次",   U"两次",     U"一度",   U"一再",    U"曾经",   U"此前",     U"随后",
    U"正在",   U"即将",   U"共同",     U"副主席", U"副总理",  U"副总统", U"副部长",   U"副外长",
    U"前总统", U"前首相", U"前总理",   U"前外长", U"前国务卿"};

// Single characters that follow a name and rarely end one.
constexpr std::u32string_view kFollowingCharacters =
    U"说称在同与和及就对向将于的等也还又已均并答是兼曾被";

// Single characters that, right after a surname, show it is the word they
// begin rather than a name ("曾说", "曾于": 曾 is also "once").
constexpr std::u32string_view kNotGivenNames = U"说于在对就将已也还又被与同的";

// Countries' one-character abbreviations, which lists of countries run
// together ("中美", "韩中日").
constexpr std::u32string_view kAbbreviations = U"中美俄日韩朝英法德印澳加越菲以欧蒙哈巴乌";

// Words that start with a surname but are no names.
constexpr std::u32string_view kNotNames[] = {U"贺信", U"贺电", U"贺函", U"贺词"};

// Characters that may stand before a name written before its post.
constexpr std::u32string_view kPrecedingCharacters = U"同与和及对向在由请是将被为给让跟致的了";

// Characters of the usual Chinese renderings of foreign names (as in the
// Xinhua transliteration tables); a foreign name not in the people table
// is taken only when made of these.
constexpr std::u32string_view kTransliteration =
    U"阿埃艾爱安昂奥澳巴拔班邦包保鲍贝本比彼毕宾波伯勃博布查察达大黛丹道德登迪蒂杜多厄恩尔"
    U"法菲芬费丰佛弗福富盖甘冈戈格根古瓜哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸奎"
    U"拉莱兰朗劳勒雷蕾里利莉连林琳娄卢鲁伦罗洛马玛迈麦曼芒梅门蒙米敏莫姆穆纳娜奈南内尼努诺"
    U"帕佩彭皮普齐奇恰乔切钦琼丘萨塞桑瑟森沙莎尚舍什施斯松苏索塔泰坦汤唐特提图托瓦万旺威韦维"
    U"温沃乌伍西希锡夏谢辛休雅亚扬耶伊因尤于扎泽詹朱兹左佐拜京夫肯济约娃舒冯朔茨东";

bool is_dot(char32_t c) { return c == U'·' || c == U'・' || c == U'•' || c == U'‧'; }

class ChineseText {
 public:
  ChineseText(std::string_view text, const Gazetteer& gazetteer, const analysis::People& people)
      : text_(text), gazetteer_(gazetteer), people_(people) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto size = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < size;) {
      at_.push_back(static_cast<std::size_t>(i));
      UChar32 c;
      U8_NEXT(bytes, i, size, c);
      chars_.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
    }
    at_.push_back(text.size());
  }

  std::vector<FoundPerson> run() {
    for (std::u32string_view post : kPostsBeforeName) {
      for (std::size_t p = chars_.find(post); p != std::u32string::npos;
           p = chars_.find(post, p + 1)) {
        std::size_t start = p + post.size();
        if (std::size_t n = name_after_post(start)) add(start, n);
      }
    }
    for (std::u32string_view post : kPostsAfterName) {
      for (std::size_t p = chars_.find(post); p != std::u32string::npos;
           p = chars_.find(post, p + 1)) {
        if (auto [start, n] = name_before_post(p); n > 0) add(start, n);
      }
    }
    turns();
    std::sort(found_.begin(), found_.end(),
              [](const FoundPerson& a, const FoundPerson& b) { return a.at < b.at; });
    return std::move(found_);
  }

 private:
  bool han(std::size_t i) const { return i < chars_.size() && core::is_han(chars_[i]); }

  bool starts_with(std::size_t i, std::u32string_view word) const {
    return chars_.compare(i, word.size(), word) == 0;
  }

  // Whether a name may end before position i: at the end, at a character
  // that is no Han character, or where a following word begins.
  bool ends_name(std::size_t i, bool single_characters) const {
    if (i >= chars_.size()) return true;
    if (!han(i)) return !is_dot(chars_[i]);  // a foreign name goes on after its dot
    for (std::u32string_view w : kFollowingWords) {
      if (starts_with(i, w)) return true;
    }
    return single_characters && kFollowingCharacters.find(chars_[i]) != std::u32string_view::npos;
  }

  std::string utf8(std::size_t start, std::size_t n) const {
    return std::string(text_.substr(at_[start], at_[start + n] - at_[start]));
  }

  // A name the people table knows, starting at `start`: its length in characters.
  std::size_t known_at(std::size_t start) const {
    if (!han(start)) return 0;
    std::size_t bytes = people_.known_han_prefix(text_.substr(at_[start]));
    if (bytes == 0) return 0;
    std::size_t n = 0;
    while (at_[start + n] < at_[start] + bytes) ++n;
    return n;
  }

  // A Chinese name (surname and one or two characters) at `start`, ending
  // where `ends` says; its length in characters.
  template <typename Ends>
  std::size_t chinese_name_at(std::size_t start, const Ends& ends) const {
    std::size_t surname =
        analysis::chinese_surname_length(std::u32string_view(chars_).substr(start));
    if (surname == 0) return 0;
    for (std::size_t given : {1, 2}) {
      std::size_t n = surname + given;
      bool all_han = true;
      for (std::size_t k = start; k < start + n; ++k) all_han = all_han && han(k);
      if (all_han && ends(start + n) && !is_place(start, n) && !is_word(start, surname, n))
        return n;
    }
    return 0;
  }

  // Whether what starts like a name at `start` is a word of the language:
  // a word of the dictionary that runs past the surname ("成功", "周二",
  // "连续", "白宫"; names are segmented after their surname: 王 毅, 习
  // 近平), or a given name that is a word following names ("曾表示",
  // "曾多次": 曾 is also "once").
  bool is_word(std::size_t start, std::size_t surname, std::size_t n) const {
    std::size_t run = start;
    while (run < chars_.size() && han(run) && run - start < n + 4) ++run;
    std::vector<bool> starts =
        core::chinese_word_starts(std::u32string_view(chars_).substr(start, run - start));
    for (std::size_t k = 1; k < surname; ++k) {
      if (starts[k]) return true;  // a compound surname cut in two
    }
    if (!starts[surname]) return true;
    // Countries by their one-character abbreviations: "韩中日外长会议".
    bool abbreviations = true;
    for (std::size_t k = start; k < start + n; ++k)
      abbreviations = abbreviations && kAbbreviations.find(chars_[k]) != std::u32string_view::npos;
    if (abbreviations) return true;
    if (ends_name(start + surname, false) ||
        kNotGivenNames.find(chars_[start + surname]) != std::u32string_view::npos)
      return true;
    for (std::u32string_view w : kNotNames) {
      if (starts_with(start, w)) return true;
    }
    return false;
  }

  // "韩国" starts with the surname 韩 but is Korea.
  bool is_place(std::size_t start, std::size_t n) const {
    std::string s = utf8(start, n);
    return gazetteer_.resolve(s) != nullptr || gazetteer_.organization(s) != nullptr;
  }

  std::size_t name_after_post(std::size_t start) const {
    if (std::size_t n = known_at(start)) return n;
    if (std::size_t n = chinese_name_at(start, [&](std::size_t i) { return ends_name(i, true); }))
      return n;
    // A foreign name in characters: transliteration characters (and the
    // middle dot between its parts) up to punctuation or a following word.
    constexpr std::size_t kMaxForeign = 12;
    auto foreign = [&](std::size_t i) {
      return i < chars_.size() &&
             (kTransliteration.find(chars_[i]) != std::u32string_view::npos || is_dot(chars_[i]));
    };
    for (std::size_t n = 0; n < kMaxForeign && foreign(start + n);) {
      ++n;
      std::size_t end = start + n;
      bool complete =
          n >= 2 && !is_dot(chars_[end - 1]) && !is_dot(chars_[start]) && ends_name(end, true);
      if (complete && !is_place(start, n)) return n;
    }
    return 0;
  }

  // The name written before a post at `post`: its start and length (0 if none).
  std::pair<std::size_t, std::size_t> name_before_post(std::size_t post) const {
    // "韩正副主席", "安倍前首相": the post is the deputy's, the former one's.
    if (post > 0 && (chars_[post - 1] == U'副' || chars_[post - 1] == U'前')) --post;
    // A name starts after a character that may stand before one, and where
    // a word starts ("反对党影阁外长" is 反对党 影阁, not 党影阁).
    auto starts_cleanly = [&](std::size_t start) {
      if (start == 0 || !han(start - 1)) return true;
      if (kPrecedingCharacters.find(chars_[start - 1]) == std::u32string_view::npos) return false;
      std::size_t from = start - std::min<std::size_t>(start, 4);
      while (!han(from)) ++from;
      std::vector<bool> starts =
          core::chinese_word_starts(std::u32string_view(chars_).substr(from, post - from));
      return static_cast<bool>(starts[start - from]);
    };
    constexpr std::size_t kMaxKnown = 12;
    for (std::size_t n = std::min(post, kMaxKnown); n >= 2; --n) {
      if (known_at(post - n) == n) return {post - n, n};
    }
    for (std::size_t n = 4; n >= 2; --n) {
      if (n > post || !starts_cleanly(post - n)) continue;
      std::size_t start = post - n;
      if (chinese_name_at(start, [&](std::size_t i) { return i == post; }) == n) return {start, n};
    }
    return {0, 0};
  }

  // "汪文斌：" at a paragraph's start: the speaker of a turn.
  void turns() {
    for (std::size_t i = 0; i < chars_.size(); ++i) {
      if (i > 0 && chars_[i - 1] != U'\n') continue;
      std::size_t start = i;
      while (start < chars_.size() && (chars_[start] == U' ' || chars_[start] == U'\u3000'))
        ++start;
      auto colon = [&](std::size_t k) {
        return k < chars_.size() && (chars_[k] == U'：' || chars_[k] == U':');
      };
      std::size_t n = known_at(start);
      if (n == 0 || !colon(start + n)) n = chinese_name_at(start, colon);
      if (n > 0 && colon(start + n)) add(start, n);
    }
  }

  void add(std::size_t start, std::size_t n) { found_.push_back({at_[start], utf8(start, n)}); }

  std::string_view text_;
  const Gazetteer& gazetteer_;
  const analysis::People& people_;
  std::u32string chars_;
  std::vector<std::size_t> at_;  // byte offset of each character, then of the end
  std::vector<FoundPerson> found_;
};

}  // namespace

std::vector<FoundPerson> chinese_office_holders(std::string_view text, const Gazetteer& gazetteer,
                                                const analysis::People& people) {
  return ChineseText(text, gazetteer, people).run();
}

}  // namespace communique::ingest
