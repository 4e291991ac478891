#include "ingest/enrich.h"

#include <algorithm>

#include "communique/gazetteer.h"

namespace communique::ingest {

namespace {

// Text is read in pieces of about this size, cut at paragraph breaks.
constexpr std::size_t kPieceBytes = 256 * 1024;

// The length of the next piece of `text`: all of it when short, else up to
// its last paragraph break within kPieceBytes (or kPieceBytes), never
// inside a UTF-8 character.
std::size_t next_piece(std::string_view text) {
  if (text.size() <= kPieceBytes) return text.size();
  std::size_t at = text.rfind("\n\n", kPieceBytes);
  std::size_t take = at == std::string_view::npos || at == 0 ? kPieceBytes : at;
  while (take < text.size() && (static_cast<unsigned char>(text[take]) & 0xC0) == 0x80) ++take;
  return take;
}

}  // namespace

void enrich_from_text(Statement& s, const Gazetteer& gazetteer, const Enrichment& what) {
  std::string_view issuer = what.issuer.empty() ? std::string_view(s.country) : what.issuer;
  const Country* own = gazetteer.resolve(issuer);
  std::string issuer_code = own ? own->code : std::string(issuer);
  // The countries the source gave, by code, for comparing with those found.
  std::vector<std::string> given;
  for (const auto& m : s.mentions) {
    if (const Country* c = gazetteer.resolve(m)) given.push_back(c->code);
  }
  auto add_country = [&](std::string code) {
    if (std::find(given.begin(), given.end(), code) != given.end()) return;
    given.push_back(code);
    s.mentions.push_back(std::move(code));
  };
  auto add_minister = [&](std::string name) {
    if (std::find(s.ministers.begin(), s.ministers.end(), name) == s.ministers.end())
      s.ministers.push_back(std::move(name));
  };
  auto read = [&](std::string_view piece) {
    if (what.ministers) {
      for (auto& name : extract_ministers(piece, gazetteer)) add_minister(std::move(name));
    }
    for (auto& code : mentioned_countries(piece, gazetteer, issuer_code))
      add_country(std::move(code));
  };
  read(s.title);
  for (std::string_view body = s.body; !body.empty();) {
    std::size_t take = next_piece(body);
    read(body.substr(0, take));
    body.remove_prefix(take);
  }
}

std::vector<std::string> mentioned_countries(std::string_view text, const Gazetteer& gazetteer,
                                             std::string_view issuer_code) {
  std::vector<std::string> codes;
  for (const auto& m : gazetteer.find_mentions(text)) {
    if (m.code == issuer_code) continue;
    if (std::find(codes.begin(), codes.end(), m.code) == codes.end()) codes.push_back(m.code);
  }
  return codes;
}

}  // namespace communique::ingest
