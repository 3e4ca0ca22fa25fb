// AutoEnd: the app setting autoEndAfterInactiveSeconds (beyond the real
// service; off when 0): a broadcast whose ingest stayed down that long
// (room LIVE_INACTIVE) is ended as if the app had called the end control,
// so its recording is archived.
//
// Threading: OnEvent from any thread records when a room went inactive; one
// timer thread, owned here, checks every `tick` and calls Control without
// holding the lock. Ownership: borrows Control and Clock (must outlive it).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/control/control.h"

namespace ffsb::app {

class AutoEnd final : public control::EventListener {
 public:
  AutoEnd(control::Control& control, const Clock& clock,
          std::chrono::milliseconds tick = std::chrono::milliseconds(500));
  ~AutoEnd() override;

  void OnEvent(const control::DomainEvent& event) override;
  void Stop();

 private:
  struct Inactive {
    domain::Id app_id = 0;
    Micros since = 0;
  };
  void Loop();
  void Check();

  control::Control& control_;
  const Clock& clock_;
  const std::chrono::milliseconds tick_;
  Logger log_{"auto_end"};
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<domain::Id, Inactive> inactive_;  // GUARDED_BY(mu_): room id ->
  bool stopping_ = false;                    // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace ffsb::app
