// The UN General Debate Corpus layout (Jankin, Baturo, Dasandi).

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include "core/ascii.h"
#include "ingest/encoding.h"
#include "ingest/enrich.h"
#include "ingest/formats.h"
#include "ingest/normalise.h"

namespace communique::ingest {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "ungdc";

// Codes speakers.tsv uses that are not ISO codes, for the entities whose
// speech files carry the ISO code (see corpus/gazetteer.tsv's header).
// Kept here rather than as gazetteer aliases: "PKR" or "CZK" in running
// text are currencies, not countries.
constexpr std::pair<const char*, const char*> kSpeakerCodeFixes[] = {
    {"DKN", "DNK"}, {"CZK", "CSK"}, {"POR", "PRT"},  {"PAR", "PRY"},
    {"PKR", "PRK"}, {"ZFA", "ZAF"}, {"YDYE", "YMD"}, {"EC", "EU"}};

struct SpeechName {
  std::string code;
  int session = 0;
  int year = 0;
};

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "CHN_75_2020" -> {CHN, 75, 2020}.
std::optional<SpeechName> parse_speech_stem(std::string_view stem) {
  std::size_t a = stem.find('_');
  if (a == std::string_view::npos) return std::nullopt;
  std::size_t b = stem.find('_', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  std::string_view code = stem.substr(0, a), session = stem.substr(a + 1, b - a - 1),
                   year = stem.substr(b + 1);
  if (code.size() < 2 || code.size() > 4) return std::nullopt;
  if (!std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isupper(c); }))
    return std::nullopt;
  if (!all_digits(session) || session.size() > 3 || !all_digits(year) || year.size() != 4)
    return std::nullopt;
  return SpeechName{std::string(code), std::stoi(std::string(session)),
                    std::stoi(std::string(year))};
}

