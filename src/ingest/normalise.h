// The normalisation stage: the checks and tidying every statement passes
// before it is built into a document, whichever importer read it or
// whoever gave it through the library (Indexer::add calls it). Importers
// read what their sources say; this is where a record becomes the same
// whatever its source: one country code, one spelling of a person, one
// post, each listed once.

#ifndef COMMUNIQUE_INGEST_NORMALISE_H_
#define COMMUNIQUE_INGEST_NORMALISE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "communique/report.h"
#include "communique/statement.h"

namespace communique {
class Gazetteer;
}

namespace communique::ingest {

// Longer statements (body and title) are refused: they are never real
// statements (a whole dump on one line), and Xapian stores a document's
// data in one record.
inline constexpr std::size_t kMaxStatementBytes = 64u << 20;

// Longer ids are refused: an id is a key, not a text.
inline constexpr std::size_t kMaxIdBytes = 200;

// Tidies `statement` in place and says whether it is to be indexed; what
// was wrong with it goes to `problems` (Problem::skipped when it is not to
// be indexed), each with `where` and the statement's id. In order:
//   id        trimmed; skipped when missing (missing-id), not valid UTF-8
//             (invalid-utf8) or longer than kMaxIdBytes (bad-id)
//   size      skipped when body and title exceed kMaxStatementBytes (too-large)
//   UTF-8     invalid sequences in the body, title and ministers replaced
//             by U+FFFD (invalid-utf8, indexed anyway)
//   body      skipped when blank (empty-body)
//   date      dropped when it does not exist, as 2021-02-30 (bad-date)
//   country   resolved by the gazetteer to its code; dropped when unknown
//             (unknown-country)
//   mentions  each resolved to its code (an unknown one dropped:
//             unknown-country), each once, the issuer's own country left out
//   ministers each tidied: a name with Latin letters by
//             normalise_person_name, one wholly in another script trimmed; each
//             person once (by schema::person_key, so "王毅" and "Wang Yi"
//             are one: the first given is kept), nameless ones dropped
//   role      its category ("minister for foreign affairs" -> "foreign
//             minister"; see schema/roles.h), else the post as written,
//             spaces tidied; "" for a blank or placeholder post
//   language  a BCP 47 tag, else guessed from the body (bad-language when
//             one was given that is not a tag)
// Never throws for what a statement holds.
bool normalise_statement(Statement& statement, const Provenance& where, const Gazetteer& gazetteer,
                         std::vector<Problem>& problems);

// The post as statements show it: its category when it is a head of state,
// head of government or foreign minister, however written ("Minister for
// Foregn Affairs" -> "foreign minister"), else the post as written with
// its spaces tidied ("Spokesperson"); "" for a blank or placeholder post
// ("missing").
std::string display_role(std::string_view post);

// Whether `tag` is a language tag as BCP 47 writes it ("en", "zh-Hans",
// "pt-BR"). Anything else would become an index term of its own and a
// stemmer lookup per query word.
bool valid_language_tag(std::string_view tag);

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_NORMALISE_H_
