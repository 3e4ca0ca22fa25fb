// A broadcaster under remote control: publishes a media source (the
// synthetic test pattern or a file) to an RTMP URL on its own thread and can
// be told, while it runs, to go off air (clean goodbye, TCP reset, or a silent
// stall on the same connection) for a while or until resumed, and to stop.
// The scenario runner and Python's ffsandbox.Broadcaster drive it; `ffemu
// publish` keeps its own loop (publish_session.h) for fixed flap schedules.
//
// Thread-safety: every method may be called from any thread (state under
// mu_); media flows on the broadcaster's own thread. Ownership: owns the
// thread, the source and the RTMP connection; the destructor stops cleanly.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "emulator/media/synthetic_source.h"
#include "emulator/publish/flap_schedule.h"
#include "server/base/clock.h"

namespace ffsb::emu {

struct BroadcasterOptions {
  std::string url;          // rtmp://host:port/app/STREAM_KEY[?mode=...]
  SyntheticOptions media;   // used when source_file is empty
  std::string source_file;  // replay this file (looping) instead
  int timeout_s = 10;       // connect / publish timeout
};

struct BroadcasterStats {
  std::string state = "idle";  // idle | connecting | on | off | stalled | stopped | failed
  uint64_t video_frames = 0;
  uint64_t bytes = 0;
  int connections = 0;  // successful publishes
  int breaks = 0;       // times it went off air
  double seconds = 0;   // since Start
  std::string error;    // why it failed ("" otherwise)
};

class Broadcaster {
 public:
  explicit Broadcaster(BroadcasterOptions o);
  ~Broadcaster();
  Broadcaster(const Broadcaster&) = delete;
  Broadcaster& operator=(const Broadcaster&) = delete;

  // Opens the source, starts the thread and waits until the first publish
  // is accepted (OK) or refused / timed out (error naming the server's code).
  // REQUIRES: not running.
  Status Start();
  // Goes off air and ends the thread. kind: kClean or kAbrupt (kStall acts
  // as kAbrupt). Idempotent.
  void Stop(BreakKind kind = BreakKind::kClean);
  // Goes off air the given way for `seconds` (<= 0: until Resume), then
  // comes back: a new connection after kClean/kAbrupt, the same one after kStall.
  Status GoOff(BreakKind kind, double seconds);
  // Ends an off-air period now.
  void Resume();

  bool running() const { return running_.load(); }
  BroadcasterStats stats() const;
  // Stream keys are secrets: the URL with the stream name redacted.
  std::string redacted_url() const;

 private:
  void Run();
  // Waits out an off-air period; returns false when stopped meanwhile.
  bool StayOff(std::unique_lock<std::mutex>& lock);
  void Finish(const std::string& state, const std::string& error);

  BroadcasterOptions o_;
  SystemClock clock_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> running_{false};
  std::thread thread_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  BroadcasterStats stats_;            // GUARDED_BY(mu_)
  bool start_done_ = false;           // GUARDED_BY(mu_): first publish answered
  Status start_status_;               // GUARDED_BY(mu_)
  bool off_requested_ = false;        // GUARDED_BY(mu_)
  bool resume_requested_ = false;     // GUARDED_BY(mu_)
  BreakKind off_kind_ = BreakKind::kClean;  // GUARDED_BY(mu_)
  Micros off_until_ = 0;              // GUARDED_BY(mu_): 0 = until Resume
  BreakKind stop_kind_ = BreakKind::kClean;  // GUARDED_BY(mu_)
  Micros started_at_ = 0;
};

}  // namespace ffsb::emu
