#include <algorithm>
#include <filesystem>

#include "communique/error.h"
#include "communique/importer.h"
#include "ingest/formats.h"

namespace communique {

namespace fs = std::filesystem;

namespace ingest {

namespace {

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

}  // namespace

bool is_record_field(std::string_view f) {
  return f == "id" || f == "body" || f == "title" || f == "date" || f == "country" || f == "ministers" ||
         f == "minister" || f == "mentions" || f == "language" || f == "role" || f == "source" || f == "url";
}

bool set_field(Statement& s, std::string_view field, std::string_view value) {
  if (field == "id") s.id = value;
  else if (field == "body") s.body = value;
  else if (field == "title") s.title = value;
  else if (field == "country") s.country = value;
  else if (field == "ministers" || field == "minister") s.ministers = split_list(value);
  else if (field == "mentions") s.mentions = split_list(value);
  else if (field == "language") s.language = value;
  else if (field == "role") s.role = value;
  else if (field == "source") s.source = value;
  else if (field == "url") s.url = value;
  else if (field == "date") {
    auto d = Date::parse(value);
    if (!d) return false;
    s.date = *d;
  }
  return true;
}

}  // namespace ingest

void import_paths(const std::vector<std::string>& paths, const ImportOptions& options, RecordSink& sink) {
  const Gazetteer& gazetteer = options.gazetteer ? *options.gazetteer : Gazetteer::builtin();
  if (options.format != "auto" && options.format != "jsonl") {
    throw InvalidArgument("unknown format \"" + options.format + "\"; use auto or jsonl");
  }
  ingest::Context context{options, gazetteer, sink};
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw NotFound("no such file or directory: " + path);
    std::vector<fs::path> files;
    if (fs::is_directory(path, ec)) {
      for (auto it = fs::recursive_directory_iterator(path, ec); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_regular_file()) files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.emplace_back(path);
    }
    for (const auto& file : files) {
      if (file.extension() == ".jsonl" || file.extension() == ".ndjson" || options.format == "jsonl") {
        ingest::read_jsonl(file, context);
      } else {
        sink.skipped_file(file.string(), "not a recognised statement format");
      }
    }
  }
}

}  // namespace communique
