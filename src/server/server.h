// `communique serve`: one index, searched by many people over HTTP, from
// the search page and through the JSON API (see README, "Serving a team").
// Built on cpp-httplib (Debian's libcpp-httplib-dev); read-only.

#ifndef COMMUNIQUE_SERVER_SERVER_H_
#define COMMUNIQUE_SERVER_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

namespace communique::server {

struct ServeOptions {
  std::string db;                  // the index (as for `communique search`)
  std::string bind = "127.0.0.1";  // address to listen on
  int port = 8080;                 // 0: any free port (see Server::port())
  unsigned threads = 0;            // searches at once; 0: one per core
  // Connections beyond those being served that may wait for a thread;
  // past this, a connection is answered 503 at once.
  std::size_t queue = 64;
  // When not empty, every request needs "Authorization: Bearer TOKEN".
  std::string token;
};

class Server {
 public:
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address. Throws IoError naming it when it cannot be bound
  // (in use, not an address of this machine, a privileged port).
  void bind();

  // The port bound (the one chosen, after bind() with port 0).
  int port() const;

  // Serves until stop(); call after bind().
  void run();

  // Makes run() return once the requests in progress are answered. Safe
  // from any thread (not from a signal handler).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The token in `path`: its first line without surrounding white space.
// Throws InvalidArgument when the file cannot be read or holds no token.
std::string read_token_file(const std::string& path);

// Whether `given` equals `secret`, in a time that depends on the length of
// `secret` only, not on where they differ.
bool same_secret(const std::string& secret, const std::string& given);

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_SERVER_H_
