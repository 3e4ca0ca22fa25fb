// SerialWorker: one thread running jobs in order, for work that must stay off
// the media loop and off the control plane's commit path: waiting for a
// finished CMAF pipeline (its destructor joins a thread), finishing a
// recording (disk), delivering notifications (database reads).
//
// Threading: Adopt() from any thread; the destructor drains and joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace ffsb::app {

class SerialWorker {
 public:
  SerialWorker();
  ~SerialWorker();
  // `job` runs on the worker thread, in submission order; its captures are
  // destroyed there.
  void Adopt(std::function<void()> job);

 private:
  void Loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                    // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace ffsb::app
