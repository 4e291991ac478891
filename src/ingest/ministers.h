// Finding office holders in running text, by language: the extractors
// behind extract_ministers (ingest/enrich.h), each giving the names it
// finds with the byte offset where each was found, so that their findings
// merge in text order.

#ifndef COMMUNIQUE_INGEST_MINISTERS_H_
#define COMMUNIQUE_INGEST_MINISTERS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace communique {
class Gazetteer;
namespace analysis {
class People;
}
}  // namespace communique

namespace communique::ingest {

struct FoundPerson {
  std::size_t at;    // byte offset of the name in the text
  std::string name;  // as written, spacing regular
};

// English (and other Latin-script) posts and names: "State Councilor and
// Foreign Minister Wang Yi", "His Excellency Bui Thanh Son, Minister of
// Foreign Affairs". Names normalised by normalise_person_name.
std::vector<FoundPerson> latin_office_holders(std::string_view text, const Gazetteer& gazetteer);

// Chinese: a post then the name ("外交部发言人汪文斌", "国务委员兼外长王毅",
// "美国国务卿布林肯"), a name then its post ("习近平主席", "拜登总统"), and
// the speaker of a turn in a transcript ("汪文斌：" at a paragraph's start).
// Names in Chinese characters, as written. A Chinese name is a known
// surname and one or two characters, ending where a word that follows names
// begins (表示, 主持, 答, 说...) or at punctuation; a foreign name in
// characters is one the people table knows, or characters of the usual
// transliteration set up to punctuation or such a word.
std::vector<FoundPerson> chinese_office_holders(std::string_view text, const Gazetteer& gazetteer,
                                                const analysis::People& people);

// Russian: a post, the rest of it, then the name ("Министр иностранных дел
// Российской Федерации С.В.Лавров", "официальный представитель МИД России
// М.В.Захарова"). Names in Cyrillic, initials spaced ("С. В. Лавров"), put
// back in the nominative when the post is in another case ("Министра ...
// С.В.Лаврова" gives "С. В. Лавров", "представителя ... М.В.Захаровой"
// gives "М. В. Захарова").
std::vector<FoundPerson> russian_office_holders(std::string_view text, const Gazetteer& gazetteer);

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_MINISTERS_H_
