// The JSON endpoints. Every object is written by src/cli/output.h, so the
// server and `communique ... --json` answer in one schema.

#include <charconv>

#include "cli/output.h"
#include "server/handlers.h"

namespace communique::server {

std::string Request::param(std::string_view name) const {
  auto it = params.find(std::string(name));
  return it == params.end() ? std::string() : it->second;
}

Reply json_reply(int status, std::string body) {
  body += '\n';
  return {status, "application/json; charset=utf-8", std::move(body), {}};
}

Reply html_reply(int status, std::string body) {
  return {status, "text/html; charset=utf-8", std::move(body), {}};
}

int status_of(const std::exception& e) {
  if (auto* h = dynamic_cast<const HttpError*>(&e)) return h->status();
  if (dynamic_cast<const InvalidArgument*>(&e)) return 400;  // QuerySyntaxError too
  if (dynamic_cast<const NotFound*>(&e)) return 404;
  if (dynamic_cast<const IoError*>(&e)) return 503;
  return 500;
}

std::string query_param(const Request& request, bool required) {
  std::string q = request.param("q");
  if (q.size() > kMaxQueryBytes) {
    throw InvalidArgument("query is " + std::to_string(q.size()) + " bytes long; this server " +
                          "accepts at most " + std::to_string(kMaxQueryBytes));
  }
  if (required && q.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InvalidArgument(
        "no query: give one as ?q=WORDS (words, \"phrases\", field:value "
        "filters)");
  }
  return q;
}

std::size_t count_param(const Request& request, std::string_view name, std::size_t fallback,
                        std::size_t max) {
  std::string text = request.param(name);
  if (text.empty()) return fallback;
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw InvalidArgument(std::string(name) + "=" + text + " is not a whole number");
  }
  if (value > max) {
    throw InvalidArgument(std::string(name) + "=" + text + " is more than this server allows (" +
                          std::to_string(max) + ")");
  }
  return value;
}

Reply api_search(Searcher& searcher, const Request& request) {
  std::string q = query_param(request, true);
  SearchOptions options;  // the defaults of `communique search`
  options.limit = count_param(request, "limit", options.limit, kMaxLimit);
  options.offset = count_param(request, "offset", options.offset, kMaxOffset);
  options.passages = count_param(request, "passages", options.passages, kMaxPassages);
  // 0 = every value, as with --facets 0; bounded by the index itself.
  options.facet_limit = count_param(request, "facets", options.facet_limit, SIZE_MAX);
  try {
    return json_reply(200, cli::result_json(searcher.search(q, options), false));
  } catch (const QuerySyntaxError& e) {  // as a failed query of --batch --json
    return json_reply(400, cli::error_json(q, e.what()));
  }
}

Reply api_statement(Searcher& searcher, const Request& request) {
  std::string q = query_param(request, false);
  std::size_t passages = count_param(request, "passages", 3, kMaxPassages);
  return json_reply(200,
                    cli::statement_json(searcher.statement(request.captures.at(0), q, passages)));
}

Reply api_stats(Searcher& searcher, const Request&) {
  return json_reply(200, cli::stats_json(searcher.stats()));
}

Reply api_health(Searcher&, const Request&) {
  // Reaching here means the worker's searcher opened or reopened the index.
  return json_reply(200, R"({"status":"ok"})");
}

}  // namespace communique::server
