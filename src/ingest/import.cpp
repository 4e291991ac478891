// import_paths: walks the inputs and hands each file to its importer,
// chosen from the file's layout and first bytes (or ImportOptions::format).

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "communique/error.h"
#include "communique/importer.h"
#include "core/ascii.h"
#include "ingest/encoding.h"
#include "ingest/formats.h"
#include "ingest/walk.h"

namespace communique {

namespace fs = std::filesystem;

namespace ingest {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  char sep = value.find(';') != std::string_view::npos ? ';' : ',';
  while (start <= value.size()) {
    std::size_t end = value.find(sep, start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = core::trim_ascii(value.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

constexpr const char* kFormats[] = {"auto", "jsonl", "ungdc", "ministry-json",
                                    "page", "csv",   "tsv"};

void validate(const ImportOptions& options) {
  if (std::find(std::begin(kFormats), std::end(kFormats), options.format) == std::end(kFormats)) {
    throw InvalidArgument("unknown format \"" + options.format +
                          "\"; use auto, jsonl, ungdc, ministry-json, page, csv or tsv");
  }
  for (const auto& [field, column] : options.map) {
    if (!is_record_field(field)) {
      throw InvalidArgument(
          "--map " + field + "=" + column +
          ": no such field; fields are id, body, title, date, country, ministers, mentions, "
          "language, role, source, url");
    }
  }
  for (const auto& [field, value] : options.set) {
    if (!is_record_field(field)) {
      throw InvalidArgument(
          "--set " + field + "=" + value +
          ": no such field; fields are id, body, title, date, country, ministers, mentions, "
          "language, role, source, url");
    }
    Statement probe;
    if (!set_field(probe, field, value)) {
      throw InvalidArgument("--set " + field + "=" + value +
                            ": not a date; write YYYY, YYYY-MM or YYYY-MM-DD");
    }
  }
}

bool is_json_object(std::string_view line) {
  auto parsed = nlohmann::json::parse(line, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object();
}

// Whether the first (or, when that one is damaged, the second) line of a
// file is a JSON object: one bad record does not make JSONL something else.
bool starts_like_jsonl(std::string_view head) {
  std::string copy(head);
  strip_bom(copy);
  std::string_view rest = core::trim_ascii(copy);
  if (rest.empty() || rest.front() != '{') return false;
  std::size_t end = rest.find('\n');
  if (is_json_object(rest.substr(0, end))) return true;
  if (end == std::string_view::npos) return false;
  std::string_view second = core::trim_ascii(rest.substr(end + 1));
  return !second.empty() && second.front() == '{' &&
         is_json_object(second.substr(0, second.find('\n')));
}

// What a file in a binary format is, told by its first bytes; "" when it
// may be text. Text files may hold a stray control byte (a NUL pasted
// into one record): only a file that starts with a known signature, or
// whose start is more than 1 byte in 32 control characters (as compressed
// and binary data are, and no text is), counts as binary.
std::string binary_kind(std::string_view head) {
  using namespace std::string_view_literals;
  struct Signature {
    std::string_view bytes;
    const char* kind;
    std::size_t offset = 0;
  };
  static const Signature kSignatures[] = {
      {"%PDF-"sv, "a PDF document"},
      {"\x89PNG\r\n\x1A\n"sv, "a PNG image"},
      {"\xFF\xD8\xFF"sv, "a JPEG image"},
      {"GIF87a"sv, "a GIF image"},
      {"GIF89a"sv, "a GIF image"},
      {"II*\0"sv, "a TIFF image"},
      {"MM\0*"sv, "a TIFF image"},
      {"RIFF"sv, "a RIFF file (WebP, WAV, AVI)"},
      {"ftyp"sv, "an MP4 or QuickTime file", 4},
      {"OggS"sv, "an Ogg file"},
      {"ID3"sv, "an MP3 file"},
      {"\x1A\x45\xDF\xA3"sv, "a Matroska or WebM video"},
      {"PK\x03\x04"sv, "a ZIP archive (or a .docx, .xlsx, .odt or .epub, which are ZIP archives)"},
      {"PK\x05\x06"sv, "an empty ZIP archive"},
      {"\x1F\x8B"sv, "a gzip archive"},
      {"\xFD\x37zXZ\0"sv, "an xz archive"},
      {"7z\xBC\xAF\x27\x1C"sv, "a 7-Zip archive"},
      {"Rar!\x1A\x07"sv, "a RAR archive"},
      {"\x28\xB5\x2F\xFD"sv, "a Zstandard archive"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, "a Microsoft Office 97-2003 document (.doc, .xls)"},
      {"\x7F\x45LF"sv, "a program"},
      {"SQLite format 3\0"sv, "an SQLite database"},
  };
  for (const auto& s : kSignatures) {
    if (head.size() >= s.offset + s.bytes.size() &&
        head.substr(s.offset, s.bytes.size()) == s.bytes)
      return s.kind;
  }
  if (head.size() >= 4 && head.starts_with("BZh") && head[3] >= '1' && head[3] <= '9')
    return "a bzip2 archive";
  std::size_t controls = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    // Tab, line feed, vertical tab, form feed, carriage return and escape
    // occur in text.
    controls += c < 0x20 && !(c >= 0x09 && c <= 0x0D) && c != 0x1B;
  }
  if (controls * 32 > head.size()) {
    return "binary data: " + std::to_string(controls) + " of its first " +
           std::to_string(head.size()) + " bytes are control characters";
  }
  return {};
}

// An open file and its first bytes; `error` says why it could not be
// opened or read.
struct OpenedFile {
  std::ifstream in;
  std::string head;
  std::string error;
};

void open_file(const fs::path& file, OpenedFile& opened) {
  opened.in.open(file, std::ios::binary);
  if (!opened.in) {
    opened.error = std::string("cannot open it (") + std::strerror(errno) + ")";
    return;
  }
  opened.head.assign(kSniffBytes, '\0');
  opened.in.read(opened.head.data(), static_cast<std::streamsize>(opened.head.size()));
  opened.head.resize(static_cast<std::size_t>(std::max<std::streamsize>(opened.in.gcount(), 0)));
  if (opened.in.bad()) {
    opened.error = std::string("cannot read it (") + std::strerror(errno) + ")";
    return;
  }
  opened.in.clear();
  opened.in.seekg(0);
}

std::string lower_extension(const fs::path& file) {
  return core::ascii_lower(file.extension().string());
}

std::string normal(const fs::path& p) {
  std::string s = fs::absolute(p).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Whether `inner` is `outer` or lies inside it.
bool within(const fs::path& inner, const fs::path& outer) {
  std::string i = normal(inner), o = normal(outer);
  return i == o || (i.size() > o.size() && i.starts_with(o) && i[o.size()] == '/');
}

// The readers a file can go to.
enum class Reader { kNone, kJsonl, kMinistryJson, kPage, kCsv, kTsv };

class Dispatcher {
 public:
  explicit Dispatcher(const Context& context) : context_(context), walker_(context) {}

  void import(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw NotFound("no such file or directory: " + path);
    if (!fs::is_directory(path, ec)) {
      if (walker_.first_visit(path))
        dispatch(path, /*from_walk=*/false, fs::path(path).filename().string());
      return;
    }
    walked_.emplace_back(path);
    walker_.walk(path,
                 [&](const WalkedFile& f) { dispatch(f.path, /*from_walk=*/true, f.relative); });
  }

  void finish() {
    for (auto& [key, layout] : layouts_) {
      const fs::path& root = key;  // clang 14 lambdas cannot capture structured bindings
      bool whole = std::any_of(walked_.begin(), walked_.end(), [&](const fs::path& p) {
        return within(root, p) || normal(p) == normal(root / "TXT");
      });
      // Speaker rows of speeches that could not be read are not orphans.
      whole = whole && std::none_of(walker_.unread().begin(), walker_.unread().end(),
                                    [&](const fs::path& p) { return within(p, root); });
      layout->finish(whole);
    }
  }

 private:
  UngdcLayout& layout(const fs::path& root) {
    auto& slot = layouts_[fs::path(normal(root))];
    if (!slot) slot = std::make_unique<UngdcLayout>(root, context_);
    return *slot;
  }

  void unreadable(const fs::path& file, const std::string& why) {
    context_.problem("unreadable-file", Provenance{file.string(), 0, 0, ""}, "",
                     why +
                         "; not read, and the statements indexed from it before are kept. "
                         "Make it readable to the user running the indexer",
                     true);
  }

  // `relative`: the file's path below the root it was found under (its
  // name when given directly), which names the rows of a table.
  void dispatch(const fs::path& file, bool from_walk, const std::string& relative) {
    const std::string& format = context_.options.format;
    const std::string name = file.string();
    if (format == "auto" || format == "ungdc") {
      if (auto root = UngdcLayout::root_of_speech(file)) {
        layout(*root).read_speech(file, from_walk);
        return;
      }
      if (UngdcLayout::is_speaker_table(file)) {
        context_.sink.skipped_file(
            name,
            "speaker table of the UN General Debate layout: metadata read with the "
            "speeches beside it, not statements");
        return;
      }
      if (format == "ungdc") {
        context_.sink.skipped_file(name,
                                   "not a speech file of the UN General Debate layout "
                                   "(TXT/Session NN - YYYY/ISO_NN_YYYY.txt)");
        return;
      }
    }
    std::string id_base =
        (fs::path(relative).parent_path() / fs::path(relative).stem()).generic_string();
    std::string ext = lower_extension(file);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      // A pipe or device can be read once only: no sniffing, the canonical
      // stream format unless the name or --format says otherwise.
      if (format == "page") return read_page(file, context_);
      if (format == "ministry-json") return read_ministry_json(file, context_);
      if (format == "csv" || (format == "auto" && ext == ".csv"))
        return read_table(file, ',', context_, id_base);
      if (format == "tsv" || (format == "auto" && ext == ".tsv"))
        return read_table(file, '\t', context_, id_base);
      return read_jsonl(file, context_);
    }
    OpenedFile opened;
    open_file(file, opened);
    if (!opened.error.empty()) return unreadable(file, opened.error);
    // Text in UTF-16 or UTF-32 is read through a converter, as its UTF-8
    // twin would be.
    std::string charset = wide_charset(opened.head);
    std::string head = charset.empty() ? opened.head : to_utf8(opened.head, charset).value_or("");
    Reader reader = choose(file, ext, head, charset.empty() ? opened.head : std::string_view());
    if (reader == Reader::kNone) return;
    if (reader == Reader::kPage) return read_page(file, context_);  // read whole, converted
    read(file, reader, opened.in, charset, id_base);
  }

  // The reader for a regular file, from --format or from the start of its
  // text (`head`, in UTF-8) and its name; `raw` is its first bytes when
  // they may be binary. Reports why a file is skipped.
  Reader choose(const fs::path& file, const std::string& ext, std::string_view head,
                std::string_view raw) {
    const std::string& format = context_.options.format;
    if (format == "jsonl") return Reader::kJsonl;
    if (format == "ministry-json") return Reader::kMinistryJson;
    if (format == "page") return Reader::kPage;
    if (format == "csv") return Reader::kCsv;
    if (format == "tsv") return Reader::kTsv;
    const std::string name = file.string();
    if (core::trim_ascii(head).empty()) {
      context_.sink.skipped_file(name, "empty file");
    } else if (std::string kind = binary_kind(raw); !kind.empty()) {
      context_.sink.skipped_file(name, "binary file (" + kind + "), not text");
    } else if (ext == ".jsonl" || ext == ".ndjson" || starts_like_jsonl(head)) {
      return Reader::kJsonl;
    } else if (looks_like_ministry_json(head)) {
      return Reader::kMinistryJson;
    } else if (ext == ".json") {
      context_.sink.skipped_file(
          name,
          "JSON that is not an array of statement objects with a content, body or text "
          "field, nor one statement object per line");
    } else if (looks_like_html(head)) {
      return Reader::kPage;
    } else if (ext == ".csv") {
      return Reader::kCsv;
    } else if (ext == ".tsv" || ext == ".tab") {
      return Reader::kTsv;
    } else if (looks_like_page(head, context_.gazetteer)) {
      return Reader::kPage;
    } else {
      context_.sink.skipped_file(
          name,
          "not a statement: text without a statement page's header (issuer, title, "
          "date line); use --format page to index it as one");
    }
    return Reader::kNone;
  }

  // Reads an open file (at its start) with a record reader, through a
  // converter from `charset` when it is not "" (UTF-8).
  void read(const fs::path& file, Reader reader, std::ifstream& in, const std::string& charset,
            const std::string& id_base) {
    const char* format = reader == Reader::kJsonl          ? "jsonl"
                         : reader == Reader::kMinistryJson ? "ministry-json"
                         : reader == Reader::kCsv          ? "csv"
                                                           : "tsv";
    Provenance where{file.string(), 0, 0, format};
    std::optional<Utf8DecodingBuf> decoded;
    std::optional<std::istream> text;
    if (charset.empty()) {
      text.emplace(in.rdbuf());
    } else {
      decoded.emplace(*in.rdbuf(), charset);
      text.emplace(&*decoded);
    }
    switch (reader) {
      case Reader::kJsonl:
        read_jsonl(*text, where, context_);
        break;
      case Reader::kMinistryJson:
        read_ministry_json(*text, where, folder_name(file), context_);
        break;
      default:
        read_table(*text, reader == Reader::kCsv ? ',' : '\t', where, folder_name(file), context_,
                   id_base);
    }
    if (text->bad() || in.bad()) {
      context_.problem("unreadable-file", where, "",
                       "reading the file failed part of the way (an I/O error); what was read "
                       "before is indexed, and the statements indexed from it before are kept",
                       true);
    }
    if (decoded && decoded->replaced()) {
      context_.problem("invalid-encoding", where, "",
                       std::to_string(decoded->replaced()) + " byte sequence(s) that are not " +
                           charset +
                           " replaced by U+FFFD; indexed anyway, re-export the file "
                           "to keep the original characters",
                       false);
    }
  }

  const Context& context_;
  Walker walker_;
  std::map<fs::path, std::unique_ptr<UngdcLayout>> layouts_;
  std::vector<fs::path> walked_;
};

}  // namespace

void Context::emit(Statement statement, const Provenance& where) const {
  for (const auto& [field, value] : options.set)
    set_field(statement, field, value);  // validated up front
  sink.statement(std::move(statement), where);
}

bool is_record_field(std::string_view f) {
  return f == "id" || f == "body" || f == "title" || f == "date" || f == "country" ||
         f == "ministers" || f == "minister" || f == "mentions" || f == "language" || f == "role" ||
         f == "source" || f == "url";
}

bool set_field(Statement& s, std::string_view field, std::string_view value) {
  if (field == "id")
    s.id = value;
  else if (field == "body")
    s.body = value;
  else if (field == "title")
    s.title = value;
  else if (field == "country")
    s.country = value;
  else if (field == "ministers" || field == "minister")
    s.ministers = split_list(value);
  else if (field == "mentions")
    s.mentions = split_list(value);
  else if (field == "language")
    s.language = value;
  else if (field == "role")
    s.role = value;
  else if (field == "source")
    s.source = value;
  else if (field == "url")
    s.url = value;
  else if (field == "date") {
    auto d = Date::parse(value);
    if (!d) return false;
    s.date = *d;
  }
  return true;
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data;
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (!ec) data.reserve(size);
  data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  std::string charset = wide_charset(std::string_view(data).substr(0, kSniffBytes));
  if (!charset.empty()) {
    if (auto text = to_utf8(data, charset)) return text;
  }
  return data;
}

std::string folder_name(const fs::path& file) {
  fs::path parent = file.parent_path();
  if (parent.empty()) parent = fs::current_path();
  return fs::absolute(parent).lexically_normal().filename().string();
}

}  // namespace ingest

void import_paths(const std::vector<std::string>& paths, const ImportOptions& options,
                  RecordSink& sink) {
  ingest::validate(options);
  const Gazetteer& gazetteer = options.gazetteer ? *options.gazetteer : Gazetteer::builtin();
  ingest::Context context{options, gazetteer, sink};
  ingest::Dispatcher dispatcher(context);
  for (const auto& path : paths) dispatcher.import(path);
  dispatcher.finish();
}

}  // namespace communique
