// Delivers app webhooks (contract §8): POST application/json with Basic auth
// (accessId:accessPassword), one attempt, no retry on 4xx/5xx or errors (as
// the real service). Beyond the real service each delivery is signed
// (signature.h) and carries FlipFlop-Delivery-Id and FlipFlop-Event-Type.
// See docs/webhooks.md.
//
// Ordering: one FIFO queue per app, served by at most one worker at a time,
// so deliveries are in order per app (hence per entity). Different apps are
// served in parallel by a pool of `threads` workers: a slow or hanging
// receiver holds at most one worker (for at most `timeout` per delivery), so
// it never delays another app while fewer than `threads` apps are slow.
//
// Bounded: an app's queue holds at most max_queue_per_app pending deliveries;
// when full the oldest is dropped (recorded, logged first and every 100th).
//
// Records: the last recent_per_app deliveries of each app (ok, failed or
// dropped) are kept in memory; the observer, if set, sees every record on a
// worker thread, in order per app for attempted deliveries (drops are reported
// from the enqueuing thread). It must not call back into the dispatcher's
// Stop().
//
// Thread-safety: every public method may be called from any thread. Stop()
// (also run by the destructor) lets in-flight deliveries finish (each bounded
// by the timeout; injected delays are cut short) and drops what is queued.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/base/random.h"
#include "server/base/status.h"
#include "server/notify/callback_url.h"
#include "server/notify/delivery.h"
#include "server/notify/fault_injector.h"
#include "server/notify/webhook_event.h"

namespace ffsb::notify {

struct DispatcherOptions {
  int threads = 4;
  Micros timeout = 5'000'000;
  size_t max_queue_per_app = 1000;
  size_t recent_per_app = 100;
  const Clock* clock = nullptr;  // nullptr: SystemClock. Signature t and record times.
  Random* random = nullptr;      // nullptr: SecureRandom. Delivery ids (called under a lock).
  std::string user_agent = "ffsandbox-webhook/1";
};

class WebhookDispatcher {
 public:
  using Observer = std::function<void(const DeliveryRecord&)>;

  explicit WebhookDispatcher(DispatcherOptions options = {});
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  // Queues one delivery. body_json is sent byte for byte; its "type" names the
  // event (FlipFlop-Event-Type). Errors: INVALID_REQUEST_PARAMETER (bad url,
  // body not a JSON object with a string "type"), SERVICE_UNAVAILABLE (stopped).
  // An empty callback url is not an error: nothing is sent (the app has no
  // webhooks) and Ok is returned.
  Status Enqueue(int64_t app_id, const CallbackConfig& callback, std::string entity_key, std::string body_json);
  Status Enqueue(int64_t app_id, const CallbackConfig& callback, const WebhookEvent& event);

  // Newest first, at most recent_per_app.
  std::vector<DeliveryRecord> RecentDeliveries(int64_t app_id) const;
  // Deliveries queued and not yet started.
  size_t Pending(int64_t app_id) const;

  void SetObserver(Observer observer);
  FaultInjector& faults() { return faults_; }

  // Blocks until every queue is empty and nothing is in flight, or timeout
  // (real time) passes. True when idle.
  bool WaitIdle(Micros timeout);

  // Idempotent. Enqueue fails afterwards.
  void Stop();

 private:
  struct Job {
    std::string id;
    int64_t app_id;
    CallbackConfig callback;
    CallbackUrl url;
    std::string event_type;
    std::string entity_key;
    std::string body;
  };
  struct AppState {
    std::deque<Job> queue;
    bool scheduled = false;  // in ready_ or being served by a worker
    std::deque<DeliveryRecord> recent;  // newest at front
    uint64_t dropped = 0;
  };

  void WorkerLoop();
  DeliveryRecord Deliver(const Job& job);
  // Interruptible by Stop(). Returns false when stopped while waiting.
  bool SleepMs(int ms);
  DeliveryRecord DropRecord(const Job& job, const char* why) const;
  void RememberLocked(const DeliveryRecord& r);
  void Notify(const std::vector<DeliveryRecord>& records);

  DispatcherOptions opt_;
  SystemClock system_clock_;
  SecureRandom secure_random_;
  const Clock* clock_;
  Random* random_;
  FaultInjector faults_;
  Logger log_{"notify"};

  mutable std::mutex mu_;
  std::condition_variable work_cv_;   // ready_ non-empty or stopping_
  std::condition_variable idle_cv_;   // a delivery finished
  std::condition_variable stop_cv_;   // stopping_ (cuts injected delays)
  std::map<int64_t, AppState> apps_;  // GUARDED_BY(mu_)
  std::deque<int64_t> ready_;         // GUARDED_BY(mu_): apps with work, no worker
  int in_flight_ = 0;                 // GUARDED_BY(mu_)
  bool stopping_ = false;             // GUARDED_BY(mu_)
  Observer observer_;                 // GUARDED_BY(mu_) (copied out to call)
  std::vector<std::thread> workers_;
};

}  // namespace ffsb::notify
