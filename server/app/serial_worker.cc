#include "server/app/serial_worker.h"

namespace ffsb::app {

SerialWorker::SerialWorker() : thread_([this] { Loop(); }) {}

SerialWorker::~SerialWorker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void SerialWorker::Adopt(std::function<void()> finish) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(finish));
  }
  cv_.notify_one();
}

void SerialWorker::Loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

}  // namespace ffsb::app
