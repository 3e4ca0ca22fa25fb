// Fault hook for the sandbox chaos API: make webhook deliveries fail or be
// late, without touching the receiver. A fault applies to the next `count`
// deliveries, or to every delivery for `duration`, or both (whichever ends
// first); scoped to one app or to all. Faults are consulted in the order
// they were added; the first one that matches a delivery applies to it.
//
//   kFail:  the delivery is recorded as failed with error "injected fault"
//           and nothing is sent (no retry, like any failure).
//   kDelay: the delivery waits delay_ms, then is sent normally.
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "server/base/clock.h"

namespace ffsb::notify {

struct FaultSpec {
  enum class Kind { kFail, kDelay };
  Kind kind = Kind::kFail;
  std::optional<int64_t> app_id;  // nullopt: every app
  int count = 0;                  // > 0: the next `count` deliveries; 0: no count limit
  Micros duration = 0;            // > 0: until now + duration; 0: no time limit
  int delay_ms = 0;               // kDelay only
};
// REQUIRES (checked by Add): count > 0 or duration > 0; delay_ms >= 0.

struct FaultAction {
  bool fail = false;
  int delay_ms = 0;
};

class FaultInjector {
 public:
  explicit FaultInjector(const Clock* clock) : clock_(clock) {}

  // false when the spec has neither a count nor a duration (it would never end).
  bool Add(const FaultSpec& spec);
  void Clear();
  // Faults still active (expired ones are pruned).
  size_t ActiveCount();

  // Called once per delivery: consumes one use of the first matching fault.
  std::optional<FaultAction> Next(int64_t app_id);

 private:
  struct Active {
    FaultSpec spec;
    int remaining;     // 0: unlimited
    Micros deadline;   // monotonic; 0: none
  };
  void PruneLocked(Micros now);

  const Clock* clock_;
  std::mutex mu_;
  std::vector<Active> faults_;  // GUARDED_BY(mu_)
};

}  // namespace ffsb::notify
