// The threads that search. Each holds its own Searcher (a Searcher is not
// thread-safe) and calls reopen() on it before every request, so that
// updates, rebuilds and compactions by the batch scripts are seen by the
// next request without a restart, and a request in progress keeps the
// committed state it started on.
//
// They are apart from the HTTP library's connection threads on purpose: a
// browser's idle keep-alive connection holds a connection thread for
// seconds, and must not hold a searcher (and a core) with it.

#ifndef COMMUNIQUE_SERVER_SEARCH_WORKERS_H_
#define COMMUNIQUE_SERVER_SEARCH_WORKERS_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "communique/searcher.h"
#include "server/handlers.h"

namespace communique::server {

class SearchWorkers {
 public:
  // Starts `threads` workers on the index at `db`. Each opens its Searcher
  // at its first request, so a server may start before its index exists.
  SearchWorkers(std::string db, unsigned threads);
  // Lets the jobs already queued finish, then joins the workers.
  ~SearchWorkers();
  SearchWorkers(const SearchWorkers&) = delete;
  SearchWorkers& operator=(const SearchWorkers&) = delete;

  // Runs `job` on a worker, with that worker's Searcher at the index's
  // latest committed state, and waits for it. Returns what the job
  // returned and rethrows what it threw; throws HttpError 503 when the
  // worker cannot open or reopen the index (the next job tries afresh).
  // Thread-safe. Jobs wait in arrival order; how many can wait is bounded
  // by the callers (the connection threads, each waiting for one).
  Reply run(std::function<Reply(Searcher&)> job);

 private:
  struct Job;
  void work();

  std::string db_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_SEARCH_WORKERS_H_
