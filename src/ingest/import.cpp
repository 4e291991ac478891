// import_paths: walks the inputs and hands each file to its importer,
// chosen from the file's layout and first bytes (or ImportOptions::format).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "communique/error.h"
#include "communique/importer.h"
#include "ingest/formats.h"
#include "ingest/metadata.h"

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
    std::string_view item = value.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
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

std::string head_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
}

bool first_line_is_json_object(std::string_view head) {
  std::string copy(head);
  strip_bom(copy);
  std::string_view rest = trim(copy);
  if (rest.empty() || rest.front() != '{') return false;
  std::string_view line = rest.substr(0, rest.find('\n'));
  auto parsed = nlohmann::json::parse(line, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object();
}

std::string lower_extension(const fs::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string normal(const fs::path& p) {
  std::string s = fs::absolute(p).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Whether `inner` is `outer` or lies inside it.
bool within(const fs::path& inner, const fs::path& outer) {
  std::string i = normal(inner), o = normal(outer);
  return i == o || (i.size() > o.size() && i.compare(0, o.size(), o) == 0 && i[o.size()] == '/');
}

class Dispatcher {
 public:
  explicit Dispatcher(const Context& context) : context_(context) {}

  void import(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw NotFound("no such file or directory: " + path);
    if (!fs::is_directory(path, ec)) {
      dispatch(path, /*from_walk=*/false);
      return;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        context_.sink.skipped_file(it->path().string(), "hidden file or folder");
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(it->path());
    }
    if (ec) {
      context_.problem("unreadable-file", Provenance{path, 0, 0, ""}, "",
                       "cannot list folder: " + ec.message() + "; files under it may be missing",
                       false);
    }
    std::sort(files.begin(), files.end());
    walked_.emplace_back(path);
    for (const auto& file : files) dispatch(file, /*from_walk=*/true);
  }

  void finish() {
    for (auto& [key, layout] : layouts_) {
      const fs::path& root = key;  // clang 14 lambdas cannot capture structured bindings
      bool whole = std::any_of(walked_.begin(), walked_.end(), [&](const fs::path& p) {
        return within(root, p) || normal(p) == normal(root / "TXT");
      });
      layout->finish(whole);
    }
  }

 private:
  UngdcLayout& layout(const fs::path& root) {
    auto& slot = layouts_[fs::path(normal(root))];
    if (!slot) slot = std::make_unique<UngdcLayout>(root, context_);
    return *slot;
  }

  void dispatch(const fs::path& file, bool from_walk) {
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
    if (format == "jsonl") return read_jsonl(file, context_);
    if (format == "ministry-json") return read_ministry_json(file, context_);
    if (format == "page") return read_page(file, context_);
    if (format == "csv") return read_table(file, ',', context_);
    if (format == "tsv") return read_table(file, '\t', context_);

    std::string ext = lower_extension(file);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      // A pipe or device can be read once only: no sniffing, the canonical
      // stream format unless the name says otherwise.
      if (ext == ".csv") return read_table(file, ',', context_);
      if (ext == ".tsv") return read_table(file, '\t', context_);
      return read_jsonl(file, context_);
    }
    std::string head = head_of(file);
    if (trim(head).empty()) {
      context_.sink.skipped_file(name, "empty file");
    } else if (head.find('\0') != std::string::npos) {
      context_.sink.skipped_file(name, "binary file, not text");
    } else if (ext == ".jsonl" || ext == ".ndjson" || first_line_is_json_object(head)) {
      read_jsonl(file, context_);
    } else if (looks_like_ministry_json(head)) {
      read_ministry_json(file, context_);
    } else if (ext == ".json") {
      context_.sink.skipped_file(
          name,
          "JSON that is not an array of statement objects with a content, body or text "
          "field, nor one statement object per line");
    } else if (looks_like_html(head)) {
      read_page(file, context_);
    } else if (ext == ".csv") {
      read_table(file, ',', context_);
    } else if (ext == ".tsv" || ext == ".tab") {
      read_table(file, '\t', context_);
    } else if (looks_like_page(head, context_.gazetteer)) {
      read_page(file, context_);
    } else {
      context_.sink.skipped_file(
          name,
          "not a statement: text without a statement page's header (issuer, title, "
          "date line); use --format page to index it as one");
    }
  }

  const Context& context_;
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
