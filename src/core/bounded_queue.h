// A blocking FIFO of bounded capacity for handing work between threads.

#ifndef COMMUNIQUE_CORE_BOUNDED_QUEUE_H_
#define COMMUNIQUE_CORE_BOUNDED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>

namespace communique::core {

// Bounded both in items and in total weight (bytes of text, say), so that
// a run of huge items cannot pile up in memory. An item heavier than the
// whole budget is still admitted when the queue is empty.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity,
                        std::size_t max_weight = std::numeric_limits<std::size_t>::max())
      : capacity_(capacity), max_weight_(max_weight) {}

  // Blocks while full. Returns false (dropping `item`) once closed.
  bool push(T item, std::size_t weight = 0) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] {
      bool fits =
          items_.size() < capacity_ && weight_ <= max_weight_ && weight <= max_weight_ - weight_;
      return closed_ || items_.empty() || fits;
    });
    if (closed_) return false;
    items_.emplace_back(std::move(item), weight);
    weight_ += weight;
    not_empty_.notify_one();
    return true;
  }

  // Blocks while empty and open. nullopt once closed and drained.
  std::optional<T> pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front().first);
    weight_ -= items_.front().second;
    items_.pop_front();
    not_full_.notify_all();
    return item;
  }

  // No more pushes; pop() drains what is left, then returns nullopt.
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::pair<T, std::size_t>> items_;
  std::size_t capacity_;
  std::size_t max_weight_;
  std::size_t weight_ = 0;
  bool closed_ = false;
};

}  // namespace communique::core

#endif  // COMMUNIQUE_CORE_BOUNDED_QUEUE_H_
