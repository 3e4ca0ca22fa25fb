#include "server/notify/fault_injector.h"

#include <algorithm>

namespace ffsb::notify {

bool FaultInjector::Add(const FaultSpec& spec) {
  if (spec.count < 0 || spec.duration < 0 || spec.delay_ms < 0) return false;
  if (spec.count == 0 && spec.duration == 0) return false;
  std::lock_guard<std::mutex> l(mu_);
  Micros deadline = spec.duration > 0 ? clock_->Monotonic() + spec.duration : 0;
  faults_.push_back({spec, spec.count, deadline});
  return true;
}

void FaultInjector::Clear() {
  std::lock_guard<std::mutex> l(mu_);
  faults_.clear();
}

size_t FaultInjector::ActiveCount() {
  std::lock_guard<std::mutex> l(mu_);
  PruneLocked(clock_->Monotonic());
  return faults_.size();
}

void FaultInjector::PruneLocked(Micros now) {
  std::erase_if(faults_, [&](const Active& a) {
    return (a.spec.count > 0 && a.remaining <= 0) || (a.deadline > 0 && now >= a.deadline);
  });
}

std::optional<FaultAction> FaultInjector::Next(int64_t app_id) {
  std::lock_guard<std::mutex> l(mu_);
  PruneLocked(clock_->Monotonic());
  for (Active& a : faults_) {
    if (a.spec.app_id && *a.spec.app_id != app_id) continue;
    if (a.spec.count > 0) --a.remaining;
    FaultAction act;
    act.fail = a.spec.kind == FaultSpec::Kind::kFail;
    act.delay_ms = a.spec.kind == FaultSpec::Kind::kDelay ? a.spec.delay_ms : 0;
    return act;
  }
  return std::nullopt;
}

}  // namespace ffsb::notify
