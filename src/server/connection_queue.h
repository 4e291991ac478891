// The HTTP library's connection threads, with a bound on the connections
// that wait for one: past it, a connection is answered 503 at once by a
// thread of its own instead of queueing without end.

#ifndef COMMUNIQUE_SERVER_CONNECTION_QUEUE_H_
#define COMMUNIQUE_SERVER_CONNECTION_QUEUE_H_

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace communique::server {

class ConnectionQueue : public httplib::TaskQueue {
 public:
  // `threads` connections are served at once; `max_waiting` more may wait.
  ConnectionQueue(std::size_t threads, std::size_t max_waiting);
  ~ConnectionQueue() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // True on the thread that serves the connections over the bound: the
  // server answers their requests 503 without doing them.
  static bool overflowing();

 private:
  struct Lane {
    std::deque<std::function<void()>> jobs;
    std::vector<std::thread> threads;
  };
  void work(Lane& lane, bool overflow);

  std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
  std::size_t idle_ = 0;  // connection threads waiting for a job
  Lane main_, overflow_;
};

}  // namespace communique::server

#endif  // COMMUNIQUE_SERVER_CONNECTION_QUEUE_H_
