// People's names as the facets show them, whichever source wrote them and
// however: one person reads the same from a speaker list, a table column, a
// page's metadata or a sentence.

#ifndef COMMUNIQUE_INGEST_PERSON_NAMES_H_
#define COMMUNIQUE_INGEST_PERSON_NAMES_H_

#include <string>
#include <string_view>

namespace communique::ingest {

// A person's name as one facet value. Removes leading honorifics and titles
// ("Mr.", "MRS.", "H.E.", "Dr", "Sheikh", "His Royal Highness", "King",
// "Dato' Sri"), a trailing possessive ("Balakrishnan's"), parenthesised
// remarks, trailing post-nominals ("MP", "MBBS, MD") and stray punctuation;
// writes words in capitals as names ("HUANG Hua" -> "Huang Hua", "MR. JOSÉ
// DE LA CRUZ" -> "José de la Cruz", Roman numerals such as "III" kept);
// adds the period to a lone initial ("Joseph R Biden" -> "Joseph R. Biden");
// repairs Windows-1252 characters that were decoded as C1 controls; and
// collapses spaces. "" when nothing of a name is left. Spelling variants
// ("Sergey"/"Sergei") are not merged: that is not safely decidable. A name
// it returns comes back unchanged: normalising twice is normalising once.
std::string normalise_person_name(std::string_view raw);

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_PERSON_NAMES_H_
