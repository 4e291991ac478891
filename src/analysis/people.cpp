#include "analysis/people.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "communique/analyzer.h"
#include "communique/error.h"
#include "core/utf32.h"

namespace communique {
// Generated at build time from corpus/people.tsv.
extern const char* const kBuiltinPeopleTsv;
}  // namespace communique

namespace communique::analysis {

using core::to_u32;
using core::to_utf8;

namespace {

// --- Transforms ---------------------------------------------------------------

// ICU's transliterators, created once each and shared; a lock around each
// use, as ICU does not promise that one transliterator serves threads at
// once (names are short: the lock is held for microseconds).
class Transform {
 public:
  explicit Transform(const char* id) : id_(id) {}

  std::string operator()(std::string_view text) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!transliterator_) {
        UErrorCode status = U_ZERO_ERROR;
        transliterator_.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id_),
                                                                  UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !transliterator_) {
          transliterator_.reset();
          throw Error(std::string("ICU has no transliterator ") + id_);
        }
      }
      transliterator_->transliterate(u);
    }
    std::string out;
    u.toUTF8String(out);
    return out;
  }

 private:
  const char* id_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<icu::Transliterator> transliterator_;
};

const Transform& han_latin() {
  static const Transform* t = new Transform("Han-Latin");
  return *t;
}
// Reads characters as surnames: 曾 Zeng, 单 Shan, 解 Xie, 仇 Qiu, 查 Zha.
const Transform& han_latin_surname() {
  static const Transform* t = new Transform("Han-Latin/Names");
  return *t;
}
const Transform& russian_latin() {
  static const Transform* t = new Transform("Russian-Latin/BGN");
  return *t;
}
const Transform& latin_ascii() {
  static const Transform* t = new Transform("Latin-ASCII");
  return *t;
}

// --- Text helpers ---------------------------------------------------------------

bool is_han(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return c >= 0x2E80 && uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}

UScriptCode script_of_first_letter(std::u32string_view s) {
  for (char32_t c : s) {
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(static_cast<UChar32>(c), &status);
  }
  return USCRIPT_COMMON;
}

bool is_middle_dot(char32_t c) {
  return c == U'\u00B7' || c == U'\u30FB' || c == U'\u2027' || c == U'\u2022' || c == U'\u2219' ||
         c == U'\uFF65';
}

// Spacing made regular: spaces collapsed and trimmed, one middle dot (·)
// between the parts of a foreign name in characters, without spaces around
// it, and a space after each initial ("С.В.Лавров" -> "С. В. Лавров").
std::string normalise_written(std::string_view name) {
  std::u32string in = to_u32(name), out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || c == U'\u00A0') {
      if (!out.empty() && out.back() != U' ' && out.back() != U'·') out.push_back(U' ');
      continue;
    }
    if (is_middle_dot(c)) {
      while (!out.empty() && out.back() == U' ') out.pop_back();
      out.push_back(U'·');
      continue;
    }
    out.push_back(c);
    // An initial: a capital, a dot, then straight on a letter.
    bool initial = c == U'.' && out.size() >= 2 &&
                   u_isupper(static_cast<UChar32>(out[out.size() - 2])) &&
                   (out.size() == 2 || !u_isalpha(static_cast<UChar32>(out[out.size() - 3]))) &&
                   i + 1 < in.size() && u_isalpha(static_cast<UChar32>(in[i + 1]));
    if (initial) out.push_back(U' ');
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return to_utf8(out);
}

