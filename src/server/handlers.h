// What the server answers, independent of the HTTP library: each endpoint
// is a function of the worker's own Searcher and the request, returning
// the reply. They run on a search worker (src/server/search_workers.h);
// routes.cpp maps paths to them and failures to statuses.
//
// Adding an endpoint for a new library call (Searcher::trend for
// /api/trend, kwic for /api/kwic) is one handler here, serialising through
// src/cli/output.h like the others, and one row in routes.cpp's table.

#ifndef COMMUNIQUE_SERVER_HANDLERS_H_
#define COMMUNIQUE_SERVER_HANDLERS_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "communique/error.h"
#include "communique/searcher.h"

namespace communique::server {

// Bounds on what one request may ask for; beyond them it is answered 400
// with a message naming the parameter and the bound.
inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr std::size_t kMaxLimit = 100;
inline constexpr std::size_t kMaxOffset = 10000;
inline constexpr std::size_t kMaxPassages = 20;
// Hits per page of the search page.
inline constexpr std::size_t kPageSize = 10;

struct Request {
  std::string path;                                // decoded
  std::multimap<std::string, std::string> params;  // decoded query parameters
  std::vector<std::string> captures;               // the route's groups, decoded

  // The first value of parameter `name`, or "" when it is absent.
  std::string param(std::string_view name) const;
};

struct Reply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply json_reply(int status, std::string body);
Reply html_reply(int status, std::string body);

// A failure that carries the HTTP status it is answered with (503 for an
// index that cannot be opened, for instance).
class HttpError : public Error {
 public:
  HttpError(int status, const std::string& message) : Error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// The status a failure is answered with: HttpError's own; 400 for a bad
// query or parameter; 404 for an unknown statement; 503 for a shard that
// cannot be reached; 500 otherwise.
int status_of(const std::exception& e);

// Parameters, checked against the bounds above (InvalidArgument naming the
// parameter otherwise). query_param: "q", at most kMaxQueryBytes; with
// `required`, absent or blank is an error too.
std::string query_param(const Request& request, bool required);
std::size_t count_param(const Request& request, std::string_view name, std::size_t fallback,
                        std::size_t max);

// The JSON API (api.cpp): the objects of `communique search --json` and
// `communique stats --json`, through the same serialisers.
Reply api_search(Searcher& searcher, const Request& request);     // /api/search
Reply api_statement(Searcher& searcher, const Request& request);  // /api/statement/ID
Reply api_stats(Searcher& searcher, const Request& request);      // /api/stats
Reply api_health(Searcher& searcher, const Request& request);     // /healthz

// The pages (pages.cpp): server-rendered HTML that works without script.
Reply page_search(Searcher& searcher, const Request& request);     // /?q=
Reply page_statement(Searcher& searcher, const Request& request);  // /statement/ID
// A page saying what went wrong, with the search box.
Reply page_error(int status, const std::string& message, const Request& request);

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_HANDLERS_H_
