// People's names in every script, one identity per person: "汪文斌" and
// "Wang Wenbin" are one person, so are "С.В.Лавров", "Сергей Лавров",
// "拉夫罗夫" and "Sergey Lavrov".
//
// What ICU's transforms do well they do: Chinese names through Han-Latin
// (the surname by its reading as a surname: 曾 is Zeng, 单 is Shan), Russian
// through Russian-Latin/BGN (Захарова is Zakharova). What they cannot -- a
// Chinese rendering of a foreign name (拉夫罗夫 is no pinyin of anything),
// a given name read otherwise than its commonest reading (马朝旭 is Ma
// Zhaoxu), a person's usual English spelling (Maria, not Mariya) -- the
// table corpus/people.tsv says.

#ifndef COMMUNIQUE_ANALYSIS_PEOPLE_H_
#define COMMUNIQUE_ANALYSIS_PEOPLE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace communique::analysis {

// A name, and the identity of the person it names.
struct PersonName {
  // The name as written, spacing made regular: "汪文斌", "С. В. Лавров"
  // (initials spaced), "Wang Wenbin".
  std::string written;
  // The person's name in Latin letters: the table's name for a person it
  // knows ("Sergey Lavrov" for "С.В.Лавров"), else the transform's ("Wang
  // Wenbin", "S. V. Lavrov"); "" for a name in Chinese characters that is
  // not a Chinese name and that the table does not know (a foreign name
  // rendered in characters), whose pinyin would mean nothing.
  std::string latin;
  // The identity: the same for every form of one person. The folded Latin
  // name without dots or commas ("wang wenbin", "sergey lavrov"); for a
  // name without a Latin form, the folded written form.
  std::string key;
  // How a facet shows the person: the person's own script first, then the
  // Latin name ("汪文斌 (Wang Wenbin)", "Сергей Лавров (Sergey Lavrov)"),
  // or the Latin name alone for a person whose own script is Latin
  // ("Antony Blinken").
  std::string display;
};

class People {
 public:
  // The table compiled into the library (corpus/people.tsv). Thread-safe,
  // never destroyed.
  static const People& builtin();

  // Parses a table in the format of corpus/README.md. Throws
  // InvalidArgument naming the line on bad input (a row without a name, a
  // form given to two people).
  explicit People(std::string_view people_tsv);
  ~People();
  People(People&&) noexcept;
  People& operator=(People&&) noexcept;

  // The identity of a name in any script. Thread-safe.
  PersonName identify(std::string_view name) const;

  // Every form the table knows of the person `name` names, in every
  // script, the Latin name first ("Lavrov" or "Лавров" gives "Sergey
  // Lavrov", "Сергей Лавров", "拉夫罗夫", ...): for a query to find a person
  // across scripts. A name the table does not know gives its written form
  // and its Latin form, where they differ. A single word matches a person
  // whose Latin name or forms hold that word ("Lavrov", "Лавров").
  std::vector<std::string> forms(std::string_view name) const;

  // The forms of the one person the table knows by `name` (any of their
  // forms, "Wang Yi", "Ван И", "拉夫罗夫", or, for a person whose name is not
  // Chinese, the surname alone in an alphabetic script: "Lavrov",
  // "Лавров"), the Latin name first; empty for a name the table does not
  // know or that two of its people share. For a query's words, which must
  // not turn a common word into a person: unlike forms(), nothing is
  // guessed.
  std::vector<std::string> known_forms(std::string_view name) const;

  // The length in bytes of the longest form in Chinese characters the
  // table knows that `text` starts with ("拉夫罗夫表示" -> 12); 0 if none.
  std::size_t known_han_prefix(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A Chinese personal name in Latin letters, surname first and the given
// name joined ("王毅" -> "Wang Yi", "汪文斌" -> "Wang Wenbin", "欧阳修" ->
// "Ouyang Xiu"); "" when `han` is not two to four Han characters starting
// with a known Chinese surname (one character, or two: 欧阳, 司马, ...).
std::string chinese_name_to_latin(std::string_view han);

// The number of characters of the Chinese surname `han` starts with (2 for
// 欧阳, 司马, ..., 1 for 王, 汪, ...), 0 when it starts with none. The list
// leaves out the rare surnames that are also common words or that begin
// the usual Chinese renderings of foreign names (国, 和, 于, 阿, 巴, 普...),
// so that "主席国" or "普京" are not read as Chinese names.
std::size_t chinese_surname_length(std::u32string_view han);

// A Russian name in Latin letters by BGN/PCGN ("Захарова" -> "Zakharova",
// "С. В. Лавров" -> "S. V. Lavrov", "Сергей Лавров" -> "Sergey Lavrov"),
// without the marks of the hard and soft signs.
std::string cyrillic_name_to_latin(std::string_view cyrillic);

}  // namespace communique::analysis

#endif  // COMMUNIQUE_ANALYSIS_PEOPLE_H_