// "Session 75 - 2020" -> 75.
std::optional<int> parse_session_folder(std::string_view name) {
  constexpr std::string_view kPrefix = "Session ";
  if (name.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  name.remove_prefix(kPrefix.size());
  std::size_t end = 0;
  while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
  if (end == 0 || end > 3) return std::nullopt;
  return std::stoi(std::string(name.substr(0, end)));
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.emplace_back(core::trim_ascii(
        line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

struct UngdcLayout::Impl {
  struct Row {
    std::uint64_t line = 0;
    int session = 0;
    std::string code;      // as written
    std::string key_code;  // the speech files' code for it
    std::string country;   // as written
    std::string name;      // as written
    std::string post;      // as written
    bool used = false;
  };

  fs::path root;
  fs::path table;
  const Context& context;
  std::vector<Row> rows;
  std::map<std::pair<std::string, int>, std::vector<std::size_t>> by_key;
  std::set<int> whole_sessions;

  Impl(const fs::path& r, const Context& c) : root(r), table(r / "speakers.tsv"), context(c) {
    load();
  }

  std::string key_code(std::string code) const {
    for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (const auto& [bad, good] : kSpeakerCodeFixes) {
      if (code == bad) return good;
    }
    return code;
  }

  void load() {
    Provenance where{table.string(), 0, 0, kFormat};
    std::ifstream in(table, std::ios::binary);
    if (!in) {
      context.problem("no-speaker-table", where, "",
                      "the UN General Debate layout has no readable speakers.tsv beside TXT/; "
                      "speeches are indexed "
                      "without speakers and posts",
                      false);
      return;
    }
    std::string line;
    // Column positions, from the header when it names them.
    std::size_t c_session = 1, c_code = 2, c_country = 3, c_name = 4, c_post = 5;
    bool header = true;
    while (std::getline(in, line)) {
      ++where.line;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (where.line == 1) {
        std::string copy = line;
        strip_bom(copy);
        line = copy;
      }
      if (core::trim_ascii(line).empty()) continue;
      std::vector<std::string> cols = split_tabs(line);
      if (header) {
        header = false;
        for (std::size_t i = 0; i < cols.size(); ++i) {
          std::string h = core::ascii_lower(cols[i]);
          if (h == "session")
            c_session = i;
          else if (h == "iso code" || h == "iso" || h == "code")
            c_code = i;
          else if (h == "country")
            c_country = i;
          else if (h.find("name") != std::string::npos)
            c_name = i;
          else if (h == "post")
            c_post = i;
        }
        continue;
      }
      ++where.record;
      std::size_t needed = std::max({c_session, c_code, c_name}) + 1;
      if (cols.size() < needed || !all_digits(cols[c_session])) {
        context.problem("malformed-speaker-row", where, "",
                        "speakers.tsv row is not Year, Session, ISO Code, Country, Name, Post "
                        "separated by tabs; "
                        "row not used",
                        false);
        continue;
      }
      Row row;
      row.line = where.line;
      row.session = std::stoi(cols[c_session]);
      row.code = cols[c_code];
      row.key_code = key_code(row.code);
      row.country = c_country < cols.size() ? cols[c_country] : "";
      row.name = cols[c_name];
      row.post = c_post < cols.size() ? cols[c_post] : "";
      by_key[{row.key_code, row.session}].push_back(rows.size());
      rows.push_back(std::move(row));
    }
  }

  // A speech with no row under its code may have one under a wrong code
  // whose country name is right ("ARE", "United Arab Republic", for EGY):
  // such a row is taken, and the mismatch reported.
  std::map<std::pair<std::string, int>, std::vector<std::size_t>>::iterator match_by_country_name(
      const SpeechName& name, const Provenance& where, const std::string& id) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      Row& row = rows[i];
      if (row.used || row.session != name.session || row.key_code == name.code) continue;
      const Country* c = context.gazetteer.resolve(row.country);
      if (!c || c->code != name.code) continue;
      context.problem("speaker-row-code-mismatch", where, id,
                      "speakers.tsv line " + std::to_string(row.line) + " gives code \"" +
                          row.code + "\" for " + row.country +
                          "; matched to this speech by the country name",
                      false);
      by_key[{name.code, name.session}].push_back(i);
      return by_key.find({name.code, name.session});
    }
    return by_key.end();
  }

  void read_speech(const fs::path& file, bool whole_session) {
    Provenance where{file.string(), 0, 0, kFormat};
    std::string stem = file.stem().string();
    auto name = parse_speech_stem(stem);
    if (!name || file.extension() != ".txt") {
      context.sink.skipped_file(
          file.string(), "not a speech file of the UN General Debate layout (ISO_NN_YYYY.txt)");
      return;
    }
    if (whole_session) whole_sessions.insert(name->session);
    auto text = read_file(file);
    if (!text) {
      context.problem("unreadable-file", where, stem, "cannot read the file; check its permissions",
                      true);
      return;
    }
    strip_bom(*text);
    Statement s;
    s.id = stem;
    s.body = std::move(*text);
    s.country = name->code;
    s.date.year = name->year;  // the corpus gives no day; none is invented
    s.source = kFormat;
    auto it = by_key.find({name->code, name->session});
    if (it == by_key.end()) it = match_by_country_name(*name, where, stem);
    if (it == by_key.end()) {
      if (fs::exists(table)) {
        context.problem("no-speaker-row", where, stem,
                        "speakers.tsv has no row for " + name->code + ", session " +
                            std::to_string(name->session) + "; indexed without a speaker",
                        false);
      }
    } else {
      std::string lines, names;
      for (std::size_t index : it->second) {
        Row& row = rows[index];
        row.used = true;
        if (!row.name.empty()) s.ministers.push_back(row.name);
        // The post of the first row that gives one ("missing" gives none).
        if (s.role.empty() && !display_role(row.post).empty()) s.role = row.post;
        lines += (lines.empty() ? "" : ", ") + std::to_string(row.line);
        names += (names.empty() ? "" : "; ") + row.name;
      }
      if (it->second.size() > 1) {
        context.problem("duplicate-speaker-row", where, stem,
                        "speakers.tsv lines " + lines + " all give " + name->code + ", session " +
                            std::to_string(name->session) + " (" + names +
                            "); all are kept as speakers",
                        false);
      }
    }
    Enrichment mentions_only;
    mentions_only.ministers = false;  // speakers.tsv names them
    enrich_from_text(s, context.gazetteer, mentions_only);
    context.emit(std::move(s), where);
  }

  void finish(bool whole_layout) {
    for (const Row& row : rows) {
      if (row.used || (!whole_layout && !whole_sessions.count(row.session))) continue;
      std::string code = row.code.empty() ? "(no code)" : row.code;
      if (row.key_code != row.code) code += " (read as " + row.key_code + ")";
      context.problem("speaker-row-without-file", Provenance{table.string(), row.line, 0, kFormat},
                      "",
                      "speakers.tsv row for " + code + " " + row.country + ", session " +
                          std::to_string(row.session) + " (" + row.name +
                          ") matches no speech file; row not used",
                      false);
    }
  }
};

UngdcLayout::UngdcLayout(const fs::path& root, const Context& context)
    : impl_(std::make_unique<Impl>(root, context)) {}

UngdcLayout::~UngdcLayout() = default;

std::optional<fs::path> UngdcLayout::root_of_speech(const fs::path& file) {
  if (!parse_speech_stem(file.stem().string()) || file.extension() != ".txt") return std::nullopt;
  fs::path session = file.parent_path();
  if (!parse_session_folder(session.filename().string())) return std::nullopt;
  fs::path sessions = session.parent_path();  // TXT/
  if (core::ascii_lower(sessions.filename().string()) == "txt") return sessions.parent_path();
  return sessions;
}

bool UngdcLayout::is_speaker_table(const fs::path& file) {
  std::error_code ec;
  return file.filename() == "speakers.tsv" && fs::is_directory(file.parent_path() / "TXT", ec);
}

void UngdcLayout::read_speech(const fs::path& file, bool whole_session) {
  impl_->read_speech(file, whole_session);
}

void UngdcLayout::finish(bool whole_layout) { impl_->finish(whole_layout); }

}  // namespace communique::ingest
