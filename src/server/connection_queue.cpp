#include "server/connection_queue.h"

namespace communique::server {

namespace {
thread_local bool tls_overflow = false;
}

ConnectionQueue::ConnectionQueue(std::size_t threads, std::size_t max_waiting)
    : max_waiting_(max_waiting) {
  for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i)
    main_.threads.emplace_back([this] { work(main_, false); });
  overflow_.threads.emplace_back([this] { work(overflow_, true); });
}

ConnectionQueue::~ConnectionQueue() { shutdown(); }

void ConnectionQueue::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    // The job must run either way: it is what closes the socket.
    Lane& lane = main_.jobs.size() < idle_ + max_waiting_ ? main_ : overflow_;
    lane.jobs.push_back(std::move(fn));
  }
  ready_.notify_all();
}

void ConnectionQueue::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && main_.threads.empty()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (Lane* lane : {&main_, &overflow_}) {
    for (auto& t : lane->threads) t.join();
    lane->threads.clear();
  }
}

bool ConnectionQueue::overflowing() { return tls_overflow; }

void ConnectionQueue::work(Lane& lane, bool overflow) {
  tls_overflow = overflow;
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      if (!overflow) ++idle_;
      ready_.wait(lock, [&] { return stopping_ || !lane.jobs.empty(); });
      if (!overflow) --idle_;
      if (lane.jobs.empty()) return;
      job = std::move(lane.jobs.front());
      lane.jobs.pop_front();
    }
    job();
  }
}

}  // namespace communique::server
