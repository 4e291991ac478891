#include "server/server.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <thread>

#include "cli/output.h"
#include "core/ascii.h"
#include "server/assets.h"
#include "server/connection_queue.h"
#include "server/handlers.h"
#include "server/search_workers.h"

namespace communique::server {

namespace {

// Kept small: no endpoint takes a body.
constexpr std::size_t kMaxBodyBytes = 16 * 1024;
// Seconds an idle keep-alive connection keeps its connection thread.
constexpr time_t kKeepAliveSeconds = 2;

// What the page may load and run: its own files, nothing inline, nothing
// from elsewhere. (SVG and its attributes are markup, not style.)
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

enum class Kind { kApi, kPage };  // how a route answers failures: JSON or HTML

struct Route {
  const char* pattern;  // a regular expression over the whole decoded path
  Kind kind;
  Reply (*handler)(Searcher&, const Request&);
};

// Every endpoint that reads the index. A new library call becomes an
// endpoint by one row here and its handler in handlers.h: /api/trend and
// /api/kwic when Searcher has trend() and kwic().
constexpr Route kRoutes[] = {
    {"/api/search", Kind::kApi, api_search}, {"/api/statement/(.+)", Kind::kApi, api_statement},
    {"/api/stats", Kind::kApi, api_stats},   {"/healthz", Kind::kApi, api_health},
    {"/", Kind::kPage, page_search},         {"/statement/(.+)", Kind::kPage, page_statement},
};

bool is_api_path(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/healthz";
}

// When the request being served on this thread started.
thread_local std::optional<std::chrono::steady_clock::time_point> tls_started;

// The path as logged: control bytes (a decoded %0A) cannot forge lines.
std::string printable(const std::string& path) {
  std::string out = path;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return out;
}

bool has_dot_dot_segment(const std::string& path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find_first_of("/\\", start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0) return true;
    start = end + 1;
  }
  return false;
}

void write_reply(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  res.set_content(reply.body, reply.content_type);
}

Reply error_reply(Kind kind, int status, const std::string& message, const Request& request) {
  return kind == Kind::kApi ? json_reply(status, cli::error_json(message))
                            : page_error(status, message, request);
}

Request to_request(const httplib::Request& req) {
  Request r;
  r.path = req.path;
  r.params.insert(req.params.begin(), req.params.end());
  for (std::size_t i = 1; i < req.matches.size(); ++i) r.captures.push_back(req.matches[i].str());
  return r;
}

}  // namespace

std::string read_token_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InvalidArgument("cannot read the token file " + path);
  std::string line;
  std::getline(in, line);
  auto first = line.find_first_not_of(" \t\r\n");
  auto last = line.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) {
    throw InvalidArgument("the token file " + path +
                          " holds no token on its first line; write one there (e.g. `openssl "
                          "rand -hex 32 > " +
                          path + "`)");
  }
  return line.substr(first, last - first + 1);
}

bool same_secret(const std::string& secret, const std::string& given) {
  unsigned char diff = secret.size() != given.size();
  for (std::size_t i = 0; i < secret.size(); ++i) {
    unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    diff |= static_cast<unsigned char>(secret[i]) ^ g;
  }
  return diff == 0;
}

struct Server::Impl {
  ServeOptions options;
  unsigned threads;
  SearchWorkers workers;
  httplib::Server http;
  int port = 0;

