#include "server/search_workers.h"

#include <future>
#include <optional>

namespace communique::server {

struct SearchWorkers::Job {
  std::function<Reply(Searcher&)> fn;
  std::promise<Reply> done;
};

SearchWorkers::SearchWorkers(std::string db, unsigned threads) : db_(std::move(db)) {
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) threads_.emplace_back([this] { work(); });
}

SearchWorkers::~SearchWorkers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

Reply SearchWorkers::run(std::function<Reply(Searcher&)> job) {
  Job j{std::move(job), {}};
  std::future<Reply> result = j.done.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(&j);
  }
  ready_.notify_one();
  return result.get();
}

void SearchWorkers::work() {
  std::optional<Searcher> searcher;
  for (;;) {
    Job* job = nullptr;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to answer
      job = queue_.front();
      queue_.pop_front();
    }
    try {
      try {
        if (searcher)
          searcher->reopen();
        else
          searcher.emplace(db_);
      } catch (const Error& e) {
        searcher.reset();  // open afresh next time: the index may be back by then
        throw HttpError(503, e.what());
      }
      job->done.set_value(job->fn(*searcher));
    } catch (const IoError&) {
      // The index under this searcher failed to read: open afresh next time.
      searcher.reset();
      job->done.set_exception(std::current_exception());
    } catch (const CorruptIndex&) {
      searcher.reset();
      job->done.set_exception(std::current_exception());
    } catch (...) {
      job->done.set_exception(std::current_exception());
    }
  }
}

}  // namespace communique::server
