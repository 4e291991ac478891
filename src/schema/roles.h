// The post a statement's speaker holds, as a facet value: the four
// categories the UN General Debate's speaker list reduces to, whatever the
// spelling, and any other post folded as written. Importers, the record
// normalisation and the role: filter all read posts through here, so that a
// post is found however it was written.

#ifndef COMMUNIQUE_SCHEMA_ROLES_H_
#define COMMUNIQUE_SCHEMA_ROLES_H_

#include <string>
#include <string_view>

namespace communique::schema {

// The speaker's post reduced to one of "head of state", "head of
// government", "foreign minister" or "other", whatever its spelling
// ("Minister for Foregn Affairs", "PRIME MINISTER", "Head  of the goverment").
// A post holding several offices takes the highest ("Prime Minister and
// Minister for Foreign Affairs" is head of government); deputies and
// vice-holders are "other". "" for a blank or placeholder post ("missing").
std::string normalise_role(std::string_view post);

// The key a role is indexed and filtered under: its category when it is
// one of the first three above ("Foreign Minister", "minister for foreign
// affairs" -> "foreign minister"), else the post folded (case, accents,
// spaces): "Spokesperson" -> "spokesperson", "other" -> "other".
std::string role_key(std::string_view post);

}  // namespace communique::schema

#endif  // COMMUNIQUE_SCHEMA_ROLES_H_
