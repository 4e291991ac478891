#include "cli/serve_command.h"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "cli/app.h"
#include "cli/output.h"
#include "communique/error.h"
#include "communique/searcher.h"

namespace communique::cli {

CLI::App* add_serve_command(CLI::App& app, ServeArgs& va) {
  auto* serve = app.add_subcommand(
      "serve", "serve the index over HTTP: a search page and a JSON API (read-only)");
  serve->add_option("--bind", va.options.bind, "address to listen on")->capture_default_str();
  serve->add_option("--port", va.options.port, "port to listen on (0: any free one)")
      ->capture_default_str()
      ->check(whole_number(0, 65535));
  serve->add_option("--threads", va.options.threads, "searches at once (default: one per core)")
      ->check(whole_number(1, 256));
  serve
      ->add_option("--queue", va.options.queue,
                   "connections that may wait for a thread; more are answered 503")
      ->capture_default_str()
      ->check(whole_number(0, 100000));
  serve->add_option("--token-file", va.token_file,
                    "require \"Authorization: Bearer TOKEN\", TOKEN the first line of this file");
  return serve;
}

int run_serve(const std::string& db, ServeArgs& a) {
  a.options.db = db;
  if (!a.token_file.empty()) a.options.token = server::read_token_file(a.token_file);
  // SIGINT and SIGTERM stop the server once the requests in progress are
  // answered: blocked before any thread starts (threads inherit the mask),
  // then awaited by one thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  server::Server srv(a.options);
  srv.bind();
  try {
    Searcher probe(db);
  } catch (const Error& e) {
    spdlog::warn("{}; answering 503 until the index can be opened", printable(e.what()));
  }
  const std::string& host = a.options.bind;
  spdlog::info("serving {} at http://{}:{}/{}", db,
               host.find(':') == std::string::npos ? host : "[" + host + "]", srv.port(),
               a.options.token.empty() ? "" : " (requests need the token)");
  std::atomic<bool> signalled = false;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    spdlog::info("stopping (signal {})", sig);
    srv.stop();
  });
  srv.run();
  if (!signalled) ::kill(::getpid(), SIGTERM);  // wakes the waiter
  waiter.join();
  return kOk;
}

}  // namespace communique::cli
