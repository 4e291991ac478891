// The office holders and countries a statement's text names, added to
// those its source gave. Importers of formats that do not list them
// (tables, ministries' JSON dumps, pages, the UN speeches) call this;
// canonical records (JSONL) are taken as they are. Whatever an importer
// makes of a record, the indexer's normalisation stage (ingest/normalise.h)
// then resolves, tidies and deduplicates it.

#ifndef COMMUNIQUE_INGEST_ENRICH_H_
#define COMMUNIQUE_INGEST_ENRICH_H_

#include <string>
#include <string_view>
#include <vector>

#include "communique/statement.h"

namespace communique {
class Gazetteer;
}

namespace communique::ingest {

// What enrich_from_text looks for.
struct Enrichment {
  // Office holders named in the text. False where the source names the
  // speakers itself (a table's minister column, the UN speaker list).
  bool ministers = true;
  // The issuer whose country is not a mention of its own statement, when
  // it is not the statement's country (a --set value applied later); ""
  // for the statement's country.
  std::string issuer;
};

// Adds to `statement` the office holders (extract_ministers) and the
// countries (mentioned_countries) its title and body name, in text order,
// after those the source gave: a name is added when it is not among them
// already, a country when none of them names it (by code, name or alias).
// The issuer's country is not added. The title and the body are read
// apart (a name does not run from a title into the text below it), the
// body in pieces of about 256 KiB cut at paragraph breaks, so that a long
// text costs time in proportion and bounded memory.
void enrich_from_text(Statement& statement, const Gazetteer& gazetteer,
                      const Enrichment& what = {});

// The ministers and other office holders a text names next to their post
// ("State Councilor and Foreign Minister Wang Yi", "Kazakh Foreign Minister
// Mukhtar Tleuberdi", "Minister for Foreign Affairs Dr Vivian
// Balakrishnan's Written Reply", "His Excellency Bui Thanh Son, Minister of
// Foreign Affairs"), in Chinese ("外交部发言人汪文斌", "习近平主席", a
// transcript's "毛宁：") and in Russian ("Министр иностранных дел
// Российской Федерации С.В.Лавров"); see ingest/ministers.h. Latin-script
// names normalised by normalise_person_name, others as written (Russian
// initials spaced, the nominative restored). In text order, each person
// once, whatever the script or form (People::identify's key: "王毅" and
// "Wang Yi" are one). A Latin-script name needs two words or more; a bare
// surname ("Wang said") is not taken, as it cannot be told apart from
// another person's.
// (Implemented in ingest/ministers.cpp.)
std::vector<std::string> extract_ministers(std::string_view text, const Gazetteer& gazetteer);

// The codes of the countries a text names (by name, formal name, alias or
// demonym), in order of first mention, each once, leaving out
// `issuer_code` (a statement does not "mention" its own country).
std::vector<std::string> mentioned_countries(std::string_view text, const Gazetteer& gazetteer,
                                             std::string_view issuer_code = {});

}  // namespace communique::ingest

#endif  // COMMUNIQUE_INGEST_ENRICH_H_
