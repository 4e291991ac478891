// The index's layout: the term prefixes and value slots, how positions
// number passages, the format version. Which field uses which is said once,
// in schema/fields.h; how words become terms, in schema/terms.h.

#ifndef COMMUNIQUE_SCHEMA_SCHEMA_H_
#define COMMUNIQUE_SCHEMA_SCHEMA_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace communique::schema {

// Boolean (filter) term prefixes, after Omega's conventions.
inline constexpr std::string_view kIdPrefix = "Q";         // Q<id>
inline constexpr std::string_view kLanguagePrefix = "L";   // Len
inline constexpr std::string_view kCountryPrefix = "XC";   // XCCHN
inline constexpr std::string_view kMinisterPrefix = "XP";  // XPwang yi (folded)
inline constexpr std::string_view kMentionPrefix = "XN";   // XNKAZ
inline constexpr std::string_view kRolePrefix = "XR";      // XRforeign minister
inline constexpr std::string_view kYearPrefix = "XY";      // XY2020
inline constexpr std::string_view kMonthPrefix = "XM";     // XM202007
inline constexpr std::string_view kDayPrefix = "XD";       // XD20200717
inline constexpr std::string_view kSourcePrefix = "XS";    // XSungdc
// The group of near-identical statements as a term: written by indexes
// before 2026-12-06 only (the group is a value, kGroupSlot), and taken
// out of a statement as its group changes.
inline constexpr std::string_view kGroupPrefix = "XG";  // XG<16 hex digits>

// Free-text terms are unprefixed stems with positions. Words written in
// capitals ("WHO", "U.S.") are indexed a second time under this prefix, so
// that a query in capitals can ask for the acronym, not the stopword.
inline constexpr std::string_view kAcronymPrefix = "XA";
// A word as written (folded, unstemmed), with its positions, when that
// differs from its stem: "XWgovernance" beside the stem "govern". A query
// word then counts fully where it was written as typed and less where
// only its stem matches ("governance" is not "government").
inline constexpr std::string_view kWordPrefix = "XW";
// Chinese, Japanese and Thai are indexed by character (analysis/grams.h):
// each character an unprefixed term with its position, and each pair of
// adjacent characters of a run under this prefix, without positions
// ("XB外交", "XB交部"), to find quickly the statements that may hold a run.
inline constexpr std::string_view kBigramPrefix = "XB";

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;     // sortable_serialise(YYYYMMDD)
inline constexpr Xapian::valueno kCountrySlot = 1;  // "CHN"
inline constexpr Xapian::valueno kYearSlot = 2;     // "2020"
inline constexpr Xapian::valueno kRoleSlot = 3;     // role_key: "foreign minister"
inline constexpr Xapian::valueno kHashSlot = 4;     // content hash, 16 hex digits
// "YYYYMMDD" (00 for unknown parts, 00000000 without a date) then the id:
// the tie-break of rankings and the order of listings. A stock value sort
// (unlike a KeyMaker) also runs on remote shards, and unlike Xapian's
// docids it is the same however the statements are sharded.
inline constexpr Xapian::valueno kOrderSlot = 5;
// All of a statement's ministers (as shown), joined by kListSeparator. A
// stock ValueCountMatchSpy (which a remote xapian-tcpsrv also runs) counts
// the statements of each combination with one value read per statement;
// splitting the combinations gives exact counts per minister, as a
// statement names a minister once. kMentionsSlot likewise.
inline constexpr Xapian::valueno kMinistersSlot = 6;
inline constexpr char kListSeparator = '\x1f';
// The positions of each passage (words, and characters of Chinese,
// Japanese and Thai), title first: one byte each (255 = 255 or more), so
// that passages can be length-normalised without the document.
inline constexpr Xapian::valueno kPassageLengthsSlot = 7;
// The file the statement was read from: its path as walked (absolute,
// lexically normal, links not resolved), so that pruning can keep the
// statements of a file or folder a run could not read. Absent for a
// statement added without a file; an index written before this slot
// existed is still read alike (its statements simply have none, until an
// update rewrites them), so the format version did not change.
inline constexpr Xapian::valueno kSourceFileSlot = 8;
inline constexpr Xapian::valueno kMentionsSlot = 9;   // "KAZ\x1fUZB"
inline constexpr Xapian::valueno kLanguageSlot = 10;  // "zh"
// The MinHash signature of the body (analysis/minhash.h), and the group of
// near-identical statements it belongs to (index/near_duplicates.h): 16
// hex digits, absent for a statement with no near-identical other; a
// reader lists a group's members from this slot (query/groups.h). An
// index written before these existed is read alike; its statements join
// groups as updates rewrite them.
inline constexpr Xapian::valueno kSignatureSlot = 11;
inline constexpr Xapian::valueno kGroupSlot = 12;

// Positions: the top bits number the passage (0 is the title, 1.. the body
// passages in order), the low bits the word within it (a character, in
// Chinese, Japanese and Thai: analysis/grams.h). Query-term positions thus
// name their passage with no lookup.
inline constexpr unsigned kPassageShift = 12;
inline constexpr Xapian::termpos kMaxWordInPassage = (1u << kPassageShift) - 1;
inline constexpr Xapian::termpos kMaxPassage = (1u << (32 - kPassageShift)) - 1;

inline Xapian::termpos position(std::uint32_t passage, std::uint32_t word) {
  if (word > kMaxWordInPassage) word = kMaxWordInPassage;
  if (passage > kMaxPassage) passage = kMaxPassage;
  return (passage << kPassageShift) | word;
}
inline std::uint32_t passage_of(Xapian::termpos pos) { return pos >> kPassageShift; }

// Title words count this many times in a statement's term frequencies.
inline constexpr Xapian::termcount kTitleWdf = 2;

// Database metadata keys.
inline constexpr std::string_view kFormatKey = "communique.format";
// Bumped when the documents written change incompatibly; an index of
// another format must be rebuilt. 2: ministers in one slot; passages follow
// the paragraphs of hard-wrapped text; words as written beside stems.
// 3: Chinese, Japanese and Thai take a position per character, with
// character bigrams; their passages end at sentence ends. 4: mentions and
// language facets in value slots; roles indexed by their key.
inline constexpr std::string_view kFormatVersion = "4";

// Xapian refuses terms longer than 245 bytes. A longer term (a 300-byte
// source name, a word that Unicode folding expanded) is cut to this many
// bytes at a UTF-8 character boundary, by the indexer and the query parser
// alike, so that it is still found.
inline constexpr std::size_t kMaxTermBytes = 240;

inline void clip_term(std::string& t) {
  if (t.size() <= kMaxTermBytes) return;
  std::size_t n = kMaxTermBytes;
  while (n > 0 && (static_cast<unsigned char>(t[n]) & 0xC0) == 0x80) --n;
  t.resize(n);
}

inline std::string order_key(std::uint32_t date_key, std::string_view id) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%08u", static_cast<unsigned>(date_key % 100000000u));
  std::string key(digits);
  key += id;
  return key;
}

inline std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  clip_term(t);
  return t;
}

}  // namespace communique::schema

#endif  // COMMUNIQUE_SCHEMA_SCHEMA_H_