  explicit Impl(ServeOptions o)
      : options(std::move(o)),
        threads(options.threads ? options.threads
                                : std::max(1u, std::thread::hardware_concurrency())),
        workers(options.db, threads) {
    // Connection threads mostly wait on sockets and on the workers: more
    // of them than workers, so that idle keep-alive connections do not
    // keep requests from the searchers.
    std::size_t connections = 4 * std::size_t{threads} + 8;
    std::size_t queue = options.queue;
    http.new_task_queue = [connections, queue] { return new ConnectionQueue(connections, queue); };
    http.set_keep_alive_max_count(1000);
    http.set_keep_alive_timeout(kKeepAliveSeconds);
    http.set_payload_max_length(kMaxBodyBytes);
    // Answers are written in more than one piece: without this, Nagle's
    // algorithm holds the last one back for the client's delayed ACK.
    http.set_tcp_nodelay(true);
    // Not the library's default SO_REUSEPORT, with which a second server
    // would share the port silently instead of failing to bind.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
    http.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return admit(req, res); });
    for (const Route& route : kRoutes) {
      http.Get(route.pattern, [this, &route](const httplib::Request& req, httplib::Response& res) {
        serve(route, req, res);
      });
    }
    http.Get("/assets/([^/]+)",
             [](const httplib::Request& req, httplib::Response& res) { serve_asset(req, res); });
    // Failures the routes did not answer themselves (no such path; an
    // over-long request line or body refused by the library).
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string message = res.status == 404   ? "no such page: " + printable(req.path)
                            : res.status == 413 ? "request body too large (at most " +
                                                      std::to_string(kMaxBodyBytes) + " bytes)"
                            : res.status == 414 ? "request line too long"
                                                : "bad request";
      Reply reply = is_api_path(req.path) || req.path.empty()
                        ? json_reply(res.status, cli::error_json(message))
                        : page_error(res.status, message, to_request(req));
      res.set_content(reply.body, reply.content_type);
    });
    http.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
          res.status = 500;
          res.set_content(cli::error_json("internal error serving " + printable(req.path)) + "\n",
                          "application/json; charset=utf-8");
        });
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      double ms = 0;
      if (tls_started) {
        ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                       *tls_started)
                 .count();
      }
      tls_started.reset();
      spdlog::info("{} {} {} {:.1f} ms", req.method.empty() ? "-" : req.method,
                   req.path.empty() ? "-" : printable(req.path), res.status, ms);
    });
  }

  // Before routing: the checks every request passes, whatever its path.
  httplib::Server::HandlerResponse admit(const httplib::Request& req, httplib::Response& res) {
    using R = httplib::Server::HandlerResponse;
    tls_started = std::chrono::steady_clock::now();
    auto refuse = [&](int status, const std::string& message) {
      write_reply(json_reply(status, cli::error_json(message)), res);
      return R::Handled;
    };
    if (ConnectionQueue::overflowing()) {
      res.set_header("Retry-After", "1");
      res.set_header("Connection", "close");
      return refuse(503, "server busy: every connection thread is taken and " +
                             std::to_string(options.queue) + " connections wait; try again");
    }
    if (!options.token.empty()) {
      const std::string prefix = "bearer ";  // the scheme, in any case
      std::string header = req.get_header_value("Authorization");
      bool bearer = core::ascii_lower(std::string_view(header).substr(0, prefix.size())) == prefix;
      if (!bearer || !same_secret(options.token, header.substr(prefix.size()))) {
        res.set_header("WWW-Authenticate", "Bearer");
        return refuse(401, bearer ? "wrong token in the Authorization header"
                                  : "this server needs an Authorization: Bearer TOKEN header "
                                    "(the token of its --token-file)");
      }
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      return refuse(405, req.method + " is not allowed: this server only reads (GET, HEAD)");
    }
    if (has_dot_dot_segment(req.path)) {
      Reply reply = is_api_path(req.path) ? json_reply(404, cli::error_json("no such page"))
                                          : page_error(404, "no such page", Request{});
      write_reply(reply, res);
      return R::Handled;
    }
    return R::Unhandled;
  }

  void serve(const Route& route, const httplib::Request& req, httplib::Response& res) {
    Request request = to_request(req);
    Reply reply;
    try {
      reply = workers.run([&](Searcher& s) { return route.handler(s, request); });
    } catch (const std::exception& e) {
      int status = status_of(e);
      if (status >= 500) spdlog::warn("{} {}: {}", req.method, printable(req.path), e.what());
      reply = error_reply(route.kind, status, e.what(), request);
      if (status == 503) reply.headers.emplace_back("Retry-After", "5");
    }
    write_reply(reply, res);
  }

  static void serve_asset(const httplib::Request& req, httplib::Response& res) {
    const Asset* asset = find_asset(req.matches[1].str());
    if (!asset) {
      res.status = 404;  // answered by the error handler
      return;
    }
    // Pages link assets as NAME?v=VERSION: such a URL never changes.
    bool versioned = req.get_param_value("v") == asset->version;
    res.set_header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
    res.set_content(std::string(asset->body), std::string(asset->content_type));
  }
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;

void Server::bind() {
  auto& o = impl_->options;
  errno = 0;
  int port = o.port == 0 ? impl_->http.bind_to_any_port(o.bind)
                         : (impl_->http.bind_to_port(o.bind, o.port) ? o.port : -1);
  if (port < 0) {
    std::string why = errno ? std::strerror(errno) : "not an address of this machine";
    throw IoError("cannot listen on " + o.bind + ":" + std::to_string(o.port) + ": " + why);
  }
  impl_->port = port;
}

int Server::port() const { return impl_->port; }

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace communique::server