// The key of a name for lookups and identity: folded, dots and commas
// dropped, spaces collapsed (as index::minister_key does).
std::string fold_key(std::string_view name) {
  std::string folded = Analyzer::fold(name);
  std::string key;
  for (char c : folded) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (space) {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else if (c != '.' && c != ',') {
      key += c;
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

std::string capitalise(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Latin without tones or spaces: "wāng wén bīn" -> "wangwenbin".
std::string plain_pinyin(std::string_view han, const Transform& transform) {
  std::string ascii = latin_ascii()(transform(han));
  std::string out;
  for (char c : ascii) {
    if (c != ' ' && c != '\'') out += c;
  }
  return out;
}

// --- Chinese surnames ------------------------------------------------------------
// The commoner Chinese surnames (public rankings of surname frequency),
// without those that are also common words or that begin the usual Chinese
// renderings of foreign names (国 和 于 向 应 强 关 谈 宣 普 阿 巴 伊 乌 哈
// 斯 司 海 南 都 来 时 明 全 相 原 公 元 信 利 那 ...).
constexpr std::u32string_view kSurnames =
    U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    U"苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    U"郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞"
    U"左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    U"滕屈饶解牟艾尤阳穆农卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟"
    U"邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封匡鞠惠荆乐冀郁胥班储栗燕"
    U"楚鄢劳谌奚皮粟冼蔺楼盘满闻厉仝区郜阚花权帅屠豆朴盖练廉禹井祖漆丰支卿狄计索晋初容敬扈晁"
    U"芮阙浦戈伏鹿薄邸雍辜羊裘亓修邰赫杭况宿鲜印逯隆茹诸慕危银亢嵇湛宾戎勾茅居揭衣展昝智幸"
    U"奉衡富尧闭劳傅贝钮蔚卢";

constexpr std::u32string_view kCompoundSurnames[] = {
    U"欧阳", U"司马", U"上官", U"诸葛", U"东方", U"皇甫", U"尉迟", U"公孙", U"慕容",
    U"长孙", U"宇文", U"司徒", U"司空", U"夏侯", U"令狐", U"端木", U"轩辕", U"独孤",
    U"南宫", U"西门", U"百里", U"呼延", U"澹台", U"公冶", U"太史", U"申屠", U"闻人",
    U"万俟", U"钟离", U"宗政", U"濮阳", U"淳于", U"单于", U"赫连", U"拓跋"};

// --- The table ----------------------------------------------------------------------

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::size_t chinese_surname_length(std::u32string_view han) {
  for (std::u32string_view compound : kCompoundSurnames) {
    if (han.substr(0, compound.size()) == compound) return compound.size();
  }
  if (!han.empty() && kSurnames.find(han.front()) != std::u32string_view::npos) return 1;
  return 0;
}

namespace {

// The length of the surname of `chars` read as a Chinese personal name
// (two to four Han characters: a known surname, then one or two given
// characters); 0 when they are not one. Cheap: no transliteration.
std::size_t chinese_name_surname(std::u32string_view chars) {
  if (chars.size() < 2 || chars.size() > 4 || !std::all_of(chars.begin(), chars.end(), is_han))
    return 0;
  std::size_t surname = chinese_surname_length(chars);
  if (surname == 0 || chars.size() - surname > 2 || chars.size() == surname) return 0;
  return surname;
}

}  // namespace

std::string chinese_name_to_latin(std::string_view han) {
  std::u32string chars = to_u32(han);
  std::size_t surname = chinese_name_surname(chars);
  if (surname == 0) return {};
  std::string family = plain_pinyin(to_utf8(chars.substr(0, surname)), han_latin_surname());
  std::string given = plain_pinyin(to_utf8(chars.substr(surname)), han_latin());
  if (family.empty() || given.empty()) return {};
  return capitalise(family) + " " + capitalise(given);
}

std::string cyrillic_name_to_latin(std::string_view cyrillic) {
  std::string latin = russian_latin()(normalise_written(cyrillic));
  // The hard and soft signs' marks (ʺ, ʹ) are left out, as names are
  // usually written in English.
  std::string out;
  for (std::size_t i = 0; i < latin.size(); ++i) {
    if (latin.compare(i, 2, "\xCA\xB9") == 0 || latin.compare(i, 2, "\xCA\xBA") == 0) {
      ++i;
      continue;
    }
    out += latin[i];
  }
  return latin_ascii()(out);
}

struct People::Impl {
  struct Person {
    std::string name;    // Latin
    std::string native;  // own script, or ""
    std::vector<std::string> forms;
  };
  std::vector<Person> people;
  std::unordered_map<std::string, std::size_t> by_form;  // fold_key(form) -> person
  std::unordered_map<std::string, std::vector<std::size_t>> by_word;
  // The surname alone, for a query ("Lavrov", "Лавров"): the last word of
  // a person's names in alphabetic scripts, for people whose names are
  // not Chinese (a Chinese surname alone names thousands: Wang, Li).
  // kAmbiguous where two people share it.
  static constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);
  std::unordered_map<std::string, std::size_t> by_surname;
  std::unordered_set<std::string> han_forms;
  std::size_t longest_han_form = 0;  // bytes

  const Person* find(std::string_view written) const {
    auto it = by_form.find(fold_key(written));
    return it == by_form.end() ? nullptr : &people[it->second];
  }

  PersonName of(const Person& p, std::string written) const {
    return {std::move(written), p.name, fold_key(p.name),
            p.native.empty() ? p.name : p.native + " (" + p.name + ")"};
  }

  std::vector<std::string> all_forms(const Person& p) const {
    std::vector<std::string> out{p.name};
    if (!p.native.empty()) out.push_back(p.native);
    for (const auto& f : p.forms) {
      if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    }
    return out;
  }
};

People::People(std::string_view people_tsv) : impl_(std::make_unique<Impl>()) {
  auto lines = split(people_tsv, '\n');
  bool header = false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    if (trim(line).empty() || line.front() == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    auto bad = [&](const std::string& why) {
      return InvalidArgument("people line " + std::to_string(n + 1) + ": " + why);
    };
    auto cols = split(line, '\t');
    if (cols.size() < 2 || trim(cols[0]).empty())
      throw bad("expected a name, its native form and other forms, tab-separated");
    Impl::Person p{normalise_written(trim(cols[0])), normalise_written(trim(cols[1])), {}};
    if (cols.size() > 2) {
      for (const auto& f : split(cols[2], '|')) {
        if (std::string form = normalise_written(trim(f)); !form.empty()) p.forms.push_back(form);
      }
    }
    std::size_t index = impl_->people.size();
    for (const std::string& form : impl_->all_forms(p)) {
      auto [it, added] = impl_->by_form.emplace(fold_key(form), index);
      if (!added && it->second != index)
        throw bad("'" + form + "' is already a form of " + impl_->people[it->second].name);
      // Words, for a query of one word ("Lavrov", "Лавров").
      std::string key = fold_key(form);
      for (std::size_t dot; (dot = key.find("·")) != std::string::npos;) key.replace(dot, 2, " ");
      for (const auto& word : split(key, ' ')) {
        if (word.empty()) continue;
        auto& list = impl_->by_word[word];
        if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
      }
      std::u32string chars = to_u32(form);
      if (!chars.empty() && is_han(chars.front())) {
        impl_->han_forms.insert(form);
        impl_->longest_han_form = std::max(impl_->longest_han_form, form.size());
      }
    }
    // (Whether the native name is a Chinese one, without transliterating
    // it: ICU takes a tenth of a second to build Han-Latin, which a
    // process that meets no Chinese name should not pay.)
    if (chinese_name_surname(to_u32(p.native)) == 0) {
      for (const std::string& form : impl_->all_forms(p)) {
        std::string key = fold_key(form);
        std::size_t space = key.rfind(' ');
        std::u32string chars = to_u32(form);
        if (space == std::string::npos || chars.empty() || is_han(chars.front())) continue;
        std::string surname = key.substr(space + 1);
        if (to_u32(surname).size() < 3) continue;  // an initial, "von"'s "der"
        auto [it, added] = impl_->by_surname.emplace(surname, index);
        if (!added && it->second != index) it->second = Impl::kAmbiguous;
      }
    }
    impl_->people.push_back(std::move(p));
  }
}

People::~People() = default;
People::People(People&&) noexcept = default;
People& People::operator=(People&&) noexcept = default;

const People& People::builtin() {
  static const People* p = new People(kBuiltinPeopleTsv);
  return *p;
}

PersonName People::identify(std::string_view name) const {
  std::string written = normalise_written(name);
  if (const Impl::Person* p = impl_->find(written)) return impl_->of(*p, std::move(written));
  std::string latin;
  switch (script_of_first_letter(to_u32(written))) {
    case USCRIPT_HAN:
      latin = chinese_name_to_latin(written);
      break;
    case USCRIPT_CYRILLIC:
      latin = cyrillic_name_to_latin(written);
      break;
    case USCRIPT_LATIN:
    case USCRIPT_COMMON:
      latin = written;
      break;
    default:  // other scripts: no Latin form promised
      break;
  }
  PersonName out;
  out.key = fold_key(latin.empty() ? written : latin);
  out.display = latin.empty() || latin == written ? written : written + " (" + latin + ")";
  out.latin = std::move(latin);
  out.written = std::move(written);
  return out;
}

std::vector<std::string> People::forms(std::string_view name) const {
  std::string written = normalise_written(name);
  if (const Impl::Person* p = impl_->find(written)) return impl_->all_forms(*p);
  std::vector<std::string> out;
  if (written.find(' ') == std::string::npos) {
    auto it = impl_->by_word.find(fold_key(written));
    if (it != impl_->by_word.end()) {
      for (std::size_t index : it->second) {
        for (auto& f : impl_->all_forms(impl_->people[index])) {
          if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
        }
      }
      return out;
    }
  }
  PersonName n = identify(written);
  out.push_back(n.written);
  if (!n.latin.empty() && n.latin != n.written) out.push_back(n.latin);
  return out;
}

std::vector<std::string> People::known_forms(std::string_view name) const {
  std::string written = normalise_written(name);
  if (const Impl::Person* p = impl_->find(written)) return impl_->all_forms(*p);
  if (written.find(' ') != std::string::npos) return {};
  auto it = impl_->by_surname.find(fold_key(written));
  if (it == impl_->by_surname.end() || it->second == Impl::kAmbiguous) return {};
  return impl_->all_forms(impl_->people[it->second]);
}

std::size_t People::known_han_prefix(std::string_view text) const {
  std::size_t longest = std::min(text.size(), impl_->longest_han_form);
  for (std::size_t len = longest; len >= 3; --len) {
    if ((len < text.size()) && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) continue;
    if (impl_->han_forms.count(std::string(text.substr(0, len)))) return len;
  }
  return 0;
}

}  // namespace communique::analysis
